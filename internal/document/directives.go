package document

import (
	"strings"
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
	// DirectiveDisableFile turns rules off for the whole file.
	DirectiveDisableFile
)

var directiveVerbs = map[string]DirectiveKind{
	"medlint-disable":           DirectiveDisable,
	"medlint-enable":            DirectiveEnable,
	"medlint-disable-next-line": DirectiveDisableNextLine,
	"medlint-disable-line":      DirectiveDisableLine,
	"medlint-disable-file":      DirectiveDisableFile,
}

// Directive is an inline "<!-- medlint-... -->" comment.
type Directive struct {
	Kind DirectiveKind
	// Verb is the directive word as written ("medlint-disable").
	Verb string
	// Rules lists the rule ids named; empty means every rule.
	Rules []string
	// Reason is the text after " -- ", if any.
	Reason string
	// Pos is the offset of the comment; Line its first line and EndLine
	// its last.
	Pos, Line, EndLine int
	// Comment is the comment holding the directive.
	Comment *Comment
}

// parseDirectives turns comments starting with "medlint-" into directives.
func (d *Document) parseDirectives() {
	for _, c := range d.Comments {
		if !strings.HasPrefix(c.Text, "medlint-") {
			continue
		}
		body, reason, _ := strings.Cut(c.Text, " -- ")
		fields := strings.FieldsFunc(body, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
		dir := &Directive{Verb: fields[0], Kind: directiveVerbs[fields[0]], Rules: fields[1:], Reason: strings.TrimSpace(reason), Pos: c.Pos, Line: c.Line, EndLine: d.Line(max(c.End-1, c.Pos)), Comment: c}
		d.Directives = append(d.Directives, dir)
	}
}
