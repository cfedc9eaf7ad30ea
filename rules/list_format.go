package rules

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(listFormat) }

// listFormat checks that lists are written so that they render as lists:
// markdownlint's list rules (MD004, MD005, MD007, MD029, MD030, MD032) plus
// the pasted bullets and missing marker spaces that real articles are full
// of.
var listFormat = &lint.Definition[ListFormatOptions]{
	Info: listFormatMeta,
	Defaults: func() *ListFormatOptions {
		return &ListFormatOptions{
			StyleChecks: styleOff, MarkerStyle: "consistent", Indent: 2, StartIndent: 2, OrderedStyle: "one_or_ordered",
			ULSingle: 1, OLSingle: 1, ULMulti: 1, OLMulti: 1,
			FakeBullets: append([]string(nil), defaultFakeBullets...),
		}
	},
	Build: buildListFormat,
}

// Names of the checks of list-format, as they appear in findings.
const (
	checkMarkerStyle   = "marker-style"
	checkItemIndent    = "item-indent"
	checkNestedIndent  = "nested-indent"
	checkOrderedPrefix = "ordered-prefix"
	checkMarkerSpace   = "marker-space"
	checkBlankLines    = "blank-lines"
	checkFakeBullet    = "fake-bullet"
	checkMissingSpace  = "missing-space"
	checkFlatNesting   = "flat-nesting"
)

// styleChecks are the checks that only keep lists uniform: the list
// renders the same either way. They run only when style-checks is on.
var styleChecks = map[string]bool{checkMarkerStyle: true, checkItemIndent: true, checkNestedIndent: true, checkMarkerSpace: true, checkBlankLines: true}

// Values of the style-checks option.
const (
	styleOff     = "off"
	stylePerList = "per-list"
	stylePerItem = "per-item"
)

// defaultFakeBullets are the characters that word processors and CMS
// editors paste in place of list markers.
var defaultFakeBullets = []string{"•", "◦", "▪", "▫", "●", "○", "■", "□", "‣", "⁃", "∙", "·", "✓", "✔", "➢", "→", "–", "—"}

// ListFormatOptions are the options of list-format.
type ListFormatOptions struct {
	StyleChecks   string   `yaml:"style-checks" enum:"off,per-list,per-item" doc:"the markdownlint-style checks (marker-style, item-indent, nested-indent, marker-space, blank-lines, and ordered-prefix's ordered-style): off (the default: only what changes how a list renders is checked), per-list (one finding per list and check), or per-item (one finding per item, as markdownlint reports them)"`
	MarkerStyle   string   `yaml:"marker-style" enum:"consistent,dash,asterisk,plus,sublist" doc:"marker-style check (MD004 style): consistent: every bullet list uses the marker of the document's first one; dash, asterisk, plus: that marker everywhere; sublist: each nesting level uses one marker, different from its parent level's"`
	Indent        int      `yaml:"indent" doc:"nested-indent check (MD007 indent): spaces of indentation per nesting level of bullet lists"`
	StartIndented bool     `yaml:"start-indented" doc:"nested-indent check (MD007 start_indented): top-level bullet lists are indented by start-indent spaces"`
	StartIndent   int      `yaml:"start-indent" doc:"nested-indent check (MD007 start_indent): indentation of top-level bullet lists when start-indented is true; when not set, indent"`
	OrderedStyle  string   `yaml:"ordered-style" enum:"one_or_ordered,one,zero,ordered" doc:"ordered-prefix check (MD029 style): one: 1. 1. 1.; zero: 0. 0. 0.; ordered: 1. 2. 3. (or 0. 1. 2.); one_or_ordered: either one or ordered, decided per list by its first two items"`
	ULSingle      int      `yaml:"ul-single" doc:"marker-space check (MD030 ul_single): spaces after the marker of a bullet list whose items are all one line"`
	OLSingle      int      `yaml:"ol-single" doc:"marker-space check (MD030 ol_single): spaces after the marker of a numbered list whose items are all one line"`
	ULMulti       int      `yaml:"ul-multi" doc:"marker-space check (MD030 ul_multi): spaces after the marker of a bullet list with a multi-line item"`
	OLMulti       int      `yaml:"ol-multi" doc:"marker-space check (MD030 ol_multi): spaces after the marker of a numbered list with a multi-line item"`
	FakeBullets   []string `yaml:"fake-bullet-chars" doc:"fake-bullet check: characters that, followed by a space at the start of a line, are a pasted bullet rather than Markdown (–, —, →, ✓ and ✔ need two such lines in a paragraph, since a single one is usually an attribution, a pointer or a badge)"`
}

