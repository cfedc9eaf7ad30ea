package readability

import "unicode"

// maxWord is the longest word the counter spells out; a longer run of
// letters (a chemical name, a pasted hash) is estimated at one syllable
// for every three letters.
const maxWord = 40

// Syllables returns the number of syllables of an English word, at least
// 1. It counts groups of vowels, then corrects
// the groups English spells as one syllable but says as two ("di-et",
// "me-di-a", "go-ing", "au-tism") and the letters it does not say (the
// silent e of "make", "makes", "safely", the -ed of "used"), and looks up
// a short list of exceptions. Apostrophes are ignored ("don't" is
// "dont"); the parts of a hyphenated or dotted word add up ("long-term",
// "e.g."). Letters outside ASCII are folded to their base letter ("café");
// a word without a Latin letter counts 1, and one without a vowel letter
// is said letter by letter ("mg" is 2, "gps" 3).
func Syllables(word string) int {
	n := 0
	start := 0
	for i := 0; i <= len(word); i++ {
		if i == len(word) || word[i] == '-' || word[i] == '.' {
			if i > start {
				n += part(word[start:i])
			}
			start = i + 1
		}
	}
	return max(n, 1)
}

// part counts one hyphen-free part of a word.
func part(word string) int {
	var buf [maxWord]byte
	w, letters := fold(word, buf[:0])
	if len(w) == 0 {
		if letters {
			return 1
		}
		return 0
	}
	if len(w) == maxWord {
		return max(runeLen(word)/3, 1)
	}
	n := countWord(w)
	if k := len(word); k > 3 && (word[k-2] == '\'' || word[k-3] == '\'' || word[k-4] == 0xE2 || k > 5 && word[k-5] == 0xE2) {
		n += contraction(word) // n't, 'll, 've, with ' or ’ (three bytes)
	}
	return n
}

// word1 counts a folded word: an exception, a compound whose first part
// ends in a silent e ("sometimes", "lifestyle"), or the heuristic.
func word1(w []byte) int {
	if n, ok := exception(w); ok {
		return n
	}
	// A plural or third person of an exception ("recipes").
	if len(w) > 3 && w[len(w)-1] == 's' {
		if n, ok := exception(w[:len(w)-1]); ok {
			return n
		}
	}
	if n, ok := compound(w); ok {
		return n
	}
	if !hasVowel(w) {
		return spelled(w)
	}
	return max(heuristic(w), 1)
}

// spelled counts a word without a vowel letter as its letters are said,
// as the CMU dictionary does: mg (em-gee), gps, html; w is double-u.
func spelled(w []byte) int {
	n := 0
	for _, c := range w {
		if c == 'w' {
			n += 3
		} else {
			n++
		}
	}
	return n
}

// contraction returns 1 for a contraction whose n, l or v is said as a
// syllable after a consonant: does-n't, that-'ll, would-'ve.
func contraction(word string) int {
	for _, s := range [...]string{"n't", "n’t", "'ll", "’ll", "'ve", "’ve"} {
		if len(word) > len(s) && word[len(word)-len(s):] == s {
			c := word[len(word)-len(s)-1]
			if s[0] == 'n' && (c == 'n' || c == 'r') {
				return 0
			}
			if isConsonant(c|0x20) && c != 'y' {
				return 1
			}
			return 0
		}
	}
	return 0
}

// compoundHeads are first parts of compounds that end in a silent e,
// with their syllables: some-times, life-style, care-giver, eye-lid.
var compoundHeads = [...]struct {
	head string
	n    int
}{
	{"some", 1}, {"life", 1}, {"time", 1}, {"there", 1}, {"where", 1}, {"fore", 1}, {"nose", 1},
	{"home", 1}, {"eye", 1}, {"care", 1}, {"base", 1}, {"side", 1}, {"safe", 1}, {"whole", 1},
	{"house", 1}, {"bare", 1}, {"face", 1}, {"edge", 1}, {"wide", 1}, {"else", 1}, {"guide", 1},
	{"like", 1}, {"fire", 2}, {"white", 1}, {"every", 2}, {"smoke", 1}, {"bone", 1}, {"stone", 1},
}

