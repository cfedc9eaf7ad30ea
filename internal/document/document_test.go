package document

import (
	"errors"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *Document {
	t.Helper()
	d, err := Parse("test.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d
}

func TestPositionCountsRunes(t *testing.T) {
	t.Parallel()
	d := mustParse(t, "# Título\n\nCafé — naïve text\n")
	tests := []struct {
		needle string
		want   Position
	}{
		{"Título", Position{1, 3}},
		{"naïve", Position{3, 8}},
		{"text", Position{3, 14}},
	}
	for _, tt := range tests {
		off := strings.Index(string(d.Source), tt.needle)
		if got := d.Position(off); got != tt.want {
			t.Errorf("Position(%q) = %v, want %v", tt.needle, got, tt.want)
		}
		if back := d.Offset(tt.want); back != off {
			t.Errorf("Offset(%v) = %d, want %d", tt.want, back, off)
		}
	}
}

func TestBOMAndCRLFKeepLineNumbers(t *testing.T) {
	t.Parallel()
	d := mustParse(t, "\xEF\xBB\xBF# One\r\n\r\n## Two\r\n\r\nText\r\n")
	if !d.HasBOM || !d.CRLF {
		t.Fatalf("HasBOM=%v CRLF=%v, want both true", d.HasBOM, d.CRLF)
	}
	if len(d.Headings) != 2 {
		t.Fatalf("got %d headings, want 2", len(d.Headings))
	}
	if h := d.Headings[1]; h.Line != 3 || h.Text != "Two" || d.Position(h.Pos).Column != 1 {
		t.Errorf("heading 2 = line %d %q col %d, want line 3 \"Two\" col 1", h.Line, h.Text, d.Position(h.Pos).Column)
	}
	if got := string(d.LineText(3)); got != "## Two" {
		t.Errorf("LineText(3) = %q, want without \\r", got)
	}
	if d.Headings[0].Pos != 0 {
		t.Errorf("first heading at %d, want 0 (BOM stripped)", d.Headings[0].Pos)
	}
}

func TestFrontMatter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src         string
		format            string
		key, value        string
		line              int
		firstHeadingLine  int
		wantErr, wantNoFM bool
		wantList          []string
		listKey           string
	}{
		{name: "yaml", src: "---\ntitle: Hi\nlast_reviewed: 2025-07-11\ntags: [a, b]\n---\n# H\n",
			format: "yaml", key: "last_reviewed", value: "2025-07-11", line: 3, firstHeadingLine: 6,
			listKey: "tags", wantList: []string{"a", "b"}},
		{name: "yaml dots end", src: "---\nreviewer: Dr. A\n...\n# H\n", format: "yaml", key: "reviewer", value: "Dr. A", line: 2, firstHeadingLine: 4},
		{name: "toml", src: "+++\ntitle = \"Hi\"\nreviewed = 2025-07-11 # note\ntags = [\"x\", 'y']\n+++\n# H\n",
			format: "toml", key: "reviewed", value: "2025-07-11", line: 3, firstHeadingLine: 6,
			listKey: "tags", wantList: []string{"x", "y"}},
		{name: "crlf", src: "---\r\nreviewer: Dr. A\r\n---\r\n# H\r\n", format: "yaml", key: "reviewer", value: "Dr. A", line: 2, firstHeadingLine: 4},
		{name: "never closed", src: "---\ntitle: x\n# H\n", wantNoFM: true, firstHeadingLine: 3},
		{name: "bad yaml", src: "---\ntitle: [unclosed\n---\n# H\n", format: "yaml", wantErr: true, firstHeadingLine: 4},
		{name: "not a mapping", src: "---\n- a\n---\n# H\n", format: "yaml", wantErr: true, firstHeadingLine: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := mustParse(t, tt.src)
			if len(d.Headings) == 0 || d.Headings[0].Line != tt.firstHeadingLine {
				t.Fatalf("headings %v, want the first at line %d", d.Headings, tt.firstHeadingLine)
			}
			if tt.wantNoFM {
				if fm := d.FrontMatter; fm == nil || !fm.Unclosed || len(fm.Fields) > 0 {
					t.Fatalf("front matter %+v, want an unclosed, empty one", fm)
				}
				return
			}
			fm := d.FrontMatter
			if fm == nil || fm.Format != tt.format {
				t.Fatalf("front matter = %+v, want format %s", fm, tt.format)
			}
			if tt.wantErr {
				if fm.Err == nil || fm.Err.Line < 2 {
					t.Fatalf("Err = %v, want a located error", fm.Err)
				}
				return
			}
			if fm.Err != nil {
				t.Fatalf("unexpected error %v", fm.Err)
			}
			f := fm.Get(tt.key)
			if f == nil || f.Value != tt.value || f.Line != tt.line {
				t.Fatalf("Get(%q) = %+v, want %q at line %d", tt.key, f, tt.value, tt.line)
			}
			if tt.listKey != "" {
				l := fm.Get(tt.listKey)
				if l == nil || !l.IsList || strings.Join(l.List, ",") != strings.Join(tt.wantList, ",") {
					t.Errorf("list %q = %+v, want %v", tt.listKey, l, tt.wantList)
				}
			}
			for l := 1; l < tt.firstHeadingLine; l++ {
				if d.LineKinds[l-1] != LineFrontMatter {
					t.Errorf("line %d kind %d, want front matter", l, d.LineKinds[l-1])
				}
			}
		})
	}
}

