package document

import (
	"bytes"
	"sort"
	"strings"
)

// MDX (https://mdxjs.com, versions 2 and 3) adds to Markdown:
//
//   - ESM: at the top level, a line starting with "import" or "export"
//     and white space starts JavaScript that runs to a blank line (one
//     where its brackets are balanced);
//   - expressions: "{" starts JavaScript to the matching "}", in text and
//     as a block; "{/* ... */}" is MDX's comment;
//   - JSX: "<Name ...>", "</Name>", "<Name />" and fragments "<>", "</>",
//     with "{...}" attribute values and spreads; between tags on lines of
//     their own, the content is Markdown again.
//
// It turns off indented code (see guardedMDX). scanMDX finds these
// constructs outside fenced code and code spans, with a JavaScript-aware
// reading of strings, template literals and comments, so that a "}" in a
// string does not end an expression. A construct left open (no closing
// brace or ">" before a blank line) is text, as a reader expects of a
// typo.

// mdxScan is what scanMDX found.
type mdxScan struct {
	masks    []Mask
	rewrites []rewrite
	comments []*Comment
}

type mdxScanner struct {
	src []byte
	// from is where the body starts, past any front matter.
	from int
	out  mdxScan
	tags []mdxTag
	// exprs are the expressions outside tags.
	exprs []Mask
	// braceFail, tagFail and codeFail bound the searches (see brace).
	braceFail, tagFail int
	codeFail           map[int]int
}

// mdxTag is a JSX tag with the expressions of its attributes.
type mdxTag struct {
	pos, end int
	// html reports a name inline HTML accepts ("div", "Callout"; not
	// "Foo.Bar", "svg:rect" or a fragment).
	html  bool
	attrs []rewrite
	// name is the tag's name in lower case.
	name string
}

// scanMDX finds the MDX constructs of src.
func scanMDX(src []byte, from int) mdxScan {
	s := &mdxScanner{src: src, from: from}
	s.scan()
	s.classify()
	sort.Slice(s.out.masks, func(i, j int) bool { return s.out.masks[i].Pos < s.out.masks[j].Pos })
	return s.out
}

func (s *mdxScanner) scan() {
	src := s.src
	fence := ""
	prevBlank := true
	for pos := s.from; pos < len(src); {
		end := lineEndAt(src, pos)
		line := src[pos:end]
		trimmed := bytes.TrimLeft(line, " \t>")
		switch {
		case fence != "":
			if closesFence(trimmed, fence) {
				fence = ""
			}
			pos = nextLine(src, end)
			continue
		case isFence(trimmed):
			fence = fenceOf(trimmed)
			pos, prevBlank = nextLine(src, end), false
			continue
		case len(bytes.TrimSpace(line)) == 0:
			pos, prevBlank = nextLine(src, end), true
			continue
		case prevBlank && isESMStart(line):
			stop := esmEnd(src, pos)
			s.out.masks = append(s.out.masks, Mask{Kind: MaskESM, Pos: pos, End: stop})
			s.out.rewrites = append(s.out.rewrites, rewrite{pos: pos, end: stop})
			pos = nextLine(src, lineEndAt(src, max(stop-1, pos)))
			prevBlank = false
			continue
		}
		prevBlank = false
		pos = s.inline(pos, end)
	}
}

// inline scans the text from pos on the line ending at end; constructs
// may run over more lines. It returns the start of the line after the
// last one it read.
func (s *mdxScanner) inline(pos, end int) int {
	src := s.src
	for pos < end {
		switch src[pos] {
		case '\\':
			pos += 2
		case '`':
			pos = s.codeSpan(pos)
		case '{':
			stop := s.brace(pos)
			if stop < 0 {
				pos++
				continue
			}
			s.expression(pos, stop)
			pos = stop
		case '<':
			t, ok := s.tag(pos)
			if !ok {
				pos++
				continue
			}
			s.tags = append(s.tags, t)
			pos = t.end
		default:
			pos++
		}
		if pos > end {
			end = lineEndAt(src, pos-1)
		}
	}
	return nextLine(src, end)
}

// The scanner remembers how far a failed search looked, so that a
// paragraph of unclosed braces, backticks or tags costs linear time: a
// brace before braceFail has no match (the search from an earlier one
// found none up to the blank line); a tag before tagFail is none; a run
// of n backticks before codeFail[n] closes no code span.

// brace returns braceEnd(src, open), or -1 without looking when an
// earlier search showed there is none.
func (s *mdxScanner) brace(open int) int {
	if open < s.braceFail {
		return -1
	}
	stop := braceEnd(s.src, open)
	if stop < 0 {
		s.braceFail = paragraphEnd(s.src, open)
	}
	return stop
}

