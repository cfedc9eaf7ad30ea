package document_test

import (
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/keywords"
)

func TestMemo(t *testing.T) {
	t.Parallel()
	doc, err := document.Parse("a.md", []byte("# A\n"))
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ n int }
	var calls atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			v := doc.Memo(key{1}, func() any { calls.Add(1); return "one" })
			if v != "one" {
				t.Errorf("Memo = %v, want one", v)
			}
		})
	}
	wg.Wait()
	if v := doc.Memo(key{2}, func() any { return "two" }); v != "two" {
		t.Errorf("Memo(key 2) = %v, want two", v)
	}
	if v := doc.Memo(key{1}, func() any { t.Error("computed again"); return nil }); v != "one" {
		t.Errorf("Memo(key 1) again = %v, want one", v)
	}
	// Racing first calls may both compute, but all callers get one value.
	if n := calls.Load(); n < 1 || n > 8 {
		t.Errorf("compute ran %d times", n)
	}
}

// TestKeywordsOfEveryBlock checks that the keyword passes Keywords makes
// of all a document's blocks at once, asked from several goroutines in
// any order, are each block's own pass.
func TestKeywordsOfEveryBlock(t *testing.T) {
	t.Parallel()
	g := keywords.NewGates(keywords.Need{{"proven"}}, keywords.Need{{"cure", "cures"}, {"fast"}}, keywords.Need{{"é"}})
	g.ScanWith("joins the shared pass", nil)
	src := "# Proven cures\n\nIt CURES fast.\n\n- proven\n- é and É\n\n| a | b |\n|---|---|\n| cure | fast |\n\nNothing here.\n"
	doc, err := document.Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) < 6 {
		t.Fatalf("%d blocks, want at least 6", len(doc.Blocks))
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for k := range doc.Blocks {
				b := doc.Blocks[(k*(w+1)+w)%len(doc.Blocks)]
				f := doc.Keywords(b)
				if !f.Current() {
					t.Errorf("pass of %q does not cover the shared Matchers", b.Text)
				}
				if own := keywords.ScanShared(b.Text); !reflect.DeepEqual(*f, own) {
					t.Errorf("pass of %q is %+v, want %+v", b.Text, *f, own)
				}
				got, want := g.ScanWith(b.Text, f), g.Scan(b.Text)
				for i := range 3 {
					if got.May(i) != want.May(i) {
						t.Errorf("%q: need %d: pass %v, own scan %v", b.Text, i, got.May(i), want.May(i))
					}
				}
			}
		})
	}
	wg.Wait()
	// What the document derives for its blocks it keeps by their place:
	// a block it does not hold gets its own.
	for _, b := range append(doc.Blocks, &document.Block{Text: "It CURES fast."}) {
		if got, want := doc.LowerText(b), asciiLower(b.Text); got != want {
			t.Errorf("LowerText(%q) = %q, want %q", b.Text, got, want)
		}
		if f, own := doc.Keywords(b), keywords.ScanShared(b.Text); !reflect.DeepEqual(*f, own) {
			t.Errorf("pass of %q is %+v, want %+v", b.Text, *f, own)
		}
	}
}

// asciiLower lower-cases the ASCII letters of s, as LowerText does.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}