// Validate checks the numeric options and the fake bullet characters.
func (o *ListFormatOptions) Validate() error {
	var errs []error
	if o.Indent < 1 || o.Indent > 8 {
		errs = append(errs, fmt.Errorf("indent must be between 1 and 8, got %d", o.Indent))
	}
	if o.StartIndent < 0 || o.StartIndent > 8 {
		errs = append(errs, fmt.Errorf("start-indent must be between 0 and 8, got %d", o.StartIndent))
	}
	for _, s := range []struct {
		name string
		v    int
	}{{"ul-single", o.ULSingle}, {"ol-single", o.OLSingle}, {"ul-multi", o.ULMulti}, {"ol-multi", o.OLMulti}} {
		if s.v < 1 || s.v > 4 {
			errs = append(errs, fmt.Errorf("%s must be between 1 and 4 (5 spaces after a marker make the text a code block), got %d", s.name, s.v))
		}
	}
	for _, c := range o.FakeBullets {
		r, size := utf8.DecodeRuneInString(c)
		switch {
		case c == "" || size != len(c):
			errs = append(errs, fmt.Errorf("fake-bullet-chars: %q is not a single character", c))
		case strings.ContainsRune("-*+>#|`\\", r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r):
			errs = append(errs, fmt.Errorf("fake-bullet-chars: %q cannot be a fake bullet (it is Markdown syntax, a letter, a digit or a space)", c))
		}
	}
	return errors.Join(errs...)
}

