package rules

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
)

// This file holds the checks markdownlint does not have: lists pasted with
// word-processor bullets, and list markers missing their space. Both look
// at the lines of paragraphs only, so code, HTML, tables, headings and
// front matter are never touched.

// pasteLine is one line of a paragraph that looks like a broken list item.
type pasteLine struct {
	line int
	// region is where the line's own text starts: after block-quote
	// markers, before the indentation.
	region int
	// marker and markerEnd delimit the bullet or marker (and, for a fake
	// bullet, the spaces after it).
	marker, markerEnd int
	text              string // the bullet or marker as written
}

// needsTwo reports the fake bullets that also start attributions ("— Dr
// Smith"), pointers ("→ See also") or badges ("✓ Reviewed"), and so count
// only with two such lines in a paragraph.
func needsTwo(s string) bool {
	switch s {
	case "–", "—", "→", "✓", "✔":
		return true
	}
	return false
}

// pastedLists runs fake-bullet and missing-space over every paragraph.
// It also returns the lines where the items their fixes make join a list
// (for blank-lines; see blankLinesAround).
func (c *listChecker) pastedLists() ([]pendingDiag, map[int]bool) {
	var out []pendingDiag
	joins := map[int]bool{}
	fake := map[rune]bool{}
	for _, s := range c.opts.FakeBullets {
		r, _ := utf8.DecodeRuneInString(s)
		fake[r] = true
	}
	for _, b := range c.doc.Blocks {
		if b.Kind != document.BlockParagraph {
			continue
		}
		var bullets []pasteLine
		var runs [][]pasteLine
		var run []pasteLine
		flush := func() {
			if (len(run) >= 2 || (len(run) == 1 && continuesItem(b, run[0]))) && !c.wrapsSentence(b, run) {
				runs = append(runs, run)
			}
			run = nil
		}
		for l := b.Line; l <= b.EndLine; l++ {
			if c.doc.LineKinds[l-1] != document.LineProse {
				flush()
				continue
			}
			if pl, ok := c.fakeBullet(b, l, fake); ok {
				bullets = append(bullets, pl)
			}
			if pl, ok := c.missingSpace(b, l); ok {
				run = append(run, pl)
				continue
			}
			flush()
		}
		flush()
		if len(bullets) > 0 && (len(bullets) >= 2 || !needsTwo(bullets[0].text)) {
			d, seams := c.fakeBullets(b, bullets)
			out = append(out, d)
			addLines(joins, seams)
		}
		for _, r := range runs {
			d, seams := c.missingSpaces(b, r)
			out = append(out, d)
			addLines(joins, seams)
		}
	}
	return out, joins
}

// addLines adds lines to set.
func addLines(set map[int]bool, lines []int) {
	for _, l := range lines {
		set[l] = true
	}
}

// lineStartOf returns the offset of line l's own text in paragraph b (after
// the block-quote markers) and the offset of its first non-blank byte.
func (c *listChecker) lineStartOf(b *document.Block, l int) (region, first int) {
	start := c.doc.LineStart(l)
	region = start
	if b.Quoted {
		region += c.quotePrefix(l)
	}
	first = region
	for first < c.doc.LineEnd(l) && (c.doc.Source[first] == ' ' || c.doc.Source[first] == '\t') {
		first++
	}
	return region, first
}

// glyphBullets are the fake bullets that are bullets and nothing else: one
// glued to a word ("•Sweating") is a pasted bullet too. The others
// (dashes, arrows, ticks, the middle dot) need their space.
const glyphBullets = "•◦▪▫●○■□‣⁃∙"

