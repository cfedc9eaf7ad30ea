package match

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/medlint/medlint/internal/keywords"
)

// Limits of the derivation: a class of more runes than maxClass, or an
// alternation of more words than maxGroup, is no requirement; at most
// maxGroups groups are kept per expression (the most selective).
const (
	maxClass  = 16
	maxGroup  = 96
	maxGroups = 3
)

// NeedOf returns the words every match of re contains, lower case: for
// each group, at least one of its words (an AND of ORs). An empty Need
// means the expression needs nothing that a keyword scan can see.
//
// Soundness: a word is only required where the expression cannot match
// without it, case folding included. Runes whose case-folding orbit
// lower-cases to more than one rune (µ and μ, ß and ẞ) make no word;
// U+017F and U+212A, which (?i) matches as s and k, are handled by
// keywords.FoldTraps at scan time.
func NeedOf(re *regexp.Regexp) keywords.Need {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil // the expression compiled, so this does not happen
	}
	return finish(needOf(tree.Simplify()))
}

// maxBranches bounds the branches of a top-level alternation that
// NeedsOf gives a need each.
const maxBranches = 12

// NeedsOf returns needs of which every match of re satisfies one: for an
// expression that is an alternation at the top ("a|b|c", around zero-width
// assertions such as \b), one need per branch, which gates each branch on
// its own words instead of all of them on one group drawn from every
// branch; otherwise NeedOf's. A branch that needs nothing makes the whole
// expression need nothing: nil. These are the needs a Set built by
// Compile or FromRegexps gates the expression on (for a built-in
// expression, read at build time).
func NeedsOf(re *regexp.Regexp) []keywords.Need {
	return NeedsOfExpr(re.String())
}

// NeedsOfExpr is NeedsOf of an expression that compiles; nil for one
// that does not.
func NeedsOfExpr(expr string) []keywords.Need {
	d, err := derive(expr, false)
	if err != nil {
		return nil
	}
	return d.needs
}

// needsOfTree is NeedsOf of an expression's simplified syntax tree.
func needsOfTree(tree *syntax.Regexp) []keywords.Need {
	branches := topBranches(tree)
	if len(branches) < 2 || len(branches) > maxBranches {
		n := finish(needOf(tree))
		if len(n) == 0 {
			return nil
		}
		return []keywords.Need{n}
	}
	var out []keywords.Need
	for _, b := range branches {
		n := finish(needOf(b))
		if len(n) == 0 {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// topBranches returns the branches of re's top-level alternation: re
// itself, or the one alternation of a concatenation whose other parts
// match the empty string at some position (\b, ^, $), or of a capture;
// nil when there is none. Every match of re is a match of a branch with
// those assertions around it, so a branch's words are in it.
func topBranches(re *syntax.Regexp) []*syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	switch re.Op {
	case syntax.OpAlternate:
		return re.Sub
	case syntax.OpConcat:
		var alt *syntax.Regexp
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
				syntax.OpBeginText, syntax.OpEndText, syntax.OpEmptyMatch:
			default:
				if alt != nil {
					return nil
				}
				alt = sub
			}
		}
		if alt != nil {
			return topBranches(alt)
		}
	}
	return nil
}

// finish keeps the most selective groups of a need.
func finish(groups [][]string) keywords.Need {
	groups = slices.DeleteFunc(groups, func(g []string) bool { return selectivity(g) < 2 })
	sort.SliceStable(groups, func(i, j int) bool { return better(groups[i], groups[j]) })
	if len(groups) > maxGroups {
		groups = groups[:maxGroups]
	}
	if len(groups) > 0 && selectivity(groups[0]) >= 4 {
		// Beside a rare word, one of two letters ("is", "of", a digit)
		// filters out next to nothing, and every text is full of them:
		// each occurrence costs the scan a hit.
		groups = slices.DeleteFunc(groups, func(g []string) bool { return selectivity(g) <= 2 })
	}
	return keywords.Need(groups)
}

func needOf(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		if w, ok := foldWord(re.Rune); ok {
			return [][]string{{w}}
		}
	case syntax.OpCharClass:
		if g := classWords(re.Rune); g != nil {
			return [][]string{g}
		}
	case syntax.OpCapture, syntax.OpPlus:
		return needOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return needOf(re.Sub[0])
		}
	case syntax.OpConcat:
		// Adjacent literals are adjacent in every match: one word.
		var all [][]string
		var run []rune
		flush := func() {
			if w, ok := foldWord(run); ok {
				all = append(all, []string{w})
			}
			run = run[:0]
		}
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral {
				run = append(run, sub.Rune...)
				continue
			}
			if once := repeatedLiteral(sub); once != nil && len(run) > 0 {
				// "x" then "x+" (how Simplify writes x{2,}): one copy at
				// least follows the run, right after it.
				run = append(run, once...)
			}
			if g := joinedAlternatives(run, sub); g != nil {
				// "t" then "wo|hree|en" (how the parser factors
				// two|three|ten): the run and one branch's start are
				// adjacent in every match, whole words rarer than the
				// fragments.
				all = append(all, g)
			}
			flush()
			all = append(all, needOf(sub)...)
		}
		flush()
		return all
	case syntax.OpAlternate:
		return alternation(re.Sub)
	}
	return nil
}

// joinedAlternatives returns, when re is an alternation every branch of
// which starts with a literal, the words run followed by each branch's
// literal start; nil otherwise, or when run is empty.
func joinedAlternatives(run []rune, re *syntax.Regexp) []string {
	if len(run) == 0 || re.Op != syntax.OpAlternate {
		return nil
	}
	var group []string
	for _, b := range re.Sub {
		lead := leadingLiteral(b)
		if lead == nil {
			return nil
		}
		w, ok := foldWord(slices.Concat(run, lead))
		if !ok || len([]rune(w)) < len(run)+len(lead) {
			return nil // a rune that cannot be looked for: the word would not be adjacent
		}
		group = append(group, w)
	}
	if len(group) > maxGroup {
		return nil
	}
	return dedupe(group)
}

