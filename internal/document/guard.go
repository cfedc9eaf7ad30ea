package document

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/medlint/medlint/internal/goldmark/extension"
)

// The guard measures, while goldmark parses, what the file asks of each of
// the Limits, where goldmark itself does the work:
//
//   - a block parser opening a container (list item, block quote, footnote
//     definition) checks how deep it is;
//   - a paragraph, before goldmark turns it into a table, adds the cells of
//     that table;
//   - the inline parsers that goldmark runs in quadratic time (code spans,
//     links and footnote references, emphasis, strikethrough, autolinks and
//     raw HTML) and the blocks whose cost they share (link reference
//     definitions, footnote definitions) are charged, before or as they run,
//     what their loops may cost: the delimiters met so far in the block
//     (each closer looks back over them), the labels left open (each is held
//     until the block ends), the lines below a label (goldmark rereads them
//     to read it), the bytes to the end of the block (an opener that finds
//     no closer scans them all), the footnote definitions (every reference
//     is looked up among them one by one). Each charge is an upper bound of
//     its loop, weighted so that a step costs goldmark about a nanosecond
//     at most.
//
// The charges add up to the parse's work; a file may cost Limits.ParseCost
// steps per byte (plus a floor for small files). Ordinary markup costs a few
// steps per byte. Over a limit, the guard stops goldmark at once by
// panicking with a bailout that parse recovers, as go/parser does: what is
// left of the file is never looked at, so a file over a limit costs no more
// than the part of it under the limit.

// costFloor is the work every file may cost, whatever its size: one
// paragraph of a small file may be dense with markup.
const costFloor = 1 << 22

// guardKey holds the *guard of a parse in goldmark's context.
var guardKey = parser.NewContextKey()

// guard is the state of one parse.
type guard struct {
	lim   Limits
	usage Usage
	// budget is the work the file may cost.
	budget int
	// lineOf turns an offset of the source into a 1-based line.
	lineOf func(off int) int

	// The block whose inline content is being parsed: its lines, the
	// bytes of its lines from each to the end, the link labels open and the
	// emphasis delimiters met.
	block      ast.Node
	lines      int
	rest       []int
	open       int
	delimiters int
	pushed     int
	// openers counts the delimiters that may open, by character (slot).
	openers [3]int
	// spent is the work charged per kind of markup, to name the costliest.
	spent [kinds]int
	// pieces reports a parse in pieces: the footnote references, counted
	// in footnoteRefs, are charged the walk over every definition when
	// the last piece is parsed, as a whole parse knows them all.
	pieces       bool
	footnoteRefs int
}

// settle charges what a parse in pieces left to charge at its end, and
// returns the error of a file over its budget.
func (g *guard) settle() (err error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			err = b.err
		}
	}()
	g.charge(kindFootnote, weightFootnote*g.usage.Footnotes*g.footnoteRefs, 0)
	return nil
}

// kind is a kind of markup the guard charges.
type kind int

const (
	kindLink kind = iota
	kindCode
	kindEmphasis
	kindHTML
	kindFootnote
	kindDefinition
	kinds
)

var kindNames = [kinds]string{
	kindLink:       "link brackets",
	kindCode:       "code-span backticks",
	kindEmphasis:   "emphasis markers",
	kindHTML:       "'<' of autolinks and raw HTML",
	kindFootnote:   "footnotes",
	kindDefinition: "link reference definitions",
}

// bailout is the panic value that stops goldmark over a limit.
type bailout struct{ err *LimitError }

func guardOf(pc parser.Context) *guard {
	g, _ := pc.Get(guardKey).(*guard)
	return g
}

func (g *guard) fail(key string, limit, off int, what string) {
	panic(bailout{&LimitError{Key: key, Limit: limit, Line: g.lineOf(off), What: what}})
}

