package rules

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

// This file holds the checks of list-format that are on by default besides
// the pasted lists: what makes a list render other than as written. The
// numbers of a numbered list render from its first one, whatever the
// others say; a list meant as nested renders as a list of its own.

// orderedRendering is ordered-prefix without style-checks: a numbered
// list whose items render with other numbers than written ("1. 2. 4."
// renders 1, 2, 3), one finding per list, and a list that switches
// delimiter ("1." then "2)"), which Markdown splits in two. Lists that
// repeat one number ("1. 1. 1.") number themselves on purpose. Lists
// are taken in document order, as for orderedPrefix (see splitFindings).
func (c *listChecker) orderedRendering() []pendingDiag {
	var out []pendingDiag
	delimiters := markerPlan{}
	for _, l := range c.doc.Lists {
		if !l.Ordered || len(l.Items) == 0 {
			continue
		}
		if split, ok := c.splitFindings(l, nil, delimiters); ok {
			out = append(out, split...)
			continue
		}
		if d, ok := c.renderedNumbers(l); ok {
			out = append(out, d)
		}
	}
	return out
}

// renderedNumbers is orderedRendering's finding on numbered list l, if
// its items render with other numbers than written.
func (c *listChecker) renderedNumbers(l *document.List) (pendingDiag, bool) {
	start := l.Items[0].Number
	repeated := len(l.Items) > 1
	var wrong []int
	for i, it := range l.Items {
		repeated = repeated && it.Number == start
		if it.Number != start+i {
			wrong = append(wrong, i)
		}
	}
	if repeated || len(wrong) == 0 {
		return pendingDiag{}, false
	}
	fix := &lint.Fix{Message: "renumber the items as they render", KeepsStructure: true}
	var lines []int
	for _, i := range wrong {
		it := l.Items[i]
		lines = append(lines, it.Line)
		f := c.renumber(it, start+i)
		if f == nil {
			fix = nil
		} else if fix != nil {
			fix.Edits = append(fix.Edits, f.Edits...)
		}
	}
	first := l.Items[wrong[0]]
	also := ""
	if len(wrong) > 1 {
		also = fmt.Sprintf("; %d items render with other numbers than written (%s)", len(wrong), linesList(lines))
	}
	return c.listFinding(l, l, checkOrderedPrefix, first.Pos, first.Pos+len(first.Marker), fix,
		"numbered item %d renders as %d: Markdown numbers a list on from its first number (%d) and ignores the numbers written after it%s",
		first.Number, start+wrong[0], start, also), true
}

// linesList names lines: "line 4" or "lines 4, 6, 9", the first ten.
func linesList(lines []int) string {
	if len(lines) == 1 {
		return "line " + strconv.Itoa(lines[0])
	}
	var b strings.Builder
	b.WriteString("lines ")
	for i, l := range lines {
		if i == 10 {
			b.WriteString(", ...")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(l))
	}
	return b.String()
}

// flatNesting reports lists meant as nested that render flat. Markdown
// nests a list only when its markers are indented to the text of the item
// above; a list that starts less indented is a list of its own, and an
// item indented past the item above but not to its text is its sibling.
// The intent to nest shows in one of three ways: the list or bullet is
// indented past the item right above (but not enough); the item above ends with
// a colon, introducing it; or it is set between numbered steps, whose
// numbering carries on around it. The fix indents the list under the
// item's text. It also returns the lists it nests into the item above
// them (for decide: see outrank).
func (c *listChecker) flatNesting() ([]pendingDiag, map[*document.List]bool) {
	var out []pendingDiag
	nested := map[*document.List]bool{}
	for _, l := range c.doc.Lists {
		if len(l.Items) == 0 {
			continue
		}
		if d, ok := c.deeperItems(l); ok {
			out = append(out, d)
		}
		if d, ok := c.flatUnder(l); ok {
			nested[l] = true
			out = append(out, d)
		}
	}
	return out, nested
}

