package document

import (
	"bytes"
	"path"
	"sort"
	"strings"
)

// MaskKind says what a masked region of Source is.
type MaskKind uint8

// Mask kinds.
const (
	// MaskESM is an MDX import/export block.
	MaskESM MaskKind = iota + 1
	// MaskExpression is an MDX {...} expression (a JSX comment
	// "{/* ... */}" included).
	MaskExpression
	// MaskJSX is an MDX JSX tag on lines of its own (with other tags and
	// expressions): the Markdown between such tags is read as Markdown,
	// as MDX reads it. A tag inside text is inline HTML, as in Markdown.
	MaskJSX
	// MaskLiquidOutput is a Liquid output tag "{{ ... }}".
	MaskLiquidOutput
	// MaskLiquidTag is a Liquid tag "{% ... %}".
	MaskLiquidTag
	// MaskLiquidComment is a Liquid comment, "{% comment %}" to
	// "{% endcomment %}".
	MaskLiquidComment
	// MaskLiquidCode is a Jekyll "{% highlight %}" block, tags included:
	// code.
	MaskLiquidCode
)

// Mask is a region of Source that is markup for the site's build (MDX or
// Liquid), not text: goldmark and every rule see it as spaces, line
// breaks kept, so that every other offset, line and column is exact.
type Mask struct {
	Kind     MaskKind
	Pos, End int
}

// LiquidBlock is a Liquid block whose body the site renders zero, one or
// many times: {% for %}, {% if %}, {% unless %}, {% case %},
// {% capture %} or {% tablerow %} with its end tag.
type LiquidBlock struct {
	// Name is the tag name ("for").
	Name string
	// Pos and End delimit the block, tags included; BodyPos is the end of
	// the opening tag and BodyEnd the start of the closing one.
	Pos, End, BodyPos, BodyEnd int
}

// IsMDX reports whether a file at path is read as MDX: its extension is
// ".mdx" (in any case).
func IsMDX(p string) bool {
	return strings.EqualFold(path.Ext(strings.ReplaceAll(p, "\\", "/")), ".mdx")
}

// rewrite replaces Source[pos:end] in the text goldmark parses: blanked
// (spaces, line breaks kept), or, for quote, with '"' at both ends (an
// MDX attribute value {...} that inline HTML must accept as "...").
type rewrite struct {
	pos, end int
	quote    bool
}

// mask finds the MDX (for an .mdx file) or Liquid (for a Liquid page)
// constructs of the body (from offset body, past any front matter) and
// blanks them in parseSrc.
func (d *Document) mask(body int) {
	var rewrites []rewrite
	switch {
	case d.MDX:
		s := scanMDX(d.parseSrc, body)
		d.Masks, rewrites = s.masks, s.rewrites
		d.jsxComments = s.comments
	case !d.liquidOff():
		s := scanLiquid(d.parseSrc, body)
		if !s.isTemplate {
			return
		}
		d.Liquid = true
		d.Masks, d.LiquidBlocks = s.masks, s.blocks
		for _, m := range s.masks {
			rewrites = append(rewrites, rewrite{pos: m.Pos, end: m.End})
		}
	}
	if len(rewrites) == 0 {
		return
	}
	buf := bytes.Clone(d.parseSrc)
	for _, r := range rewrites {
		for i := max(r.pos, 0); i < min(r.end, len(buf)); i++ {
			if buf[i] != '\n' && buf[i] != '\r' {
				buf[i] = ' '
			}
		}
		if r.quote && r.end-r.pos >= 2 {
			buf[r.pos], buf[r.end-1] = '"', '"'
		}
	}
	if d.Liquid {
		inlineTags(buf, d.Masks)
	}
	d.parseSrc = buf
}

// inlineTags turns each blanked one-line Liquid mask that shares its line
// with text into the inline HTML tag "<x   >", which goldmark drops from
// the text as it drops other inline HTML: blanked, a tag before the text
// of a line would indent it into a code block ("{% raw %}Use ...").
func inlineTags(buf []byte, masks []Mask) {
	var tags []Mask
	le, text := -1, false // the line last looked at: its end, and whether it has text
	for _, m := range masks {
		if m.End-m.Pos < 3 || bytes.IndexByte(buf[m.Pos:m.End], '\n') >= 0 {
			continue
		}
		if m.Pos > le { // masks are in order: each line is read once
			ls := lineStartAt(buf, m.Pos)
			le = lineEndAt(buf, m.Pos)
			text = len(bytes.TrimSpace(buf[ls:le])) > 0
		}
		if text {
			tags = append(tags, m)
		}
	}
	for _, m := range tags {
		buf[m.Pos], buf[m.Pos+1], buf[m.End-1] = '<', 'x', '>'
	}
}

