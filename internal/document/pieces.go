package document

import (
	"bytes"
	"errors"
	"math"
	"sort"
	"strconv"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/medlint/medlint/internal/goldmark/extension"
)

// A large file is parsed in pieces: goldmark's tree of a whole file is
// about nine times its size, so the body is cut, where CommonMark's block
// parser has nothing open, into pieces of about pieceSize bytes, each
// parsed and built into the model (its top-level blocks appended to one
// Root) before the next is parsed: goldmark's own working memory is then
// that of one piece. The model comes out as a whole parse makes it
// (TestPiecesMatchWhole): each piece is parsed over the file's own bytes,
// so every offset is the file's; the link reference definitions and
// footnotes of every piece are known to every other (footnotes.go); and
// where the pieces cannot give the same result (a footnote reference in a
// footnote, a file over a limit) the file is parsed whole. Once a piece is
// built its blocks lose their inline nodes (prune), but for those rules
// read in the tree (keepsInline); Document.Full gives them back.

// pieceSize is the body size above which a file is parsed in pieces, and
// about the size of each piece.
var pieceSize = 1 << 20

// pieceSizeFlag, set at link time, overrides pieceSize, so that a test
// can lint a corpus with every file cut into pieces:
//
//	go build -ldflags "-X github.com/medlint/medlint/internal/document.pieceSizeFlag=256" ./cmd/medlint
var pieceSizeFlag string

func init() {
	if n, err := strconv.Atoi(pieceSizeFlag); err == nil && n > 0 {
		pieceSize = n
	}
}

// pieceParsers are goldmark (and its MDX variant) with the footnotes of
// footnotes.go: made on first use, as most runs never parse in pieces.
var pieceParsers = sync.OnceValues(func() (goldmark.Markdown, goldmark.Markdown) {
	return newGuarded(guardedBlockParsers(), true), newGuarded(mdxBlockParsers(), true)
})

// errWhole stops a parse in pieces that must be redone whole.
var errWhole = errors.New("parse the file whole")

// cuts returns the offsets where the pieces of src[from:] after the first
// start: line starts about size bytes apart where a new top-level block
// starts after a blank line (an unindented ATX heading or a line starting
// with a letter: no list item, block quote, footnote, table, paragraph or
// indented code continues there), outside the fenced code blocks and raw
// HTML blocks that lineScan sees. What it does not see (a fence inside
// other markup) is caught once the piece is parsed (stillOpen).
func cuts(src []byte, from, size int) []int {
	var out []int
	var scan lineScan
	prevBlank := true
	for i := from; i < len(src); {
		end := len(src)
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			end = i + j + 1
		}
		line := src[i:end]
		if prevBlank && i-max(from, lastOf(out)) >= size && !scan.inside() && startsTopBlock(line) {
			out = append(out, i)
		}
		scan.line(line)
		prevBlank = blankLine(line)
		i = end
	}
	return out
}

func lastOf(s []int) int {
	if len(s) == 0 {
		return 0
	}
	return s[len(s)-1]
}

// lineScan follows, line by line, the fenced code blocks and the raw
// HTML blocks that only an end marker closes, wherever they are (the
// markers of block quotes and list items before them skipped).
type lineScan struct {
	fence     byte // '`' or '~' in a fenced code block, else 0
	fenceLen  int
	htmlClose []string // in a raw HTML block: the end markers, else nil
}

func (s *lineScan) inside() bool { return s.fence != 0 || s.htmlClose != nil }

func (s *lineScan) line(line []byte) {
	t := containerText(line)
	switch {
	case s.fence != 0:
		if n := fenceRun(t, s.fence); n >= s.fenceLen && blankLine(t[n:]) {
			s.fence = 0
		}
	case s.htmlClose != nil:
		if containsAny(line, s.htmlClose) {
			s.htmlClose = nil
		}
	default:
		for _, c := range []byte{'`', '~'} {
			if n := fenceRun(t, c); n >= 3 {
				s.fence, s.fenceLen = c, n
				return
			}
		}
		if closers, start := htmlOpens(t); closers != nil && !containsAny(t[start:], closers) {
			s.htmlClose = closers
		}
	}
}

// containerText returns line without the leading whitespace, block-quote
// markers and list markers before its content.
func containerText(line []byte) []byte {
	for {
		t := bytes.TrimLeft(line, " \t>")
		n := 0
		switch {
		case len(t) > 1 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t'):
			n = 1
		default:
			for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
				n++
			}
			if n == 0 || n+1 >= len(t) || t[n] != '.' && t[n] != ')' || t[n+1] != ' ' && t[n+1] != '\t' {
				return t
			}
			n++
		}
		line = t[n:]
	}
}

