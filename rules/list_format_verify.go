package rules

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/mdstruct"
)

// This file holds decide, what list-format does with the findings its
// checks gather before it reports them. Mostly it checks that the fixes
// which promise to keep the document's structure (marker-style,
// marker-space, blank-lines and renumbering: Fix.KeepsStructure) do: the
// document with them applied must have the outline it has now, list start
// numbers aside. A fix that would change it is dropped and its finding
// reported without a fix. The checks' own logic avoids the known ways of
// breaking a list (see markerStyle and blankLines); this is the net under
// them, for the shapes nobody thought of.

// pendingDiag is a finding held back until the fixes are checked.
type pendingDiag struct {
	d lint.Diagnostic
	// unit groups the fixes that only make sense together (the marker
	// fixes of one list: changing one item's marker alone splits the
	// list); nil for a fix that stands alone.
	unit any
	// list is the list the finding is about, nil for none: style findings
	// of one list and check are reported as one under style-checks
	// per-list.
	list *document.List
	// blankAbove is, for a blank-lines finding, the list that the blank
	// line it asks for goes above (nil for none): see outrank.
	blankAbove *document.List
}

// heldFindings are the findings of one run, in the order the checks
// found them.
type heldFindings []pendingDiag

// fixUnit is a set of fixes that are kept or dropped together.
type fixUnit struct {
	first, last int // the offsets where the first edit starts and the last ends
	diags       []int
	// restructures marks a fix that does not promise to keep the
	// structure: it is applied under the promising ones, not checked.
	restructures bool
}

// verifyBudget bounds the bytes parsed to find the fixes that break the
// structure in a document of size bytes: past it, the fixes not yet
// cleared are dropped (the findings stay). Checking fixes that keep the
// structure costs at most twice the size.
var verifyBudget = func(size int) int { return 16*size + 1<<20 }

// decide settles what the findings gathered (see gather) become, in this
// order: the findings that another says better are dropped or lose their
// fix (outrank, given the lists flat-nesting nests); the fixes that promise
// to keep the structure but do not are dropped (verifyFixes); under
// style-checks per-list, the findings of one list and check are merged
// (perList). The result is what the rule reports, in that order.
func (c *listChecker) decide(found heldFindings, nested map[*document.List]bool) heldFindings {
	found = c.outrank(found, nested)
	c.verifyFixes(found)
	if c.opts.StyleChecks == stylePerList {
		found = c.perList(found)
	}
	return found
}

// outranks lists, for each check, the checks whose finding on the same
// line says the same thing better: the line's only finding is theirs.
// Under style-checks per-item, nothing is dropped: the style checks report
// what markdownlint reports (MD005 and MD007 both, on such a line).
var outranks = map[string][]string{
	checkItemIndent:   {checkFlatNesting},
	checkNestedIndent: {checkFlatNesting, checkItemIndent},
}

// outrank applies one problem, one finding. A list that flat-nesting nests
// into the item above it is one problem: the blank line between them is
// not asked for (under per-item, where markdownlint asks, it is, without
// a fix). And a finding of a check that outranks another's on the same
// line makes that one redundant (see outranks). It runs before the fixes
// are checked, so that those it drops are not checked with the others.
func (c *listChecker) outrank(found heldFindings, nested map[*document.List]bool) heldFindings {
	perItem := c.opts.StyleChecks == stylePerItem
	out := found[:0]
	for _, p := range found {
		if p.blankAbove != nil && nested[p.blankAbove] {
			if !perItem {
				continue
			}
			p.d.Fix = nil
		}
		out = append(out, p)
	}
	if perItem {
		return out
	}
	at := map[string]map[int]bool{} // check -> lines
	for _, p := range out {
		if at[p.d.Check] == nil {
			at[p.d.Check] = map[int]bool{}
		}
		at[p.d.Check][c.doc.Line(p.d.Pos)] = true
	}
	return slices.DeleteFunc(out, func(p pendingDiag) bool {
		return slices.ContainsFunc(outranks[p.d.Check], func(o string) bool { return at[o][c.doc.Line(p.d.Pos)] })
	})
}

// perList merges the style findings of one list and check into the first
// of them, whose fix then makes every change the merged ones' fixes made.
func (c *listChecker) perList(pending heldFindings) heldFindings {
	type key struct {
		l     *document.List
		check string
	}
	merged := map[key]int{} // index in out
	var extra map[int][]lint.Diagnostic
	out := pending[:0:0]
	for _, p := range pending {
		k := key{p.list, p.d.Check}
		if i, ok := merged[k]; ok && p.list != nil && styleOrOrder(p.d.Check) {
			if extra == nil {
				extra = map[int][]lint.Diagnostic{}
			}
			extra[i] = append(extra[i], p.d)
			continue
		}
		merged[k] = len(out)
		out = append(out, p)
	}
	for i, more := range extra {
		out[i].d = c.mergeDiagnostics(out[i].d, more)
	}
	return out
}

