package document

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// dumpModel writes out everything the model and goldmark's tree of d
// hold, pointers as the position of what they point to, so that two
// parses of the same file compare as text.
func dumpModel(d *Document) string {
	var sb strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&sb, format+"\n", args...) }
	blockIndex := map[*Block]int{}
	for i, b := range d.Blocks {
		blockIndex[b] = i
	}
	bi := func(b *Block) int {
		if b == nil {
			return -1
		}
		return blockIndex[b]
	}
	hi := func(h *Heading) int {
		if h == nil {
			return -1
		}
		return h.Index
	}
	ip := func(it *ListItem) int {
		if it == nil {
			return -1
		}
		return it.Pos
	}
	for _, h := range d.Headings {
		p("heading %d %q %d-%d line %d setext %v parent %d index %d block %d node %v", h.Level, h.Text, h.Pos, h.End, h.Line, h.Setext, hi(h.Parent), h.Index, bi(h.Block), h.Node != nil)
	}
	for _, l := range d.Lists {
		p("list ordered %v %q start %d tight %v parent %d depth %d quoted %v %d-%d lines %d-%d node %v", l.Ordered, l.Marker, l.Start, l.Tight, ip(l.Parent), l.Depth, l.Quoted, l.Pos, l.End, l.Line, l.EndLine, l.Node != nil)
		for _, it := range l.Items {
			p("  item %q %d %d-%d lines %d-%d indent %d spaces %d content %d empty %v list %v", it.Marker, it.Number, it.Pos, it.End, it.Line, it.EndLine, it.Indent, it.SpacesAfter, it.ContentPos, it.Empty, it.List == l)
		}
	}
	for _, b := range d.Blocks {
		p("block %d %d-%d lines %d-%d %q item %d quoted %v header %d section %d node %s", b.Kind, b.Pos, b.End, b.Line, b.EndLine, b.Text, ip(b.Item), b.Quoted, bi(b.Header()), hi(b.Section), b.Node.Kind())
		for _, l := range b.Links() {
			p("  link %+v", *l)
		}
		for _, f := range b.FootnoteRefs() {
			p("  footnote %+v", *f)
		}
		p("  html %v spans %v", b.InlineHTML(), b.spans)
	}
	for _, c := range d.Comments {
		p("comment %+v", *c)
	}
	for _, dir := range d.Directives {
		c := *dir
		c.Comment = nil
		p("directive %+v comment %v", c, dir.Comment != nil && dir.Comment.Pos >= 0)
	}
	p("lines %v", d.LineKinds)
	p("footnotes %v", d.Footnotes)
	p("usage %+v", d.Usage)
	p("masks %v liquid %v", d.Masks, d.LiquidBlocks)
	// The tree, and each block's inline content, as Full gives them back
	// from a tree in pieces.
	for c := d.Root.FirstChild(); c != nil; c = c.NextSibling() {
		dumpTree(&sb, d.Full(c), 1)
	}
	for _, b := range d.Blocks {
		// What rules read of a block's inline nodes in the tree itself
		// (see keepsInline).
		pseudo := false
		if para, ok := b.Node.(*ast.Paragraph); ok && para.ChildCount() == 1 {
			_, pseudo = para.FirstChild().(*ast.Emphasis)
		}
		var spans [][2]int
		for c := b.Node.FirstChild(); c != nil; c = c.NextSibling() {
			end := b.End
			if next := c.NextSibling(); next != nil {
				end = next.Pos() - 1
			}
			if c.Kind() != ast.KindText && (c.Pos() < 0 || end < c.Pos() || d.Line(end) > d.Line(c.Pos())) {
				spans = append(spans, [2]int{c.Pos(), end})
			}
		}
		p("block %d pseudo-heading %v multi-line inlines %v", b.Pos, pseudo, spans)
		full := d.Full(b.Node)
		p("block %d full %s %d children %d", b.Pos, full.Kind(), full.Pos(), full.ChildCount())
		for c := full.FirstChild(); c != nil; c = c.NextSibling() {
			dumpTree(&sb, c, 2)
		}
	}
	return sb.String()
}