// flatUnder is flat-nesting's finding on list l when it is meant as
// nested in the last item of the list right above it but renders as a
// list of its own.
func (c *listChecker) flatUnder(l *document.List) (pendingDiag, bool) {
	above, ok := l.Node.PreviousSibling().(*ast.List)
	if !ok || c.byNode[above] == nil || len(c.byNode[above].Items) == 0 {
		return pendingDiag{}, false
	}
	a := c.byNode[above]
	parent := a.Items[len(a.Items)-1]
	col, pcol := c.relColumn(l.Pos), c.relColumn(parent.Pos)
	content := c.relColumn(parent.ContentPos)
	if parent.Empty || l.Items[0].Empty || col >= content {
		return pendingDiag{}, false
	}
	why := ""
	switch {
	case col > pcol && l.Line == c.lastLine(a)+1:
		why = "it is indented past the item's marker"
	case c.endsWithColon(parent):
		why = "the item introduces it with a colon"
	case c.numberingContinues(a, l):
		why = "it is set between numbered steps that count on around it"
	default:
		return pendingDiag{}, false
	}
	return c.listFinding(l, nil, checkFlatNesting, l.Pos, l.Pos+len(l.Items[0].Marker), c.nestFix(a, l, content-col),
		"this list renders as a list of its own, not nested under the item on line %d (%s): indent its items to column %d, under the item's text",
		parent.Line, why, content+1), true
}

// deeperItems reports the items of bullet list l indented past an item
// above them in the list, itself where the list belongs, but not to its
// text: they render as its siblings.
// One finding per list; the fix indents each under the text of that item.
func (c *listChecker) deeperItems(l *document.List) (pendingDiag, bool) {
	if l.Ordered {
		// A numbered item indented past the one above is misaligned
		// ("9." then " 10."), not nested: nested steps are bullets or
		// start again from 1.
		return pendingDiag{}, false
	}
	var lines []int
	var edits []lint.Edit
	fixable := !l.Quoted
	var first *document.ListItem
	var under *document.ListItem
	base := 0 // where the items of l belong: the start of the line, or the text of its parent item
	if l.Parent != nil {
		base = c.relColumn(l.Parent.ContentPos)
	}
	cols := make([]int, len(l.Items))
	for i, it := range l.Items {
		cols[i] = c.relColumn(it.Pos)
	}
	// less holds the items above, by index, each less indented than the
	// one after it: its top is the nearest item above less indented than
	// the next one (a monotonic stack, linear in the list).
	less := []int{0}
	for i, it := range l.Items[1:] {
		col := cols[i+1]
		for len(less) > 0 && cols[less[len(less)-1]] >= col {
			less = less[:len(less)-1]
		}
		var ref *document.ListItem // the nearest item above, less indented
		if len(less) > 0 {
			ref = l.Items[less[len(less)-1]]
		}
		less = append(less, i+1)
		if ref == nil || ref.Empty || it.Empty || col >= c.relColumn(ref.ContentPos) || c.relColumn(ref.Pos) != base || c.hasSubList(l.Items[i]) {
			// An item past one that is itself off its list's column is
			// loose indentation, not nesting; right after a sub-list that
			// is nested, an item less indented than it steps back out.
			continue
		}
		if first == nil {
			first, under = it, ref
		}
		lines = append(lines, it.Line)
		e, ok := c.indentLines(it.Line, it.EndLine, c.relColumn(ref.ContentPos)-col)
		fixable = fixable && ok
		edits = append(edits, e...)
	}
	if first == nil {
		return pendingDiag{}, false
	}
	var fix *lint.Fix
	if fixable {
		fix = &lint.Fix{Message: "indent the items under the text of the item above", Edits: edits}
	}
	also := ""
	if len(lines) > 1 {
		also = fmt.Sprintf(" (%d items: %s)", len(lines), linesList(lines))
	}
	return c.listFinding(l, nil, checkFlatNesting, first.Pos, first.Pos+len(first.Marker), fix,
		"list item is indented past the item on line %d but not to its text, so it renders as its sibling, not nested under it%s: indent it to column %d to nest it",
		under.Line, also, c.relColumn(under.ContentPos)+1), true
}

// endsWithColon reports whether the last block of list item it is a
// paragraph ending with a colon ("Imaging tests include:", or in bold).
func (c *listChecker) endsWithColon(it *document.ListItem) bool {
	if c.lastBlock == nil {
		c.lastBlock = map[*document.ListItem]*document.Block{}
		for _, b := range c.doc.Blocks {
			if b.Item != nil {
				c.lastBlock[b.Item] = b
			}
		}
	}
	last := c.lastBlock[it]
	if last == nil || last.Kind != document.BlockParagraph || last.EndLine != c.lastItemLine(it) {
		return false
	}
	// The source line, not the block's text, where a code span is a
	// space: "Shorthand: `@UID`" introduces nothing.
	return bytes.HasSuffix(bytes.TrimRight(c.doc.LineText(last.EndLine), " \t*_"), []byte(":"))
}

