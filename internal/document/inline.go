package document

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// newBlock extracts the plain text, links and footnote references of a
// block whose children are inlines, and records it.
func (b *builder) newBlock(kind BlockKind, n ast.Node) *Block {
	d := b.doc
	blk := &Block{Kind: kind, Node: n, Quoted: b.quote > 0, Pos: n.Pos(), End: -1}
	if len(b.items) > 0 {
		blk.Item = b.items[len(b.items)-1]
	}
	if lines := n.Lines(); lines.Len() > 0 {
		blk.Pos = lines.At(0).Start
		blk.End = lines.At(lines.Len() - 1).Stop
	}
	x := textBuilder{doc: d, buf: b.text[:0], spans: b.spans[:0], keepCode: kind == BlockHeading}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		x.inline(c)
	}
	b.text, b.spans = x.buf, x.spans // the scratch, for the next block
	blk.Text = string(x.buf)
	blk.spans = b.keepSpans(x.spans)
	if !x.parts.empty() {
		for _, l := range x.parts.links {
			if !l.Image && !l.Auto {
				l.Text = blk.Text[l.TextPos:l.TextEnd]
			}
		}
		parts := x.parts
		blk.extra = &parts
	}
	if blk.Pos < 0 {
		if len(blk.spans) == 0 {
			return nil
		}
		blk.Pos = blk.spans[0].srcPos
	}
	if blk.End < blk.Pos {
		blk.End = d.LineEnd(d.Line(blk.Pos))
		if len(blk.spans) > 0 {
			s := blk.spans[len(blk.spans)-1]
			blk.End = max(blk.End, s.srcPos+s.size())
		}
	}
	for blk.End > blk.Pos && (d.Source[blk.End-1] == '\n' || d.Source[blk.End-1] == '\r') {
		blk.End--
	}
	blk.Line, blk.EndLine = d.Line(blk.Pos), d.Line(blk.End)
	d.Blocks = append(d.Blocks, blk)
	return blk
}

// keepSpans returns a copy of a block's spans, taken from a chunk shared
// with the blocks before it: a large file has hundreds of thousands of
// blocks, and a slice grown by append for each left a third of it unused.
// A chunk holds about the spans of 1 KB of source (a span every 30 bytes
// or so), up to 4,096.
func (b *builder) keepSpans(s []textSpan) []textSpan {
	if len(s) == 0 {
		return nil
	}
	if cap(b.free)-len(b.free) < len(s) {
		size := min(max(len(b.doc.Source)/32, 64), 4096)
		if len(s) > size/8 {
			return slices.Clone(s)
		}
		b.free = make([]textSpan, 0, size)
	}
	n := len(b.free)
	b.free = append(b.free, s...)
	return b.free[n:len(b.free):len(b.free)]
}

// empty reports extra parts that hold nothing.
func (e *blockExtra) empty() bool {
	return len(e.links) == 0 && len(e.footnoteRefs) == 0 && len(e.inlineHTML) == 0 && e.header == nil
}

// textBuilder gathers a block's text, its spans and its extra parts.
type textBuilder struct {
	doc   *Document
	buf   []byte
	spans []textSpan
	parts blockExtra
	// last is the source offset just past the last text appended.
	last int
	// keepCode keeps the text of code spans (in headings, where it is part
	// of the title) instead of replacing each by a space.
	keepCode bool
}

func (x *textBuilder) appendSource(start, stop int) {
	src := x.doc.parseSrc
	for stop > start && (src[stop-1] == '\n' || src[stop-1] == '\r') {
		stop--
	}
	if stop <= start {
		return
	}
	x.spans = append(x.spans, textSpan{textPos: int32(len(x.buf)), srcPos: start, n: int32(stop - start)})
	x.buf = append(x.buf, src[start:stop]...)
	x.last = stop
}

func (x *textBuilder) appendSynthetic(s string, at int) {
	if s == "" {
		return
	}
	x.spans = append(x.spans, textSpan{textPos: int32(len(x.buf)), srcPos: at, n: -int32(len(s))})
	x.buf = append(x.buf, s...)
}

