package bench

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/medlint/medlint/internal/document"
)

// craftedSizes are the three sizes every crafted shape is benchmarked at:
// with the guard, the time per MB stays flat from one to the next (a file
// over a limit stops being parsed where it goes over); a shape whose time
// per MB grows with the size has escaped it.
var craftedSizes = []int{64 << 10, 256 << 10, 1 << 20}

// BenchmarkCrafted parses each crafted shape at three sizes under the
// default limits, as medlint check does:
//
//	go test ./internal/bench -run '^$' -bench Crafted -benchtime 1x
func BenchmarkCrafted(b *testing.B) {
	for _, s := range Shapes {
		for _, size := range craftedSizes {
			src := OfSize(s, size)
			b.Run(fmt.Sprintf("%s/%dKB", s.Name, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				refused := 0.0
				for b.Loop() {
					_, err := document.Parse("crafted.md", src)
					var le *document.LimitError
					if errors.As(err, &le) {
						refused = 1
					} else if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/float64(len(src))*(1<<20)*1e3, "ms/MB")
				b.ReportMetric(refused, "refused")
			})
		}
	}
}

// BenchmarkParseCost measures what a step of the guard's work costs
// goldmark on each shape, with the limits out of the way: the weights of
// the charges (guard.go) keep it at about a nanosecond or less, so that
// max-parse-cost steps per byte bound the time per byte.
//
//	go test ./internal/bench -run '^$' -bench ParseCost -benchtime 1x
func BenchmarkParseCost(b *testing.B) {
	off := document.Limits{Nesting: 1 << 30, TableCells: 1 << 40, ParseCost: 1 << 30}
	for _, s := range Shapes {
		src := OfSize(s, 64<<10)
		b.Run(s.Name, func(b *testing.B) {
			steps := 0
			for b.Loop() {
				doc, err := document.ParseLimited("crafted.md", src, off)
				if err != nil {
					b.Fatal(err)
				}
				steps = doc.Usage.ParseCost
			}
			if steps > 0 {
				b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(steps), "ns/step")
			}
			b.ReportMetric(float64(steps)/float64(len(src)), "steps/B")
		})
	}
}

// TestShapes checks the crafted generators: deterministic, growing with
// their scale, OfSize the smallest scale of at least the size asked for.
func TestShapes(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, s := range Shapes {
		if seen[s.Name] {
			t.Errorf("two shapes named %s", s.Name)
		}
		seen[s.Name] = true
		if !bytes.Equal(s.Gen(20), s.Gen(20)) {
			t.Errorf("%s: not deterministic", s.Name)
		}
		if len(s.Gen(40)) <= len(s.Gen(20)) {
			t.Errorf("%s: %d bytes at 40, %d at 20", s.Name, len(s.Gen(40)), len(s.Gen(20)))
		}
		src := OfSize(s, 10000)
		if len(src) < 10000 {
			t.Errorf("%s: OfSize(10000) is %d bytes", s.Name, len(src))
		}
	}
	if got := Table(3, 2); string(got) != "|a|a|a|\n|-|-|-|\n|b|b|b|\n|b|b|b|\n" {
		t.Errorf("Table(3, 2) = %q", got)
	}
	if got := NestedList(3); string(got) != "- item\n  - item\n    - item\n" {
		t.Errorf("NestedList(3) = %q", got)
	}
}
