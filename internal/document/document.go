// Package document parses a Markdown article once and gives rules a model
// of it: the source bytes, a line/column index, front matter with line
// numbers, and the headings, lists, prose blocks, sentences, links,
// comments and inline directives found in it. Every position is a byte
// offset into Source; Position turns one into a 1-based line and a 1-based
// column counted in runes.
package document

import (
	"bytes"
	"errors"
	"math"
	"sort"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/medlint/medlint/internal/keywords"
	"github.com/medlint/medlint/internal/memo"
	"github.com/medlint/medlint/internal/textmemo"
)

// Document is one parsed Markdown file. It is immutable after Parse and may
// be read from several goroutines.
type Document struct {
	// Path is the file's display path (forward slashes).
	Path string
	// Source is the file's content without a leading UTF-8 byte order mark.
	Source []byte
	// HasBOM reports whether the file started with a UTF-8 byte order mark
	// (removed from Source; a fixer must restore it).
	HasBOM bool
	// CRLF reports whether the first line break of the file is "\r\n".
	CRLF bool
	// Encoding is "UTF-8", or "UTF-16LE"/"UTF-16BE" for a file that was
	// decoded from UTF-16 (Source then holds the UTF-8 text, and offsets
	// do not match the file's bytes: such a file must not be fixed).
	Encoding string
	// InvalidUTF8 is the offset of the first invalid UTF-8 sequence, or -1.
	InvalidUTF8 int

	// FrontMatter is the YAML or TOML front matter, or nil.
	FrontMatter *FrontMatter
	// Root is the goldmark AST of the body (front matter blanked). In a
	// file parsed in pieces (over 1 MB) most blocks have no inline nodes:
	// Full gives a block back with them.
	Root ast.Node
	// Headings lists ATX and setext headings in source order.
	Headings []*Heading
	// Lists lists every list (nested ones included) in source order.
	Lists []*List
	// Blocks lists the prose blocks (paragraphs, headings, table cells) in
	// source order.
	Blocks []*Block
	// Comments lists the HTML comments found in HTML blocks and inline HTML
	// (never those inside code).
	Comments []*Comment
	// Directives lists the medlint inline directives, in source order.
	Directives []*Directive
	// LineKinds classifies every line (index 0 is line 1).
	LineKinds []LineKind
	// Footnotes maps footnote labels to the offset of their definition.
	Footnotes map[string]int
	// Usage is how much of each of the parse's Limits the file uses.
	Usage Usage
	// MDX reports a file read as MDX (IsMDX of its path): its ESM,
	// expressions and JSX tags are masked.
	MDX bool
	// Liquid reports a Liquid page (see scanLiquid): its Liquid tags and
	// output tags are masked.
	Liquid bool
	// Masks lists the MDX or Liquid markup of the body, in source order:
	// no rule sees it as text.
	Masks []Mask
	// LiquidBlocks lists the Liquid blocks (for, if, ...) of a Liquid page,
	// in the order they close.
	LiquidBlocks []LiquidBlock
	// Texts, when set (an editor's buffer), remembers the pure functions
	// of texts that earlier lints of the same buffer computed: rules read
	// their per-sentence and per-block results through it (textmemo.Get),
	// so that a re-lint recomputes only what an edit changed. It is nil
	// for `medlint check`, which sees each text once.
	Texts *textmemo.Store

	lineStarts []int
	parseSrc   []byte
	// pieces is set for a file parsed in pieces (see Full).
	pieces *pieceInfo
	// maskedLines marks the lines that only masks fill; jsxComments are
	// the MDX comments, added to Comments once lines are known.
	maskedLines []bool
	jsxComments []*Comment

	// lowerOnce guards lower, LowerText's text of each block (by index).
	lowerOnce sync.Once
	lower     []string
	// keywordsOnce guards keywords, the keyword pass of each block (by
	// index: Keywords).
	keywordsOnce sync.Once
	keywords     []keywords.Found

	memo memo.Map[any, any]
}

