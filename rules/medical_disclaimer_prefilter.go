package rules

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/medlint/medlint/internal/keywords"
)

// The prefilter below lets medical-disclaimer (and IsDisclaimer) skip the
// blocks that cannot hold a disclaimer without normalising them or running
// a regular expression: every built-in pattern needs some words (AND of
// ORs of lower-case ASCII words), and a block whose text lacks them cannot
// match. It changes no result, only the time taken: most blocks of most
// articles hold none of the words.

// disclaimerReplacer folds typographic apostrophes, quotes and no-break
// spaces and drops emphasis markers left in plain text.
var disclaimerReplacer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`, "\u00a0", " ", "*", "", "_", " ")

// collapseASCIISpaces replaces each run of the characters regexp's \s
// matches (tab, newline, form feed, carriage return, space) by one space.
func collapseASCIISpaces(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	// Fast path: nothing but single spaces.
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && isSpace(c) || c == ' ' && i+1 < len(s) && isSpace(s[i+1]) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if !isSpace(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteByte(' ')
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	return b.String()
}

// wordNeed is a conjunction of alternatives: text satisfies it when, for
// every group, it contains at least one of the group's words.
type wordNeed [][]string

func (n wordNeed) satisfied(lower string) bool {
	for _, group := range n {
		found := false
		for _, w := range group {
			if strings.Contains(lower, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// gatedPattern is a pattern with the words every match contains (nil for
// a user pattern: always tried).
type gatedPattern struct {
	re   *regexp.Regexp
	need wordNeed
}

type gatedPatterns []gatedPattern

// match reports whether any pattern matches the normalised text t. The
// need is checked on t itself, which is what the patterns see.
func (ps gatedPatterns) match(t string) bool {
	for _, p := range ps {
		if (p.need == nil || p.need.satisfied(t)) && p.re.MatchString(t) {
			return true
		}
	}
	return false
}

// builtinDisclaimerNeeds gives, for each built-in pattern, words every one
// of its matches contains (see the patterns in medical_disclaimer.go).
// disclaimer_prefilter_test.go checks on the corpora that a block failing
// the need never matches.
var builtinDisclaimerNeeds = func() map[*regexp.Regexp]wordNeed {
	clinical := []string{"medical", "professional", "health", "clinical"}
	needs := []wordNeed{
		// not/no ... substitute|replacement for ... medical|professional|...
		{{"no"}, {"substitute", "replacement"}, append([]string{"doctor", "physician"}, clinical...)},
		// not ... medical advice
		{{"not"}, {"advice"}},
		// doesn't constitute ... medical advice|care|...
		{{"constitute", "provide", "give", "offer", "replace", "represent"}, clinical, {"advice", "care", "consultation", "diagnosis", "treatment"}},
		// for informational purposes only
		{{"for"}, {"inform", "educat"}, {"only"}},
		// not intended to diagnose|replace
		{{"not"}, {"intended", "meant", "designed"}, {"diagnose", "replace"}},
		// should not replace ... advice|doctor|...
		{{"replace"}, {"advice", "consultation", "care", "doctor", "physician", "professional", "visit"}},
	}
	consult := wordNeed{{"doctor", "physician", "gp", "pharmacist", "clinician", "nurse", "dietitian", "midwi", "specialist", "dermatologist", "team", "provider", "professional", "practitioner"}}
	if len(needs) != len(notAdviceRE) || len(consultRE) != 1 {
		panic("medical-disclaimer: builtinDisclaimerNeeds is out of step with the patterns")
	}
	m := map[*regexp.Regexp]wordNeed{consultRE[0]: consult}
	for i, re := range notAdviceRE {
		m[re] = needs[i]
	}
	return m
}()

// disclaimerLabelNeed is what disclaimerLabel needs.
var disclaimerLabelNeed = wordNeed{{"disclaimer"}}

// disclaimerMatcher holds the patterns of one run with their needs.
type disclaimerMatcher struct {
	notAdvice, consult gatedPatterns
	// always is set when a user pattern has no need: every block is read.
	always bool
}

var builtinDisclaimer = newDisclaimerMatcher(notAdviceRE, consultRE)

func newDisclaimerMatcher(notAdvice, consult []*regexp.Regexp) *disclaimerMatcher {
	m := &disclaimerMatcher{}
	gate := func(res []*regexp.Regexp) gatedPatterns {
		out := make(gatedPatterns, len(res))
		for i, re := range res {
			need, ok := builtinDisclaimerNeeds[re]
			if !ok {
				m.always = true
			}
			out[i] = gatedPattern{re: re, need: need}
		}
		return out
	}
	m.notAdvice, m.consult = gate(notAdvice), gate(consult)
	return m
}

// relevant reports whether a block's text may match a pattern or the
// label: false means it can match none.
//
// A word of a need found in the normalised text is found in
// strings.ToLower(text) too (what disclaimerWords scans), unless the text
// holds '*', which normalisation drops ("sub*stitute" normalises to
// "substitute"): then the normalised text is scanned instead.
func (m *disclaimerMatcher) relevant(text string) bool {
	if m.always {
		return true
	}
	if strings.IndexByte(text, '*') >= 0 {
		text = normalizeDisclaimerText(text)
	}
	found := disclaimerWords.m.Scan(text)
	if disclaimerWords.label.satisfiedBy(&found) {
		return true
	}
	for _, ps := range []gatedPatterns{m.notAdvice, m.consult} {
		for _, p := range ps {
			if disclaimerWords.needs[p.re].satisfiedBy(&found) {
				return true
			}
		}
	}
	return false
}

// needSets is a wordNeed as keyword sets.
type needSets []keywords.Set

func (n needSets) satisfiedBy(found *keywords.Set) bool {
	for i := range n {
		if !found.Intersects(&n[i]) {
			return false
		}
	}
	return true
}

// disclaimerWords finds the words of all built-in needs in one pass.
var disclaimerWords = func() (w struct {
	m     *keywords.Matcher
	label needSets
	needs map[*regexp.Regexp]needSets
}) {
	var all []string
	for _, n := range append(slices.Collect(maps.Values(builtinDisclaimerNeeds)), disclaimerLabelNeed) {
		for _, g := range n {
			all = append(all, g...)
		}
	}
	w.m = keywords.New(all)
	sets := func(n wordNeed) needSets {
		out := make(needSets, len(n))
		for i, g := range n {
			out[i] = w.m.Set(g)
		}
		return out
	}
	w.label = sets(disclaimerLabelNeed)
	w.needs = map[*regexp.Regexp]needSets{}
	for re, n := range builtinDisclaimerNeeds {
		w.needs[re] = sets(n)
	}
	return w
}()