// charge adds work of kind k done at offset off, and stops the parse over
// the budget.
func (g *guard) charge(k kind, work, off int) {
	g.spent[k] += work
	g.usage.ParseCost += work
	if g.usage.ParseCost <= g.budget {
		return
	}
	top := kind(0)
	for i := range kinds {
		if g.spent[i] > g.spent[top] {
			top = i
		}
	}
	g.fail("max-parse-cost", g.lim.ParseCost, off, fmt.Sprintf(
		"markup that would cost the parser more than %d steps per byte of the file (mostly %s, which it matches in quadratic time)",
		g.lim.ParseCost, kindNames[top]))
}

// guarded is goldmark with GFM and footnotes, as CommonMark and GitHub
// define them, with the guard's hooks around the parsers it watches; and
// guardedMDX is that without indented code, which MDX turns off: text
// indented under a JSX component is Markdown there. Both are made on first
// use: a run that parses nothing (medlint version, a check the cache
// answers) never pays for them.
var guarded = sync.OnceValues(func() (md, mdx goldmark.Markdown) {
	return newGuarded(guardedBlockParsers(), false), newGuarded(mdxBlockParsers(), false)
})

// mdxBlockParsers returns guardedBlockParsers without indented code, and
// with a paragraph parser that takes the indented lines it leaves.
func mdxBlockParsers() []util.PrioritizedValue {
	out := slices.DeleteFunc(guardedBlockParsers(), func(v util.PrioritizedValue) bool {
		return v.Priority == priorityCodeBlock
	})
	for i, v := range out {
		if v.Priority == priorityParagraph {
			out[i].Value = indentedParagraph{v.Value.(parser.BlockParser)}
		}
	}
	return out
}

// indentedParagraph is goldmark's paragraph parser opening on an
// indented line too.
type indentedParagraph struct{ parser.BlockParser }

// CanAcceptIndentedLine implements parser.BlockParser.
func (indentedParagraph) CanAcceptIndentedLine() bool { return true }

// newGuarded returns goldmark with the block parsers blocks, GFM and
// footnotes (for a parse in pieces, footnotes.go's).
func newGuarded(blocks []util.PrioritizedValue, pieces bool) goldmark.Markdown {
	footBlock, footRef, footEnd := footnoteParts(pieces)
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blocks...),
			parser.WithInlineParsers(guardedInlineParsers()...),
			parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
				// Before every other transformer: what the others do costs
				// what it measures.
				util.Prioritized(paragraphGuard{}, -1))...),
		)),
		// extension.GFM and extension.Footnote but for their HTML renderers,
		// with the parsers of strikethrough and footnotes guarded: the same
		// parsers, at the same priorities.
		goldmark.WithExtensions(extension.Table, extension.TaskList),
		goldmark.WithParserOptions(
			parser.WithInlineParsers(newLinkifyFilter()),
			parser.WithInlineParsers(util.Prioritized(guardInline(extension.NewStrikethroughParser(), roleDelimiter), 500)),
			parser.WithBlockParsers(util.Prioritized(footBlock, 999)),
			parser.WithInlineParsers(util.Prioritized(footRef, 101)),
			parser.WithASTTransformers(util.Prioritized(footEnd, 999)),
		),
	)
}

// Priorities of goldmark's default block parsers (parser.DefaultBlockParsers
// documents them) that open containers.
const (
	priorityListItem   = 400
	priorityCodeBlock  = 500
	priorityParagraph  = 1000
	priorityBlockquote = 800
)

// guardedBlockParsers returns goldmark's default block parsers, those that
// open containers wrapped by the guard.
func guardedBlockParsers() []util.PrioritizedValue {
	out := parser.DefaultBlockParsers()
	for i, v := range out {
		if v.Priority == priorityListItem || v.Priority == priorityBlockquote {
			out[i].Value = containerGuard{v.Value.(parser.BlockParser)}
		}
	}
	return out
}

