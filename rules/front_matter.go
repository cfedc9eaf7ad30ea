package rules

import (
	"fmt"

	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(frontMatterRule) }

// frontMatterRule reports front matter that cannot be read, so that rules
// relying on it (review dates, reviewers, opt-outs) are not silently blind.
var frontMatterRule = &lint.Definition[lint.NoOptions]{
	Info: frontMatterRuleMeta,
	Run:  checkFrontMatter,
}

// frontMatterRuleMeta is the rule's metadata: data, built once.
var frontMatterRuleMeta = lint.Meta{
	Category: lint.CategoryStyle,
	ID:       "front-matter",
	Summary:  "Front matter must be valid YAML, TOML or JSON and closed by its delimiter",
	Severity: lint.SeverityError,
	Rationale: "Review dates, reviewers and disclaimer opt-outs often live in front matter. When it " +
		"cannot be parsed, the site generator usually fails or publishes the raw text, and medlint's " +
		"date and disclaimer checks cannot see the data. One broken file never stops the others: " +
		"it is reported here and the body is still linted.",
	Bad:  "---\ntitle: Eczema: causes\n---\n",
	Good: "---\ntitle: \"Eczema: causes\"\n---\n",
}

func checkFrontMatter(pass *lint.Pass, _ *lint.NoOptions) error {
	fm := pass.Doc.FrontMatter
	switch {
	case fm == nil:
	case fm.Unclosed:
		end := pass.Doc.LineEnd(1)
		pass.Report(lint.Diagnostic{Pos: 0, End: end, Severity: lint.SeverityWarning, Check: "unclosed",
			Message: fmt.Sprintf("front matter opened on line 1 is never closed: add a closing %s line, or remove the first line if it is not front matter", delimiter(fm.Format))})
	case fm.Err != nil:
		line := min(max(fm.Err.Line, 1), pass.Doc.LineCount())
		pos := pass.Doc.LineStart(line)
		pass.Report(lint.Diagnostic{Pos: pos, End: pass.Doc.LineEnd(line), Check: "syntax",
			Message: fmt.Sprintf("invalid %s front matter: %s", formatName(fm.Format), fm.Err.Message)})
	}
	return nil
}

func delimiter(format string) string {
	switch format {
	case "toml":
		return "+++"
	case "json":
		return "}"
	}
	return "---"
}

func formatName(format string) string {
	switch format {
	case "toml":
		return "TOML"
	case "json":
		return "JSON"
	}
	return "YAML"
}
