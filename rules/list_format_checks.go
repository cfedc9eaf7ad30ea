package rules

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

// This file holds the markdownlint-equivalent checks of list-format.

var styleMarkers = map[string]byte{"dash": '-', "asterisk": '*', "plus": '+'}

// markerStyle is MD004: bullet markers follow the configured style. The
// fix gives every item of a list the expected marker, or none of them
// (changing some splits the list): none when the list sits right under an
// item with no text (the marker decides whether it is nested), when the new
// marker would join it to the bullet list right before or after it (the
// two render as one list: another one than was written), or when it would
// turn an item into a thematic break ("* ---" becoming "- ---"). It also
// returns the marker its fixes give each list (for blank-lines).
func (c *listChecker) markerStyle() ([]pendingDiag, markerPlan) {
	wrong, target := c.wrongMarkers()
	fixable := c.markerFixable(wrong, target)
	var out []pendingDiag
	fixed := markerPlan{}
	for _, w := range wrong {
		if fixable[w.l] {
			fixed[w.l] = w.expected
		}
		for _, it := range w.l.Items {
			var fix *lint.Fix
			if fixable[w.l] {
				fix = &lint.Fix{Message: "use " + string(w.expected), KeepsStructure: true,
					Edits: []lint.Edit{{Pos: it.Pos, End: it.Pos + 1, NewText: string(w.expected)}}}
			}
			out = append(out, c.listFinding(w.l, w.l, checkMarkerStyle, it.Pos, it.Pos+1, fix, "bullet marker %q: %s %q", string(it.Marker[0]), w.why, string(w.expected)))
		}
	}
	return out, fixed
}

// markerFixable settles which of the wrong lists' markers can be fixed,
// given the marker target holds for each bullet list (updated to its own
// marker for a list that keeps it).
func (c *listChecker) markerFixable(wrong []styledList, target map[ast.Node]byte) map[*document.List]bool {
	emptyItemLines := map[int]bool{}
	for _, l := range c.doc.Lists {
		for _, it := range l.Items {
			if it.Empty {
				emptyItemLines[it.Line] = true
			}
		}
	}
	// Lists that cannot take the marker keep theirs, which may in turn
	// keep a neighbour from taking its own: settle before reporting.
	fixable := map[*document.List]bool{}
	for _, w := range wrong {
		fixable[w.l] = !emptyItemLines[w.l.Line-1] && !c.makesThematicBreak(w.l, w.expected) &&
			!c.directiveAmong(w.l.Line-1, w.l.Items[len(w.l.Items)-1].Line)
		if !fixable[w.l] {
			target[w.l.Node] = w.l.Items[0].Marker[0]
		}
	}
	for changed := true; changed; {
		changed = false
		for _, w := range wrong {
			if fixable[w.l] && c.joinsNeighbour(w.l, target) {
				fixable[w.l], changed = false, true
				target[w.l.Node] = w.l.Items[0].Marker[0]
			}
		}
	}
	return fixable
}

// styledList is a bullet list whose marker is not the one marker-style
// expects, with the expected marker and why it is expected.
type styledList struct {
	l        *document.List
	expected byte
	why      string
}

// wrongMarkers returns the bullet lists whose marker is not the one
// marker-style expects, and the marker each bullet list gets by it (its
// own, or the expected one).
func (c *listChecker) wrongMarkers() ([]styledList, map[ast.Node]byte) {
	style := c.opts.MarkerStyle
	var expected byte // for consistent: the document's first marker
	if m, ok := styleMarkers[style]; ok {
		expected = m
	}
	levels := map[int]byte{} // sublist: the marker of each nesting level
	var wrong []styledList
	target := map[ast.Node]byte{}
	for _, l := range c.doc.Lists {
		if l.Ordered || len(l.Items) == 0 {
			continue
		}
		m := l.Items[0].Marker[0]
		why := ""
		switch style {
		case "sublist":
			if levels[l.Depth] == 0 {
				levels[l.Depth] = m
				if l.Depth > 0 && levels[l.Depth-1] == m {
					levels[l.Depth] = differentMarker(m)
				}
			}
			expected = levels[l.Depth]
			why = "bullet lists at this nesting level use"
			if l.Depth > 0 {
				why += " (one marker per level, different from the parent level's)"
			}
		case "consistent":
			if expected == 0 {
				expected = m
			}
			why = "the document's first bullet list uses"
		default:
			why = "marker-style is " + style + ":"
		}
		target[l.Node] = m
		if m != expected {
			wrong = append(wrong, styledList{l, expected, why})
			target[l.Node] = expected
		}
	}
	return wrong, target
}

