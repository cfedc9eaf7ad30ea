package engine

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/medlint/medlint/internal/config"
)

// TestGovernor checks the limit's arithmetic and that stop gives the
// collector its settings back. Not parallel: it changes process-wide
// settings.
func TestGovernor(t *testing.T) {
	prevPercent := debug.SetGCPercent(150)
	prevLimit := debug.SetMemoryLimit(1 << 40)
	defer func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}()

	g := startGovernor(64 << 20)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("GOGC under the governor = %d, want off", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 64<<20 {
		t.Errorf("limit = %d, want the budget %d", l, 64<<20)
	}
	g.enter(1 << 20)
	if l := debug.SetMemoryLimit(-1); l != 64<<20+perSourceByte<<20 {
		t.Errorf("limit with a 1 MB file in flight = %d, want %d", l, 64<<20+perSourceByte<<20)
	}
	g.leave(1 << 20)
	if g.inflight != 0 || g.live <= 0 {
		t.Errorf("after leave: inflight %d, live heap %d; want 0 and the heap read", g.inflight, g.live)
	}
	g.live = 100 << 20 // a live heap past half the budget
	if got := g.limit(); got != 200<<20 {
		t.Errorf("limit with 100 MB live = %d, want twice the live heap", got)
	}
	g.stop()
	if p := debug.SetGCPercent(-1); p != 150 {
		t.Errorf("GOGC after stop = %d, want 150", p)
	}
	debug.SetGCPercent(150)
	if l := debug.SetMemoryLimit(-1); l != 1<<40 {
		t.Errorf("limit after stop = %d, want %d", l, int64(1)<<40)
	}
}

// TestGovernorNil checks that a run without a budget leaves the collector
// alone: a nil governor's methods change neither GOGC nor the memory
// limit, and Run with no MemoryBudget keeps both, during the run and
// after it, where a budget changes them (so the probe can see a change).
// Not parallel: it changes process-wide settings.
func TestGovernorNil(t *testing.T) {
	const percent, limit = 137, int64(3 << 30)
	prevPercent := debug.SetGCPercent(percent)
	prevLimit := debug.SetMemoryLimit(limit)
	defer func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}()
	settings := func() (int, int64) {
		p := debug.SetGCPercent(percent) // reads it, and puts back what a governor's change was
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}

	var g *governor
	g.enter(10 << 20)
	g.leave(10 << 20)
	g.stop()
	if p, l := settings(); p != percent || l != limit {
		t.Errorf("after a nil governor's enter, leave and stop: GOGC %d, limit %d; want %d and %d untouched", p, l, percent, limit)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, budget := range []int64{0, 64 << 20} {
		var during [2]int64
		rep := Run(Options{Paths: []string{dir}, WorkDir: dir, Config: config.Default(dir), Jobs: 1, MemoryBudget: budget,
			LintFile: func(File) FileResult {
				p, l := settings()
				during = [2]int64{int64(p), l}
				return FileResult{}
			}})
		if rep.Files != 1 {
			t.Fatalf("budget %d: %d files linted, want 1", budget, rep.Files)
		}
		untouched := during == [2]int64{percent, limit}
		if budget == 0 && !untouched {
			t.Errorf("a run without a budget changed the collector: GOGC %d, limit %d during the run; want %d and %d", during[0], during[1], percent, limit)
		}
		if budget != 0 && untouched {
			t.Errorf("a run with a budget of %d left GOGC and the limit as they were: the probe sees nothing", budget)
		}
		if p, l := settings(); p != percent || l != limit {
			t.Errorf("budget %d: after the run GOGC %d, limit %d; want %d and %d", budget, p, l, percent, limit)
		}
	}
}