// parse parses src from offset from (the start of a line: the body, past
// any front matter) with goldmark under lim, reporting lines with lineOf;
// mdx parses it as MDX does its Markdown (without indented code).
func parse(src []byte, from int, lim Limits, lineOf func(int) int, mdx bool) (root ast.Node, usage Usage, err error) {
	g := newGuard(len(src), lim, lineOf)
	md, mdxMD := guarded()
	if mdx {
		md = mdxMD
	}
	reader := text.NewReader(src)
	for _, seg := reader.Position(); seg.Start < from && seg.Start < len(src); _, seg = reader.Position() {
		reader.AdvanceLine() // past the front matter
	}
	root, err = parseWith(md, reader, g, parser.NewContext())
	return root, g.usage, err
}

// newGuard returns the guard of a parse of a file of size bytes.
func newGuard(size int, lim Limits, lineOf func(int) int) *guard {
	g := &guard{lim: lim, lineOf: lineOf, budget: math.MaxInt}
	if n := max(size, 1); lim.ParseCost <= (math.MaxInt-costFloor)/n {
		g.budget = costFloor + lim.ParseCost*n
	}
	return g
}

// containerGuard wraps the parser of a container block (list item, block
// quote, footnote definition): it bounds how deep they nest, and charges
// each footnote definition the walk over those before it that goldmark
// makes to sort them.
type containerGuard struct{ parser.BlockParser }

// SetOption implements parser.SetOptioner.
func (c containerGuard) SetOption(name parser.OptionName, value any) {
	if so, ok := c.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// Open opens the block as the wrapped parser does, then checks its depth.
func (c containerGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.Position()
	node, state := c.BlockParser.Open(parent, reader, pc)
	g := guardOf(pc)
	if node == nil || g == nil {
		return node, state
	}
	depth := 1
	for p := parent; p != nil && depth <= g.lim.Nesting; p = p.Parent() {
		if isContainer(p) {
			depth++
		}
	}
	if depth > g.lim.Nesting {
		g.fail("max-nesting", g.lim.Nesting, seg.Start,
			fmt.Sprintf("block quotes, list items and footnotes nested deeper than %d levels", g.lim.Nesting))
	}
	g.usage.Nesting = max(g.usage.Nesting, depth)
	if _, ok := node.(*east.Footnote); ok {
		g.usage.Footnotes++
		// goldmark sorts the definitions by walking those before each.
		g.charge(kindFootnote, weightFootnote*g.usage.Footnotes, seg.Start)
	}
	return node, state
}

func isContainer(n ast.Node) bool {
	switch n.(type) {
	case *ast.ListItem, *ast.Blockquote, *east.Footnote:
		return true
	}
	return false
}

// paragraphGuard measures a paragraph before goldmark's transformers take
// link reference definitions and a table out of it.
type paragraphGuard struct{}

// Transform implements parser.ParagraphTransformer; it leaves the
// paragraph as it is.
func (paragraphGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	g := guardOf(pc)
	if g == nil {
		return
	}
	lines, src := node.Lines(), reader.Source()
	g.definitions(lines, src)
	g.table(lines, src)
}

// definitions charges the link reference definitions a paragraph may start
// with: goldmark copies the paragraph's remaining lines, and rereads them,
// for each. Definitions take whole lines and come first; each has "]:" on
// one of its lines, so the lines with "]:" bound their number.
func (g *guard) definitions(lines *text.Segments, src []byte) {
	if lines.Len() == 0 {
		return
	}
	first := lines.At(0)
	if !startsWithBracket(src[first.Start:first.Stop]) {
		return
	}
	n := 0
	for i := range lines.Len() {
		seg := lines.At(i)
		if bytes.Contains(src[seg.Start:seg.Stop], labelEnd) {
			n++
		}
	}
	if n > 0 {
		g.charge(kindDefinition, weightDefinition*n*lines.Len(), first.Start)
	}
}

var labelEnd = []byte("]:")

// startsWithBracket reports whether line starts with '[' after at most
// three spaces, as a link reference definition does.
func startsWithBracket(line []byte) bool {
	for i := 0; i < len(line) && i < 4; i++ {
		switch line[i] {
		case '[':
			return true
		case ' ':
		default:
			return false
		}
	}
	return false
}

// table adds the cells of the table a paragraph may turn into: goldmark's
// table is the paragraph's lines from the one above a delimiter row
// ("|---|:-:|") down to its last, each row padded or cut to the delimiter
// row's width. Every line that may be a delimiter row is tried (goldmark
// takes the first it accepts) and the largest table counted.
func (g *guard) table(lines *text.Segments, src []byte) {
	cells, at := 0, 0
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		if w := delimiterWidth(src[seg.Start:seg.Stop]); w > 0 && w*(lines.Len()-i) > cells {
			cells, at = w*(lines.Len()-i), seg.Start
		}
	}
	if cells == 0 {
		return
	}
	g.usage.TableCells += cells
	if g.usage.TableCells > g.lim.TableCells {
		g.fail("max-table-cells", g.lim.TableCells, at,
			fmt.Sprintf("tables of more than %d cells in all (columns x rows)", g.lim.TableCells))
	}
}