func (x *textBuilder) inline(n ast.Node) {
	d := x.doc
	switch n := n.(type) {
	case *ast.Text:
		x.appendSource(n.Segment.Start, n.Segment.Stop)
		if n.SoftLineBreak() || n.HardLineBreak() {
			x.appendSynthetic(" ", n.Segment.Stop)
		}
	case *ast.String:
		x.appendSynthetic(string(n.Value), x.last)
	case *ast.CodeSpan:
		if x.keepCode {
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				x.inline(c)
			}
			return
		}
		x.appendSynthetic(" ", max(n.Pos(), x.last))
		x.last = max(n.Pos(), x.last)
	case *ast.RawHTML:
		if n.Segments.Len() == 0 {
			return
		}
		start, stop := n.Segments.At(0).Start, n.Segments.At(n.Segments.Len()-1).Stop
		x.parts.inlineHTML = append(x.parts.inlineHTML, Span{Pos: start, End: stop, Text: string(d.Source[start:stop])})
		(&builder{doc: d}).comments(start, stop, true)
		x.last = stop
	case *ast.AutoLink:
		label := n.Label(d.parseSrc)
		pos := n.Pos()
		if pos < 0 {
			pos = x.last
		}
		textPos := len(x.buf)
		// The label's bytes sit right after "<" or at pos for bare URLs.
		start := pos
		if start < len(d.Source) && d.Source[start] == '<' {
			start++
		}
		x.appendSource(start, min(start+len(label), len(d.Source)))
		end := start + len(label)
		if end < len(d.Source) && d.Source[end] == '>' {
			end++
		}
		x.parts.links = append(x.parts.links, &Link{
			Destination: string(n.URL(d.parseSrc)), Text: string(label), Auto: true,
			Pos: pos, End: end, TextPos: textPos, TextEnd: len(x.buf),
		})
	case *ast.Link:
		textPos := len(x.buf)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			x.inline(c)
		}
		link := &Link{
			Destination: string(n.Destination), Title: string(n.Title), Reference: n.Reference != nil,
			Pos: n.Pos(), TextPos: textPos, TextEnd: len(x.buf),
		}
		link.End = linkEnd(d.Source, link.Pos)
		x.last = max(x.last, link.End)
		x.parts.links = append(x.parts.links, link)
	case *ast.Image:
		// Alt text is not prose: keep it on the link only.
		alt := &textBuilder{doc: d}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			alt.inline(c)
		}
		link := &Link{
			Destination: string(n.Destination), Title: string(n.Title), Reference: n.Reference != nil,
			Image: true, Pos: n.Pos(), Text: string(alt.buf), TextPos: len(x.buf), TextEnd: len(x.buf),
		}
		if link.Pos >= 0 {
			link.End = linkEnd(d.Source, link.Pos+1)
		}
		x.last = max(x.last, link.End)
		x.parts.links = append(x.parts.links, link)
	case *east.FootnoteLink:
		x.parts.footnoteRefs = append(x.parts.footnoteRefs, &FootnoteRef{Index: n.Index, Pos: n.Pos(), TextPos: len(x.buf)})
	case *east.TaskCheckBox:
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			x.inline(c)
		}
	}
}

// linkEnd returns the offset just past a link or image starting with the
// '[' at pos: past "](destination)", "][label]" or the closing ']'.
func linkEnd(src []byte, pos int) int {
	if pos < 0 || pos >= len(src) || src[pos] != '[' {
		return max(pos, 0)
	}
	i := matchBracket(src, pos, '[', ']')
	if i < 0 {
		return pos + 1
	}
	i++ // past ']'
	if i < len(src) {
		switch src[i] {
		case '(':
			if j := matchBracket(src, i, '(', ')'); j >= 0 {
				return j + 1
			}
		case '[':
			if j := matchBracket(src, i, '[', ']'); j >= 0 {
				return j + 1
			}
		}
	}
	return i
}

// matchBracket returns the offset of the bracket closing the one at pos, or
// -1. Backslash escapes are skipped; the search stops at a blank line.
func matchBracket(src []byte, pos int, open, closing byte) int {
	depth := 0
	for i := pos; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case open:
			depth++
		case closing:
			depth--
			if depth == 0 {
				return i
			}
		case '\n':
			if bytes.HasPrefix(bytes.TrimLeft(src[i+1:], " \t\r"), []byte("\n")) {
				return -1
			}
		}
	}
	return -1
}