// liquidOff reports a page whose front matter turns Liquid off
// (Jekyll's render_with_liquid: false).
func (d *Document) liquidOff() bool {
	if d.FrontMatter == nil {
		return false
	}
	for _, f := range d.FrontMatter.Fields {
		if f.Key == "render_with_liquid" && strings.EqualFold(strings.TrimSpace(f.Value), "false") {
			return true
		}
	}
	return false
}

// markMasked classifies the lines that only masks fill: lines of JSX
// tags are HTML, Liquid highlight blocks code, the others LineTemplate;
// and records the MDX comments as comments.
func (d *Document) markMasked() {
	if len(d.Masks) == 0 {
		return
	}
	d.maskedLines = make([]bool, len(d.LineKinds))
	last := 0 // the last line looked at: masks are in order, each line is read once
	for _, m := range d.Masks {
		for l := max(d.Line(m.Pos), last+1); l <= d.Line(max(m.End-1, m.Pos)) && l <= len(d.LineKinds); l++ {
			last = l
			if d.LineKinds[l-1] != LineBlank || len(bytes.TrimSpace(d.LineText(l))) == 0 ||
				len(bytes.TrimSpace(d.parseSrc[d.LineStart(l):d.LineEnd(l)])) > 0 {
				continue
			}
			d.maskedLines[l-1] = true
			switch m.Kind {
			case MaskJSX:
				d.LineKinds[l-1] = LineHTML
			case MaskLiquidCode:
				d.LineKinds[l-1] = LineCode
			default:
				d.LineKinds[l-1] = LineTemplate
			}
		}
	}
	for _, m := range d.Masks {
		if m.Kind != MaskJSX {
			continue
		}
		// A tag line that an expression line shares is still HTML.
		for l := d.Line(m.Pos); l <= d.Line(max(m.End-1, m.Pos)) && l <= len(d.LineKinds); l++ {
			if d.maskedLines[l-1] {
				d.LineKinds[l-1] = LineHTML
			}
		}
	}
	for _, c := range d.jsxComments {
		c.Line = d.Line(c.Pos)
		c.Inline = !d.maskedLines[c.Line-1]
		d.Comments = append(d.Comments, c)
	}
	sort.SliceStable(d.Comments, func(i, j int) bool { return d.Comments[i].Pos < d.Comments[j].Pos })
}

// MaskedLine reports whether line l holds only MDX or Liquid markup (see
// Mask): the page shows nothing of it, so rules that look for blank lines
// may take it for one.
func (d *Document) MaskedLine(l int) bool {
	return l >= 1 && l <= len(d.maskedLines) && d.maskedLines[l-1]
}

// HasMask reports whether a mask lies in Source[pos:end]: a heading that
// only "{{ page.title }}" fills has the text the site gives it.
func (d *Document) HasMask(pos, end int) bool {
	i := sort.Search(len(d.Masks), func(i int) bool { return d.Masks[i].End > pos })
	return i < len(d.Masks) && d.Masks[i].Pos < end
}

// InLiquidBlock returns the innermost Liquid block whose body holds
// offset off (from the end of its opening tag to the start of its
// closing tag), or nil.
func (d *Document) InLiquidBlock(off int) *LiquidBlock {
	var in *LiquidBlock
	for i := range d.LiquidBlocks {
		b := &d.LiquidBlocks[i]
		if b.BodyPos <= off && off <= b.BodyEnd && (in == nil || b.BodyPos >= in.BodyPos) {
			in = b
		}
	}
	return in
}

// BlankLineInLiquidBlock returns the Liquid block in whose body replacing
// Source[pos:end] by text leaves a blank line, or nil: the site would
// repeat the line (for) or keep it (if), changing what the block renders
// as (a tight list turns loose, a paragraph splits).
func (d *Document) BlankLineInLiquidBlock(pos, end int, text string) *LiquidBlock {
	if len(d.LiquidBlocks) == 0 || !strings.ContainsAny(text, "\n\r") {
		return nil
	}
	pos, end = min(max(pos, 0), len(d.Source)), min(max(end, 0), len(d.Source))
	in := d.InLiquidBlock(pos)
	if end < pos || in == nil {
		return nil
	}
	ls, le := d.LineStart(d.Line(pos)), d.LineEnd(d.Line(end))
	after := string(d.Source[ls:pos]) + text + string(d.Source[end:max(le, end)])
	lines := strings.Split(after, "\n")
	for _, l := range lines {
		if strings.TrimSpace(strings.ReplaceAll(l, ">", "")) == "" {
			return in
		}
	}
	return nil
}
