package rules

import (
	"fmt"

	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(encodingRule) }

// encodingRule reports files that are not valid UTF-8.
var encodingRule = &lint.Definition[lint.NoOptions]{
	Info: encodingRuleMeta,
	Run:  checkEncoding,
}

// encodingRuleMeta is the rule's metadata: data, built once.
var encodingRuleMeta = lint.Meta{
	Category: lint.CategoryStyle,
	ID:       "encoding",
	Summary:  "Articles must be UTF-8 text",
	Severity: lint.SeverityWarning,
	Rationale: "A file in another encoding (Windows-1252 pasted from a word processor, UTF-16 saved by " +
		"some editors) shows garbled characters on the site — \"Caf\\xe9\" instead of \"Café\". medlint " +
		"still lints such a file (UTF-16 is decoded, invalid bytes count as one character each), but " +
		"it will not --fix a UTF-16 file.",
	Bad:  "(a file saved as UTF-16 or Windows-1252)",
	Good: "(the same file saved as UTF-8)",
}

func checkEncoding(pass *lint.Pass, _ *lint.NoOptions) error {
	d := pass.Doc
	if d.Encoding != "UTF-8" {
		pass.Report(lint.Diagnostic{Pos: 0, End: 0, Check: "utf-16",
			Message: fmt.Sprintf("file is encoded as %s: re-save it as UTF-8 (medlint decoded it to lint it)", d.Encoding)})
	}
	if d.InvalidUTF8 >= 0 {
		pass.Report(lint.Diagnostic{Pos: d.InvalidUTF8, End: d.InvalidUTF8 + 1, Check: "invalid-utf8",
			Message: fmt.Sprintf("invalid UTF-8 byte 0x%02X (the file is probably in another encoding, such as Windows-1252): re-save it as UTF-8", d.Source[d.InvalidUTF8])})
	}
	return nil
}
