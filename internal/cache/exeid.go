package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strconv"
	"sync"
)

// A cache must never trust the results of another build of medlint, so a
// cache file names the build: the version and a digest of the executable.
// Hashing the whole executable (18 MB) cost a cached check of one article
// about 50 ms and 4,400 page faults, more than linting it (issue 21 item
// 3). The Go linker writes the build's ID into the executable (`go tool
// buildid` prints it); its last part is a digest of the binary's content,
// so it names the build as well. It sits in the first pages: in an ELF
// note ("Go", type 4) or, on other systems, at the start of the text
// behind a marker. exeDigest reads the first 64 KB for it and hashes the
// whole file only when it is not there (a build linked with an empty
// -buildid).

// exeHead is how much of the executable is read for its build ID.
const exeHead = 64 << 10

// buildOnce memoizes BuildVersion's digest of the executable.
var buildOnce = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return exeDigest(exe)
})

// exeDigest returns 16 hex digits naming the build of the executable at
// path: a digest of its Go build ID and size, or of its bytes when it has
// no build ID; "" when it cannot be read.
func exeDigest(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return ""
	}
	head := make([]byte, exeHead)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return ""
	}
	h := sha256.New()
	if id := goBuildID(head[:n]); id != "" {
		h.Write([]byte("buildid\x00" + id + "\x00" + strconv.FormatInt(info.Size(), 10)))
	} else {
		h.Write([]byte("bytes\x00"))
		h.Write(head[:n])
		if _, err := io.Copy(h, f); err != nil {
			return ""
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// goBuildID returns the Go build ID that head (an executable's first
// bytes) holds, or "".
func goBuildID(head []byte) string {
	if id := elfBuildID(head); id != "" {
		return id
	}
	// The marker the linker puts at the start of the text elsewhere.
	const begin, end = "\xff Go build ID: \"", "\"\n \xff"
	if i := bytes.Index(head, []byte(begin)); i >= 0 {
		rest := head[i+len(begin):]
		if j := bytes.Index(rest, []byte(end)); j > 0 && validBuildID(rest[:j]) {
			return string(rest[:j])
		}
	}
	return ""
}

// elfBuildID returns the description of the "Go" note of type 4 in head,
// in either byte order: namesz 4, descsz, type 4, "Go\0\0", then the ID.
func elfBuildID(head []byte) string {
	for _, order := range []binary.AppendByteOrder{binary.LittleEndian, binary.BigEndian} {
		sig := order.AppendUint32(nil, 4) // the note's type
		sig = append(sig, "Go\x00\x00"...)
		for at := 0; ; {
			i := bytes.Index(head[at:], sig)
			if i < 0 {
				break
			}
			i += at
			at = i + 1
			read := order.(binary.ByteOrder)
			if i < 8 || read.Uint32(head[i-8:]) != 4 {
				continue
			}
			size := int(read.Uint32(head[i-4:]))
			desc := i + len(sig)
			if size > 0 && size <= 1024 && desc+size <= len(head) && validBuildID(head[desc:desc+size]) {
				return string(head[desc : desc+size])
			}
		}
	}
	return ""
}

// validBuildID reports an ID of the shape the go command writes: printable
// ASCII, parts joined by '/'.
func validBuildID(id []byte) bool {
	if !bytes.Contains(id, []byte("/")) {
		return false
	}
	for _, c := range id {
		if c <= ' ' || c > '~' || c == '"' {
			return false
		}
	}
	return true
}
