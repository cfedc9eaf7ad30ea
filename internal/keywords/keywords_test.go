package keywords_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/keywords"
)

var (
	words      = []string{"lorem ipsum", "tk", "[cite", "dr. ", "now", "know", "ſ", "é", "code "}
	asciiWords = []string{"lorem ipsum", "tk", "[cite", "dr. ", "now", "know", "code ", "is", "k"}
)

// naive is what Scan must equal: the words strings.ToLower(text) holds.
func naive(m *keywords.Matcher, words []string, text string) keywords.Set {
	var s keywords.Set
	lower := strings.ToLower(text)
	for _, w := range words {
		if strings.Contains(lower, w) {
			one := m.Set([]string{w})
			s.Add(&one)
		}
	}
	return s
}

func TestScan(t *testing.T) {
	t.Parallel()
	m := keywords.New(words)
	for _, text := range []string{"", "Lorem Ipsum dolor", "TK", "I KNOW now", "see [Cite 3]", "DR. X", "ÉCOLE", "loreM IPSU", "kn", "Code  x", "CODE x"} {
		if got, want := m.Scan(text), naive(m, words, text); got != want {
			t.Errorf("Scan(%q) = %v, want %v", text, got, want)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{"Lorem Ipsum", "I KNOW", "[CITE]", "ÉÉ tk", "\xff\xfeTK"} {
		f.Add(s)
	}
	m, ma := keywords.New(words), keywords.New(asciiWords)
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := m.Scan(text), naive(m, words, text); got != want {
			t.Fatalf("Scan(%q) = %v, want %v", text, got, want)
		}
		if got, want := ma.Scan(text), naive(ma, asciiWords, text); got != want {
			t.Fatalf("ASCII words: Scan(%q) = %v, want %v", text, got, want)
		}
	})
}

func TestGates(t *testing.T) {
	t.Parallel()
	g := keywords.NewGates(
		keywords.Need{{"shop now", "buy now"}},
		keywords.Need{{"use ", "enter "}, {"code ", "coupon "}},
		keywords.Need{},
	)
	for _, tc := range []struct {
		text string
		want [3]bool
	}{
		{"Buy Now!", [3]bool{true, false, true}},
		{"Use the code ABC", [3]bool{false, true, true}},
		{"use it", [3]bool{false, false, true}},
		{"code only", [3]bool{false, false, true}},
		// U+212A KELVIN SIGN folds to k in (?i) patterns: every gate opens.
		{"\u212a", [3]bool{true, true, true}},
	} {
		o := g.Scan(tc.text)
		for i, want := range tc.want {
			if got := o.May(i); got != want {
				t.Errorf("Scan(%q).May(%d) = %v, want %v", tc.text, i, got, want)
			}
		}
	}
}

// TestScanASCIIWordsInFoldedRunes covers the two runes that lower-case to
// ASCII letters, with and without a non-ASCII word in the matcher.
func TestScanASCIIWordsInFoldedRunes(t *testing.T) {
	t.Parallel()
	for _, ws := range [][]string{{"kg", "is"}, {"kg", "is", "é"}} {
		m := keywords.New(ws)
		for _, text := range []string{"5 \u212ag", "\u0130s", "ÉÉ kG", "plain"} {
			if got, want := m.Scan(text), naive(m, ws, text); got != want {
				t.Errorf("words %q: Scan(%q) = %v, want %v", ws, text, got, want)
			}
		}
	}
}

// BenchmarkScan scans prose full of digits and common words, the worst
// case for the accepting-state path.
func BenchmarkScan(b *testing.B) {
	m := keywords.New(strings.Fields("0 1 2 3 4 5 6 7 8 9 people adults children show suggest found report link say percent in out of code now shop buy the and of"))
	text := strings.Repeat("In 2023, 45% of the 1,200 adults surveyed said the link between sleep and mood was clear; see report 7. ", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		m.Scan(text)
	}
}

// TestScanManyWords checks a large automaton (hundreds of words over more
// than 32 byte classes, as the claim patterns' gates have: its states are
// renumbered through long permutation cycles) against naive on texts made
// of pieces of the words.
func TestScanManyWords(t *testing.T) {
	t.Parallel()
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 -'./"
	r := rand.New(rand.NewPCG(7, 8))
	var many []string
	for range 600 {
		w := make([]byte, 2+r.IntN(10))
		for i := range w {
			w[i] = alphabet[r.IntN(len(alphabet))]
		}
		many = append(many, string(w))
	}
	m := keywords.New(many)
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(6) {
			w := many[r.IntN(len(many))]
			lo := r.IntN(len(w))
			b.WriteString(strings.ToUpper(w[lo:])) // a suffix, in capitals: Scan folds ASCII case
			b.WriteString(many[r.IntN(len(many))][:1+r.IntN(2)])
		}
		text := b.String()
		if got, want := m.Scan(text), naive(m, many, text); got != want {
			t.Fatalf("Scan(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestAnyIsSomeMay checks Any's shortcut (the union of one group of each
// need) against asking every gate, on random needs and texts.
func TestAnyIsSomeMay(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	vocab := []string{"ab", "b", "ca", "d", "abc", "e e", "%", "1"}
	pick := func() []string {
		var g []string
		for range 1 + rng.IntN(3) {
			g = append(g, vocab[rng.IntN(len(vocab))])
		}
		return g
	}
	for round := range 300 {
		var needs []keywords.Need
		for range 1 + rng.IntN(4) {
			var n keywords.Need // now and then empty: a gate always open
			groups := 1 + rng.IntN(3)
			if round%7 == 0 {
				groups = rng.IntN(2)
			}
			for range groups {
				n = append(n, pick())
			}
			needs = append(needs, n)
		}
		g := keywords.NewGates(needs...)
		for range 20 {
			var b strings.Builder
			for range rng.IntN(6) {
				b.WriteString(vocab[rng.IntN(len(vocab))])
				b.WriteString(" ")
			}
			o := g.Scan(b.String())
			some := false
			for i := range needs {
				some = some || o.May(i)
			}
			if got := o.Any(); got != some {
				t.Fatalf("needs %v, text %q: Any = %v, some May = %v", needs, b.String(), got, some)
			}
		}
	}
}
