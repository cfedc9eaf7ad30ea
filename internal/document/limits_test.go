package document_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/bench"
	"github.com/medlint/medlint/internal/document"
)

// TestLimits checks each limit on both sides: a file at it is parsed and
// reports its use, a file just over it is refused with the limit's key and
// the line where it went over, and raising the limit parses it.
func TestLimits(t *testing.T) {
	t.Parallel()
	quotes := func(n int) []byte { return []byte("# T\n\n" + strings.Repeat("> ", n) + "a\n") }
	footnotes := func(n int) []byte { return []byte(strings.Repeat("[^a]: ", n) + "x\n") }
	mixed := func(n int) []byte { return []byte(strings.Repeat("- > ", n/2) + "a\n") }
	for _, tc := range []struct {
		name    string
		at      []byte // uses the default limit exactly, or nearly
		over    []byte // goes over it
		key     string
		line    int
		raised  document.Limits
		usage   func(document.Usage) int
		atUsage int
	}{
		{"nested list", bench.NestedList(100), bench.NestedList(101), "max-nesting", 101,
			document.Limits{Nesting: 101}, func(u document.Usage) int { return u.Nesting }, 100},
		{"nested quotes", quotes(100), quotes(101), "max-nesting", 3,
			document.Limits{Nesting: 101}, func(u document.Usage) int { return u.Nesting }, 100},
		{"quotes in lists", mixed(100), mixed(102), "max-nesting", 1,
			document.Limits{Nesting: 102}, func(u document.Usage) int { return u.Nesting }, 100},
		{"nested footnotes", footnotes(100), footnotes(101), "max-nesting", 1,
			document.Limits{Nesting: 101}, func(u document.Usage) int { return u.Nesting }, 100},
		{"wide table", bench.Table(1000, 249), bench.Table(1000, 250), "max-table-cells", 2,
			document.Limits{TableCells: 251000}, func(u document.Usage) int { return u.TableCells }, 250000},
		{"padded rows", []byte(strings.Repeat("|a", 500) + "|\n" + strings.Repeat("|-", 500) + "|\n" + strings.Repeat("b\n", 499)),
			[]byte(strings.Repeat("|a", 500) + "|\n" + strings.Repeat("|-", 500) + "|\n" + strings.Repeat("b\n", 500)), "max-table-cells", 2,
			document.Limits{TableCells: 250500}, func(u document.Usage) int { return u.TableCells }, 250000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc, err := document.Parse("at.md", tc.at)
			if err != nil {
				t.Fatalf("at the limit: %v", err)
			}
			if got := tc.usage(doc.Usage); got != tc.atUsage {
				t.Errorf("at the limit: usage %d, want %d", got, tc.atUsage)
			}
			_, err = document.Parse("over.md", tc.over)
			var le *document.LimitError
			if !errors.As(err, &le) {
				t.Fatalf("over the limit: error %v, want a *LimitError", err)
			}
			if le.Key != tc.key || le.Line != tc.line || !strings.Contains(err.Error(), "raise "+tc.key) {
				t.Errorf("over the limit: %+v (%v), want key %s at line %d", le, err, tc.key, tc.line)
			}
			if _, err := document.ParseLimited("over.md", tc.over, tc.raised); err != nil {
				t.Errorf("limit raised to %+v: %v", tc.raised, err)
			}
		})
	}
}

// TestParseCost checks that every crafted shape goldmark parses in
// superlinear time is refused at a size where, unguarded, it takes seconds,
// naming what costs most; and that raising max-parse-cost parses it.
func TestParseCost(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		shape string
		size  int
		what  string
	}{
		{"emphasis-mismatched", 32 << 10, "emphasis markers"},
		{"brackets-nested", 32 << 10, "link brackets"},
		{"bracket-lines", 32 << 10, "link brackets"},
		{"link-unclosed-angle", 32 << 10, "'<' of autolinks and raw HTML"},
		{"labels-then-lines", 64 << 10, "link brackets"},
		{"backtick-runs", 128 << 10, "code-span backticks"},
		{"footnotes", 64 << 10, "footnotes"},
		{"footnote-lines", 32 << 10, "footnotes"},
		{"reference-links", 128 << 10, "link reference definitions"},
		{"defs-then-lines", 64 << 10, "link reference definitions"},
	} {
		t.Run(tc.shape, func(t *testing.T) {
			t.Parallel()
			src := shapeOfSize(t, tc.shape, tc.size)
			_, err := document.Parse("crafted.md", src)
			var le *document.LimitError
			if !errors.As(err, &le) || le.Key != "max-parse-cost" || !strings.Contains(le.What, "mostly "+tc.what) {
				t.Fatalf("%d bytes: error %v, want max-parse-cost's, mostly %s", len(src), err, tc.what)
			}
			if le.Line < 1 || le.Line > strings.Count(string(src), "\n")+1 {
				t.Errorf("line %d is not a line of the file", le.Line)
			}
			doc, err := document.ParseLimited("crafted.md", src, document.Limits{ParseCost: 1 << 20})
			if err != nil {
				t.Fatalf("max-parse-cost raised: %v", err)
			}
			if per := doc.Usage.ParseCost / len(src); per <= document.DefaultLimits.ParseCost {
				t.Errorf("cost %d steps per byte, under the limit that refused it", per)
			}
		})
	}
}

// TestParseCostOfArticles checks that ordinary articles cost a few steps
// per byte, far under the limit, whatever their size.
func TestParseCostOfArticles(t *testing.T) {
	t.Parallel()
	for _, size := range []int{4 << 10, 256 << 10, 4 << 20} {
		src := bench.Article(uint64(size), size)
		doc, err := document.Parse("article.md", src)
		if err != nil {
			t.Fatal(err)
		}
		if per := doc.Usage.ParseCost / len(src); per > document.DefaultLimits.ParseCost/16 {
			t.Errorf("%d-byte article: %d steps per byte, want under %d", len(src), per, document.DefaultLimits.ParseCost/16)
		}
	}
}

// TestLimitErrorIsDeterministic checks that the error (its line above
// all) does not depend on the run.
func TestLimitErrorIsDeterministic(t *testing.T) {
	t.Parallel()
	src := shapeOfSize(t, "emphasis-mismatched", 128<<10)
	_, first := document.Parse("a.md", src)
	for range 3 {
		if _, err := document.Parse("a.md", src); fmt.Sprint(err) != fmt.Sprint(first) {
			t.Fatalf("%v, then %v", first, err)
		}
	}
}

// shapeOfSize returns the crafted shape of at least size bytes, with the
// smallest scale that makes it.
func shapeOfSize(t *testing.T, name string, size int) []byte {
	t.Helper()
	for _, s := range bench.Shapes {
		if s.Name == name {
			return bench.OfSize(s, size)
		}
	}
	t.Fatalf("no shape %q", name)
	return nil
}
