package document_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/medlint/medlint/internal/document"
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
