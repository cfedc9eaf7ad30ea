package document

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/medlint/medlint/internal/bench"
	"github.com/medlint/medlint/internal/testsupport"
)

// plain is goldmark as configured before the guard: the parse the guard
// must not change.
var plain = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))

// dump writes the tree under n with everything a rule may read of it.
func dump(b *strings.Builder, n ast.Node, src []byte, depth int) {
	fmt.Fprintf(b, "%*s%s", depth, "", n.Kind())
	if n.Type() == ast.TypeBlock {
		lines := n.Lines()
		for i := range lines.Len() {
			s := lines.At(i)
			fmt.Fprintf(b, " [%d,%d+%d]", s.Start, s.Stop, s.Padding)
		}
		fmt.Fprintf(b, " blank=%v", n.HasBlankPreviousLines())
	}
	switch n := n.(type) {
	case *ast.Text:
		fmt.Fprintf(b, " %d-%d soft=%v hard=%v raw=%v", n.Segment.Start, n.Segment.Stop, n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
	case *ast.Heading:
		fmt.Fprintf(b, " level=%d", n.Level)
	case *ast.List:
		fmt.Fprintf(b, " marker=%c start=%d tight=%v", n.Marker, n.Start, n.IsTight)
	case *ast.ListItem:
		fmt.Fprintf(b, " offset=%d", n.Offset)
	case *ast.Link:
		fmt.Fprintf(b, " dest=%q title=%q", n.Destination, n.Title)
	case *ast.Image:
		fmt.Fprintf(b, " dest=%q title=%q", n.Destination, n.Title)
	case *ast.AutoLink:
		fmt.Fprintf(b, " url=%q", n.URL(src))
	case *ast.Emphasis:
		fmt.Fprintf(b, " level=%d", n.Level)
	case *ast.FencedCodeBlock:
		fmt.Fprintf(b, " lang=%q", n.Language(src))
	case *ast.HTMLBlock:
		fmt.Fprintf(b, " type=%d closure=%v", n.HTMLBlockType, n.ClosureLine)
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			s := n.Segments.At(i)
			fmt.Fprintf(b, " [%d,%d]", s.Start, s.Stop)
		}
	case *east.Table:
		fmt.Fprintf(b, " align=%v", n.Alignments)
	case *east.TableCell:
		fmt.Fprintf(b, " align=%v", n.Alignment)
	case *east.Footnote:
		fmt.Fprintf(b, " ref=%q index=%d", n.Ref, n.Index)
	case *east.FootnoteLink:
		fmt.Fprintf(b, " index=%d refs=%d/%d", n.Index, n.RefIndex, n.RefCount)
	case *east.FootnoteBacklink:
		fmt.Fprintf(b, " index=%d refs=%d/%d", n.Index, n.RefIndex, n.RefCount)
	case *east.FootnoteList:
		fmt.Fprintf(b, " count=%d", n.Count)
	case *east.TaskCheckBox:
		fmt.Fprintf(b, " checked=%v", n.IsChecked)
	}
	if p, ok := n.(interface{ Pos() int }); ok {
		fmt.Fprintf(b, " pos=%d", p.Pos())
	}
	b.WriteByte('\n')
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		dump(b, c, src, depth+1)
	}
}

func dumpOf(root ast.Node, src []byte) string {
	var b strings.Builder
	dump(&b, root, src, 0)
	return b.String()
}

// sameAST fails t unless the guarded parse of src is goldmark's own.
func sameAST(t *testing.T, name string, src []byte) {
	t.Helper()
	root, _, err := parse(src, 0, DefaultLimits, func(int) int { return 0 }, false)
	if err != nil {
		return // over a limit: nothing to compare
	}
	want := dumpOf(plain.Parser().Parse(text.NewReader(src)), src)
	if got := dumpOf(root, src); got != want {
		t.Errorf("%s: the guarded parse differs from goldmark's:\n%s", name, firstDiff(got, want))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// TestGuardKeepsAST checks that the guard's hooks change nothing of what
// goldmark parses: on the CommonMark spec examples, the repository's test
// articles, the health corpus, markdownlint's fixtures, and the crafted
// shapes under their limits.
func TestGuardKeepsAST(t *testing.T) {
	t.Parallel()
	for _, e := range testsupport.CommonMarkExamples(t) {
		sameAST(t, fmt.Sprintf("spec example %d", e.Example), []byte(e.Markdown))
	}
	files := testsupport.WalkMarkdown(t, func(p string, src []byte) { sameAST(t, p, src) },
		"../../testdata", "../../../shared/corpus/health", "../../../shared/corpus/seed", "../../../shared/corpus/labelled", "../../../shared/markdownlint-fixtures")
	if files < 900 {
		t.Errorf("compared %d files, want the test articles, the health corpus and the fixtures", files)
	}
	for _, s := range bench.Shapes {
		for _, n := range []int{1, 2, 3, 10, 50} {
			sameAST(t, fmt.Sprintf("%s(%d)", s.Name, n), s.Gen(n))
		}
	}
	sameAST(t, "article", bench.Article(3, 256<<10))
}

// FuzzGuardKeepsAST checks that the guarded parse of any input is
// goldmark's own, or a *LimitError.
func FuzzGuardKeepsAST(f *testing.F) {
	addSeeds(f)
	for _, s := range bench.Shapes {
		f.Add(s.Gen(3))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _, err := parse(src, 0, Limits{Nesting: 4, TableCells: 64, ParseCost: 8}, func(int) int { return 1 }, false)
		var le *LimitError
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("error %v, want a *LimitError", err)
		}
		sameAST(t, "input", src)
	})
}

// TestGuardWrapsParsers checks that the guard finds goldmark's parsers at
// the priorities it expects: a goldmark that moved them would leave them
// unguarded.
func TestGuardWrapsParsers(t *testing.T) {
	t.Parallel()
	containers := 0
	for _, v := range guardedBlockParsers() {
		if _, ok := v.Value.(containerGuard); ok {
			containers++
		}
	}
	if containers != 2 {
		t.Errorf("%d block parsers guarded, want the list item and block quote parsers", containers)
	}
	inline := 0
	for _, v := range guardedInlineParsers() {
		switch v.Value.(type) {
		case inlineGuard, closingInlineGuard:
			inline++
		}
	}
	if inline != len(parser.DefaultInlineParsers()) || len(inlineRoles) != inline {
		t.Errorf("%d inline parsers guarded, want goldmark's %d", inline, len(parser.DefaultInlineParsers()))
	}
	// The link parser is told when a block ends: its guard must pass it on.
	if _, ok := guardedInlineParsers()[1].Value.(parser.CloseBlocker); !ok {
		t.Error("the guarded link parser is not a CloseBlocker")
	}
}

// TestHugeParseCostLimit checks that a limit too large to multiply by the
// file's size means no limit rather than an overflow.
func TestHugeParseCostLimit(t *testing.T) {
	t.Parallel()
	src := []byte(strings.Repeat("*a_ ", 300) + "\n")
	if _, _, err := parse(src, 0, Limits{Nesting: 1 << 30, TableCells: 1, ParseCost: math.MaxInt}.WithDefaults(), func(int) int { return 1 }, false); err != nil {
		t.Errorf("max-parse-cost %d: %v", math.MaxInt, err)
	}
}
