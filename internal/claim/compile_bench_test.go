package claim

import (
	"testing"
)

// BenchmarkCompile builds the claim patterns' match set from scratch, as
// the first claim.MayHold of a run does (issue 21 item 3): the
// expressions are parsed for their keywords, not compiled.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		newCompiled()
	}
}

// BenchmarkCompileAll is BenchmarkCompile, then every expression
// compiled, as a run whose texts hold every pattern's words would.
func BenchmarkCompileAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c := newCompiled()
		for i := range c.set.Len() {
			c.set.Regexp(i).MatchString("x")
		}
	}
}
