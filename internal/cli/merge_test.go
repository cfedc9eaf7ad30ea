package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
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
			Rule: "duplicate-heading", Severity: lint.SeverityWarning, Message: "m"})
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

// TestMergeTellsAShardMissingOrGivenTwice merges the reports of 4 shards
// with one or two left out, one given twice, and reports of other runs:
// merge names the shard of N at fault instead of writing a report that
// silently lacks a quarter of the files.
func TestMergeTellsAShardMissingOrGivenTwice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shardArticles(t, dir, 12)
	_, s := shardReports(t, dir, 4)
	_, three := shardReports(t, filepath.Join(dir, "d0"), 3)
	whole := filepath.Join(dir, "whole.json")
	if r := medlint(t, dir, "", "check", "--format", "json", "--now", "2026-11-25", "-o", whole, "."); r.code == ExitError {
		t.Fatal(r.stderr)
	}
	data, err := os.ReadFile(s[1])
	if err != nil || !strings.Contains(string(data), "\"shard\": {\n    \"index\": 2,\n    \"total\": 4\n  },") {
		t.Fatalf("shard 2's report does not record shard 2 of 4: %v\n%s", err, data)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		want  string
		clean bool
	}{
		{"all four", []string{s[0], s[1], s[2], s[3]}, "", true},
		{"in any order", []string{s[3], s[1], s[0], s[2]}, "", true},
		{"one missing", []string{s[0], s[1], s[3]}, "shard 3 of 4 is missing (given: ", false},
		{"two missing", []string{s[2], s[0]}, "shards 2, 4 of 4 are missing", false},
		{"only one", []string{s[1]}, "shards 1, 3, 4 of 4 are missing", false},
		{"one twice", []string{s[0], s[1], s[1], s[2], s[3]}, "shard 2 of 4 is given twice: " + s[1] + " and " + s[1], false},
		{"another N", []string{s[0], s[1], s[2], three[2]}, "shard 3 of 3", false},
		{"a whole run", []string{s[0], s[1], s[2], s[3], whole}, whole + " is not", false},
	} {
		r := medlint(t, dir, "", append([]string{"merge", "--format", "json", "--fail-on", "none"}, tc.args...)...)
		if tc.clean {
			// Exit 2 as the whole run: shardReports lints a missing file too.
			if r.code != ExitError || strings.Contains(r.stderr, "shard") || !strings.Contains(r.stdout, "article-11.md") || strings.Contains(r.stdout, `"shard"`) {
				t.Errorf("%s: exit %d, stderr %q; want the merged report, without a shard", tc.name, r.code, r.stderr)
			}
			continue
		}
		if r.code != ExitError || r.stdout != "" || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, stdout %d bytes; want exit 2 and %q", tc.name, r.code, r.stderr, len(r.stdout), tc.want)
		}
	}
}

// TestMergeRejectsInconsistentReports edits a valid report into ones a
// build of medlint never writes: merge refuses each, naming the report.
func TestMergeRejectsInconsistentReports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "a.md", dupArticle)
	writeFile(t, dir, "b.md", "# B\n")
	good := filepath.Join(dir, "good.json")
	if r := medlint(t, dir, "", "check", "--format", "json", "--now", "2026-11-25", "--shard", "1/1", "-o", good, "a.md", "b.md"); r.code == ExitError {
		t.Fatal(r.stderr)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	var base map[string]any
	if err := json.Unmarshal(data, &base); err != nil {
		t.Fatal(err)
	}
	if n := len(base["findings"].([]any)); n == 0 {
		t.Fatal("the report has no finding to edit")
	}
	edit := func(name string, change func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		change(m)
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, name, string(out))
		return filepath.Join(dir, name)
	}
	finding := func(m map[string]any) map[string]any { return m["findings"].([]any)[0].(map[string]any) }
	summary := func(m map[string]any) map[string]any { return m["summary"].(map[string]any) }
	for _, tc := range []struct {
		name   string
		change func(m map[string]any)
		want   string
	}{
		{"duplicated finding", func(m map[string]any) {
			fs := m["findings"].([]any)
			m["findings"] = append(fs, fs[0])
			s := summary(m)
			s["findings"] = s["findings"].(float64) + 1
			sev := finding(m)["severity"].(string)
			s[sev] = s[sev].(float64) + 1
		}, "is listed twice"},
		{"finding for an unlisted path", func(m map[string]any) { finding(m)["path"] = "other.md" }, "other.md, which is not among the paths"},
		{"negative file count", func(m map[string]any) { summary(m)["files"] = -1 }, "counts -1 files but 2 paths"},
		{"file count off", func(m map[string]any) { summary(m)["files"] = 7 }, "counts 7 files"},
		{"path listed twice", func(m map[string]any) {
			m["paths"] = append(m["paths"].([]any), "a.md")
			summary(m)["files"] = 3
		}, `path "a.md" is listed twice`},
		{"negative end", func(m map[string]any) { finding(m)["endLine"] = -3 }, "negative end"},
		{"negative error line", func(m map[string]any) {
			m["errors"] = []any{map[string]any{"path": "a.md", "line": -1, "message": "x"}}
		}, "negative line"},
		{"no severity", func(m map[string]any) { delete(finding(m), "severity") }, "lacks a path, rule, severity"},
		{"shard 2 of 1", func(m map[string]any) { m["shard"] = map[string]any{"index": 2, "total": 1} }, "shard 2 of 1 is not I of N"},
		{"shard 0 of 0", func(m map[string]any) { m["shard"] = map[string]any{"index": 0, "total": 0} }, "shard 0 of 0 is not I of N"},
	} {
		p := edit(strings.ReplaceAll(tc.name, " ", "-")+".json", tc.change)
		r := medlint(t, dir, "", "merge", "--format", "json", p)
		if r.code != ExitError || r.stdout != "" || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, p) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2, the report's name and %q", tc.name, r.code, r.stderr, tc.want)
		}
	}
	if r := medlint(t, dir, "", "merge", "--format", "json", "--fail-on", "none", edit("unchanged.json", func(map[string]any) {})); r.code != ExitClean {
		t.Errorf("the unedited report: exit %d, stderr %q", r.code, r.stderr)
	}
}
