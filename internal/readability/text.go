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
// such as "[3]" or "[2, 5]"). A number counts one syllable, as does an
// abbreviation written in capitals ("NHS", "CDC", "COVID-19"): short to
// the eye, it is no long word.
func Words(text string, fn func(Word)) {
	brackets := 0
	for i := 0; i < len(text); {
		if size := spaceAt(text, i); size > 0 {
			i += size
			continue
		}
		// One whitespace-separated token.
		j := i
		for j < len(text) {
			if c := text[j]; c < utf8.RuneSelf {
				if c == ' ' || c >= '\t' && c <= '\r' {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
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

// spaceAt returns the length of the white space character at text[i], or
// 0.
func spaceAt(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		if c == ' ' || c >= '\t' && c <= '\r' {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

// isAddress reports whether token is a URL, a web address or an e-mail
// address.
func isAddress(token string) bool {
	colon, at := false, false
	for i := 0; i < len(token); i++ {
		switch token[i] {
		case ':':
			colon = true
		case '@':
			at = true
		}
	}
	if colon && strings.Contains(token, "://") {
		return true
	}
	t := token
	for len(t) > 0 {
		if c := t[0]; c == '(' || c == '[' || c == '<' || c == '"' || c == '\'' {
			t = t[1:]
		} else if strings.HasPrefix(t, "“") || strings.HasPrefix(t, "‘") {
			t = t[len("“"):]
		} else {
			break
		}
	}
	if len(t) > 4 && (t[0] == 'w' || t[0] == 'W') && strings.EqualFold(t[:4], "www.") {
		return true
	}
	if at {
		if i := strings.IndexByte(t, '@'); i > 0 && strings.IndexByte(t[i:], '.') > 1 {
			return true
		}
	}
	return false
}

// tokenWords reports the words of text[i:j], one token, and returns the
// bracket depth after it.
func tokenWords(text string, i, j, brackets int, fn func(Word)) int {
	for k := i; k < j; {
		c := text[k]
		switch {
		case c == '[':
			brackets++
			k++
			continue
		case c == ']':
			brackets = max(brackets-1, 0)
			k++
			continue
		case c < utf8.RuneSelf && !isAlnumASCII(c):
			k++
			continue
		case c >= utf8.RuneSelf:
			if r, size := utf8.DecodeRuneInString(text[k:]); !isWordRune(r) {
				k += size
				continue
			}
		}
		w := scanWord(text, k, j)
		switch {
		case !w.letter && brackets > 0:
			// A reference marker: [3], [2, 5].
		case w.dotted && dottedName(text[k:w.end]):
		default:
			fn(Word{Start: k, End: w.end, Syllables: max(w.syllables, 1)})
		}
		k = w.end
	}
	return brackets
}

// scanned is a word scanWord read.
type scanned struct {
	end, syllables int
	// letter reports a letter in the word (else it is a number); dotted a
	// full stop joining its parts.
	letter, dotted bool
}

// scanWord reads the word starting at text[k] (a letter or digit), within
// [k, j): its end, and its syllables, counted part by part between the
// hyphens and full stops that join it; a number counts 1.
func scanWord(text string, k, j int) scanned {
	var w scanned
	from := k
	var p partCase
	prevDigit := false
	i := k
	for i < j {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if p.add(r) {
			prevDigit = p.lastDigit
			i += size
			continue
		}
		if i+size >= j {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[i+size:])
		if !isWordRune(next) || !isJoiner(r, prevDigit && isDigitRune(next)) {
			break
		}
		if r == '-' || r == '‐' || r == '‑' || r == '.' {
			w.syllables += p.syllables(text[from:i])
			w.letter = w.letter || p.letter
			w.dotted = w.dotted || r == '.'
			p = partCase{}
			from = i + size
		}
		i += size
	}
	w.syllables += p.syllables(text[from:i])
	w.letter = w.letter || p.letter
	w.end = i
	if !w.letter {
		w.syllables = 1
	}
	return w
}

// partCase tallies the letters of one part of a word.
type partCase struct {
	upper, lower     int
	digit, lastDigit bool
	letter           bool
}

// add tallies r and reports whether it is a word rune (a letter, digit or
// combining mark).
func (p *partCase) add(r rune) bool {
	p.lastDigit = false
	switch {
	case r >= 'a' && r <= 'z':
		p.lower++
	case r >= 'A' && r <= 'Z':
		p.upper++
	case r >= '0' && r <= '9':
		p.digit, p.lastDigit = true, true
	case r < utf8.RuneSelf:
		return false
	case unicode.IsUpper(r):
		p.upper++
	case unicode.IsLower(r):
		p.lower++
	case unicode.IsDigit(r):
		p.digit, p.lastDigit = true, true
	case unicode.IsLetter(r):
		p.letter = true
	case !unicode.Is(unicode.Mn, r):
		return false
	}
	p.letter = p.letter || p.upper+p.lower > 0
	return true
}

// syllables counts the part s that p tallied: an abbreviation in capitals
// ("NHS") or a part with a digit ("B12") counts 1, a part without letters
// 0.
func (p *partCase) syllables(s string) int {
	switch {
	case s == "":
		return 0
	case p.digit || p.upper >= 2 && p.lower == 0 || p.upper+p.lower == 0:
		return 1
	}
	return part(s)
}

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// dottedName reports a word joined by full stops that is not an
// abbreviation or a decimal: a domain name ("nhs.uk") or code
// ("window.gie"), which are not read as words. A part of one or two
// letters ("e.g", "U.S", "Ph.D") or of digits ("2.5") makes no name.
func dottedName(w string) bool {
	if strings.IndexByte(w, '.') < 0 {
		return false
	}
	for part := range strings.SplitSeq(w, ".") {
		if utf8.RuneCountInString(part) > 2 && strings.IndexFunc(part, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnumASCII(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return unicode.IsDigit(r)
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