// fenceRun returns how many c start t.
func fenceRun(t []byte, c byte) int {
	n := 0
	for n < len(t) && t[n] == c {
		n++
	}
	return n
}

// htmlOpens returns the end markers of the raw HTML block of types 1 to 5
// that t starts, and where its opener ends, or nil.
func htmlOpens(t []byte) ([]string, int) {
	if len(t) < 2 || t[0] != '<' {
		return nil, 0
	}
	lower := bytes.ToLower(t[:min(len(t), 12)])
	for _, tag := range []string{"script", "pre", "style", "textarea"} {
		if rest := lower[1:]; bytes.HasPrefix(rest, []byte(tag)) {
			return []string{"</script>", "</pre>", "</style>", "</textarea>", "</SCRIPT>", "</PRE>", "</STYLE>", "</TEXTAREA>"}, 1
		}
	}
	switch {
	case bytes.HasPrefix(t, []byte("<!--")):
		return []string{"-->"}, 2
	case bytes.HasPrefix(t, []byte("<?")):
		return []string{"?>"}, 2
	case bytes.HasPrefix(t, []byte("<![CDATA[")):
		return []string{"]]>"}, 9
	case t[1] == '!':
		return []string{">"}, 2
	}
	return nil, 0
}

func containsAny(line []byte, markers []string) bool {
	for _, m := range markers {
		if bytes.Contains(line, []byte(m)) {
			return true
		}
	}
	return false
}

// parsePieces parses the body (from offset body) in pieces and builds the
// model; it returns errWhole when the file must be parsed whole instead
// (the model is then left empty).
func (d *Document) parsePieces(body int, lim Limits, size int) error {
	starts := append([]int{body}, cuts(d.parseSrc, body, size)...)
	n := newNotes()
	// The pieces after the first that may define what an earlier one
	// references are parsed first, building nothing, to learn their
	// definitions (footnotes at the end of an article).
	err := d.learnDefinitions(starts, n)
	if err == nil {
		n = n.knowing()
		err = d.buildPieces(starts, n, lim)
	}
	if err == nil && n.conflict() {
		// A reference to a definition of a later piece: again, with every
		// definition known from the start.
		d.resetModel()
		n = n.knowing()
		err = d.buildPieces(starts, n, lim)
	}
	if err == nil && n.nested {
		err = errWhole
	}
	if err != nil {
		d.resetModel()
		return errWhole
	}
	return nil
}

// mayDefine reports whether src may hold a link reference or footnote
// definition: a line whose content starts with '['.
func mayDefine(src []byte) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if t := containerText(line); len(t) > 0 && t[0] == '[' && bytes.Contains(t, []byte("]:")) {
			return true
		}
	}
	return false
}

// learnDefinitions parses the pieces after the first that may hold a
// definition (mayDefine) into n, building nothing. What it misses (a
// label over two lines) the parse's conflict check catches.
func (d *Document) learnDefinitions(starts []int, n *notes) error {
	md, mdMDX := pieceParsers()
	if d.MDX {
		md = mdMDX
	}
	for i := 1; i < len(starts); i++ {
		end := len(d.parseSrc)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		if !mayDefine(d.parseSrc[starts[i]:end]) {
			continue
		}
		g := newGuard(len(d.parseSrc), Limits{}.WithDefaults(), d.Line)
		g.pieces, g.budget = true, math.MaxInt // charged when built
		pc := newPieceContext(n)
		piece, err := parseWith(md, readerFrom(d.parseSrc[:end], starts[i]), g, pc)
		if err != nil {
			return err
		}
		pc.done()
		if end < len(d.parseSrc) && d.stillOpen(piece.LastChild(), end) {
			return errWhole
		}
	}
	return nil
}