// delimiterWidth returns the number of columns of line if it may be a
// table's delimiter row (only '-', ':', '|' and spaces, not only '-'), or 0.
// goldmark splits the row at '|' and wants a '-' in every column but blank
// ones at the ends: the columns with a '-' are as many as it finds, or more.
func delimiterWidth(line []byte) int {
	w, dash := 0, false
	for _, c := range line {
		switch c {
		case '|':
			dash = false
		case '-':
			if !dash {
				w++
			}
			dash = true
		case ':', ' ', '\t', '\n', '\r', '\v', '\f':
		default:
			return 0
		}
	}
	return w
}

// role is the markup an inline parser parses, for the guard's charges.
type role int

const (
	roleCode role = iota
	roleLink
	roleHTML
	roleDelimiter
	roleFootnote
)

// Priorities of goldmark's default inline parsers
// (parser.DefaultInlineParsers documents them).
var inlineRoles = map[int]role{100: roleCode, 200: roleLink, 300: roleHTML, 400: roleHTML, 500: roleDelimiter}

// guardedInlineParsers returns goldmark's default inline parsers wrapped by
// the guard.
func guardedInlineParsers() []util.PrioritizedValue {
	out := parser.DefaultInlineParsers()
	for i, v := range out {
		out[i].Value = guardInline(v.Value.(parser.InlineParser), inlineRoles[v.Priority])
	}
	return out
}

// guardInline wraps an inline parser of the given role.
func guardInline(ip parser.InlineParser, r role) parser.InlineParser {
	g := inlineGuard{ip, r}
	if _, ok := ip.(parser.CloseBlocker); ok {
		return closingInlineGuard{g}
	}
	return g
}

// inlineGuard wraps an inline parser: each call is charged what goldmark's
// loops may spend on the marker it parses.
type inlineGuard struct {
	parser.InlineParser
	role role
}

// closingInlineGuard is an inlineGuard of a parser that is told when a
// block ends (goldmark's link parser).
type closingInlineGuard struct{ inlineGuard }

// CloseBlock implements parser.CloseBlocker.
func (c closingInlineGuard) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	c.InlineParser.(parser.CloseBlocker).CloseBlock(parent, block, pc)
}

// Weights of the charges that cost goldmark more than a nanosecond a step
// (internal/bench's BenchmarkParseCost measures them all).
const (
	weightDelimiter  = 8 // a closer's walk back over the delimiters
	weightLabel      = 4 // a label's walk back over the block's lines
	weightFootnote   = 8 // a footnote's walk over the definitions
	weightDefinition = 8 // the lines copied and reread per definition
)