// directiveAmong reports whether an inline directive that may switch
// list-format on or off sits on lines from to to: the findings of the
// lines after it may then be switched off while those before it are not,
// and fixing only some items of a list splits it.
func (c *listChecker) directiveAmong(from, to int) bool {
	for _, d := range c.doc.Directives {
		if d.EndLine >= from && d.Line <= to && d.MayCover("list-format") {
			return true
		}
	}
	return false
}

// joinsNeighbour reports whether bullet list l, given the marker target
// holds for it, would continue the bullet list right before it or be
// continued by the one right after it (only blank lines between), given
// the markers target holds for them.
func (c *listChecker) joinsNeighbour(l *document.List, target map[ast.Node]byte) bool {
	for _, n := range []ast.Node{l.Node.PreviousSibling(), l.Node.NextSibling()} {
		if nl, ok := n.(*ast.List); ok && !nl.IsOrdered() && target[nl] == target[l.Node] {
			return true
		}
	}
	return false
}

// makesThematicBreak reports whether giving the items of l the marker m
// makes the line of one of them a thematic break: "* ---" or "+ * *" is an
// item holding a thematic break, "- ---" and "* * *" are thematic breaks.
func (c *listChecker) makesThematicBreak(l *document.List, m byte) bool {
	if m != '-' && m != '*' {
		return false
	}
	for _, it := range l.Items {
		rest := c.doc.Source[it.Pos+1 : c.doc.LineEnd(it.Line)]
		n := 1
		for _, b := range rest {
			switch b {
			case m:
				n++
			case ' ', '\t':
			default:
				n = -1
			}
			if n < 0 {
				break
			}
		}
		if n >= 3 {
			return true
		}
	}
	return false
}

// differentMarker is markdownlint's choice of a marker different from m.
func differentMarker(m byte) byte {
	switch m {
	case '-':
		return '+'
	case '+':
		return '*'
	}
	return '-'
}

// itemIndent is MD005: the items of one list start at the same column;
// numbered items may instead right-align their numbers.
func (c *listChecker) itemIndent() []pendingDiag {
	var out []pendingDiag
	for _, l := range c.doc.Lists {
		if len(l.Items) == 0 {
			continue
		}
		expected := c.column(l.Items[0].Pos)
		expectedEnd := 0
		endMatching := false
		for i, it := range l.Items {
			actual := c.column(it.Pos)
			if !l.Ordered {
				if actual != expected {
					out = append(out, c.misaligned(l, i, expected))
				}
				continue
			}
			actualEnd := actual + len(it.Marker)
			if expectedEnd == 0 {
				expectedEnd = actualEnd
			}
			if actual == expected && !endMatching {
				continue
			}
			if actualEnd == expectedEnd {
				endMatching = true
				continue
			}
			if endMatching {
				out = append(out, c.listFinding(l, nil, checkItemIndent, it.Pos, it.Pos+len(it.Marker), nil,
					"numbered item %q ends at column %d but the list's numbers are right-aligned at column %d", it.Marker, actualEnd, expectedEnd))
			} else {
				out = append(out, c.misaligned(l, i, expected))
			}
		}
	}
	return out
}

