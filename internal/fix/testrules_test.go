package fix_test

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/medlint/medlint/internal/lint"
)

// Test-only rules with fixes. They are registered in this test binary only
// (so that `medlint check --fix --only ID` can run them); real rules'
// fixes are tested in their own packages.
func init() {
	for _, r := range []lint.Rule{fakeBulletRule{}, appendNoteRule{}, pingPongRule{}, countdownRule{}, overlapRule{}, invalidRule{}, panicRule{}} {
		lint.Register(r)
	}
}

// fakeBulletRule turns lines starting with "•" into "-" list items (check
// fake-bullet) and squeezes several spaces after a "-" marker (check
// marker-space): a stand-in for list-format.
type fakeBulletRule struct{}

func (fakeBulletRule) Meta() lint.Meta {
	return lint.Meta{ID: "test-fake-bullet", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (fakeBulletRule) NewOptions() any                             { return nil }
func (r fakeBulletRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }

var (
	bulletLine = regexp.MustCompile(`(?m)^•[ \t]*`)
	wideMarker = regexp.MustCompile(`(?m)^- {2,}(\S)`)
)

func (fakeBulletRule) Run(p *lint.Pass) error {
	src := p.Doc.Source
	for _, m := range bulletLine.FindAllIndex(src, -1) {
		p.Report(lint.Diagnostic{Pos: m[0], End: m[1], Check: "fake-bullet", Message: `"•" is not a list marker`,
			Fix: &lint.Fix{Message: `use "- "`, Edits: []lint.Edit{{Pos: m[0], End: m[1], NewText: "- "}}}})
	}
	for _, m := range wideMarker.FindAllSubmatchIndex(src, -1) {
		p.Report(lint.Diagnostic{Pos: m[0], End: m[2], Check: "marker-space", Message: "one space after the marker",
			Fix: &lint.Fix{Message: "one space", Edits: []lint.Edit{{Pos: m[0] + 1, End: m[2], NewText: " "}}}})
	}
	return nil
}

// appendNoteRule wants the file to end with a note, and appends it: a
// stand-in for medical-disclaimer's fix-text (it inserts "\n", which a CRLF
// file must receive as "\r\n").
type appendNoteRule struct{}

const note = "Not medical advice."

func (appendNoteRule) Meta() lint.Meta {
	return lint.Meta{ID: "test-append-note", Summary: "test rule", Severity: lint.SeverityError, Fixable: true}
}
func (appendNoteRule) NewOptions() any                             { return nil }
func (r appendNoteRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (appendNoteRule) Run(p *lint.Pass) error {
	src := p.Doc.Source
	if bytes.Contains(src, []byte(note)) {
		return nil
	}
	text := "\n" + note + "\n"
	switch {
	case len(src) == 0:
		text = note + "\n"
	case !bytes.HasSuffix(src, []byte("\n")):
		text = "\n" + text
	}
	p.Report(lint.Diagnostic{Pos: len(src), End: len(src), Message: "no note",
		Fix: &lint.Fix{Message: "append the note", Edits: []lint.Edit{{Pos: len(src), End: len(src), NewText: text}}}})
	return nil
}

// pingPongRule turns every "ping" into "pong" and every "pong" into
// "ping": its fixes never settle.
type pingPongRule struct{}

func (pingPongRule) Meta() lint.Meta {
	return lint.Meta{ID: "test-ping-pong", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (pingPongRule) NewOptions() any                             { return nil }
func (r pingPongRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }

var pingPong = regexp.MustCompile(`ping|pong`)

func (pingPongRule) Run(p *lint.Pass) error {
	for _, m := range pingPong.FindAllIndex(p.Doc.Source, -1) {
		repl := "pong"
		if string(p.Doc.Source[m[0]:m[1]]) == "pong" {
			repl = "ping"
		}
		p.Report(lint.Diagnostic{Pos: m[0], End: m[1], Message: "flip",
			Fix: &lint.Fix{Message: "flip", Edits: []lint.Edit{{Pos: m[0], End: m[1], NewText: repl}}}})
	}
	return nil
}

// countdownRule fixes "count=N" (N > 0) to "count=N-1": it takes N passes
// to settle.
type countdownRule struct{}

func (countdownRule) Meta() lint.Meta {
	return lint.Meta{ID: "test-countdown", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (countdownRule) NewOptions() any                             { return nil }
func (r countdownRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }

var countRe = regexp.MustCompile(`count=(\d+)`)

func (countdownRule) Run(p *lint.Pass) error {
	for _, m := range countRe.FindAllSubmatchIndex(p.Doc.Source, -1) {
		n, err := strconv.Atoi(string(p.Doc.Source[m[2]:m[3]]))
		if err != nil || n == 0 {
			continue
		}
		p.Report(lint.Diagnostic{Pos: m[0], End: m[1], Message: "count down",
			Fix: &lint.Fix{Message: "decrement", Edits: []lint.Edit{{Pos: m[2], End: m[3], NewText: strconv.Itoa(n - 1)}}}})
	}
	return nil
}

// overlapRule reports two fixes on each "x": upper-case it (check upper),
// and wrap it in brackets unless wrapped (check wrap). The wrap fix
// touches the upper fix's range, so it waits for the next pass.
type overlapRule struct{}

func (overlapRule) Meta() lint.Meta {
	return lint.Meta{ID: "test-overlap", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (overlapRule) NewOptions() any                             { return nil }
func (r overlapRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (overlapRule) Run(p *lint.Pass) error {
	src := p.Doc.Source
	for i, c := range src {
		if c != 'x' && c != 'X' {
			continue
		}
		if c == 'x' {
			p.Report(lint.Diagnostic{Pos: i, End: i + 1, Check: "upper", Message: "upper-case x",
				Fix: &lint.Fix{Message: "X", Edits: []lint.Edit{{Pos: i, End: i + 1, NewText: "X"}}}})
		}
		if i == 0 || src[i-1] != '[' || i+1 >= len(src) || src[i+1] != ']' {
			p.Report(lint.Diagnostic{Pos: i, End: i + 1, Check: "wrap", Message: "wrap x",
				Fix: &lint.Fix{Message: "[x]", Edits: []lint.Edit{{Pos: i, End: i, NewText: "["}, {Pos: i + 1, End: i + 1, NewText: "]"}}}})
		}
	}
	return nil
}

// invalidRule reports "BAD" with a fix whose edit runs past the end of the
// file: a rule bug the fixer must survive.
type invalidRule struct{}

func (invalidRule) Meta() lint.Meta {
	return lint.Meta{ID: "test-invalid", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (invalidRule) NewOptions() any                             { return nil }
func (r invalidRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (invalidRule) Run(p *lint.Pass) error {
	if i := bytes.Index(p.Doc.Source, []byte("BAD")); i >= 0 {
		p.Report(lint.Diagnostic{Pos: i, End: i + 3, Message: "bad",
			Fix: &lint.Fix{Message: "broken", Edits: []lint.Edit{{Pos: i, End: len(p.Doc.Source) + 5, NewText: "good"}}}})
	}
	return nil
}

// panicRule panics on every document: the fixer must report it and go on.
type panicRule struct{}

func (panicRule) Meta() lint.Meta {
	return lint.Meta{ID: "test-panic", Summary: "test rule", Severity: lint.SeverityError}
}
func (panicRule) NewOptions() any                             { return nil }
func (r panicRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (panicRule) Run(*lint.Pass) error                        { panic("boom") }
