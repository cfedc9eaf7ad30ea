package document

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file is goldmark's footnote extension as a parse in pieces needs
// it (see pieces.go): goldmark keeps the definitions in its parser
// context, one per parse, so that a reference finds only the definitions
// of its own piece, and it numbers them and drops the unreferenced ones
// at the end of each parse. Here the definitions of every piece are kept
// in the pieces' notes, which outlive a piece: a reference finds a
// definition of an earlier piece, or (once the pieces know them all) of
// a later one, and the numbering and the list of definitions are made
// once, after the last piece, as goldmark makes them after a whole parse.

// piecesKey holds the *notes of a parse in pieces in goldmark's context.
var piecesKey = parser.NewContextKey()

// notes is the footnote state shared by the pieces of one parse, and
// what they learnt about the link reference definitions.
type notes struct {
	// byLabel maps a label to its definition: the first one closed, as
	// goldmark looks them up in the order it closes them.
	byLabel map[string]*note
	// closed lists the definitions in the order they closed; list is the
	// current piece's list of them (goldmark's, in its tree).
	closed []*east.Footnote
	list   *east.FootnoteList
	// count is the number of footnotes referenced so far.
	count int
	links []*east.FootnoteLink
	// missed lists the footnote labels referenced while no definition was
	// known.
	missed map[string]bool
	// nested reports a footnote reference inside a definition: goldmark
	// parses the definitions where the first one was, so the references
	// in them are numbered in an order the pieces do not follow.
	nested bool

	// refs are the link reference definitions of the pieces parsed,
	// first first; refLabels their normalized labels; refMissed the
	// labels looked up and not found.
	refs      []parser.Reference
	refLabels map[string]bool
	refMissed map[string]bool
}

// note is a footnote label and its definition.
type note struct {
	index int
	node  *east.Footnote // nil until the definition closes
}

func newNotes() *notes {
	return &notes{byLabel: map[string]*note{}, missed: map[string]bool{}, refLabels: map[string]bool{}, refMissed: map[string]bool{}}
}

// knowing returns fresh notes that know the labels and link reference
// definitions that n met, so that a reference finds a definition made
// further on.
func (n *notes) knowing() *notes {
	k := newNotes()
	for label := range n.byLabel {
		k.byLabel[label] = &note{index: -1}
	}
	for _, r := range n.refs {
		k.addReference(r)
	}
	return k
}

// conflict reports a reference that found no definition in its piece
// where a later piece had one.
func (n *notes) conflict() bool {
	for label := range n.missed {
		if n.byLabel[label] != nil {
			return true
		}
	}
	for label := range n.refMissed {
		if n.refLabels[label] {
			return true
		}
	}
	return false
}

func (n *notes) addReference(r parser.Reference) {
	key := util.ToLinkReference(r.Label())
	if !n.refLabels[key] {
		n.refLabels[key] = true
		n.refs = append(n.refs, r)
	}
}

func notesOf(pc parser.Context) *notes {
	n, _ := pc.Get(piecesKey).(*notes)
	return n
}

// pieceContext is goldmark's context of one piece: it knows the link
// reference definitions of the pieces before (and, once known, after) it,
// and records the labels it did not find.
type pieceContext struct {
	parser.Context
	notes *notes
}

func newPieceContext(n *notes) pieceContext {
	pc := pieceContext{Context: parser.NewContext(), notes: n}
	for _, r := range n.refs {
		pc.AddReference(r)
	}
	pc.Set(piecesKey, n)
	return pc
}

// Reference implements parser.Context.
func (c pieceContext) Reference(label string) (parser.Reference, bool) {
	r, ok := c.Context.Reference(label)
	if !ok {
		c.notes.refMissed[label] = true
	}
	return r, ok
}

// done records the link reference definitions the piece made.
func (c pieceContext) done() {
	refs := c.References()
	// References comes from a map: in label order, so that the order of
	// n.refs (first definition of a label wins) does not vary.
	slices.SortFunc(refs, func(a, b parser.Reference) int { return bytes.Compare(a.Label(), b.Label()) })
	for _, r := range refs {
		c.notes.addReference(r)
	}
}

