package engine

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// perSourceByte is the heap a file being linted may need per byte of its
// source (goldmark's AST, the document model, the rules' working sets):
// measured at about 17 on a generated 10 MB article, doubled for margin.
const perSourceByte = 32

// governor paces the garbage collector by a memory budget instead of
// GOGC's "collect when the heap has doubled". While linting a corpus only
// the findings stay alive, so the live heap is small and GOGC would
// collect every few files: the governor turns GOGC off and sets a soft
// memory limit of
//
//	max(budget, 2 x the live heap) + room for the files being linted
//
// so the collector runs when the budget is reached: memory stays flat as
// the corpus grows, the collector runs less, and a large file or a live
// heap past the budget (a huge corpus's findings) raises the limit rather
// than making the collector thrash.
type governor struct {
	mu       sync.Mutex
	budget   int64
	inflight int64
	live     int64
	sample   []metrics.Sample
	// prevPercent and prevLimit are restored by stop.
	prevPercent int
	prevLimit   int64
}

// startGovernor takes over the collector's pacing with the given budget
// in bytes; stop gives it back.
func startGovernor(budget int64) *governor {
	g := &governor{budget: budget, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	g.prevLimit = debug.SetMemoryLimit(-1)
	g.apply()
	g.prevPercent = debug.SetGCPercent(-1)
	return g
}

// enter reserves room for a file of size bytes about to be parsed.
func (g *governor) enter(size int) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight += int64(size) * perSourceByte
	g.apply()
}

// leave releases the room of a file done and rereads the live heap.
func (g *governor) leave(size int) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight -= int64(size) * perSourceByte
	metrics.Read(g.sample)
	if v := g.sample[0].Value; v.Kind() == metrics.KindUint64 {
		g.live = int64(min(v.Uint64(), math.MaxInt64/4))
	}
	g.apply()
}

// limit is the memory limit for the current state.
func (g *governor) limit() int64 {
	return max(g.budget, 2*g.live) + g.inflight
}

func (g *governor) apply() { debug.SetMemoryLimit(g.limit()) }

// stop restores the collector's settings from before startGovernor.
func (g *governor) stop() {
	if g == nil {
		return
	}
	debug.SetGCPercent(g.prevPercent)
	debug.SetMemoryLimit(g.prevLimit)
}
