// Package testrules holds rules with fixes for tests only: each makes
// one kind of fix the fixer must handle (a plain replacement, an insertion
// at the end of the file, fixes that undo each other, that take many
// passes, that overlap, that are invalid, a rule that panics). Tests of
// the fixer use them directly (fix.Source) or, once Register has added
// them to the registry of their test binary, by id (test-fake-bullet, ...)
// through the engine and the command. Real rules' fixes are tested with
// their goldens (testdata/fix).
//
// Register them only in a test binary whose tests select the rules they
// run (--only, config.Select): the registry enables every rule by default,
// and test-panic panics on every file.
package testrules

import (
	"bytes"
	"regexp"
	"strconv"
	"sync"

	"github.com/medlint/medlint/internal/lint"
)

// The test rules (their ids: test-fake-bullet, test-append-note,
// test-ping-pong, test-countdown, test-overlap, test-invalid, test-panic).
var (
	FakeBullet lint.Rule = fakeBullet{}
	AppendNote lint.Rule = appendNote{}
	PingPong   lint.Rule = pingPong{}
	Countdown  lint.Rule = countdown{}
	Overlap    lint.Rule = overlap{}
	Invalid    lint.Rule = invalid{}
	Panic      lint.Rule = panicking{}
)

// All returns the test rules.
func All() []lint.Rule {
	return []lint.Rule{FakeBullet, AppendNote, PingPong, Countdown, Overlap, Invalid, Panic}
}

var register sync.Once

// Register adds the test rules to the rule registry (once, however often
// it is called).
func Register() {
	register.Do(func() {
		for _, r := range All() {
			lint.Register(r)
		}
	})
}

// fakeBullet turns lines starting with "•" into "-" list items (check
// fake-bullet) and squeezes several spaces after a "-" marker (check
// marker-space): a stand-in for list-format.
type fakeBullet struct{}

func (fakeBullet) Meta() lint.Meta {
	return lint.Meta{ID: "test-fake-bullet", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (fakeBullet) NewOptions() any { return nil }

// Prepare implements lint.Rule: the rule takes no options.
func (r fakeBullet) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }

// The lines fakeBullet fixes, for tests that model its output: a "•"
// and the blanks after it (replaced by "- "), and a "-" marker followed by
// several spaces (squeezed to one before the text, submatch 1).
var (
	BulletLine = regexp.MustCompile(`(?m)^•[ \t]*`)
	WideMarker = regexp.MustCompile(`(?m)^- {2,}(\S)`)
)

func (fakeBullet) Run(p *lint.Pass) error {
	src := p.Doc.Source
	for _, m := range BulletLine.FindAllIndex(src, -1) {
		p.Report(lint.Diagnostic{Pos: m[0], End: m[1], Check: "fake-bullet", Message: `"•" is not a list marker`,
			Fix: &lint.Fix{Message: `use "- "`, Edits: []lint.Edit{{Pos: m[0], End: m[1], NewText: "- "}}}})
	}
	for _, m := range WideMarker.FindAllSubmatchIndex(src, -1) {
		p.Report(lint.Diagnostic{Pos: m[0], End: m[2], Check: "marker-space", Message: "one space after the marker",
			Fix: &lint.Fix{Message: "one space", Edits: []lint.Edit{{Pos: m[0] + 1, End: m[2], NewText: " "}}}})
	}
	return nil
}

// appendNote wants the file to end with Note, and appends it: a
// stand-in for medical-disclaimer's fix-text (it inserts "\n", which a CRLF
// file must receive as "\r\n").
type appendNote struct{}

// Note is the text appendNote appends.
const Note = "Not medical advice."

func (appendNote) Meta() lint.Meta {
	return lint.Meta{ID: "test-append-note", Summary: "test rule", Severity: lint.SeverityError, Fixable: true}
}
func (appendNote) NewOptions() any { return nil }

// Prepare implements lint.Rule: the rule takes no options.
func (r appendNote) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (appendNote) Run(p *lint.Pass) error {
	src := p.Doc.Source
	if bytes.Contains(src, []byte(Note)) {
		return nil
	}
	text := "\n" + Note + "\n"
	switch {
	case len(src) == 0:
		text = Note + "\n"
	case !bytes.HasSuffix(src, []byte("\n")):
		text = "\n" + text
	}
	p.Report(lint.Diagnostic{Pos: len(src), End: len(src), Message: "no note",
		Fix: &lint.Fix{Message: "append the note", Edits: []lint.Edit{{Pos: len(src), End: len(src), NewText: text}}}})
	return nil
}

// pingPong turns every "ping" into "pong" and every "pong" into
// "ping": its fixes never settle.
type pingPong struct{}

func (pingPong) Meta() lint.Meta {
	return lint.Meta{ID: "test-ping-pong", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (pingPong) NewOptions() any { return nil }

// Prepare implements lint.Rule: the rule takes no options.
func (r pingPong) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }

var pingOrPong = regexp.MustCompile(`ping|pong`)

func (pingPong) Run(p *lint.Pass) error {
	for _, m := range pingOrPong.FindAllIndex(p.Doc.Source, -1) {
		repl := "pong"
		if string(p.Doc.Source[m[0]:m[1]]) == "pong" {
			repl = "ping"
		}
		p.Report(lint.Diagnostic{Pos: m[0], End: m[1], Message: "flip",
			Fix: &lint.Fix{Message: "flip", Edits: []lint.Edit{{Pos: m[0], End: m[1], NewText: repl}}}})
	}
	return nil
}

// countdown fixes "count=N" (N > 0) to "count=N-1": it takes N passes
// to settle.
type countdown struct{}

func (countdown) Meta() lint.Meta {
	return lint.Meta{ID: "test-countdown", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (countdown) NewOptions() any { return nil }

// Prepare implements lint.Rule: the rule takes no options.
func (r countdown) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }

var countRe = regexp.MustCompile(`count=(\d+)`)

func (countdown) Run(p *lint.Pass) error {
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

// overlap reports two fixes on each "x": upper-case it (check upper),
// and wrap it in brackets unless wrapped (check wrap). The wrap fix
// touches the upper fix's range, so it waits for the next pass.
type overlap struct{}

func (overlap) Meta() lint.Meta {
	return lint.Meta{ID: "test-overlap", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (overlap) NewOptions() any { return nil }

// Prepare implements lint.Rule: the rule takes no options.
func (r overlap) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (overlap) Run(p *lint.Pass) error {
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

// invalid reports "BAD" with a fix whose edit runs past the end of the
// file: a rule bug the fixer must survive.
type invalid struct{}

func (invalid) Meta() lint.Meta {
	return lint.Meta{ID: "test-invalid", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (invalid) NewOptions() any { return nil }

// Prepare implements lint.Rule: the rule takes no options.
func (r invalid) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (invalid) Run(p *lint.Pass) error {
	if i := bytes.Index(p.Doc.Source, []byte("BAD")); i >= 0 {
		p.Report(lint.Diagnostic{Pos: i, End: i + 3, Message: "bad",
			Fix: &lint.Fix{Message: "broken", Edits: []lint.Edit{{Pos: i, End: len(p.Doc.Source) + 5, NewText: "good"}}}})
	}
	return nil
}

// panicking panics on every document: the fixer must report it and go on.
type panicking struct{}

func (panicking) Meta() lint.Meta {
	return lint.Meta{ID: "test-panic", Summary: "test rule", Severity: lint.SeverityError}
}
func (panicking) NewOptions() any { return nil }

// Prepare implements lint.Rule: the rule takes no options.
func (r panicking) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (panicking) Run(*lint.Pass) error                        { panic("boom") }