// dumpTree writes out goldmark's tree n, at depth.
func dumpTree(sb *strings.Builder, n ast.Node, depth int) {
	fmt.Fprintf(sb, "%s%s pos %d", strings.Repeat(" ", depth), n.Kind(), n.Pos())
	if n.Type() == ast.TypeBlock {
		fmt.Fprintf(sb, " lines %v blank %v", n.Lines().Sliced(0, n.Lines().Len()), n.HasBlankPreviousLines())
	}
	switch v := n.(type) {
	case *ast.Text:
		fmt.Fprintf(sb, " %v soft %v hard %v raw %v", v.Segment, v.SoftLineBreak(), v.HardLineBreak(), v.IsRaw())
	case *ast.String:
		fmt.Fprintf(sb, " %q", v.Value)
	case *ast.Link:
		fmt.Fprintf(sb, " %q %q ref %v", v.Destination, v.Title, v.Reference != nil)
	case *ast.Image:
		fmt.Fprintf(sb, " %q %q ref %v", v.Destination, v.Title, v.Reference != nil)
	case *ast.List:
		fmt.Fprintf(sb, " %q start %d tight %v", v.Marker, v.Start, v.IsTight)
	case *ast.ListItem:
		fmt.Fprintf(sb, " offset %d", v.Offset)
	case *ast.Heading:
		fmt.Fprintf(sb, " level %d", v.Level)
	case *ast.Emphasis:
		fmt.Fprintf(sb, " level %d", v.Level)
	case *ast.HTMLBlock:
		fmt.Fprintf(sb, " type %d closure %v %v", v.HTMLBlockType, v.HasClosure(), v.ClosureLine)
	case *ast.AutoLink:
		fmt.Fprintf(sb, " type %d", v.AutoLinkType)
	case *east.Footnote:
		fmt.Fprintf(sb, " %q index %d", v.Ref, v.Index)
	case *east.FootnoteLink:
		fmt.Fprintf(sb, " index %d", v.Index) // Full leaves RefCount and RefIndex unset
	case *east.FootnoteBacklink:
		fmt.Fprintf(sb, " index %d count %d ref %d", v.Index, v.RefCount, v.RefIndex)
	case *east.FootnoteList:
		fmt.Fprintf(sb, " count %d", v.Count)
	case *ast.LinkReferenceDefinition:
		fmt.Fprintf(sb, " %q %q %q", v.Label, v.Destination, v.Title)
	}
	fmt.Fprintf(sb, " attrs %v\n", n.Attributes())
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Parent() != n {
			fmt.Fprintf(sb, "BAD PARENT\n")
		}
		dumpTree(sb, c, depth+1)
	}
}

// parseBoth parses src whole and in pieces of size bytes and reports how
// their models differ, and whether the pieces were used.
func parseBoth(t *testing.T, path string, src []byte, size int) (pieced bool) {
	t.Helper()
	whole, errWhole := parseLimited(path, src, DefaultLimits, math.MaxInt)
	inPieces, errPieces := parseLimited(path, src, DefaultLimits, size)
	if (errWhole == nil) != (errPieces == nil) || errWhole != nil && errWhole.Error() != errPieces.Error() {
		t.Fatalf("%s: whole: %v, in pieces: %v", path, errWhole, errPieces)
	}
	if errWhole != nil {
		return false
	}
	a, b := dumpModel(whole), dumpModel(inPieces)
	if a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := range min(len(al), len(bl)) {
			if al[i] != bl[i] {
				t.Fatalf("%s (pieces of %d bytes): models differ at dump line %d:\nwhole:  %s\npieces: %s", path, size, i+1, al[i], bl[i])
			}
		}
		t.Fatalf("%s (pieces of %d bytes): dumps of %d and %d lines", path, size, len(al), len(bl))
	}
	return inPieces.Root.ChildCount() > 0 && len(cuts(inPieces.parseSrc, 0, size)) > 0
}