// codeSpan returns codeSpanEnd(src, p), remembering the runs that close
// nothing.
func (s *mdxScanner) codeSpan(p int) int {
	n := 0
	for p+n < len(s.src) && s.src[p+n] == '`' {
		n++
	}
	if p < s.codeFail[n] {
		return p + n
	}
	stop := codeSpanEnd(s.src, p)
	if stop == p+n {
		if s.codeFail == nil {
			s.codeFail = map[int]int{}
		}
		s.codeFail[n] = paragraphEnd(s.src, p)
	}
	return stop
}

// expression records the expression src[pos:stop], and its comment when
// it is one.
func (s *mdxScanner) expression(pos, stop int) {
	s.exprs = append(s.exprs, Mask{Kind: MaskExpression, Pos: pos, End: stop})
	inner := strings.TrimSpace(string(s.src[pos+1 : stop-1]))
	if strings.HasPrefix(inner, "/*") && strings.HasSuffix(inner, "*/") && len(inner) >= 4 {
		s.out.comments = append(s.out.comments, &Comment{Pos: pos, End: stop,
			Text: strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(inner, "/*"), "*/"))})
	}
}

// tag reads the JSX tag starting with the '<' at pos.
func (s *mdxScanner) tag(pos int) (mdxTag, bool) {
	if pos < s.tagFail {
		return mdxTag{}, false
	}
	t, failAt, ok := s.readTag(pos)
	if !ok {
		s.tagFail = max(s.tagFail, failAt)
	}
	return t, ok
}

// readTag reads a tag at pos, or returns how far it read.
func (s *mdxScanner) readTag(pos int) (mdxTag, int, bool) {
	src := s.src
	p := pos + 1
	if p < len(src) && src[p] == '/' {
		p++
	}
	if p >= len(src) || !isJSXNameStart(src[p]) && src[p] != '>' {
		return mdxTag{}, p, false
	}
	t := mdxTag{pos: pos, html: src[p] != '>'}
	ns := p
	for p < len(src) && isJSXName(src[p]) {
		if src[p] == '.' || src[p] == ':' || src[p] == '$' || src[p] == '_' {
			t.html = false
		}
		p++
	}
	t.name = strings.ToLower(string(src[ns:p]))
	for {
		q, ok := skipTagSpace(src, p)
		if !ok {
			return mdxTag{}, q, false
		}
		p = q
		switch {
		case p >= len(src):
			return mdxTag{}, p, false
		case src[p] == '>':
			t.end = p + 1
			return t, 0, true
		case src[p] == '/':
			if q, ok := skipTagSpace(src, p+1); ok && q < len(src) && src[q] == '>' {
				t.end = q + 1
				return t, 0, true
			}
			return mdxTag{}, p, false
		case src[p] == '{':
			stop := s.brace(p)
			if stop < 0 {
				return mdxTag{}, p, false
			}
			t.attrs = append(t.attrs, rewrite{pos: p, end: stop})
			p = stop
		case isJSXNameStart(src[p]):
			q, ok := s.attribute(&t, p)
			if !ok {
				return mdxTag{}, q, false
			}
			p = q
		default:
			return mdxTag{}, p, false
		}
	}
}

// attribute reads name, name="value", name='value' or name={expression}
// at p, and returns the offset after it (or, failing, how far it read).
func (s *mdxScanner) attribute(t *mdxTag, p int) (int, bool) {
	src := s.src
	for p < len(src) && isJSXName(src[p]) {
		p++
	}
	q, ok := skipTagSpace(src, p)
	if !ok || q >= len(src) || src[q] != '=' {
		return max(p, q), ok
	}
	q, ok = skipTagSpace(src, q+1)
	if !ok || q >= len(src) {
		return q, false
	}
	switch src[q] {
	case '"', '\'':
		i := bytes.IndexByte(src[q+1:], src[q])
		if i < 0 {
			return len(src), false
		}
		if blankLineIn(src[q+1 : q+1+i]) {
			return q + 1 + i, false
		}
		return q + 1 + i + 1, true
	case '{':
		stop := s.brace(q)
		if stop < 0 {
			return q, false
		}
		t.attrs = append(t.attrs, rewrite{pos: q, end: stop, quote: true})
		return stop, true
	}
	return q, false
}

// paragraphEnd returns the offset of the first blank line after p, or
// the end of the text.
func paragraphEnd(src []byte, p int) int {
	for q := p; q < len(src); {
		nl := lineEndAt(src, q)
		if nl >= len(src) || blankAfter(src, nl) {
			return nl
		}
		q = nl + 1
	}
	return len(src)
}

