//go:build unix

package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/gitchanges/gittest"
)

// pathsRepo is a repository with one article, a link to its directory, a
// directory without Markdown, ignored drafts, a named pipe and a link to
// a secret beside the repository.
func pathsRepo(t *testing.T) string {
	t.Helper()
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(base, "repo")
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, ".medlint.yml", "ignore: [\"drafts/**\"]\n")
	writeFile(t, dir, "docs/a.md", dupArticle)
	writeFile(t, dir, "drafts/b.md", dupArticle)
	writeFile(t, dir, "assets/logo.txt", "x")
	writeFile(t, base, "secret/notes.md", "# Secret\n\n## A\n\n## A\n\naws_secret_access_key = hunter2\n")
	for target, name := range map[string]string{"docs": "LINK", "../secret/notes.md": "notes.md"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runBounded is medlint with a deadline: a run that blocks fails the test.
// As with medlint, arguments ending in .md are relative to dir.
func runBounded(t *testing.T, dir string, args ...string) run {
	t.Helper()
	done := make(chan run, 1)
	go func() { done <- medlint(t, dir, "", args...) }()
	select {
	case r := <-done:
		return r
	case <-time.After(20 * time.Second):
		t.Fatalf("medlint %v blocked", args)
		return run{}
	}
}

// TestCheckPaths is the end-to-end test of issue 15's path items through
// the CLI: exit codes and messages a user or a CI job sees.
func TestCheckPaths(t *testing.T) {
	t.Parallel()
	dir := pathsRepo(t)
	abs := func(p string) string { return filepath.Join(dir, p) }
	only := []string{"check", "--only", "duplicate-heading", "--fail-on", "warning"}
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string
		stderr   []string
		noOutput []string
	}{
		{name: "a link to a directory is linted as the directory", args: append(only, abs("LINK")), code: ExitFindings,
			stdout: []string{"LINK/a.md:11:1: warning duplicate-heading", "in 1 file"}},
		{name: "a directory without Markdown is an error", args: append(only, abs("assets")), code: ExitError,
			stderr: []string{"medlint: assets: no Markdown files in assets"}},
		{name: "a directory whose Markdown is all ignored", args: append(only, abs("drafts")), code: ExitError,
			stderr: []string{"no Markdown files in drafts: its 1 Markdown file matches the ignore globs"}},
		{name: "an ignored file named explicitly is skipped, and said so", args: append(only, "drafts/b.md"), code: ExitClean,
			stdout: []string{"0 findings in 0 files"}, stderr: []string{"medlint: drafts/b.md: not linted: it matches the ignore globs of .medlint.yml"}},
		{name: "quiet says nothing of ignored files", args: append(append([]string(nil), only...), "-q", "drafts/b.md"), code: ExitClean,
			noOutput: []string{"drafts/b.md"}},
		{name: "a named pipe is an error, not a hang", args: append(only, "pipe.md", abs("docs")), code: ExitError,
			stdout: []string{"docs/a.md:11:1", "in 2 files"}, stderr: []string{"medlint: pipe.md: not a regular file (a named pipe): not read"}},
		{name: "a link out of the repository is not read", args: append(only, "--format", "html", "notes.md", abs("docs")), code: ExitError,
			stderr: []string{"medlint: notes.md: a symbolic link to a file outside the repository: not read"}, noOutput: []string{"hunter2"}},
		{name: "a walk does not read it either", args: append(only, "--format", "html", dir), code: ExitError,
			stderr: []string{"medlint: notes.md: a symbolic link to a file outside the repository"}, noOutput: []string{"hunter2"}},
		{name: "--follow-external-symlinks reads it", args: append(only, "--follow-external-symlinks", "notes.md"), code: ExitFindings,
			stdout: []string{"notes.md:5:1: warning duplicate-heading"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runBounded(t, dir, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			for _, s := range tt.noOutput {
				if strings.Contains(r.stdout+r.stderr, s) {
					t.Errorf("output has %q:\n%s%s", s, r.stdout, r.stderr)
				}
			}
		})
	}
}

// TestCheckFixSymlinkedDirectory: --fix LINK fixes the directory's files
// (v0.1.0 found none and exited 0).
func TestCheckFixSymlinkedDirectory(t *testing.T) {
	t.Parallel()
	dir := pathsRepo(t)
	writeFile(t, dir, "docs/list.md", "# T\n\n• one\n• two\n")
	r := runBounded(t, dir, "check", "--only", "list-format", "--fix", filepath.Join(dir, "LINK"))
	if r.code != ExitClean || !strings.Contains(r.stderr, "LINK/list.md: fixed 1") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "docs", "list.md")); err != nil || string(got) != "# T\n\n- one\n- two\n" {
		t.Errorf("docs/list.md = %q, %v", got, err)
	}
	r = runBounded(t, dir, "check", "--only", "list-format", "--fix", filepath.Join(dir, "assets"))
	if r.code != ExitError || !strings.Contains(r.stderr, "no Markdown files in assets") {
		t.Errorf("--fix assets: exit %d\nstderr: %s", r.code, r.stderr)
	}
}

// TestCheckCountsUnreadablePaths: the summary and the JSON report count a
// path that cannot be read, and list it with its error.
func TestCheckCountsUnreadablePaths(t *testing.T) {
	t.Parallel()
	dir := pathsRepo(t)
	r := runBounded(t, dir, "check", "--only", "duplicate-heading", "missing.md", "docs/a.md")
	if r.code != ExitError || !strings.Contains(r.stdout, "1 finding (0 errors, 1 warning, 0 info) in 2 files") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	r = runBounded(t, dir, "check", "--only", "duplicate-heading", "--format", "json", "missing.md", "pipe.md", "docs/a.md")
	var rep struct {
		Summary struct{ Files int } `json:"summary"`
		Errors  []struct{ Path, Message string }
		Paths   []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if rep.Summary.Files != 3 || !slices.Equal(rep.Paths, []string{"docs/a.md", "missing.md", "pipe.md"}) || len(rep.Errors) != 2 {
		t.Errorf("files %d, paths %v, errors %+v; want 3 files with missing.md and pipe.md and their errors", rep.Summary.Files, rep.Paths, rep.Errors)
	}
}

// TestCheckChangedPaths: --changed with nothing changed is still a clean
// run (exit 0, not "no Markdown files"), and a changed link out of the
// repository is refused like any other.
func TestCheckChangedPaths(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Write("a.md", article)
	r.Write(".medlint.yml", "ignore: [\"drafts/**\"]\n")
	r.Commit("a")
	for _, args := range [][]string{{"check", "--changed"}, {"check", "--changed", "--fix"}} {
		code, out, errOut := runIn(t, r.Dir, nil, args...)
		if code != ExitClean {
			t.Errorf("%v with nothing changed: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	r.Write("drafts/new.md", article)
	secret := filepath.Join(t.TempDir(), "credentials")
	if err := os.WriteFile(secret, []byte("aws_secret_access_key = hunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, r.Path("notes.md")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runIn(t, r.Dir, nil, "check", "--changed", "--only", "duplicate-heading", "--format", "json")
	if code != ExitError || !strings.Contains(errOut, "notes.md: a symbolic link to a file outside the repository") ||
		strings.Contains(out+errOut, "hunter2") || strings.Contains(errOut, "drafts/new.md") {
		t.Errorf("--changed with a link out: exit %d\n%s%s", code, out, errOut)
	}
}