// misaligned is item-indent's finding on item i of list l, which does not
// start at column expected, the column of the list's first item.
func (c *listChecker) misaligned(l *document.List, i, expected int) pendingDiag {
	it := l.Items[i]
	actual := c.column(it.Pos)
	hint := ""
	if actual > expected {
		// Point at the text of the last well-placed item above.
		for j := i - 1; j >= 0; j-- {
			if c.column(l.Items[j].Pos) == expected {
				hint = fmt.Sprintf("; it is not nested: to make it a sub-item, indent it to column %d, under the text of the item on line %d",
					c.column(l.Items[j].ContentPos)+1, l.Items[j].Line)
				break
			}
		}
	}
	return c.listFinding(l, nil, checkItemIndent, it.Pos, it.Pos+len(it.Marker), nil,
		"list item starts at column %d but the list's first item at column %d: items of one list must line up%s", actual+1, expected+1, hint)
}

// nestedIndent is MD007: bullet lists are indented by indent spaces per
// level of bullet-list nesting, counted from the nearest block quote;
// bullet lists inside numbered lists are left alone.
func (c *listChecker) nestedIndent() []pendingDiag {
	var out []pendingDiag
	for _, l := range c.doc.Lists {
		if l.Ordered {
			continue
		}
		nesting := bulletNesting(l)
		if nesting < 0 {
			continue
		}
		expected := nesting * c.opts.Indent
		if c.opts.StartIndented {
			expected += c.startIndent
		}
		for _, it := range l.Items {
			actual := it.Indent // from the start of the line or block quote
			if fn := footnoteOf(l); fn != nil && it.Line > c.doc.Line(fn.Pos()) {
				// A footnote's blocks are indented by four spaces under
				// its label: indentation counts from there.
				actual -= min(actual, 4)
			}
			if actual == expected {
				continue
			}
			what := "a top-level bullet list"
			if nesting > 0 {
				what = "a bullet list nested " + strconv.Itoa(nesting) + " level"
				if nesting > 1 {
					what += "s"
				}
				what += " deep"
			}
			out = append(out, c.listFinding(l, nil, checkNestedIndent, it.Pos, it.Pos+1, nil,
				"bullet indented by %d spaces; %s should be indented by %d", actual, what, expected))
		}
	}
	return out
}

// bulletNesting is the number of bullet lists that bullet list l is
// nested in, counted up to the nearest block quote; -1 when one of the
// lists it is nested in there is numbered.
func bulletNesting(l *document.List) int {
	nesting := 0
	for p := l.Node.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Blockquote); ok {
			break
		}
		if pl, ok := p.(*ast.List); ok {
			if pl.IsOrdered() {
				return -1
			}
			nesting++
		}
	}
	return nesting
}

// orderedPrefix is MD029: numbered items follow the ordered style. Lists
// are taken in document order: a list may continue the numbering of one
// before it (with that list's fixes applied: lastWant), and a list split
// from the one above by its delimiter waits for that one's delimiter fix
// (see splitFindings). It also returns the delimiter its fixes give each
// list (for blank-lines).
func (c *listChecker) orderedPrefix() ([]pendingDiag, markerPlan) {
	var out []pendingDiag
	delimiters := markerPlan{}
	lastWant := map[ast.Node]int{}
	for _, l := range c.doc.Lists {
		if !l.Ordered || len(l.Items) == 0 {
			continue
		}
		wants, style := c.wantedNumbers(l, lastWant)
		if style == "ordered" {
			// A list numbered 1, 2, 3 after its fixes: a list continuing it
			// continues its fixed numbers (see continues).
			lastWant[l.Node] = wants[len(wants)-1]
		}
		if split, ok := c.splitFindings(l, wants, delimiters); ok {
			out = append(out, split...)
			continue
		}
		out = append(out, c.misnumbered(l, wants, style)...)
	}
	return out, delimiters
}