// listFormatMeta is the rule's metadata: data, built once.
var listFormatMeta = lint.Meta{
	Category: lint.CategoryStyle,
	ID:       "list-format",
	Summary:  "Lists must be written so that they render as lists: no pasted bullets, no missing marker spaces, nesting and numbering that render as written",
	Severity: lint.SeverityWarning,
	Rationale: "Lists carry the most actionable part of a health article: symptoms, doses, steps to take. " +
		"Bullets pasted from Word or a CMS (•, ◦, –) and markers without their space render as one run-on " +
		"paragraph; sub-points written flat lose their parent step; a skipped number renders as the next one, " +
		"so \"see step 4\" points at the wrong step. By default only what changes how a list renders is " +
		"reported; the markdownlint-style checks that keep lists uniform are one switch away (style-checks).",
	Bad:  "Signs to look out for:\n  • a high temperature\n  • a rash that does not fade\n\n1. Rest\n3. Drink fluids\n",
	Good: "Signs to look out for:\n\n- a high temperature\n- a rash that does not fade\n\n1. Rest\n2. Drink fluids\n",
	Checks: []lint.CheckDoc{
		{Name: checkFakeBullet, Summary: "lines starting with a pasted bullet such as • or ◦ and a space, or with •, ◦, ▪, ●, ■ and the like glued to a word (\"•Sweating\"): they render as one paragraph; one finding per paragraph; –, —, →, ✓ and ✔ only when two lines of a paragraph start with them; fix: list items with the document's bullet marker (\"- \" by default) and the blank lines a list needs (none next to a real list, which the items join), a more indented bullet as a sub-item, sub-items under a list item's text"},
		{Name: checkMissingSpace, Summary: "two or more consecutive lines starting -Word, +Word, 1.Word or 1)Word (or one such line right under a list item with that marker): list markers missing their space; not when the lines carry on a sentence wrapped onto them (the line before, or one of them, ends with a comma: \"-Debug, -Verbose,\"); fix: insert the space"},
		{Name: checkFlatNesting, Summary: "a list meant as nested that renders flat, one finding per list: a list right after a list item, starting left of the item's text, when it is indented past the item's marker on the next line (\"1. Step\" then \"  - detail\"), when the item introduces it with a colon, or when it sits between numbered steps that count on around it; and bullets indented past the bullet above (itself where its list belongs) but not to its text; fix: indent the list (or items) under the item's text, dropping the blank lines that would make a tight list loose (none in block quotes, with tabs, or for a list whose items are not lined up)"},
		{Name: checkOrderedPrefix, Summary: "by default: a numbered list whose items render with other numbers than written (\"1. 2. 4.\" renders 1, 2, 3; a list repeating one number, \"1. 1. 1.\", numbers itself on purpose), one finding per list, fix: renumber as rendered; and a list that switches between 1. and 1), which Markdown splits into two lists, fix: the list above's delimiter. With style-checks: numbered items follow ordered-style (1/2/3, 1/1/1, 0/0/0), a list may continue the numbering of the list before it; fix: renumber (a wider or narrower number takes or gives back a space after the marker when its item's other lines would otherwise move)", Equivalent: "MD029 ol-prefix (with style-checks)"},
		{Name: checkMarkerStyle, Summary: "style-checks only: bullet markers (-, *, +) follow marker-style; fix: the expected marker, for every item of the list (none for a list right under an item with no text, where the marker decides whether the list is nested, for a list that the new marker would join to the bullet list next to it, and for a list with an item such as \"* ---\" whose line would become a thematic break)", Equivalent: "MD004 ul-style"},
		{Name: checkItemIndent, Summary: "style-checks only: items of one list start at the same column (numbered items may instead align their numbers' right edges); no fix: moving an item changes what is nested in it", Equivalent: "MD005 list-indent"},
		{Name: checkNestedIndent, Summary: "style-checks only: bullet lists are indented by indent spaces per nesting level (start-indent at the top when start-indented); lists nested in numbered lists are not checked; no fix, as for item-indent", Equivalent: "MD007 ul-indent"},
		{Name: checkMarkerSpace, Summary: "style-checks only: exactly ul-single/ol-single (one-line items) or ul-multi/ol-multi spaces after each marker; fix: that many spaces, unless that would move a line of the item (or the line after it) into or out of the item or into code", Equivalent: "MD030 list-marker-space"},
		{Name: checkBlankLines, Summary: "style-checks only: a top-level list has a blank line before and after it; fix: insert the blank line (keeping block-quote markers), except between two lists that ordered-prefix's delimiter fix joins into one, and where the line would land inside a code or HTML block or a Liquid {% for %}, {% if %}, ... block (whose body the site repeats or drops); a line holding only MDX or Liquid markup counts as blank", Equivalent: "MD032 blanks-around-lists"},
	},
	Fixable: true,
	Notes: "Nothing is checked inside code blocks, front matter, HTML blocks or tables; *emphasis* or **bold** " +
		"at the start of a line, thematic breaks (- - -, ***) and kramdown abbreviations (*[A&E]: ...) are not " +
		"lists. style-checks (off by default) turns on the markdownlint-style checks, which find what renders the same " +
		"either way: per-list gives one finding per list and check (its fix makes all the list's changes), per-item one per " +
		"item as markdownlint reports them. One problem, one finding: on a line where flat-nesting reports, item-indent and " +
		"nested-indent do not, and item-indent wins over nested-indent (under per-item both report, as markdownlint's MD005 " +
		"and MD007 do). The style checks follow markdownlint 0.40 (MD004, MD005, MD007, MD029, MD030, MD032) and " +
		"agree with it on its own test fixtures, with one deliberate difference: a numbered list that continues the " +
		"numbering of the previous list at its level (3. after 1. 2. and a note) is accepted under ordered and " +
		"one_or_ordered, where markdownlint wants it to restart at 1. The fixes of marker-style, ordered-prefix, marker-space and " +
		"blank-lines give markdownlint's fixed text on those fixtures, except for that continued numbering and where markdownlint's " +
		"fix changes what the text renders as: a marker that joins two lists into one, a blank line inside a code block, a list " +
		"renumbered from 0 that no longer interrupts its item's text, blank lines around a list that flat-nesting nests instead. " +
		"These fixes promise to keep the rendering, and each is checked " +
		"by parsing the text with it applied: one that would change it is dropped, and its finding has no fix. " +
		"Options map to markdownlint's: style -> marker-style / ordered-style, indent, start_indented, start_indent, " +
		"ul_single, ol_single, ul_multi, ol_multi.",
}

// buildListFormat validates the options and settles start-indent, which
// defaults to indent when only indent is set (as markdownlint's does).
func buildListFormat(opts *ListFormatOptions, env lint.Env) (lint.Check, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	settled := *opts
	if !env.Explicit("start-indent") && env.Explicit("indent") {
		settled.StartIndent = opts.Indent
	}
	asked := askedStyleChecks(&settled, env)
	return func(pass *lint.Pass) error { return checkListFormat(pass, &settled, asked) }, nil
}

