package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// mergeSeeds are JSON reports for FuzzMergeReport: a shard's report of a
// small run, one with awkward paths and messages, one naming files outside
// the working directory.
func mergeSeeds(t testing.TB) [][]byte {
	reps := []*result.Report{
		{Now: "2026-11-25", Files: 2, Paths: []string{"a.md", "b.md"}, Rules: []string{"duplicate-heading"}, Shard: &result.Shard{Index: 1, Total: 1},
			Findings: []result.Finding{{Path: "a.md", Line: 1, Column: 1, EndLine: 1, EndColumn: 4, Rule: "duplicate-heading", Severity: lint.SeverityWarning, Message: "repeats line 1"}},
			Errors:   []result.FileError{{Path: "missing.md", Message: "no such file"}, {Path: "b.md", Line: 2, Rule: "duplicate-heading", Message: "internal error"}}},
		{Now: "2026-11-25", Files: 2, Paths: []string{"x\n::error::y.md", "\x1b]0;t\x07.md"}, Rules: []string{"r"},
			Findings: []result.Finding{
				{Path: "x\n::error::y.md", Line: 3, Column: 2, EndLine: 1, EndColumn: 1, Rule: "r", Check: "c", Severity: lint.SeverityError, Message: "100% <script>\"q\"</script>, a:b\r\n\u009b", Fixable: true},
				{Path: "\x1b]0;t\x07.md", Line: 9, Column: 9, EndLine: 99, EndColumn: 0, Rule: "]]>", Severity: lint.SeverityInfo, Message: "\x00\x7f"},
			}},
		{Now: "2026-11-25", Files: 3, Paths: []string{"out.md", "../secret.md", "inside.md"}, Rules: []string{"r"},
			Findings: []result.Finding{
				{Path: "../secret.md", Line: 1, Column: 1, Rule: "r", Severity: lint.SeverityError, Message: "m"},
				{Path: "inside.md", Line: 1, Column: 1, Rule: "r", Severity: lint.SeverityError, Message: "m"},
				{Path: "out.md", Line: 1, Column: 1, Rule: "r", Severity: lint.SeverityError, Message: "m"},
			}},
	}
	var out [][]byte
	for _, rep := range reps {
		rep.Sort()
		out = append(out, []byte(formatAs(t, "json", rep)))
	}
	return out
}

func formatAs(t testing.TB, format string, rep *result.Report) string {
	t.Helper()
	f, err := report.New(format, report.Options{WorkDir: "/work", RepoRoot: "/work", Rules: []lint.Rule{}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, rep); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.String()
}

// FuzzMergeReport feeds merge's JSON reader anything: a report it accepts
// is merged, its source lines attached from a working directory (never
// from outside it), and written in all six formats, each well formed and
// complete: the JSON reads back as the same report, SARIF is JSON with a
// result per finding, JUnit is XML, text and github a line per finding,
// HTML an element per finding.
func FuzzMergeReport(f *testing.F) {
	for _, s := range mergeSeeds(f) {
		f.Add(s)
	}
	outside := f.TempDir()
	work := filepath.Join(outside, "work")
	for name, content := range map[string]string{"secret.md": "SECRET\n", "work/inside.md": "inside\n"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(outside, name)), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(outside, name), []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(work, "out.md")); err != nil {
		f.Fatal(err)
	}
	e := &env{workDir: work}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := report.DecodeJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		rep, err := mergeReports([]shardReport{{name: "fuzz.json", version: j.Tool.Version, rep: j.Report()}})
		if err != nil {
			return
		}
		e.attachLines(rep)
		for _, fd := range rep.Findings {
			for _, l := range fd.Lines {
				if strings.Contains(l, "SECRET") {
					t.Fatalf("merge read %q from outside the working directory", fd.Path)
				}
			}
		}
		checkMergedJSON(t, formatAs(t, "json", rep), rep)
		checkMergedFormats(t, rep)
	})
}

// checkMergedJSON fails t unless out reads back as rep.
func checkMergedJSON(t *testing.T, out string, rep *result.Report) {
	t.Helper()
	back, err := report.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("the merged JSON report does not read back: %v\n%s", err, out)
	}
	want := *rep
	want.Findings = append([]result.Finding(nil), rep.Findings...)
	for i := range want.Findings {
		want.Findings[i].Lines = nil // not in the JSON report
	}
	if !reflect.DeepEqual(back, &want) {
		t.Fatalf("the merged JSON report reads back differently:\n got %+v\nwant %+v", back, &want)
	}
}

// checkMergedFormats fails t unless every other format is well formed
// with one entry per finding.
func checkMergedFormats(t *testing.T, rep *result.Report) {
	t.Helper()
	var sarif struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if out := formatAs(t, "sarif", rep); json.Unmarshal([]byte(out), &sarif) != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != len(rep.Findings) {
		t.Fatalf("SARIF is not JSON with %d results:\n%s", len(rep.Findings), out)
	}
	dec := xml.NewDecoder(strings.NewReader(formatAs(t, "junit", rep)))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("JUnit is not well-formed XML: %v", err)
		}
	}
	text := strings.Split(strings.TrimSuffix(formatAs(t, "text", rep), "\n"), "\n")
	if len(text) != len(rep.Findings)+1 {
		t.Fatalf("text: %d lines for %d findings and the summary", len(text), len(rep.Findings))
	}
	gh := formatAs(t, "github", rep)
	if n := strings.Count(gh, "\n"); n != len(rep.Findings)+len(rep.Errors) || (gh != "" && !strings.HasSuffix(gh, "\n")) {
		t.Fatalf("github: %d lines for %d findings and %d errors:\n%s", n, len(rep.Findings), len(rep.Errors), gh)
	}
	for _, l := range strings.Split(strings.TrimSuffix(gh, "\n"), "\n") {
		if gh != "" && !strings.HasPrefix(l, "::error ") && !strings.HasPrefix(l, "::warning ") && !strings.HasPrefix(l, "::notice ") {
			t.Fatalf("github: %q is not a workflow command", l)
		}
	}
	// The HTML page carries its findings as JSON data, one row each in "f".
	_, data, _ := strings.Cut(formatAs(t, "html", rep), `<script type="application/json" id="report-data">`)
	data, _, _ = strings.Cut(data, "</script>")
	var page struct{ F [][]int }
	if err := json.Unmarshal([]byte(data), &page); err != nil || len(page.F) != len(rep.Findings) {
		t.Fatalf("html: %d findings in the page's data (%v), want %d", len(page.F), err, len(rep.Findings))
	}
}
