package document

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// texts returns the plain text of every prose block of src parsed as path.
func texts(t *testing.T, path, src string) string {
	t.Helper()
	d, err := Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range d.Blocks {
		out = append(out, strings.Join(strings.Fields(b.Text), " "))
	}
	return strings.Join(out, " | ")
}

func TestMDXMasking(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src, want string
	}{
		{"imports and exports", "import A from 'a'\nimport {\n  B,\n} from \"b\"\nexport const meta = {\n  a: 'TODO',\n\n  b: [1, 2],\n}\n\nProse.\n", "Prose."},
		{"import in text is prose", "Prose.\nimport duties rise\n", "Prose. import duties rise"},
		{"import without space is prose", "importance matters\n", "importance matters"},
		{"inline expressions", "Starts {a > 2 ? '}' : \"{\"} here {`x ${y}`}.\n", "Starts here ."},
		{"comment", "{/* TODO */}\n\nText {/* note */} here.\n", "Text here."},
		{"nested braces", "A {{a: {b: 1}}} b.\n", "A b."},
		{"unclosed brace is text", "A { b.\n", "A { b."},
		{"escaped brace is text", "A \\{b\\} c.\n", "A \\{b\\} c."},
		{"code keeps braces", "Use `{x}` here.\n\n```\n{y}\nimport z from 'z'\n```\n", "Use here."},
		{"block component content is Markdown", "<Callout type=\"warn\" data={{a: 1}}>\n    Indented **text** stays prose.\n</Callout>\n", "Indented text stays prose."},
		{"self-closing component", "<Chart data={[1, 2]} {...rest} />\n\nAfter.\n", "After."},
		{"inline component", "Take <Abbr title={\"x\"}>NSAIDs</Abbr> daily.\n", "Take NSAIDs daily."},
		{"fragment", "<>\nIn a fragment.\n</>\n", "In a fragment."},
		{"member name", "A <Foo.Bar x=\"1\">b</Foo.Bar> c.\n", "A b c."},
		{"autolink is no tag", "See <https://nhs.uk> now.\n", "See https://nhs.uk now."},
		{"less-than is text", "If a < b and 3<4.\n", "If a < b and 3<4."},
		{"list", "- one {count}\n- two\n", "one | two"},
		{"block tag before text", "<div># not a heading but *this* is emphasis</div>\n\n<h1 className=\"main\">Do this</h1>\n", "# not a heading but this is emphasis | Do this"},
		{"inline tag at a line start stays inline HTML", "<a href=\"/x\">Link</a> and text.\n", "Link and text."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := texts(t, "a.mdx", tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMDXOnlyForMDXFiles(t *testing.T) {
	t.Parallel()
	src := "import A from 'a'\n\nText {x}.\n"
	if got := texts(t, "a.md", src); got != "import A from 'a' | Text {x}." {
		t.Errorf(".md: got %q", got)
	}
	for _, p := range []string{"a.mdx", "dir/A.MDX", `dir\b.Mdx`} {
		if !IsMDX(p) {
			t.Errorf("IsMDX(%q) = false", p)
		}
	}
	if IsMDX("a.md") || IsMDX("mdx") {
		t.Error("IsMDX true for a non-MDX path")
	}
}

func TestMDXPositionsExact(t *testing.T) {
	t.Parallel()
	src := "import A from 'a'\n\nÉté {x} très chaud: TODO here.\n"
	d, err := Parse("a.mdx", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b := d.Blocks[0]
	i := strings.Index(b.Text, "TODO")
	p := d.Position(b.SourceOffset(i))
	if want := (Position{Line: 3, Column: utf8.RuneCountInString("Été {x} très chaud: ") + 1}); p != want {
		t.Errorf("TODO at %v, want %v", p, want)
	}
	if d.LineKinds[0] != LineTemplate || d.LineKinds[1] != LineBlank || d.LineKinds[2] != LineProse {
		t.Errorf("line kinds %v", d.LineKinds)
	}
}

func TestMDXCommentsAreDirectives(t *testing.T) {
	t.Parallel()
	d, err := Parse("a.mdx", []byte("{/* medlint-disable-next-line risky-claim */}\nIt cures eczema. {/* medlint-disable-line plain-language -- quoted */}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Directives) != 2 || d.Directives[0].Kind != DirectiveDisableNextLine || d.Directives[0].Line != 1 ||
		d.Directives[1].Kind != DirectiveDisableLine || d.Directives[1].Line != 2 || d.Directives[1].Reason != "quoted" {
		t.Fatalf("directives %+v", d.Directives)
	}
	if d.Comments[0].Inline || !d.Comments[1].Inline {
		t.Errorf("inline flags %v %v", d.Comments[0].Inline, d.Comments[1].Inline)
	}
}

func TestLiquidMasking(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src, want string
		liquid          bool
	}{
		{"no tag: not a Liquid page", "Welcome to {{ clinic.name }}.\n", "Welcome to {{ clinic.name }}.", false},
		{"a Jekyll object makes a Liquid page", "Welcome to {{ site.name }} and {{ clinic.name }}.\n", "Welcome to and .", true},
		{"Hugo's objects do not", "Welcome to {{ .Site.Title }}.\n", "Welcome to {{ .Site.Title }}.", false},
		{"a tag makes a Liquid page", "{% include nav.html %}\n\nWelcome to {{ site.name }}.\n", "Welcome to .", true},
		{"a filter makes a Liquid page", "Hi {{ page.title | upcase }} and {{ site.name }}.\n", "Hi and .", true},
		{"raw in code makes a Liquid page", "```\n{% raw %}{{ x }}{% endraw %}\n```\n\nHi {{ site.name }}.\n", "Hi .", true},
		{"Liquid in code alone does not", "```\n{% if x %}\n```\n\nHi {{ clinic.name }}.\n", "Hi {{ clinic.name }}.", false},
		{"drafting capitals stay", "{% if a %}{% endif %}\n\nDose {{TODO}} and {{ XX }}.\n", "Dose {{TODO}} and {{ XX }}.", true},
		{"no Liquid expression stays", "{% if a %}{% endif %}\n\nDose {{ insert dose here }}.\n", "Dose {{ insert dose here }}.", true},
		{"raw at a line start stays prose", "{% raw %}Use {{ page.title }} here.{% endraw %}\n", "Use here.", true},
		{"comment is masked whole", "{% comment %}\nTODO: a\n{% endcomment %}\n\nText.\n", "Text.", true},
		{"highlight is code", "{% highlight ruby %}\nputs 'TODO'\n{% endhighlight %}\n\nText.\n", "Text.", true},
		{"Hugo shortcodes are not Liquid", "{{< figure src=\"a\" >}} {{% note %}}x{{% /note %}} {% if a %}{% endif %}\n", "{{< figure src=\"a\" >}} {{% note %}}x{{% /note %}}", true},
		{"render_with_liquid false", "---\nrender_with_liquid: false\n---\n{% if a %}{% endif %}\n\nHi {{ site.name }}.\n", "{% if a %}{% endif %} | Hi {{ site.name }}.", false},
		{"whitespace control", "{%- if a -%}\nHi {{- site.name -}}.\n{%- endif -%}\n", "Hi .", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, err := Parse("a.md", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if d.Liquid != tc.liquid {
				t.Errorf("Liquid = %v, want %v", d.Liquid, tc.liquid)
			}
			if got := texts(t, "a.md", tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLiquidBlocks(t *testing.T) {
	t.Parallel()
	src := "{% for a in b %}\n- {{ a }}\n{% if a.x %}\nX\n{% endif %}\n{% endfor %}\nafter\n"
	d, err := Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.LiquidBlocks) != 2 || d.LiquidBlocks[0].Name != "if" || d.LiquidBlocks[1].Name != "for" {
		t.Fatalf("blocks %+v", d.LiquidBlocks)
	}
	forLine := d.LineEnd(1)
	if b := d.BlankLineInLiquidBlock(forLine, forLine, "\n"); b == nil || b.Name != "for" {
		t.Errorf("a blank line after {%% for %%}: %+v", b)
	}
	if b := d.BlankLineInLiquidBlock(d.LineEnd(3), d.LineEnd(3), "\n"); b == nil || b.Name != "if" {
		t.Errorf("a blank line after {%% if %%}: %+v", b)
	}
	if b := d.BlankLineInLiquidBlock(d.LineEnd(6), d.LineEnd(6), "\n"); b != nil {
		t.Errorf("a blank line after {%% endfor %%} is outside: %+v", b)
	}
	if b := d.BlankLineInLiquidBlock(d.LineStart(2), d.LineStart(2)+1, "*"); b != nil {
		t.Errorf("a marker change adds no line: %+v", b)
	}
	if !d.MaskedLine(1) || d.MaskedLine(2) || !d.MaskedLine(6) || d.MaskedLine(7) {
		t.Errorf("masked lines wrong: %v", d.maskedLines)
	}
}

// FuzzMasks checks the MDX and Liquid readers: parsing as .mdx or .md
// never panics; masks are in order, inside the file and never overlap;
// no prose text comes from inside a mask; the text goldmark parses is as
// long as the file (every offset exact).
func FuzzMasks(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{
		"import a from 'b'\nexport const c = {\n\n}\n\nText {x} <A b={c}>d</A>\n",
		"{`${'}'}`} {/* c */} <X {...p} y=\"}\" />\n", "<\n<A\n\n>\n", "{\n{\n}", "`{`}`", "import \n",
		"{% raw %}{{ a }}{% endraw %} {% for a in b %}\n- x\n{% endfor %}\n", "{% comment %}", "{{ a | b }} {{ c",
		"{%- if -%}{% endif", "{{<a>}} {{% b %}}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, path := range []string{"fuzz.mdx", "fuzz.md"} {
			d, err := Parse(path, src)
			if err != nil {
				continue
			}
			if len(d.parseSrc) != len(d.Source) {
				t.Fatalf("%s: parsed text is %d bytes, the file %d", path, len(d.parseSrc), len(d.Source))
			}
			end := 0
			for _, m := range d.Masks {
				if m.Pos < end || m.End <= m.Pos || m.End > len(d.Source) {
					t.Fatalf("%s: mask [%d,%d) after %d in %d bytes", path, m.Pos, m.End, end, len(d.Source))
				}
				end = m.End
			}
			for _, b := range d.Blocks {
				for _, s := range b.spans {
					end := s.srcPos + int(s.n)
					if !s.synthetic() && d.HasMask(s.srcPos, end) &&
						len(bytes.TrimSpace(d.parseSrc[s.srcPos:end])) > 0 && masked(d, s.srcPos, end) {
						t.Fatalf("%s: text %q comes from inside a mask", path, d.Source[s.srcPos:end])
					}
				}
			}
			for _, l := range d.LiquidBlocks {
				if l.Pos > l.BodyPos || l.BodyPos > l.BodyEnd || l.BodyEnd > l.End || l.End > len(d.Source) {
					t.Fatalf("%s: Liquid block %+v", path, l)
				}
			}
		}
	})
}

// masked reports whether a byte of Source[pos:end] that is not white
// space in the parsed text lies inside a mask.
func masked(d *Document, pos, end int) bool {
	for _, m := range d.Masks {
		for i := max(pos, m.Pos); i < min(end, m.End); i++ {
			if c := d.parseSrc[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '"' && c != '<' && c != '>' && c != 'x' {
				return true
			}
		}
	}
	return false
}

// BenchmarkMasks reads MDX and Liquid pages, and the paragraphs of
// unclosed braces, tags, backticks and Liquid delimiters whose searches
// the scanners bound.
func BenchmarkMasks(b *testing.B) {
	page := strings.Repeat("import A from 'a'\n\n# T\n\nText {x} <A b={c} d=\"e\">f</A> `g` {/* h */}.\n\n<C>\n    Body.\n</C>\n\n", 200)
	liquid := strings.Repeat("{% if a %}\nText {{ site.a | b }} and {% raw %}{{ c }}{% endraw %}.\n{% endif %}\n\n", 200)
	for _, c := range []struct{ name, path, src string }{
		{"mdx-page", "a.mdx", page},
		{"liquid-page", "a.md", liquid},
		{"unclosed-braces", "a.mdx", strings.Repeat("{ a ", 20000)},
		{"unclosed-tags", "a.mdx", strings.Repeat("<a b=\"c ", 20000)},
		{"unclosed-code", "a.mdx", strings.Repeat("` `` ``` ", 5000)},
		{"unclosed-liquid", "a.md", "{% if a %}" + strings.Repeat("{{ a {% b ", 20000)},
		{"unclosed-comments", "a.md", strings.Repeat("{% comment %} a ", 20000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			src := []byte(c.src)
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				// Over the parse's limits is an answer too: the guard
				// refuses what goldmark would take quadratic time on.
				if _, err := Parse(c.path, src); err != nil && !errors.As(err, new(*LimitError)) {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMasksSkipFrontMatter checks that the MDX and Liquid readers start
// at the body: front matter that looks like ESM or Liquid is YAML, and
// does not make a page a Liquid one.
func TestMasksSkipFrontMatter(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ path, src string }{
		{"a.md", "---\ntitle: \"{{ site.name }} {% if x %}\"\n---\n# Title\n\nPlain text.\n"},
		{"a.mdx", "---\nimport: {a: 1}\nexport: yes\n---\n# Title\n\nPlain text.\n"},
	} {
		d, err := Parse(tt.path, []byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if d.Liquid || len(d.Masks) != 0 {
			t.Errorf("%s: liquid %v, masks %+v; want none (the markup is in the front matter)", tt.path, d.Liquid, d.Masks)
		}
	}
}