// styleOrOrder reports the checks whose findings perList merges.
func styleOrOrder(check string) bool { return styleChecks[check] || check == checkOrderedPrefix }

// mergeDiagnostics is d standing for itself and more: its message names
// how many more there are and their lines, and its fix carries all their fixes' edits.
func (c *listChecker) mergeDiagnostics(d lint.Diagnostic, more []lint.Diagnostic) lint.Diagnostic {
	lines := make([]int, len(more))
	for i, m := range more {
		lines[i] = c.doc.Line(m.Pos)
	}
	d.Message += fmt.Sprintf(" (and %d more in this list, on %s)", len(more), linesList(lines))
	var fixes []*lint.Fix
	for _, m := range append([]lint.Diagnostic{d}, more...) {
		if m.Fix != nil {
			fixes = append(fixes, m.Fix)
		}
	}
	if len(fixes) == 0 {
		d.Fix = nil
		return d
	}
	f := &lint.Fix{Message: fixes[0].Message, KeepsStructure: true}
	for _, x := range fixes {
		f.KeepsStructure = f.KeepsStructure && x.KeepsStructure
		f.Edits = append(f.Edits, x.Edits...)
	}
	slices.SortStableFunc(f.Edits, func(a, b lint.Edit) int { return a.Pos - b.Pos })
	d.Fix = f
	return d
}

// verifyFixes drops the fixes of the held findings that promise to keep the
// structure but, applied together, do not. It parses only the top-level
// blocks around the fixes, with one block more on either side (a fix that
// lets a list swallow the paragraph after it, or a paragraph take in the
// list below it, shows there), with the fixes applied: usually once per
// region. Where the rule also has fixes that change the structure (pasted
// lines made list items), the promising fixes must instead keep the
// structure those give, as they are applied in the same pass. When a
// region's fixes break the structure, a binary search over its units,
// each applied with the ones before it, finds a unit that breaks it; that
// unit is dropped and the search repeats on the rest.
func (c *listChecker) verifyFixes(held heldFindings) {
	units := held.keepUnits()
	if len(units) == 0 {
		return
	}
	v := c.newVerifier(held)
	for _, g := range v.regions(units) {
		v.verifyRegion(g)
	}
}

// verifyRegion checks the fixes of the units of one region. The region's
// outline without them is first read from the document's own tree, and
// only parsed (as the region is parsed with them: on its own, the
// document's link reference definitions known) when the two differ.
func (v *verifier) verifyRegion(g *region) {
	var promising, others []*fixUnit // others: the fixes that change the structure
	for _, u := range g.units {
		if u.restructures {
			others = append(others, u)
		} else {
			promising = append(promising, u)
		}
	}
	if len(promising) == 0 {
		return
	}
	var keeps func(units []*fixUnit) bool
	if len(others) > 0 {
		// In the pass that applies them, the promising fixes must keep
		// the structure that the others give: under those of them that
		// they leave room for.
		restructured := v.outline(g, nil, others)
		keeps = func(units []*fixUnit) bool {
			after, applied := v.parse(g, units, others)
			ref := restructured
			if len(applied) < len(others) {
				ref = v.outline(g, nil, applied)
			}
			return mdstruct.Diff(ref, after, true) == ""
		}
	} else {
		end := g.end
		if end == len(v.base) {
			end++ // the footnote list too
		}
		if v.tree == nil {
			v.tree = mdstruct.NewTree(v.c.doc.Root, v.base)
			v.tree.Expand = v.c.doc.Full
		}
		before := v.tree.Blocks(g.pos, end)
		all := v.outline(g, promising, nil)
		if mdstruct.Diff(before, all, true) != "" {
			before = v.outline(g, nil, nil)
		}
		keeps = func(units []*fixUnit) bool {
			after := all
			if len(units) < len(promising) {
				after = v.outline(g, units, nil)
			}
			return len(units) == 0 || mdstruct.Diff(before, after, true) == ""
		}
	}
	kept := promising
	if keeps(kept) {
		return
	}
	lo := 0 // kept[:lo] is known to keep the structure
	for {
		hi := len(kept) // kept[:hi] is known not to
		for hi-lo > 1 {
			if v.spent() {
				v.held.dropUnits(kept[lo:])
				return
			}
			mid := (lo + hi) / 2
			if keeps(kept[:mid]) {
				lo = mid
			} else {
				hi = mid
			}
		}
		v.held.dropUnits(kept[lo : lo+1])
		kept = append(kept[:lo:lo], kept[lo+1:]...)
		if v.spent() {
			v.held.dropUnits(kept[lo:])
			return
		}
		if keeps(kept) {
			return
		}
	}
}

