package document

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/textmemo"
)

// Sentence is one sentence of a prose block.
type Sentence struct {
	// Text is the sentence, trimmed.
	Text string
	// Start and End delimit it in Block.Text.
	Start, End int
	// Pos and End delimit it in Source.
	Pos, EndPos int
	// Block is the block holding the sentence.
	Block *Block
}

// Sentences returns the sentences of b, splitting it on first use (safe
// for concurrent use: rules run in parallel on a large file).
func (d *Document) Sentences(b *Block) []Sentence {
	b.sentencesOnce.Do(func() {
		var split []Sentence
		if d.Texts == nil {
			split = SplitSentences(b.Text)
		} else {
			// A copy: joinInsideLinks and the positions below change it.
			split = slices.Clone(textmemo.Get(d.Texts, sentencesKind, b.Text, SplitSentences))
		}
		b.sentences = joinInsideLinks(split, b.Text, b.Links())
		for i := range b.sentences {
			s := &b.sentences[i]
			s.Block = b
			s.Pos = b.SourceOffset(s.Start)
			s.EndPos = b.SourceOffset(max(s.End-1, s.Start)) + 1
			if s.End == s.Start {
				s.EndPos = s.Pos
			}
		}
	})
	return b.sentences
}

// sentencesKind is SplitSentences' entry in Document.Texts.
var sentencesKind = textmemo.NewKind("document.SplitSentences")

// joinInsideLinks joins sentences split inside a link's text: the title
// of a cited paper ("[Is It Safe? A Review](https://...)") is part of the
// sentence that cites it.
func joinInsideLinks(sentences []Sentence, text string, links []*Link) []Sentence {
	if len(sentences) < 2 || len(links) == 0 {
		return sentences
	}
	inside := func(pos int) bool {
		for _, l := range links {
			if l.TextPos < pos && pos < l.TextEnd {
				return true
			}
		}
		return false
	}
	out := sentences[:1]
	for _, s := range sentences[1:] {
		last := &out[len(out)-1]
		if inside(s.Start) {
			last.End = s.End
			last.Text = text[last.Start:last.End]
			continue
		}
		out = append(out, s)
	}
	return out
}

// abbreviations never end a sentence when followed by a period.
var abbreviations = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "st": true, "sr": true, "jr": true,
	"e.g": true, "i.e": true, "etc": true, "vs": true, "al": true, "approx": true, "u.s": true,
	"u.k": true, "no": true, "fig": true, "figs": true, "vol": true, "pp": true, "p": true, "ca": true,
	"cf": true, "inc": true, "ltd": true, "co": true, "dept": true, "est": true, "min": true, "max": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "mt": true, "ft": true,
	"rev": true, "gen": true, "sen": true, "rep": true, "gov": true, "ph.d": true, "m.d": true,
	"a.m": true, "p.m": true, "ed": true, "eds": true, "op": true, "cit": true, "ibid": true, "viz": true,
}

// SplitSentences splits plain text into sentences. A sentence ends at '.',
// '!', '?' or '…' (with any closing quotes or brackets) followed by
// whitespace and an upper-case letter, a digit, or an opening quote or
// bracket; abbreviations ("Dr.", "e.g.", "et al.", "U.S."), initials
// ("J. Smith") and decimals ("2.5 mg") do not end one.
func SplitSentences(text string) []Sentence { //nolint:gocyclo // one algorithm, a sentence splitter over the boundary cases
	var out []Sentence
	start := 0
	emit := func(end int) {
		seg := text[start:end]
		trimmedLeft := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
		s := strings.TrimSpace(seg)
		if s != "" {
			out = append(out, Sentence{Text: s, Start: start + trimmedLeft, End: start + trimmedLeft + len(s)})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		end := i + size
		// Runs of terminators and closing punctuation stay with the sentence.
		for end < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(".!?…\"'”’)]»", r2) {
				break
			}
			end += s2
		}
		// A reference marker glued to the full stop ("gut.[3] Next", or
		// "gut.3 Next" where "<sup>3</sup>" was dropped as HTML) ends the
		// sentence it follows.
		if n := markerAfterStop(text, i, end); n > 0 {
			end += n
		}
		if end >= len(text) {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(next) {
			i = end
			continue
		}
		j := end
		for j < len(text) {
			r3, s3 := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsSpace(r3) {
				break
			}
			j += s3
		}
		if j >= len(text) {
			break
		}
		// A bracketed marker after the full stop ("gut. [3] Next") cites the
		// sentence before it, not the next one.
		if m := bracketMarker(text[j:]); m != "" && (j+len(m) == len(text) || isSpaceAt(text, j+len(m))) {
			end = j + len(m)
			j = end
			for j < len(text) {
				r3, s3 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(r3) {
					break
				}
				j += s3
			}
			if j >= len(text) {
				break
			}
		}
		first, _ := utf8.DecodeRuneInString(text[j:])
		startsSentence := unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("\"'“‘([*", first)
		if r == '.' && (isAbbreviation(text[:i]) && !endsListAbbreviation(text[:i], first) || !startsSentence) {
			i = end
			continue
		}
		if !startsSentence {
			i = end
			continue
		}
		emit(end)
		i = j
	}
	if start < len(text) {
		emit(len(text))
	}
	return out
}

// isAbbreviation reports whether the word ending text (just before a '.')
// is an abbreviation or an initial.
func isAbbreviation(text string) bool {
	k := len(text)
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		k -= size
	}
	word := text[k:]
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r) // an initial: "J. Smith"
	}
	if strings.Count(word, ".") > 0 && len(word) <= 6 {
		return true // "U.S", "e.g", "Ph.D"
	}
	return abbreviations[strings.ToLower(word)]
}