// classify decides, line by line, which tags stand as blocks: a line that
// holds only tags and expressions is blanked (its tags are MaskJSX), so
// that the Markdown between them reads as Markdown; a tag in text stays
// inline HTML, its attribute expressions rewritten to values inline HTML
// accepts (and a name it does not, blanked).
func (s *mdxScanner) classify() {
	src := s.src
	type item struct {
		pos, end int
		tag      int // index into tags, or -1 for an expression
	}
	items := make([]item, 0, len(s.tags)+len(s.exprs))
	ti, ei := 0, 0
	for ti < len(s.tags) || ei < len(s.exprs) {
		if ei >= len(s.exprs) || ti < len(s.tags) && s.tags[ti].pos < s.exprs[ei].Pos {
			items = append(items, item{s.tags[ti].pos, s.tags[ti].end, ti})
			ti++
		} else {
			items = append(items, item{s.exprs[ei].Pos, s.exprs[ei].End, -1})
			ei++
		}
	}
	// Group items that follow each other with only white space (or the
	// markers of a block quote at a line start) between them; a group
	// that fills its lines is block-level.
	for i := 0; i < len(items); {
		j := i + 1
		for j < len(items) && onlySpace(src[items[j-1].end:items[j].pos]) {
			j++
		}
		first, last := items[i], items[j-1]
		ls := lineStartAt(src, first.pos)
		atStart := onlyQuoteSpace(src[ls:first.pos])
		block := atStart && onlySpace(src[last.end:lineEndAt(src, last.end)])
		for k, it := range items[i:j] {
			// A tag that would open an HTML block ("<div>Text</div>")
			// before text on its line is blanked: MDX reads the text
			// as Markdown.
			lead := k == 0 && atStart && it.tag >= 0 && htmlBlockNames[s.tags[it.tag].name]
			s.place(it.pos, it.end, it.tag, block || lead)
		}
		i = j
	}
}

// htmlBlockNames are the names that open an HTML block at a line's start
// whatever follows (CommonMark's sixth kind).
var htmlBlockNames = map[string]bool{}

func init() {
	for _, n := range strings.Fields("address article aside base basefont blockquote body caption center col colgroup dd " +
		"details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head " +
		"header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search " +
		"section summary table tbody td tfoot th thead title tr track ul") {
		htmlBlockNames[n] = true
	}
}

// place records one tag (tag >= 0) or expression of a group.
func (s *mdxScanner) place(pos, end, tag int, block bool) {
	out := &s.out
	if tag < 0 {
		out.masks = append(out.masks, Mask{Kind: MaskExpression, Pos: pos, End: end})
		out.rewrites = append(out.rewrites, rewrite{pos: pos, end: end})
		return
	}
	t := s.tags[tag]
	if block || !t.html {
		out.masks = append(out.masks, Mask{Kind: MaskJSX, Pos: pos, End: end})
		out.rewrites = append(out.rewrites, rewrite{pos: pos, end: end})
		return
	}
	for _, a := range t.attrs {
		out.masks = append(out.masks, Mask{Kind: MaskExpression, Pos: a.pos, End: a.end})
		out.rewrites = append(out.rewrites, a)
	}
}

// isESMStart reports a line starting (in its first column) with "import"
// or "export" and white space.
func isESMStart(line []byte) bool {
	for _, kw := range []string{"import", "export"} {
		if bytes.HasPrefix(line, []byte(kw)) && len(line) > len(kw) && (line[len(kw)] == ' ' || line[len(kw)] == '\t') {
			return true
		}
	}
	// "import{a}" and "export{a}" are JavaScript too, but MDX asks for
	// white space: they are text.
	return false
}

// esmEnd returns the end of the ESM block starting at pos: the end of the
// last line before a blank line that comes with its brackets balanced,
// or of the text.
func esmEnd(src []byte, pos int) int {
	depth := 0
	for p := pos; p < len(src); {
		switch c := src[p]; c {
		case '(', '[', '{':
			depth++
			p++
		case ')', ']', '}':
			depth--
			p++
		case '\n':
			if depth <= 0 && blankAfter(src, p) {
				return trimLineBreak(src, pos, p)
			}
			p++
		default:
			p = skipJS(src, p)
		}
	}
	return len(src)
}

// braceEnd returns the offset after the '}' matching the '{' at open, or
// -1 when a blank line or the end of the text comes first.
func braceEnd(src []byte, open int) int {
	depth := 0
	for p := open; p < len(src); {
		switch src[p] {
		case '{':
			depth++
			p++
		case '}':
			depth--
			p++
			if depth == 0 {
				return p
			}
		case '\n':
			if blankAfter(src, p) {
				return -1
			}
			p++
		default:
			p = skipJS(src, p)
		}
	}
	return -1
}

