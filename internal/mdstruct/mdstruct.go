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
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// markdown parses as internal/document does.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))

// Entry is one node of an outline.
type Entry struct {
	// Depth is the node's depth below the document (its children are 0).
	Depth int
	// Line is the 1-based source line where the node starts, 0 when
	// goldmark gives it no position. It is not compared.
	Line int
	// Node is the node's kind and what renders: `List ordered tight`,
	// `Paragraph "Rest and drink fluids."`.
	Node string
	// Start is the number an ordered list starts from (0 otherwise).
	Start int
}

// Outline is the rendering-relevant content of a Markdown text, node by
// node in document order.
type Outline []Entry

// Parse parses src, with any kind of line break, and returns its outline.
func Parse(src []byte) Outline {
	src = normalizeBreaks(src)
	return FromAST(markdown.Parser().Parse(text.NewReader(src)), src)
}

// normalizeBreaks turns "\r\n" and lone "\r" into "\n": goldmark parses
// the three alike except for a few corner cases (an empty list item before
// "\r\n"), which internal/document smooths over in the same direction.
func normalizeBreaks(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(out, []byte("\r"), []byte("\n"))
}

// FromAST returns the outline of the goldmark tree root parsed from src.
func FromAST(root ast.Node, src []byte) Outline {
	b := builder{src: src}
	b.lineStarts = append(b.lineStarts, 0)
	for i, c := range src {
		if c == '\n' {
			b.lineStarts = append(b.lineStarts, i+1)
		}
	}
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		b.block(c, 0)
	}
	return b.out
}

type builder struct {
	src        []byte
	lineStarts []int
	out        Outline
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

func (b *builder) add(n ast.Node, depth int, desc string) {
	off := n.Pos()
	if off < 0 && n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		off = n.Lines().At(0).Start
	}
	b.out = append(b.out, Entry{Depth: depth, Line: b.line(off), Node: desc})
}

// block adds block node n and its descendants.
func (b *builder) block(n ast.Node, depth int) {
	kind := n.Kind().String()
	switch v := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *east.TableCell:
		desc := kind + " " + strconv.Quote(b.inlineText(n))
		if c, ok := v.(*east.TableCell); ok {
			desc += " align=" + c.Alignment.String()
		}
		b.add(n, depth, desc)
		return
	case *ast.Heading:
		b.add(n, depth, fmt.Sprintf("%s level=%d %q", kind, v.Level, b.inlineText(n)))
		return
	case *ast.FencedCodeBlock:
		info := ""
		if v.Info != nil {
			info = string(v.Info.Segment.Value(b.src))
		}
		b.add(n, depth, fmt.Sprintf("%s info=%q %q", kind, info, b.lines(n)))
		return
	case *ast.CodeBlock:
		b.add(n, depth, fmt.Sprintf("%s %q", kind, b.lines(n)))
		return
	case *ast.HTMLBlock:
		lines := b.lines(n)
		if v.HasClosure() {
			lines += string(normalizeBreaks(v.ClosureLine.Value(b.src)))
		}
		b.add(n, depth, fmt.Sprintf("%s %q", kind, lines))
		return
	case *ast.List:
		desc := kind + " bullet"
		if v.IsOrdered() {
			desc = kind + " ordered"
		}
		if v.IsTight {
			desc += " tight"
		} else {
			desc += " loose"
		}
		b.add(n, depth, desc)
		if v.IsOrdered() {
			b.out[len(b.out)-1].Start = v.Start
		}
	case *east.Table:
		aligns := make([]string, len(v.Alignments))
		for i, a := range v.Alignments {
			aligns[i] = a.String()
		}
		b.add(n, depth, kind+" "+strings.Join(aligns, ","))
	case *east.Footnote:
		b.add(n, depth, fmt.Sprintf("%s index=%d ref=%q", kind, v.Index, v.Ref))
	default:
		b.add(n, depth, kind)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.block(c, depth+1)
	}
}

// lines returns the content lines of a code or HTML block, exactly as they
// render.
func (b *builder) lines(n ast.Node) string {
	var sb strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		sb.Write(seg.Value(b.src))
	}
	return string(normalizeBreaks([]byte(sb.String())))
}

// inlineText returns the inline content of n: its text with whitespace
// runs collapsed to one space, inline markup as ‹Kind attrs|...›.
func (b *builder) inlineText(n ast.Node) string {
	var sb strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.inline(&sb, c)
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

func (b *builder) inline(sb *strings.Builder, n ast.Node) {
	switch v := n.(type) {
	case *ast.Text:
		sb.Write(v.Segment.Value(b.src))
		switch {
		case v.HardLineBreak():
			sb.WriteString(" ‹br› ")
		case v.SoftLineBreak():
			sb.WriteByte(' ')
		}
		return
	case *ast.String:
		sb.Write(v.Value)
		return
	case *ast.RawHTML:
		sb.WriteString("‹RawHTML|")
		for i := 0; i < v.Segments.Len(); i++ {
			seg := v.Segments.At(i)
			sb.Write(seg.Value(b.src))
		}
		sb.WriteString("›")
		return
	case *ast.AutoLink:
		fmt.Fprintf(sb, "‹AutoLink %q›", v.URL(b.src))
		return
	}
	sb.WriteString("‹" + n.Kind().String())
	switch v := n.(type) {
	case *ast.Emphasis:
		fmt.Fprintf(sb, " level=%d", v.Level)
	case *ast.Link:
		fmt.Fprintf(sb, " %q %q", v.Destination, v.Title)
	case *ast.Image:
		fmt.Fprintf(sb, " %q %q", v.Destination, v.Title)
	case *east.TaskCheckBox:
		fmt.Fprintf(sb, " checked=%v", v.IsChecked)
	case *east.FootnoteLink:
		fmt.Fprintf(sb, " index=%d", v.Index)
	}
	sb.WriteString("|")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.inline(sb, c)
	}
	sb.WriteString("›")
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
		case before[i].Depth != after[i].Depth || before[i].Node != after[i].Node ||
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
		s += fmt.Sprintf(" start=%d", e.Start)
	}
	if r := []rune(s); len(r) > 120 {
		s = string(r[:117]) + "..."
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s at line %d", s, e.Line)
	}
	return s
}
