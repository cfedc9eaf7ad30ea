package document

import (
	"strings"

	"github.com/medlint/medlint/internal/markdownlint"
)

// DirectiveKind says what an inline directive does.
type DirectiveKind uint8

// Directive kinds, as markdownlint users know them.
const (
	// DirectiveUnknown is a comment starting "medlint-" with an unknown verb.
	DirectiveUnknown DirectiveKind = iota
	// DirectiveDisable turns rules off from its line on.
	DirectiveDisable
	// DirectiveEnable turns rules back on from its line on.
	DirectiveEnable
	// DirectiveDisableNextLine turns rules off for the following line.
	DirectiveDisableNextLine
	// DirectiveDisableLine turns rules off for its own line.
	DirectiveDisableLine
	// DirectiveDisableFile turns rules off for the whole file. Written
	// medlint-disable-file it cannot be undone; markdownlint-disable-file
	// sets the state the file starts in, as in markdownlint.
	DirectiveDisableFile
	// DirectiveEnableFile (markdownlint-enable-file) sets rules on for the
	// state the file starts in.
	DirectiveEnableFile
	// DirectiveCapture (markdownlint-capture) saves which rules are on.
	DirectiveCapture
	// DirectiveRestore (markdownlint-restore) goes back to the state the
	// last capture saved (the file's starting state without one).
	DirectiveRestore
	// DirectiveConfigure (markdownlint-configure-file) configures
	// markdownlint's rules; medlint does not read it.
	DirectiveConfigure
)

var directiveVerbs = map[string]DirectiveKind{
	"medlint-disable":           DirectiveDisable,
	"medlint-enable":            DirectiveEnable,
	"medlint-disable-next-line": DirectiveDisableNextLine,
	"medlint-disable-line":      DirectiveDisableLine,
	"medlint-disable-file":      DirectiveDisableFile,
}

// markdownlintVerbs are markdownlint's inline comments (markdownlint
// 0.40): medlint honours them for the checks markdownlint also has.
var markdownlintVerbs = map[string]DirectiveKind{
	"markdownlint-disable":           DirectiveDisable,
	"markdownlint-enable":            DirectiveEnable,
	"markdownlint-disable-next-line": DirectiveDisableNextLine,
	"markdownlint-disable-line":      DirectiveDisableLine,
	"markdownlint-disable-file":      DirectiveDisableFile,
	"markdownlint-enable-file":       DirectiveEnableFile,
	"markdownlint-capture":           DirectiveCapture,
	"markdownlint-restore":           DirectiveRestore,
	"markdownlint-configure-file":    DirectiveConfigure,
}

// Directive is an inline "<!-- medlint-... -->" or "<!-- markdownlint-...
// -->" comment.
type Directive struct {
	Kind DirectiveKind
	// Verb is the directive word as written ("medlint-disable").
	Verb string
	// Markdownlint reports a markdownlint comment: its names are
	// markdownlint's (MD004, ul-style, a tag), unknown ones are ignored,
	// and naming none means every check markdownlint also has.
	Markdownlint bool
	// Rules lists the names given: rule ids, "rule/check", or
	// markdownlint rule numbers and aliases; empty means every rule.
	Rules []string
	// Reason is the text after " -- ", if any.
	Reason string
	// Pos is the offset of the comment; Line its first line and EndLine
	// its last.
	Pos, Line, EndLine int
	// Comment is the comment holding the directive.
	Comment *Comment
}

// parseDirectives turns comments starting with "medlint-" or a
// markdownlint verb into directives.
func (d *Document) parseDirectives() {
	for _, c := range d.Comments {
		mdl := strings.HasPrefix(c.Text, "markdownlint-")
		if !mdl && !strings.HasPrefix(c.Text, "medlint-") {
			continue
		}
		body, reason, _ := strings.Cut(c.Text, " -- ")
		fields := strings.FieldsFunc(body, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
		kind := directiveVerbs[fields[0]]
		if mdl {
			var ok bool
			if kind, ok = markdownlintVerbs[fields[0]]; !ok {
				continue // not a markdownlint comment medlint knows: markdownlint's business
			}
			if kind == DirectiveConfigure {
				fields, reason = fields[:1], "" // JSON, not names
			}
		}
		dir := &Directive{Verb: fields[0], Kind: kind, Markdownlint: mdl, Rules: fields[1:], Reason: strings.TrimSpace(reason), Pos: c.Pos, Line: c.Line, EndLine: d.Line(max(c.End-1, c.Pos)), Comment: c}
		d.Directives = append(d.Directives, dir)
	}
}

// Covers reports whether the directive applies to a finding of rule with
// check ("" for a rule without named checks). A medlint directive naming
// nothing covers every rule; a markdownlint one, every check that has a
// markdownlint counterpart. A name covers its rule (all checks), its
// "rule/check", or, as a markdownlint rule number or alias (and in
// markdownlint comments a tag), the medlint rule or check that does what
// that rule does. Capture and restore cover every rule.
func (d *Directive) Covers(rule, check string) bool {
	if d.Kind == DirectiveCapture || d.Kind == DirectiveRestore {
		return true
	}
	if len(d.Rules) == 0 {
		return !d.Markdownlint || markdownlint.Covered(rule, check)
	}
	for _, name := range d.Rules {
		for _, t := range d.targets(name) {
			if t.Covers(rule, check) {
				return true
			}
		}
	}
	return false
}

// MayCover reports whether the directive may apply to some findings of
// rule.
func (d *Directive) MayCover(rule string) bool {
	if len(d.Rules) == 0 && d.Markdownlint {
		return markdownlint.Covered(rule, "") || len(markdownlint.Checks(rule)) > 0
	}
	if len(d.Rules) == 0 || d.Kind == DirectiveCapture || d.Kind == DirectiveRestore {
		return true
	}
	for _, name := range d.Rules {
		for _, t := range d.targets(name) {
			if t.Rule == rule {
				return true
			}
		}
	}
	return false
}

// targets returns what one name of the directive stands for.
func (d *Directive) targets(name string) []markdownlint.Target {
	if d.Markdownlint {
		t, _ := markdownlint.Resolve(name)
		return t
	}
	if m, ok := markdownlint.Lookup(name); ok {
		return []markdownlint.Target{m.Target}
	}
	return []markdownlint.Target{ParseTarget(name)}
}

// ParseTarget reads a medlint name: "rule" or "rule/check".
func ParseTarget(name string) markdownlint.Target {
	rule, check, _ := strings.Cut(name, "/")
	return markdownlint.Target{Rule: rule, Check: check}
}
