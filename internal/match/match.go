// Package match runs a set of regular expressions over many short texts,
// trying each expression only where one keyword pass over the text says it
// can match.
//
// The words an expression needs are derived from its syntax tree (package
// regexp/syntax): every match of `\bclinically\s+proven\b` contains
// "clinically" and "proven", every match of `\d+ ?(?:mg|mcg)` a digit and
// "mg" or "mcg". Adding a pattern is therefore one line: nobody writes, or
// keeps in step, a table of prefilter words. The derivation is sound — a
// text lacking a pattern's words cannot match it — and Set's tests check it
// against the expressions themselves on fuzzed texts.
package match

import (
	"fmt"
	"regexp"
	"regexp/syntax"

	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/keywords"
)

// Set is a list of compiled expressions sharing one keyword scan. It is
// safe for concurrent use.
type Set struct {
	res []*fastre.Regexp
	// split[i], when set, holds the bytes no match of pattern i contains:
	// FindAll runs it between them (split.go).
	split []*[256]bool
	gates *keywords.Gates
	// gate[i] to gate[i+1] are pattern i's gates in gates: it may match
	// when one of them is open (one per branch of a top-level
	// alternation, see NeedsOf).
	gate []int
}

// Compile compiles exprs (Go regular expressions) into a Set; pattern i of
// the Set is exprs[i]. Only their syntax is read now (for the keywords
// each needs, or not even that for a built-in expression, whose reading
// was done at build time: known.go): an expression is compiled when it
// first runs, so that the patterns whose words a run never meets cost
// nothing more.
func Compile(exprs ...string) (*Set, error) {
	return compileExprs(exprs, false)
}

// CompileWords is Compile with FromRegexpsWords' keywords: the Set's scan
// may read a rawer text than the one its expressions match.
func CompileWords(exprs ...string) (*Set, error) {
	return compileExprs(exprs, true)
}

func compileExprs(exprs []string, words bool) (*Set, error) {
	ds := make([]derivation, len(exprs))
	for i, e := range exprs {
		d, err := derive(e, words)
		if err != nil {
			return nil, fmt.Errorf("pattern %d: %w", i, err) // regexp.Compile's errors are the parser's
		}
		ds[i] = d
	}
	res := make([]*fastre.Regexp, len(exprs))
	for i, e := range exprs {
		res[i] = fastre.MustCompile(e)
	}
	return build(res, ds), nil
}

// MustCompile is like Compile but panics on an invalid expression; it is
// for the built-in patterns, which tests compile.
func MustCompile(exprs ...string) *Set {
	s, err := Compile(exprs...)
	if err != nil {
		panic("match: " + err.Error())
	}
	return s
}

// MustCompileWords is like CompileWords but panics on an invalid
// expression.
func MustCompileWords(exprs ...string) *Set {
	s, err := CompileWords(exprs...)
	if err != nil {
		panic("match: " + err.Error())
	}
	return s
}

// FromRegexps builds a Set from compiled expressions.
func FromRegexps(res ...*regexp.Regexp) *Set {
	return fromRegexps(res, false)
}

// FromRegexpsWords builds a Set whose scan may read a rawer text than the
// one its expressions match: one that differs from it only in case,
// punctuation and spacing (typographic quotes for straight ones, line
// breaks and runs of spaces for one space). Each needed word is cut to
// its longest run of letters and digits, which such a text holds too.
// Scan the raw text, and match Regexp(i) against the normalised one.
func FromRegexpsWords(res ...*regexp.Regexp) *Set {
	return fromRegexps(res, true)
}

// wordNeedsOf is the derivation of FromRegexpsWords.
func wordNeedsOf(tree *syntax.Regexp) []keywords.Need {
	needs := needsOfTree(tree)
	for i, n := range needs {
		if needs[i] = wordsOnly(n); len(needs[i]) == 0 {
			return nil
		}
	}
	return needs
}

