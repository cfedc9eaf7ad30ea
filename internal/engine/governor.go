package engine

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// DefaultMemoryBudget is the heap medlint lets grow before collecting
// garbage (StartGovernor): peak RSS stays near it on a corpus of any
// size, under issue 8's 150 MB. internal/bench/parsefloor runs the floor
// medlint is compared with under the same budget.
const DefaultMemoryBudget = 96 << 20

// MemoryBudget is the budget medlint's commands pace the collector by:
// DefaultMemoryBudget, or 0 (Go's own pacing, no Governor) when the user
// tunes the collector with GOGC or GOMEMLIMIT. getenv reads the
// environment (os.Getenv). internal/bench/parsefloor applies the same
// policy, so the floor runs as medlint would.
func MemoryBudget(getenv func(string) string) int64 {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return 0
	}
	return DefaultMemoryBudget
}

// perSourceByte is the heap a file being linted may need per byte of its
// source (the document model, what goldmark's tree keeps of it, the
// rules' working sets): the most held live at once on a generated 20 MB
// article is about 11 bytes a byte (GODEBUG=gctrace=1 GOGC=10 medlint
// check: 234 MB; 12 before a Block shrank from 320 bytes to 160) since a
// large file is parsed in pieces and its tree keeps only its blocks
// (internal/document/pieces.go; 18 before, of which goldmark's whole tree
// was 9), and the budget's room for garbage comes on top. It sets a large
// file's peak RSS: 14 gives 400 MB on that article for the CPU time 20
// took before the pieces (529 MB); 16 gave 444 MB for about 3% less CPU,
// 12 361 MB for about 10% more, and 13 gives 379-383 MB for 7-8
// collections instead of 6.
const perSourceByte = 14

// Governor paces the garbage collector by a memory budget instead of
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
//
// The collector's settings belong to the process, so a Governor belongs
// to the command, not to a run: the command starts one, once, when it
// starts, and hands it to every run through Options.Governor; runs only
// tell it about the files they read (Enter and Leave: Run does, and so
// must a caller carrying out a Plan itself). Nothing restores the settings (a
// restore by one of several concurrent runs would undo another's). Run
// without a Governor changes no process-wide setting. A nil *Governor is
// valid and does nothing.
type Governor struct {
	mu       sync.Mutex
	budget   int64
	inflight int64
	live     int64
	sample   []metrics.Sample
}

// StartGovernor takes over the collector's pacing for the rest of the
// process with the given budget in bytes. It is meant to be called once
// per process, before the first run: two Governors would fight over the
// memory limit.
func StartGovernor(budget int64) *Governor {
	g := &Governor{budget: budget, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	g.mu.Lock()
	defer g.mu.Unlock()
	// The limit first: with GOGC off and no limit the heap is unbounded.
	g.apply()
	debug.SetGCPercent(-1)
	return g
}

// Enter reserves room for a file of size bytes about to be parsed (a
// file Plan.Read returned, before linting or fixing it); Leave releases
// it.
func (g *Governor) Enter(size int) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight += int64(size) * perSourceByte
	g.apply()
}

// Leave releases the room of a file done (Enter's) and rereads the live
// heap.
func (g *Governor) Leave(size int) {
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
func (g *Governor) limit() int64 {
	return max(g.budget, 2*g.live) + g.inflight
}

// apply sets the memory limit; g.mu must be held, so that the last limit
// set is the one of the current state.
func (g *Governor) apply() { debug.SetMemoryLimit(g.limit()) }
