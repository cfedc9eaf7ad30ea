package bench

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
)

// BenchmarkMemory20MB measures the memory medlint check needs for one
// generated 20 MB article (issue 21 item 4: at most 10 times its size,
// and at most twice the bare goldmark parse of the same file), as figures
// per byte of input:
//
//   - peak-B/B: the most heap (live objects and garbage not yet swept)
//     seen during the run, sampled every 200µs; under "governed" the
//     collector is paced by medlint's governor, as medlint check runs,
//     under "tight" by GOGC=10, so that the peak is close to the most
//     memory the run holds live at once (what no pacing can go below);
//   - alloc-B/B: the bytes allocated;
//   - x-floor: the peak against the peak of a bare goldmark parse (GFM and
//     footnotes, as internal/bench/parsefloor) of the same file, under the
//     same pacing.
//
// Run it with
//
//	go test ./internal/bench -run '^$' -bench Memory20MB -benchtime 1x
//
// internal/bench/compare.sh measures the same article's peak RSS. Such a
// file is parsed in pieces (internal/document/pieces.go): the floor's
// whole goldmark tree is never alive in medlint.
func BenchmarkMemory20MB(b *testing.B) {
	src := Article(42, 20<<20)
	dir := b.TempDir()
	path := filepath.Join(dir, "big.md")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		b.Fatal(err)
	}
	cfg := config.Default(dir)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	for _, pacing := range []string{"governed", "tight"} {
		b.Run(pacing, func(b *testing.B) {
			var governor *engine.Governor
			defer restorePacing()()
			if pacing == "governed" {
				governor = engine.StartGovernor(engine.DefaultMemoryBudget)
			} else {
				debug.SetGCPercent(10)
			}
			floor, _ := peakHeap(func() {
				governor.Enter(len(src))
				root := md.Parser().Parse(text.NewReader(src))
				governor.Leave(len(src))
				runtime.KeepAlive(root)
			})
			var peak, alloc uint64
			for b.Loop() {
				p, a := peakHeap(func() {
					rep := engine.Run(engine.Options{Paths: []string{path}, Config: cfg, Now: now, WorkDir: dir, Governor: governor})
					if len(rep.Errors) > 0 {
						b.Fatal(rep.Errors[0])
					}
				})
				peak, alloc = max(peak, p), max(alloc, a)
			}
			n := float64(len(src))
			b.ReportMetric(float64(peak)/n, "peak-B/B")
			b.ReportMetric(float64(alloc)/n, "alloc-B/B")
			b.ReportMetric(float64(peak)/float64(floor), "x-floor")
		})
	}
}

// restorePacing returns a function restoring the collector's settings of
// now (a sub-benchmark changes them).
func restorePacing() func() {
	gc := debug.SetGCPercent(100)
	debug.SetGCPercent(gc)
	limit := debug.SetMemoryLimit(-1)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// peakHeap runs f after a collection and returns the most heap in use
// (objects, live or not yet swept, above what was live before) seen while
// it ran, and the bytes it allocated.
func peakHeap(f func()) (peak, alloc uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	base, allocs := sample[0].Value.Uint64(), sample[1].Value.Uint64()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(200 * time.Microsecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	metrics.Read(sample)
	return max(peak, base) - base, sample[1].Value.Uint64() - allocs
}