// leadingLiteral returns the literal runes every match of re starts with
// (a literal, or a concatenation's leading literals), or nil.
func leadingLiteral(re *syntax.Regexp) []rune {
	switch re.Op {
	case syntax.OpLiteral:
		return re.Rune
	case syntax.OpCapture:
		return leadingLiteral(re.Sub[0])
	case syntax.OpConcat:
		var lead []rune
		for _, sub := range re.Sub {
			if sub.Op != syntax.OpLiteral {
				break
			}
			lead = append(lead, sub.Rune...)
		}
		if len(lead) > 0 {
			return lead
		}
	}
	return nil
}

// repeatedLiteral returns the letter of re when re repeats it at least
// once (x+, x{1,}, x{2,5}), else nil. (Other repeated literals, spaces
// above all, make words no rarer than the run before them.)
func repeatedLiteral(re *syntax.Regexp) []rune {
	if (re.Op == syntax.OpPlus || re.Op == syntax.OpRepeat && re.Min >= 1) && re.Sub[0].Op == syntax.OpLiteral &&
		len(re.Sub[0].Rune) == 1 && unicode.IsLetter(re.Sub[0].Rune[0]) {
		return re.Sub[0].Rune
	}
	return nil
}

// alternation needs, of each branch, its most selective group: one of
// their words is in every match. A branch that needs nothing makes the
// alternation need nothing.
func alternation(subs []*syntax.Regexp) [][]string {
	var group []string
	for _, sub := range subs {
		groups := needOf(sub)
		if len(groups) == 0 {
			return nil
		}
		best := groups[0]
		for _, g := range groups[1:] {
			if better(g, best) {
				best = g
			}
		}
		group = append(group, best...)
	}
	group = dedupe(group)
	if len(group) > maxGroup {
		return nil
	}
	return [][]string{group}
}

// better orders groups by selectivity, then by fewer words.
func better(a, b []string) bool {
	sa, sb := selectivity(a), selectivity(b)
	if sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

// commonWords are the English words most texts hold: as rare, for a
// prefilter, as two letters.
var commonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and that this with from have has had for not are was were been
	also now can will may more most some such than then them they their there these those what when which
	who would could should about into over only other very your you our out one all any its it's`) {
		commonWords[w] = true
	}
}

// selectivity is how rare a text holding one of the group's words is,
// roughly the length of its shortest word: a digit or "%" counts as two
// letters, a space or punctuation mark as none, and one of commonWords is
// worth two.
func selectivity(group []string) int {
	low := -1
	for _, w := range group {
		n := 0
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				n++
			case unicode.IsDigit(r), r == '%', r == '$', r == '#', r == '@':
				n += 2
			case strings.ContainsRune("{}", r):
				n++ // markup and symbols: rarer than letters in prose
			}
		}
		if len(w) == 1 && w[0] >= '0' && w[0] <= '9' || commonWords[strings.TrimSpace(w)] {
			n = 2
		}
		if low < 0 || n < low {
			low = n
		}
	}
	return max(low, 0)
}

// foldWord lower-cases a literal. A rune with case variants that
// strings.ToLower does not map to one rune (µ, whose variants are μ and Μ)
// cannot be looked for: the word is then the longest run of the literal
// without such runes.
func foldWord(runes []rune) (string, bool) {
	best, run := "", []rune(nil)
	for i := 0; i <= len(runes); i++ {
		l, ok := rune(0), false
		if i < len(runes) {
			l, ok = foldRune(runes[i])
		}
		if ok {
			run = append(run, l)
			continue
		}
		if len(string(run)) > len(best) {
			best = string(run)
		}
		run = run[:0]
	}
	return best, best != ""
}

// foldRune returns the lower case of r when every rune of r's folding
// orbit lower-cases to it (the fold traps aside: FoldTraps opens every gate
// for text holding them).
func foldRune(r rune) (rune, bool) {
	l := unicode.ToLower(r)
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f == '\u017f' || f == '\u212a' {
			continue
		}
		if unicode.ToLower(f) != l {
			return 0, false
		}
	}
	return l, true
}

// classWords lists the lower-cased runes of a small character class (pairs
// of range bounds), or nil for a large one.
func classWords(ranges []rune) []string {
	var out []string
	n := 0
	for i := 0; i+1 < len(ranges); i += 2 {
		n += int(ranges[i+1]-ranges[i]) + 1
		if n > maxClass {
			return nil
		}
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			l, ok := foldRune(r)
			if !ok {
				if r == '\u017f' || r == '\u212a' {
					continue // matched as s or k: FoldTraps covers it
				}
				return nil
			}
			out = append(out, string(l))
		}
	}
	return dedupe(out)
}

func dedupe(words []string) []string {
	sort.Strings(words)
	return slices.Compact(words)
}

// wordsOnly cuts every word of n to its longest run of letters and digits
// ("doesn't" to "doesn", "substitute for" to "substitute"); a group with a
// word of neither makes no requirement and goes.
func wordsOnly(n keywords.Need) keywords.Need {
	var out keywords.Need
	for _, group := range n {
		cut := make([]string, 0, len(group))
		for _, w := range group {
			best, run := "", []rune(nil)
			for _, r := range w + " " {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					run = append(run, r)
					continue
				}
				if len(string(run)) > len(best) {
					best = string(run)
				}
				run = run[:0]
			}
			if best == "" {
				cut = nil
				break
			}
			cut = append(cut, best)
		}
		if cut != nil {
			out = append(out, dedupe(cut))
		}
	}
	return out
}
