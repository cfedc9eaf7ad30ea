package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProfileFlags checks that the hidden --cpuprofile and --memprofile
// write profiles, do not change the exit code, are absent from --help, and
// that an unwritable profile path is a usage error.
func TestProfileFlags(t *testing.T) {
	// Not parallel: the CPU profiler is process-wide.
	dir := t.TempDir()
	writeFile(t, dir, "a.md", dupArticle)
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	plain := medlint(t, dir, "", "check", "--now", "2026-11-25", "--no-config", "a.md")
	r := medlint(t, dir, "", "check", "--now", "2026-11-25", "--no-config", "--cpuprofile", cpu, "--memprofile", mem, "a.md")
	if r.code != plain.code || r.stdout != plain.stdout {
		t.Errorf("with profiles: exit %d, output %q; without: exit %d, output %q", r.code, r.stdout, plain.code, plain.stdout)
	}
	for _, p := range []string{cpu, mem} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("profile %s not written: %v", p, err)
		}
	}
	if help := medlint(t, dir, "", "check", "--help"); strings.Contains(help.stdout, "profile") {
		t.Errorf("check --help shows the hidden profile flags:\n%s", help.stdout)
	}
	bad := medlint(t, dir, "", "check", "--no-config", "--cpuprofile", filepath.Join(dir, "no/such/dir/cpu.prof"), "a.md")
	if bad.code != ExitError || !strings.Contains(bad.stderr, "--cpuprofile") {
		t.Errorf("unwritable --cpuprofile: exit %d, stderr %q; want exit %d naming the flag", bad.code, bad.stderr, ExitError)
	}
}
