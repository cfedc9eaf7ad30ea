package cli

import (
	"runtime/debug"
	"sync"
	"testing"

	"github.com/medlint/medlint/internal/engine"
)

func TestMemoryBudgetRespectsGoSettings(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		want int64
	}{
		{nil, engine.DefaultMemoryBudget},
		{map[string]string{"GOGC": "200"}, 0},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, 0},
	} {
		e := &env{getenv: func(k string) string { return tc.env[k] }}
		if got := e.memoryBudget(); got != tc.want {
			t.Errorf("memoryBudget with %v = %d, want %d", tc.env, got, tc.want)
		}
		if g := e.governor(); (g == nil) != (tc.want == 0) {
			t.Errorf("governor with %v = %v, want one only with a budget", tc.env, g)
		}
	}
}

// TestCommandOwnsTheCollector is issue 15's item 9 as the command sees it:
// concurrent check runs in one process (as tests and library callers
// make) share one governor that the first started, and no run restores
// the collector's settings behind the others' backs, so that GOGC stays
// off after every round. v0.1.0 restored GOGC at the end of each run.
// Not parallel: it reads process-wide settings.
func TestCommandOwnsTheCollector(t *testing.T) {
	dir := t.TempDir()
	shardArticles(t, dir, 12)
	for round := range 10 {
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if r := medlint(t, dir, "", "check", "--now", "2026-11-25", "--no-cache", "."); r.code > ExitFindings { // findings or none: only the collector matters here
					t.Errorf("exit %d: %s", r.code, r.stderr)
				}
			})
		}
		wg.Wait()
		if p := debug.SetGCPercent(-1); p != -1 {
			t.Fatalf("round %d: GOGC = %d after concurrent runs, want off (set once by the command, never restored)", round, p)
		}
	}
	a, b := (&env{getenv: func(string) string { return "" }}).governor(), (&env{getenv: func(string) string { return "" }}).governor()
	if a == nil || a != b {
		t.Fatalf("governors %p and %p: want one per process", a, b)
	}
}
