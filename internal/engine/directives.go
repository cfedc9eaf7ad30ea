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
// means every rule; a name is a rule, "rule/check", or a markdownlint rule
// number or alias (document.Directive.Covers).
//
// markdownlint's comments work as in markdownlint for the checks it also
// has: markdownlint-disable-file and -enable-file set the state the file
// starts in, markdownlint-capture saves the state and -restore returns to
// it.
func applyDirectives(doc *document.Document, findings []result.Finding) []result.Finding {
	if len(doc.Directives) == 0 {
		return findings
	}
	// An article can hold thousands of directives and findings: the
	// directives of each rule and check are indexed once, and a finding is
	// looked up.
	type key struct{ rule, check string }
	index := map[key]*ruleDirectives{}
	dirs := inLineOrder(doc.Directives)
	out := findings[:0]
	for _, f := range findings {
		if f.Rule == DirectiveRule {
			out = append(out, f)
			continue
		}
		k := key{f.Rule, f.Check}
		rd := index[k]
		if rd == nil {
			rd = indexDirectives(dirs, f.Rule, f.Check)
			index[k] = rd
		}
		if !rd.suppressed(f.Line) {
			out = append(out, f)
		}
	}
	return out
}

// inLineOrder returns the directives sorted by line, keeping the order of
// those on one line: the order in which they take effect.
func inLineOrder(dirs []*document.Directive) []*document.Directive {
	if slices.IsSortedFunc(dirs, byLine) {
		return dirs
	}
	sorted := slices.Clone(dirs)
	slices.SortStableFunc(sorted, byLine)
	return sorted
}

func byLine(a, b *document.Directive) int { return a.Line - b.Line }

// ruleDirectives are the directives that apply to one rule and check.
type ruleDirectives struct {
	// off is set by medlint-disable-file: nothing switches it back on.
	off bool
	// initial is the state the file starts in (markdownlint-disable-file
	// and -enable-file).
	initial bool
	// lines holds the lines switched off by disable-line and
	// disable-next-line.
	lines map[int]bool
	// toggles are the disable, enable, capture and restore directives in
	// line order, and on the state after each.
	toggles []*document.Directive
	on      []bool
}

// indexDirectives indexes dirs, in line order, for findings of rule and
// check.
func indexDirectives(dirs []*document.Directive, rule, check string) *ruleDirectives {
	rd := &ruleDirectives{initial: true, lines: map[int]bool{}}
	for _, d := range dirs {
		if !d.Covers(rule, check) {
			continue
		}
		switch d.Kind {
		case document.DirectiveDisableFile:
			if !d.Markdownlint {
				rd.off = true
			}
			rd.initial = false
		case document.DirectiveEnableFile:
			rd.initial = true
		case document.DirectiveDisableLine:
			rd.lines[d.Line] = true
		case document.DirectiveDisableNextLine:
			rd.lines[d.EndLine+1] = true
		case document.DirectiveDisable, document.DirectiveEnable, document.DirectiveCapture, document.DirectiveRestore:
			rd.toggles = append(rd.toggles, d)
		}
	}
	on, captured := rd.initial, rd.initial
	for _, d := range rd.toggles {
		switch d.Kind {
		case document.DirectiveDisable:
			on = false
		case document.DirectiveEnable:
			on = true
		case document.DirectiveCapture:
			captured = on
		case document.DirectiveRestore:
			on = captured
		}
		rd.on = append(rd.on, on)
	}
	return rd
}

// suppressed reports whether the directives switch the findings off on
// line: the file is, the line is, or the state after the last toggle at or
// before the line (else the file's starting state) is off.
func (rd *ruleDirectives) suppressed(line int) bool {
	if rd.off || rd.lines[line] {
		return true
	}
	i, _ := slices.BinarySearchFunc(rd.toggles, line+1, func(d *document.Directive, l int) int { return d.Line - l })
	if i == 0 {
		return !rd.initial
	}
	return !rd.on[i-1]
}
