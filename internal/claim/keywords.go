package claim

import (
	"strings"

	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/keywords"
)

// The patterns' prefilter words (need and also) are all looked for in one
// pass over the sentence (package keywords), instead of one substring
// search per word: the result is the same as
// strings.Contains(strings.ToLower(text), word) for every word.

var (
	digitWords = strings.Split("0 1 2 3 4 5 6 7 8 9", " ")
	// smallNumWords and bigNumWords are words every smallNum and bigNum
	// holds (a digit or a number word).
	smallNumWords = append(strings.Split("one two three four five six seven eight nine ten", " "), digitWords...)
	bigNumWords   = append(strings.Split("two three four five six seven eight nine ten eleven twelve fifteen twenty fifty hundred thousand million", " "), digitWords...)
	// verbWords are words every alternative of verbs holds.
	verbWords = strings.Split("show suggest found find indicat reveal demonstrat prove confirm agree link point conclud discovered report estimat observed noted say believ tell", " ")
	// populationWords are words every alternative of population holds.
	populationWords = strings.Split("people persons individuals adults children kids teen adolescents babies infants newborns men girls boys patients americans britons brits canadians australians europeans seniors smokers drinkers users deaths cases diagnoses veterans workers students pregnancies births mothers survivors residents participants sufferers population cancers infections hospitali admissions u.s. adults uk adults households", " ")
)

// gates are the patterns' prefilters compiled to keyword sets.
type gates struct {
	m      *keywords.Matcher
	need   []keywords.Set
	also   [][]keywords.Set
	digits keywords.Set
}

var patternGates = func() *gates {
	words := append([]string(nil), digitWords...)
	for _, p := range patterns {
		words = append(words, p.need...)
		for _, a := range p.also {
			words = append(words, a...)
		}
	}
	g := &gates{m: keywords.New(words)}
	g.digits = g.m.Set(digitWords)
	for i, p := range patterns {
		patterns[i].split = splitSet(p.re)
		patterns[i].fast = fastre.New(p.re)
		g.need = append(g.need, g.m.Set(p.need))
		var also []keywords.Set
		for _, a := range p.also {
			also = append(also, g.m.Set(a))
		}
		g.also = append(g.also, also)
	}
	return g
}()

// sentenceWords is what the prefilter found in one sentence.
type sentenceWords struct {
	g     *gates
	text  string
	found keywords.Set
	traps bool
}

// scan reads text (already passed through SameLengthSpaces).
func (g *gates) scan(text string) sentenceWords {
	return sentenceWords{g: g, text: text, found: g.m.Scan(text), traps: keywords.FoldTraps(text)}
}

// candidate reports whether pattern i may match.
func (w *sentenceWords) candidate(i int) bool {
	g := w.g
	if len(patterns[i].need) > 0 && !w.found.Intersects(&g.need[i]) {
		return false
	}
	if !w.traps {
		for k := range g.also[i] {
			if !w.found.Intersects(&g.also[i][k]) {
				return false
			}
		}
	}
	return patterns[i].gate == nil || patterns[i].gate(w.text)
}

// hasDigit reports whether the sentence holds an ASCII digit.
func (w *sentenceWords) hasDigit() bool { return w.found.Intersects(&w.g.digits) }

// hasThousands reports whether text holds a digit, a comma and a digit
// ("37,000"), which a number with thousands separators needs.
func hasThousands(text string) bool {
	for i := strings.IndexByte(text, ','); i >= 0; {
		if i > 0 && isDigit(text[i-1]) && i+1 < len(text) && isDigit(text[i+1]) {
			return true
		}
		j := strings.IndexByte(text[i+1:], ',')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// mayHoldRatio reports whether text may match the "1 in 3" pattern, whose
// matches are smallNum, \s+, then "in" or "out of": some "in" or "out"
// (any case) must follow \s characters that follow a digit or the last
// letter of one to ten.
func mayHoldRatio(text string) bool {
	for i := 1; i+2 <= len(text); i++ {
		c := text[i] | 0x20
		in := c == 'i' && text[i+1]|0x20 == 'n'
		out := c == 'o' && i+3 <= len(text) && text[i+1]|0x20 == 'u' && text[i+2]|0x20 == 't'
		if !in && !out || !isSpace(text[i-1]) {
			continue
		}
		j := i - 1
		for j > 0 && isSpace(text[j]) {
			j--
		}
		if isDigit(text[j]) {
			return true
		}
		word := strings.ToLower(text[max(0, j-4) : j+1])
		for _, n := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"} {
			if strings.HasSuffix(word, n) {
				return true
			}
		}
	}
	return false
}

// isSpace reports whether c is matched by regexp's \s.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// mayHoldDose reports whether text may match dosePattern: a unit follows
// the last digit of its number after optional \s characters (and an
// optional million, billion or trillion). So some digit must be followed,
// past \s characters, by the first letter of a unit or multiplier in
// either case, the first byte of µ or μ, or the first byte of the Kelvin
// sign (which (?i) matches as k).
func mayHoldDose(text string) bool {
	for i := range len(text) {
		if !isDigit(text[i]) {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\f' || text[j] == '\r') {
			j++
		}
		if j < len(text) && strings.IndexByte("mgicnkbtMGICNKBT\xc2\xce\xe2", text[j]) >= 0 {
			return true
		}
	}
	return false
}

// MayHold reports whether Find may return a signal for some sentence of
// text (a block's text, of which sentences are substrings): false means it
// returns none for any. Every prefilter word, gate and dose condition that
// holds in a substring holds in the whole, so the block is scanned once
// and a block without claim wording (most blocks) is not split into
// sentences at all.
func MayHold(text string) bool {
	text = SameLengthSpaces(text)
	w := patternGates.scan(text)
	for i := range patterns {
		if w.candidate(i) {
			return true
		}
	}
	return w.hasDigit() && mayHoldDose(text)
}
