package article

import (
	"regexp"
	"slices"
	"strings"

	"github.com/medlint/medlint/internal/keywords"
)

// The prefilter below lets FindDisclaimer (and IsDisclaimer) skip the
// blocks that cannot hold a disclaimer without normalising them or running
// a regular expression: every built-in pattern needs some words (AND of
// ORs of lower-case ASCII words), and a block whose text lacks them cannot
// match. It changes no result, only the time taken: most blocks of most
// articles hold none of the words.

// disclaimerReplacer folds typographic apostrophes, quotes and no-break
// spaces and drops emphasis markers left in plain text.
var disclaimerReplacer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`, "\u00a0", " ", "*", "", "_", " ")

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
// of its matches contains (see the patterns in disclaimer.go).
// prefilter_test.go checks on the corpora that a block failing the need
// never matches.
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
		// nothing on this site is a diagnosis
		{{"nothing"}, {"diagnosis", "advice", "treatment", "substitute", "replacement"}},
		// is not a diagnosis
		{{"not"}, {"diagnos"}},
	}
	professions := []string{"doctor", "physician", "gp", "pharmacist", "clinician", "nurse", "dietitian", "dietician", "midwi",
		"specialist", "dermatologist", "optometrist", "ophthalmologist", "dentist", "therapist", "psychologist", "psychiatrist",
		"ediatrician", "obstetrician", "cologist", "cardiologist", "endocrinologist", "allergist", "team", "provider",
		"professional", "practitioner"}
	consult := wordNeed{professions}
	adviceFrom := wordNeed{{"advice", "care", "guidance", "consultation", "opinion", "diagnos", "treatment", "input"}, professions}
	seekCare := wordNeed{{"seek", "get", "obtain"}, {"right", "appropriate", "proper", "professional", "medical", "qualified", "expert", "urgent", "immediate", "prompt"},
		{"advice", "help", "care", "attention", "treatment", "guidance", "opinion"}}
	if len(needs) != len(notAdviceRE) || len(consultRE) != 3 {
		panic("article: builtinDisclaimerNeeds is out of step with the patterns")
	}
	m := map[*regexp.Regexp]wordNeed{consultRE[0]: consult, consultRE[1]: adviceFrom, consultRE[2]: seekCare}
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
// strings.ToLower(text) too (what disclaimerGates scans), unless the text
// holds '*', which normalisation drops ("sub*stitute" normalises to
// "substitute"): then the normalised text is scanned instead.
func (m *disclaimerMatcher) relevant(text string) bool {
	if m.always {
		return true
	}
	if strings.IndexByte(text, '*') >= 0 {
		text = normalizeDisclaimerText(text)
	}
	open := disclaimerGates.Scan(text)
	if open.May(disclaimerLabelGate) {
		return true
	}
	for _, ps := range []gatedPatterns{m.notAdvice, m.consult} {
		for _, p := range ps {
			if open.May(disclaimerGateOf[p.re]) {
				return true
			}
		}
	}
	return false
}

// mayBeDisclaimer reports whether IsDisclaimer may hold for text: false
// means it does not. IsDisclaimer needs a "not advice" pattern, or the
// label and a "consult" pattern; as in relevant, text holding '*' is
// normalised first.
func mayBeDisclaimer(text string) bool {
	if strings.IndexByte(text, '*') >= 0 {
		text = normalizeDisclaimerText(text)
	}
	open := disclaimerGates.Scan(text)
	anyOpen := func(ps gatedPatterns) bool {
		return slices.ContainsFunc(ps, func(p gatedPattern) bool { return open.May(disclaimerGateOf[p.re]) })
	}
	return anyOpen(builtinDisclaimer.notAdvice) || open.May(disclaimerLabelGate) && anyOpen(builtinDisclaimer.consult)
}

// disclaimerGates looks for the words of the label's need and of every
// built-in pattern's need in one pass; disclaimerGateOf gives a pattern's
// gate.
var disclaimerGates, disclaimerGateOf = func() (*keywords.Gates, map[*regexp.Regexp]int) {
	needs := []keywords.Need{disclaimerLabelGate: keywords.Need(disclaimerLabelNeed)}
	of := map[*regexp.Regexp]int{}
	for re, n := range builtinDisclaimerNeeds {
		of[re] = len(needs)
		needs = append(needs, keywords.Need(n))
	}
	return keywords.NewGates(needs...), of
}()

// disclaimerLabelGate is the label's gate in disclaimerGates.
const disclaimerLabelGate = 0