// buildPieces parses the pieces starting at starts and builds them into
// the model.
func (d *Document) buildPieces(starts []int, n *notes, lim Limits) error {
	md, mdMDX := pieceParsers()
	if d.MDX {
		md = mdMDX
	}
	g := newGuard(len(d.parseSrc), lim, d.Line)
	g.pieces = true
	root := ast.NewDocument()
	d.Root = root
	info := &pieceInfo{starts: starts, notes: n, md: md, tops: map[ast.Node]int{}, cached: -1}
	d.pieces = info
	b := builder{doc: d}
	d.Footnotes = map[string]int{}
	for i, start := range starts {
		end := len(d.parseSrc)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		pc := newPieceContext(n)
		piece, err := parseWith(md, readerFrom(d.parseSrc[:end], start), g, pc)
		if err != nil {
			return err
		}
		pc.done()
		if end < len(d.parseSrc) && d.stillOpen(piece.LastChild(), end) {
			return errWhole // a code or HTML block runs on past the cut
		}
		first := root.LastChild()
		for c := piece.FirstChild(); c != nil; {
			next := c.NextSibling()
			root.AppendChild(root, c)
			c = next
		}
		c := root.FirstChild()
		if first != nil {
			c = first.NextSibling()
		}
		info.firsts = append(info.firsts, len(info.tops))
		for ; c != nil; c = c.NextSibling() {
			k := len(d.Blocks)
			b.block(c)
			info.tops[c] = len(info.tops)
			keep := map[ast.Node]bool{}
			for _, blk := range d.Blocks[k:] {
				if keepsInline(d, blk) {
					keep[blk.Node] = true
				}
			}
			prune(c, keep)
		}
	}
	if list := n.finish(root); list != nil {
		b.block(list)
	}
	if err := g.settle(); err != nil {
		return err
	}
	// What Full needs of n is the numbers and the link reference
	// definitions: the nodes may go.
	n.links, n.closed = nil, nil
	for _, nt := range n.byLabel {
		nt.node = nil
	}
	d.Usage = g.usage
	b.finish()
	return nil
}

// stillOpen reports whether the last top-level block of a piece ending
// at end may go on past it: a fenced code block without its closing
// fence, or a raw HTML block of a kind that only its end marker closes.
func (d *Document) stillOpen(last ast.Node, end int) bool {
	switch n := last.(type) {
	case *ast.FencedCodeBlock:
		open := d.Line(max(n.Pos(), 0))
		l := open
		if n.Lines().Len() > 0 {
			l = d.Line(n.Lines().At(n.Lines().Len() - 1).Start)
		}
		next := l + 1
		return d.LineStart(next) >= end || !isClosingFence(d.parseSrc[d.LineStart(open):d.LineEnd(open)], d.parseSrc[d.LineStart(next):d.LineEnd(next)])
	case *ast.HTMLBlock:
		if n.HTMLBlockType > ast.HTMLBlockType5 || n.HasClosure() {
			return false
		}
		lines := n.Lines()
		if lines.Len() == 0 {
			return true
		}
		closers, start := htmlOpens(containerText(d.parseSrc[lines.At(0).Start:lines.At(0).Stop]))
		if closers == nil {
			return true
		}
		last := lines.At(lines.Len() - 1)
		text := d.parseSrc[last.Start:last.Stop]
		if lines.Len() == 1 {
			text = containerText(text)[start:]
		}
		return !containsAny(text, closers)
	}
	return false
}

// isClosingFence reports whether line is a closing fence of the fenced code
// block opened by line open.
func isClosingFence(open, line []byte) bool {
	open = bytes.TrimLeft(open, " ")
	if len(open) == 0 || open[0] != '`' && open[0] != '~' {
		return false // opened in a way not understood here: assume open
	}
	c, n := open[0], 0
	for n < len(open) && open[n] == c {
		n++
	}
	trimmed := bytes.TrimLeft(line, " ")
	if len(line)-len(trimmed) > 3 {
		return false
	}
	m := 0
	for m < len(trimmed) && trimmed[m] == c {
		m++
	}
	return m >= n && util.IsBlank(trimmed[m:])
}

// resetModel forgets what a parse in pieces built.
func (d *Document) resetModel() {
	d.pieces = nil
	d.Root, d.Headings, d.Lists, d.Blocks, d.Comments, d.Footnotes, d.Usage = nil, nil, nil, nil, nil, nil, Usage{}
	for i, k := range d.LineKinds {
		if k != LineFrontMatter {
			d.LineKinds[i] = LineBlank
		}
	}
}

// parseWith parses with md from reader, under the guard g and in the
// context pc.
func parseWith(md goldmark.Markdown, reader text.Reader, g *guard, pc parser.Context) (root ast.Node, err error) {
	pc.Set(guardKey, g)
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			root, err = nil, b.err
		}
	}()
	return md.Parser().Parse(reader, parser.WithContext(pc)), nil
}

// readerFrom returns a reader of src positioned at offset from, a line
// start.
func readerFrom(src []byte, from int) text.Reader {
	reader := text.NewReader(src)
	if from > 0 {
		reader.SetPosition(0, text.NewSegment(from, from))
		reader.AdvanceLine()
	}
	return reader
}

// footnoteParts returns goldmark's footnote definition and reference
// parsers (guarded) and its transformer, or for a parse in pieces those
// of footnotes.go.
func footnoteParts(pieces bool) (parser.BlockParser, parser.InlineParser, parser.ASTTransformer) {
	if pieces {
		return containerGuard{footnoteBlock{extension.NewFootnoteBlockParser()}}, guardInline(footnoteRef{}, roleFootnote), pieceEnd{}
	}
	return containerGuard{extension.NewFootnoteBlockParser()}, guardInline(extension.NewFootnoteParser(), roleFootnote), extension.NewFootnoteASTTransformer()
}