// footnoteBlock is goldmark's footnote definition parser, closing the
// definitions into the pieces' notes.
type footnoteBlock struct{ parser.BlockParser }

// Close implements parser.BlockParser as goldmark does, and records the
// definition.
func (p footnoteBlock) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := notesOf(pc)
	if n.list == nil {
		n.list = east.NewFootnoteList()
		node.Parent().InsertBefore(node.Parent(), node, n.list)
	}
	node.Parent().RemoveChild(node.Parent(), node)
	n.list.AppendChild(n.list, node)
	fn := node.(*east.Footnote)
	n.closed = append(n.closed, fn)
	nt := n.byLabel[string(fn.Ref)]
	if nt == nil {
		nt = &note{index: -1}
		n.byLabel[string(fn.Ref)] = nt
	}
	if nt.node == nil {
		nt.node = fn
		fn.Index = nt.index
	}
}

// footnoteRef is goldmark's footnote reference parser, looking the label
// up in the pieces' notes.
type footnoteRef struct{}

// Trigger implements parser.InlineParser.
func (footnoteRef) Trigger() []byte { return []byte{'!', '['} }

// Parse implements parser.InlineParser as goldmark's footnote parser does.
func (footnoteRef) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	if pos >= len(line) {
		return nil
	}
	open := pos
	closure := util.FindClosure(line[pos:min(len(line), pos+999)], '[', ']', false, false) //nolint:staticcheck // as goldmark reads it
	if closure < 0 {
		return nil
	}
	closes := pos + closure
	value := block.Value(text.NewSegment(segment.Start+open, segment.Start+closes))
	block.Advance(closes + 1)

	n := notesOf(pc)
	nt := n.byLabel[string(value)]
	if nt == nil {
		n.missed[string(value)] = true
		return nil
	}
	for p := parent; p != nil; p = p.Parent() {
		if _, ok := p.(*east.Footnote); ok {
			n.nested = true
		}
	}
	if nt.index < 0 {
		n.count++
		nt.index = n.count
		if nt.node != nil {
			nt.node.Index = nt.index
		}
	}
	link := east.NewFootnoteLink(nt.index)
	n.links = append(n.links, link)
	if line[0] == '!' {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return link
}

// pieceEnd takes the piece's list of definitions out of its tree: they
// are numbered and placed once every piece is parsed (notes.finish).
type pieceEnd struct{}

// Transform implements parser.ASTTransformer.
func (pieceEnd) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	n := notesOf(pc)
	if n.list != nil {
		n.list.Parent().RemoveChild(n.list.Parent(), n.list)
		n.list = nil
	}
}

// finish does what goldmark's footnote transformer does at the end of a
// parse: it counts the references, drops the definitions never
// referenced, gives the others their back links and appends them, in
// the order of their numbers, to root.
func (n *notes) finish(root ast.Node) *east.FootnoteList {
	counter := map[int]int{}
	for _, l := range n.links {
		if l.Index >= 0 {
			counter[l.Index]++
		}
	}
	refCounter := map[int]int{}
	for _, l := range n.links {
		l.RefCount = counter[l.Index]
		l.RefIndex = refCounter[l.Index]
		refCounter[l.Index]++
	}
	list := east.NewFootnoteList()
	for _, fn := range n.closed {
		fn.Parent().RemoveChild(fn.Parent(), fn)
		if fn.Index < 0 {
			continue
		}
		var container ast.Node = fn
		if fc := container.LastChild(); fc != nil && ast.IsParagraph(fc) {
			container = fc
		}
		for i := range max(counter[fn.Index], 1) {
			back := east.NewFootnoteBacklink(fn.Index)
			back.RefCount, back.RefIndex = counter[fn.Index], i
			container.AppendChild(container, back)
		}
		list.AppendChild(list, fn)
	}
	list.SortChildren(func(a, b ast.Node) int {
		if a.(*east.Footnote).Index < b.(*east.Footnote).Index {
			return -1
		}
		return 1
	})
	list.Count = n.count
	if n.count <= 0 {
		return nil
	}
	root.AppendChild(root, list)
	return list
}