// askedStyleChecks returns the style checks the configuration switches on
// by name while style-checks is off (checks: {marker-style: warning},
// MD004: warning, --only MD004): those run, one finding per item as
// markdownlint reports them, and the other style checks stay off. nil
// means style-checks decides alone.
func askedStyleChecks(opts *ListFormatOptions, env lint.Env) map[string]bool {
	if opts.StyleChecks != styleOff {
		return nil
	}
	var asked map[string]bool
	// ordered-prefix runs by default, checking what renders; named, it
	// keeps doing so (its ordered-style needs style-checks).
	for _, name := range []string{checkMarkerStyle, checkItemIndent, checkNestedIndent, checkMarkerSpace, checkBlankLines} {
		if env.CheckOn(name) {
			if asked == nil {
				asked = map[string]bool{}
			}
			asked[name] = true
		}
	}
	if asked != nil {
		opts.StyleChecks = stylePerItem
	}
	return asked
}

func checkListFormat(pass *lint.Pass, opts *ListFormatOptions, asked map[string]bool) error {
	c := newListChecker(pass.Doc, opts)
	c.asked = asked
	found, nested := c.gather()
	for _, p := range c.decide(found, nested) {
		pass.Report(p.d)
	}
	return nil
}

// gather runs the checks and returns their findings, in the order listed
// here (the order breaks ties between findings at one place, and decides
// which finding of a list per-list merging keeps), and the lists
// flat-nesting nests into the item above them, which decide needs.
//
// Each check reads only the document and the options, and returns what
// it plans; where one needs another's plan, it is passed to it:
//
//   - marker-style and ordered-prefix return the marker their fixes give
//     each list's items (markerPlan): blank-lines inserts no blank line
//     between two lists that these fixes join into one;
//   - fake-bullet and missing-space (pastedLists) return the lines where
//     the items they make of pasted lines join a list: blank-lines
//     inserts no blank line there either;
//   - flat-nesting returns the lists it nests: decide drops the
//     blank-lines findings above them (see outrank).
func (c *listChecker) gather() ([]pendingDiag, map[*document.List]bool) {
	var found []pendingDiag
	style := c.opts.StyleChecks != styleOff
	markers := markerPlan{}
	if style && c.wants(checkMarkerStyle) {
		styled, bullets := c.markerStyle()
		found = append(found, styled...)
		maps.Copy(markers, bullets)
	}
	if style && c.wants(checkItemIndent) {
		found = append(found, c.itemIndent()...)
	}
	if style && c.wants(checkNestedIndent) {
		found = append(found, c.nestedIndent()...)
	}
	if style && c.wants(checkOrderedPrefix) {
		numbered, delimiters := c.orderedPrefix()
		found = append(found, numbered...)
		maps.Copy(markers, delimiters)
	} else {
		found = append(found, c.orderedRendering()...)
	}
	if style && c.wants(checkMarkerSpace) {
		found = append(found, c.markerSpace()...)
	}
	flat, nested := c.flatNesting()
	found = append(found, flat...)
	pasted, joins := c.pastedLists()
	found = append(found, pasted...)
	if style && c.wants(checkBlankLines) {
		found = append(found, c.blankLines(markers, joins)...)
	}
	return found, nested
}

// wants reports whether a style check runs: every one under style-checks,
// else those asked for by name (askedStyleChecks).
func (c *listChecker) wants(check string) bool {
	return c.asked == nil || c.asked[check]
}

// markerPlan holds the marker (bullet, or delimiter of a numbered list)
// that marker-style's or ordered-prefix's fixes give every item of a list.
type markerPlan map[*document.List]byte

// listChecker holds what the checks of one run read: the document, the
// options, and facts of the document they compute on first use. No check
// writes anything here that another reads.
type listChecker struct {
	doc         *document.Document
	opts        *ListFormatOptions
	asked       map[string]bool // see wants
	startIndent int
	byNode      map[ast.Node]*document.List
	listFacts
}

