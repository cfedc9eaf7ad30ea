//go:build unix

package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
)

// A registry that is not a regular file, or is too large, is a
// configuration error, at once: a FIFO must not hang the load.
func TestOptionFileMustBeASmallRegularFile(t *testing.T) {
	t.Parallel()
	dir := registryRepo(t, "- name: Jane Frank\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "data", "fifo.yml"), 0o644); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "data", "big.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(config.MaxOptionFileSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	for _, tc := range []struct{ path, want string }{
		{"data/fifo.yml", "not a regular file"},
		{"data", "not a regular file"},
		{"data/big.yml", "larger than 128 MB"},
	} {
		done := make(chan error, 1)
		go func() {
			_, err := config.Parse(filepath.Join(dir, ".medlint.yml"), dir, []byte("rules:\n  reviewer-credentials:\n    reviewers: "+tc.path+"\n"))
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), ".medlint.yml:2") {
				t.Errorf("%s: %v, want a configuration error at line 2 saying %q", tc.path, err, tc.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: loading the configuration hangs", tc.path)
		}
	}
}