// fakeBullet reports whether line l of paragraph b starts with a fake
// bullet followed by a space and some text, or with one of glyphBullets
// glued to a word.
func (c *listChecker) fakeBullet(b *document.Block, l int, fake map[rune]bool) (pasteLine, bool) {
	region, first := c.lineStartOf(b, l)
	end := c.doc.LineEnd(l)
	src := c.doc.Source
	r, size := utf8.DecodeRune(src[first:end])
	if !fake[r] {
		return pasteLine{}, false
	}
	p := first + size
	spaces := 0
	for p < end {
		s, n := utf8.DecodeRune(src[p:end])
		if !unicode.IsSpace(s) {
			break
		}
		p += n
		spaces++
	}
	if p >= end {
		return pasteLine{}, false
	}
	if next, _ := utf8.DecodeRune(src[p:end]); spaces == 0 && (!strings.ContainsRune(glyphBullets, r) || !unicode.IsLetter(next)) {
		return pasteLine{}, false
	}
	return pasteLine{line: l, region: region, marker: first, markerEnd: p, text: string(r)}, true
}

// missingSpace reports whether line l of paragraph b starts with a list
// marker glued to a word: "-Fever", "+Rash", "1.Rest", "2)Drink".
func (c *listChecker) missingSpace(b *document.Block, l int) (pasteLine, bool) {
	region, first := c.lineStartOf(b, l)
	end := c.doc.LineEnd(l)
	src := c.doc.Source
	p := first
	switch {
	case p < end && (src[p] == '-' || src[p] == '+'):
		// Not "*": "*Source: NHS" lines are footnotes or emphasis as often
		// as lists.
		p++
	default:
		for p < end && p-first < 9 && src[p] >= '0' && src[p] <= '9' {
			p++
		}
		if p == first || p >= end || (src[p] != '.' && src[p] != ')') {
			return pasteLine{}, false
		}
		p++
	}
	if r, _ := utf8.DecodeRune(src[p:end]); p >= end || !unicode.IsLetter(r) {
		return pasteLine{}, false
	}
	return pasteLine{line: l, region: region, marker: first, markerEnd: p, text: string(src[first:p])}, true
}

// wrapsSentence reports whether the lines of run carry on a sentence
// wrapped onto them: the line before the run, or one of its lines but the
// last, ends with a comma ("parameters: -Debug, -ErrorAction,\n
// -InformationAction, ..."). Items of a list do not.
func (c *listChecker) wrapsSentence(b *document.Block, run []pasteLine) bool {
	endsWithComma := func(l int) bool {
		return l >= b.Line && bytes.HasSuffix(bytes.TrimRight(c.doc.LineText(l), " \t"), []byte(","))
	}
	if endsWithComma(run[0].line - 1) {
		return true
	}
	for _, pl := range run[:len(run)-1] {
		if endsWithComma(pl.line) {
			return true
		}
	}
	return false
}

// continuesItem reports whether a single glued marker sits in the
// paragraph of a list item with the same kind of marker ("- Apples" then
// "-Pears").
func continuesItem(b *document.Block, pl pasteLine) bool {
	if b.Item == nil || pl.line == b.Line {
		return false
	}
	m := b.Item.Marker
	if !b.Item.List.Ordered {
		return pl.text == m
	}
	return m[len(m)-1] == pl.text[len(pl.text)-1] && pl.text[0] >= '0' && pl.text[0] <= '9'
}