// skipJS returns the offset after the JavaScript string, template
// literal or comment starting at p, or p+1. A string stops at its line's
// end; an unclosed template or block comment at the next blank line.
func skipJS(src []byte, p int) int {
	switch c := src[p]; {
	case c == '"' || c == '\'':
		for q := p + 1; q < len(src); q++ {
			switch src[q] {
			case '\\':
				q++
			case c:
				return q + 1
			case '\n':
				return q
			}
		}
		return len(src)
	case c == '`':
		for q := p + 1; q < len(src); q++ {
			switch {
			case src[q] == '\\':
				q++
			case src[q] == '`':
				return q + 1
			case src[q] == '$' && q+1 < len(src) && src[q+1] == '{':
				stop := braceEnd(src, q+1)
				if stop < 0 {
					return q + 1
				}
				q = stop - 1
			case src[q] == '\n' && blankAfter(src, q):
				return q
			}
		}
		return len(src)
	case c == '/' && p+1 < len(src) && src[p+1] == '/':
		return lineEndAt(src, p)
	case c == '/' && p+1 < len(src) && src[p+1] == '*':
		i := bytes.Index(src[p+2:], []byte("*/"))
		if i < 0 {
			return len(src)
		}
		return p + 2 + i + 2
	}
	return p + 1
}

// codeSpanEnd returns the offset after the code span opened by the run of
// backticks at p, or after the run when no run of its length closes it
// before a blank line.
func codeSpanEnd(src []byte, p int) int {
	n := 0
	for p+n < len(src) && src[p+n] == '`' {
		n++
	}
	for q := p + n; q < len(src); {
		switch {
		case src[q] == '`':
			m := 0
			for q+m < len(src) && src[q+m] == '`' {
				m++
			}
			if m == n {
				return q + m
			}
			q += m
		case src[q] == '\n' && blankAfter(src, q):
			return p + n
		default:
			q++
		}
	}
	return p + n
}

// skipTagSpace skips white space inside a tag; ok is false at a blank
// line. (JSX allows comments there too; reading "//" as one would take
// the autolink "<https://...>" for a tag.)
func skipTagSpace(src []byte, p int) (int, bool) {
	for p < len(src) {
		switch src[p] {
		case '\n':
			if blankAfter(src, p) {
				return p, false
			}
			p++
		case ' ', '\t', '\r':
			p++
		default:
			return p, true
		}
	}
	return p, true
}

func isJSXNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

func isJSXName(c byte) bool {
	return isJSXNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.' || c == ':'
}

// blankAfter reports whether the line after the line break at nl is blank
// (or the text ends).
func blankAfter(src []byte, nl int) bool {
	end := lineEndAt(src, nl+1)
	return len(bytes.TrimSpace(src[nl+1:end])) == 0
}

func blankLineIn(b []byte) bool {
	for i, c := range b {
		if c == '\n' && blankAfter(b, i) && i+1 < len(b) {
			return true
		}
	}
	return false
}

// lineEndAt returns the offset of the line break ending the line holding
// p (len(src) on the last line).
func lineEndAt(src []byte, p int) int {
	if p >= len(src) {
		return len(src)
	}
	if i := bytes.IndexByte(src[p:], '\n'); i >= 0 {
		return p + i
	}
	return len(src)
}

func lineStartAt(src []byte, p int) int {
	return bytes.LastIndexByte(src[:min(p, len(src))], '\n') + 1
}

func nextLine(src []byte, end int) int {
	return min(end+1, len(src))
}

// trimLineBreak returns nl without the "\r" before it (not before pos).
func trimLineBreak(src []byte, pos, nl int) int {
	if nl > pos && src[nl-1] == '\r' {
		return nl - 1
	}
	return nl
}

func onlySpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

func onlyQuoteSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '>' {
			return false
		}
	}
	return true
}

// isFence reports a line (without its indentation) that opens a fence.
func isFence(t []byte) bool {
	return bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))
}

// fenceOf returns the run of fence characters opening a fence.
func fenceOf(t []byte) string {
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	return string(t[:n])
}

// closesFence reports whether a line (without its indentation) closes the
// fence opened by the run fence.
func closesFence(t []byte, fence string) bool {
	return bytes.HasPrefix(t, []byte(fence)) && len(bytes.TrimSpace(bytes.TrimLeft(t, fence[:1]))) == 0
}
