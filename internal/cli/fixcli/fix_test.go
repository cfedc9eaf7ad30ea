// Package fixcli tests check --fix, --fix-dry-run and --diff end to end
// with the test-only rules of package testrules, whose fixes cover what
// real rules' rarely do (fixes that undo each other, invalid fixes). It is
// a test binary of its own because the rules are registered in it: in
// internal/cli's tests, which run every default rule, they would run on
// every file (test-panic panics on all of them).
package fixcli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/cli"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/internal/testsupport/testrules"
)

func init() { testrules.Register() }

// medlint runs the CLI and returns its exit code, standard output and
// standard error.
func medlint(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Main(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func checkArgs(only string, more ...string) []string {
	return append([]string{"check", "--no-config", "--no-color", "--now", "2026-11-25", "--only", only}, more...)
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCheckFixWritesAndReports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := writeFile(t, dir, "a.md", "# A\n\n• one\n• two\n")
	b := writeFile(t, dir, "b.md", "# B\n\n- fine\n")
	code, out, errOut := medlint(t, "", checkArgs("test-fake-bullet", "--fix", dir)...)
	if code != cli.ExitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if got := read(t, a); got != "# A\n\n- one\n- two\n" {
		t.Errorf("a.md = %q", got)
	}
	if got := read(t, b); got != "# B\n\n- fine\n" {
		t.Errorf("b.md = %q", got)
	}
	if !strings.Contains(out, "0 findings in 2 files") {
		t.Errorf("report %q", out)
	}
	for _, want := range []string{"a.md: fixed 2 (test-fake-bullet/fake-bullet 2)", "fixed 2 findings in 1 file; 0 findings remain"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// A second run fixes nothing.
	code, _, errOut = medlint(t, "", checkArgs("test-fake-bullet", "--fix", dir)...)
	if code != cli.ExitClean || !strings.Contains(errOut, "fixed 0 findings in 0 files") {
		t.Errorf("second run: exit %d\n%s", code, errOut)
	}
}

func TestCheckFixExitCodeReflectsRemaining(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writeFile(t, dir, "a.md", "• ping\n")
	args := checkArgs("test-fake-bullet,test-ping-pong", "--fix", "--fail-on", "warning", p)
	code, out, errOut := medlint(t, "", args...)
	if code != cli.ExitFindings {
		t.Fatalf("exit %d, want %d\n%s%s", code, cli.ExitFindings, out, errOut)
	}
	// "• ping" -> "- pong" -> "- ping"; the next pass would bring back
	// "- pong", so the fixer stops there.
	if got := read(t, p); got != "- ping\n" {
		t.Errorf("file = %q", got)
	}
	if !strings.Contains(out, "test-ping-pong") || !strings.Contains(errOut, "fixes undo each other (another pass would bring back the text of an earlier one), stopped after 2 passes; 1 fixable finding left") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
	// Only warnings remain: under the default --fail-on error, exit 0.
	writeFile(t, dir, "a.md", "• ping\n")
	if code, _, _ := medlint(t, "", checkArgs("test-fake-bullet,test-ping-pong", "--fix", p)...); code != cli.ExitClean {
		t.Errorf("exit %d with --fail-on error", code)
	}
}

func TestCheckFixDryRunPrintsDiffAndChangesNothing(t *testing.T) {
	t.Parallel()
	for _, flag := range []string{"--fix-dry-run", "--diff"} {
		t.Run(flag, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			content := "# A\n\nIntro.\n\n• one\n• two\n"
			p := writeFile(t, dir, "a.md", content)
			before, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			code, out, errOut := medlint(t, "", checkArgs("test-fake-bullet,test-append-note", flag, p)...)
			if code != cli.ExitClean {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			name := "/" + strings.TrimPrefix(filepath.ToSlash(p), "/")
			want := "--- a" + name + "\n+++ b" + name + "\n" +
				"@@ -2,5 +2,7 @@\n \n Intro.\n \n-• one\n-• two\n+- one\n+- two\n+\n+Not medical advice.\n"
			if out != want {
				t.Errorf("diff:\n%s\nwant:\n%s", out, want)
			}
			if !strings.Contains(errOut, "would fix 3 findings in 1 file; 0 findings remain") {
				t.Errorf("stderr:\n%s", errOut)
			}
			after, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if read(t, p) != content || !after.ModTime().Equal(before.ModTime()) || !os.SameFile(before, after) {
				t.Error("the file was changed")
			}
		})
	}
}

func TestCheckFixStdin(t *testing.T) {
	t.Parallel()
	code, out, errOut := medlint(t, "• one\r\n• two\r\n", checkArgs("test-fake-bullet", "--fix", "--stdin-filename", "new.md", "-")...)
	if code != cli.ExitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if out != "- one\r\n- two\r\n" {
		t.Errorf("stdout %q", out)
	}
	if !strings.Contains(errOut, "new.md: fixed 2") || !strings.Contains(errOut, "0 findings in 1 file") {
		t.Errorf("stderr:\n%s", errOut)
	}
	// Nothing to fix: the text comes back unchanged.
	_, out, _ = medlint(t, "- fine\n", checkArgs("test-fake-bullet", "--fix", "-")...)
	if out != "- fine\n" {
		t.Errorf("stdout %q", out)
	}
	// A remaining error finding sets the exit code; the text is still printed.
	code, out, errOut = medlint(t, "BAD • x\n", checkArgs("test-invalid", "--fix", "--fail-on", "warning", "-")...)
	if code != cli.ExitError || out != "BAD • x\n" || !strings.Contains(errOut, "invalid fix from rule test-invalid") {
		t.Errorf("exit %d stdout %q\n%s", code, out, errOut)
	}
}

func TestCheckFixDryRunStdin(t *testing.T) {
	t.Parallel()
	code, out, errOut := medlint(t, "• one\n", checkArgs("test-fake-bullet", "--diff", "-")...)
	if code != cli.ExitClean || out != "--- a/<stdin>\n+++ b/<stdin>\n@@ -1 +1 @@\n-• one\n+- one\n" {
		t.Errorf("exit %d stdout %q\n%s", code, out, errOut)
	}
}

func TestCheckFixUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writeFile(t, dir, "a.md", "• one\n")
	for _, args := range [][]string{
		checkArgs("test-fake-bullet", "--fix", "--diff", p),
		checkArgs("test-fake-bullet", "--fix", "-", p),
	} {
		code, _, errOut := medlint(t, "", args...)
		if code != cli.ExitError || errOut == "" {
			t.Errorf("%v: exit %d\n%s", args, code, errOut)
		}
	}
	if read(t, p) != "• one\n" {
		t.Error("file changed by a refused command")
	}
}

func TestCheckFixSymlinkAndTargetTogether(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	real := writeFile(t, dir, "real.md", "• one\n")
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		testsupport.Unavailable(t, "no symbolic links: %v", err)
	}
	code, out, errOut := medlint(t, "", checkArgs("test-fake-bullet", "--fix", link, real)...)
	if code != cli.ExitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if read(t, real) != "- one\n" {
		t.Errorf("real.md = %q", read(t, real))
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.md is no longer a link: %v", err)
	}
	if !strings.Contains(errOut, "fixed 1 finding in 1 file") {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestCheckFixReadOnlyDirectory(t *testing.T) {
	t.Parallel()
	if testsupport.RerunUnprivileged(t) {
		return // root writes into read-only directories: it ran as nobody
	}
	dir := t.TempDir()
	p := writeFile(t, dir, "a.md", "• one\n")
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	code, out, errOut := medlint(t, "", checkArgs("test-fake-bullet", "--fix", p)...)
	t.Logf("stdout:\n%sstderr:\n%s", out, errOut)
	if code != cli.ExitError || !strings.Contains(errOut, "cannot create a temporary file") || !strings.Contains(errOut, "permission denied") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "fake-bullet") && !strings.Contains(out, "not a list marker") {
		t.Errorf("the unfixed finding is not reported:\n%s", out)
	}
	if read(t, p) != "• one\n" {
		t.Error("file changed")
	}
}

func TestCheckFixBinaryFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writeFile(t, dir, "bin.md", "• a\x00b\n")
	code, out, errOut := medlint(t, "", checkArgs("test-fake-bullet", "--fix", p)...)
	want := "medlint: " + filepath.ToSlash(p) + ": not a text file"
	if code != cli.ExitError || !strings.Contains(errOut, want) || strings.Contains(errOut, "fixing") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if read(t, p) != "• a\x00b\n" {
		t.Error("binary file changed")
	}
}