// wantedNumbers returns the numbers ordered-style wants for the items of
// numbered list l, and the style it applies to l (one, zero or ordered),
// given the last number wanted for each list before it that is numbered
// in order.
func (c *listChecker) wantedNumbers(l *document.List, lastWant map[ast.Node]int) ([]int, string) {
	expected := 1
	incrementing := false
	if len(l.Items) >= 2 {
		first, second := l.Items[0].Number, l.Items[1].Number
		if second != 1 || first == 0 {
			incrementing = true
			if first == 0 {
				expected = 0
			}
		}
	}
	style := c.opts.OrderedStyle
	if start, ok := c.continues(l, lastWant); ok && style != "one" && style != "zero" {
		// "3." after "1." "2." and a note: the writer continues the
		// numbering on purpose, and Markdown renders it from 3.
		style, expected = "ordered", start
	}
	switch style {
	case "one_or_ordered":
		style = "one"
		if incrementing {
			style = "ordered"
		}
	case "zero":
		expected = 0
	case "one":
		expected = 1
	}
	wants := make([]int, len(l.Items))
	for i := range l.Items {
		wants[i] = expected
		if style == "ordered" {
			expected++
		}
	}
	return wants, style
}

// orderedExamples shows each ordered-style in numbers.
var orderedExamples = map[string]string{"one": "1/1/1", "ordered": "1/2/3", "zero": "0/0/0"}

// misnumbered is ordered-prefix's findings on the items of numbered list
// l whose numbers are not the ones wanted under style.
func (c *listChecker) misnumbered(l *document.List, wants []int, style string) []pendingDiag {
	var out []pendingDiag
	for i, it := range l.Items {
		if it.Number == wants[i] {
			continue
		}
		fix := c.renumber(it, wants[i])
		if i == 0 && it.Number == 1 && c.followsParagraph(l) {
			// Only a list starting at 1 interrupts a paragraph: renumbered,
			// the items would become the paragraph's text.
			fix = nil
		}
		out = append(out, c.listFinding(l, l, checkOrderedPrefix, it.Pos, it.Pos+len(it.Marker), fix, "numbered item %d should be %d (ordered-style %s: %s)",
			it.Number, wants[i], c.opts.OrderedStyle, orderedExamples[style]))
	}
	return out
}

// followsParagraph reports whether list l starts on the line after a
// paragraph line (of any container: a line that does not start a list
// would continue it lazily).
func (c *listChecker) followsParagraph(l *document.List) bool {
	above := l.Line - 1
	if above < 1 || c.blankLine(above) {
		return false
	}
	for _, b := range c.doc.Blocks {
		if b.Kind == document.BlockParagraph && b.Line <= above && above <= b.EndLine {
			return true
		}
	}
	return false
}

// splitFindings is ordered-prefix's findings on numbered list l when
// Markdown splits it from the list above by its delimiter (ok is false
// when it does not), with wants as for splitDelimiter. Lists are taken in
// document order, and delimiters holds the delimiter that the fixes so
// far give each list: l's fixes give it the delimiter of the list above
// (recorded there), unless that list takes another one in this pass. Then
// l follows in the next pass: taking the delimiter the list above has now
// would leave the two apart.
func (c *listChecker) splitFindings(l *document.List, wants []int, delimiters markerPlan) ([]pendingDiag, bool) {
	above := c.splitFrom(l)
	if above == nil {
		return nil, false
	}
	_, moving := delimiters[above]
	if !moving {
		delimiters[l] = above.Marker
	}
	return c.splitDelimiter(l, above, wants, !moving), true
}

// splitDelimiter reports a numbered list that follows another one but uses
// the other delimiter ("1." then "2)"): Markdown starts a new list there.
// With the numbers wants for a new list under ordered-style, the items
// whose number is off for it are reported each (as markdownlint does);
// the first item is always reported, and without wants only it. The fixes
// (when fixable) switch the delimiters to the list above's, making one
// list.
func (c *listChecker) splitDelimiter(l, above *document.List, wants []int, fixable bool) []pendingDiag {
	delim := func(it *document.ListItem) lint.Edit {
		end := it.Pos + len(it.Marker)
		return lint.Edit{Pos: end - 1, End: end, NewText: string(above.Marker)}
	}
	msg := func(it *document.ListItem) string {
		return fmt.Sprintf("numbered item %q uses %q where the list just above uses %q: Markdown starts a new list here "+
			"(numbered from %d); use %q to continue the list above", it.Marker, string(l.Marker), string(above.Marker), l.Items[0].Number, string(above.Marker))
	}
	fixFor := func(it *document.ListItem) *lint.Fix {
		if !fixable {
			return nil
		}
		return &lint.Fix{Message: "use the list above's delimiter", Edits: []lint.Edit{delim(it)}}
	}
	var out []pendingDiag
	first := l.Items[0]
	firstFix := fixFor(first)
	for i, it := range l.Items[1:] {
		if wants == nil || it.Number == wants[i+1] {
			// Not reported on its own: the first item's fix covers it.
			if firstFix != nil {
				firstFix.Edits = append(firstFix.Edits, delim(it))
			}
			continue
		}
		out = append(out, c.listFinding(l, nil, checkOrderedPrefix, it.Pos, it.Pos+len(it.Marker), fixFor(it), "%s", msg(it)))
	}
	return append(out, c.listFinding(l, nil, checkOrderedPrefix, first.Pos, first.Pos+len(first.Marker), firstFix, "%s", msg(first)))
}

