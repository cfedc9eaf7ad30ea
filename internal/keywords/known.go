package keywords

import (
	_ "embed" // known_gen.bin
	"encoding/binary"
	"slices"

	"github.com/medlint/medlint/internal/gentable"
)

// Building an automaton costs a few milliseconds for the larger built-in
// word lists (the claim patterns' 1195 words: 2292 states), and a check of
// one article builds about ten of them: most of its start-up once the
// expressions' needs were read at build time (issue 21 item 3). The
// automata of the built-in word lists a check reaches are therefore built
// at build time too: known_gen.bin holds their tables, keyed by their
// whole word list (distinct words in id order, which is all New's result
// depends on), and New uses them in place (the int32 tables are read from
// the embedded bytes, not copied, so a run touches only the pages it
// reads). A word list the file lacks (a house rule's, an option's, a
// built-in one edited since) is built as before: the file only saves
// time, and a stale entry can never be used, since it is found by its
// whole word list. TestKnownIsBuilt (this package) proves every entry
// equal, field by field, to the automaton New builds of its words;
// internal/cli's TestKnownPatternsGenerated fails when a word list that a
// check of the seed article or the goldens reaches is missing, or an
// entry is no longer reached (go test ./internal/cli -run
// TestKnownPatternsGenerated -update-known rewrites the file).
//
// The file's layout (little-endian; entries start 8-aligned):
//
//	header  "mlkwac01", u32 count, u32 0
//	dir     count × (u64 hash of the words, u32 offset, u32 size), by hash
//	entry   u32 words, wordBytes, rows, outs, bits; u8 shift, nclass,
//	        nonASCII, width; i32 start, outStart; [256]u8 class;
//	        words × u32 end of word k in the words' bytes; the bytes,
//	        padded to 4; delta (rows<<shift × i32); outs (outs × 2 i32),
//	        padded to 8; bits (bits × (u64 i, u64 bits))

//go:embed known_gen.bin
var knownBlob string

const (
	knownMagic = "mlkwac01"
	knownFixed = 32 // an entry's fixed fields
)

// wordsHash is FNV-1a (64 bits) of the words, each preceded by its length:
// where a list's entry is in the directory.
func wordsHash(words []string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for _, w := range words {
		for n := len(w); ; n >>= 8 {
			h = (h ^ uint64(n&0xff)) * prime
			if n < 0x100 {
				break
			}
		}
		h = (h ^ 0xff) * prime
		for i := range len(w) {
			h = (h ^ uint64(w[i])) * prime
		}
	}
	return h
}

// loadKnown returns the Matcher of order (distinct words by id) from the
// build-time table, without its ids, or nil when the table lacks it.
func loadKnown(order []string) *Matcher {
	return lookupIn(knownBlob, order)
}

// lookupIn is loadKnown in blob.
func lookupIn(blob string, order []string) *Matcher {
	count, _, ok := gentable.Header(blob, knownMagic)
	if !ok {
		return nil
	}
	var m *Matcher
	gentable.Find(blob, count, wordsHash(order), func(off, size int64) bool {
		e, ok := parseEntry(blob, int(off), int(size))
		if ok && e.holds(order) {
			m = e.matcher()
		}
		return m != nil
	})
	return m
}

// entry is a parsed, bounds-checked entry of the table: its fields and
// the byte ranges of its sections in blob.
type entry struct {
	blob                 string
	nwords, rows         int
	shift, nclass, width int
	nonASCII             bool
	start, outStart      int32
	class                string // 256 bytes
	ends, words          string // nwords × u32, the words' bytes
	delta, outs, bits    string
}