// keepUnits groups the held fixes into units, sorted by their first edit:
// those that promise to keep the structure, and (one unit each, to be
// applied under them, never dropped) the others.
func (held heldFindings) keepUnits() []*fixUnit {
	byKey := map[any]*fixUnit{}
	var units []*fixUnit
	promising := false
	for i, p := range held {
		f := p.d.Fix
		if f == nil || len(f.Edits) == 0 {
			continue
		}
		promising = promising || f.KeepsStructure
		u := byKey[p.unit]
		if p.unit == nil || u == nil || !f.KeepsStructure {
			u = &fixUnit{first: f.Edits[0].Pos, last: f.Edits[0].End, restructures: !f.KeepsStructure}
			units = append(units, u)
			if p.unit != nil && f.KeepsStructure {
				byKey[p.unit] = u
			}
		}
		for _, e := range f.Edits {
			u.first, u.last = min(u.first, e.Pos), max(u.last, e.End)
		}
		u.diags = append(u.diags, i)
	}
	if !promising {
		return nil
	}
	// In the order the fixer takes them, which decides between fixes
	// whose first edits start at one offset: findings sort by position,
	// then check, then message (result.Less).
	sort.SliceStable(units, func(i, j int) bool {
		if units[i].first != units[j].first {
			return units[i].first < units[j].first
		}
		return held.order(units[i].diags[0], units[j].diags[0]) < 0
	})
	return units
}

// order compares held findings i and j in the order the engine sorts
// findings, and so the fixer takes their fixes (result.Less: by position,
// check, message; the order they were found last).
func (held heldFindings) order(i, j int) int {
	a, b := held[i].d, held[j].d
	switch {
	case a.Pos != b.Pos:
		return a.Pos - b.Pos
	case a.Check != b.Check:
		return strings.Compare(a.Check, b.Check)
	case a.Message != b.Message:
		return strings.Compare(a.Message, b.Message)
	}
	return i - j
}

// dropUnits drops the fixes of the units' findings.
func (held heldFindings) dropUnits(units []*fixUnit) {
	for _, u := range units {
		for _, i := range u.diags {
			held[i].d.Fix = nil
		}
	}
}

// verifier parses regions of the document with sets of fixes applied.
type verifier struct {
	c    *listChecker
	held heldFindings // the findings whose fixes are checked
	base []byte       // the source
	// body is where the Markdown starts, past any front matter: a region
	// before it is parsed with the front matter blanked (region).
	body int
	// starts are the offsets where top-level blocks start, in order;
	// footnotes those where footnote definitions (moved to the end of the
	// tree) start.
	starts, footnotes []int
	budget            int
	// carriageReturns is set for a document with "\r" in it: its regions
	// are the whole document, parsed as internal/document parses it.
	carriageReturns bool
	ctx             *mdstruct.Context
	tree            *mdstruct.Tree // the document's own, read region by region
}

// region is a run of top-level blocks and the units whose fixes fall in
// it: blocks i to j (indexes into verifier.starts) hold the fixes, and
// the region has one block more on either side.
type region struct {
	pos, end int
	i, j     int
	units    []*fixUnit
}

func (c *listChecker) newVerifier(held heldFindings) *verifier {
	d := c.doc
	base, body := d.Source, 0
	if fm := d.FrontMatter; fm != nil && !fm.Unclosed {
		body = fm.End
	}
	v := &verifier{c: c, held: held, base: base, body: body, budget: verifyBudget(len(base)), ctx: mdstruct.NewContext(d.Root),
		carriageReturns: bytes.IndexByte(base, '\r') >= 0}
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*east.FootnoteList); ok {
			for f := n.FirstChild(); f != nil; f = f.NextSibling() {
				if p := f.Pos(); p >= 0 {
					v.footnotes = append(v.footnotes, d.LineStart(d.Line(p)))
				}
			}
			continue
		}
		if p := n.Pos(); p >= 0 {
			v.starts = append(v.starts, d.LineStart(d.Line(p)))
		}
	}
	v.starts = append(v.starts, v.footnotes...)
	sort.Ints(v.starts)
	return v
}

