//go:build unix

package engine

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFileNeverBlocks: a file discovered as regular but replaced by a
// named pipe before it is read is an error, not a blocking open.
func TestReadFileNeverBlocks(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "a.md")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := readFile(p, 1<<20)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.HasPrefix(err.Error(), "not a regular file (a named pipe)") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("readFile blocked on a named pipe")
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
}