func TestHeadingsAndSections(t *testing.T) {
	t.Parallel()
	d := mustParse(t, "# Top\n\nIntro.\n\n## A *b* `c`\n\nPara.\n\nSetext\n------\n\n### Deep ###\n")
	want := []struct {
		level, line int
		text        string
		setext      bool
		parent      string
	}{
		{1, 1, "Top", false, ""},
		{2, 5, "A b c", false, "Top"},
		{2, 9, "Setext", true, "Top"},
		{3, 12, "Deep", false, "Setext"},
	}
	if len(d.Headings) != len(want) {
		t.Fatalf("got %d headings, want %d", len(d.Headings), len(want))
	}
	for i, w := range want {
		h := d.Headings[i]
		parent := ""
		if h.Parent != nil {
			parent = h.Parent.Text
		}
		if h.Level != w.level || h.Line != w.line || h.Text != w.text || h.Setext != w.setext || parent != w.parent {
			t.Errorf("heading %d = {%d %d %q %v %q}, want %+v", i, h.Level, h.Line, h.Text, h.Setext, parent, w)
		}
	}
	for _, b := range d.Blocks {
		if b.Text == "Para." && (b.Section == nil || b.Section.Line != 5) {
			t.Errorf("Para. section = %v, want the heading on line 5", b.Section)
		}
	}
}

func TestLists(t *testing.T) {
	t.Parallel()
	d := mustParse(t, "- a\n-  b\n   1. one\n   3) three\n\n> * q\n\n7. seven\n8. eight\n")
	type item struct {
		marker         string
		number, line   int
		indent, spaces int
	}
	got := map[int]item{}
	for _, l := range d.Lists {
		for _, it := range l.Items {
			got[it.Line] = item{it.Marker, it.Number, it.Line, it.Indent, it.SpacesAfter}
		}
	}
	want := []item{
		{"-", 0, 1, 0, 1}, {"-", 0, 2, 0, 2}, {"1.", 1, 3, 3, 1}, {"3)", 3, 4, 3, 1},
		{"*", 0, 6, 0, 1}, {"7.", 7, 8, 0, 1}, {"8.", 8, 9, 0, 1},
	}
	for _, w := range want {
		if g := got[w.line]; g != w {
			t.Errorf("item on line %d = %+v, want %+v", w.line, g, w)
		}
	}
	for _, l := range d.Lists {
		if l.Line == 3 && (l.Depth != 1 || l.Parent == nil || l.Parent.Line != 2) {
			t.Errorf("nested list depth %d parent %v, want depth 1 under line 2", l.Depth, l.Parent)
		}
		if l.Line == 6 && !l.Quoted {
			t.Errorf("list in block quote not marked Quoted")
		}
	}
}

