package document

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// builder walks the AST once and fills the document's indexes.
type builder struct {
	doc   *Document
	items []*ListItem // enclosing list items, innermost last
	lists []*List     // enclosing lists, innermost last
	quote int         // block-quote depth
	// ends memoises endLine for container blocks, which would otherwise
	// be recomputed for every level of a deeply nested list.
	ends map[ast.Node]int
	// text and spans are newBlock's scratch, reused from block to block;
	// free is the rest of keepSpans' chunk.
	text  []byte
	spans []textSpan
	free  []textSpan
}

func (b *builder) build() {
	b.doc.Footnotes = map[string]int{}
	b.walkBlocks(b.doc.Root)
	b.finish()
}

// finish orders what the walk over the blocks found and links the
// headings and sections.
func (b *builder) finish() {
	d := b.doc
	sort.SliceStable(d.Blocks, func(i, j int) bool { return d.Blocks[i].Pos < d.Blocks[j].Pos })
	for i, blk := range d.Blocks {
		blk.index = int32(i)
	}
	sort.SliceStable(d.Lists, func(i, j int) bool { return d.Lists[i].Pos < d.Lists[j].Pos })
	sort.SliceStable(d.Comments, func(i, j int) bool { return d.Comments[i].Pos < d.Comments[j].Pos })

	// Heading parents: the nearest earlier heading of a lower level.
	var stack []*Heading
	for i, h := range d.Headings {
		h.Index = i
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			h.Parent = stack[len(stack)-1]
		}
		stack = append(stack, h)
	}
	// Sections: every block belongs to the last heading before it.
	hi := -1
	for _, blk := range d.Blocks {
		for hi+1 < len(d.Headings) && d.Headings[hi+1].Pos <= blk.Pos {
			hi++
		}
		if hi >= 0 {
			blk.Section = d.Headings[hi]
		}
	}
}

func (b *builder) setLines(from, to int, kind LineKind) {
	for l := max(from, 1); l <= to && l <= len(b.doc.LineKinds); l++ {
		if b.doc.LineKinds[l-1] == LineBlank || kind != LineProse {
			b.doc.LineKinds[l-1] = kind
		}
	}
}

func (b *builder) walkBlocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.block(c)
	}
}

func (b *builder) block(n ast.Node) {
	d := b.doc
	switch n := n.(type) {
	case *ast.Heading:
		b.heading(n)
	case *ast.Paragraph, *ast.TextBlock:
		blk := b.newBlock(BlockParagraph, n)
		if blk != nil {
			b.setLines(blk.Line, blk.EndLine, LineProse)
		}
	case *ast.List:
		b.list(n)
	case *ast.Blockquote:
		b.quote++
		b.walkBlocks(n)
		b.quote--
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		b.setLines(d.Line(n.Pos()), b.endLine(n), LineCode)
	case *ast.HTMLBlock:
		b.htmlBlock(n)
	case *ast.ThematicBreak:
		l := d.Line(n.Pos())
		b.setLines(l, l, LineThematicBreak)
	case *east.Table:
		b.setLines(d.Line(n.Pos()), b.endLine(n), LineTable)
		var headers []*Block
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			_, isHeader := row.(*east.TableHeader)
			col := 0
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				blk := b.newBlock(BlockTableCell, cell)
				switch {
				case isHeader:
					headers = append(headers, blk) // nil for an empty cell
				case blk != nil && col < len(headers) && headers[col] != nil:
					if blk.extra == nil {
						blk.extra = &blockExtra{}
					}
					blk.extra.header = headers[col]
				}
				col++
			}
		}
	case *east.Footnote:
		d.Footnotes[string(n.Ref)] = n.Pos()
		b.walkBlocks(n)
	default:
		if n.Kind().String() == "LinkReferenceDefinition" {
			b.setLines(d.Line(n.Pos()), b.endLine(n), LineLinkDefinition)
			return
		}
		b.walkBlocks(n)
	}
}