// blankLine reports a line of spaces, tabs and line breaks only.
func blankLine(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// startsTopBlock reports a line that, after a blank line, can only start
// a new top-level block (or continue a fenced code or HTML block).
func startsTopBlock(line []byte) bool {
	c := line[0]
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return true
	}
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t' || line[n] == '\n' || line[n] == '\r')
}

// pieceInfo is what a document parsed in pieces keeps to give back the
// inline content that prune took out of its tree (Document.Full).
type pieceInfo struct {
	starts []int
	notes  *notes
	md     goldmark.Markdown
	// tops maps each top-level block to its index in Root; firsts holds
	// the index of the first block of each piece.
	tops   map[ast.Node]int
	firsts []int
	// The piece last parsed again and its top-level blocks.
	mu     sync.Mutex
	cached int
	full   []ast.Node
}

// prune takes the inline content out of the blocks of n but those of
// keep (the model has what it holds): goldmark's inline nodes are most
// of its tree.
func prune(n ast.Node, keep map[ast.Node]bool) {
	if keep[n] {
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if c.Type() == ast.TypeInline {
			n.RemoveChild(n, c)
		} else {
			prune(c, keep)
		}
		c = next
	}
}

// keepsInline reports a block whose inline content rules read from the
// tree: a paragraph that is all emphasis (a pseudo-heading), and a block
// with an inline node other than text that runs over a line break or
// whose position goldmark does not know (list-format, before it splits a
// pasted list at a line, checks that no inline node spans the cut).
// Other blocks' inline nodes each sit on one line, which is all such a
// check learns from them.
func keepsInline(d *Document, b *Block) bool {
	n := b.Node
	if _, ok := n.(*ast.Paragraph); ok && n.ChildCount() == 1 {
		if _, ok := n.FirstChild().(*ast.Emphasis); ok {
			return true
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindText {
			continue
		}
		end := b.End
		if next := c.NextSibling(); next != nil {
			end = next.Pos() - 1
		}
		if c.Pos() < 0 || end < c.Pos() || d.Line(end) > d.Line(c.Pos()) {
			return true
		}
	}
	return false
}

// Full returns block n of the document's tree with its inline content:
// n itself, but in a file parsed in pieces, whose tree keeps only its
// blocks (and the inline content of footnotes), the same block of its
// piece parsed again. It is safe for concurrent use; the piece last
// parsed is kept, so that a caller going through the blocks in order
// parses each piece once. The footnote references of a block given back
// have their numbers (Index) but not RefCount and RefIndex.
func (d *Document) Full(n ast.Node) ast.Node {
	info := d.pieces
	if info == nil || n == nil {
		return n
	}
	var path []int
	top := n
	for top.Parent() != nil && top.Parent() != d.Root {
		path = append(path, childIndex(top))
		top = top.Parent()
	}
	at, ok := info.tops[top]
	if !ok || top.Parent() == nil {
		return n // the footnote list, which keeps its inline content
	}
	piece := sort.SearchInts(info.firsts, at+1) - 1
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.cached != piece {
		info.full, info.cached = d.reparse(piece), piece
	}
	i := at - info.firsts[piece]
	if i >= len(info.full) {
		return n
	}
	out := info.full[i]
	for k := len(path) - 1; k >= 0 && out != nil; k-- {
		c := out.FirstChild()
		for range path[k] {
			c = c.NextSibling()
		}
		out = c
	}
	if out == nil {
		return n
	}
	return out
}

// reparse parses piece i again and returns its top-level blocks.
func (d *Document) reparse(i int) []ast.Node {
	info := d.pieces
	n := newNotes()
	for label, nt := range info.notes.byLabel {
		n.byLabel[label] = &note{index: nt.index}
	}
	for _, r := range info.notes.refs {
		n.addReference(r)
	}
	end := len(d.parseSrc)
	if i+1 < len(info.starts) {
		end = info.starts[i+1]
	}
	g := newGuard(len(d.parseSrc), Limits{}.WithDefaults(), d.Line)
	g.pieces, g.budget = true, math.MaxInt
	root, err := parseWith(info.md, readerFrom(d.parseSrc[:end], info.starts[i]), g, newPieceContext(n))
	if err != nil {
		return nil
	}
	var out []ast.Node
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

func childIndex(n ast.Node) int {
	i := 0
	for c := n.PreviousSibling(); c != nil; c = c.PreviousSibling() {
		i++
	}
	return i
}