// parseEntry reads the entry at blob[off:off+size], checking that every
// section lies within it and its fields are consistent; ok is false when
// they are not (a corrupted table, which tests rule out: New then builds).
func parseEntry(blob string, off, size int) (e entry, ok bool) {
	if off < 0 || size < knownFixed+256 || off%8 != 0 || off > len(blob)-size {
		return e, false
	}
	b := blob[off : off+size]
	e.blob = b
	e.nwords, e.rows = int(gentable.U32(b, 0)), int(gentable.U32(b, 8))
	wordBytes, nouts, nbits := int64(gentable.U32(b, 4)), int64(gentable.U32(b, 12)), int64(gentable.U32(b, 16))
	e.shift, e.nclass, e.width = int(b[20]), int(b[21]), int(b[23])
	e.nonASCII = b[22] != 0
	e.start, e.outStart = int32(gentable.U32(b, 24)), int32(gentable.U32(b, 28))
	if b[22] > 1 || e.shift > 8 || e.nclass < 1 || e.nclass > 1<<e.shift ||
		e.nwords > MaxWords || e.width != (e.nwords+63)/64 || e.rows < 1 {
		return e, false
	}
	cells := int64(e.rows) << e.shift
	if cells > 1<<30 || int64(e.outStart) > cells || e.start < 0 || int64(e.start) >= cells ||
		e.outStart < 0 || (e.start|e.outStart)&(1<<e.shift-1) != 0 ||
		nouts != int64(e.rows)-int64(e.outStart>>e.shift) {
		return e, false
	}
	pos := int64(knownFixed)
	take := func(n int64) string {
		if n < 0 || pos+n > int64(len(b)) {
			ok = false
			return ""
		}
		s := b[pos : pos+n]
		pos += n
		return s
	}
	pad := func(a int64) { take((a - pos%a) % a) }
	ok = true
	e.class = take(256)
	e.ends = take(4 * int64(e.nwords))
	e.words = take(wordBytes)
	pad(4)
	e.delta = take(4 * cells)
	e.outs = take(8 * nouts)
	pad(8)
	e.bits = take(16 * nbits)
	if !ok || pos != int64(len(b)) {
		return e, false
	}
	return e, e.consistent(wordBytes, nbits)
}

// consistent checks what the Matcher's code relies on outside delta
// (whose entries tests prove right): byte classes, word ends, out ranges
// and bit words within their bounds.
func (e *entry) consistent(wordBytes, nbits int64) bool {
	for i := range 256 {
		if int(e.class[i]) >= e.nclass {
			return false
		}
	}
	prev := int64(0)
	for k := range e.nwords {
		end := int64(gentable.U32(e.ends, 4*k))
		if end < prev || end > wordBytes {
			return false
		}
		prev = end
	}
	if prev != wordBytes {
		return false
	}
	for k := 0; k < len(e.outs); k += 8 {
		lo, hi := int64(int32(gentable.U32(e.outs, k))), int64(int32(gentable.U32(e.outs, k+4)))
		if lo < 0 || lo > hi || hi > nbits {
			return false
		}
	}
	for k := 0; k < len(e.bits); k += 16 {
		if gentable.U64(e.bits, k) >= uint64(e.width) {
			return false
		}
	}
	return true
}

// word returns the entry's word k.
func (e *entry) word(k int) string {
	lo := 0
	if k > 0 {
		lo = int(gentable.U32(e.ends, 4*(k-1)))
	}
	return e.words[lo:int(gentable.U32(e.ends, 4*k))]
}

// holds reports whether the entry is the automaton of order.
func (e *entry) holds(order []string) bool {
	if e.nwords != len(order) {
		return false
	}
	for k, w := range order {
		if e.word(k) != w {
			return false
		}
	}
	return true
}

// matcher returns the entry's Matcher (without ids), its tables read in
// place when they can be.
func (e *entry) matcher() *Matcher {
	m := &Matcher{
		nclass: e.nclass, shift: uint(e.shift), width: e.width,
		start: e.start, outStart: e.outStart, nonASCII: e.nonASCII,
	}
	copy(m.class[:], e.class)
	m.delta = gentable.InPlace(e.delta, 4, decodeInt32)
	m.outs = gentable.InPlace(e.outs, 8, decodeOutRange)
	m.bits = gentable.InPlace(e.bits, 16, decodeSetWord)
	return m
}

