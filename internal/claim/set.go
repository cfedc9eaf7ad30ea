package claim

import (
	"sync"

	"github.com/medlint/medlint/internal/keywords"
	"github.com/medlint/medlint/internal/match"
)

// compiledPatterns are the claim patterns, the dose pattern and their
// match set: one keyword pass over a sentence tells which of them can
// match it (package match derives the words each needs from the
// expression).
type compiledPatterns struct {
	patterns []pattern
	// set holds every pattern, then the dose pattern (at doseIndex).
	set *match.Set
}

// doseIndex is the dose pattern's index in set.
func (c *compiledPatterns) doseIndex() int { return len(c.patterns) }

// compiled returns the patterns' match set, built on first use: a program
// that never looks for a claim (medlint version, a run of other rules)
// does not pay for it. Building it reads the expressions' syntax (for
// their keywords); each is compiled when a text first holds its words.
var compiled = sync.OnceValue(newCompiled)

func newCompiled() *compiledPatterns {
	c := &compiledPatterns{patterns: newPatterns()}
	exprs := make([]string, 0, len(c.patterns)+1)
	for _, p := range c.patterns {
		exprs = append(exprs, p.expr)
	}
	c.set = match.MustCompile(append(exprs, newDosePattern())...)
	return c
}

// Prepare builds the patterns' match set now rather than at the first
// MayHold or Find: for a rule's Prepare, which the configuration runs for
// all the rules at once, on every CPU, before the first document.
func Prepare() { compiled() }

// MayHold reports whether Find may return a signal for some sentence of
// text (a block's text, of which sentences are substrings): false means it
// returns none for any. Every word a pattern needs that a sentence holds
// the block holds too, so the block is scanned once and a block without
// claim wording (most blocks) is not split into sentences at all.
//
// A pattern whose words the block holds must also match the block: a
// match in a sentence is one in the block too (a sentence is trimmed and
// stands between spaces or at an end of the block, so \b and \B read the
// same at its edges, and no pattern is anchored). Many blocks hold a
// digit or a capitalised acronym, the only words a dose or an
// organisation's statement needs, and no claim: one run of those
// patterns over the block spares splitting it and trying every pattern
// on each of its sentences.
func MayHold(text string) bool { return MayHoldWith(text, nil) }

// MayHoldWith is MayHold, reading found (keywords.ScanShared's pass over
// text, such as document.Block.Keywords) instead of scanning text again
// when it can; found may be nil.
func MayHoldWith(text string, found *keywords.Found) bool {
	sc := compiled().set.ScanWith(SameLengthSpaces(text), found)
	return sc.Any() && sc.MatchAny()
}

// MayHoldWords is MayHold by the patterns' words alone: for a text of
// which the sentences are not substrings (a table cell's text after its
// column header: a match may span the two).
func MayHoldWords(text string) bool {
	sc := compiled().set.Scan(SameLengthSpaces(text))
	return sc.Any()
}
