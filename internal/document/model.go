package document

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/medlint/medlint/internal/keywords"
	"github.com/medlint/medlint/internal/textmemo"
)

// Heading is an ATX ("## Title") or setext (underlined) heading.
type Heading struct {
	// Level is 1 to 6.
	Level int
	// Text is the plain text: inline markup, code spans' backticks and
	// inline HTML removed, whitespace trimmed.
	Text string
	// Pos is the offset of the heading's first byte ("#" or the text of a
	// setext heading); End is the end of its last line.
	Pos, End int
	// Line is the 1-based line of Pos.
	Line int
	// Setext reports an underlined heading.
	Setext bool
	// Parent is the nearest earlier heading of a lower level, or nil.
	Parent *Heading
	// Index is the heading's position in Document.Headings.
	Index int
	// Node is the goldmark node.
	Node *ast.Heading
	// Block is the heading's prose block.
	Block *Block
}

// List is an ordered or unordered list.
type List struct {
	// Ordered reports "1." / "1)" lists.
	Ordered bool
	// Marker is '-', '*', '+' for unordered lists and '.' or ')' for
	// ordered ones.
	Marker byte
	// Start is the number of the first item of an ordered list.
	Start int
	// Tight reports a list without blank lines between items.
	Tight bool
	// Items lists the items in order.
	Items []*ListItem
	// Parent is the item this list is nested in, or nil for a top-level
	// list (one directly in the document, a block quote or a footnote).
	Parent *ListItem
	// Depth is 0 for a top-level list, 1 for a list nested in it, ...
	Depth int
	// Quoted reports a list inside a block quote.
	Quoted bool
	// Pos is the offset of the first item's marker; End the end of the
	// last item's last line.
	Pos, End int
	// Line and EndLine are the first and last lines.
	Line, EndLine int
	// Node is the goldmark node.
	Node *ast.List
}

// ListItem is one item of a List.
type ListItem struct {
	// List is the list holding the item.
	List *List
	// Marker is the marker as written: "-", "*", "+", "1." or "7)".
	Marker string
	// Number is the written number of an ordered item (0 otherwise).
	Number int
	// Pos is the offset of the marker; End the end of the item's last line.
	Pos, End int
	// Line and EndLine are the item's first and last lines.
	Line, EndLine int
	// Indent is the marker's column in spaces from the start of its
	// container (the line, or the text after the block-quote markers),
	// tabs expanded to multiples of four.
	Indent int
	// SpacesAfter counts the spaces between the marker and the content
	// (a tab counts as one); 0 for an empty item. Five columns or more
	// count as 1: the content is then an indented code block that starts
	// one space after the marker (CommonMark).
	SpacesAfter int
	// ContentPos is the offset of the first content byte after the marker
	// and its spaces.
	ContentPos int
	// Empty reports an item with no content on its marker line.
	Empty bool
	// Node is the goldmark node.
	Node *ast.ListItem
}

// BlockKind says what a prose block is.
type BlockKind uint8

// Block kinds.
const (
	BlockParagraph BlockKind = iota
	BlockHeading
	BlockTableCell
)

// Block is a run of prose: a paragraph (also the text of a tight list
// item), a heading or a table cell. Text is its plain text: inline markup
// removed, code spans replaced by one space (kept in headings), inline HTML
// dropped, line breaks turned into spaces. SourceOffset maps any Text offset back into
// Source.
type Block struct {
	Kind BlockKind
	// Quoted reports a block inside a block quote.
	Quoted bool
	// sentencesOnce guards sentences, filled by Document.Sentences.
	sentencesOnce sync.Once
	// Pos and End delimit the block in Source.
	Pos, End int
	// Line and EndLine are its first and last lines.
	Line, EndLine int
	// Text is the plain text.
	Text string
	// Item is the innermost list item holding the block, or nil.
	Item *ListItem
	// Section is the heading the block falls under (for a heading block,
	// the heading itself), or nil before the first heading.
	Section *Heading
	// Node is the goldmark node.
	Node ast.Node
	// extra holds what most blocks lack (nil when all of it is empty).
	extra     *blockExtra
	spans     []textSpan
	sentences []Sentence
	// index is the block's place in Document.Blocks, where the document
	// keeps what it derives for every block (Keywords, LowerText).
	index int32
}

// blockExtra is the part of a Block most blocks leave empty, kept apart
// so that a large file's hundreds of thousands of blocks stay small.
type blockExtra struct {
	links        []*Link
	footnoteRefs []*FootnoteRef
	inlineHTML   []Span
	header       *Block
}

// Links lists the links, images and autolinks, in order.
func (b *Block) Links() []*Link {
	if b.extra == nil {
		return nil
	}
	return b.extra.links
}

// FootnoteRefs lists footnote references ("[^1]") that have a definition.
func (b *Block) FootnoteRefs() []*FootnoteRef {
	if b.extra == nil {
		return nil
	}
	return b.extra.footnoteRefs
}

