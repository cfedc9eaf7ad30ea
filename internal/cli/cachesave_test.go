package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStartTogetherHelper is medlint in a child process that waits for
// the file $MEDLINT_TEST_START to exist before it starts, so that several
// children run (and save) at the same instant; it does nothing in a
// normal test run.
func TestStartTogetherHelper(t *testing.T) {
	start := os.Getenv("MEDLINT_TEST_START")
	if os.Getenv("MEDLINT_TEST_HELPER") != "1" || start == "" {
		return
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if _, err := os.Stat(start); err == nil {
			break
		}
	}
	args := strings.Split(os.Getenv("MEDLINT_TEST_ARGS"), "\n")
	os.Exit(Main(args, strings.NewReader(""), os.Stdout, os.Stderr))
}

// TestConcurrentShardsKeepEachOthersEntries is issue 15's item 10 with
// real processes: the shards of one corpus, re-linted at once by separate
// medlint processes sharing one cache directory (a CI matrix on one
// runner), each save the whole cache file with their changed files' new
// entries at the same instant; a later run over the whole corpus must find
// every file in the cache. v0.1.0 lost a shard's entries whenever two
// saves both read the old file before either renamed theirs (every round
// here, under the race detector). The cache is large so that a save takes
// long enough for the processes' saves to overlap.
func TestConcurrentShardsKeepEachOthersEntries(t *testing.T) {
	t.Parallel()
	const shards, files, rounds = 4, 2000, 2
	dir := t.TempDir()
	shardArticles(t, dir, files)
	cacheDir := t.TempDir()
	base := []string{"check", "--now", "2026-11-25", "--format", "json", "--only", "duplicate-heading", "--cache-dir", cacheDir}
	if r := medlintEnv(t, dir, nil, append(base, dir)...); r.code == ExitError {
		t.Fatalf("warm-up run: exit %d\n%s", r.code, r.stderr)
	}
	for round := range rounds {
		changed := 0
		for i := round; i < files; i += 20 {
			writeFile(t, dir, fmt.Sprintf("d%d/sub%d/article-%02d.md", i%3, i%2, i), fmt.Sprintf("# Article %d\n\nChanged in round %d.\n", i, round))
			changed++
		}
		start := filepath.Join(t.TempDir(), "start")
		var procs []*exec.Cmd
		var errs []*bytes.Buffer
		for i := 1; i <= shards; i++ {
			args := append(append([]string(nil), base...), "--shard", fmt.Sprintf("%d/%d", i, shards), dir)
			cmd := exec.Command(os.Args[0], "-test.run=^TestStartTogetherHelper$")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "MEDLINT_TEST_HELPER=1", "MEDLINT_TEST_START="+start, "MEDLINT_TEST_ARGS="+strings.Join(args, "\n"))
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			procs = append(procs, cmd)
			errs = append(errs, &errOut)
		}
		time.Sleep(200 * time.Millisecond) // the children are waiting
		if err := os.WriteFile(start, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		for i, cmd := range procs {
			if err := cmd.Wait(); err != nil && cmd.ProcessState.ExitCode() == ExitError {
				t.Fatalf("round %d, shard %d: %v\n%s", round, i+1, err, errs[i])
			}
		}
		r := medlintEnv(t, dir, nil, append(base, "--cache-stats", dir)...)
		if s := cacheStats(t, r); s != [4]string{fmt.Sprint(files), "0", "0", "0"} {
			t.Fatalf("round %d: after %d shards re-linted %d changed files at once, a full run has %v hits, partial, misses, stored; want %d hits",
				round, shards, changed, s, files)
		}
	}
}
