package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// shard is one part of a run split with --shard I/N.
type shard struct {
	index, total int // 1 <= index <= total
}

// maxShards bounds N in --shard I/N.
const maxShards = 10000

// parseShard parses "I/N" (1-based I). The empty string is no sharding.
func parseShard(s string) (*shard, error) {
	if s == "" {
		return nil, nil
	}
	bad := fmt.Errorf("--shard: %q is not I/N with 1 <= I <= N <= %d (e.g. --shard 2/4; in GitLab --shard $CI_NODE_INDEX/$CI_NODE_TOTAL)", s, maxShards)
	is, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return nil, bad
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if err1 != nil || err2 != nil || n < 1 || n > maxShards || i < 1 || i > n {
		return nil, bad
	}
	return &shard{index: i, total: n}, nil
}

// shardOf returns the 1-based shard of n that the file at display path
// belongs to. It hashes the path as reports show it (relative to the
// working directory, with forward slashes), so every machine and operating
// system puts a file in the same shard.
func shardOf(display string, n int) int {
	sum := sha256.Sum256([]byte(display))
	return int(binary.BigEndian.Uint64(sum[:8])%uint64(n)) + 1
}

// contains reports whether the file at display path is in the shard.
func (s *shard) contains(display string) bool {
	return shardOf(display, s.total) == s.index
}