// continues reports whether ordered list l picks up the numbering of the
// previous ordered list at its level (same delimiter, first number one past
// the other list's last), and the number it then starts from: one past the
// other list's last number once that list's own fixes are applied, so that
// renumbering "1. 3. 4." keeps a "5." continuing it as "4." (lastWant
// holds the last number wanted for each list numbered in order).
func (c *listChecker) continues(l *document.List, lastWant map[ast.Node]int) (int, bool) {
	for p := l.Node.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		prev, ok := p.(*ast.List)
		if !ok || !prev.IsOrdered() {
			continue
		}
		o := c.byNode[prev]
		if prev.Marker != l.Marker || o == nil || len(o.Items) == 0 {
			return 0, false
		}
		first, last := l.Items[0].Number, o.Items[len(o.Items)-1].Number
		want, fixed := lastWant[prev]
		if !fixed {
			want = last
		}
		if first <= 1 || (first != last+1 && first != want+1) {
			return 0, false
		}
		return want + 1, true
	}
	return 0, false
}

// splitFrom returns the ordered list directly above l (only blank lines
// between) when it uses the other delimiter: "1." then "2)" is one list
// to the writer but two to Markdown.
func (c *listChecker) splitFrom(l *document.List) *document.List {
	prev, ok := l.Node.PreviousSibling().(*ast.List)
	if !ok || !prev.IsOrdered() || prev.Marker == l.Marker {
		return nil
	}
	o := c.byNode[prev]
	if o == nil {
		return nil
	}
	for ln := o.EndLine + 1; ln < l.Line; ln++ {
		if !c.blankLine(ln) {
			return nil
		}
	}
	return o
}