// lastItemLine is the last non-blank line of item it.
func (c *listChecker) lastItemLine(it *document.ListItem) int {
	end := it.EndLine
	for end > it.Line && c.blankLine(end) {
		end--
	}
	return end
}

// numberingContinues reports whether list l, right after numbered list a,
// is set in a run of numbered steps: the list right after l picks up a's
// numbering, or a picks up the numbering of the list before the one
// before it (its steps alternate with lists, l the last of them).
func (c *listChecker) numberingContinues(a, l *document.List) bool {
	if next, ok := l.Node.NextSibling().(*ast.List); ok && c.picksUp(a, c.byNode[next]) {
		return true
	}
	if between, ok := a.Node.PreviousSibling().(*ast.List); ok {
		if first, ok := between.PreviousSibling().(*ast.List); ok {
			return c.picksUp(c.byNode[first], a)
		}
	}
	return false
}

// picksUp reports whether numbered list b carries on the numbering of
// numbered list a, with its delimiter.
func (c *listChecker) picksUp(a, b *document.List) bool {
	return a != nil && b != nil && a.Ordered && b.Ordered && a.Marker == b.Marker && len(a.Items) > 0 && len(b.Items) > 0 &&
		b.Items[0].Number == a.Items[len(a.Items)-1].Number+1
}

// nestFix indents list l by by columns, under the text of the last item of
// list a right above it; the blank lines between them go when a is tight
// (kept, they would make it loose), and so do those before a list that
// continues a's numbering after l, which then joins a. Nil for a quoted
// list, one indented with tabs, and one whose items are not lined up.
func (c *listChecker) nestFix(a, l *document.List, by int) *lint.Fix {
	if l.Quoted || a.Quoted || l.Ordered && l.Items[0].Number != 1 && a.Tight {
		// Right under the item's text, only a list starting at 1 may
		// interrupt it: "2." would join the text.
		return nil
	}
	for _, it := range l.Items {
		if c.relColumn(it.Pos) != c.relColumn(l.Pos) {
			return nil // which items were meant as nested is not clear
		}
	}
	edits, ok := c.indentLines(l.Line, c.lastLine(l), by)
	if !ok {
		return nil
	}
	if a.Tight {
		edits = append(c.dropBlankLines(c.lastLine(a)+1, l.Line-1), edits...)
		if next, ok := l.Node.NextSibling().(*ast.List); ok && c.picksUp(a, c.byNode[next]) {
			edits = append(edits, c.dropBlankLines(c.lastLine(l)+1, c.byNode[next].Line-1)...)
		}
	}
	return &lint.Fix{Message: "indent the list under the item above", Edits: edits}
}

// indentLines returns the edits that indent the non-blank lines from to to
// by by spaces; ok is false when one of them is indented with a tab.
func (c *listChecker) indentLines(from, to, by int) ([]lint.Edit, bool) {
	var edits []lint.Edit
	pad := strings.Repeat(" ", by)
	for ln := from; ln <= to; ln++ {
		t := c.doc.LineText(ln)
		if len(bytes.TrimSpace(t)) == 0 {
			continue
		}
		if bytes.IndexByte(t[:len(t)-len(bytes.TrimLeft(t, " \t"))], '\t') >= 0 {
			return nil, false
		}
		off := c.doc.LineStart(ln)
		edits = append(edits, lint.Edit{Pos: off, End: off, NewText: pad})
	}
	return edits, true
}

// dropBlankLines returns the edits that delete lines from to to, which are
// blank; a line that only MDX or Liquid markup fills (which the parse
// sees as blank) is kept, so that no byte of it is lost.
func (c *listChecker) dropBlankLines(from, to int) []lint.Edit {
	var edits []lint.Edit
	for l := from; l <= to; l++ {
		if c.doc.MaskedLine(l) {
			if l > from {
				edits = append(edits, lint.Edit{Pos: c.doc.LineStart(from), End: c.doc.LineStart(l)})
			}
			from = l + 1
		}
	}
	if from <= to {
		edits = append(edits, lint.Edit{Pos: c.doc.LineStart(from), End: c.doc.LineStart(to + 1)})
	}
	return edits
}

// hasSubList reports whether list item it holds a list.
func (c *listChecker) hasSubList(it *document.ListItem) bool {
	if c.parents == nil {
		c.parents = map[*document.ListItem]bool{}
		for _, l := range c.doc.Lists {
			if l.Parent != nil {
				c.parents[l.Parent] = true
			}
		}
	}
	return c.parents[it]
}