// bracketMarker returns the numeric reference marker at the start of s,
// or "": "[3]", "[2, 5]", "[4-6]"; what the regular expression
// ^\[\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,8}\] matches (see the test), without
// the cost of running one over the rest of the block.
func bracketMarker(s string) string {
	if len(s) == 0 || s[0] != '[' {
		return ""
	}
	if n := markerNumbers(s, 1, true); n > 1 && n < len(s) && s[n] == ']' {
		return s[:n+1]
	}
	return ""
}

// digitMarker returns the bare reference number at the start of s (left
// in the text by a dropped "<sup>3</sup>"), or "": "3", "2,5", "4-6"; what
// ^\d{1,3}(?:[,–-]\d{1,3}){0,8} matches.
func digitMarker(s string) string {
	return s[:markerNumbers(s, 0, false)]
}

// markerNumbers reads, from s[i:], a number of one to three digits and up
// to eight more after a comma, hyphen or en dash (with spaces around the
// separator when spaced), each taken greedily, and returns where they end,
// or i when there is no first number.
func markerNumbers(s string, i int, spaced bool) int {
	end := digitsAt(s, i)
	if end == i {
		return i
	}
	for range 8 {
		j := end
		if spaced {
			j = skipSpaces(s, j)
		}
		switch {
		case j < len(s) && (s[j] == ',' || s[j] == '-'):
			j++
		case strings.HasPrefix(s[j:], "–"):
			j += len("–")
		default:
			return end
		}
		if spaced {
			j = skipSpaces(s, j)
		}
		k := digitsAt(s, j)
		if k == j {
			return end
		}
		end = k
	}
	return end
}

// digitsAt returns the end of the one to three ASCII digits at s[i:], or i.
func digitsAt(s string, i int) int {
	j := i
	for j < len(s) && j-i < 3 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return j
}

// skipSpaces skips the characters regexp's \s matches.
func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// markerAfterStop returns the length of a reference marker glued to the
// sentence terminator text[i:end] and followed by whitespace, or 0. The
// terminator must follow a letter, a closing bracket or "%" so that
// decimals ("1.5 mg") and versions are left alone.
func markerAfterStop(text string, i, end int) int {
	if i == 0 || end >= len(text) {
		return 0
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	if !unicode.IsLetter(prev) && prev != ')' && prev != '%' && prev != ']' {
		return 0
	}
	m := bracketMarker(text[end:])
	if m == "" && text[i] == '.' && !isAbbreviation(text[:i]) {
		m = digitMarker(text[end:])
	}
	if m == "" || (end+len(m) < len(text) && !isSpaceAt(text, end+len(m))) {
		return 0
	}
	return len(m)
}

func isSpaceAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r)
}

// endsListAbbreviation reports whether the abbreviation ending before
// (just before its '.') closes a list and so ends the sentence when the
// next word is capitalised ("apples, pears, etc. The rest").
func endsListAbbreviation(before string, next rune) bool {
	return unicode.IsUpper(next) && (strings.HasSuffix(before, " etc") || before == "etc")
}
