package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/testsupport"
)

func writeTemp(t *testing.T, dir, name, content string, mode fs.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // the umask may have cut bits
		t.Fatal(err)
	}
	return p
}

func readString(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// onlyFiles lists dir's entries: no temporary file may be left behind.
func onlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("directory holds %v, want %v", got, want)
	}
}

func TestWriteFileKeepsMode(t *testing.T) {
	t.Parallel()
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o755} {
		dir := t.TempDir()
		p := writeTemp(t, dir, "a.md", "old\n", mode)
		written, err := WriteFileIn(dir, p, []byte("old\n"), []byte("new\n"))
		if err != nil || !written {
			t.Fatalf("written %v, err %v", written, err)
		}
		if got := readString(t, p); got != "new\n" {
			t.Errorf("content %q", got)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && st.Mode().Perm() != mode {
			t.Errorf("mode %v, want %v", st.Mode().Perm(), mode)
		}
		onlyFiles(t, dir, "a.md")
	}
}

func TestWriteFileThroughSymlink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := writeTemp(t, dir, "real.md", "old\n", 0o644)
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(sub, "link.md")
	if err := os.Symlink("../real.md", link); err != nil {
		testsupport.Unavailable(t, "no symbolic links here: %v", err)
	}
	if _, err := WriteFileIn(dir, link, []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, target); got != "new\n" {
		t.Errorf("target holds %q", got)
	}
	st, err := os.Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	onlyFiles(t, sub, "link.md")
	onlyFiles(t, dir, "real.md", "sub")
}

func TestWriteFileUnchangedIsNotRewritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.md", "same\n", 0o644)
	before, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	// A rewrite would create a new inode (rename); none must happen.
	fsys := fileSystem{
		createTemp: func(string, string) (*os.File, error) {
			t.Error("a temporary file was created")
			return nil, errors.New("no")
		},
		rename: func(string, string) error { t.Error("rename called"); return errors.New("no") },
	}
	written, err := fsys.writeFile(dir, p, []byte("same\n"), []byte("same\n"))
	if err != nil || written {
		t.Fatalf("written %v, err %v", written, err)
	}
	after, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("the file was replaced")
	}
}

func TestWriteFileChangedOnDisk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.md", "edited meanwhile\n", 0o644)
	_, err := WriteFileIn(dir, p, []byte("old\n"), []byte("new\n"))
	if !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("err = %v", err)
	}
	if got := readString(t, p); got != "edited meanwhile\n" {
		t.Errorf("content %q", got)
	}
}

func TestWriteFileErrors(t *testing.T) {
	t.Parallel()
	t.Run("missing file", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		_, err := WriteFileIn(dir, filepath.Join(dir, "gone.md"), nil, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), "gone.md") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		_, err := WriteFileIn(dir, dir, nil, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("temporary file cannot be created", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		p := writeTemp(t, dir, "a.md", "old\n", 0o644)
		fsys := fileSystem{
			createTemp: func(string, string) (*os.File, error) {
				return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, ".a.md.medlint-123"), Err: fs.ErrPermission}
			},
			rename: os.Rename,
		}
		_, err := fsys.writeFile(dir, p, []byte("old\n"), []byte("new\n"))
		if !errors.Is(err, fs.ErrPermission) || strings.Contains(err.Error(), "medlint-123") || !strings.Contains(err.Error(), "a.md") {
			t.Fatalf("err = %v", err)
		}
		if got := readString(t, p); got != "old\n" {
			t.Errorf("content %q", got)
		}
	})
	t.Run("rename fails", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		p := writeTemp(t, dir, "a.md", "old\n", 0o644)
		fsys := fileSystem{createTemp: os.CreateTemp, rename: func(o, n string) error {
			return &os.LinkError{Op: "rename", Old: o, New: n, Err: fs.ErrPermission}
		}}
		_, err := fsys.writeFile(dir, p, []byte("old\n"), []byte("new\n"))
		if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "replacing the file") {
			t.Fatalf("err = %v", err)
		}
		if got := readString(t, p); got != "old\n" {
			t.Errorf("content %q", got)
		}
		onlyFiles(t, dir, "a.md") // the temporary file is removed
	})
}

// TestWriteFileReadOnlyDirectory uses a real read-only directory. Root
// ignores directory permissions, so as root the test runs as nobody.
func TestWriteFileReadOnlyDirectory(t *testing.T) {
	t.Parallel()
	if testsupport.RerunUnprivileged(t) {
		return
	}
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.md", "old\n", 0o644)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	_, err := WriteFileIn(dir, p, []byte("old\n"), []byte("new\n"))
	if err == nil || !strings.Contains(err.Error(), "cannot create a temporary file") || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("err = %v", err)
	}
	if got := readString(t, p); got != "old\n" {
		t.Errorf("content %q", got)
	}
}