// compoundByFirst indexes compoundHeads by their first letter.
var compoundByFirst = func() (index [26][]int) {
	for i, h := range compoundHeads {
		index[h.head[0]-'a'] = append(index[h.head[0]-'a'], i)
	}
	return index
}()

// compound counts a compound of a compoundHeads entry and a rest that
// starts with a consonant and holds a vowel, or of any, every, some or no
// and "one".
func compound(w []byte) (int, bool) {
	if len(w) < 6 || w[0] < 'a' || w[0] > 'z' {
		return 0, false
	}
	if w[0] == 'a' && (string(w) == "anyone" || string(w) == "anyones") {
		return 3, true
	}
	for _, k := range compoundByFirst[w[0]-'a'] {
		h := compoundHeads[k]
		if !hasPrefix(w, h.head) {
			continue
		}
		rest := w[len(h.head):]
		switch {
		case string(rest) == "one" || string(rest) == "ones":
			return h.n + 1, true
		case len(rest) >= 3 && isConsonant(rest[0]) && hasVowel(rest) && !saysTheE(rest) && (h.head != "fore" || !hasPrefix(rest, "st")):
			return h.n + max(heuristic(rest), 1), true
		}
	}
	return 0, false
}

// saysTheE reports whether the rest of a compound makes the head's e said:
// wid-en-ing, wher-ev-er.
func saysTheE(rest []byte) bool {
	return rest[0] == 'n' || rest[0] == 'r' || hasPrefix(rest, "ver")
}

func hasVowel(w []byte) bool {
	for i := range w {
		if vowelAt(w, i) {
			return true
		}
	}
	return false
}

