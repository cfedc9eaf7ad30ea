// Package mdstruct describes what a Markdown text renders as, block by
// block, so that a fix can be checked not to change it: an Outline lists
// the nodes of goldmark's tree (with the extensions medlint parses with) in
// document order, each with its kind, what sets its rendering apart (a
// heading's level, a list's kind, start number and tightness, a link's
// destination), the exact contents of code and HTML blocks, and the text of
// each paragraph, heading and table cell with its whitespace collapsed.
//
// Two texts with equal outlines render the same HTML up to whitespace in
// prose. Whatever only the source spells differently (which bullet
// character a list uses, how many spaces follow a marker, blank lines
// between blocks that stay apart, the numbers of the items after the first
// of an ordered list) is not in the outline.
package mdstruct

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/medlint/medlint/internal/goldmark/extension"
)

// markdown parses as internal/document does; it is built on first use
// (a run that fixes nothing never needs it).
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
})

// Entry is one node of an outline.
type Entry struct {
	// Depth is the node's depth below the document (its children are 0).
	Depth int
	// Line is the 1-based source line where the node starts, 0 when
	// goldmark gives it no position. It is not compared.
	Line int
	// Pos is the byte offset where the node starts, -1 when goldmark gives
	// it no position. It is not compared.
	Pos int
	// Node is the node's kind and what sets its rendering apart:
	// `List ordered tight`, `Heading level=2`.
	Node string
	// Text is what the node holds: the collapsed text of a paragraph,
	// heading or table cell (inline markup as ‹Kind attrs|...›), the
	// lines of a code or HTML block as they are.
	Text string
	// Start is the number an ordered list starts from (0 otherwise).
	Start int
}

// Outline is the rendering-relevant content of a Markdown text, node by
// node in document order.
type Outline []Entry

// Parse parses src, with any kind of line break, and returns its outline.
func Parse(src []byte) Outline {
	src = normalizeBreaks(src)
	return FromAST(markdown().Parser().Parse(text.NewReader(src)), src)
}

// normalizeBreaks turns "\r\n" and lone "\r" into "\n", so that two
// texts differing only in line breaks compare equal. goldmark itself
// treats "\r" differently in corner cases (an empty list item before
// "\r\n"), and internal/document smooths some of them over: to see a
// text exactly as the document model does, parse it with document.Parse
// and take FromAST of its tree.
func normalizeBreaks(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(out, []byte("\r"), []byte("\n"))
}

// Context holds what a part of a document needs from the rest to parse as
// it does in place: the document's link reference definitions.
type Context struct {
	refs []parser.Reference
}

// NewContext returns the context of the document whose tree is root.
func NewContext(root ast.Node) *Context {
	c := &Context{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if d, ok := n.(*ast.LinkReferenceDefinition); ok && entering {
			c.refs = append(c.refs, parser.NewReference(d.Label, d.Destination, d.Title))
		}
		return ast.WalkContinue, nil
	})
	return c
}

// Parse parses src, a run of top-level blocks of the context's document,
// as Parse does, but with the document's link reference definitions
// known: "[text][ref]" is a link whatever part of the document defines
// "ref".
func (c *Context) Parse(src []byte) Outline {
	src = normalizeBreaks(src)
	pc := parser.NewContext()
	for _, r := range c.refs {
		pc.AddReference(r)
	}
	return FromAST(markdown().Parser().Parse(text.NewReader(src), parser.WithContext(pc)), src)
}

// FromAST returns the outline of the goldmark tree root parsed from src.
func FromAST(root ast.Node, src []byte) Outline {
	return NewTree(root, src).Blocks(0, len(src)+1)
}

// FromDocument returns the outline of root, the tree of a document
// model, whose blocks full gives back with their inline content
// (document.Document.Full: a large file's tree keeps only its blocks).
func FromDocument(root ast.Node, src []byte, full func(ast.Node) ast.Node) Outline {
	t := NewTree(root, src)
	t.Expand = full
	return t.Blocks(0, len(src)+1)
}