// regions returns the regions of the units: each unit's top-level blocks
// and one more on either side, merged where the units' own blocks meet or
// touch. Two regions may share a block on their edge (each is checked on
// its own, and the fixer checks each pass whole); merging them too would
// make one region of a document whose every block has a fix, and its
// parses as large as the document. A region holding a footnote definition
// is the whole document, which a footnote needs to be parsed at all (an
// unreferenced one is dropped).
func (v *verifier) regions(units []*fixUnit) []*region {
	if v.carriageReturns {
		return []*region{{pos: 0, end: len(v.base), units: units}}
	}
	var out []*region
	whole := false
	for _, u := range units {
		i := sort.SearchInts(v.starts, u.first+1) - 1 // the block holding u.first
		j := sort.SearchInts(v.starts, u.last+1) - 1
		if n := len(out); n > 0 && i <= out[n-1].j+1 {
			last := out[n-1]
			last.j = max(last.j, j)
			last.units = append(last.units, u)
			continue
		}
		out = append(out, &region{i: i, j: j, units: []*fixUnit{u}})
	}
	for _, g := range out {
		g.pos, g.end = 0, len(v.base)
		if g.i-1 >= 0 {
			g.pos = v.starts[g.i-1]
		}
		if g.j+2 < len(v.starts) {
			g.end = v.starts[g.j+2]
		}
		for _, f := range v.footnotes {
			whole = whole || (f >= g.pos && f < g.end)
		}
	}
	if whole {
		return []*region{{pos: 0, end: len(v.base), units: units}}
	}
	return out
}

// parse returns the outline of region g of base with the fixes of units
// and of extra applied, as the fixer applies them (a fix that overlaps
// one before it waits for the next pass), and the units of extra that
// were applied.
func (v *verifier) parse(g *region, units, extra []*fixUnit) (mdstruct.Outline, []*fixUnit) {
	var index []int
	for _, u := range slices.Concat(units, extra) {
		index = append(index, u.diags...)
	}
	// In the order of the findings, which decides ties.
	slices.SortFunc(index, v.held.order)
	fixes := make([]*lint.Fix, len(index))
	for j, i := range index {
		fixes[j] = v.held[i].d.Fix
	}
	src, applied := applyFixes(v.region(g), fixes, g.pos)
	v.budget -= len(src)
	var extraApplied []*fixUnit
	at := make(map[int]int, len(index)) // held finding -> its place in index
	for j, i := range index {
		at[i] = j
	}
	for _, u := range extra {
		ok := true
		for _, i := range u.diags {
			ok = ok && applied[at[i]]
		}
		if ok {
			extraApplied = append(extraApplied, u)
		}
	}
	if v.carriageReturns {
		// As the fixer will parse it: internal/document treats "\r" in
		// its own ways (lone ones, empty items before "\r\n").
		d, err := document.Parse(v.c.doc.Path, src)
		if err != nil {
			return nil, extraApplied // matches no outline: the fixes are dropped
		}
		return mdstruct.FromDocument(d.Root, d.Source, d.Full), extraApplied
	}
	return v.ctx.Parse(src), extraApplied
}

// region returns the source of region g as it is parsed: with the front
// matter blanked out (each byte but line breaks a space), so that every
// offset still matches Source. Only a region reaching into the front
// matter is copied to blank it.
func (v *verifier) region(g *region) []byte {
	src := v.base[g.pos:g.end]
	if g.pos >= v.body {
		return src
	}
	src = bytes.Clone(src)
	for i := range min(v.body-g.pos, len(src)) {
		if src[i] != '\n' && src[i] != '\r' {
			src[i] = ' '
		}
	}
	return src
}

// outline is parse without the applied units.
func (v *verifier) outline(g *region, units, extra []*fixUnit) mdstruct.Outline {
	o, _ := v.parse(g, units, extra)
	return o
}

// spent reports whether the budget for parsing is used up.
func (v *verifier) spent() bool { return v.budget <= 0 }

