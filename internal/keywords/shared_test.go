package keywords

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// TestScanSharedIsScan checks that one shared pass gives every Matcher
// exactly what its own Scan gives, on random words and texts (non-ASCII
// ones included), for more Matchers than one loop runs, one text at a time
// and in batches (ScanSharedAll) of up to a dozen.
func TestScanSharedIsScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "c", "d", "e", " ", "1", "%", "é", "É", "\u0130", "\u212a", "k", "i", "-"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return strings.ToLower(b.String())
	}
	var ms []*Matcher
	for range 7 {
		var ws []string
		for range 1 + rng.IntN(40) {
			ws = append(ws, word(1+rng.IntN(4)))
		}
		ms = append(ms, New(ws))
	}
	for _, m := range ms {
		share(m)
	}
	check := func(text string, f Found) {
		t.Helper()
		if f.text != text || f.Current() != true {
			t.Fatalf("pass of %q is of %q, current %v", text, f.text, f.Current())
		}
		for i, m := range ms {
			got, ok := f.lookup(m)
			if !ok {
				t.Fatalf("matcher %d not shared", i)
			}
			if want := m.Scan(text); got != want {
				t.Fatalf("matcher %d, %q: shared %v, own %v", i, text, got, want)
			}
		}
	}
	for range 2000 {
		text := word(rng.IntN(60))
		check(text, ScanShared(text))
	}
	for range 300 {
		texts := make([]string, rng.IntN(13))
		for i := range texts {
			texts[i] = word(rng.IntN(60))
		}
		found := make([]Found, len(texts))
		ScanSharedAll(texts, found)
		for i, text := range texts {
			check(text, found[i])
		}
	}
	runtime.KeepAlive(ms)
}

// TestScanWith checks that Gates read a Found that covers them, and join
// the shared Matchers when it does not.
func TestScanWith(t *testing.T) {
	g := NewGates(Need{{"proven"}}, Need{{"cure", "cures"}})
	text := "Clinically PROVEN to work."
	before := ScanShared(text)
	if _, ok := before.lookup(g.m); ok {
		t.Fatal("a new Gates is shared before it asked")
	}
	o := g.ScanWith(text, &before) // joins
	if !o.May(0) || o.May(1) {
		t.Fatalf("ScanWith fallback: May = %v %v", o.May(0), o.May(1))
	}
	after := ScanShared(text)
	if _, ok := after.lookup(g.m); !ok {
		t.Fatal("Gates not shared after ScanWith")
	}
	o = g.ScanWith(text, &after)
	if !o.May(0) || o.May(1) {
		t.Fatalf("ScanWith shared: May = %v %v", o.May(0), o.May(1))
	}
	o = g.ScanWith("it cures", &after) // another text: scans it
	if o.May(0) || !o.May(1) {
		t.Fatalf("ScanWith other text: May = %v %v", o.May(0), o.May(1))
	}
}

// BenchmarkScanShared is BenchmarkScanSeparate's Matchers in one pass.
func BenchmarkScanShared(b *testing.B) {
	ms, text := benchMatchers()
	for _, m := range ms {
		share(m)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ScanShared(text)
	}
	runtime.KeepAlive(ms)
}

// BenchmarkScanSeparate scans a text with five Matchers one after the
// other, as five rules did.
func BenchmarkScanSeparate(b *testing.B) {
	ms, text := benchMatchers()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		for _, m := range ms {
			m.Scan(text)
		}
	}
}

func benchMatchers() ([]*Matcher, string) {
	rng := rand.New(rand.NewPCG(3, 4))
	var ms []*Matcher
	for _, n := range []int{400, 290, 210, 140, 80} {
		var ws []string
		for range n {
			w := make([]byte, 4+rng.IntN(7))
			for i := range w {
				w[i] = byte('a' + rng.IntN(26))
			}
			ws = append(ws, string(w))
		}
		ws = append(ws, "proven", "people", "the", "of", "study")
		ms = append(ms, New(ws))
	}
	text := strings.Repeat("In 2023, 45% of the 1,200 adults surveyed said the link between sleep and mood was clear; a study of people proven. ", 20)
	return ms, text
}
