package bench

import (
	"fmt"
	"strings"
)

// Shape is one kind of crafted input: a small file of a shape Markdown
// parsers handle worst (deep nesting, wide tables, many definitions,
// unclosed delimiters), built by Gen at any scale n.
type Shape struct {
	// Name identifies the shape in benchmarks and tests.
	Name string
	// Gen returns the input at scale n (what n counts depends on the shape).
	Gen func(n int) []byte
}

// Shapes lists the crafted shapes, the pathological inputs of CommonMark
// implementations (cmark's pathological tests, markdown-it's maxNesting)
// and those the v0.1.0 audit found.
var Shapes = []Shape{
	{"nested-list", NestedList},
	{"nested-list-inline", func(n int) []byte { return repeatThen("- ", n, "a\n") }},
	{"nested-ordered", func(n int) []byte { return indented(n, 3, "1. a\n") }},
	{"nested-quote", func(n int) []byte { return repeatThen(">", n, " a\n") }},
	{"nested-quote-lines", NestedQuoteLines},
	{"quote-list", func(n int) []byte { return repeatThen("> - ", n, "a\n") }},
	{"table", func(n int) []byte { return Table(n, 200) }},
	{"table-rows", func(n int) []byte { return Table(20, n) }},
	{"footnotes", Footnotes},
	{"reference-links", ReferenceLinks},
	{"emphasis-nested", func(n int) []byte {
		return []byte(strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n) + "\n")
	}},
	{"emphasis-openers", func(n int) []byte { return repeatThen("*a ", n, "\n") }},
	{"emphasis-closers", func(n int) []byte { return repeatThen("a* ", n, "\n") }},
	{"emphasis-mismatched", func(n int) []byte { return repeatThen("*a_ ", n, "\n") }},
	{"emphasis-run", func(n int) []byte { return repeatThen("*", n, "a\n") }},
	{"brackets-nested", func(n int) []byte {
		return []byte(strings.Repeat("[", n) + "a" + strings.Repeat("]", n) + "\n")
	}},
	{"link-openers", func(n int) []byte { return repeatThen("[a ", n, "\n") }},
	{"link-closers", func(n int) []byte { return repeatThen("a] ", n, "\n") }},
	{"link-unclosed-dest", func(n int) []byte { return repeatThen("[a](b ", n, "\n") }},
	{"link-unclosed-angle", func(n int) []byte { return repeatThen("[a](<b ", n, "\n") }},
	{"links-nested", func(n int) []byte {
		return []byte(strings.Repeat("[a ", n) + strings.Repeat("](b) ", n) + "\n")
	}},
	{"image-brackets", func(n int) []byte { return repeatThen("![[]()", n, "\n") }},
	{"bracket-run", func(n int) []byte { return repeatThen("[", n, "a\n") }},
	{"backtick-runs", Backticks},
	{"backtick-run", func(n int) []byte { return repeatThen("`", n, "a\n") }},
	{"html-blocks", func(n int) []byte { return repeatThen("<div>\n\n", n, "") }},
	{"html-comments-unclosed", func(n int) []byte { return repeatThen("</<!-- ", n, "\n") }},
	{"html-inline-unclosed", func(n int) []byte { return repeatThen("<a href=\"", n, "\n") }},
	{"autolinks-www", func(n int) []byte { return repeatThen("www.a", n, "\n") }},
	{"strikethrough", func(n int) []byte { return repeatThen("~a ", n, "\n") }},
	{"task-items", func(n int) []byte { return repeatThen("- [ ] a\n", n, "") }},
	{"lists-alternating", func(n int) []byte { return repeatThen("1. a:\n- b\n", n, "") }},
	{"bullets-one-space-in", func(n int) []byte { return []byte("- a\n" + strings.Repeat(" - b\n", n)) }},
	{"numbers-off", func(n int) []byte { return repeatThen("1. a\n3. b\n", n, "") }},
	{"bracket-lines", func(n int) []byte { return repeatThen("[a]\n", n, "") }},
	{"link-lines", func(n int) []byte { return repeatThen("[a](b \"t\")\n", n, "") }},
	{"footnote-lines", func(n int) []byte { return repeatThen("[^a]\n", n, "\n[^a]: n\n") }},
	{"defs-then-lines", func(n int) []byte { return []byte(defs(1000) + strings.Repeat("a\n", n)) }},
	{"labels-then-lines", func(n int) []byte { return []byte(strings.Repeat("[a]\n", 1000) + strings.Repeat("a\n", n)) }},
	{"pipes", func(n int) []byte { return []byte("a|b\n-|-\n" + strings.Repeat("|", n) + "\n") }},
}

// OfSize returns s at the smallest scale that makes at least size bytes.
func OfSize(s Shape, size int) []byte {
	hi := 1
	for len(s.Gen(hi)) < size {
		hi *= 2
	}
	lo := hi / 2
	for lo+1 < hi { // len(Gen(lo)) < size <= len(Gen(hi))
		if m := (lo + hi) / 2; len(s.Gen(m)) < size {
			lo = m
		} else {
			hi = m
		}
	}
	return s.Gen(hi)
}

// repeatThen returns s repeated n times followed by tail.
func repeatThen(s string, n int, tail string) []byte {
	return []byte(strings.Repeat(s, n) + tail)
}

// indented returns n lines, line i indented by i*step spaces and ending
// with item: a list nested n deep.
func indented(n, step int, item string) []byte {
	var b strings.Builder
	b.Grow(n*len(item) + step*n*n/2)
	for i := range n {
		b.WriteString(strings.Repeat(" ", i*step))
		b.WriteString(item)
	}
	return []byte(b.String())
}

// NestedList returns a bullet list nested n deep, one item per line, each
// indented under the one before: about n*n bytes.
func NestedList(n int) []byte { return indented(n, 2, "- item\n") }

// NestedQuoteLines returns n lines, line i opened by i block-quote markers
// ("> > > a"): block quotes nested n deep, about n*n bytes.
func NestedQuoteLines(n int) []byte {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strings.Repeat("> ", i))
		b.WriteString("a\n")
	}
	return []byte(b.String())
}

// Table returns a GFM table of cols columns and rows body rows.
func Table(cols, rows int) []byte {
	var b strings.Builder
	b.Grow((rows + 2) * (cols*2 + 2))
	b.WriteString(strings.Repeat("|a", cols) + "|\n")
	b.WriteString(strings.Repeat("|-", cols) + "|\n")
	row := strings.Repeat("|b", cols) + "|\n"
	for range rows {
		b.WriteString(row)
	}
	return []byte(b.String())
}

// Footnotes returns n footnote references in a paragraph and their n
// definitions.
func Footnotes(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a[^%d] ", i)
	}
	b.WriteString("\n\n")
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: n\n", i)
	}
	return []byte(b.String())
}

// ReferenceLinks returns n reference links in a paragraph and their n
// link reference definitions.
func ReferenceLinks(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[a][r%d] ", i)
	}
	b.WriteString("\n\n")
	for i := range n {
		fmt.Fprintf(&b, "[r%d]: https://e.org/%d\n", i, i)
	}
	return []byte(b.String())
}

// Backticks returns runs of 1 to n backticks, each after a letter: no run
// closes another, and each opener looks for its closer to the end.
func Backticks(n int) []byte {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString("e")
		b.WriteString(strings.Repeat("`", i))
	}
	b.WriteString("\n")
	return []byte(b.String())
}

func defs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[r%d]: /u\n", i)
	}
	return b.String()
}
