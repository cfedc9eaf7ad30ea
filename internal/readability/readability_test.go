package readability_test

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/readability"
)

func TestSyllables(t *testing.T) {
	t.Parallel()
	tests := map[string]int{
		// Vowel groups and the silent e.
		"a": 1, "the": 1, "make": 1, "makes": 1, "table": 2, "little": 2, "centre": 2, "free": 1, "eye": 1,
		"boxes": 2, "changes": 2, "washes": 2, "used": 1, "wanted": 2, "needed": 2, "settled": 2, "tired": 2,
		"safely": 2, "movement": 2, "movements": 2, "careful": 2, "carefully": 3, "hopelessness": 3, "safety": 2,
		// Vowels said apart.
		"diet": 2, "science": 2, "variety": 4, "easier": 3, "client": 2, "patient": 2, "ancient": 2,
		"media": 3, "bacteria": 4, "special": 2, "physician": 3, "associate": 4, "ratio": 3, "biology": 4,
		"nation": 2, "anxious": 2, "religion": 3, "million": 2, "behavior": 3, "calcium": 3, "video": 3,
		"people": 2, "surgeon": 2, "area": 3, "idea": 3, "tea": 1, "create": 2, "react": 2, "reach": 1,
		"usual": 3, "quality": 3, "fluent": 2, "blue": 1, "continued": 3, "question": 2, "fluid": 2,
		"fruit": 1, "continuous": 4, "quote": 1, "cooperate": 4, "being": 2, "going": 2, "seeing": 2,
		"studying": 3, "dying": 2, "player": 2, "yes": 1, "beyond": 2, "happy": 2, "rhythm": 2,
		"autism": 3, "spasm": 2, "league": 1, "tongue": 1, "unique": 2, "technique": 2, "basically": 3,
		"geography": 4, "naive": 2,
		// Compounds and contractions.
		"sometimes": 2, "lifestyle": 2, "caregiver": 3, "everything": 3, "anyone": 3, "someone": 2,
		"eyelid": 2, "widening": 3, "doesn't": 2, "don't": 1, "that'll": 2, "you're": 1,
		// Exceptions, abbreviations in lower case, folding, parts.
		"recipe": 3, "recipes": 3, "diabetes": 4, "acne": 2, "mg": 2, "gps": 3, "café": 2, "naïve": 2,
		"long-term": 2, "e.g.": 2, "anti-inflammatory": 7, "INFLAMMATION": 4,
		// Degenerate input.
		"": 1, "'": 1, "x": 1, "日本": 1, strings.Repeat("ab", 40): 26,
	}
	for word, want := range tests {
		if got := readability.Syllables(word); got != want {
			t.Errorf("Syllables(%q) = %d, want %d", word, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want string // word:syllables, space separated
	}{
		{"Take two tablets.", "Take:1 two:1 tablets:2"},
		{"It isn't long-term (see e.g. the NHS).", "It:1 isn't:2 long-term:2 see:1 e.g:2 the:1 NHS:1"},
		{"Take 2,000 IU or 2.5 mg of B12.", "Take:1 2,000:1 IU:1 or:1 2.5:1 mg:2 of:1 B12:1"},
		{"As shown [3] and [2, 5], see https://nhs.uk/a or www.nhs.uk or a@b.com.", "As:1 shown:1 and:1 see:1 or:1 or:1"},
		{"[citation needed] and/or COVID-19", "citation:3 needed:2 and:1 or:1 COVID-19:2"},
		{"— & … !", ""},
		{"café’s naïve", "café’s:2 naïve:2"},
		{"Visit nhs.uk, Ph.D. window.gie.load(x) at 2.5 a.m.", "Visit:2 Ph.D:3 x:1 at:1 2.5:1 a.m:2"},
	}
	for _, tt := range tests {
		var got []string
		readability.Words(tt.text, func(w readability.Word) {
			got = append(got, tt.text[w.Start:w.End]+":"+strconv.Itoa(w.Syllables))
		})
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.text, g, tt.want)
		}
	}
}

func TestFormulas(t *testing.T) {
	t.Parallel()
	// The published examples: Flesch-Kincaid of 100 words, 5 sentences and
	// 150 syllables; SMOG of 30 sentences with 30 polysyllables (the
	// square root of 30, about 5.48: grade 8.84).
	c := readability.Counts{Sentences: 5, Words: 100, Syllables: 150}
	if got, want := readability.FleschKincaid(c), 0.39*20+11.8*1.5-15.59; math.Abs(got-want) > 1e-9 {
		t.Errorf("FleschKincaid = %v, want %v", got, want)
	}
	c = readability.Counts{Sentences: 30, Polysyllables: 30}
	if got := readability.SMOG(c); math.Abs(got-(1.043*math.Sqrt(30)+3.1291)) > 1e-9 {
		t.Errorf("SMOG = %v", got)
	}
	// The short-text adjustment: 10 sentences with 10 polysyllables read
	// as 30 with 30.
	if a, b := readability.SMOG(readability.Counts{Sentences: 10, Polysyllables: 10}), readability.SMOG(c); math.Abs(a-b) > 1e-9 {
		t.Errorf("SMOG of 10 sentences = %v, of 30 = %v", a, b)
	}
	if readability.FleschKincaid(readability.Counts{}) != 0 || readability.SMOG(readability.Counts{}) != 0 {
		t.Error("formulas of an empty text are not 0")
	}
	got := readability.Count("The gastrointestinal tract is long.")
	if want := (readability.Counts{Sentences: 1, Words: 5, Syllables: 9, Polysyllables: 1}); got != want {
		t.Errorf("Count = %+v, want %+v", got, want)
	}
	var sum readability.Counts
	sum.Add(got)
	sum.Add(got)
	if sum.Sub(got) != got {
		t.Errorf("Add/Sub: %+v", sum)
	}
}

// FuzzWords checks that the scanner's words lie inside the text, in order,
// never empty, each with at least one syllable and no more than its
// letters allow.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"Take 2,000 IU [3].", "don't long-term e.g. NHS", "https://x.y a@b.c www.q", "ﬁ ǅ 日本 é", "'-'.-,", "[[1]]]] [2, 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		readability.Words(text, func(w readability.Word) {
			if w.Start < last || w.End <= w.Start || w.End > len(text) {
				t.Fatalf("word [%d,%d) after %d in %d bytes", w.Start, w.End, last, len(text))
			}
			last = w.End
			if w.Syllables < 1 || w.Syllables > 3*utf8.RuneCountInString(text[w.Start:w.End])+1 {
				t.Fatalf("word %q: %d syllables", text[w.Start:w.End], w.Syllables)
			}
		})
		if n := readability.Syllables(text); n < 1 {
			t.Fatalf("Syllables(%q) = %d", text, n)
		}
	})
}

// BenchmarkCount times the word scanner and syllable counter on prose.
func BenchmarkCount(b *testing.B) {
	text := strings.Repeat("Your gut microbiome plays a vital role in regulating hormones, including estrogen and androgens. "+
		"Certain gut bacteria assist in processing and eliminating excess hormones from the body. "+
		"However, when these bacteria are imbalanced, hormone levels can surge, resulting in an overproduction of sebum (oil). ", 10)
	words := len(strings.Fields(text))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		readability.Count(text)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
}

// TestExceptionsIndexed checks that every exception is found by the
// bucketed lookup the counter uses.
func TestExceptionsIndexed(t *testing.T) {
	t.Parallel()
	for w, n := range readability.Exceptions() {
		if got := readability.Syllables(w); got != n {
			t.Errorf("exception %q: Syllables = %d, want %d", w, got, n)
		}
	}
}
