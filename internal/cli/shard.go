package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/medlint/medlint/internal/result"
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

// record notes in rep which shard it covers (nothing for a whole run), so
// that merge can tell a shard missing or given twice.
func (s *shard) record(rep *result.Report) {
	if s != nil {
		rep.Shard = &result.Shard{Index: s.index, Total: s.total}
	}
}

// checkShards verifies that the inputs of merge are the N distinct shards
// of one run: all or none carry a shard (reports of earlier builds and of
// whole runs carry none), all of the same N, each of 1..N once.
func checkShards(inputs []shardReport) error {
	var sharded, whole []string
	byIndex := map[int]string{}
	first := -1
	for i, in := range inputs {
		sh := in.rep.Shard
		if sh == nil {
			whole = append(whole, in.name)
			continue
		}
		sharded = append(sharded, in.name)
		if first < 0 {
			first = i
		}
		if f := inputs[first]; sh.Total != f.rep.Shard.Total {
			return fmt.Errorf("%s is shard %d of %d but %s shard %d of %d: merge the shards of one run (--shard 1/N ... N/N with one N)",
				f.name, f.rep.Shard.Index, f.rep.Shard.Total, in.name, sh.Index, sh.Total)
		}
		if prev, dup := byIndex[sh.Index]; dup {
			return fmt.Errorf("shard %d of %d is given twice: %s and %s", sh.Index, sh.Total, prev, in.name)
		}
		byIndex[sh.Index] = in.name
	}
	if len(sharded) == 0 {
		return nil
	}
	if len(whole) > 0 {
		return fmt.Errorf("%s is the report of a shard but %s is not (check --shard I/N --format json writes one): merge the shards of one run", sharded[0], whole[0])
	}
	total := inputs[first].rep.Shard.Total
	if len(byIndex) == total {
		return nil
	}
	var missing []string
	for i := 1; i <= total; i++ {
		if _, ok := byIndex[i]; !ok {
			missing = append(missing, strconv.Itoa(i))
		}
	}
	sort.Strings(sharded)
	what := "shard " + missing[0] + " of " + strconv.Itoa(total) + " is"
	if len(missing) > 1 {
		what = "shards " + strings.Join(missing, ", ") + " of " + strconv.Itoa(total) + " are"
	}
	if len(missing) > 10 {
		what = fmt.Sprintf("%d of the %d shards are", len(missing), total)
	}
	return fmt.Errorf("%s missing (given: %s): a shard's report was not downloaded, or its job failed", what, strings.Join(sharded, ", "))
}
