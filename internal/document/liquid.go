package document

import (
	"bytes"
	"strings"

	"github.com/medlint/medlint/internal/lazyre"
)

// A Liquid page (Jekyll, and other Liquid sites) is one with a Liquid tag
// "{% name ... %}" outside code, or a "{% raw %}" anywhere, or an output
// tag with a filter ("{{ x | upcase }}") or reading one of the objects
// Jekyll gives every page ("{{ site.name }}", "{{ page.title }}"): then
// its output tags are the site's variables, filled when the site is
// built, not a writer's placeholders. On such a page:
//
//   - tags and output tags whose expression is Liquid are masked (see
//     Mask): no rule reads them as prose, and placeholder-text does not
//     flag them; an output tag that is no Liquid expression
//     ("{{ insert dose }}") or names a drafting word in capitals
//     ("{{TODO}}", "{{ XX }}") is left in the text, where placeholder-text
//     flags it;
//   - {% raw %}...{% endraw %}: the tags are masked, and so are the tags
//     inside (examples of Liquid, shown as they are);
//   - {% comment %}...{% endcomment %} is masked whole, and so is a
//     {% highlight %} block (code);
//   - the bodies of for, if, unless, case, capture and tablerow blocks are
//     recorded (LiquidBlocks): a fix must not put a blank line in them.
//
// A page without any of these (a Hugo page, or a page whose "{{ name }}"
// is a template left unfilled) is read as before; Hugo shortcodes
// "{{< >}}" and "{{% %}}" are never Liquid. Front matter is not scanned:
// Jekyll does not render Liquid there. A page whose front matter sets
// render_with_liquid: false is not a Liquid page.

var (
	// liquidTagName is the name a tag starts with.
	liquidTagName = lazyre.New(`^(?:#|[a-z_][a-z0-9_]*)`)
	// liquidExpression is an output tag's expression: a variable, string,
	// number or range, with filters.
	liquidExpression = lazyre.New(`^(?:[A-Za-z_][\w-]*\??(?:\.[A-Za-z_][\w-]*\??|\[[^\]\n]*\])*|"[^"\n]*"|'[^'\n]*'|-?\d+(?:\.\d+)?|\(\s*[\w.]+\s*\.\.\s*[\w.]+\s*\))(?:\s*\|\s*[A-Za-z_]\w*(?:\s*:\s*[^|]+)?)*$`)
	// liquidDraftRoot is an expression that is a drafting word in
	// capitals: a placeholder, whatever the template engine.
	liquidDraftRoot = lazyre.New(`^[A-Z][A-Z0-9_]+$`)
	// liquidRawInCode finds a raw tag in code: examples of Liquid on a
	// Liquid page.
	liquidRawInCode = lazyre.New(`\{%-?\s*raw\s*-?%\}`)
)

// liquidBlockTags are the tags that open a block with a body.
var liquidBlockTags = map[string]bool{"for": true, "if": true, "unless": true, "case": true, "capture": true, "tablerow": true}

// liquidScan is what scanLiquid found.
type liquidScan struct {
	// isTemplate reports a Liquid page.
	isTemplate bool
	masks      []Mask
	blocks     []LiquidBlock
}

type liquidScanner struct {
	src   []byte
	out   liquidScan
	raw   bool // inside {% raw %}
	stack []LiquidBlock
	// tagFail and outputFail: a "{%" or "{{" before them has no closer;
	// unclosed names the comment and highlight tags without an end tag.
	tagFail, outputFail int
	unclosed            map[string]bool
}

// liquidToken is one "{% ... %}" or "{{ ... }}".
type liquidToken struct {
	pos, end int
	output   bool
	// name is the tag's name; inner the expression or tag without the
	// delimiters and whitespace control.
	name, inner string
}

// scanLiquid finds the Liquid constructs of src.
func scanLiquid(src []byte, from int) liquidScan {
	if !bytes.Contains(src[from:], []byte("{%")) && !bytes.Contains(src[from:], []byte("{{")) {
		return liquidScan{}
	}
	s := &liquidScanner{src: src, unclosed: map[string]bool{}}
	fence := ""
	for pos := from; pos < len(src); {
		end := lineEndAt(src, pos)
		trimmed := bytes.TrimLeft(src[pos:end], " \t>")
		switch {
		case fence != "":
			if closesFence(trimmed, fence) {
				fence = ""
			}
			s.codeHasRaw(src[pos:end])
			pos = nextLine(src, end)
			continue
		case isFence(trimmed):
			fence = fenceOf(trimmed)
			pos = nextLine(src, end)
			continue
		}
		pos = s.inline(pos, end)
	}
	if !s.out.isTemplate {
		return liquidScan{}
	}
	return s.out
}

func (s *liquidScanner) codeHasRaw(code []byte) {
	if !s.out.isTemplate && liquidRawInCode.Match(code) {
		s.out.isTemplate = true
	}
}

// inline scans the text from pos on the line ending at end; a construct
// may run over more lines. It returns the start of the next line to read.
func (s *liquidScanner) inline(pos, end int) int {
	src := s.src
	for pos < end {
		switch {
		case src[pos] == '`':
			stop := codeSpanEnd(src, pos)
			s.codeHasRaw(src[pos:stop])
			pos = stop
		case src[pos] == '{' && pos+1 < len(src) && (src[pos+1] == '%' || src[pos+1] == '{'):
			pos = s.token(pos)
		default:
			pos++
		}
		if pos > end {
			end = lineEndAt(src, pos-1)
		}
	}
	return nextLine(src, end)
}

