package memo

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestGetComputesOncePerKey(t *testing.T) {
	t.Parallel()
	var m Map[string, int]
	var calls atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if got := m.Get("a", func() int { calls.Add(1); return 1 }); got != 1 {
					t.Errorf("Get = %d, want 1", got)
				}
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n < 1 || n > 8 {
		t.Errorf("computed %d times, want once (at most once per racing caller)", n)
	}
	// compute may call Get (the document's facts derive from each other).
	if got := m.Get("b", func() int { return m.Get("a", nil) + 1 }); got != 2 {
		t.Errorf("nested Get = %d, want 2", got)
	}
}

func TestBound(t *testing.T) {
	t.Parallel()
	m := Map[int, int]{Bound: 2}
	for i := range 5 {
		m.Get(i, func() int { return i })
	}
	if len(m.m) > 2 {
		t.Errorf("%d keys held, want at most 2", len(m.m))
	}
	computed := false
	m.Get(0, func() int { computed = true; return 0 })
	if !computed {
		t.Error("a key dropped with the bound was not computed again")
	}
}