// Tree is a parsed text whose outline is read a run of top-level blocks at
// a time: it indexes the lines and the top-level blocks once.
type Tree struct {
	src        []byte
	lineStarts []int
	blocks     []ast.Node // the top-level blocks, in order
	starts     []int      // their offsets (-1: none, the footnote list)
	// Expand, when set, gives back a top-level block with its inline
	// content (document.Document.Full).
	Expand func(ast.Node) ast.Node
}

// NewTree returns the tree root parsed from src.
func NewTree(root ast.Node, src []byte) *Tree {
	// Sized up front: a large file has hundreds of thousands of lines, and
	// a slice grown by appending allocates about three times its size.
	t := &Tree{src: src, lineStarts: make([]int, 1, bytes.Count(src, []byte{'\n'})+1)}
	t.blocks = make([]ast.Node, 0, root.ChildCount())
	t.starts = make([]int, 0, root.ChildCount())
	for i, c := range src {
		if c == '\n' {
			t.lineStarts = append(t.lineStarts, i+1)
		}
	}
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		t.blocks = append(t.blocks, c)
		t.starts = append(t.starts, c.Pos())
	}
	return t
}

// Blocks returns the outline of the top-level blocks that start in
// [pos, end), with their descendants; the footnote list, which has no
// position, only when pos is 0 and end past the source.
func (t *Tree) Blocks(pos, end int) Outline {
	b := builder{src: t.src, lineStarts: t.lineStarts}
	whole := pos <= 0 && end > len(t.src)
	// Offsets increase along the blocks, but for the footnote list at the
	// end.
	from := 0
	if !whole {
		from = sort.Search(len(t.starts), func(i int) bool { return t.starts[i] < 0 || t.starts[i] >= pos })
	}
	var in []ast.Node
	n := 0
	for i := from; i < len(t.blocks); i++ {
		if p := t.starts[i]; !whole && (p < pos || p >= end) {
			break
		}
		in = append(in, t.blocks[i])
		n += countBlocks(t.blocks[i])
	}
	b.out = make(Outline, 0, n)
	for _, c := range in {
		if t.Expand != nil {
			c = t.Expand(c)
		}
		b.block(c, 0)
	}
	return b.out
}

// countBlocks counts the block nodes of the tree n: the entries block
// adds at most.
func countBlocks(n ast.Node) int {
	k := 1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			k += countBlocks(c)
		}
	}
	return k
}

type builder struct {
	src        []byte
	lineStarts []int
	out        Outline
	text       []byte // inlineText's buffer
}

// line returns the 1-based line of offset off, 0 for a negative offset.
func (b *builder) line(off int) int {
	if off < 0 {
		return 0
	}
	lo, hi := 0, len(b.lineStarts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if b.lineStarts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

func (b *builder) add(n ast.Node, depth int, node, text string) {
	off := n.Pos()
	if off < 0 && n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		off = n.Lines().At(0).Start
	}
	b.out = append(b.out, Entry{Depth: depth, Line: b.line(off), Pos: off, Node: node, Text: text})
}

// block adds block node n and its descendants.
func (b *builder) block(n ast.Node, depth int) {
	kind := n.Kind().String()
	switch v := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		b.add(n, depth, kind, b.inlineText(n))
		return
	case *east.TableCell:
		b.add(n, depth, kind+" align="+v.Alignment.String(), b.inlineText(n))
		return
	case *ast.Heading:
		b.add(n, depth, kind+" level="+strconv.Itoa(v.Level), b.inlineText(n))
		return
	case *ast.FencedCodeBlock:
		info := ""
		if v.Info != nil {
			info = string(v.Info.Segment.Value(b.src))
		}
		b.add(n, depth, kind+" info="+strconv.Quote(info), b.lines(n, nil))
		return
	case *ast.CodeBlock:
		b.add(n, depth, kind, b.lines(n, nil))
		return
	case *ast.HTMLBlock:
		var closure []byte
		if v.HasClosure() {
			closure = v.ClosureLine.Value(b.src)
		}
		b.add(n, depth, kind, b.lines(n, closure))
		return
	case *ast.List:
		node := kind + " bullet"
		if v.IsOrdered() {
			node = kind + " ordered"
		}
		if v.IsTight {
			node += " tight"
		} else {
			node += " loose"
		}
		b.add(n, depth, node, "")
		if v.IsOrdered() {
			b.out[len(b.out)-1].Start = v.Start
		}
	case *east.Table:
		aligns := make([]string, len(v.Alignments))
		for i, a := range v.Alignments {
			aligns[i] = a.String()
		}
		b.add(n, depth, kind+" "+strings.Join(aligns, ","), "")
	case *east.Footnote:
		b.add(n, depth, kind+" index="+strconv.Itoa(v.Index)+" ref="+strconv.Quote(string(v.Ref)), "")
	default:
		b.add(n, depth, kind, "")
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.block(c, depth+1)
	}
}

