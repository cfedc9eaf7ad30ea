package keywords

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/medlint/medlint/internal/gentable"
)

// knownEntries returns every entry of blob, failing t on one that does
// not parse.
func knownEntries(t testing.TB, blob string) []entry {
	t.Helper()
	count, _, ok := gentable.Header(blob, knownMagic)
	if !ok {
		t.Fatalf("table: bad header")
	}
	var es []entry
	slots := gentable.Directory(blob, count)
	for i, s := range slots {
		e, ok := parseEntry(blob, int(s.Off), int(s.Size))
		if !ok {
			t.Fatalf("table entry %d does not parse", i)
		}
		if h := wordsHash(e.wordList()); s.Hash != h {
			t.Errorf("table entry %d: hash %x, its words hash to %x", i, s.Hash, h)
		}
		if i > 0 && slots[i-1].Hash > s.Hash {
			t.Errorf("table entry %d: directory not sorted by hash", i)
		}
		es = append(es, e)
	}
	return es
}

// wordList returns the entry's words.
func (e *entry) wordList() []string {
	out := make([]string, e.nwords)
	for k := range out {
		out[k] = e.word(k)
	}
	return out
}

// TestKnownIsBuilt proves the build-time table (known_gen.bin) equal to
// what building each entry's words gives now: New of a built-in word list
// returns, from the table, the very Matcher it would build, field by
// field, and its tables are the embedded bytes themselves (not a copy)
// where the embedded bytes are aligned, as Go's linker places them.
func TestKnownIsBuilt(t *testing.T) {
	t.Parallel()
	es := knownEntries(t, knownBlob)
	if len(es) == 0 {
		t.Fatal("the table is empty")
	}
	for _, e := range es {
		words := e.wordList()
		got := New(words)
		want := build(dedupe(words))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d words from %q: the table's Matcher differs from the one built", len(words), words[0])
		}
		if aligned := uintptr(unsafe.Pointer(unsafe.StringData(knownBlob)))%8 == 0; gentable.NativeLittle() && aligned && !within(got.delta, knownBlob) {
			t.Errorf("%d words from %q: New did not use the table in place", len(words), words[0])
		}
		rng := rand.New(rand.NewPCG(uint64(len(words)), 7))
		for range 200 {
			text := sampleText(rng, words)
			if g, w := got.Scan(text), want.Scan(text); g != w {
				t.Fatalf("Scan(%q): table's %v, built %v", text, g, w)
			}
		}
	}
}

// within reports whether d's elements lie in blob's bytes.
func within(d []int32, blob string) bool {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(d)))
	b := uintptr(unsafe.Pointer(unsafe.StringData(blob)))
	return p >= b && p+uintptr(len(d))*4 <= b+uintptr(len(blob))
}

// sampleText is a text of some of words (in changed case) and noise.
func sampleText(rng *rand.Rand, words []string) string {
	var b strings.Builder
	for range rng.IntN(12) {
		switch rng.IntN(3) {
		case 0:
			b.WriteString(strings.ToUpper(words[rng.IntN(len(words))]))
		case 1:
			w := words[rng.IntN(len(words))]
			b.WriteString(w[:rng.IntN(len(w)+1)])
		default:
			b.WriteString(" é x\u212a ")
		}
	}
	return b.String()
}

// TestNewIsDeterministic checks that the same words give the same tables
// (states and classes numbered by word id, not map order), which the
// table's file relies on to be stable.
func TestNewIsDeterministic(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		var ws []string
		for range 1 + rng.IntN(60) {
			ws = append(ws, randWord(rng))
		}
		a, b := build(dedupe(ws)), build(dedupe(ws))
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("two builds of %q differ", ws)
		}
	}
}