// fakeBullets is fake-bullet's finding on the lines of paragraph b that
// start with a fake bullet, and the lines where the items its fix makes
// join a list.
func (c *listChecker) fakeBullets(b *document.Block, lines []pasteLine) (pendingDiag, []int) {
	marker := c.bulletMarker()
	// A line whose text would open a block as an item's first line stays
	// as it is: the fix turns the other lines into items.
	var safe []pasteLine
	for _, pl := range lines {
		if !opensBlock(c.doc.Source[pl.markerEnd:c.doc.LineEnd(pl.line)]) && !c.lazyIn(b, pl.line) {
			safe = append(safe, pl)
		}
	}
	var fix *lint.Fix
	var joins []int
	// After an unclosed code fence or HTML block (of a list item above), an
	// item made of the first line may be taken into the block.
	if len(safe) > 0 && c.restSafe(b, safe) && !c.rawContinues(safe[0].line-1) {
		var edits []lint.Edit
		nest := c.nesting(b, safe, marker)
		for i, pl := range safe {
			e := c.bulletEdit(b, pl, marker)
			if nest != nil {
				e.NewText = nest[i] + e.NewText
			}
			edits = append(edits, e)
		}
		edits, joins = c.blankLinesAround(b, safe, edits)
		if !c.nextJoins(b, safe, edits) {
			fix = &lint.Fix{Message: "turn the lines into a Markdown list", Edits: edits}
		}
	}
	first, last := lines[0], lines[len(lines)-1]
	if len(lines) == 1 {
		return c.finding(checkFakeBullet, first.marker, c.doc.LineEnd(first.line), fix,
			"line starts with %q, which is not a Markdown list marker: it renders as a paragraph with a literal bullet; use \"%s \"", first.text, marker), joins
	}
	var chars []string
	seen := map[string]bool{}
	for _, pl := range lines {
		if !seen[pl.text] {
			seen[pl.text] = true
			chars = append(chars, fmt.Sprintf("%q", pl.text))
		}
	}
	return c.finding(checkFakeBullet, first.marker, c.doc.LineEnd(last.line), fix,
		"%d lines start with %s, which is not a Markdown list marker: they render as one run-on paragraph, not a list; use \"%s \"",
		len(lines), strings.Join(chars, " or "), marker), joins
}

// splitsTrailing reports whether blankLinesAround splits the lines of
// paragraph b after the repaired ones off into a paragraph of their own:
// outside list items, when every repaired line is an item of one line
// and the next line is not a lazy one (which would then leave the quote).
func (c *listChecker) splitsTrailing(b *document.Block, lines []pasteLine) bool {
	first, last := lines[0].line, lines[len(lines)-1].line
	return b.Item == nil && last < b.EndLine && last-first+1 == len(lines) && !c.lazyIn(b, last+1)
}

// nextJoins reports whether the line after the repaired lines (the first
// line split off after them, else the first non-blank line after the
// paragraph) would join the last new item, being indented to its text
// ("  <div>" under "• a" made "- a"), or sit in a deeper block quote.
func (c *listChecker) nextJoins(b *document.Block, items []pasteLine, edits []lint.Edit) bool {
	last := items[len(items)-1].line
	start, end := c.doc.LineStart(last), c.doc.LineEnd(last)
	// The last item's line as the fix writes it.
	var line []byte
	p := start
	for _, e := range edits {
		if e.Pos >= start && e.End <= end && !strings.Contains(e.NewText, "\n") {
			line = append(append(line, c.doc.Source[p:e.Pos]...), e.NewText...)
			p = e.End
		}
	}
	line = append(line, c.doc.Source[p:end]...)
	col := contentColumn(line)
	next := last + 1
	if !c.splitsTrailing(b, items) {
		for next = b.EndLine + 1; next <= c.doc.LineCount(); next++ {
			if _, ok := c.lineIndent(next); ok {
				break // not blank (an HTML comment is a block here)
			}
		}
	}
	if next > c.doc.LineCount() {
		return false
	}
	own := c.quoteDepth(b.Line)
	if c.quoteDepth(next) < own {
		return false // out of the quote, out of the item
	}
	// The indentation after the paragraph's own block-quote markers (a
	// deeper quote's ">" included).
	t := c.doc.LineText(next)
	i := 0
	for n := 0; n < own && i < len(t); i++ {
		if t[i] == '>' {
			n++
			if i+1 < len(t) && t[i+1] == ' ' {
				i++
			}
		}
	}
	j := i
	for j < len(t) && (t[j] == ' ' || t[j] == '\t') {
		j++
	}
	return j < len(t) && visualWidth(t[i:j], 0) >= col
}

// contentColumn returns the visual column, counted from the end of the
// block-quote markers, where the text of the list item on line starts.
func contentColumn(line []byte) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
		i++
	}
	q := 0 // the end of the block-quote markers
	for j := 0; j < i; j++ {
		if line[j] == '>' {
			q = j + 1
			if q < len(line) && line[q] == ' ' {
				q++
			}
		}
	}
	i = q
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i < len(line) && strings.IndexByte("-+*.)", line[i]) >= 0 {
		i++
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return visualWidth(line[q:i], 0)
}

