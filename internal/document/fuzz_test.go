package document

import (
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds the golden articles and some edge cases to a fuzz corpus.
func addSeeds(f *testing.F) {
	f.Helper()
	for _, s := range []string{
		"", "\n", "#", "---\n", "---\n---\n", "+++\na = 1\n+++\n", "\xEF\xBB\xBF# x\r\n", "- a\n  - b\n    - c\n",
		"1. a\n1) b\n", "> - q\n>   1. r\n", "[a](b \"c\")[^1]\n\n[^1]: d\n", "<!-- medlint-disable -->\n",
		"Setext\n===\n", "```\n# not\n```\n", "| a |\n|---|\n| [x](y) |\n", "\r\r\r", "*[A&E]: x\n", "<https://x>",
		"[a]: b\n[c][a]\n", "- [ ] task\n", "a\\\nb", "***\n- - -\n", "\t- tab\n",
	} {
		f.Add([]byte(s))
	}
	_ = filepath.WalkDir("../../testdata", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (filepath.Ext(path) == ".md" || filepath.Ext(path) == ".mdx") {
			if data, err := os.ReadFile(path); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
}

// FuzzParse checks that parsing never panics and that every position the
// model exposes lies inside the file and maps to a valid line and column.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("fuzz.md", src)
		if err != nil {
			return
		}
		n := len(d.Source)
		check := func(what string, pos, end int) {
			if pos < 0 || end < pos || end > n {
				t.Fatalf("%s range [%d,%d) outside [0,%d]", what, pos, end, n)
			}
			for _, off := range []int{pos, end} {
				p := d.Position(off)
				if p.Line < 1 || p.Line > len(d.LineKinds) || p.Column < 1 {
					t.Fatalf("%s offset %d -> invalid position %v", what, off, p)
				}
			}
		}
		for _, h := range d.Headings {
			check("heading", h.Pos, h.End)
		}
		for _, l := range d.Lists {
			for _, it := range l.Items {
				check("item", it.Pos, it.ContentPos)
			}
		}
		for _, b := range d.Blocks {
			check("block", b.Pos, b.End)
			for _, l := range b.Links() {
				check("link", l.Pos, l.End)
			}
			for _, s := range d.Sentences(b) {
				check("sentence", s.Pos, s.EndPos)
			}
			for i := 0; i <= len(b.Text); i += 7 {
				if off := b.SourceOffset(i); off < 0 || off > n {
					t.Fatalf("SourceOffset(%d) = %d outside the file", i, off)
				}
			}
		}
		for _, c := range d.Comments {
			check("comment", c.Pos, c.End)
		}
	})
}

// TestListMarkersNeverEmpty pins a fuzz finding: a tab before the last
// item's marker left its Marker empty and list-format indexed it.
func TestListMarkersNeverEmpty(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"*\n\t*", "1.\n\t2.", "-\t-\n\t-", "> *\n>\t*"} {
		d, err := Parse("x.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range d.Lists {
			for _, it := range l.Items {
				if it.Marker == "" {
					t.Errorf("%q: item on line %d has no marker", src, it.Line)
				}
			}
		}
	}
}