// markerSpace is MD030: the number of spaces after each marker.
func (c *listChecker) markerSpace() []pendingDiag {
	var out []pendingDiag
	for _, l := range c.doc.Lists {
		single := c.lastLine(l)-l.Line+1 == len(l.Items)
		expected := c.opts.ULMulti
		switch {
		case l.Ordered && single:
			expected = c.opts.OLSingle
		case l.Ordered:
			expected = c.opts.OLMulti
		case single:
			expected = c.opts.ULSingle
		}
		for _, it := range l.Items {
			if it.Empty {
				continue
			}
			markerEnd := it.Pos + len(it.Marker)
			actual := it.SpacesAfter
			if actual == expected {
				continue
			}
			var fix *lint.Fix
			if c.keepsStructure(it, c.column(it.Pos)+len(it.Marker)+expected) {
				fix = &lint.Fix{Message: "use " + plural(expected, "space"), KeepsStructure: true, Edits: []lint.Edit{{Pos: markerEnd, End: markerEnd + actual, NewText: strings.Repeat(" ", expected)}}}
			}
			kind := "bullet"
			if l.Ordered {
				kind = "numbered"
			}
			lines := "one-line items"
			if !single {
				lines = "multi-line items"
			}
			out = append(out, c.listFinding(l, nil, checkMarkerSpace, it.Pos, markerEnd+actual, fix, "%s after the marker %q; a %s list with %s takes %s",
				plural(actual, "space"), it.Marker, kind, lines, plural(expected, "space")))
		}
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// blankLines is MD032: a top-level list (one not inside another list)
// has a blank line before and after it. The fix inserts the blank line,
// keeping the block-quote markers of a quoted list.
//
// Between two top-level lists on consecutive lines (split by a change of
// marker), both lists' findings insert the same blank line: the one with
// the deeper block-quote prefix, as markdownlint's fixes do. When the
// delimiter fix of ordered-prefix gives two numbered lists the same
// delimiter, they join into one list and no blank line is inserted (that
// would make the joined list loose); marker-style's fixes never join
// lists (markers: the markers both checks' fixes give). Nor is a blank
// line inserted after the lines in joins, where the items that
// fake-bullet or missing-space make of pasted lines join a list, or where
// it would land inside a code or HTML block (after a line of an unclosed
// fence in the list's last item): it would become part of the block.
//
// Each finding names the list the blank line goes above (blankAbove), so
// that decide drops it where flat-nesting nests that list instead.
func (c *listChecker) blankLines(markers markerPlan, joins map[int]bool) []pendingDiag {
	var out []pendingDiag
	top, prev, next := c.adjacentTopLists()
	for _, l := range top {
		if above := l.Line - 1; !c.blankLine(above) {
			var fix *lint.Fix
			switch p := prev[l]; {
			case joins[above]:
			case p == nil:
				fix = c.blankLineAfter(above, l.Line, 0, l.Quoted)
			case !c.joined(p, l, markers):
				fix = c.blankLineAfter(above, above, l.Line, l.Quoted || p.Quoted)
			}
			d := c.listFinding(l, nil, checkBlankLines, l.Pos, l.Items[0].Pos+len(l.Items[0].Marker), fix, "%s", c.aboveMessage(above))
			d.blankAbove = l
			out = append(out, d)
		}
		if last := c.lastLine(l); !c.blankLine(last + 1) {
			var fix *lint.Fix
			switch n := next[l]; {
			case joins[last]:
			case n == nil:
				fix = c.blankLineAfter(last, last, 0, l.Quoted)
			case !c.joined(l, n, markers):
				fix = c.blankLineAfter(last, last, last+1, l.Quoted || n.Quoted)
			}
			d := c.listFinding(l, nil, checkBlankLines, c.doc.LineStart(last)+c.quotePrefix(last), c.doc.LineEnd(last), fix,
				"list runs straight into the next block on line %d: put a blank line after the list", last+1)
			d.blankAbove = next[l]
			out = append(out, d)
		}
	}
	return out
}

// adjacentTopLists returns the top-level lists with items, and links
// those on consecutive lines: prev[n] is the list ending on the line
// before n starts, next[l] the one starting on the line after l ends.
func (c *listChecker) adjacentTopLists() (top []*document.List, prev, next map[*document.List]*document.List) {
	for _, l := range c.doc.Lists {
		if l.Parent == nil && len(l.Items) > 0 {
			top = append(top, l)
		}
	}
	next, prev = map[*document.List]*document.List{}, map[*document.List]*document.List{}
	startsAt := map[int]*document.List{}
	for _, l := range top {
		startsAt[l.Line] = l
	}
	for _, l := range top {
		if n := startsAt[c.lastLine(l)+1]; n != nil {
			next[l], prev[n] = n, l
		}
	}
	return top, prev, next
}

// blankLineAfter is the fix that inserts a blank line after line at, with
// the block-quote markers (when quoted) of line like, or of like2 when
// they are longer; nil where the line would land inside a code or HTML
// block.
func (c *listChecker) blankLineAfter(at, like, like2 int, quoted bool) *lint.Fix {
	if c.rawContinues(at) {
		return nil
	}
	prefix := func(line int) string {
		return strings.TrimRight(string(c.doc.LineText(line)[:c.quotePrefix(line)]), " \t")
	}
	p := ""
	if quoted {
		p = prefix(like)
		if like2 > 0 {
			if q := prefix(like2); len(q) > len(p) {
				p = q
			}
		}
	}
	off := c.doc.LineEnd(at)
	return &lint.Fix{Message: "insert a blank line", KeepsStructure: true, Edits: []lint.Edit{{Pos: off, End: off, NewText: c.newline() + p}}}
}

// joined reports whether list b, which starts on the line after list a
// ends, becomes part of a once this run's marker-style and ordered-prefix
// fixes are applied (giving the lists in markers their marker): the two
// are siblings that only their markers set apart, and the fixes give them
// the same one.
func (c *listChecker) joined(a, b *document.List, markers markerPlan) bool {
	if a.Ordered != b.Ordered || b.Node.PreviousSibling() != ast.Node(a.Node) {
		return false
	}
	if a.Ordered && a.Marker != b.Marker {
		// Split by their delimiters: ordered-prefix's delimiter fix joins
		// them, in this pass or (after the list above joined the one
		// above it) in the next.
		return true
	}
	marker := func(l *document.List, it *document.ListItem) byte {
		if m, ok := markers[l]; ok {
			return m
		}
		return it.Marker[len(it.Marker)-1]
	}
	return marker(a, a.Items[len(a.Items)-1]) == marker(b, b.Items[0])
}

// aboveMessage says what a list without a blank line before it follows.
func (c *listChecker) aboveMessage(above int) string {
	if c.owners == nil {
		// What owns each line: 'h' a heading, 'l' a top-level list, 'p' a
		// paragraph (computed once, on the first finding).
		c.owners = make([]byte, c.doc.LineCount()+2)
		mark := func(from, to int, kind byte) {
			for ln := max(from, 1); ln <= to && ln < len(c.owners); ln++ {
				if c.owners[ln] == 0 {
					c.owners[ln] = kind
				}
			}
		}
		for _, h := range c.doc.Headings {
			mark(h.Line, c.doc.Line(h.End), 'h')
		}
		for _, o := range c.doc.Lists {
			if o.Parent == nil {
				mark(o.Line, o.EndLine, 'l')
			}
		}
		for _, b := range c.doc.Blocks {
			if b.Kind == document.BlockParagraph {
				mark(b.Line, b.EndLine, 'p')
			}
		}
	}
	switch c.owners[above] {
	case 'h':
		return "list starts right under a heading: put a blank line between them"
	case 'l':
		return "list starts right after another list: its different marker starts a new list here; " +
			"indent it under the item above to nest it, or put a blank line between the lists"
	case 'p':
		return "list starts right after a paragraph line: put a blank line before it (renderers that do not let a list interrupt a paragraph, such as kramdown, run it into the paragraph)"
	}
	return "list starts right after the line above: put a blank line before it"
}

// lastLine is the last line of l that is not blank: an unclosed code
// fence in the last item can end the list with blank lines.
func (c *listChecker) lastLine(l *document.List) int {
	end := l.EndLine
	for end > l.Line && c.blankLine(end) {
		end--
	}
	return end
}

// footnoteOf returns the footnote definition holding l, if any.
func footnoteOf(l *document.List) ast.Node {
	for p := l.Node.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*east.Footnote); ok {
			return p
		}
		if _, ok := p.(*ast.Blockquote); ok {
			return nil
		}
	}
	return nil
}

