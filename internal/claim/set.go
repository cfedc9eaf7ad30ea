package claim

import (
	"regexp"

	"github.com/medlint/medlint/internal/match"
)

// patternSet holds every pattern, then dosePattern (at doseIndex): one
// keyword pass over a sentence tells which of them can match it (package
// match derives the words each needs from the expression).
var patternSet = func() *match.Set {
	res := make([]*regexp.Regexp, 0, len(patterns)+1)
	for _, p := range patterns {
		res = append(res, p.re)
	}
	return match.FromRegexps(append(res, dosePattern)...)
}()

// doseIndex is dosePattern's index in patternSet.
var doseIndex = len(patterns)

// MayHold reports whether Find may return a signal for some sentence of
// text (a block's text, of which sentences are substrings): false means it
// returns none for any. Every word a pattern needs that a sentence holds
// the block holds too, so the block is scanned once and a block without
// claim wording (most blocks) is not split into sentences at all.
func MayHold(text string) bool {
	sc := patternSet.Scan(SameLengthSpaces(text))
	return sc.Any()
}