// randWord is a short lower-case word.
func randWord(rng *rand.Rand) string {
	alphabet := []rune("abcde 1%é-ſ")
	var b strings.Builder
	for range 1 + rng.IntN(5) {
		b.WriteRune(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// smallTable is a table of a few word lists, for the decoder's tests.
func smallTable() (string, [][]string) {
	lists := [][]string{{"tk", "lorem ipsum", "[cite"}, {"é", "now", "know", "ſ"}, {"a"}}
	return string(KnownSource(lists)), lists
}

// TestLookupIn checks the decoder on a table of its own: each list is
// found and equals its build, others are not found.
func TestLookupIn(t *testing.T) {
	t.Parallel()
	blob, lists := smallTable()
	for _, l := range lists {
		m := lookupIn(blob, l)
		if m == nil {
			t.Fatalf("%q not found", l)
		}
		ids, order := dedupe(l)
		m.ids = ids
		if want := build(ids, order); !reflect.DeepEqual(m, want) {
			t.Errorf("%q: table's Matcher differs from the one built", l)
		}
	}
	for _, l := range [][]string{{"tk", "lorem ipsum"}, {"tk", "[cite", "lorem ipsum"}, {"b"}, nil} {
		if lookupIn(blob, l) != nil {
			t.Errorf("%q found in a table without it", l)
		}
	}
}

// TestLookupInCorrupted checks that a truncated or altered table is never
// a panic: each cut and each changed byte either finds nothing or
// decodes to a Matcher whose tables are in bounds.
func TestLookupInCorrupted(t *testing.T) {
	t.Parallel()
	blob, lists := smallTable()
	for n := range len(blob) {
		for _, l := range lists {
			lookupIn(blob[:n], l)
		}
	}
	for i := range len(blob) {
		for _, x := range []byte{0xff, 0x01, 0x80} {
			b := []byte(blob)
			b[i] ^= x
			for _, l := range lists {
				checkDecoded(t, lookupIn(string(b), l))
			}
		}
	}
}

// checkDecoded fails t when m (a decoded Matcher, or nil) has a table a
// Scan would index out of bounds, outside delta's entries (which a
// corrupted table may hold anything in: tests prove the built-in one).
func checkDecoded(t *testing.T, m *Matcher) {
	t.Helper()
	if m == nil {
		return
	}
	cells := int32(len(m.delta))
	if m.start < 0 || m.start >= cells || m.outStart > cells || int(cells-m.outStart)>>m.shift != len(m.outs) {
		t.Fatalf("decoded Matcher out of bounds: start %d outStart %d cells %d outs %d", m.start, m.outStart, cells, len(m.outs))
	}
	for _, r := range m.outs {
		if r.lo < 0 || r.lo > r.hi || int(r.hi) > len(m.bits) {
			t.Fatalf("out range %v beyond %d bits", r, len(m.bits))
		}
	}
	for _, w := range m.bits {
		if w.i < 0 || w.i >= m.width {
			t.Fatalf("bit word %d beyond width %d", w.i, m.width)
		}
	}
}

// FuzzLookupIn feeds the decoder arbitrary tables: it never panics, and a
// Matcher it returns is in bounds.
func FuzzLookupIn(f *testing.F) {
	blob, lists := smallTable()
	f.Add([]byte(blob))
	f.Add([]byte(blob[:len(blob)/2]))
	f.Add([]byte(knownMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, l := range lists {
			checkDecoded(t, lookupIn(string(b), l))
		}
	})
}

// TestInPlaceCopies checks the decoder's other path: tables whose bytes
// are not aligned for their type are decoded into a copy equal to what
// the aligned bytes give in place.
func TestInPlaceCopies(t *testing.T) {
	t.Parallel()
	e := knownEntries(t, knownBlob)[0]
	shifted := func(b string) string { return (" " + b)[1:] } // a fresh string, one byte off its (aligned) start
	if a, b := gentable.InPlace(e.delta, 4, decodeInt32), gentable.InPlace(shifted(e.delta), 4, decodeInt32); !reflect.DeepEqual(a, b) || within(b, knownBlob) {
		t.Error("misaligned delta: not decoded into an equal copy")
	}
	if a, b := gentable.InPlace(e.outs, 8, decodeOutRange), gentable.InPlace(shifted(e.outs), 8, decodeOutRange); !reflect.DeepEqual(a, b) {
		t.Error("misaligned outs: not decoded into an equal copy")
	}
	if a, b := gentable.InPlace(e.bits, 16, decodeSetWord), gentable.InPlace(shifted(e.bits), 16, decodeSetWord); !reflect.DeepEqual(a, b) {
		t.Error("misaligned bits: not decoded into an equal copy")
	}
}