// renumber returns the fix that gives numbered item it the number n, or
// nil when no fix keeps the item's content where it is: a number of
// another width moves the content column, so the spaces after the marker
// make up for it where they can ("9.  a" becomes "10. a"); otherwise the
// number alone changes when that moves no line of the item in or out of it.
func (c *listChecker) renumber(it *document.ListItem, n int) *lint.Fix {
	digits := len(it.Marker) - 1
	num := strconv.Itoa(n)
	markerEnd := it.Pos + len(it.Marker)
	switch {
	case len(num) == digits || it.Empty || c.keepsStructure(it, c.column(it.Pos)+len(num)+1+it.SpacesAfter):
		return &lint.Fix{Message: "renumber", KeepsStructure: true, Edits: []lint.Edit{{Pos: it.Pos, End: it.Pos + digits, NewText: num}}}
	case it.SpacesAfter-(len(num)-digits) >= 1 && it.SpacesAfter-(len(num)-digits) <= 4:
		spaces := it.SpacesAfter - (len(num) - digits)
		return &lint.Fix{Message: "renumber", KeepsStructure: true, Edits: []lint.Edit{{Pos: it.Pos, End: markerEnd + it.SpacesAfter,
			NewText: num + it.Marker[digits:] + strings.Repeat(" ", spaces)}}}
	}
	return nil
}

