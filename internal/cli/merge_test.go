package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/rules"
)

// shardReports lints dir whole and in n shards (JSON reports written to
// dir/out) and returns the whole run and the shard report paths.
func shardReports(t *testing.T, dir string, n int, extra ...string) (run, []string) {
	t.Helper()
	base := append([]string{"check", "--format", "json", "--now", "2026-11-25"}, extra...)
	whole := medlint(t, dir, "", append(base, ".", filepath.Join(dir, "missing.md"))...)
	var files []string
	for i := 1; i <= n; i++ {
		out := filepath.Join(dir, "out", fmt.Sprintf("shard-%d.json", i))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		r := medlint(t, dir, "", append(base, "--shard", fmt.Sprintf("%d/%d", i, n), "--output", out, ".", filepath.Join(dir, "missing.md"))...)
		if r.code != ExitClean && r.code != ExitFindings && r.code != ExitError {
			t.Fatalf("shard %d: exit %d", i, r.code)
		}
		files = append(files, out)
	}
	return whole, files
}

func TestMergeEqualsTheUnshardedRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shardArticles(t, dir, 30)
	writeFile(t, dir, "big/huge.md", "# Huge\n\n"+strings.Repeat("Text. ", 400)+"\n")
	for _, n := range []int{1, 2, 3, 7} {
		whole, files := shardReports(t, dir, n, "--max-file-size", "1KB")
		if whole.code != ExitError || !strings.Contains(whole.stdout, "huge.md") || !strings.Contains(whole.stdout, "missing.md") {
			t.Fatalf("the whole run should report two unreadable files (exit 2):\n%s", whole.stdout)
		}
		merged := medlint(t, dir, "", append([]string{"merge", "--format", "json"}, files...)...)
		if merged.stdout != whole.stdout {
			t.Fatalf("%d shards: merged JSON differs from the whole run's:\n%s\n---\n%s", n, merged.stdout, whole.stdout)
		}
		if merged.code != whole.code || merged.stderr != whole.stderr {
			t.Errorf("%d shards: merge exit %d, stderr %q; whole run %d, %q", n, merged.code, merged.stderr, whole.code, whole.stderr)
		}
		// Every format: the merged report reads as the whole run's (SARIF and
		// HTML with the flagged lines, read from the files).
		for _, format := range report.Names() {
			wholeOut := medlint(t, dir, "", "check", "--format", format, "--now", "2026-11-25", "--max-file-size", "1KB", ".", filepath.Join(dir, "missing.md"))
			mergedOut := medlint(t, dir, "", append([]string{"merge", "--format", format}, files...)...)
			if mergedOut.stdout != wholeOut.stdout || mergedOut.code != wholeOut.code || mergedOut.stderr != wholeOut.stderr {
				t.Errorf("%d shards, --format %s: merged report differs from the whole run's:\n%s\n---\n%s", n, format, mergedOut.stdout, wholeOut.stdout)
			}
		}
	}
}

func TestMergeExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "warn.md", dupArticle) // duplicate-heading: a warning
	writeFile(t, dir, "clean.md", "# Clean\n")
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 2; i++ {
		r := medlint(t, dir, "", "check", "--only", "duplicate-heading", "--format", "json", "--now", "2026-11-25",
			"--shard", fmt.Sprintf("%d/2", i), "--output", filepath.Join(out, fmt.Sprintf("%d.json", i)), ".")
		if r.code == ExitError {
			t.Fatal(r.stderr)
		}
	}
	a, b := filepath.Join(out, "1.json"), filepath.Join(out, "2.json")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"merge", a, b}, ExitClean},
		{[]string{"merge", "--fail-on", "warning", a, b}, ExitFindings},
		{[]string{"merge", "--fail-on", "none", a, b}, ExitClean},
		{[]string{"merge", "--fail-on", "bogus", a, b}, ExitError},
		{[]string{"merge", "--format", "bogus", a, b}, ExitError},
		{[]string{"merge"}, ExitError},
	} {
		if r := medlint(t, dir, "", tc.args...); r.code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, r.code, tc.code, r.stderr)
		}
	}
	// --output writes the file.
	res := filepath.Join(dir, "merged.txt")
	if r := medlint(t, dir, "", "merge", "--fail-on", "warning", "--output", res, a, b); r.code != ExitFindings || r.stdout != "" {
		t.Fatalf("--output: exit %d, stdout %q", r.code, r.stdout)
	}
	if data, err := os.ReadFile(res); err != nil || !strings.Contains(string(data), "warn.md:11:1") {
		t.Fatalf("--output file: %q, %v", data, err)
	}
}

func TestMergeRejectsReportsOfDifferentRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "a.md", dupArticle)
	report := func(name string, args ...string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		r := medlint(t, dir, "", append([]string{"check", "--format", "json", "--output", p}, args...)...)
		if r.code == ExitError {
			t.Fatal(r.stderr)
		}
		return p
	}
	day1 := report("day1.json", "--now", "2026-11-25", "a.md")
	day2 := report("day2.json", "--now", "2026-11-26", "--shard", "1/1", "a.md")
	raw := func(name, content string) string {
		writeFile(t, dir, name, content)
		return filepath.Join(dir, name)
	}
	data, err := os.ReadFile(day1)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	other := raw("other-version.json", strings.Replace(text, `"version": "`, `"version": "0.0.1-old`, 1))
	newer := raw("newer.json", strings.Replace(text, `"schemaVersion": 1`, `"schemaVersion": 2`, 1))
	count := regexp.MustCompile(`"findings": (\d+),`)
	edited := raw("edited.json", count.ReplaceAllString(text, `"findings": 999,`))
	truncated := raw("truncated.json", text[:len(text)/2])
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{day1, day2}, "--now"},
		{[]string{day1, day1}, "is in both"},
		{[]string{day1, other}, "medlint version"},
		{[]string{newer}, "newer"},
		{[]string{edited}, "does not match"},
		{[]string{truncated}, "not a medlint JSON report"},
		{[]string{raw("empty.json", "")}, "not a medlint JSON report"},
		{[]string{raw("other.json", `{"a": 1}`)}, "not a medlint JSON report"},
		{[]string{raw("two.json", text+text)}, "data after the report"},
		{[]string{filepath.Join(dir, "absent.json")}, "absent.json"},
	} {
		r := medlint(t, dir, "", append([]string{"merge", "--format", "json"}, tc.args...)...)
		if r.code != ExitError || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("merge %v: exit %d, stderr %q, stdout %d bytes; want exit 2 and %q", tc.args, r.code, r.stderr, len(r.stdout), tc.want)
		}
	}
}

// writeJSONReport writes rep as a shard's JSON report at dir/name.
func writeJSONReport(t *testing.T, dir, name string, rep *result.Report) string {
	t.Helper()
	f, err := report.New("json", report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, rep); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, name, buf.String())
	return filepath.Join(dir, name)
}

// TestMergeReadsNoSourceOutsideTheWorkDir gives merge a report naming a
// file outside the working directory by an absolute path, by ../ and
// through a symbolic link: the HTML and SARIF reports show (or hash) the
// lines of the file inside it only.
func TestMergeReadsNoSourceOutsideTheWorkDir(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	writeFile(t, outside, "secret.md", "SECRET-LINE root:x:0:0\n")
	secret := filepath.Join(outside, "secret.md")
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "inside.md", "INSIDE-LINE\n")
	if err := os.Symlink(secret, filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(dir, secret)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{filepath.ToSlash(secret), filepath.ToSlash(rel), "link.md", "inside.md"}
	rep := &result.Report{Now: "2026-11-25", Files: len(paths), Paths: append([]string(nil), paths...), Rules: []string{"duplicate-heading"}}
	for _, p := range paths {
		rep.Findings = append(rep.Findings, result.Finding{Path: p, Line: 1, Column: 1, EndLine: 1, EndColumn: 5,
			Rule: "duplicate-heading", Severity: rules.SeverityWarning, Message: "m"})
	}
	rep.Sort()
	in := writeJSONReport(t, dir, "shard.json", rep)
	r := medlint(t, dir, "", "merge", "--format", "html", in)
	if r.code != ExitClean {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, "root:x:0:0") {
		t.Errorf("the HTML report shows a line of a file outside the working directory")
	}
	if !strings.Contains(r.stdout, "DE-LINE") {
		t.Errorf("the HTML report lacks the line of the file inside the working directory:\n%s", r.stdout)
	}
	// SARIF fingerprints hash the flagged line: those of the outside paths
	// must be those of a finding with no line.
	sarif := medlint(t, dir, "", "merge", "--format", "sarif", in).stdout
	for _, p := range paths[:3] {
		f := result.Finding{Path: p, Rule: "duplicate-heading", Message: "m"}
		repoPath := p // as SARIF writes it: outside the repository, absolute
		if !filepath.IsAbs(p) && strings.HasPrefix(p, "../") {
			repoPath = filepath.ToSlash(filepath.Join(dir, p))
		}
		if want := report.Fingerprint(&f, repoPath); !strings.Contains(sarif, want) {
			t.Errorf("%s: the SARIF fingerprint hashes a line read outside the working directory (want %s)", p, want)
		}
	}
}
