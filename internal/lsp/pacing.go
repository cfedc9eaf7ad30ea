package lsp

import (
	"runtime/debug"

	"github.com/medlint/medlint/internal/engine"
)

// A language server lints one buffer again and again, and each lint's
// allocations are garbage by the next: the live heap is the buffers, the
// configurations and the memo of the last lints (6 MB with a buffer of
// 10,000 words), and under Go's default pacing (GOGC=100) the collector
// ran every two to four lints and took about a fifth of their CPU
// (BenchmarkRelint10kWords, interleaved rounds, 2026-12-08: 9.1-11.5 ms
// of CPU a lint against 6.5-8.2 with gcPercent 400, a median of 5.8-7.4
// ms against 3.9-5.3). A fixed budget, as medlint check's
// Governor keeps, was slower on the seed article (1.2-1.5 ms against
// 0.7-0.9): a heap that is seldom collected reaches fresh memory at every
// lint where a small one stays in the caches.
const (
	// gcPercent lets the heap grow to five times the live heap (30 MB
	// with that buffer) before a collection.
	gcPercent = 400
	// memoryLimit keeps a very large buffer (whose model alone is about
	// ten times its size) from growing the heap to five times that.
	memoryLimit = 512 << 20
)

// PaceCollector sets the garbage collector's pacing for the process of a
// language server (gcPercent, memoryLimit), unless the user tunes the
// collector with GOGC or GOMEMLIMIT (getenv reads the environment, as
// os.Getenv; engine.MemoryBudget applies the same rule to medlint check).
// The settings belong to the process: the command that serves calls it
// once. It returns a function that restores the settings it replaced.
func PaceCollector(getenv func(string) string) (restore func()) {
	if engine.MemoryBudget(getenv) == 0 {
		return func() {}
	}
	gc := debug.SetGCPercent(gcPercent)
	limit := debug.SetMemoryLimit(memoryLimit)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}