// keepsStructure reports whether moving the content of list item it to
// visual column col (by changing its marker or the spaces after it) leaves
// every line where it belongs: the item's own lines after its first
// paragraph (whose lines may be lazy) stay in the item and do not become
// or stop being indented code, the marker lines of its sub-lists stay
// nested, and the first line after the item does not join it. An item
// whose marker line starts something other than a paragraph (a sub-list,
// a quote, a code fence) is not moved at all.
func (c *listChecker) keepsStructure(it *document.ListItem, col int) bool {
	// Columns count from the end of each line's block-quote markers (the
	// optional space after ">" included), as the parser counts them.
	shift := c.column(it.Pos) - c.relColumn(it.Pos)
	col -= shift
	old := c.relColumn(it.Pos) + len(it.Marker) + it.SpacesAfter
	if col == old || it.Empty {
		return true
	}
	lo, hi := min(old, col), max(old, col)
	from := 0
	for _, b := range c.doc.Blocks {
		if b.Item == it && b.Line == it.Line && b.Kind == document.BlockParagraph {
			from = b.EndLine + 1
			break
		}
	}
	if from == 0 {
		return false
	}
	// The first paragraph's other lines may be lazy, but one that looks
	// like the start of a block ("3. Item", which cannot interrupt the
	// paragraph) must not cross the content column: out of the item, it
	// may start a sibling item instead.
	for ln := it.Line + 1; ln < from; ln++ {
		if ind, ok := c.lineIndent(ln); ok && ind >= lo && ind < hi && c.startsBlockish(ln) {
			return false
		}
	}
	inner := map[int]bool{} // lines inside the items of sub-lists
	for _, l := range c.doc.Lists {
		if l.Parent != it {
			continue
		}
		for _, sub := range l.Items {
			for ln := sub.Line + 1; ln <= sub.EndLine; ln++ {
				inner[ln] = true
			}
		}
	}
	for ln := from; ln <= it.EndLine; ln++ {
		if ind, ok := c.lineIndent(ln); ok && !inner[ln] && (ind < hi || ind >= lo+4) {
			return false
		}
	}
	for ln := it.EndLine + 1; ln <= c.doc.LineCount(); ln++ {
		if ind, ok := c.lineIndent(ln); ok {
			return ind < lo || ind >= hi
		}
	}
	return true
}

// startsBlockish reports whether line l, after its block-quote markers and
// indentation, starts with a character that can open a block (a list
// marker or number, ">", "#", a fence, "<", a table or setext line).
func (c *listChecker) startsBlockish(l int) bool {
	t := bytes.TrimLeft(c.doc.LineText(l)[c.quotePrefix(l):], " \t")
	return len(t) > 0 && (strings.IndexByte("-*+>#`~<|=_", t[0]) >= 0 || (t[0] >= '0' && t[0] <= '9'))
}

// lineIndent returns the visual column of the first non-blank character of
// line l, counted from the end of its block-quote markers; ok is false for
// a blank line.
func (c *listChecker) lineIndent(l int) (int, bool) {
	d := c.doc
	p, end := d.LineStart(l)+c.quotePrefix(l), d.LineEnd(l)
	for p < end && (d.Source[p] == ' ' || d.Source[p] == '\t') {
		p++
	}
	if p >= end {
		return 0, false
	}
	return c.relColumn(p), true
}

// relColumn returns the visual column of offset off counted from the end
// of the block-quote markers of its line.
func (c *listChecker) relColumn(off int) int {
	d := c.doc
	start := d.LineStart(d.Line(off)) + c.quotePrefix(d.Line(off))
	if off < start {
		return 0
	}
	return c.column(off) - c.column(start)
}
