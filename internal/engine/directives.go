package engine

import (
	"slices"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/result"
)

// DirectiveRule is the id under which malformed directives are reported;
// such findings are never suppressed by directives.
const DirectiveRule = "directive"

// applyDirectives drops the findings that inline directives switch off.
//
// medlint-disable and medlint-enable take effect from their own line on;
// medlint-disable-line covers its line, medlint-disable-next-line the
// following one, and medlint-disable-file the whole file. Naming no rule
// means every rule.
func applyDirectives(doc *document.Document, findings []result.Finding) []result.Finding {
	if len(doc.Directives) == 0 {
		return findings
	}
	out := findings[:0]
	for _, f := range findings {
		if f.Rule == DirectiveRule || !suppressed(doc.Directives, f.Rule, f.Line) {
			out = append(out, f)
		}
	}
	return out
}

func names(d *document.Directive, rule string) bool {
	return len(d.Rules) == 0 || slices.Contains(d.Rules, rule)
}

func suppressed(dirs []*document.Directive, rule string, line int) bool {
	disabled := false
	for _, d := range dirs {
		if !names(d, rule) {
			continue
		}
		switch d.Kind {
		case document.DirectiveDisableFile:
			return true
		case document.DirectiveDisableLine:
			if d.Line == line {
				return true
			}
		case document.DirectiveDisableNextLine:
			if line == d.EndLine+1 {
				return true
			}
		case document.DirectiveDisable:
			if d.Line <= line {
				disabled = true
			}
		case document.DirectiveEnable:
			if d.Line <= line {
				disabled = false
			}
		}
	}
	return disabled
}
