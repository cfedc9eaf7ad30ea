package engine

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/medlint/medlint/internal/config"
)

// parallelMin is the source size from which a file's rules may run in
// parallel: below it, starting goroutines costs more than it saves, and a
// run of many files keeps every CPU busy with files anyway.
const parallelMin = 256 << 10

// cpuPool counts the CPUs of a run that no worker is using: there are
// fewer files than jobs, or the workers have run out of files. A worker
// linting a large file borrows them to run its rules in parallel, so that
// one large article does not leave all but one CPU idle.
type cpuPool struct {
	free atomic.Int64
	// from is the source size from which a file's rules may borrow.
	from int
}

func newCPUPool(free int) *cpuPool { return newCPUPoolFrom(free, parallelMin) }

// newCPUPoolFrom is newCPUPool for files of from bytes or more.
func newCPUPoolFrom(free, from int) *cpuPool {
	p := &cpuPool{from: from}
	p.free.Store(int64(free))
	return p
}

// editorParallelMin is the source size from which the rules of an
// editor's buffer (LintSource with CPUs) run in parallel: the writer
// waits for that one file, and the other CPUs are idle.
const editorParallelMin = 16 << 10

// take borrows up to n CPUs without waiting and returns how many it got.
func (p *cpuPool) take(n int) int {
	if p == nil {
		return 0
	}
	for {
		free := p.free.Load()
		k := min(free, int64(n))
		if k <= 0 {
			return 0
		}
		if p.free.CompareAndSwap(free, free-k) {
			return int(k)
		}
	}
}

// give returns n CPUs to the pool.
func (p *cpuPool) give(n int) {
	if p != nil {
		p.free.Add(int64(n))
	}
}

// forEachRule calls run(i) once for every active rule: one after the other
// in a small file or when no CPU is free, else on this goroutine and as
// many borrowed CPUs as the pool lends, costliest rules first (by the time
// each took per byte on the large files linted so far in this process) so
// that the longest one does not start last. run must be safe to
// call concurrently for different i; the caller merges by i, so the result
// does not depend on the schedule.
func forEachRule(active []config.Active, size int, cpus *cpuPool, run func(i int)) {
	helpers := 0
	if cpus != nil && size >= cpus.from && len(active) > 1 {
		helpers = cpus.take(len(active) - 1)
	}
	if helpers == 0 {
		for i := range active {
			run(i)
		}
		return
	}
	defer cpus.give(helpers)
	order := make([]int, len(active))
	for i := range order {
		order[i] = i
	}
	costs := make([]int64, len(active))
	for i, a := range active {
		costs[i] = ruleCost(a.Rule.Meta().ID)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(costs[b], costs[a])
	})
	var next atomic.Int64
	work := func() {
		for {
			k := int(next.Add(1)) - 1
			if k >= len(order) {
				return
			}
			start := time.Now()
			run(order[k])
			recordCost(active[order[k]].Rule.Meta().ID, time.Since(start), size)
		}
	}
	var wg sync.WaitGroup
	for range helpers {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// ruleCosts holds, per rule id, the last measured nanoseconds per
// kilobyte of a large file (an *atomic.Int64). It only orders the work; no
// result depends on it.
var ruleCosts sync.Map

func ruleCost(id string) int64 {
	if v, ok := ruleCosts.Load(id); ok {
		return v.(*atomic.Int64).Load()
	}
	return 0
}

func recordCost(id string, took time.Duration, size int) {
	perKB := took.Nanoseconds() / int64(max(size>>10, 1))
	v, _ := ruleCosts.LoadOrStore(id, new(atomic.Int64))
	v.(*atomic.Int64).Store(perKB)
}