// lazyIn reports whether line l of quoted paragraph b is a lazy line, with
// fewer block-quote markers than the paragraph's first line: made a list
// item, it would leave the quote.
func (c *listChecker) lazyIn(b *document.Block, l int) bool {
	return b.Quoted && c.quoteDepth(l) < c.quoteDepth(b.Line)
}

// quoteDepth counts the block-quote markers at the start of line l.
func (c *listChecker) quoteDepth(l int) int {
	return bytes.Count(c.doc.LineText(l)[:c.quotePrefix(l)], []byte{'>'})
}

// restSafe reports whether the lines of paragraph b after the first of
// the lines a fix turns into items keep their meaning once it has: each
// then continues an item's text (or, split off after the last item,
// starts a paragraph), where a line like "0)" or "2. Rest", which could
// not interrupt the paragraph, would be an item of the new list; and
// indented by four columns, the first line split off would be code.
func (c *listChecker) restSafe(b *document.Block, items []pasteLine) bool {
	first, last := items[0].line, items[len(items)-1].line
	item := map[int]bool{}
	for _, pl := range items {
		item[pl.line] = true
	}
	for l := first + 1; l <= b.EndLine; l++ {
		if item[l] {
			continue
		}
		text := bytes.TrimLeft(c.doc.LineText(l)[c.quotePrefix(l):], " \t")
		if opensBlock(text) {
			return false
		}
		if ind, ok := c.lineIndent(l); ok && l == last+1 && ind >= 4 && c.splitsTrailing(b, items) {
			return false
		}
	}
	// The paragraph is cut before each item and before the lines split
	// off: no inline span (emphasis, a link, a code span, inline HTML) may
	// run across a cut, or it would fall apart into its text.
	cuts := map[int]bool{}
	for _, pl := range items {
		cuts[pl.line] = pl.line > b.Line
	}
	cuts[last+1] = c.splitsTrailing(b, items)
	// A file parsed in pieces keeps the inline nodes this needs
	// (document's keepsInline).
	for n := b.Node.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindText {
			continue
		}
		end := b.End
		if next := n.NextSibling(); next != nil {
			end = next.Pos() - 1
		}
		if n.Pos() < 0 || end < n.Pos() {
			return false
		}
		for l := c.doc.Line(n.Pos()) + 1; l <= c.doc.Line(end); l++ {
			if cuts[l] {
				return false
			}
		}
	}
	return true
}

// opensBlock reports whether text, as the first line of a list item,
// would be something else than the start of a paragraph with that text: a
// code fence, a heading, a block quote, HTML, a thematic break, a sub-list,
// a task box or a link reference definition.
func opensBlock(text []byte) bool {
	t := string(text)
	switch {
	case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"), strings.HasPrefix(t, ">"), strings.HasPrefix(t, "<"):
		return true
	case strings.HasPrefix(t, "#"):
		h := strings.TrimLeft(t, "#")
		return len(t)-len(h) <= 6 && (h == "" || h[0] == ' ' || h[0] == '\t')
	case strings.HasPrefix(t, "[ ]"), strings.HasPrefix(t, "[x]"), strings.HasPrefix(t, "[X]"):
		return true
	case strings.HasPrefix(t, "["):
		return strings.Contains(t, "]:")
	}
	// The item's marker counts too: "- --" is a thematic break.
	return listMarkerPrefix.MatchString(t) || thematicBreak.MatchString(t) ||
		thematicBreak.MatchString("- "+t) || thematicBreak.MatchString("* "+t)
}