// Parse parses as the wrapped parser does, charging the marker what
// goldmark's loops may spend on it.
func (p inlineGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	g := guardOf(pc)
	line, seg := block.PeekLine()
	if g == nil || len(line) == 0 {
		return p.InlineParser.Parse(parent, block, pc)
	}
	g.enter(parent)
	lineIndex, _ := block.Position()
	// goldmark reads a label by walking the block's lines back from its
	// last to the label's.
	below := weightLabel * (g.lines - lineIndex)
	closing := p.role == roleLink && line[0] == ']'
	switch {
	case closing:
		// It also walks every label still open.
		g.charge(kindLink, 2*g.open+below, seg.Start)
		g.open = max(g.open-1, 0)
	case p.role == roleFootnote && isFootnoteReference(line):
		// A reference is looked up among the definitions one by one.
		if g.pieces {
			// All of them, once the last piece is parsed (settle).
			g.footnoteRefs++
			g.charge(kindFootnote, below, seg.Start)
		} else {
			g.charge(kindFootnote, below+weightFootnote*g.usage.Footnotes, seg.Start)
		}
	}
	node := p.InlineParser.Parse(parent, block, pc)
	switch p.role {
	case roleCode:
		if _, ok := node.(*ast.CodeSpan); !ok {
			// An opener without a closer scanned the block to its end.
			g.charge(kindCode, g.restFrom(lineIndex, seg), seg.Start)
		}
	case roleHTML:
		if node == nil {
			g.charge(kindHTML, g.restFrom(lineIndex, seg), seg.Start)
		}
	case roleLink:
		switch {
		case closing && node == nil && len(line) > 1 && (line[1] == '(' || line[1] == '['):
			// A destination, title or reference label that did not close.
			g.charge(kindLink, g.restFrom(lineIndex, seg), seg.Start)
		case !closing && node != nil:
			// An open label is held, with its text, until the block ends:
			// unclosed ones are charged as they pile up.
			g.charge(kindLink, g.open, seg.Start)
			g.open++
		}
	case roleDelimiter:
		if d, ok := node.(*parser.Delimiter); ok {
			g.delimiter(d, seg.Start)
		}
	}
	return node
}

// delimiter charges an emphasis or strikethrough delimiter. When the block
// ends, every closer walks back over the delimiters before it to find its
// opener; a closer that no opener may take is dropped, the others stay and
// lengthen the walks of the closers after them.
func (g *guard) delimiter(d *parser.Delimiter, off int) {
	// Every delimiter is held until the block ends: they are charged as
	// they pile up.
	g.charge(kindEmphasis, g.pushed, off)
	g.pushed++
	if d.CanClose {
		g.charge(kindEmphasis, weightDelimiter*g.delimiters, off)
	}
	switch {
	case d.CanOpen:
		g.openers[slot(d.Char)]++
		g.delimiters++
	case !d.CanClose || g.openers[slot(d.Char)] > 0:
		g.delimiters++
	}
}

// slot returns the index of a delimiter character in guard.openers.
func slot(c byte) int {
	switch c {
	case '*':
		return 0
	case '_':
		return 1
	}
	return 2
}

// isFootnoteReference reports whether line starts with "[^" or "![^".
func isFootnoteReference(line []byte) bool {
	if len(line) > 0 && line[0] == '!' {
		line = line[1:]
	}
	return len(line) > 1 && line[0] == '[' && line[1] == '^'
}

// enter starts charging the inline content of block, unless it is the
// block already being charged.
func (g *guard) enter(block ast.Node) {
	if block == g.block {
		return
	}
	g.block, g.open, g.delimiters, g.pushed, g.rest = block, 0, 0, 0, g.rest[:0]
	g.openers = [3]int{}
	g.lines = block.Lines().Len()
}

// restFrom returns the bytes from pos, in line lineIndex of the block, to
// the end of the block.
func (g *guard) restFrom(lineIndex int, pos text.Segment) int {
	lines := g.block.Lines()
	if len(g.rest) == 0 {
		g.rest = append(g.rest[:0], make([]int, lines.Len()+1)...)
		for i := lines.Len() - 1; i >= 0; i-- {
			seg := lines.At(i)
			g.rest[i] = g.rest[i+1] + seg.Len()
		}
	}
	if lineIndex < 0 || lineIndex >= lines.Len() {
		return 0
	}
	return g.rest[lineIndex+1] + max(pos.Stop-pos.Start, 0)
}
