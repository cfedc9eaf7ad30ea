package engine

import (
	"math/rand/v2"
	"testing"

	"github.com/medlint/medlint/internal/document"
)

// TestDirectiveIndexMatchesScan compares the indexed lookup with reading
// every directive, on random directives in line order and out of it.
func TestDirectiveIndexMatchesScan(t *testing.T) {
	t.Parallel()
	kinds := []document.DirectiveKind{
		document.DirectiveDisable, document.DirectiveEnable, document.DirectiveDisableLine,
		document.DirectiveDisableNextLine, document.DirectiveDisableFile,
	}
	rules := [][]string{nil, {"a"}, {"b"}, {"a", "b"}}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 2000 {
		var dirs []*document.Directive
		line := 1
		for range r.IntN(8) {
			kind := kinds[r.IntN(len(kinds)-1)]
			if r.IntN(20) == 0 {
				kind = document.DirectiveDisableFile
			}
			if round%3 == 0 {
				line = 1 + r.IntN(20) // out of order
			} else {
				line += r.IntN(4)
			}
			dirs = append(dirs, &document.Directive{Kind: kind, Rules: rules[r.IntN(len(rules))], Line: line, EndLine: line + r.IntN(2)})
		}
		for _, rule := range []string{"a", "b", "c"} {
			rd := indexDirectives(dirs, rule)
			for l := 1; l <= 25; l++ {
				if got, want := rd.suppressed(l), suppressed(dirs, rule, l); got != want {
					t.Fatalf("round %d, rule %s, line %d: indexed %v, scan %v", round, rule, l, got, want)
				}
			}
		}
	}
}
