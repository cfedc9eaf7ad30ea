package custom

import (
	"regexp/syntax"
	"strings"
	"unicode"
)

// requiredLiteral returns a lower-case string that every match of expr
// must contain, or "" when there is none. Rules use it to skip, with a
// cheap substring search, the blocks a pattern cannot match: most blocks of
// most articles contain none of a house rule's words, and running 20
// regular expressions over every block would otherwise dominate the run.
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	return literalOf(re.Simplify())
}

func literalOf(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		return strings.ToLower(string(re.Rune))
	case syntax.OpCapture:
		return literalOf(re.Sub[0])
	case syntax.OpPlus:
		return literalOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalOf(re.Sub[0])
		}
	case syntax.OpConcat:
		// The longest run of adjacent literals, or the longest required
		// literal of any part.
		best, run := "", ""
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral {
				run += strings.ToLower(string(sub.Rune))
				if len(run) > len(best) {
					best = run
				}
				continue
			}
			run = ""
			if l := literalOf(sub); len(l) > len(best) {
				best = l
			}
		}
		return best
	}
	return ""
}

// alternatives returns the required literals of each alternative of an
// alternation (all must be non-empty for a prefilter to be sound).
func alternatives(exprs []string) []string {
	var out []string
	for _, e := range exprs {
		l := requiredLiteral(e)
		if l == "" || strings.IndexFunc(l, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
			return nil // no sound prefilter: non-ASCII case folding is not byte-stable
		}
		out = append(out, l)
	}
	return out
}

// mayMatch reports whether lower (a lower-cased text) contains one of the
// literals; no literals means "cannot tell", so it returns true.
func mayMatch(lower string, literals []string) bool {
	if len(literals) == 0 {
		return true
	}
	for _, l := range literals {
		if strings.Contains(lower, l) {
			return true
		}
	}
	return false
}
