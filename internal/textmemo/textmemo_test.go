package textmemo

import (
	"strings"
	"sync"
	"testing"
)

// counting returns a compute function and the number of its calls.
func counting() (func(string) int, *int) {
	calls := 0
	return func(s string) int { calls++; return len(s) }, &calls
}

func TestGetRemembersAcrossOneTurn(t *testing.T) {
	t.Parallel()
	kind := NewKind("len")
	compute, calls := counting()
	s := New()
	tests := []struct {
		name      string
		texts     []string
		wantCalls int // calls so far, after this lint
		wantLen   int // entries held after the Turn that ends it
	}{
		{"first lint computes every text", []string{"a", "bb", "a"}, 2, 2},
		{"second lint reads the first's", []string{"a", "bb"}, 2, 2},
		{"an edited text is computed", []string{"a", "bbx"}, 3, 2},
		{"what one lint skipped is gone", []string{"bb"}, 4, 1},
	}
	for _, tt := range tests {
		for _, text := range tt.texts {
			if got := Get(s, kind, text, compute); got != len(text) {
				t.Fatalf("%s: Get(%q) = %d", tt.name, text, got)
			}
		}
		s.Turn()
		if *calls != tt.wantCalls {
			t.Errorf("%s: %d computations, want %d", tt.name, *calls, tt.wantCalls)
		}
		if got := s.Len(); got != tt.wantLen {
			t.Errorf("%s: %d entries, want %d", tt.name, got, tt.wantLen)
		}
	}
}

func TestKindsDoNotMeet(t *testing.T) {
	t.Parallel()
	s := New()
	upper, lower := NewKind("upper"), NewKind("lower")
	if got := Get(s, upper, "Ab", strings.ToUpper); got != "AB" {
		t.Fatalf("upper = %q", got)
	}
	if got := Get(s, lower, "Ab", strings.ToLower); got != "ab" {
		t.Fatalf("lower read the other kind's entry: %q", got)
	}
	if upper.String() != "upper" {
		t.Errorf("String() = %q", upper.String())
	}
}

func TestNilStoreComputes(t *testing.T) {
	t.Parallel()
	compute, calls := counting()
	var s *Store
	for range 3 {
		Get(s, NewKind("len"), "abc", compute)
	}
	s.Turn()
	if *calls != 3 || s.Len() != 0 {
		t.Errorf("nil Store: %d calls, %d entries; want 3 and 0", *calls, s.Len())
	}
}

func TestGetIfRecomputesStale(t *testing.T) {
	t.Parallel()
	s := New()
	kind := NewKind("version")
	version := 1
	compute := func(string) int { return version }
	current := func(v int) bool { return v == version }
	if got := GetIf(s, kind, "t", current, compute); got != 1 {
		t.Fatalf("first = %d", got)
	}
	version = 2
	if got := GetIf(s, kind, "t", current, compute); got != 2 {
		t.Fatalf("stale entry returned: %d", got)
	}
	if got := GetIf(s, kind, "t", nil, compute); got != 2 {
		t.Fatalf("the fresh value was not remembered: %d", got)
	}
}

// TestConcurrentGet runs lints' lookups and Turns at once (for -race).
func TestConcurrentGet(t *testing.T) {
	t.Parallel()
	s := New()
	kind := NewKind("len")
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 200 {
				text := strings.Repeat("x", (w*i)%17)
				if got := Get(s, kind, text, func(s string) int { return len(s) }); got != len(text) {
					t.Errorf("Get(%q) = %d", text, got)
				}
				if i%50 == 0 {
					s.Turn()
				}
			}
		})
	}
	wg.Wait()
}