// fromRegexps builds a Set of compiled expressions, reading each one's
// syntax (or its reading done at build time).
func fromRegexps(res []*regexp.Regexp, words bool) *Set {
	fres := make([]*fastre.Regexp, len(res))
	ds := make([]derivation, len(res))
	for i, re := range res {
		fres[i] = fastre.New(re)
		ds[i], _ = derive(re.String(), words) // re compiled: no error
	}
	return build(fres, ds)
}

// build makes the Set of res, given what each one's syntax says.
func build(res []*fastre.Regexp, ds []derivation) *Set {
	s := &Set{res: res, split: make([]*[256]bool, len(res)), gate: make([]int, len(res)+1)}
	var needs []keywords.Need
	for i, d := range ds {
		s.split[i] = d.splitTable()
		n := d.needs
		if len(n) == 0 {
			n = []keywords.Need{nil} // needs nothing: a gate always open
		}
		needs = append(needs, n...)
		s.gate[i+1] = len(needs)
	}
	s.gates = keywords.NewGates(needs...)
	return s
}

// Keywords returns the automaton of the words the patterns need (for a
// cheaper first test than Scan's, of some of those words: its Set of
// them, intersected with what its Scan of a text finds).
func (s *Set) Keywords() *keywords.Matcher { return s.gates.Matcher() }

// Len is the number of patterns.
func (s *Set) Len() int { return len(s.res) }

// Regexp returns pattern i.
func (s *Set) Regexp(i int) *fastre.Regexp { return s.res[i] }

// Scan reads text once and returns what it holds of the patterns' words.
func (s *Set) Scan(text string) Scanned {
	return Scanned{set: s, text: text, open: s.gates.Scan(text)}
}

// ScanWith is Scan, reading f (keywords.ScanShared's pass over text, such
// as document.Block.Keywords) instead of the text when it can; f may be
// nil. The answer is Scan's.
func (s *Set) ScanWith(text string, f *keywords.Found) Scanned {
	return Scanned{set: s, text: text, open: s.gates.ScanWith(text, f)}
}

// MatchString reports whether some pattern matches text.
func (s *Set) MatchString(text string) bool {
	sc := s.Scan(text)
	return sc.MatchAny()
}

// Scanned is the result of one Scan: which patterns may match the text.
type Scanned struct {
	set  *Set
	text string
	open keywords.Open
}

// May reports whether pattern i may match: false means it cannot.
func (sc *Scanned) May(i int) bool {
	for g := sc.set.gate[i]; g < sc.set.gate[i+1]; g++ {
		if sc.open.May(g) {
			return true
		}
	}
	return false
}

// Any reports whether some pattern may match.
func (sc *Scanned) Any() bool { return sc.open.Any() }

// Match reports whether pattern i matches the text scanned.
func (sc *Scanned) Match(i int) bool {
	return sc.May(i) && sc.set.res[i].MatchString(sc.text)
}

// MatchAny reports whether some pattern matches the text scanned.
func (sc *Scanned) MatchAny() bool {
	for i := range sc.set.res {
		if sc.Match(i) {
			return true
		}
	}
	return false
}

// FindFirst returns the first match of the first pattern, in the Set's
// order, that matches the text scanned, or nil.
func (sc *Scanned) FindFirst() []int {
	for i := range sc.set.res {
		if m := sc.Find(i); m != nil {
			return m
		}
	}
	return nil
}

// Find returns the first match of pattern i in the text scanned, or nil.
func (sc *Scanned) Find(i int) []int {
	if !sc.May(i) {
		return nil
	}
	return sc.set.res[i].FindStringIndex(sc.text)
}

// FindAll returns every match of pattern i in the text scanned.
func (sc *Scanned) FindAll(i int) [][]int {
	if !sc.May(i) {
		return nil
	}
	return findAll(sc.set.res[i], sc.set.split[i], sc.text)
}
