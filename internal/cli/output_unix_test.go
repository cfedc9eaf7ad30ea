//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputKeepsTheModeOfAnExistingReport replaces reports of several
// modes: each keeps its own (a private 0600 report used to become 0644).
func TestOutputKeepsTheModeOfAnExistingReport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "dup.md", dupArticle)
	for _, mode := range []os.FileMode{0o600, 0o640, 0o644, 0o664, 0o400} {
		out := filepath.Join(dir, "report-"+mode.String()+".txt")
		writeFile(t, dir, filepath.Base(out), "old report\n")
		if err := os.Chmod(out, mode); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range [][]string{
			{"check", "--only", "duplicate-heading", "-o", out, "dup.md"},
			{"check", "--only", "duplicate-heading", "--format", "json", "-o", out, "dup.md"},
		} {
			if r := medlint(t, dir, "", cmd...); r.code != ExitClean {
				t.Fatalf("%v: exit %d: %s", cmd, r.code, r.stderr)
			}
			st, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != mode {
				t.Errorf("%v over a %v report: mode %v, want it kept", cmd, mode, got)
			}
		}
	}
}

// TestOutputNewReportHonoursTheUmask writes new reports under several
// umasks: each gets 0666 less the umask, as a shell redirection would. It
// changes the process's umask, so it does not run in parallel (parallel
// tests run only after the serial ones).
func TestOutputNewReportHonoursTheUmask(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "dup.md", dupArticle)
	for _, tc := range []struct {
		umask int
		want  os.FileMode
	}{{0o022, 0o644}, {0o027, 0o640}, {0o077, 0o600}, {0o002, 0o664}} {
		out := filepath.Join(dir, "new", "report.json")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		old := syscall.Umask(tc.umask)
		r := medlint(t, dir, "", "check", "--only", "duplicate-heading", "--format", "json", "-o", out, "dup.md")
		syscall.Umask(old)
		if r.code != ExitClean {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		st, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != tc.want {
			t.Errorf("umask %04o: new report has mode %v, want %v", tc.umask, got, tc.want)
		}
		if err := os.Remove(out); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOutputErrorNamesTheGivenPath checks that a report that cannot be
// written is an error naming the path the user gave, not the temporary
// file medlint writes first.
func TestOutputErrorNamesTheGivenPath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "missing", "report.json")
	r := medlint(t, dir, "", "check", "--no-config", "--format", "json", "--output", out, "a.md")
	if r.code != ExitError || !strings.Contains(r.stderr, "--output "+out+": cannot write the report there: no such file or directory") ||
		strings.Contains(r.stderr, ".medlint-report-") {
		t.Errorf("exit %d, stderr %q; want 2 and an error naming %s", r.code, r.stderr, out)
	}
}
