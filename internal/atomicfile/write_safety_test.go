//go:build unix

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWriteFileInRefusesOutsideTree: a link whose real path leaves the
// tree is never written through; links inside it still are.
func TestWriteFileInRefusesOutsideTree(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	repo, outside := filepath.Join(base, "repo"), filepath.Join(base, "outside")
	for _, d := range []string{repo, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	target := writeTemp(t, outside, "target.md", "old\n", 0o644)
	inTarget := writeTemp(t, repo, "in.md", "old\n", 0o644)
	for name, to := range map[string]string{"out.md": "../outside/target.md", "in-link.md": "in.md", "dir": "../outside"} {
		if err := os.Symlink(to, filepath.Join(repo, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{filepath.Join(repo, "out.md"), filepath.Join(repo, "dir", "target.md"), target} {
		if _, err := WriteFileIn(repo, p, []byte("old\n"), []byte("new\n")); !errors.Is(err, ErrOutsideTree) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: err = %v, want ErrOutsideTree naming the path", p, err)
		}
	}
	if got := readString(t, target); got != "old\n" {
		t.Errorf("the file outside the tree was written: %q", got)
	}
	if _, err := WriteFileIn("", target, []byte("old\n"), []byte("new\n")); !errors.Is(err, ErrOutsideTree) {
		t.Errorf("no tree: err = %v", err)
	}
	if _, err := WriteFileIn(repo, filepath.Join(repo, "in-link.md"), []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, inTarget); got != "new\n" {
		t.Errorf("in.md = %q", got)
	}
}

// TestWriteFileKeepsSpecialBits: the set-user-ID and set-group-ID bits
// survive (v0.1.0 changed the owner after the mode, which clears them).
func TestWriteFileKeepsSpecialBits(t *testing.T) {
	t.Parallel()
	for _, mode := range []fs.FileMode{fs.ModeSetuid | 0o755, fs.ModeSetgid | 0o755, fs.ModeSetuid | fs.ModeSetgid | 0o750} {
		dir := t.TempDir()
		p := filepath.Join(dir, "a.md")
		if err := os.WriteFile(p, []byte("old\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if _, err := WriteFileIn(dir, p, []byte("old\n"), []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid); got != mode {
			t.Errorf("mode %v after the write, want %v", got, mode)
		}
	}
}

// TestWriteFileReadOnly: a file with no write permission is not replaced,
// even by root (renaming over it needs only the directory's permission).
func TestWriteFileReadOnly(t *testing.T) {
	t.Parallel()
	for _, mode := range []fs.FileMode{0o444, 0o400, 0o555} {
		dir := t.TempDir()
		p := writeTemp(t, dir, "a.md", "old\n", mode)
		_, err := WriteFileIn(dir, p, []byte("old\n"), []byte("new\n"))
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("mode %v: err = %v, want ErrReadOnly", mode, err)
		}
		if got := readString(t, p); got != "old\n" {
			t.Errorf("mode %v: the read-only file was written: %q", mode, got)
		}
		onlyFiles(t, dir, "a.md")
	}
}

// TestWriteFileHardLinks: a file with other hard links is refused, and
// every name keeps the same text.
func TestWriteFileHardLinks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.md", "old\n", 0o644)
	other := filepath.Join(dir, "b.md")
	if err := os.Link(p, other); err != nil {
		t.Fatal(err)
	}
	_, err := WriteFileIn(dir, p, []byte("old\n"), []byte("new\n"))
	if !errors.Is(err, ErrHardLinks) || !strings.Contains(err.Error(), "(2 links)") {
		t.Fatalf("err = %v, want ErrHardLinks", err)
	}
	for _, name := range []string{p, other} {
		if got := readString(t, name); got != "old\n" {
			t.Errorf("%s = %q", name, got)
		}
	}
}

// TestWriteFileChangedWhileFixing: an editor's save between the read and
// the rename (while the temporary file is written) is detected and kept,
// whether it keeps the size, or replaces the file with one of the same
// size and time.
func TestWriteFileChangedWhileFixing(t *testing.T) {
	t.Parallel()
	stamp := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		save func(p string) error
		want string
	}{
		{"longer text", func(p string) error { return os.WriteFile(p, []byte("edited meanwhile\n"), 0o644) }, "edited meanwhile\n"},
		{"same size, later time", func(p string) error {
			if err := os.WriteFile(p, []byte("OLD\n"), 0o644); err != nil {
				return err
			}
			return os.Chtimes(p, stamp.Add(time.Hour), stamp.Add(time.Hour))
		}, "OLD\n"},
		{"replaced by rename, same size and time", func(p string) error {
			n := p + ".new"
			if err := os.WriteFile(n, []byte("OLD\n"), 0o644); err != nil {
				return err
			}
			if err := os.Chtimes(n, stamp, stamp); err != nil {
				return err
			}
			return os.Rename(n, p)
		}, "OLD\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			p := writeTemp(t, dir, "a.md", "old\n", 0o644)
			if err := os.Chtimes(p, stamp, stamp); err != nil {
				t.Fatal(err)
			}
			fsys := fileSystem{
				createTemp: func(d, pattern string) (*os.File, error) {
					if err := tt.save(p); err != nil {
						t.Fatal(err)
					}
					return os.CreateTemp(d, pattern)
				},
				rename: os.Rename,
			}
			_, err := fsys.writeFile(dir, p, []byte("old\n"), []byte("new\n"))
			if !errors.Is(err, ErrChangedOnDisk) || !strings.Contains(err.Error(), "changed on disk while it was being fixed") {
				t.Fatalf("err = %v, want ErrChangedOnDisk", err)
			}
			if got := readString(t, p); got != tt.want {
				t.Errorf("the editor's save was overwritten: %q", got)
			}
			onlyFiles(t, dir, "a.md")
		})
	}
}

// TestWriteFileNeverBlocks: a file swapped for a named pipe is refused
// without blocking on it.
func TestWriteFileNeverBlocks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := WriteFileIn(dir, p, []byte("old\n"), []byte("new\n"))
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file (a named pipe)") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("WriteFileIn blocked on a named pipe")
	}
}
