package document

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// dumpAST writes every node of root with its kind, offsets, lines and
// text segments: two trees with the same dump are the same parse.
func dumpAST(root ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s pos=%d", n.Kind(), n.Pos())
		if n.Type() == ast.TypeBlock {
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				fmt.Fprintf(&b, " [%d,%d,%d]", seg.Start, seg.Stop, seg.Padding)
			}
		}
		if t, ok := n.(*ast.Text); ok {
			fmt.Fprintf(&b, " text=[%d,%d] soft=%v hard=%v", t.Segment.Start, t.Segment.Stop, t.SoftLineBreak(), t.HardLineBreak())
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	return b.String()
}

// FuzzParseBody checks that parsing from the end of the front matter (as
// ParseLimited does) gives the tree that parsing the whole file with the
// front matter blanked out to spaces gives (as it did before), for any
// body after front matter of either line ending.
func FuzzParseBody(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, fm := range []string{"---\ntitle: x\n---\n", "---\r\ntitle: x\r\n- a\r\n---\r\n", "+++\na = 1\n+++\n"} {
			src := append([]byte(fm), body...)
			d, err := Parse("body.md", src)
			if err != nil || d.FrontMatter == nil || d.FrontMatter.Unclosed || d.Liquid {
				continue // a Liquid page parses its masked text: compared by FuzzMasks
			}
			start := d.FrontMatter.End
			// The former way: a copy with the front matter blanked, parsed
			// from the first byte, and patched on every line.
			blanked := bytes.Clone(normalizeCR(d.Source))
			for i := 0; i < start; i++ {
				if blanked[i] != '\n' && blanked[i] != '\r' {
					blanked[i] = ' '
				}
			}
			if d.CRLF {
				blanked = patchEmptyItemsCRLF(blanked, 0)
			}
			want, _, err := parse(blanked, 0, DefaultLimits, d.Line, false)
			if err != nil {
				t.Fatalf("%q: the blanked parse fails (%v) where the body's does not", src, err)
			}
			if got, want := dumpAST(d.Root), dumpAST(want); got != want {
				t.Fatalf("%q: parsing from the body's start gives\n%s\nparsing the blanked file gives\n%s", src, got, want)
			}
		}
	})
}
