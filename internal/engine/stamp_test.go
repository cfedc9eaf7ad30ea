package engine

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestStamp(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(p, []byte("# A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	s := StampOf(fi)
	if runtime.GOOS != "linux" {
		if s != (Stamp{}) {
			t.Fatalf("StampOf = %+v off Linux, want the zero Stamp", s)
		}
		return
	}
	if s.Size != 4 || s.ModTime == 0 || s.ChangeTime == 0 || s.Inode == 0 {
		t.Fatalf("StampOf = %+v, want size, times and inode", s)
	}
	now := time.Now()
	if s.Trusted(now) {
		t.Error("a file written just now is trusted: it is racy")
	}
	if !s.Trusted(now.Add(RacyWindow + time.Second)) {
		t.Error("a file older than RacyWindow is not trusted")
	}
	if (Stamp{}).Trusted(now.Add(time.Hour)) {
		t.Error("the zero Stamp is trusted")
	}
	dir, _ := os.Stat(filepath.Dir(p))
	if StampOf(dir) != (Stamp{}) {
		t.Error("a directory has a stamp")
	}
}