// listFacts are facts of the document that some checks need, computed on
// first use.
type listFacts struct {
	owners []byte // see aboveMessage
	// rawLines caches rawContinues.
	rawLines map[int]bool
	// lastBlock caches endsWithColon's last prose block of each item.
	lastBlock map[*document.ListItem]*document.Block
	// parents caches hasSubList.
	parents map[*document.ListItem]bool
}

func newListChecker(doc *document.Document, opts *ListFormatOptions) *listChecker {
	c := &listChecker{doc: doc, opts: opts, startIndent: opts.StartIndent, byNode: map[ast.Node]*document.List{}}
	for _, l := range doc.Lists {
		c.byNode[l.Node] = l
	}
	return c
}

// finding holds a finding whose fix, if any, stands alone.
func (c *listChecker) finding(check string, pos, end int, fix *lint.Fix, format string, args ...any) pendingDiag {
	return c.listFinding(nil, nil, check, pos, end, fix, format, args...)
}

// listFinding holds a finding about list l (nil when it is about no one
// list), whose fix is kept or dropped together with the other fixes of the
// same non-nil unit (see pendingDiag).
func (c *listChecker) listFinding(l *document.List, unit any, check string, pos, end int, fix *lint.Fix, format string, args ...any) pendingDiag {
	if fix != nil {
		for i, e := range fix.Edits {
			fix.Edits[i] = minimalEdit(c.doc.Source, e)
		}
	}
	return pendingDiag{unit: unit, list: l,
		d: lint.Diagnostic{Pos: pos, End: end, Check: check, Message: fmt.Sprintf(format, args...), Fix: fix}}
}

// newline returns the document's line break.
func (c *listChecker) newline() string {
	if c.doc.CRLF {
		return "\r\n"
	}
	return "\n"
}

// column returns the visual column (0-based, tabs to multiples of four) of
// byte offset off within its line.
func (c *listChecker) column(off int) int {
	d := c.doc
	return visualWidth(d.Source[d.LineStart(d.Line(off)):off], 0)
}

// visualWidth returns the width of b starting at column col, tabs expanded
// to multiples of four and every other character counted once.
func visualWidth(b []byte, col int) int {
	start := col
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	return col - start
}

// blankLine reports whether line l is blank the way markdownlint sees it:
// nothing but whitespace, block-quote markers and HTML comments. Lines
// outside the document, front matter lines and lines that only MDX or
// Liquid markup fill (document.MaskedLine) count as blank.
func (c *listChecker) blankLine(l int) bool {
	d := c.doc
	if l < 1 || l > d.LineCount() {
		return true
	}
	if d.LineKinds[l-1] == document.LineFrontMatter || d.MaskedLine(l) {
		return true // front matter; MDX or Liquid markup, which the page does not show
	}
	s := string(d.LineText(l))
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			break
		}
		j := strings.Index(s[i+4:], "-->")
		if j < 0 {
			s = s[:i]
			break
		}
		s = s[:i] + s[i+4+j+3:]
	}
	if j := strings.Index(s, "-->"); j >= 0 {
		s = s[j+3:]
	}
	s = strings.ReplaceAll(s, ">", "")
	return strings.TrimSpace(s) == ""
}

// quotePrefix returns the length of the block-quote markers at the start
// of line l ("> > " and the whitespace before them), 0 when there are none.
func (c *listChecker) quotePrefix(l int) int {
	t := c.doc.LineText(l)
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case ' ', '\t':
			continue
		case '>':
			n = i + 1
			if n < len(t) && t[n] == ' ' {
				n++
			}
			continue
		}
		break
	}
	return n
}

// minimalEdit shrinks e so that it does not rewrite the ASCII bytes it
// keeps at either end ("12" -> "13" becomes "2" -> "3"): fixes touch only
// what they change.
func minimalEdit(src []byte, e lint.Edit) lint.Edit {
	old := src[e.Pos:e.End]
	for len(old) > 0 && len(e.NewText) > 0 && old[0] == e.NewText[0] && old[0] < utf8.RuneSelf {
		old, e.NewText = old[1:], e.NewText[1:]
		e.Pos++
	}
	for len(old) > 0 && len(e.NewText) > 0 && old[len(old)-1] == e.NewText[len(e.NewText)-1] && old[len(old)-1] < utf8.RuneSelf {
		old, e.NewText = old[:len(old)-1], e.NewText[:len(e.NewText)-1]
		e.End--
	}
	return e
}
