package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"sync"

	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

// The cache file is one binary file per run set:
//
//	magic        "MEDLINT\x00CACHE\x00"      (14 bytes)
//	format       uvarint                    (formatVersion)
//	version      string                     (medlint version and build)
//	config       32 bytes                   (SHA-256 of the config file)
//	count        uvarint
//	count entries:
//	  path       string                     (display path)
//	  settings   32 bytes                   (ActiveDigest of the file)
//	  content    32 bytes                   (SHA-256 of the file's bytes)
//	  size       uvarint                    (the file's length)
//	  stamp      5 varints                  (engine.Stamp: size, mtime, ctime, inode, device; zeros if unknown)
//	  used       uvarint                    (last use, days since 1970)
//	  now        string                     (--now for date rules, or "")
//	  kind       string                     (the page kind, engine.FileResult.Kind)
//	  findings   string                     (encodeFindings)
//	checksum     4 bytes                    (CRC-32C of all the above, big-endian)
//
// Strings are a uvarint length and the bytes. A file that does not decode
// exactly, or whose checksum differs, is discarded whole.

const magic = "MEDLINT\x00CACHE\x00"

// formatVersion changes whenever the layout above or encodeFindings does.
const formatVersion = 4

// castagnoli is the CRC-32C table of the files' checksums, made on first
// use: a run without a cache never needs it.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// entry is one remembered file.
type entry struct {
	path     string
	settings Digest
	content  Digest
	size     uint64
	stamp    engine.Stamp
	used     uint64
	now      string
	// kind is the page kind of the file.
	kind string
	// findings is the encoded findings (a slice of the loaded file or a
	// fresh encoding).
	findings []byte
	// touched marks an entry this run stored or used (not saved): it wins
	// over a concurrent run's entry for the same key at Save. Guarded by
	// Cache.mu.
	touched bool
}

// header is what the whole file is keyed on.
type header struct {
	version string
	config  Digest
}

// encodeFile serialises the header and entries with a trailing checksum.
func encodeFile(h header, entries []*entry) []byte {
	size := len(magic) + 64 + len(h.version)
	for _, e := range entries {
		size += len(e.path) + len(e.now) + len(e.kind) + len(e.findings) + 4*32
	}
	b := make([]byte, 0, size)
	b = append(b, magic...)
	b = binary.AppendUvarint(b, formatVersion)
	b = appendString(b, h.version)
	b = append(b, h.config[:]...)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	for _, e := range entries {
		b = appendString(b, e.path)
		b = append(b, e.settings[:]...)
		b = append(b, e.content[:]...)
		b = binary.AppendUvarint(b, e.size)
		for _, v := range [...]int64{e.stamp.Size, e.stamp.ModTime, e.stamp.ChangeTime, e.stamp.Inode, e.stamp.Device} {
			b = binary.AppendVarint(b, v)
		}
		b = binary.AppendUvarint(b, e.used)
		b = appendString(b, e.now)
		b = appendString(b, e.kind)
		b = binary.AppendUvarint(b, uint64(len(e.findings)))
		b = append(b, e.findings...)
	}
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(b, castagnoli()))
}

// errCorrupt is returned for a file that is not a complete cache file.
var errCorrupt = errors.New("corrupt cache file")

// decodeFile parses a cache file. The entries' findings alias data.
func decodeFile(data []byte) (header, []*entry, error) {
	var h header
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return h, nil, fmt.Errorf("%w: not a medlint cache file", errCorrupt)
	}
	body, sum := data[:len(data)-4], binary.BigEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli()) != sum {
		return h, nil, fmt.Errorf("%w: checksum mismatch (truncated or damaged)", errCorrupt)
	}
	d := decoder{b: body, off: len(magic)}
	if v := d.uint(); v != formatVersion {
		if d.err != nil {
			return h, nil, d.err
		}
		return h, nil, fmt.Errorf("%w: format %d, want %d", errCorrupt, v, formatVersion)
	}
	h.version = d.string()
	d.digest(&h.config)
	n := d.uint()
	// Each entry takes at least 73 bytes: a count beyond that is a lie.
	if d.err == nil && n > uint64(len(body)/73) {
		return h, nil, fmt.Errorf("%w: %d entries in %d bytes", errCorrupt, n, len(body))
	}
	entries := make([]*entry, 0, n)
	for range n {
		e := &entry{path: d.string()}
		d.digest(&e.settings)
		d.digest(&e.content)
		e.size = d.uint()
		for _, v := range [...]*int64{&e.stamp.Size, &e.stamp.ModTime, &e.stamp.ChangeTime, &e.stamp.Inode, &e.stamp.Device} {
			*v = d.int64()
		}
		e.used = d.uint()
		e.now = d.string()
		e.kind = d.string()
		e.findings = d.bytes()
		if d.err != nil {
			break
		}
		entries = append(entries, e)
	}
	if d.err != nil {
		return h, nil, d.err
	}
	if d.off != len(body) {
		return h, nil, fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(body)-d.off)
	}
	return h, entries, nil
}