func TestBlocksLinksAndSourceMapping(t *testing.T) {
	t.Parallel()
	src := "See [the NHS](https://www.nhs.uk/a_(b)) and <https://x.org> or `70%` and <sup>3</sup>[^1].\nNext line.\n\n[^1]: A note.\n"
	d := mustParse(t, src)
	b := d.Blocks[0]
	if strings.Contains(b.Text, "70%") {
		t.Errorf("code span text leaked into prose: %q", b.Text)
	}
	if len(b.Links()) != 2 || b.Links()[0].Destination != "https://www.nhs.uk/a_(b)" || !b.Links()[1].Auto {
		t.Fatalf("links = %+v", b.Links())
	}
	if got := src[b.Links()[0].Pos:b.Links()[0].End]; got != "[the NHS](https://www.nhs.uk/a_(b))" {
		t.Errorf("link source = %q", got)
	}
	if len(b.FootnoteRefs()) != 1 || len(b.InlineHTML()) != 2 {
		t.Errorf("footnotes %d inline HTML %d, want 1 and 2", len(b.FootnoteRefs()), len(b.InlineHTML()))
	}
	// Every non-synthetic text byte maps back to the same byte in Source.
	for i := range len(b.Text) {
		off := b.SourceOffset(i)
		if b.Text[i] != ' ' && src[off] != b.Text[i] {
			t.Fatalf("Text[%d]=%q maps to Source[%d]=%q", i, b.Text[i], off, src[off])
		}
	}
	i := strings.Index(b.Text, "Next")
	if p := d.Position(b.SourceOffset(i)); p.Line != 2 || p.Column != 1 {
		t.Errorf("'Next' maps to %v, want 2:1", p)
	}
}

func TestLineKinds(t *testing.T) {
	t.Parallel()
	d := mustParse(t, "Para\n\n```\ncode\n```\n\n<div>\nhtml\n</div>\n\n| a |\n|---|\n| 1 |\n\n---\n\n    indented\n")
	want := map[int]LineKind{1: LineProse, 2: LineBlank, 3: LineCode, 4: LineCode, 5: LineCode, 7: LineHTML, 8: LineHTML,
		9: LineHTML, 11: LineTable, 13: LineTable, 15: LineThematicBreak, 17: LineCode}
	for l, k := range want {
		if d.LineKinds[l-1] != k {
			t.Errorf("line %d kind %d, want %d", l, d.LineKinds[l-1], k)
		}
	}
}

func TestEncodings(t *testing.T) {
	t.Parallel()
	utf16le := []byte{0xFF, 0xFE, '#', 0, ' ', 0, 'H', 0, 0xE9, 0, '\n', 0}
	d := mustParse(t, string(utf16le))
	if d.Encoding != "UTF-16LE" || len(d.Headings) != 1 || d.Headings[0].Text != "Hé" {
		t.Errorf("UTF-16LE: encoding %s headings %+v", d.Encoding, d.Headings)
	}
	d = mustParse(t, "# A\xff\xfeB\n\ntext\n")
	if d.InvalidUTF8 != 3 || len(d.Headings) != 1 {
		t.Errorf("invalid UTF-8 at %d, want 3", d.InvalidUTF8)
	}
	d = mustParse(t, "# One\r\rText\r## Two\r")
	if len(d.Headings) != 2 || d.Headings[1].Line != 4 || string(d.LineText(3)) != "Text" {
		t.Errorf("CR-only: headings %+v, line 3 %q", d.Headings, d.LineText(3))
	}
}

func TestBinaryRefused(t *testing.T) {
	t.Parallel()
	if _, err := Parse("x.md", []byte("abc\x00def")); !errors.Is(err, ErrBinary) {
		t.Errorf("err = %v, want ErrBinary", err)
	}
}

func TestDirectives(t *testing.T) {
	t.Parallel()
	d := mustParse(t, "<!-- medlint-disable a, b -- why -->\n\nText <!-- medlint-disable-line c -->\n\n<!-- medlint-bogus -->\n\n```\n<!-- medlint-disable -->\n```\n")
	if len(d.Directives) != 3 {
		t.Fatalf("got %d directives, want 3 (none from code)", len(d.Directives))
	}
	if dir := d.Directives[0]; dir.Kind != DirectiveDisable || strings.Join(dir.Rules, " ") != "a b" || dir.Reason != "why" {
		t.Errorf("directive 0 = %+v", dir)
	}
	if dir := d.Directives[1]; dir.Kind != DirectiveDisableLine || dir.Line != 3 {
		t.Errorf("directive 1 = %+v", dir)
	}
	if d.Directives[2].Kind != DirectiveUnknown {
		t.Errorf("directive 2 kind %d, want unknown", d.Directives[2].Kind)
	}
}
