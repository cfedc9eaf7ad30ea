package engine

import (
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/bench"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

func defaultActive(t *testing.T) []config.Active {
	t.Helper()
	active, err := config.Default(".").Resolve("article.md")
	if err != nil {
		t.Fatal(err)
	}
	return active
}

// TestForEachRule checks that every rule runs once, on borrowed CPUs only
// for a large file, and that the CPUs go back to the pool.
func TestForEachRule(t *testing.T) {
	t.Parallel()
	active := defaultActive(t)
	for _, tc := range []struct {
		name      string
		size      int
		free      int
		borrowing bool
	}{
		{"small file", parallelMin - 1, 3, false},
		{"no free CPU", parallelMin, 0, false},
		{"large file", parallelMin, 3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pool := newCPUPool(tc.free)
			runs := make([]atomic.Int32, len(active))
			var borrowed atomic.Bool
			forEachRule(active, tc.size, pool, func(i int) {
				runs[i].Add(1)
				if pool.free.Load() < int64(tc.free) {
					borrowed.Store(true)
				}
			})
			for i := range runs {
				if n := runs[i].Load(); n != 1 {
					t.Errorf("rule %s ran %d times", active[i].Rule.Meta().ID, n)
				}
			}
			if borrowed.Load() != tc.borrowing {
				t.Errorf("borrowed CPUs: %v, want %v", borrowed.Load(), tc.borrowing)
			}
			if got := pool.free.Load(); got != int64(tc.free) {
				t.Errorf("%d CPUs free after the run, want %d", got, tc.free)
			}
		})
	}
}

// TestParallelRulesMatchSequential lints a large generated article with
// its rules in parallel and one after the other: the findings must be the
// same, in the same order (run with -race, this also checks that the rules
// share the document safely).
func TestParallelRulesMatchSequential(t *testing.T) {
	t.Parallel()
	doc, err := document.Parse("article.md", bench.Article(7, parallelMin+(64<<10)))
	if err != nil {
		t.Fatal(err)
	}
	active := defaultActive(t)
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	known := func(id string) bool { _, ok := lint.Lookup(id); return ok }
	seq := lintDocument(doc, active, now, known, nil, article.Input{})
	doc2, err := document.Parse("article.md", doc.Source)
	if err != nil {
		t.Fatal(err)
	}
	par := lintDocument(doc2, active, now, known, newCPUPool(3), article.Input{})
	if len(seq.Findings) == 0 {
		t.Fatal("no findings: the article should hold some")
	}
	if !reflect.DeepEqual(seq, par) {
		t.Errorf("parallel run differs: %d findings, %d sequentially", len(par.Findings), len(seq.Findings))
	}
}
