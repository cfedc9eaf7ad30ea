package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

// encodeWhole is the JSON report as one json.Encoder call: the reference
// the streaming writer must equal byte for byte.
func encodeWhole(out *JSONReport) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func TestJSONStreamMatchesEncoder(t *testing.T) {
	t.Parallel()
	fix := &lint.Fix{Message: "use <b> & \"quotes\"", Edits: []lint.Edit{{Pos: 1, End: 2, NewText: "- \u2028é\n"}}}
	findings := []result.Finding{
		{Path: "a/b.md", Line: 1, Column: 2, EndLine: 1, EndColumn: 9, Rule: "uncited-claim", Check: "statistic", Severity: lint.SeverityWarning, Message: "70% of <adults> & \"kids\" — 'x'", Pos: 3, End: 9},
		{Path: "c.md", Line: 3, Column: 1, Rule: "list-format", Severity: lint.SeverityError, Message: "tab\there", Fixable: true, Fix: fix},
	}
	errs := []result.FileError{{Path: "d.md", Line: 2, Rule: "x", Message: "bad \x01 byte"}}
	for name, out := range map[string]JSONReport{
		"empty":    {SchemaVersion: 1, Tool: JSONTool{Name: "medlint", Version: "dev"}, Now: "2026-11-25", Findings: []result.Finding{}, Errors: []result.FileError{}},
		"findings": {SchemaVersion: 1, Tool: JSONTool{Name: "medlint", Version: "1.0"}, Now: "2026-11-25", Summary: result.Summary{}, Findings: findings, Errors: []result.FileError{}},
		"both":     {SchemaVersion: 1, Now: "x", Findings: findings[:1], Errors: errs},
		"errors":   {SchemaVersion: 1, Findings: []result.Finding{}, Errors: errs},
	} {
		var got bytes.Buffer
		if err := writeJSONReport(&got, &out); err != nil {
			t.Fatal(err)
		}
		if want := encodeWhole(&out); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: streamed report differs from json.Encoder's:\n%s\nwant:\n%s", name, got.Bytes(), want)
		}
	}
}