// Memo returns what compute returns for key, computing it once per
// document: rules that derive the same data (the review byline, read by
// three rules) share one computation. key must be comparable, and the
// value must not be modified by those who share it.
func (d *Document) Memo(key any, compute func() any) any {
	return d.memo.Get(key, compute)
}

// LineKind says which kind of block owns a line.
type LineKind uint8

// Line kinds. LineProse covers paragraphs, headings and list items; every
// other kind is outside prose.
const (
	LineBlank LineKind = iota
	LineProse
	LineCode
	LineHTML
	LineFrontMatter
	LineTable
	LineThematicBreak
	LineLinkDefinition
	// LineTemplate is a line that only MDX ESM or expressions, or Liquid
	// tags, fill (see Mask): markup for the site's build.
	LineTemplate
)

// Position is a 1-based line and a 1-based column counted in runes.
type Position struct {
	Line, Column int
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// ErrTooLarge is returned by Parse for a file of 2 GiB or more: the model
// keeps offsets within a block in 32 bits.
var ErrTooLarge = errors.New("file of 2 GiB or more: too large to lint; lower max-file-size or add it to ignore in .medlint.yml")

// ErrBinary is returned by Parse for content that is not text.
var ErrBinary = errors.New("not a text file (it contains NUL bytes): skipped; remove it or add it to ignore in .medlint.yml")

// Parse builds the document model of src, displayed as path, under the
// DefaultLimits.
func Parse(path string, src []byte) (*Document, error) {
	return ParseLimited(path, src, DefaultLimits)
}

// ParseLimited builds the document model of src, displayed as path. A
// file over one of lim (zero fields take their defaults) is not parsed
// further: the error is a *LimitError.
func ParseLimited(path string, src []byte, lim Limits) (*Document, error) {
	return parseLimited(path, src, lim, pieceSize)
}

// parseLimited is ParseLimited with a body over size bytes parsed in
// pieces of about that size.
func parseLimited(path string, src []byte, lim Limits, size int) (*Document, error) {
	d := &Document{Path: path, Encoding: "UTF-8", InvalidUTF8: -1}
	if enc, text, ok := decodeUTF16(src); ok {
		d.Encoding, src = enc, text
	}
	if bytes.HasPrefix(src, bom) {
		d.HasBOM = true
		src = src[len(bom):]
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, ErrBinary
	}
	if len(src) > math.MaxInt32 {
		return nil, ErrTooLarge
	}
	if !utf8.Valid(src) {
		d.InvalidUTF8 = firstInvalid(src)
	}
	d.Source = src
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		d.CRLF = true
	}
	// goldmark and the line index see lone CRs (old Mac line endings) as
	// line feeds: one byte for one, so every offset still matches Source.
	d.parseSrc = normalizeCR(src)
	d.indexLines()
	d.LineKinds = make([]LineKind, len(d.lineStarts))

	// body is where the Markdown starts: goldmark parses from there, past
	// any front matter, so that every offset of the body matches Source
	// without a copy of the file with the front matter blanked out.
	body := 0
	if fm := splitFrontMatter(d.parseSrc); fm != nil && fm.Unclosed {
		d.FrontMatter = fm
	} else if fm != nil {
		d.FrontMatter = fm
		fm.parse(d)
		body = fm.End
		for l := d.Line(fm.Start); l <= d.Line(max(fm.End-1, fm.Start)); l++ {
			d.LineKinds[l-1] = LineFrontMatter
		}
	}
	d.MDX = IsMDX(path)
	d.mask(body)
	if d.CRLF {
		d.parseSrc = patchEmptyItemsCRLF(d.parseSrc, body)
	}
	if err := d.parseBody(body, lim.WithDefaults(), size); err != nil {
		return nil, err
	}
	d.markMasked()
	d.parseDirectives()
	return d, nil
}

// parseBody parses the body, from offset body, and builds the model: a
// large body in pieces (pieces.go), others whole.
func (d *Document) parseBody(body int, lim Limits, size int) error {
	if len(d.parseSrc)-body > size && d.parsePieces(body, lim, size) == nil {
		return nil
	}
	root, usage, err := parse(d.parseSrc, body, lim, d.Line, d.MDX)
	if err != nil {
		return err
	}
	d.Root, d.Usage = root, usage
	b := builder{doc: d}
	b.build()
	return nil
}