// token reads the tag or output tag at pos and returns the offset after
// it (pos+1 when there is none).
func (s *liquidScanner) token(pos int) int {
	src := s.src
	if src[pos+1] == '{' && pos+2 < len(src) && (src[pos+2] == '<' || src[pos+2] == '%') {
		return s.hugo(pos)
	}
	fail := &s.tagFail
	if src[pos+1] == '{' {
		fail = &s.outputFail
	}
	if pos < *fail {
		return pos + 1
	}
	t, ok := readLiquidToken(src, pos)
	if !ok {
		if t.end < 0 {
			// No closer up to the blank line: none for the delimiters
			// before it either.
			*fail = paragraphEnd(src, pos)
		}
		return pos + 1
	}
	switch {
	case s.raw:
		if !t.output && t.name == "endraw" {
			s.raw = false
		}
		s.add(MaskLiquidTag, t.pos, t.end)
	case t.output:
		if liquidExpression.MatchString(t.inner) && !liquidDraftRoot.MatchString(t.inner) {
			s.add(MaskLiquidOutput, t.pos, t.end)
			if strings.Contains(t.inner, "|") || jekyllGlobal(t.inner) {
				s.out.isTemplate = true
			}
		}
	default:
		return s.tag(t)
	}
	return t.end
}

// jekyllGlobals are the objects Jekyll gives every page's Liquid.
var jekyllGlobals = []string{"site", "page", "layout", "jekyll", "paginator", "include"}

// jekyllGlobal reports an expression that reads one of jekyllGlobals
// ("site.name", "page.title | upcase"): Jekyll's, whoever else uses
// {{ }}, and rendered by it (Hugo's are ".Site.Title").
func jekyllGlobal(expr string) bool {
	for _, g := range jekyllGlobals {
		if rest, ok := strings.CutPrefix(expr, g); ok && (strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, "[")) {
			return true
		}
	}
	return false
}

// hugo skips a Hugo shortcode "{{< ... >}}" or "{{% ... %}}".
func (s *liquidScanner) hugo(pos int) int {
	closer := []byte(string(s.src[pos+2]) + "}}")
	if i := bytes.Index(s.src[pos+3:lineEndAt(s.src, pos)], closer); i >= 0 {
		return pos + 3 + i + len(closer)
	}
	return pos + 3
}

// tag handles a "{% ... %}" tag outside raw and returns the offset after
// what it masks.
func (s *liquidScanner) tag(t liquidToken) int {
	s.out.isTemplate = true
	switch {
	case t.name == "raw":
		s.raw = true
	case t.name == "comment" || t.name == "highlight":
		kind := MaskLiquidComment
		if t.name == "highlight" {
			kind = MaskLiquidCode
		}
		if stop := s.endTag(t.end, "end"+t.name); stop > 0 {
			s.add(kind, t.pos, stop)
			return stop
		}
		s.unclosed[t.name] = true
	case liquidBlockTags[t.name]:
		s.stack = append(s.stack, LiquidBlock{Name: t.name, Pos: t.pos, BodyPos: t.end})
	case strings.HasPrefix(t.name, "end") && liquidBlockTags[t.name[3:]]:
		for i := len(s.stack) - 1; i >= 0; i-- {
			if s.stack[i].Name == t.name[3:] {
				b := s.stack[i]
				b.BodyEnd, b.End = t.pos, t.end
				s.out.blocks = append(s.out.blocks, b)
				s.stack = s.stack[:i]
				break
			}
		}
	}
	s.add(MaskLiquidTag, t.pos, t.end)
	return t.end
}

// endTag returns the offset after the tag called name that comes first
// from pos, or -1.
func (s *liquidScanner) endTag(pos int, name string) int {
	if s.unclosed[name[3:]] {
		return -1 // an earlier search found none to the end
	}
	for p := pos; p < len(s.src); {
		i := bytes.Index(s.src[p:], []byte("{%"))
		if i < 0 {
			return -1
		}
		t, ok := readLiquidToken(s.src, p+i)
		if ok && t.name == name {
			return t.end
		}
		p += i + 2
	}
	return -1
}

func (s *liquidScanner) add(kind MaskKind, pos, end int) {
	s.out.masks = append(s.out.masks, Mask{Kind: kind, Pos: pos, End: end})
}

// readLiquidToken reads "{% name ... %}" or "{{ ... }}" at pos; it may run
// over lines, not over a blank line. Without a closer, the token's end is
// -1.
func readLiquidToken(src []byte, pos int) (liquidToken, bool) {
	output := src[pos+1] == '{'
	closer := []byte("%}")
	if output {
		closer = []byte("}}")
	}
	for p := pos + 2; p+1 < len(src); p++ {
		if src[p] == '\n' && blankAfter(src, p) {
			return liquidToken{end: -1}, false
		}
		if src[p] != closer[0] || src[p+1] != closer[1] {
			continue
		}
		inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(string(src[pos+2:p]), "-"), "-"))
		t := liquidToken{pos: pos, end: p + 2, output: output, inner: inner}
		if output {
			return t, inner != ""
		}
		t.name = liquidTagName.FindString(inner)
		return t, t.name != ""
	}
	return liquidToken{end: -1}, false
}
