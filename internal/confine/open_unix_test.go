//go:build unix

package confine

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// openWithin runs Open in a goroutine: a blocking open fails the test
// instead of hanging it.
func openWithin(t *testing.T, path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		f, _, err := Open(path)
		if err == nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("Open(%s) blocked", path)
		return nil
	}
}

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	symlink(t, fifo, filepath.Join(dir, "to-pipe.md"))
	symlink(t, "/dev/null", filepath.Join(dir, "null.md"))
	touch(t, filepath.Join(dir, "a.md"))
	tests := []struct{ path, kind string }{
		{fifo, "(a named pipe)"},
		{filepath.Join(dir, "to-pipe.md"), "(a named pipe)"},
		{filepath.Join(dir, "null.md"), "(a character device)"},
		{dir, "(a directory)"},
		{filepath.Join(dir, "a.md"), ""},
	}
	for _, tt := range tests {
		err := openWithin(t, tt.path)
		switch {
		case tt.kind == "" && err != nil:
			t.Errorf("Open(%s): %v", tt.path, err)
		case tt.kind != "" && (!errors.Is(err, ErrNotRegular) || err.Error() != "not a regular file "+tt.kind):
			t.Errorf("Open(%s) = %v, want ErrNotRegular %s", tt.path, err, tt.kind)
		}
	}
	if err := openWithin(t, filepath.Join(dir, "missing.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