// InlineHTML lists inline HTML fragments (such as "<sup>3</sup>").
func (b *Block) InlineHTML() []Span {
	if b.extra == nil {
		return nil
	}
	return b.extra.inlineHTML
}

// Header is, for a table cell of the table's body, the header cell of
// its column (nil when that is empty, and for every other block).
func (b *Block) Header() *Block {
	if b.extra == nil {
		return nil
	}
	return b.extra.header
}

// ofDoc reports whether b is d's block at b.index, where d keeps what it
// derives for b (a Block made by hand is not).
func (d *Document) ofDoc(b *Block) bool {
	return int(b.index) < len(d.Blocks) && d.Blocks[b.index] == b
}

// Keywords returns the pass of the shared keyword Matchers over b's Text
// (keywords.ScanShared), made once: every rule that prefilters the block
// by its words reads it (match.Set.ScanWith) instead of scanning the text
// again. The first call makes the passes of all of d's blocks, in one
// batch (keywords.ScanSharedAll: the shared Matchers looked up once, one
// allocation, the tables read from block to block rather than between
// the rules' other work); with d.Texts (an editor's buffer) a pass that
// d.Texts remembers for the same text is reused while it covers every
// shared Matcher.
func (d *Document) Keywords(b *Block) *keywords.Found {
	d.keywordsOnce.Do(d.scanKeywords)
	if !d.ofDoc(b) {
		f := keywords.ScanShared(b.Text)
		return &f
	}
	return &d.keywords[b.index]
}

// scanKeywords sets the keyword pass of every block of d.
func (d *Document) scanKeywords() {
	d.keywords = make([]keywords.Found, len(d.Blocks))
	if d.Texts != nil {
		for i, b := range d.Blocks {
			d.keywords[i] = textmemo.GetIf(d.Texts, keywordsKind, b.Text, keywords.Found.Current, keywords.ScanShared)
		}
		return
	}
	texts := make([]string, len(d.Blocks))
	for i, b := range d.Blocks {
		texts[i] = b.Text
	}
	keywords.ScanSharedAll(texts, d.keywords)
}

// keywordsKind is Keywords' entry in Document.Texts.
var keywordsKind = textmemo.NewKind("keywords.ScanShared")

// Span is a range of Source.
type Span struct {
	Pos, End int
	Text     string
}

// textSpan maps Text[textPos:textPos+n] to Source[srcPos:srcPos+n]; a
// synthetic span (a line break turned into a space, a code span), stored
// with n negative, maps every byte to srcPos. Sixteen bytes: a large
// file has millions (Parse refuses files of 2 GiB and more).
type textSpan struct {
	srcPos     int
	textPos, n int32
}

func (s textSpan) synthetic() bool { return s.n < 0 }

// size returns the span's length in Text.
func (s textSpan) size() int { return int(max(s.n, -s.n)) }

// SourceOffset maps an offset into b.Text to an offset into Source.
func (b *Block) SourceOffset(textOff int) int {
	if len(b.spans) == 0 {
		return b.Pos
	}
	i := sort.Search(len(b.spans), func(i int) bool { return int(b.spans[i].textPos) > textOff }) - 1
	if i < 0 {
		return b.spans[0].srcPos
	}
	s := b.spans[i]
	if s.synthetic() {
		return s.srcPos
	}
	return s.srcPos + min(textOff-int(s.textPos), int(s.n))
}

// Link is an inline, reference-style, or auto link, or an image.
type Link struct {
	// Destination is the URL as written (for autolinks, with its scheme).
	Destination string
	// Title is the optional link title.
	Title string
	// Text is the link text (the alt text of an image).
	Text string
	// Image reports an image.
	Image bool
	// Auto reports an autolink (<https://...> or a bare URL).
	Auto bool
	// Reference reports a reference-style link ([text][ref], [ref]).
	Reference bool
	// Pos and End delimit the link in Source.
	Pos, End int
	// TextPos and TextEnd delimit the link text within Block.Text.
	TextPos, TextEnd int
}

// FootnoteRef is a footnote reference with a definition.
type FootnoteRef struct {
	// Index is the footnote's number in order of first reference.
	Index int
	// Pos is the offset of "[^"; TextPos the matching offset in Block.Text.
	Pos, TextPos int
}

// Comment is an HTML comment ("<!-- ... -->").
type Comment struct {
	// Pos and End delimit the whole comment in Source.
	Pos, End int
	// Line is the line of Pos.
	Line int
	// Text is what is between "<!--" and "-->", trimmed.
	Text string
	// Inline reports a comment inside a paragraph or heading (as opposed to
	// an HTML block).
	Inline bool
}

// NormalizeHeading folds case, collapses whitespace and drops trailing
// sentence punctuation (.,:;!?…), so that "Causes", "causes:" and
// "CAUSES " compare equal. Other trailing symbols ("Unordered -", "C++")
// are part of the title and stay.
func NormalizeHeading(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(".,:;!?…", r) || unicode.IsSpace(r) })
	return strings.ToLower(s)
}