// TestPiecesMatchWhole checks that a parse in pieces (forced on small
// files with small pieces) builds the model and the tree a whole parse
// builds, on the golden files, the fuzz seeds and the shared corpora.
func TestPiecesMatchWhole(t *testing.T) {
	t.Parallel()
	var files []string
	for _, root := range []string{"../../testdata", "../../../shared/corpus/health", "../../../shared/corpus/seed", "../../../shared/corpus/labelled", "../../../shared/markdownlint-fixtures"} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".mdx") || strings.HasSuffix(p, ".markdown")) {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 100 {
		t.Fatalf("found only %d files", len(files))
	}
	pieced := 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 64, 1024} {
			if parseBoth(t, p, src, size) && size == 1 {
				pieced++
			}
		}
	}
	t.Logf("%d files, %d cut into pieces", len(files), pieced)
	if pieced < len(files)/4 {
		t.Errorf("only %d of %d files were cut into pieces", pieced, len(files))
	}
}

// FuzzPiecewiseParse checks that a parse in pieces (of 1 and 64 bytes:
// a cut at every place one may be made) builds the model and the tree a
// whole parse builds.
func FuzzPiecewiseParse(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{
		"# a\n\n[x][r]\n\n# b\n\n[r]: /u\n", "a[^1]\n\nb\n\n[^1]: n\n", "[^1]: n[^2]\n\nb[^1]\n\n[^2]: m\n",
		"```\n\n# in code\n```\n\n# out\n", "> ```\n\nx\n\n```\n\ny\n", "<!--\n\nx\n-->\n\ny\n",
		"<pre>\n\nx\n</pre>\n\ny\n", "[x][foo bar]\n\nz\n\n[foo\nbar]: /u\n", "a [^n]\n\nb\n\n> [^n]: q\n", "- a\n\n  b\n\nc\n", "[^a]: x\n\n    y\n\nz[^a]\n", "x\n===\n\ny\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, size := range []int{1, 64} {
			parseBoth(t, "fuzz.md", src, size)
		}
	})
}

// TestPiecesOverLimit checks that a file over a limit in a later piece
// gets the error a whole parse gives.
func TestPiecesOverLimit(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("> ", 120) + "deep\n"
	for _, src := range []string{
		"# a\n\ntext\n\n# b\n\n" + deep,
		"# a\n\n" + deep + "\n# b\n\ntext[^1]\n\n[^1]: n\n",
	} {
		whole, errWhole := parseLimited("x.md", []byte(src), DefaultLimits, math.MaxInt)
		inPieces, errPieces := parseLimited("x.md", []byte(src), DefaultLimits, 1)
		if errWhole == nil || errPieces == nil || errWhole.Error() != errPieces.Error() || whole != nil || inPieces != nil {
			t.Errorf("%q: whole %v, pieces %v", src, errWhole, errPieces)
		}
	}
}

// TestFullConcurrent checks that Full may be called from several
// goroutines at once (rules run in parallel on a large file).
func TestFullConcurrent(t *testing.T) {
	t.Parallel()
	var sb strings.Builder
	for i := range 200 {
		fmt.Fprintf(&sb, "# Section %d\n\nSome *text* with a [link](https://x.org/%d)\nover two lines[^%d].\n\n- an item\n- another\n\n", i, i, i%7)
	}
	for i := range 7 {
		fmt.Fprintf(&sb, "[^%d]: Note %d.\n", i, i)
	}
	src := []byte(sb.String())
	whole, err := parseLimited("x.md", src, DefaultLimits, math.MaxInt)
	if err != nil {
		t.Fatal(err)
	}
	d, err := parseLimited("x.md", src, DefaultLimits, 512)
	if err != nil || d.pieces == nil {
		t.Fatalf("not parsed in pieces: %v", err)
	}
	want := make([]string, len(whole.Blocks))
	for i, b := range whole.Blocks {
		var s strings.Builder
		dumpTree(&s, b.Node, 0)
		want[i] = s.String()
	}
	done := make(chan string)
	for w := range 4 {
		go func() {
			for k := range d.Blocks {
				i := (k*7 + w*13) % len(d.Blocks) // each worker in its own order
				var s strings.Builder
				dumpTree(&s, d.Full(d.Blocks[i].Node), 0)
				if got := s.String(); got != want[i] {
					done <- fmt.Sprintf("block %d: got\n%s\nwant\n%s", i, got, want[i])
					return
				}
			}
			done <- ""
		}()
	}
	for range 4 {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}