func runeLen(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// fold lowercases the ASCII letters of word into buf, folds common Latin
// letters with diacritics to their base letter and drops everything else
// (apostrophes, digits). letters reports whether word held a letter of
// another script. The result is cut at maxWord bytes.
func fold(word string, buf []byte) (out []byte, letters bool) {
	for _, r := range word {
		var c byte
		switch {
		case r >= 'a' && r <= 'z':
			c = byte(r)
		case r >= 'A' && r <= 'Z':
			c = byte(r) + 'a' - 'A'
		case r < 0x80:
			continue
		default:
			c = foldLatin(r)
			if c == 0 {
				letters = letters || unicode.IsLetter(r)
				continue
			}
		}
		if len(buf) == maxWord {
			return buf, letters
		}
		buf = append(buf, c)
	}
	return buf, letters
}

// foldLatin maps a Latin letter with a diacritic to its base letter, or 0.
func foldLatin(r rune) byte {
	switch {
	case r >= 'à' && r <= 'å', r >= 'À' && r <= 'Å':
		return 'a'
	case r == 'æ', r == 'Æ':
		return 'e'
	case r == 'ç', r == 'Ç':
		return 'c'
	case r >= 'è' && r <= 'ë', r >= 'È' && r <= 'Ë':
		return 'e'
	case r >= 'ì' && r <= 'ï', r >= 'Ì' && r <= 'Ï':
		return 'i'
	case r == 'ñ', r == 'Ñ':
		return 'n'
	case r >= 'ò' && r <= 'ö', r == 'ø', r >= 'Ò' && r <= 'Ö', r == 'Ø':
		return 'o'
	case r >= 'ù' && r <= 'ü', r >= 'Ù' && r <= 'Ü':
		return 'u'
	case r == 'ý', r == 'ÿ', r == 'Ý':
		return 'y'
	case r == 'ß':
		return 's'
	}
	return 0
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// vowelAt reports whether w[i] sounds as a vowel: a, e, i, o, u, and y
// but where it starts a syllable before a vowel ("yes", "player",
// "beyond"); before an i it stays a vowel ("dying", "studying").
func vowelAt(w []byte, i int) bool {
	c := w[i]
	if isVowel(c) {
		return true
	}
	if c != 'y' {
		return false
	}
	if i+1 < len(w) && isVowel(w[i+1]) && w[i+1] != 'i' {
		return false
	}
	return i > 0 || len(w) == 1 || !isVowel(w[1])
}

// heuristic counts the syllables of a folded, lower-case word of ASCII
// letters.
func heuristic(w []byte) int {
	n := len(w)
	if n <= 2 {
		return 1
	}
	// Vowel groups, each split where two vowels are said apart.
	count := 0
	prevVowel := false
	for i := 0; i < n; i++ {
		c := w[i]
		v := c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' && vowelAt(w, i)
		if v && (!prevVowel || splitsBefore(w, i)) {
			count++
		}
		prevVowel = v
	}
	count -= silentEnding(w)
	count += syllabicConsonant(w)
	return count
}

func hasSuffix(w []byte, s string) bool {
	return len(w) >= len(s) && string(w[len(w)-len(s):]) == s
}

func hasPrefix(w []byte, s string) bool {
	return len(w) >= len(s) && string(w[:len(s)]) == s
}

func at(w []byte, i int) byte {
	if i < 0 || i >= len(w) {
		return 0
	}
	return w[i]
}

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !isVowel(c) && c != 'y'
}

// splitsBefore reports whether the vowel w[i], which follows a vowel,
// starts a syllable of its own: "di-et", "me-di-a", "ra-ti-o", "go-ing",
// "flu-id", "ac-tu-al", "vid-e-o", "ar-e-a", "co-op-er-ate".
func splitsBefore(w []byte, i int) bool {
	prev, c := w[i-1], w[i]
	before := at(w, i-2) // the letter before the pair
	end := len(w)
	// -ing after a vowel: be-ing, go-ing, see-ing, stud-y-ing.
	if c == 'i' && (hasSuffix(w, "ing") && i == end-3 || hasSuffix(w, "ings") && i == end-4) && before != 'q' {
		return prev != 'u' || before != 'g' // not fatiguing
	}
	switch prev {
	case 'i':
		return splitsAfterI(w, i)
	case 'e':
		return splitsAfterE(w, i)
	case 'u':
		return splitsAfterU(w, i)
	case 'o':
		return splitsAfterO(w, i)
	case 'a':
		// cha-os, na-ive, mo-sa-ic, ar-cha-ic.
		next := at(w, i+1)
		return c == 'o' || c == 'i' && (next == 'c' && i+2 == end || next == 'v' && at(w, i+2) == 'e' && i+3 == end)
	}
	// y then a vowel is a consonant (vowelAt); stud-y-ing is above.
	return false
}

// splitsAfterI handles the pairs ia, io, iu, ie and ii.
func splitsAfterI(w []byte, i int) bool {
	next, before, end := at(w, i+1), at(w, i-2), len(w)
	switch w[i] {
	case 'a':
		// me-di-a, bac-te-ri-a, as-so-ci-ate; but spe-cial, ini-tial,
		// phy-si-cian, A-sia, ci-vil-ian, mar-riage.
		if before == 'l' && at(w, i-3) == 'i' && next == 'n' || before == 'r' && at(w, i-3) == 'r' && next == 'g' {
			return false
		}
		if before == 't' || before == 'c' || before == 's' {
			return next != 'l' && next != 'n' && next != 0 && (next != 's' || i+2 != end)
		}
		return true
	case 'o':
		return splitsIO(w, i)
	case 'e':
		return splitsIE(w, i)
	}
	// cal-ci-um, so-di-um, ski-ing.
	return true
}

// splitsIO tells the io of bi-ol-o-gy, ra-ti-o and pe-ri-od from that of
// na-tion, vi-sion, anx-ious, re-li-gion, mil-lion, on-ion, be-hav-ior.
func splitsIO(w []byte, i int) bool {
	next, before := at(w, i+1), at(w, i-2)
	if i+1 == len(w) {
		return true
	}
	switch before {
	case 't', 'c', 's', 'x', 'g', 'h':
		return next != 'n' && next != 'u'
	case 'l':
		return at(w, i-3) != 'l' || next != 'n'
	case 'n':
		return next != 'n' && next != 'r'
	case 'v':
		return next != 'r' && (next != 'u' || at(w, i+2) != 'r')
	}
	return true
}

// splitsAfterE handles the pairs eo, ea, eu, ee and ei.
func splitsAfterE(w []byte, i int) bool {
	next, before := at(w, i+1), at(w, i-2)
	switch w[i] {
	case 'o':
		// vid-e-o, the-o-ry, spon-ta-ne-ous, ge-og-ra-phy; but peo-ple,
		// sur-geon, gor-geous, her-ba-ceous.
		if i == 2 && before == 'g' {
			return true
		}
		return before != 'g' && before != 'c' && !hasPrefix(w, "peop") && !hasPrefix(w, "leop") && !hasPrefix(w, "jeop")
	case 'a':
		return splitsEA(w, i)
	case 'u':
		// mu-se-um, il-e-um.
		return next == 'm' && i+2 == len(w)
	case 'e', 'i':
		return splitsPrefixE(w, i)
	}
	return false
}

// splitsPrefixE handles the ee and ei after a prefix re-, pre- or de-:
// pre-ex-ist-ing, re-e-val-u-ate, re-in-force, de-i-ty; but their, eight,
// re-ceive, reign.
func splitsPrefixE(w []byte, i int) bool {
	next, before := at(w, i+1), at(w, i-2)
	if w[i] == 'e' {
		return i == 2 && (before == 'r' || before == 'p') && (next == 'x' || next == 'v' || next == 'n' || next == 'm') ||
			i == 3 && hasPrefix(w, "pre") && next != 'n'
	}
	return i == 2 && (before == 'r' || before == 'd') && (next == 'n' && at(w, i+2) != 'g' || next == 'm' || next == 't')
}

// splitsAfterU handles the pairs ua, ue, ui and uo.
func splitsAfterU(w []byte, i int) bool {
	next, before, end := at(w, i+1), at(w, i-2), len(w)
	if before == 'q' || before == 'g' {
		// qual-i-ty, guard, ques-tion, guess, guide, liq-uid, quote.
		return false
	}
	switch w[i] {
	case 'a', 'o':
		// us-u-al, ac-tu-al, con-tin-u-ous, flu-o-ride.
		return true
	case 'e':
		// flu-ent, cru-el, in-flu-ence; but blue, val-ue, con-tin-ued.
		return i+1 != end && (next != 's' && next != 'd' || i+2 != end)
	case 'i':
		// flu-id; but fruit.
		return next == 'd'
	}
	return false
}

// splitsAfterO handles the pairs oo, oe and oa of a prefix co- or po-.
func splitsAfterO(w []byte, i int) bool {
	next, before := at(w, i+1), at(w, i-2)
	switch w[i] {
	case 'o':
		// co-op-er-ate, co-or-di-nate.
		return i == 2 && before == 'c' && (next == 'p' || next == 'r')
	case 'e':
		// co-ex-ist, po-em; but toe, does, oe-de-ma.
		return i == 2 && (before == 'c' || before == 'p') && next != 's' || hasPrefix(w, "whoev")
	case 'a':
		// co-ag-u-late, co-a-li-tion; but boat, coast.
		return i == 2 && before == 'c' && (next == 'g' || next == 'l' && at(w, i+2) == 'i')
	}
	return false
}

// splitsIE tells the ie of di-et, sci-ence, va-ri-e-ty, eas-i-er, cli-ent
// from the ie of piece, field, pa-tient, stud-ied and bab-ies.
func splitsIE(w []byte, i int) bool {
	before := at(w, i-2)
	next := at(w, i+1)
	end := len(w)
	switch {
	case hasPrefix(w, "sci") && i == 3:
		return true
	case next == 't':
		// di-et, qui-et, va-ri-e-ty, anx-i-e-ty; but pa-tient is
		// -tient, handled below.
		return true
	case next == 'r' && (i+2 == end || at(w, i+2) == 's' && i+3 == end):
		// eas-i-er, ear-li-er; but pier, sol-dier.
		return i != 2 && (before != 'd' || at(w, i-3) != 'l')
	case next == 's' && at(w, i+2) == 't' && (i+3 == end || i+4 == end && at(w, i+3) == 's'):
		// eas-i-est.
		return true
	case next == 'n' && (at(w, i+2) == 't' || at(w, i+2) == 'c'):
		// cli-ent, in-gre-di-ent, ex-pe-ri-ence; but pa-tient, an-cient,
		// ef-fi-cient, con-science.
		return before != 't' && before != 'c' && before != 's' && before != 'q'
	}
	return false
}

// splitsEA tells the ea of cre-ate, re-act, re-al-i-ty, ar-e-a, i-de-a
// from the ea of eat, great, reach, real and tea.
func splitsEA(w []byte, i int) bool {
	end := len(w)
	before := at(w, i-2)
	next := at(w, i+1)
	if before == 'r' && at(w, i-3) == 'c' && next == 't' {
		return true // cre-ate, cre-a-tion
	}
	if hasPrefix(w, "re") && i == 2 {
		for _, s := range [...]string{"react", "realis", "realiz", "realit", "reass", "reapp", "readj", "reaff", "reacq", "reacti", "reanim", "reallo"} {
			if hasPrefix(w, s) {
				return true
			}
		}
		return false
	}
	if i+1 == end || next == 's' && i+2 == end {
		// ar-e-a, i-de-a, nau-se-a, di-ar-rhoe-a, ap-ne-a; but tea, flea.
		return end-boolInt(next == 's') >= 5 || isVowel(at(w, i-3))
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// silentEnding returns how many vowel groups of w's ending are not said:
// the e of make, makes, used, safely, movement, careful, hopelessness,
// the ue of league and unique, the al of basically.
func silentEnding(w []byte) int {
	silent := 0
	stem := stripSuffixes(w)
	if len(stem) < len(w) {
		// A suffix follows: the stem's final e is silent as a word's is
		// (safe-ly, move-ment, hope-less-ness, re-tire-ment).
		if len(stem) > 2 && stem[len(stem)-1] == 'e' && silentFinalE(stem, len(stem)-1) {
			silent++
		}
	} else {
		silent += silentInflection(w)
	}
	// The silent ue of league, fatigue, tongue, unique, technique.
	for _, s := range [...]string{"gue", "gues", "que", "ques"} {
		if c := w[len(w)-1]; c != 'e' && c != 's' {
			break
		}
		if hasSuffix(w, s) && len(w) > len(s)+1 {
			if c := w[len(w)-len(s)-1]; vowelAt(w, len(w)-len(s)-1) || s[0] == 'g' && c == 'n' {
				silent++
			}
			break
		}
	}
	if hasSuffix(w, "ically") {
		silent++ // ba-si-cal-ly is said ba-si-cly
	}
	return silent
}

// suffixes are the endings after which a stem keeps its silent e.
var suffixes = [...]string{"ness", "less", "ment", "ful", "ly", "ty"}

// stripSuffixes returns w without its suffixes (and the plural s after
// them): hopelessness → hope, movements → move, carefully → care.
func stripSuffixes(w []byte) []byte {
	switch w[len(w)-1] {
	case 's', 't', 'l', 'y':
	default:
		return w
	}
	stem := w
	if len(stem) > 5 && stem[len(stem)-1] == 's' && (hasSuffix(stem, "ments") || hasSuffix(stem, "nesses")) {
		stem = stem[:len(stem)-1]
		if hasSuffix(stem, "nesse") {
			stem = stem[:len(stem)-2]
		}
	}
	for again := true; again; {
		again = false
		for _, s := range suffixes {
			if len(stem) >= len(s)+3 && hasSuffix(stem, s) {
				stem = stem[:len(stem)-len(s)]
				again = true
				break
			}
		}
	}
	return stem
}

// silentInflection returns 1 for the silent e of a final -e, -es or -ed:
// make, makes, used; not box-es, want-ed, set-tled, fire.
func silentInflection(w []byte) int {
	n := len(w)
	switch {
	case w[n-1] == 'e':
		if silentFinalE(w, n-1) && !saidIre(w, n-1) {
			return 1
		}
	case n > 3 && w[n-1] == 's' && w[n-2] == 'e':
		return silentES(w)
	case n > 3 && w[n-1] == 'd' && w[n-2] == 'e':
		return silentED(w)
	}
	return 0
}

// silentES returns 1 for the silent e of a final -es: makes, aches; not
// box-es, cau-ses, chan-ges, wash-es.
func silentES(w []byte) int {
	n := len(w)
	c := w[n-3]
	switch {
	case hasSuffix(w, "aches") && (n == 5 || !isVowel(w[n-6])):
		return 1 // aches, head-aches
	case c == 's' || c == 'z' || c == 'x' || c == 'c' || c == 'g' || c == 'h' && (w[n-4] == 'c' || w[n-4] == 's'):
		return 0
	case silentFinalE(w, n-2) && !saidIre(w, n-2):
		return 1
	}
	return 0
}

// silentED returns 1 for the silent e of a final -ed: used, played; not
// want-ed, need-ed, ti-red, set-tled, hun-dred.
func silentED(w []byte) int {
	n := len(w)
	c := w[n-3]
	switch {
	case c == 't' || c == 'd' || saidIre(w, n-2):
		return 0
	case (c == 'l' || c == 'r') && isConsonant(w[n-4]) && w[n-4] != c:
		return 0 // the l or r is a syllable of its own
	case (isConsonant(c) || c == 'y' && isVowel(w[n-4])) && hasVowel(w[:n-2]):
		return 1
	}
	return 0
}

// saidIre reports whether the e at w[e] ends an -ire the dictionary says
// as two syllables: fi-re, ti-red, re-qui-res.
func saidIre(w []byte, e int) bool {
	return e >= 2 && w[e-1] == 'r' && w[e-2] == 'i' && (e == 2 || !isVowel(w[e-3]) || w[e-3] == 'u' && at(w, e-4) == 'q')
}

// silentFinalE reports whether the e at w[e] (the last vowel letter of the
// word, followed at most by s or d) is silent: make, hope, tired; not
// ta-ble, cen-tre, the, free.
func silentFinalE(w []byte, e int) bool {
	if e < 2 {
		return false
	}
	c := w[e-1]
	if !isConsonant(c) && (c != 'y' || !isVowel(w[e-2])) {
		// free, toe, blue, eye: the e is part of the vowel before it.
		return c == 'y'
	}
	if (c == 'l' || c == 'r') && isConsonant(w[e-2]) && w[e-2] != c {
		// ta-ble, sim-ple, cen-tre, fi-bre: the consonant and l or r make
		// a syllable.
		return false
	}
	// The only vowel of the word: the, he, she.
	return hasVowel(w[:e-1])
}

// syllabicConsonant returns 1 for an ending whose consonants make a
// syllable with no vowel written: au-tis-m, spas-m, rhyth-m.
func syllabicConsonant(w []byte) int {
	n := len(w)
	end := n
	if w[n-1] == 's' && n > 3 {
		end--
	}
	if end >= 3 && w[end-1] == 'm' && (w[end-2] == 's' || w[end-2] == 'h' && w[end-3] == 't') {
		if w[end-2] == 's' && !vowelAt(w, end-3) {
			return 0
		}
		return 1
	}
	return 0
}