// decodeInt32, decodeOutRange and decodeSetWord read one element of a
// table from its file encoding.
func decodeInt32(b string) int32 { return int32(gentable.U32(b, 0)) }
func decodeOutRange(b string) outRange {
	return outRange{int32(gentable.U32(b, 0)), int32(gentable.U32(b, 4))}
}
func decodeSetWord(b string) setWord { return setWord{int(gentable.U64(b, 0)), gentable.U64(b, 8)} }

// KnownSource returns the table file (known_gen.bin) for the word lists
// lists (each a Matcher's distinct words in id order, as ReachedLists
// gives them), each built now: the test that checks the file in writes it.
func KnownSource(lists [][]string) []byte {
	var es []gentable.Entry
	seen := map[string]bool{}
	for _, l := range lists {
		ids, order := dedupe(l)
		k := listKey(order)
		if seen[k] {
			continue
		}
		seen[k] = true
		es = append(es, gentable.Entry{Hash: wordsHash(order), Key: k, Data: encodeEntry(order, build(ids, order))})
	}
	return gentable.Write(knownMagic, 0, nil, es, 8)
}

// encodeEntry is the table entry of m, the Matcher of order.
func encodeEntry(order []string, m *Matcher) []byte {
	le := binary.LittleEndian
	var words []byte
	for _, w := range order {
		words = append(words, w...)
	}
	b := le.AppendUint32(nil, uint32(len(order)))
	b = le.AppendUint32(b, uint32(len(words)))
	b = le.AppendUint32(b, uint32(len(m.delta)>>m.shift))
	b = le.AppendUint32(b, uint32(len(m.outs)))
	b = le.AppendUint32(b, uint32(len(m.bits)))
	nonASCII := byte(0)
	if m.nonASCII {
		nonASCII = 1
	}
	b = append(b, byte(m.shift), byte(m.nclass), nonASCII, byte(m.width))
	b = le.AppendUint32(le.AppendUint32(b, uint32(m.start)), uint32(m.outStart))
	b = append(b, m.class[:]...)
	end := 0
	for _, w := range order {
		end += len(w)
		b = le.AppendUint32(b, uint32(end))
	}
	b = append(b, words...)
	b = append(b, make([]byte, (4-len(b)%4)%4)...)
	for _, t := range m.delta {
		b = le.AppendUint32(b, uint32(t))
	}
	for _, r := range m.outs {
		b = le.AppendUint32(le.AppendUint32(b, uint32(r.lo)), uint32(r.hi))
	}
	b = append(b, make([]byte, (8-len(b)%8)%8)...)
	for _, w := range m.bits {
		b = le.AppendUint64(le.AppendUint64(b, uint64(w.i)), w.bits)
	}
	return b
}

// listKey is a word list as one string: each word preceded by its length.
func listKey(order []string) string {
	var b []byte
	for _, w := range order {
		b = binary.AppendUvarint(b, uint64(len(w)))
		b = append(b, w...)
	}
	return string(b)
}

// reached records the word lists New was given (by listKey), for
// ReachedLists.
var reached gentable.Recorder[[]string]

// RecordReached makes New record the word lists it is given, from now on,
// for ReachedLists: internal/cli's test of known_gen.bin runs the
// program's checks with it to learn which automata they build.
func RecordReached() { reached.Start() }

func noteReached(order []string) {
	if reached.On() {
		reached.Note(listKey(order), slices.Clone(order))
	}
}

// ReachedLists returns the word lists New was given since RecordReached
// (each its distinct words in id order), sorted, and how many of them the
// table lacks.
func ReachedLists() (lists [][]string, missing int) {
	reached.Each(func(_ string, l []string) {
		lists = append(lists, l)
		if loadKnown(l) == nil {
			missing++
		}
	})
	return lists, missing
}
