package fastre

import (
	"reflect"
	"regexp"
	"regexp/syntax"
	"testing"
	"unsafe"

	"github.com/medlint/medlint/internal/gentable"
)

// knownEntries returns every entry of blob, failing t on one that does
// not parse or whose directory slot is wrong.
func knownEntries(t testing.TB, blob string) []entry {
	t.Helper()
	count, _, ok := gentable.Header(blob, knownMagic)
	if !ok {
		t.Fatalf("table: bad header")
	}
	var es []entry
	slots := gentable.Directory(blob, count)
	for i, s := range slots {
		e, ok := parseEntry(blob, s.Off, s.Size)
		if !ok {
			t.Fatalf("table entry %d does not parse", i)
		}
		if h := exprHash(e.expr); s.Hash != h {
			t.Errorf("table entry %d: hash %x, its expression hashes to %x", i, s.Hash, h)
		}
		if i > 0 && slots[i-1].Hash > s.Hash {
			t.Errorf("table entry %d: directory not sorted by hash", i)
		}
		es = append(es, e)
	}
	return es
}

// TestKnownIsCompiled proves the build-time table (known_gen.bin) equal
// to what compiling each entry's expression gives now: the program
// compileProg returns from the table is, by reflect.DeepEqual, the one
// syntax.Compile makes of the simplified parse, and a Regexp built from
// it matches as package regexp does.
func TestKnownIsCompiled(t *testing.T) {
	t.Parallel()
	es := knownEntries(t, knownBlob)
	if len(es) == 0 {
		t.Fatal("the table is empty")
	}
	for _, e := range es {
		got := lookupIn(knownBlob, e.expr)
		if got == nil {
			t.Fatalf("%.60s: its entry does not decode", e.expr)
		}
		want, err := compileNow(e.expr)
		if err != nil {
			t.Fatalf("%.60s: %v", e.expr, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.60s: the table's program differs from the one compiled", e.expr)
		}
		re := regexp.MustCompile(e.expr)
		f := MustCompile(e.expr)
		for _, text := range texts {
			check(t, re, f, text)
		}
	}
}

// smallExprs are the expressions of the decoder's own table: runes of
// every kind (one, folded, ranges, any, an empty class), captures,
// assertions, and a class two programs share in the pool.
var smallExprs = []string{`(?i)\bkeep\b`, `\[\d{1,3}\]|(?s:.)é`, `(a)|[^\n]b$|x[^\x00-\x{10FFFF}]`, `x\d+y`}

// smallTable is a table of smallExprs, for the decoder's tests.
func smallTable() string { return string(KnownSource(smallExprs)) }

// TestLookupIn checks the decoder on a table of its own: each expression
// is found and equals its compilation, others are not found.
func TestLookupIn(t *testing.T) {
	t.Parallel()
	blob := smallTable()
	for _, expr := range smallExprs {
		got := lookupIn(blob, expr)
		want, err := compileNow(expr)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: table's program %v, compiled %v", expr, got, want)
		}
	}
	for _, expr := range []string{`(?i)\bkeep`, `(?i)\bkeep\b `, ``, `(`} {
		if lookupIn(blob, expr) != nil {
			t.Errorf("%q found in a table without it", expr)
		}
	}
	if blob := string(KnownSource([]string{`(`, `a`})); gentable.U32(blob, 8) != 1 || lookupIn(blob, `(`) != nil {
		t.Error("an expression that does not compile has an entry")
	}
}

// TestLookupInCorrupted checks that a truncated or altered table is never
// a panic: each cut and each changed byte either finds nothing or decodes
// to a program a Regexp can run (in bounds, whatever it matches).
func TestLookupInCorrupted(t *testing.T) {
	t.Parallel()
	blob := smallTable()
	for n := range len(blob) {
		for _, expr := range smallExprs {
			runDecoded(t, lookupIn(blob[:n], expr), expr)
		}
	}
	for i := range len(blob) {
		for _, x := range []byte{0xff, 0x01, 0x80} {
			b := []byte(blob)
			b[i] ^= x
			for _, expr := range smallExprs {
				runDecoded(t, lookupIn(string(b), expr), expr)
			}
		}
	}
}

// runDecoded fails t when prog (a decoded program, or nil) has an
// instruction out of bounds, and runs a Regexp of expr built from it over
// the test texts, which must not panic.
func runDecoded(t *testing.T, prog *syntax.Prog, expr string) {
	t.Helper()
	if prog == nil {
		return
	}
	n := uint32(len(prog.Inst))
	if prog.Start < 0 || prog.Start >= len(prog.Inst) {
		t.Fatalf("start %d outside %d instructions", prog.Start, n)
	}
	for _, in := range prog.Inst {
		if in.Out >= n {
			t.Fatalf("instruction %v: out beyond %d instructions", in, n)
		}
	}
	r := &Regexp{expr: expr}
	r.once.Do(func() { r.derive(prog) })
	for _, text := range texts {
		r.FindAllStringSubmatchIndex(text, -1)
	}
}

// FuzzLookupIn feeds the decoder arbitrary tables: it never panics, and a
// program it returns runs.
func FuzzLookupIn(f *testing.F) {
	blob := smallTable()
	f.Add([]byte(blob))
	f.Add([]byte(blob[:len(blob)/2]))
	f.Add([]byte(knownMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, expr := range smallExprs {
			runDecoded(t, lookupIn(string(b), expr), expr)
		}
	})
}

// TestInPlaceCopies checks both ways runes are read: in place from the
// embedded table (aligned, as Go's linker places it) on a little-endian
// machine, and decoded into an equal copy from bytes that are not aligned.
func TestInPlaceCopies(t *testing.T) {
	t.Parallel()
	count := int(gentable.U32(knownBlob, 8))
	pool := knownBlob[gentable.HeaderSize+gentable.DirEntrySize*count:][:4*int(gentable.U32(knownBlob, 12))]
	if len(pool) == 0 {
		t.Fatal("the table's pool is empty")
	}
	inPool := inPlace(pool)
	if aligned := uintptr(unsafe.Pointer(unsafe.StringData(knownBlob)))%4 == 0; gentable.NativeLittle() && aligned &&
		unsafe.Pointer(unsafe.SliceData(inPool)) != unsafe.Pointer(unsafe.StringData(pool)) {
		t.Error("the pool was copied, not read in place")
	}
	shifted := (" " + pool)[1:] // a fresh string, one byte off its (aligned) start
	if copied := inPlace(shifted); !reflect.DeepEqual(copied, inPool) || unsafe.Pointer(unsafe.SliceData(copied)) == unsafe.Pointer(unsafe.StringData(shifted)) {
		t.Error("misaligned runes: not decoded into an equal copy")
	}
}
