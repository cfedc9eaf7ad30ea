package match

import (
	"regexp/syntax"

	"github.com/medlint/medlint/internal/fastre"
)

// Running a pattern over a whole sentence costs time in proportion to the
// sentence times the pattern's size, and most of the long patterns can only
// match letters, digits, spaces and a few marks. Such a pattern is run only
// on the pieces of the sentence between the ASCII characters its matches
// cannot hold (commas, brackets, full stops...): a short piece keeps the
// anchored runs of package fastre short. The result is the same as a run
// over the whole sentence:
//
//   - a match never holds a split character, so every match lies in one
//     piece, and the leftmost-first order of matches is kept piece by piece;
//   - split characters are never word characters, so \b and \B see the
//     same at a piece's ends (the start and end of text count as non-word);
//   - patterns with ^, $, or a match of "" (whose positions would differ)
//     or "." are never split.

// splitSet returns the bytes that may split text for an expression, given
// its parsed (not simplified) syntax tree, or nil when the pattern must run
// on whole sentences.
func splitSet(tree *syntax.Regexp) *[256]bool {
	if minWidth(tree) == 0 {
		return nil
	}
	var alphabet [128]bool
	if !collectAlphabet(tree, &alphabet) {
		return nil
	}
	var split [256]bool
	n := 0
	for c := range 128 {
		if !alphabet[c] && !isWordByte(byte(c)) {
			split[c] = true
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return &split
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// collectAlphabet adds the ASCII characters re's matches may hold; false
// means the pattern cannot be split (it has "." or a line or text anchor).
func collectAlphabet(re *syntax.Regexp, a *[128]bool) bool {
	switch re.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return false
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r < 128 {
				a[r] = true
				if re.Flags&syntax.FoldCase != 0 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
					a[r^0x20] = true
				}
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1] && r < 128; r++ {
				a[r] = true
			}
		}
	}
	for _, sub := range re.Sub {
		if !collectAlphabet(sub, a) {
			return false
		}
	}
	return true
}

// minWidth returns the fewest bytes a match of re holds (a lower bound).
func minWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minWidth(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minWidth(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n += minWidth(s)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, s := range re.Sub {
			if w := minWidth(s); n < 0 || w < n {
				n = w
			}
		}
		return max(n, 0)
	}
	return 0 // star, quest, empty, assertions
}

// findAll returns the matches of re in text, running it piece by piece
// between the bytes of split (nil: on the whole text).
func findAll(re *fastre.Regexp, split *[256]bool, text string) [][]int {
	if split == nil {
		return re.FindAllStringIndex(text, -1)
	}
	var out [][]int
	start := 0
	for j := 0; j <= len(text); j++ {
		if j < len(text) && !split[text[j]] {
			continue
		}
		if j > start {
			for _, m := range re.FindAllStringIndex(text[start:j], -1) {
				out = append(out, []int{m[0] + start, m[1] + start})
			}
		}
		start = j + 1
	}
	return out
}
