package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

func TestReadJSONRoundTrip(t *testing.T) {
	t.Parallel()
	rep := &result.Report{
		Now: "2026-11-25", Files: 3,
		Findings: []result.Finding{
			{Path: "a.md", Line: 3, Column: 1, EndLine: 3, EndColumn: 9, Rule: "duplicate-heading", Severity: lint.SeverityWarning, Message: "dup <b> & \"q\""},
			{Path: "b/ü.md", Line: 1, Column: 2, EndLine: 4, EndColumn: 1, Rule: "list-format", Check: "marker-style", Severity: lint.SeverityError, Message: "m", Fixable: true,
				FileFix: &result.FileFix{Message: "use -", Edits: []result.FileEdit{
					{Pos: 5, End: 6, Line: 1, Column: 2, EndLine: 1, EndColumn: 3, NewText: "-"},
					{Pos: 9, End: 9, Line: 2, Column: 1, EndLine: 2, EndColumn: 1, NewText: "\r\n"},
				}}},
		},
		Errors: []result.FileError{{Path: "c.md", Line: 2, Message: "bad", Rule: "x"}},
		Rules:  []string{"duplicate-heading", "list-format"},
		Paths:  []string{"a.md", "b/ü.md", "c.md"},
	}
	var buf bytes.Buffer
	if err := (JSON{}).Format(&buf, rep); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rep) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, rep)
	}
	var again bytes.Buffer
	if err := (JSON{}).Format(&again, got); err != nil || again.String() != buf.String() {
		t.Fatalf("re-encoding differs (%v):\n%s\n---\n%s", err, again.String(), buf.String())
	}

	empty := &result.Report{Now: "2026-11-25"}
	buf.Reset()
	if err := (JSON{}).Format(&buf, empty); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadJSON(&buf); err != nil || !reflect.DeepEqual(got, empty) {
		t.Fatalf("empty report: %+v, %v", got, err)
	}
}

func TestReadJSONRejects(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, in, want string }{
		{"not json", "hello", "not a medlint JSON report"},
		{"other tool", `{"schemaVersion": 1, "tool": {"name": "eslint"}}`, "not a medlint JSON report"},
		{"no schema", `{"tool": {"name": "medlint"}}`, "not a medlint JSON report"},
		{"newer", `{"schemaVersion": 9, "tool": {"name": "medlint"}}`, "newer"},
		{"bad severity", `{"schemaVersion": 1, "tool": {"name": "medlint"}, "summary": {"findings": 1}, "findings": [{"path": "a.md", "line": 1, "column": 1, "rule": "r", "severity": "fatal"}]}`, "unknown severity"},
		{"summary mismatch", `{"schemaVersion": 1, "tool": {"name": "medlint"}, "summary": {"files": 1, "findings": 2, "error": 2}, "findings": [{"path": "a.md", "line": 1, "column": 1, "rule": "r", "severity": "error"}], "paths": ["a.md"]}`, "does not match"},
		{"no path", `{"schemaVersion": 1, "tool": {"name": "medlint"}, "summary": {"findings": 1, "error": 1}, "findings": [{"line": 1, "column": 1, "rule": "r", "severity": "error"}]}`, "lacks a path"},
		{"empty fix", `{"schemaVersion": 1, "tool": {"name": "medlint"}, "summary": {"files": 1, "findings": 1, "error": 1}, "findings": [{"path": "a.md", "line": 1, "column": 1, "rule": "r", "severity": "error", "fix": {"message": "m", "edits": []}}], "paths": ["a.md"]}`, "fix has no edits"},
		{"unsorted edits", `{"schemaVersion": 1, "tool": {"name": "medlint"}, "summary": {"files": 1, "findings": 1, "error": 1}, "findings": [{"path": "a.md", "line": 1, "column": 1, "rule": "r", "severity": "error", "fix": {"message": "m", "edits": [{"pos": 5, "end": 6, "line": 1, "column": 6, "endLine": 1, "endColumn": 7, "newText": ""}, {"pos": 1, "end": 2, "line": 1, "column": 2, "endLine": 1, "endColumn": 3, "newText": ""}]}}], "paths": ["a.md"]}`, "edit 2 of its fix"},
		{"two values", `{"schemaVersion": 1, "tool": {"name": "medlint"}} {}`, "data after"},
	} {
		if _, err := ReadJSON(strings.NewReader(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}