// lines returns the content lines of a code or HTML block (and the
// closing line of an HTML block), exactly as they render.
func (b *builder) lines(n ast.Node, closure []byte) string {
	var buf []byte
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		if seg.Padding > 0 {
			buf = append(buf, seg.Value(b.src)...)
		} else {
			buf = append(buf, b.src[seg.Start:seg.Stop]...)
		}
	}
	buf = append(buf, closure...)
	return string(normalizeBreaks(buf))
}

// inlineText returns the inline content of n: its text with whitespace
// runs collapsed to one space and trimmed, inline markup as
// ‹Kind attrs|...›.
func (b *builder) inlineText(n ast.Node) string {
	b.text = b.text[:0]
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.inline(c)
	}
	out := b.text[:0]
	space := false
	for _, c := range b.text {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, c)
	}
	return string(out)
}

func (b *builder) write(s string) { b.text = append(b.text, s...) }

func (b *builder) inline(n ast.Node) {
	switch v := n.(type) {
	case *ast.Text:
		b.text = append(b.text, v.Segment.Value(b.src)...)
		switch {
		case v.HardLineBreak():
			b.write(" ‹br› ")
		case v.SoftLineBreak():
			b.write(" ")
		}
		return
	case *ast.String:
		b.text = append(b.text, v.Value...)
		return
	case *ast.RawHTML:
		b.write("‹RawHTML|")
		for i := 0; i < v.Segments.Len(); i++ {
			seg := v.Segments.At(i)
			b.text = append(b.text, seg.Value(b.src)...)
		}
		b.write("›")
		return
	case *ast.AutoLink:
		b.write("‹AutoLink " + strconv.Quote(string(v.URL(b.src))) + "›")
		return
	}
	b.write("‹" + n.Kind().String())
	switch v := n.(type) {
	case *ast.Emphasis:
		b.write(" level=" + strconv.Itoa(v.Level))
	case *ast.Link:
		b.write(" " + strconv.Quote(string(v.Destination)) + " " + strconv.Quote(string(v.Title)))
	case *ast.Image:
		b.write(" " + strconv.Quote(string(v.Destination)) + " " + strconv.Quote(string(v.Title)))
	case *east.TaskCheckBox:
		b.write(" checked=" + strconv.FormatBool(v.IsChecked))
	case *east.FootnoteLink:
		b.write(" index=" + strconv.Itoa(v.Index))
	}
	b.write("|")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.inline(c)
	}
	b.write("›")
}

// Diff describes the first difference between before and after, "" when
// they are equal. With ignoreStart, ordered lists may start from other
// numbers (a renumbering fix changes the first item's number on purpose).
func Diff(before, after Outline, ignoreStart bool) string {
	for i := 0; i < max(len(before), len(after)); i++ {
		switch {
		case i >= len(before):
			return "added " + describe(after[i])
		case i >= len(after):
			return "removed " + describe(before[i])
		case before[i].Depth != after[i].Depth || before[i].Node != after[i].Node || before[i].Text != after[i].Text ||
			(!ignoreStart && before[i].Start != after[i].Start):
			return describe(before[i]) + " became " + describe(after[i])
		}
	}
	return ""
}

// describe renders e for Diff, shortened to about 120 characters.
func describe(e Entry) string {
	s := e.Node
	if strings.HasPrefix(s, "List ordered") {
		s += " start=" + strconv.Itoa(e.Start)
	}
	if e.Text != "" {
		s += " " + strconv.Quote(e.Text)
	}
	if r := []rune(s); len(r) > 120 {
		s = string(r[:117]) + "..."
	}
	if e.Line > 0 {
		return s + " at line " + strconv.Itoa(e.Line)
	}
	return s
}