// applyFixes applies fixes to src, which starts at offset base of the
// document, as the fixer does: in order of their first edit, each whole
// or, when it overlaps a fix already taken (or an insertion touches one),
// not at all. It also returns which fixes it applied.
func applyFixes(src []byte, fixes []*lint.Fix, base int) ([]byte, []bool) {
	type span struct {
		pos, end int
		text     string
	}
	type cand struct {
		first, index int
		edits        []span
	}
	cands := make([]cand, 0, len(fixes))
	applied := make([]bool, len(fixes))
	for i, f := range fixes {
		c := cand{index: i}
		for _, e := range f.Edits {
			c.edits = append(c.edits, span{e.Pos - base, e.End - base, e.NewText})
		}
		sort.SliceStable(c.edits, func(i, j int) bool { return c.edits[i].pos < c.edits[j].pos })
		c.first = c.edits[0].pos
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].first < cands[j].first })
	overlap := func(a, b span) bool {
		if a.pos < b.end && b.pos < a.end {
			return true
		}
		return (a.pos == a.end || b.pos == b.end) && max(a.pos, b.pos) <= min(a.end, b.end)
	}
	var taken []span // sorted by (pos, end), pairwise non-overlapping
	clashes := func(e span) bool {
		// taken's ends never decrease: only the spans starting at or
		// before e.end, walking back while they end at or after e.pos,
		// can overlap e.
		i := sort.Search(len(taken), func(i int) bool { return taken[i].pos > e.end })
		for j := i - 1; j >= 0 && taken[j].end >= e.pos; j-- {
			if overlap(taken[j], e) {
				return true
			}
		}
		return false
	}
	for _, c := range cands {
		clash := false
		for _, e := range c.edits {
			clash = clash || clashes(e)
		}
		if clash {
			continue
		}
		applied[c.index] = true
		for _, e := range c.edits {
			i := sort.Search(len(taken), func(i int) bool {
				return taken[i].pos > e.pos || (taken[i].pos == e.pos && taken[i].end > e.end)
			})
			taken = append(taken, span{})
			copy(taken[i+1:], taken[i:])
			taken[i] = e
		}
	}
	var out bytes.Buffer
	out.Grow(len(src) + 64)
	last := 0
	for _, e := range taken {
		out.Write(src[last:e.pos])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), applied
}

// htmlClose holds the end conditions of the HTML blocks of types 2 to 5
// (CommonMark 4.6), which a blank line does not end.
var htmlClose = map[ast.HTMLBlockType]string{ast.HTMLBlockType2: "-->", ast.HTMLBlockType3: "?>", ast.HTMLBlockType4: ">", ast.HTMLBlockType5: "]]>"}

// rawContinues reports whether a blank line inserted after line l would
// land inside a code or HTML block and so become part of its content
// (or, for an HTML block that a blank line ends, cut it short): after
// the opening fence or a content line of a fenced code block, a line of
// an indented code block with more to come, or a line of an HTML block
// that has not ended by it.
func (c *listChecker) rawContinues(l int) bool {
	if c.rawLines == nil {
		c.rawLines = map[int]bool{}
		_ = ast.Walk(c.doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if n.Type() == ast.TypeInline {
				return ast.WalkSkipChildren, nil
			}
			if entering {
				c.markRaw(n)
			}
			return ast.WalkContinue, nil
		})
	}
	return c.rawLines[l]
}

// markRaw records in rawLines the lines after which a blank line would
// land inside block n.
func (c *listChecker) markRaw(n ast.Node) {
	d := c.doc
	lines := n.Lines()
	if lines.Len() == 0 && n.Kind() != ast.KindFencedCodeBlock {
		return
	}
	lastLine := func() int { return d.Line(lines.At(lines.Len() - 1).Start) }
	var from, to int
	switch v := n.(type) {
	case *ast.FencedCodeBlock:
		// From the opening fence to the last content line: only after the
		// closing fence (or the end of its container) is a blank line not
		// code.
		from = d.Line(max(v.Pos(), 0))
		to = from
		if lines.Len() > 0 {
			to = lastLine()
		}
	case *ast.CodeBlock:
		from, to = d.Line(lines.At(0).Start), lastLine()-1
	case *ast.HTMLBlock:
		from, to = d.Line(lines.At(0).Start), lastLine()
		switch {
		case v.HasClosure():
			// The closing line is not one of Lines.
		case v.HTMLBlockType == ast.HTMLBlockType6 || v.HTMLBlockType == ast.HTMLBlockType7:
			to-- // a blank line after the last line ends it there anyway
		case lines.Len() == 1 && c.closesOnFirstLine(v):
			to--
		}
	default:
		return
	}
	for l := from; l <= to; l++ {
		c.rawLines[l] = true
	}
}

// closesOnFirstLine reports whether a one-line HTML block of type 1 to 5
// ends on its own line ("<!-- note -->").
func (c *listChecker) closesOnFirstLine(b *ast.HTMLBlock) bool {
	seg := b.Lines().At(0)
	line := c.doc.Source[seg.Start:seg.Stop]
	if b.HTMLBlockType == ast.HTMLBlockType1 {
		low := bytes.ToLower(line)
		for _, end := range []string{"</script>", "</pre>", "</style>", "</textarea>"} {
			if bytes.Contains(low, []byte(end)) {
				return true
			}
		}
		return false
	}
	return bytes.Contains(line, []byte(htmlClose[b.HTMLBlockType]))
}
