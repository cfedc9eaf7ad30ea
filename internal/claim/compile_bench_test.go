package claim

import (
	"regexp"
	"testing"

	"github.com/medlint/medlint/internal/match"
)

// BenchmarkCompile builds the claim patterns and their match set from
// scratch, as the first claim.MayHold of a run does (issue 21 item 3).
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c := &compiledPatterns{patterns: newPatterns(), dose: newDosePattern()}
		res := make([]*regexp.Regexp, 0, len(c.patterns)+1)
		for _, p := range c.patterns {
			res = append(res, p.re)
		}
		c.set = match.FromRegexps(append(res, c.dose)...)
	}
}

// BenchmarkCompileSet is BenchmarkCompile without parsing the
// expressions: the match set (keyword automaton, fast matchers) alone.
func BenchmarkCompileSet(b *testing.B) {
	c := &compiledPatterns{patterns: newPatterns(), dose: newDosePattern()}
	res := make([]*regexp.Regexp, 0, len(c.patterns)+1)
	for _, p := range c.patterns {
		res = append(res, p.re)
	}
	res = append(res, c.dose)
	b.ReportAllocs()
	for b.Loop() {
		match.FromRegexps(res...)
	}
}
