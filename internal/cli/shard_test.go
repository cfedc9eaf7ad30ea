package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want *shard
	}{
		{"", nil},
		{"1/1", &shard{1, 1}},
		{"2/4", &shard{2, 4}},
		{" 3 / 4 ", &shard{3, 4}},
		{"10000/10000", &shard{10000, 10000}},
	} {
		got, err := parseShard(tc.in)
		if err != nil || (got == nil) != (tc.want == nil) || (got != nil && *got != *tc.want) {
			t.Errorf("parseShard(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"0/4", "5/4", "1/0", "a/b", "1", "/4", "1/", "1/2/3", "-1/2", "1/-2", "1/10001", "1.5/2", "1 of 2"} {
		if _, err := parseShard(in); err == nil {
			t.Errorf("parseShard(%q) succeeded", in)
		}
	}
}

// The assignment of a path to a shard is part of medlint's contract with
// CI configurations: it must not change between releases or platforms.
func TestShardOfIsStable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path       string
		of4, ofSev int
	}{
		{"README.md", 2, 1},
		{"docs/eczema.md", 2, 6},
		{"docs/sub dir/ünïcode.md", 3, 5},
		{"../outside/a.md", 3, 3},
		{"articles/2026/11/flu.markdown", 1, 4},
	} {
		if got := shardOf(tc.path, 4); got != tc.of4 {
			t.Errorf("shardOf(%q, 4) = %d, want %d", tc.path, got, tc.of4)
		}
		if got := shardOf(tc.path, 7); got != tc.ofSev {
			t.Errorf("shardOf(%q, 7) = %d, want %d", tc.path, got, tc.ofSev)
		}
	}
}

func TestShardUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "a.md", "# A\n")
	for _, args := range [][]string{
		{"check", "--shard", "0/3", "a.md"},
		{"check", "--shard", "4/3", "a.md"},
		{"check", "--shard", "x", "a.md"},
		{"check", "--shard", "1/2", "-"},
		{"check", "--shard", "1/2", "--fix", "a.md"},
	} {
		r := medlint(t, dir, "# A\n", args...)
		if r.code != ExitError || !strings.Contains(r.stderr, "--shard") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error about --shard", args, r.code, r.stderr)
		}
	}
}

// shardArticles writes n articles in nested directories, some with
// findings.
func shardArticles(t *testing.T, dir string, n int) {
	t.Helper()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	for i := range n {
		body := fmt.Sprintf("# Article %d\n\n## Part\n\nText.\n", i)
		if i%3 == 0 {
			body += "\n## Part\n\nAgain.\n" // duplicate-heading
		}
		if i%4 == 0 {
			body += "\n• one\n• two\n" // list-format
		}
		writeFile(t, dir, fmt.Sprintf("d%d/sub%d/article-%02d.md", i%3, i%2, i), body)
	}
}

func TestShardsPartitionTheFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shardArticles(t, dir, 40)
	paths := func(args ...string) []string {
		t.Helper()
		r := medlint(t, dir, "", append([]string{"check", "--format", "json", "--now", "2026-11-25", "."}, args...)...)
		if r.code == ExitError {
			t.Fatalf("%v: %s", args, r.stderr)
		}
		var rep struct {
			Paths   []string
			Summary struct{ Files int }
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Summary.Files != len(rep.Paths) {
			t.Fatalf("%d files but %d paths", rep.Summary.Files, len(rep.Paths))
		}
		return rep.Paths
	}
	all := paths()
	if len(all) != 40 {
		t.Fatalf("%d files, want 40", len(all))
	}
	for n := 1; n <= 5; n++ {
		var union []string
		for i := 1; i <= n; i++ {
			part := paths("--shard", fmt.Sprintf("%d/%d", i, n))
			if n > 1 && (len(part) == 0 || len(part) == 40) {
				t.Errorf("shard %d/%d has %d of 40 files: not split", i, n, len(part))
			}
			for _, p := range part {
				if got := shardOf(p, n); got != i {
					t.Errorf("%s is in shard %d/%d but hashes to %d", p, i, n, got)
				}
			}
			union = append(union, part...)
		}
		slices.Sort(union)
		if !slices.Equal(union, all) {
			t.Errorf("the %d shards hold %d files (%v), want each of the 40 exactly once", n, len(union), union)
		}
	}
	// The shard of a file does not depend on how it was named on the
	// command line.
	sub := paths("--shard", "2/3")
	viaDirs := medlint(t, dir, "", "check", "--format", "json", "--shard", "2/3", filepath.Join(dir, "d0"), filepath.Join(dir, "d1"), filepath.Join(dir, "d2"))
	for _, p := range sub {
		if !strings.Contains(viaDirs.stdout, `"`+p+`"`) {
			t.Errorf("%s is in shard 2/3 of . but not of d0 d1 d2", p)
		}
	}
}
