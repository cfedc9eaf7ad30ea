// Package gentable reads and writes the tables medlint builds at build
// time and embeds (internal/keywords and internal/fastre's known_gen.bin):
// a header, a directory of entries sorted by the hash of their key, an
// optional section the entries share, then the entries, each read in
// place from the embedded bytes. What an entry holds is its package's;
// this package holds the layout they share, the little-endian readers,
// the in-place view of a table of fixed-size elements, and the recorder
// with which internal/cli's generator learns what a check reaches.
//
// The layout (little-endian):
//
//	header  magic (8 bytes), u32 count, u32 aux (the package's own)
//	dir     count × (u64 hash, u32 offset, u32 size), by hash then key
//	shared  the shared section (may be empty)
//	entries each at its offset, padded to the writer's alignment
package gentable

import (
	"encoding/binary"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Sizes of the header and of a directory entry.
const (
	HeaderSize   = 16
	DirEntrySize = 16
)

// Header returns the entry count and the aux word of blob, a table whose
// header starts with magic; ok is false when it does not, or when its
// directory does not fit in blob.
func Header(blob, magic string) (count int, aux uint32, ok bool) {
	if len(blob) < HeaderSize || blob[:len(magic)] != magic {
		return 0, 0, false
	}
	count = int(U32(blob, 8))
	if count > (len(blob)-HeaderSize)/DirEntrySize {
		return 0, 0, false
	}
	return count, U32(blob, 12), true
}

// Find calls try with the offset and size of each of blob's count entries
// whose hash is h, in the directory's order, until try returns true; it
// reports whether one did. The offsets and sizes are the directory's, unchecked:
// try checks that they lie within blob.
func Find(blob string, count int, h uint64, try func(off, size int64) bool) bool {
	dirHash := func(i int) uint64 { return U64(blob, HeaderSize+i*DirEntrySize) }
	lo, hi := 0, count // the first entry whose hash is not below h
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if dirHash(mid) < h {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for i := lo; i < count && dirHash(i) == h; i++ {
		d := HeaderSize + i*DirEntrySize
		if try(int64(U32(blob, d+8)), int64(U32(blob, d+12))) {
			return true
		}
	}
	return false
}

// Slot is a directory entry: an entry's hash, offset and size.
type Slot struct {
	Hash      uint64
	Off, Size int64
}

// Directory returns the slots of blob's count entries, in order (unchecked,
// as Find's).
func Directory(blob string, count int) []Slot {
	out := make([]Slot, count)
	for i := range out {
		d := HeaderSize + i*DirEntrySize
		out[i] = Slot{U64(blob, d), int64(U32(blob, d+8)), int64(U32(blob, d+12))}
	}
	return out
}

// Entry is an entry to write: its hash places it in the directory, its
// key orders entries of one hash, data is its bytes.
type Entry struct {
	Hash uint64
	Key  string
	Data []byte
}

// Write returns the table of entries (sorted here, by hash then key) with
// magic, aux and the shared section; each entry starts at a multiple of
// align bytes from the table's start, padded with zeros to it.
func Write(magic string, aux uint32, shared []byte, entries []Entry, align int) []byte {
	es := slices.Clone(entries)
	slices.SortFunc(es, func(a, b Entry) int {
		if a.Hash != b.Hash {
			if a.Hash < b.Hash {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
	pad := func(n int) int { return (align - n%align) % align }
	le := binary.LittleEndian
	out := le.AppendUint32(le.AppendUint32([]byte(magic), uint32(len(es))), aux)
	off := HeaderSize + DirEntrySize*len(es) + len(shared)
	off += pad(off)
	for _, e := range es {
		out = le.AppendUint64(out, e.Hash)
		out = le.AppendUint32(le.AppendUint32(out, uint32(off)), uint32(len(e.Data)))
		off += len(e.Data)
		off += pad(off)
	}
	out = append(out, shared...)
	out = append(out, make([]byte, pad(len(out)))...)
	for _, e := range es {
		out = append(out, e.Data...)
		out = append(out, make([]byte, pad(len(out)))...)
	}
	return out
}

// U32 reads a little-endian uint32 at b[off:].
func U32(b string, off int) uint32 {
	_ = b[off+3]
	return uint32(b[off]) | uint32(b[off+1])<<8 | uint32(b[off+2])<<16 | uint32(b[off+3])<<24
}

// U64 reads a little-endian uint64 at b[off:].
func U64(b string, off int) uint64 { return uint64(U32(b, off)) | uint64(U32(b, off+4))<<32 }

// InPlace returns the table of T held little-endian in b, w bytes each:
// b itself, when this machine's layout of T is the file's (little-endian,
// T w bytes wide, b aligned for T), else decoded by dec into a copy. The
// slice returned may be read-only memory: it must never be written.
func InPlace[T any](b string, w int, dec func(string) T) []T {
	var zero T
	n := len(b) / w
	if n == 0 {
		return nil
	}
	p := unsafe.StringData(b)
	if int(unsafe.Sizeof(zero)) == w && NativeLittle() && uintptr(unsafe.Pointer(p))%unsafe.Alignof(zero) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(p)), n)
	}
	out := make([]T, n)
	for i := range out {
		out[i] = dec(b[i*w : (i+1)*w])
	}
	return out
}

// NativeLittle reports whether this machine is little-endian.
func NativeLittle() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// Recorder records, once started, the keys a package's build step is
// asked for (with a value each): what internal/cli's generator learns a
// check reaches. The zero Recorder is stopped and records nothing.
type Recorder[V any] struct {
	on   atomic.Bool
	mu   sync.Mutex
	seen map[string]V
}

// Start makes r record from now on.
func (r *Recorder[V]) Start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[string]V{}
	}
	r.on.Store(true)
}

// On reports whether r records (for a caller whose key costs to make).
func (r *Recorder[V]) On() bool { return r.on.Load() }

// Note records key and v, when r records.
func (r *Recorder[V]) Note(key string, v V) {
	if !r.on.Load() {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen[key] = v
}

// Each calls fn with each key recorded and its value, in key order.
func (r *Recorder[V]) Each(fn func(key string, v V)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range slices.Sorted(maps.Keys(r.seen)) {
		fn(k, r.seen[k])
	}
}
