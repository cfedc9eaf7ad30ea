package mdstruct_test

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/mdstruct"
)

// TestSameOutline: texts that only spell the same rendering differently
// have equal outlines.
func TestSameOutline(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, a, b string }{
		{"bullet marker", "* a\n* b\n", "- a\n- b\n"},
		{"spaces after the marker", "-   a\n-   b\n", "- a\n- b\n"},
		{"blank line before a list", "Text\n- a\n", "Text\n\n- a\n"},
		{"blank line after a list", "- a\n\n# H\n", "- a\n# H\n"},
		{"line breaks", "- a\r\n- b\r\n\r\n```\r\ncode\r\n```\r\n", "- a\n- b\n\n```\ncode\n```\n"},
		{"lone CR", "para\rline\r", "para\nline\n"},
		{"whitespace in prose", "one  two\nthree\n", "one two three\n"},
		{"later item numbers", "1. a\n1. b\n", "1. a\n2. b\n"},
		{"delimiter of a lone list", "1. a\n", "1) a\n"},
		{"setext and ATX", "Title\n=====\n", "# Title\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if d := mdstruct.Diff(mdstruct.Parse([]byte(tt.a)), mdstruct.Parse([]byte(tt.b)), false); d != "" {
				t.Errorf("outlines differ: %s", d)
			}
		})
	}
}

// TestDifferentOutline: texts that render differently have different
// outlines, and Diff names the first node that changed.
func TestDifferentOutline(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, a, b, want string }{
		{"item becomes a thematic break", "* a\n* ---\n", "- a\n- ---\n", "became ThematicBreak at line 2"},
		{"blank line inside a fence", "1. Text\n   ```\n   fence\n  ```\n", "1. Text\n   ```\n   fence\n\n  ```\n", `"fence\n" at line 2 became FencedCodeBlock info="" "fence\n\n"`},
		{"two lists joined", "* a\n- b\n", "* a\n* b\n", "List bullet tight at line 2 became ListItem at line 2"},
		{"tight list made loose", "- a\n- b\n", "- a\n\n- b\n", "List bullet tight at line 1 became List bullet loose"},
		{"list start", "2. a\n", "1. a\n", "start=2 at line 1 became List ordered tight start=1"},
		{"list lost in a paragraph", "Text\n1. a\n", "Text\n0. a\n", `Paragraph "Text" at line 1 became Paragraph "Text 0. a"`},
		{"heading level", "# H\n", "## H\n", "level=1"},
		{"link destination", "[a](/x)\n", "[a](/y)\n", `‹Link \"/y\"`},
		{"emphasis", "*a*\n", "**a**\n", "level=2"},
		{"code info", "```go\nx\n```\n", "```sh\nx\n```\n", `info="sh"`},
		{"indented code", "    x\n", "    y\n", `CodeBlock "y\n"`},
		{"HTML block", "<div>\nx\n</div>\n", "<div>\ny\n</div>\n", "HTMLBlock"},
		{"HTML comment closure", "<!--\nx\n-->\n", "<!--\nx\n--->\n", "HTMLBlock"},
		{"setext heading from a paragraph", "a\n\n-\n", "a\n-\n", "Heading level=2"},
		{"table alignment", "| a |\n|:--|\n", "| a |\n|--:|\n", "Table"},
		{"task", "- [ ] a\n", "- [x] a\n", "checked=true"},
		{"hard break", "a  \nb\n", "a\nb\n", "‹br›"},
		{"footnote text", "x[^1]\n\n[^1]: one\n", "x[^1]\n\n[^1]: two\n", `Paragraph "two‹FootnoteBacklink|›"`},
		{"text", "a\n", "b\n", `Paragraph "b"`},
		{"extra node", "a\n", "a\n\nb\n", `added Paragraph "b" at line 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := mdstruct.Diff(mdstruct.Parse([]byte(tt.a)), mdstruct.Parse([]byte(tt.b)), false)
			if d == "" {
				t.Fatalf("outlines of %q and %q are equal", tt.a, tt.b)
			}
			if !strings.Contains(d, tt.want) {
				t.Errorf("diff %q does not contain %q", d, tt.want)
			}
		})
	}
}

// TestIgnoreStart: with ignoreStart, only the start numbers may differ.
func TestIgnoreStart(t *testing.T) {
	t.Parallel()
	a, b := mdstruct.Parse([]byte("3. a\n4. b\n")), mdstruct.Parse([]byte("1. a\n2. b\n"))
	if d := mdstruct.Diff(a, b, true); d != "" {
		t.Errorf("start numbers ignored, yet: %s", d)
	}
	if d := mdstruct.Diff(a, b, false); d == "" {
		t.Error("start numbers compared, yet equal")
	}
	if d := mdstruct.Diff(a, mdstruct.Parse([]byte("1) a\n\n2) b\n")), true); d == "" {
		t.Error("tightness ignored along with the start")
	}
}

// TestFromDocument: the outline of a parsed document's tree (front matter
// blanked, line breaks as written) equals that of its text parsed anew
// without the front matter.
func TestFromDocument(t *testing.T) {
	t.Parallel()
	body := "# H\r\n\r\n- a\r\n-\r\n\r\n```\r\ncode\r\n```\r\n"
	doc, err := document.Parse("d.md", []byte("---\r\ntitle: x\r\n---\r\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	got := mdstruct.FromAST(doc.Root, doc.Source)
	want := mdstruct.Parse([]byte("\n\n\n" + body))
	if len(want) != 6 {
		t.Fatalf("outline %v, want 6 nodes", want)
	}
	if d := mdstruct.Diff(want, got, false); d != "" {
		t.Errorf("outlines differ: %s", d)
	}
	if got[0].Line != 4 {
		t.Errorf("heading at line %d, want 4", got[0].Line)
	}
}
