package article

import (
	"strings"
	"sync"

	"github.com/medlint/medlint/internal/match"
	"github.com/medlint/medlint/internal/textmemo"
)

// The disclaimer's patterns sit behind one match.Set, whose prefilter
// words come from the expressions themselves: FindDisclaimer and
// IsDisclaimer skip the blocks that hold none of a pattern's words without
// normalising them or running a regular expression. It changes no result,
// only the time taken: most blocks of most articles hold none of the
// words. The words are letter-and-digit runs (match.FromRegexpsWords), so
// the raw text can be scanned: normalisation changes only case,
// punctuation and spacing, except that it drops '*' ("sub*stitute"), so
// text holding '*' is normalised before the scan.

// disclaimerReplacer folds typographic apostrophes, quotes and no-break
// spaces and drops emphasis markers left in plain text.
var disclaimerReplacer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`, "\u00a0", " ", "*", "", "_", " ")

// disclaimerMatcher holds the patterns of one run: the label, then the
// "not advice" patterns, then the "consult" ones, in one Set.
type disclaimerMatcher struct {
	set *match.Set
	// consult is the index of the first "consult" pattern.
	consult int
	// reads is the matcher's entry in document.Document.Texts (read).
	reads *textmemo.Kind
}

// labelPattern is the label's index in disclaimerMatcher.set.
const labelPattern = 0

// builtinDisclaimer returns the matcher of the built-in patterns, built on
// first use: its keyword index costs a few milliseconds that a run which
// never looks for a disclaimer (medlint version) does not pay at start-up.
var builtinDisclaimer = sync.OnceValue(func() *disclaimerMatcher { return newDisclaimerMatcher(notAdviceExprs, consultExprs) })

// newDisclaimerMatcher builds the matcher of the "not advice" and
// "consult" expressions, which compile (each is compiled when first used).
func newDisclaimerMatcher(notAdvice, consult []string) *disclaimerMatcher {
	exprs := append(append([]string{disclaimerLabel.String()}, notAdvice...), consult...)
	return &disclaimerMatcher{set: match.MustCompileWords(exprs...), consult: 1 + len(notAdvice), reads: textmemo.NewKind("disclaimer read")}
}

// scan reads a block's raw text once for the patterns' words.
func (m *disclaimerMatcher) scan(text string) match.Scanned {
	if strings.IndexByte(text, '*') >= 0 {
		text = normalizeDisclaimerText(text)
	}
	return m.set.Scan(text)
}

// may reports whether a pattern of indexes [lo, hi) may match the
// scanned text: false means none can.
func (m *disclaimerMatcher) may(sc *match.Scanned, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if sc.May(i) {
			return true
		}
	}
	return false
}

// matches reports whether a pattern of indexes [lo, hi) that the scan
// left open matches the normalised text t.
func (m *disclaimerMatcher) matches(sc *match.Scanned, lo, hi int, t string) bool {
	for i := lo; i < hi; i++ {
		if sc.May(i) && m.set.Regexp(i).MatchString(t) {
			return true
		}
	}
	return false
}

// notAdvice, consultOf and label are matches over the three parts.
func (m *disclaimerMatcher) notAdvice(sc *match.Scanned, t string) bool {
	return m.matches(sc, 1, m.consult, t)
}

func (m *disclaimerMatcher) consultOf(sc *match.Scanned, t string) bool {
	return m.matches(sc, m.consult, m.set.Len(), t)
}

func (m *disclaimerMatcher) label(sc *match.Scanned, t string) bool {
	return m.matches(sc, labelPattern, labelPattern+1, t)
}

// relevant reports whether the scanned text may match a pattern or the
// label: false means it can match none.
func (m *disclaimerMatcher) relevant(sc *match.Scanned) bool { return sc.Any() }

// mayBeDisclaimer reports whether IsDisclaimer may hold for the scanned
// text: it needs a "not advice" pattern, or the label and a "consult"
// pattern.
func (m *disclaimerMatcher) mayBeDisclaimer(sc *match.Scanned) bool {
	return m.may(sc, 1, m.consult) || sc.May(labelPattern) && m.may(sc, m.consult, m.set.Len())
}