func (b *builder) heading(n *ast.Heading) {
	d := b.doc
	blk := b.newBlock(BlockHeading, n)
	h := &Heading{Level: n.Level, Node: n, Block: blk, Pos: b.clamp(n.Pos())}
	if n.Pos() < 0 && blk != nil {
		h.Pos = blk.Pos
	}
	h.Line = d.Line(h.Pos)
	last := h.Line
	if n.Lines().Len() > 0 {
		seg := n.Lines().At(n.Lines().Len() - 1)
		last = d.Line(seg.Start)
	}
	// A setext heading is underlined on the line after its text; an ATX
	// heading's line starts with '#'.
	first := bytes.TrimLeft(d.LineText(h.Line), " \t>")
	if !bytes.HasPrefix(first, []byte("#")) {
		h.Setext = true
		last++
	}
	h.End = max(d.LineEnd(last), h.Pos)
	if blk != nil {
		h.Text = strings.TrimSpace(blk.Text)
		blk.Pos, blk.End = h.Pos, h.End
		blk.Line, blk.EndLine = h.Line, last
	}
	b.setLines(h.Line, last, LineProse)
	d.Headings = append(d.Headings, h)
}

func (b *builder) htmlBlock(n *ast.HTMLBlock) {
	d := b.doc
	start := n.Pos()
	if n.Lines().Len() > 0 {
		start = n.Lines().At(0).Start
	}
	endLine := b.endLine(n)
	b.setLines(d.Line(start), endLine, LineHTML)
	b.comments(start, d.LineEnd(endLine), false)
}

// comments records every "<!-- ... -->" in Source[from:to].
func (b *builder) comments(from, to int, inline bool) {
	d := b.doc
	src := d.Source[:to]
	for pos := from; pos < to; {
		i := bytes.Index(src[pos:], []byte("<!--"))
		if i < 0 {
			return
		}
		start := pos + i
		j := bytes.Index(src[start+4:], []byte("-->"))
		if j < 0 {
			return
		}
		end := start + 4 + j + 3
		d.Comments = append(d.Comments, &Comment{
			Pos: start, End: end, Line: d.Line(start), Inline: inline,
			Text: strings.TrimSpace(string(src[start+4 : end-3])),
		})
		pos = end
	}
}

func (b *builder) list(n *ast.List) {
	d := b.doc
	l := &List{
		Ordered: n.IsOrdered(), Marker: n.Marker, Start: n.Start, Tight: n.IsTight,
		Depth: len(b.lists), Quoted: b.quote > 0, Node: n, Pos: n.Pos(),
	}
	if len(b.items) > 0 {
		l.Parent = b.items[len(b.items)-1]
		// A list directly in a block quote nested in an item is still
		// nested under that item for indentation purposes.
	}
	d.Lists = append(d.Lists, l)
	b.lists = append(b.lists, l)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		li, ok := c.(*ast.ListItem)
		if !ok {
			continue
		}
		item := b.listItem(l, li)
		l.Items = append(l.Items, item)
		b.items = append(b.items, item)
		b.walkBlocks(li)
		b.items = b.items[:len(b.items)-1]
	}
	b.lists = b.lists[:len(b.lists)-1]
	if len(l.Items) > 0 {
		l.Pos = l.Items[0].Pos
		last := l.Items[len(l.Items)-1]
		l.End, l.EndLine = last.End, last.EndLine
	}
	l.Line = d.Line(l.Pos)
}

