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
	// An article can hold thousands of directives and findings: each
	// rule's directives are indexed once, and a finding is looked up.
	index := map[string]*ruleDirectives{}
	out := findings[:0]
	for _, f := range findings {
		if f.Rule == DirectiveRule {
			out = append(out, f)
			continue
		}
		rd := index[f.Rule]
		if rd == nil {
			rd = indexDirectives(doc.Directives, f.Rule)
			index[f.Rule] = rd
		}
		if !rd.suppressed(f.Line) {
			out = append(out, f)
		}
	}
	return out
}

// ruleDirectives are the directives that name one rule (or every rule).
type ruleDirectives struct {
	all  []*document.Directive
	file bool
	// lines holds the lines switched off by disable-line and
	// disable-next-line.
	lines map[int]bool
	// toggles are the disable and enable directives, by line; sorted is
	// false if the directives were not in line order (then suppressed
	// reads them all, as it always did).
	toggles []*document.Directive
	sorted  bool
	rule    string
}

func indexDirectives(dirs []*document.Directive, rule string) *ruleDirectives {
	rd := &ruleDirectives{all: dirs, lines: map[int]bool{}, sorted: true, rule: rule}
	for i, d := range dirs {
		if i > 0 && d.Line < dirs[i-1].Line {
			rd.sorted = false
		}
		if !names(d, rule) {
			continue
		}
		switch d.Kind {
		case document.DirectiveDisableFile:
			rd.file = true
		case document.DirectiveDisableLine:
			rd.lines[d.Line] = true
		case document.DirectiveDisableNextLine:
			rd.lines[d.EndLine+1] = true
		case document.DirectiveDisable, document.DirectiveEnable:
			rd.toggles = append(rd.toggles, d)
		}
	}
	return rd
}

// suppressed reports whether the directives switch the rule off on line:
// the file is, the line is, or the last disable or enable at or before it
// is a disable.
func (rd *ruleDirectives) suppressed(line int) bool {
	if !rd.sorted {
		return suppressed(rd.all, rd.rule, line)
	}
	if rd.file || rd.lines[line] {
		return true
	}
	i, _ := slices.BinarySearchFunc(rd.toggles, line+1, func(d *document.Directive, l int) int { return d.Line - l })
	return i > 0 && rd.toggles[i-1].Kind == document.DirectiveDisable
}

func names(d *document.Directive, rule string) bool {
	return len(d.Rules) == 0 || slices.Contains(d.Rules, rule)
}

// suppressed reads every directive in order: the reference for directives
// out of line order.
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
