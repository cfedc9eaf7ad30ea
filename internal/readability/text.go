package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is one word of a text.
type Word struct {
	// Start and End delimit the word in the text.
	Start, End int
	// Syllables is its syllable count (at least 1).
	Syllables int
}

// Words calls fn for every word of text, in order. A word is a run of
// letters and digits, joined by apostrophes ("don't"), hyphens
// ("long-term"), full stops ("e.g.", "2.5") and, between digits, commas
// ("2,000"). What a reader does not read as words is skipped: a token
// that is a URL, a web address or an e-mail address, a word joined by
// full stops that is a domain name or code ("nhs.uk", "window.gie"; not
// "e.g." or "2.5"), and numbers in square brackets (reference markers
// such as "[3]" or "[2, 5]"). A number counts
// one syllable, as does an abbreviation written in capitals ("NHS", "CDC",
// "COVID-19"): short to the eye, it is no long word.
func Words(text string, fn func(Word)) {
	brackets := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		// One whitespace-separated token.
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r2) {
				break
			}
			j += s2
		}
		token := text[i:j]
		if isAddress(token) {
			brackets += strings.Count(token, "[") - strings.Count(token, "]")
			brackets = max(brackets, 0)
			i = j
			continue
		}
		brackets = tokenWords(text, i, j, brackets, fn)
		i = j
	}
}

// isAddress reports whether token is a URL, a web address or an e-mail
// address.
func isAddress(token string) bool {
	if strings.Contains(token, "://") {
		return true
	}
	t := strings.TrimLeft(token, "([<\"'“‘")
	if len(t) > 4 && strings.EqualFold(t[:4], "www.") {
		return true
	}
	if at := strings.IndexByte(t, '@'); at > 0 && strings.IndexByte(t[at:], '.') > 1 {
		return true
	}
	return false
}

// tokenWords reports the words of text[i:j], one token, and returns the
// bracket depth after it.
func tokenWords(text string, i, j, brackets int, fn func(Word)) int {
	for k := i; k < j; {
		r, size := utf8.DecodeRuneInString(text[k:])
		switch {
		case r == '[':
			brackets++
			k += size
			continue
		case r == ']':
			brackets = max(brackets-1, 0)
			k += size
			continue
		case !isWordRune(r):
			k += size
			continue
		}
		end := wordEnd(text, k, j)
		if w, ok := measure(text, k, end, brackets > 0); ok && !dottedName(text[k:end]) {
			fn(w)
		}
		k = end
	}
	return brackets
}

// dottedName reports a word joined by full stops that is not an
// abbreviation or a decimal: a domain name ("nhs.uk") or code
// ("window.gie"), which are not read as words. A part of one or two
// letters ("e.g", "U.S", "Ph.D") or of digits ("2.5") makes no name.
func dottedName(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) > 2 && strings.IndexFunc(part, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isJoiner reports whether r joins the word runes around it into one word.
func isJoiner(r rune, digitsAround bool) bool {
	switch r {
	case '\'', '’', '-', '‐', '‑', '.':
		return true
	case ',':
		return digitsAround
	}
	return false
}

// wordEnd returns the end of the word starting at text[k], within [k, j).
func wordEnd(text string, k, j int) int {
	end := k
	prevDigit := false
	for end < j {
		r, size := utf8.DecodeRuneInString(text[end:])
		if isWordRune(r) {
			prevDigit = unicode.IsDigit(r)
			end += size
			continue
		}
		if end+size >= j {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[end+size:])
		if !isWordRune(next) || !isJoiner(r, prevDigit && unicode.IsDigit(next)) {
			break
		}
		end += size
	}
	return end
}

// measure counts the syllables of the word text[start:end]; ok is false
// for a number in square brackets (a reference marker).
func measure(text string, start, end int, bracketed bool) (Word, bool) {
	w := text[start:end]
	hasLetter := false
	for _, r := range w {
		if unicode.IsLetter(r) {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return Word{Start: start, End: end, Syllables: 1}, !bracketed
	}
	n := 0
	from := 0
	for p := 0; p <= len(w); {
		r, size := rune(0), 1
		if p < len(w) {
			r, size = utf8.DecodeRuneInString(w[p:])
		}
		if p == len(w) || r == '-' || r == '‐' || r == '‑' || r == '.' {
			if p > from {
				n += partSyllables(w[from:p])
			}
			from = p + size
		}
		p += size
	}
	return Word{Start: start, End: end, Syllables: max(n, 1)}, true
}

// partSyllables counts one part of a word: an abbreviation in capitals
// ("NHS") or a part with a digit ("B12") counts 1.
func partSyllables(p string) int {
	upper, lower, digit := 0, 0, false
	for _, r := range p {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case unicode.IsDigit(r):
			digit = true
		}
	}
	if digit || upper >= 2 && lower == 0 || upper+lower == 0 {
		return 1
	}
	return part(p)
}