func (b *builder) listItem(l *List, n *ast.ListItem) *ListItem {
	d := b.doc
	item := &ListItem{List: l, Node: n}
	item.Pos = b.markerPos(l, b.clamp(n.Pos()))
	item.Line = d.Line(item.Pos)
	item.EndLine = b.endLine(n)
	item.End = d.LineEnd(item.EndLine)
	src := d.Source
	p := item.Pos
	if l.Ordered {
		q := p
		for q < len(src) && src[q] >= '0' && src[q] <= '9' {
			q++
		}
		item.Number, _ = strconv.Atoi(string(src[p:q]))
		if q < len(src) {
			q++ // '.' or ')'
		}
		item.Marker = string(src[p:min(q, len(src))])
		p = q
	} else if p < len(src) {
		item.Marker = string(src[p])
		p++
	}
	if item.Marker == "" || (l.Ordered && item.Marker[0] > '9') {
		// goldmark's offset did not lead to the marker (seen with tabs at
		// the end of a file): fall back to what the list node knows, so
		// rules can rely on a non-empty marker.
		item.Marker = string(l.Marker)
		if l.Ordered {
			item.Marker = strconv.Itoa(l.Start) + item.Marker
		}
	}
	q := p
	for q < len(src) && (src[q] == ' ' || src[q] == '\t') {
		q++
	}
	item.ContentPos = q
	item.Empty = q >= len(src) || src[q] == '\n' || src[q] == '\r'
	if !item.Empty {
		item.SpacesAfter = b.spacesAfter(p, q)
	}
	item.Indent = b.indentOf(item.Pos)
	b.setLines(item.Line, item.Line, LineProse)
	return item
}

// clamp keeps an offset reported by goldmark inside Source (with tabs in
// block quotes it can point past the end).
func (b *builder) clamp(off int) int {
	return min(max(off, 0), len(b.doc.Source))
}

// indentOf returns the column of off in spaces from the start of its
// container: the line, or the text after block-quote markers.
func (b *builder) indentOf(off int) int {
	d := b.doc
	start := d.LineStart(d.Line(off))
	line := d.Source[start:off]
	if b.quote > 0 {
		// The innermost block quote's marker is the last '>' before the
		// item marker with only whitespace after it ("> - a", "- > - b").
		if i := bytes.LastIndexByte(line, '>'); i >= 0 && len(bytes.Trim(line[i+1:], " \t")) == 0 {
			// Whitespace after '>' counts from the '>' column (a tab
			// there is less than four wide); its first column is the
			// marker's optional space.
			from := visualColumn(line[:i+1])
			w := visualColumnFrom(line[i+1:], from) - from
			return max(w-1, 0)
		}
	}
	return visualColumn(line)
}

// endLine returns the last source line of a block node.
func (b *builder) endLine(n ast.Node) int {
	d := b.doc
	switch n := n.(type) {
	case *ast.FencedCodeBlock:
		last := d.Line(n.Pos())
		if n.Lines().Len() > 0 {
			last = d.Line(n.Lines().At(n.Lines().Len() - 1).Start)
		}
		if next := last + 1; next <= d.LineCount() {
			t := bytes.TrimLeft(d.LineText(next), " \t>")
			if (bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))) && !b.blockStartsOn(n, next) {
				return next
			}
		}
		return last
	case *ast.HTMLBlock:
		if n.HasClosure() {
			return d.Line(n.ClosureLine.Start)
		}
	case *ast.Heading:
		if n.Lines().Len() > 0 {
			last := d.Line(n.Lines().At(n.Lines().Len() - 1).Start)
			if !bytes.HasPrefix(bytes.TrimLeft(d.LineText(d.Line(n.Pos())), " \t>"), []byte("#")) {
				last++
			}
			return last
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 && (n.FirstChild() == nil || n.FirstChild().Type() == ast.TypeInline) {
		return d.Line(n.Lines().At(n.Lines().Len() - 1).Start)
	}
	if last := n.LastChild(); last != nil && last.Type() == ast.TypeBlock {
		if e, ok := b.ends[n]; ok {
			return e
		}
		e := max(b.endLine(last), d.Line(n.Pos()))
		if b.ends == nil {
			b.ends = map[ast.Node]int{}
		}
		b.ends[n] = e
		return e
	}
	if n.Pos() < 0 {
		return 1
	}
	return d.Line(n.Pos())
}

// blockStartsOn reports whether the block that follows n in document order
// starts on line l: then a fence on l opens that block rather than closing
// n (an unclosed fence in a list item followed by a fence outside it).
func (b *builder) blockStartsOn(n ast.Node, l int) bool {
	for p := n; p != nil; p = p.Parent() {
		if s := p.NextSibling(); s != nil {
			return s.Pos() >= 0 && b.doc.Line(s.Pos()) == l
		}
	}
	return false
}