func (d *Document) indexLines() {
	n := bytes.Count(d.parseSrc, []byte{'\n'})
	d.lineStarts = make([]int, 1, n+1)
	for i, c := range d.parseSrc {
		if c == '\n' {
			d.lineStarts = append(d.lineStarts, i+1)
		}
	}
}

// LineCount returns the number of lines (a final line break does not start
// an extra counted line unless text follows it).
func (d *Document) LineCount() int {
	n := len(d.lineStarts)
	if n > 1 && d.lineStarts[n-1] == len(d.Source) {
		return n - 1
	}
	return n
}

// Line returns the 1-based line holding byte offset off.
func (d *Document) Line(off int) int {
	off = min(max(off, 0), len(d.Source))
	return sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off })
}

// LineStart returns the offset of the first byte of 1-based line l.
func (d *Document) LineStart(l int) int {
	if l < 1 {
		return 0
	}
	if l > len(d.lineStarts) {
		return len(d.Source)
	}
	return d.lineStarts[l-1]
}

// LineEnd returns the offset just past the content of line l, before its
// "\n" or "\r\n".
func (d *Document) LineEnd(l int) int {
	if l < 1 {
		return 0
	}
	if l >= len(d.lineStarts) {
		return len(d.Source)
	}
	end := d.lineStarts[l] - 1
	if end > d.lineStarts[l-1] && d.parseSrc[end-1] == '\r' {
		end--
	}
	return end
}

// LineText returns the content of line l without its line break.
func (d *Document) LineText(l int) []byte {
	return d.Source[d.LineStart(l):d.LineEnd(l)]
}

// Position converts a byte offset into a line and a rune column. An offset
// inside a multi-byte character counts as that character.
func (d *Document) Position(off int) Position {
	off = min(max(off, 0), len(d.Source))
	l := d.Line(off)
	start := d.lineStarts[l-1]
	return Position{Line: l, Column: utf8.RuneCount(d.Source[start:off]) + 1}
}

// Offset converts a 1-based line and rune column back into a byte offset,
// clamped to the line.
func (d *Document) Offset(p Position) int {
	start, end := d.LineStart(p.Line), d.LineEnd(p.Line)
	off := start
	for col := 1; col < p.Column && off < end; col++ {
		_, size := utf8.DecodeRune(d.Source[off:end])
		off += size
	}
	return off
}

// InProse reports whether line l belongs to a paragraph, heading or list.
func (d *Document) InProse(l int) bool {
	return l >= 1 && l <= len(d.LineKinds) && d.LineKinds[l-1] == LineProse
}

// normalizeCR returns src with every CR that is not followed by LF turned
// into LF, or src itself when there is none.
func normalizeCR(src []byte) []byte {
	var out []byte
	for i, c := range src {
		if c != '\r' || (i+1 < len(src) && src[i+1] == '\n') {
			continue
		}
		if out == nil {
			out = make([]byte, len(src))
			copy(out, src)
		}
		out[i] = '\n'
	}
	if out == nil {
		return src
	}
	return out
}

// firstInvalid returns the offset of the first invalid UTF-8 sequence.
func firstInvalid(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// decodeUTF16 decodes text that starts with a UTF-16 byte order mark.
func decodeUTF16(src []byte) (string, []byte, bool) {
	if len(src) < 2 {
		return "", nil, false
	}
	var order func(b []byte) uint16
	var enc string
	switch {
	case src[0] == 0xFF && src[1] == 0xFE:
		enc, order = "UTF-16LE", func(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
	case src[0] == 0xFE && src[1] == 0xFF:
		enc, order = "UTF-16BE", func(b []byte) uint16 { return uint16(b[1]) | uint16(b[0])<<8 }
	default:
		return "", nil, false
	}
	units := make([]uint16, 0, len(src)/2)
	for i := 2; i+1 < len(src); i += 2 {
		units = append(units, order(src[i:i+2]))
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return enc, out, true
}
