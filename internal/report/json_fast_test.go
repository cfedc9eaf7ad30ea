package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

// genericJSON is writeJSONReport's generic path for one value.
func genericJSON(t *testing.T, v any, prefix string) string {
	t.Helper()
	var compact, indented bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&indented, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), prefix, "  "); err != nil {
		t.Fatal(err)
	}
	return indented.String()
}

// checkFastJSON fails t unless the fast writers agree with encoding/json
// on f and on each of its strings.
func checkFastJSON(t *testing.T, f result.Finding) {
	t.Helper()
	sev, err := f.Severity.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(appendFindingJSON(nil, &f, sev, "    ")), genericJSON(t, &f, "    "); got != want {
		t.Errorf("finding:\n got %s\nwant %s", got, want)
	}
	for _, s := range []string{f.Path, f.Rule, f.Check, f.Message} {
		if got, want := string(appendJSONString(nil, s)), genericJSON(t, s, ""); got != want {
			t.Errorf("string %q: got %s, want %s", s, got, want)
		}
	}
}

func TestFastJSON(t *testing.T) {
	t.Parallel()
	for _, f := range []result.Finding{
		{Path: "docs/a b/é.md", Line: 3, Column: 1, EndLine: 3, EndColumn: 9, Rule: "duplicate-heading", Severity: lint.SeverityWarning, Message: `"Causes" repeats line 1 <b>&amp;</b>`, Fixable: true},
		{Path: "x.md", Line: 1, Column: 2, EndLine: 4, EndColumn: 1, Rule: "list-format", Check: "marker-style", Severity: lint.SeverityError,
			Message: "tab\there, newline\n, cr\r, bs\\, nul\x00, bell\x07, del\x7f, bad \xff\xfe utf-8, \u2028\u2029, \b\f, emoji 🙂"},
		{Path: "", Rule: "", Severity: lint.SeverityInfo, Line: -1},
		{Path: "f.md", Line: 2, Column: 1, Rule: "list-format", Severity: lint.SeverityWarning, Fixable: true,
			FileFix: &result.FileFix{Message: "use \"-\"", Edits: []result.FileEdit{
				{Pos: 3, End: 4, Line: 2, Column: 1, EndLine: 2, EndColumn: 2, NewText: "-"},
				{Pos: 9, End: 9, Line: 3, Column: 1, EndLine: 3, EndColumn: 1, NewText: "\r\n<b>\u2028\xff"},
			}}},
		{Path: "g.md", Rule: "r", Severity: lint.SeverityError, FileFix: &result.FileFix{Edits: []result.FileEdit{}}},
		{Path: "h.md", Rule: "r", Severity: lint.SeverityError, FileFix: &result.FileFix{}},
	} {
		checkFastJSON(t, f)
	}
}

func FuzzFastJSON(f *testing.F) {
	f.Add("a.md", "rule", "check", "message \"quoted\" \\ \n\t\x00 \u2028 \xff", 1, 2, true)
	f.Fuzz(func(t *testing.T, path, rule, check, msg string, line, col int, fixable bool) {
		fd := result.Finding{Path: path, Rule: rule, Check: check, Message: msg, Line: line, Column: col,
			EndLine: line + 1, EndColumn: col - 1, Fixable: fixable, Severity: lint.Severity(1 + (line&3)%3)}
		if fixable {
			fd.FileFix = &result.FileFix{Message: check, Edits: []result.FileEdit{{Pos: line, End: col, Line: col, Column: line, NewText: msg}}}
		}
		checkFastJSON(t, fd)
	})
}
