package gentable

import (
	"reflect"
	"testing"
)

// TestWriteFind writes tables of entries, two of which share a hash, and
// finds every entry by its hash, at its alignment, and nothing else.
func TestWriteFind(t *testing.T) {
	t.Parallel()
	entries := []Entry{
		{Hash: 7, Key: "b", Data: []byte("second of 7")},
		{Hash: 3, Key: "x", Data: []byte("three")},
		{Hash: 7, Key: "a", Data: []byte("first of 7")},
		{Hash: 9, Key: "z", Data: nil},
	}
	for _, tt := range []struct {
		align  int
		shared string
	}{{1, ""}, {8, ""}, {8, "pool"}, {4, "shared!"}} {
		blob := string(Write("testmagc", 42, []byte(tt.shared), entries, tt.align))
		count, aux, ok := Header(blob, "testmagc")
		if !ok || count != len(entries) || aux != 42 {
			t.Fatalf("align %d: Header = %d, %d, %v", tt.align, count, aux, ok)
		}
		if got := blob[HeaderSize+DirEntrySize*count:][:len(tt.shared)]; got != tt.shared {
			t.Errorf("align %d: shared section %q", tt.align, got)
		}
		find := func(h uint64) []string {
			var out []string
			Find(blob, count, h, func(off, size int64) bool {
				if off%int64(tt.align) != 0 {
					t.Errorf("align %d: an entry at %d", tt.align, off)
				}
				out = append(out, blob[off:off+size])
				return false
			})
			return out
		}
		if got := find(7); !reflect.DeepEqual(got, []string{"first of 7", "second of 7"}) {
			t.Errorf("align %d: hash 7 finds %q, want both in key order", tt.align, got)
		}
		if got := find(3); !reflect.DeepEqual(got, []string{"three"}) {
			t.Errorf("align %d: hash 3 finds %q", tt.align, got)
		}
		if got := find(9); !reflect.DeepEqual(got, []string{""}) {
			t.Errorf("align %d: hash 9 finds %q", tt.align, got)
		}
		if got := find(5); got != nil {
			t.Errorf("align %d: hash 5 finds %q", tt.align, got)
		}
		stopped := 0
		Find(blob, count, 7, func(int64, int64) bool { stopped++; return true })
		if stopped != 1 {
			t.Errorf("align %d: Find went on after try returned true", tt.align)
		}
	}
	for _, bad := range []string{"", "testmag", "othermag\x00\x00\x00\x00\x00\x00\x00\x00", "testmagc\x05\x00\x00\x00\x00\x00\x00\x00"} {
		if _, _, ok := Header(bad, "testmagc"); ok {
			t.Errorf("Header(%q) ok", bad)
		}
	}
}

func TestInPlace(t *testing.T) {
	t.Parallel()
	dec := func(b string) uint32 { return U32(b, 0) }
	buf := make([]byte, 0, 16)
	for _, v := range []uint32{1, 0x01020304, 0xffffffff} {
		buf = append(buf, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
	}
	s := string(buf)
	want := []uint32{1, 0x01020304, 0xffffffff}
	if got := InPlace(s, 4, dec); !reflect.DeepEqual(got, want) {
		t.Errorf("InPlace = %x", got)
	}
	shifted := ("x" + s)[1:] // most likely misaligned: copied
	if got := InPlace(shifted, 4, dec); !reflect.DeepEqual(got, want) {
		t.Errorf("InPlace of shifted bytes = %x", got)
	}
	if got := InPlace("", 4, dec); got != nil {
		t.Errorf("InPlace of nothing = %v", got)
	}
	if U64("\x01\x00\x00\x00\x02\x00\x00\x00", 0) != 2<<32|1 {
		t.Error("U64 is not little-endian")
	}
}

func TestRecorder(t *testing.T) {
	t.Parallel()
	var r Recorder[int]
	r.Note("before", 1)
	if r.On() {
		t.Fatal("a zero Recorder is on")
	}
	r.Start()
	r.Note("b", 2)
	r.Note("a", 3)
	r.Note("b", 4)
	var keys []string
	var vals []int
	r.Each(func(k string, v int) { keys, vals = append(keys, k), append(vals, v) })
	if !reflect.DeepEqual(keys, []string{"a", "b"}) || !reflect.DeepEqual(vals, []int{3, 4}) {
		t.Errorf("recorded %v %v, want [a b] [3 4]", keys, vals)
	}
}

// FuzzFind: any bytes give a header and entries within them, or none,
// never a panic.
func FuzzFind(f *testing.F) {
	f.Add(string(Write("testmagc", 1, []byte("s"), []Entry{{Hash: 1, Key: "k", Data: []byte("d")}}, 8)), uint64(1))
	f.Fuzz(func(t *testing.T, blob string, h uint64) {
		count, _, ok := Header(blob, "testmagc")
		if !ok {
			return
		}
		Find(blob, count, h, func(off, size int64) bool { return false })
	})
}
