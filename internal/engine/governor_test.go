package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
)

// gcSettings sets GOGC and the memory limit and returns a function that
// reports the values in force then and puts the previous ones back.
func gcSettings(percent int, limit int64) (read func() (int, int64), restore func()) {
	prevPercent := debug.SetGCPercent(percent)
	prevLimit := debug.SetMemoryLimit(limit)
	read = func() (int, int64) {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}
	restore = func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
	return read, restore
}

// TestGovernor checks the limit's arithmetic and that StartGovernor takes
// the collector over. Not parallel: it changes process-wide settings.
func TestGovernor(t *testing.T) {
	read, restore := gcSettings(150, 1<<40)
	defer restore()

	g := StartGovernor(64 << 20)
	if p, l := read(); p != -1 || l != 64<<20 {
		t.Errorf("under the governor: GOGC %d, limit %d; want off and the budget %d", p, l, 64<<20)
	}
	g.Enter(1 << 20)
	if _, l := read(); l != 64<<20+perSourceByte<<20 {
		t.Errorf("limit with a 1 MB file in flight = %d, want %d", l, 64<<20+perSourceByte<<20)
	}
	runtime.GC() // the live heap is known once a cycle has ended; a test binary may not have run one yet
	g.Leave(1 << 20)
	if g.inflight != 0 || g.live <= 0 {
		t.Errorf("after leave: inflight %d, live heap %d; want 0 and the heap read", g.inflight, g.live)
	}
	g.live = 100 << 20 // a live heap past half the budget
	if got := g.limit(); got != 200<<20 {
		t.Errorf("limit with 100 MB live = %d, want twice the live heap", got)
	}
}

// TestGovernorNil checks that a nil governor does nothing.
func TestGovernorNil(t *testing.T) {
	t.Parallel()
	var g *Governor
	g.Enter(10)
	g.Leave(10)
}

// gcCorpus writes a few articles for the runs below.
func gcCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i := range 8 {
		src := fmt.Sprintf("# Article %d\n\n## A\n\n## A\n\nThis tea cures cancer.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.md", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// concurrentRuns runs rounds of four concurrent runs over dir, calling
// after at the end of each round.
func concurrentRuns(dir string, gov *Governor, after func(round int)) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for round := range 30 {
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				Run(Options{Paths: []string{dir}, Config: config.Default(dir), Now: now, WorkDir: dir, Jobs: 2, Governor: gov})
			})
		}
		wg.Wait()
		after(round)
	}
}

// TestConcurrentRunsLeaveGCSettings is issue 15's item 9: Run turned the
// collector off and restored it at the end, so that four concurrent runs
// left GOGC off most of the time. A library caller's runs change no
// process-wide setting. Not parallel: it reads process-wide settings.
func TestConcurrentRunsLeaveGCSettings(t *testing.T) {
	const percent, limit = 137, 3 << 30
	read, restore := gcSettings(percent, limit)
	defer restore()
	concurrentRuns(gcCorpus(t), nil, func(round int) {
		if p, l := read(); p != percent || l != limit {
			t.Fatalf("round %d: after 4 concurrent runs GOGC = %d and the memory limit %d, want %d and %d untouched", round, p, l, percent, limit)
		}
	})
}

// TestConcurrentRunsShareTheGovernor checks that concurrent runs sharing
// the command's governor keep the collector off and give back the room of
// every file they read. Not parallel: it changes process-wide settings.
func TestConcurrentRunsShareTheGovernor(t *testing.T) {
	read, restore := gcSettings(100, 1<<40)
	defer restore()
	gov := StartGovernor(64 << 20)
	concurrentRuns(gcCorpus(t), gov, func(round int) {
		p, l := read()
		gov.mu.Lock()
		inflight, want := gov.inflight, gov.limit()
		gov.mu.Unlock()
		if p != -1 || inflight != 0 || l != want {
			t.Fatalf("round %d: GOGC %d, %d bytes in flight, limit %d; want off, 0 and %d", round, p, inflight, l, want)
		}
	})
}

func TestMemoryBudget(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		want int64
	}{
		{nil, DefaultMemoryBudget},
		{map[string]string{"GOGC": "off"}, 0},
		{map[string]string{"GOMEMLIMIT": "512MiB"}, 0},
		{map[string]string{"GOGC": "100", "GOMEMLIMIT": "1GiB"}, 0},
	} {
		if got := MemoryBudget(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("MemoryBudget with %v = %d, want %d", tc.env, got, tc.want)
		}
	}
}