var (
	// listMarkerPrefix matches a list marker and the space or end of line
	// after it.
	listMarkerPrefix = lazyre.New(`^([-+*]|[0-9]{1,9}[.)])([ \t]|$)`)
	// thematicBreak matches a line of three or more "-", "*" or "_" (one
	// of them) and spaces.
	thematicBreak = lazyre.New(`^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
)

// nesting returns, for fake bullets outside a list item, the indentation
// that keeps a bullet indented deeper than the bullet above it nested
// under that bullet's text (a "◦" sub-point under a "•" point); nil when
// every bullet stays at the top level.
func (c *listChecker) nesting(b *document.Block, lines []pasteLine, marker string) []string {
	if b.Item != nil {
		return nil
	}
	width := len(marker) + 1
	step := strings.Repeat(" ", min(max(c.opts.Indent, width), width+3))
	type level struct {
		col    int
		indent string
	}
	var stack []level
	out := make([]string, len(lines))
	nested := false
	for i, pl := range lines {
		col := c.column(pl.marker) - c.column(pl.region)
		for len(stack) > 0 && stack[len(stack)-1].col > col {
			stack = stack[:len(stack)-1]
		}
		switch {
		case len(stack) == 0:
			stack = append(stack, level{col, ""})
		case stack[len(stack)-1].col < col:
			stack = append(stack, level{col, stack[len(stack)-1].indent + step})
			nested = true
		}
		out[i] = stack[len(stack)-1].indent
	}
	if !nested {
		return nil
	}
	return out
}

// bulletMarker is the marker a repaired list uses: the one marker-style
// asks for, else the document's first bullet list's, else "-".
func (c *listChecker) bulletMarker() string {
	if m, ok := styleMarkers[c.opts.MarkerStyle]; ok {
		return string(m)
	}
	for _, l := range c.doc.Lists {
		if !l.Ordered && len(l.Items) > 0 && (l.Depth == 0 || c.opts.MarkerStyle != "sublist") {
			return l.Items[0].Marker
		}
	}
	return "-"
}

// bulletEdit turns a fake bullet into a list marker. Outside a list the
// indentation goes (the item must start a list, not continue a paragraph
// or become code); inside an item, a bullet indented past the item's
// marker becomes a sub-item under the item's text, and one that is not
// becomes a sibling item with the item's own marker.
func (c *listChecker) bulletEdit(b *document.Block, pl pasteLine, marker string) lint.Edit {
	it := b.Item
	switch {
	case it == nil:
		indent := ""
		if c.opts.StartIndented {
			indent = strings.Repeat(" ", c.startIndent)
		}
		return lint.Edit{Pos: pl.region, End: pl.markerEnd, NewText: indent + marker + " "}
	case b.Quoted:
		return lint.Edit{Pos: pl.marker, End: pl.markerEnd, NewText: "- "}
	case c.column(pl.marker) > c.column(it.Pos):
		return lint.Edit{Pos: pl.region, End: pl.markerEnd, NewText: strings.Repeat(" ", c.column(it.ContentPos)) + "- "}
	case !it.List.Ordered:
		return lint.Edit{Pos: pl.region, End: pl.markerEnd, NewText: strings.Repeat(" ", c.column(it.Pos)) + it.Marker + " "}
	}
	return lint.Edit{Pos: pl.region, End: pl.markerEnd, NewText: strings.Repeat(" ", c.column(it.Pos)) + "- "}
}

// missingSpaces is missing-space's finding on a run of lines of
// paragraph b that start with a marker glued to a word, and the lines
// where the items its fix makes join a list.
func (c *listChecker) missingSpaces(b *document.Block, lines []pasteLine) (pendingDiag, []int) {
	var edits []lint.Edit
	var joins []int
	for _, pl := range lines {
		if b.Item == nil && pl.region < pl.marker {
			// Outside a list, drop the indentation so that the item is
			// not a code block or a lazy paragraph line.
			edits = append(edits, lint.Edit{Pos: pl.region, End: pl.marker})
		}
		edits = append(edits, lint.Edit{Pos: pl.markerEnd, End: pl.markerEnd, NewText: " "})
	}
	if b.Item == nil {
		edits, joins = c.blankLinesAround(b, lines, edits)
	}
	first, last := lines[0], lines[len(lines)-1]
	var fix *lint.Fix
	if c.restSafe(b, lines) && !slices.ContainsFunc(lines, func(pl pasteLine) bool { return c.lazyIn(b, pl.line) }) && !c.nextJoins(b, lines, edits) {
		fix = &lint.Fix{Message: "add the space after the list markers", Edits: edits}
	}
	if len(lines) == 1 {
		return c.finding(checkMissingSpace, first.marker, first.markerEnd, fix,
			"%q is glued to the word after it, so this line does not start a list item and joins the item above; add a space", first.text), joins
	}
	return c.finding(checkMissingSpace, first.marker, c.doc.LineEnd(last.line), fix,
		"%d lines start with a list marker glued to a word (%q...): without a space after the marker they render as one run-on paragraph; add the space",
		len(lines), first.text), joins
}

// blankLinesAround adds to edits the blank lines that make a run of
// repaired lines a list of its own: one before it unless the line above is
// blank, and one after it unless the line below is blank. Trailing lines
// of the paragraph are split off when every item is one line (they are a
// new paragraph, not the last item's continuation). Inside list items
// nothing is added: a nested list needs no blank line. Next to a list of
// the same kind (bullets, or numbers with the same delimiter) nothing is
// added either: the repaired items join that list, and a blank line would
// make it loose; those lines are returned (joins), so that blank-lines
// does not insert one there either. They are returned whether or not the
// caller then keeps the fix.
func (c *listChecker) blankLinesAround(b *document.Block, lines []pasteLine, edits []lint.Edit) (_ []lint.Edit, joins []int) {
	if b.Item != nil {
		return edits, nil
	}
	first, last := lines[0].line, lines[len(lines)-1].line
	prefix := func(l int) string {
		if !b.Quoted {
			return ""
		}
		return strings.TrimRight(string(c.doc.LineText(l)[:c.quotePrefix(l)]), " \t")
	}
	kind := runKind(lines)
	nl := c.newline()
	if first > b.Line || !c.blankLine(first-1) {
		if l := c.topListEndingAt(first - 1); first == b.Line && l != nil && kind != 0 && listKind(l) == kind && l.Quoted == b.Quoted {
			joins = append(joins, first-1)
		} else {
			edits = append([]lint.Edit{{Pos: c.doc.LineEnd(first - 1), End: c.doc.LineEnd(first - 1), NewText: nl + prefix(first)}}, edits...)
		}
	}
	end := b.EndLine
	if c.splitsTrailing(b, lines) {
		end = last
	}
	if end < b.EndLine || !c.blankLine(end+1) {
		if l := c.topListStartingAt(end + 1); end == b.EndLine && last == end && l != nil && kind != 0 && listKind(l) == kind && l.Quoted == b.Quoted {
			joins = append(joins, end)
		} else {
			edits = append(edits, lint.Edit{Pos: c.doc.LineEnd(end), End: c.doc.LineEnd(end), NewText: nl + prefix(end)})
		}
	}
	return edits, joins
}

// listKind is 'u' for a bullet list and the delimiter of a numbered one.
func listKind(l *document.List) byte {
	if l.Ordered {
		return l.Marker
	}
	return 'u'
}

// runKind is the listKind of the list a run of repaired lines becomes, 0
// when its markers mix bullets and numbers or delimiters.
func runKind(lines []pasteLine) byte {
	var kind byte
	for _, pl := range lines {
		k := byte('u')
		if last := pl.text[len(pl.text)-1]; last == '.' || last == ')' {
			k = last
		}
		if kind != 0 && k != kind {
			return 0
		}
		kind = k
	}
	return kind
}

// topListStartingAt returns the top-level list whose first line is line.
func (c *listChecker) topListStartingAt(line int) *document.List {
	for _, l := range c.doc.Lists {
		if l.Parent == nil && len(l.Items) > 0 && l.Line == line {
			return l
		}
	}
	return nil
}

// topListEndingAt returns the top-level list whose last non-blank line is
// line.
func (c *listChecker) topListEndingAt(line int) *document.List {
	for _, l := range c.doc.Lists {
		if l.Parent == nil && len(l.Items) > 0 && c.lastLine(l) == line {
			return l
		}
	}
	return nil
}
