package engine

import (
	"runtime/debug"
	"testing"
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
// alone.
func TestGovernorNil(t *testing.T) {
	t.Parallel()
	var g *governor
	g.enter(10)
	g.leave(10)
	g.stop()
}
