package cache

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoBuildIDOfThisBinary reads the build ID of the running test binary
// as the go command prints it (`go tool buildid`).
func TestGoBuildIDOfThisBinary(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, exeHead)
	n, _ := f.Read(head)
	if got, want := goBuildID(head[:n]), strings.TrimSpace(string(out)); got != want {
		t.Fatalf("goBuildID = %q, want %q", got, want)
	}
}

// elfNote returns an ELF note in order.
func elfNote(order binary.AppendByteOrder, namesz, typ uint32, name, desc string) []byte {
	b := order.AppendUint32(nil, namesz)
	b = order.AppendUint32(b, uint32(len(desc)))
	b = order.AppendUint32(b, typ)
	return append(append(b, name...), desc...)
}

func TestGoBuildID(t *testing.T) {
	t.Parallel()
	const id = "aAbB/cC_d-1/eE2/fF3"
	pad := bytes.Repeat([]byte{0x7f}, 100)
	tests := []struct {
		name string
		head []byte
		want string
	}{
		{"ELF little-endian note", append(pad, elfNote(binary.LittleEndian, 4, 4, "Go\x00\x00", id)...), id},
		{"ELF big-endian note", append(pad, elfNote(binary.BigEndian, 4, 4, "Go\x00\x00", id)...), id},
		{"a GNU build ID note is not Go's", append(pad, elfNote(binary.LittleEndian, 4, 3, "GNU\x00", id)...), ""},
		{"a note of another name size", append(pad, elfNote(binary.LittleEndian, 8, 4, "Go\x00\x00", id)...), ""},
		{"a description past the bytes read", append(pad, elfNote(binary.LittleEndian, 4, 4, "Go\x00\x00", id)[:20]...), ""},
		{"a description that is no build ID", append(pad, elfNote(binary.LittleEndian, 4, 4, "Go\x00\x00", "abc def")...), ""},
		{"the text marker", append(pad, "\xff Go build ID: \""+id+"\"\n \xff"...), id},
		{"an empty text marker", append(pad, "\xff Go build ID: \"\"\n \xff"...), ""},
		{"the signature at the very start", elfNote(binary.LittleEndian, 4, 4, "Go\x00\x00", id)[8:], ""},
		{"nothing", pad, ""},
	}
	for _, tt := range tests {
		if got := goBuildID(tt.head); got != tt.want {
			t.Errorf("%s: goBuildID = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestExeDigest: two builds differ, the same build is named alike, and an
// executable without a build ID is named by its bytes.
func TestExeDigest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	withID := func(id string, body string) []byte {
		return append(elfNote(binary.LittleEndian, 4, 4, "Go\x00\x00", id), body...)
	}
	a := exeDigest(write("a", withID("x/y/z", "body")))
	b := exeDigest(write("b", withID("x/y/w", "body")))
	a2 := exeDigest(write("a2", withID("x/y/z", "body")))
	big := exeDigest(write("big", withID("x/y/z", "body and more")))
	noID1 := exeDigest(write("n1", bytes.Repeat([]byte("a"), 3*exeHead)))
	noID2 := exeDigest(write("n2", append(bytes.Repeat([]byte("a"), 3*exeHead-1), 'b')))
	for _, d := range []string{a, b, a2, big, noID1, noID2} {
		if len(d) != 16 {
			t.Fatalf("digest %q, want 16 hex digits", d)
		}
	}
	switch {
	case a != a2:
		t.Error("the same build ID and size named differently")
	case a == b:
		t.Error("two build IDs named alike")
	case a == big:
		t.Error("two sizes named alike")
	case noID1 == noID2:
		t.Error("executables without a build ID, differing past the bytes read for it, named alike")
	}
	if got := exeDigest(filepath.Join(dir, "missing")); got != "" {
		t.Errorf("a missing executable is named %q", got)
	}
}

// FuzzGoBuildID: any bytes give an ID or "", never a panic.
func FuzzGoBuildID(f *testing.F) {
	f.Add(elfNote(binary.LittleEndian, 4, 4, "Go\x00\x00", "a/b"))
	f.Add([]byte("\xff Go build ID: \"a/b\"\n \xff"))
	f.Fuzz(func(t *testing.T, head []byte) {
		if id := goBuildID(head); id != "" && !validBuildID([]byte(id)) {
			t.Fatalf("goBuildID = %q, not a build ID", id)
		}
	})
}