// encodeFindings serialises findings without their path (the entry's).
// It reports false for findings it cannot represent (negative offsets),
// which are then not cached.
func encodeFindings(fs []result.Finding) ([]byte, bool) {
	b := make([]byte, 0, 16+len(fs)*96)
	b = binary.AppendUvarint(b, uint64(len(fs)))
	for i := range fs {
		f := &fs[i]
		for _, n := range []int{f.Line, f.Column, f.EndLine, f.EndColumn, f.Pos, f.End, int(f.Severity)} {
			if n < 0 {
				return nil, false
			}
			b = binary.AppendUvarint(b, uint64(n))
		}
		b = appendString(b, f.Rule)
		b = appendString(b, f.Check)
		b = appendString(b, f.Message)
		flags := byte(0)
		if f.Fixable {
			flags |= 1
		}
		if f.Fix != nil {
			flags |= 2
			if f.Fix.KeepsStructure {
				flags |= 4
			}
		}
		b = append(b, flags)
		if f.Fix != nil {
			b = appendString(b, f.Fix.Message)
			b = binary.AppendUvarint(b, uint64(len(f.Fix.Edits)))
			for _, e := range f.Fix.Edits {
				if e.Pos < 0 || e.End < 0 {
					return nil, false
				}
				b = binary.AppendUvarint(b, uint64(e.Pos))
				b = binary.AppendUvarint(b, uint64(e.End))
				b = appendString(b, e.NewText)
			}
		}
	}
	return b, true
}

// decodeFindings parses encodeFindings' output, giving every finding path.
// srcLen bounds the byte offsets: a finding outside the file is corruption.
func decodeFindings(b []byte, path string, srcLen int) ([]result.Finding, error) {
	d := decoder{b: b}
	n := d.uint()
	// A finding takes at least 11 bytes (7 numbers, 3 strings, flags): a
	// larger count is a lie, and must not size an allocation.
	if d.err == nil && n > uint64(len(b)/11) {
		return nil, fmt.Errorf("%w: %d findings in %d bytes", errCorrupt, n, len(b))
	}
	out := make([]result.Finding, 0, n)
	for range n {
		f := result.Finding{Path: path}
		f.Line, f.Column, f.EndLine, f.EndColumn = d.int(), d.int(), d.int(), d.int()
		f.Pos, f.End = d.int(), d.int()
		f.Severity = lint.Severity(d.int())
		f.Rule = d.string()
		f.Check = d.string()
		f.Message = d.string()
		flags := d.byte()
		f.Fixable = flags&1 != 0
		if flags&2 != 0 {
			fix := &lint.Fix{Message: d.string(), KeepsStructure: flags&4 != 0}
			m := d.uint()
			if d.err == nil && m > uint64(len(b)) {
				return nil, fmt.Errorf("%w: %d edits", errCorrupt, m)
			}
			for range m {
				fix.Edits = append(fix.Edits, lint.Edit{Pos: d.int(), End: d.int(), NewText: d.string()})
			}
			f.Fix = fix
		}
		if d.err != nil {
			return nil, d.err
		}
		if f.Line < 1 || f.Column < 1 || f.EndLine < f.Line || f.End < f.Pos || f.End > srcLen ||
			f.Severity < lint.SeverityUnset || f.Severity > lint.SeverityError || flags > 7 || flags&4 != 0 && flags&2 == 0 {
			return nil, fmt.Errorf("%w: finding out of range", errCorrupt)
		}
		out = append(out, f)
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(b) {
		return nil, fmt.Errorf("%w: trailing bytes after findings", errCorrupt)
	}
	return out, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads the encodings above with bounds checks; the first error
// sticks and every later read returns zero values.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("%w: truncated at byte %d", errCorrupt, d.off)
	}
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

// int64 reads a varint.
func (d *decoder) int64() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

// int reads a uvarint that must fit a non-negative int.
func (d *decoder) int() int {
	v := d.uint()
	if v > 1<<40 {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) byte() byte {
	if d.err != nil || d.off >= len(d.b) {
		d.fail()
		return 0
	}
	d.off++
	return d.b[d.off-1]
}

func (d *decoder) bytes() []byte {
	n := d.uint()
	if d.err != nil || n > uint64(len(d.b)-d.off) {
		d.fail()
		return nil
	}
	out := d.b[d.off : d.off+int(n) : d.off+int(n)]
	d.off += int(n)
	return out
}

func (d *decoder) string() string { return string(d.bytes()) }

func (d *decoder) digest(out *Digest) {
	if d.err != nil || len(d.b)-d.off < len(out) {
		d.fail()
		return
	}
	copy(out[:], d.b[d.off:])
	d.off += len(out)
}
