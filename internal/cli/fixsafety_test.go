//go:build unix

package cli

import (
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/medlint/medlint/internal/testsupport"
)

const fakeList = "# T\n\n• one\n• two\n"
const fixedList = "# T\n\n- one\n- two\n"

// fixRepo returns a repository holding out.md, a link to a fixable
// article outside it (../outside/target.md).
func fixRepo(t *testing.T) string {
	t.Helper()
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo, outside := filepath.Join(base, "repo"), filepath.Join(base, "outside")
	writeFile(t, repo, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, outside, "target.md", fakeList)
	if err := os.Symlink("../outside/target.md", filepath.Join(repo, "out.md")); err != nil {
		t.Fatal(err)
	}
	return repo
}

func readText(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCheckFixRefuses is the end-to-end test of what --fix must not
// write: through a link out of the repository (v0.1.0 rewrote the file
// outside), a read-only file, a file with other hard links.
func TestCheckFixRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(t *testing.T, repo string) string // returns the path argument
		extra []string
		// the file that must keep its text, relative to the repository's
		// parent, and what stderr says
		keep   string
		stderr string
	}{
		{name: "link out, not followed", setup: func(*testing.T, string) string { return "out.md" },
			keep: "outside/target.md", stderr: "out.md: a symbolic link to a file outside the repository: not read"},
		{name: "link out, followed", setup: func(*testing.T, string) string { return "out.md" }, extra: []string{"--follow-external-symlinks"},
			keep: "outside/target.md", stderr: "out.md: fixes not written: its real path is outside the tree being fixed ("},
		{name: "read-only file", setup: func(t *testing.T, repo string) string {
			writeFile(t, repo, "ro.md", fakeList)
			if err := os.Chmod(filepath.Join(repo, "ro.md"), 0o444); err != nil {
				t.Fatal(err)
			}
			return "ro.md"
		}, keep: "repo/ro.md", stderr: "ro.md: fixes not written: the file is read-only (mode 0444): make it writable (chmod u+w) to let --fix change it"},
		{name: "hard links", setup: func(t *testing.T, repo string) string {
			writeFile(t, repo, "a.md", fakeList)
			if err := os.Link(filepath.Join(repo, "a.md"), filepath.Join(repo, "b.txt")); err != nil {
				t.Fatal(err)
			}
			return "a.md"
		}, keep: "repo/b.txt", stderr: "a.md: fixes not written: the file has other hard links"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			repo := fixRepo(t)
			arg := tt.setup(t, repo)
			args := append([]string{"check", "--only", "list-format", "--fix"}, tt.extra...)
			r := medlint(t, repo, "", append(args, arg)...)
			if r.code != ExitError || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, want 2 and %q\nstdout: %s\nstderr: %s", r.code, tt.stderr, r.stdout, r.stderr)
			}
			if got := readText(t, filepath.Join(filepath.Dir(repo), tt.keep)); got != fakeList {
				t.Errorf("%s was written: %q", tt.keep, got)
			}
		})
	}
}

// TestCheckFixKeepsSpecialBits: a set-user-ID, set-group-ID file is fixed
// and keeps both bits.
func TestCheckFixKeepsSpecialBits(t *testing.T) {
	t.Parallel()
	repo := fixRepo(t)
	writeFile(t, repo, "a.md", fakeList)
	p := filepath.Join(repo, "a.md")
	want := fs.ModeSetuid | fs.ModeSetgid | 0o755
	if err := os.Chmod(p, want); err != nil {
		t.Fatal(err)
	}
	r := medlint(t, repo, "", "check", "--only", "list-format", "--fix", "a.md")
	if r.code != ExitClean || readText(t, p) != fixedList {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid); got != want {
		t.Errorf("mode %v after --fix, want %v", got, want)
	}
}

// unprivilegedDir names, for the test binary re-run under setpriv, the
// directory its parent prepared.
const unprivilegedDir = "MEDLINT_TEST_UNPRIVILEGED_DIR"

// nobody is the user and group the re-run uses.
const nobody = 65534

// TestCheckUnprivileged checks, as a user without root's powers, that
// --fix does not replace a file the user may not write, though renaming
// over it would succeed (the directory is the user's), and that paths the
// user may not read are counted among the files with their error. Run as
// root, the test re-runs itself under setpriv as nobody, with files its
// parent made: one read-only, two of root's (one writable by all), an
// unreadable one and one in a directory nobody may not enter.
func TestCheckUnprivileged(t *testing.T) {
	t.Parallel()
	if dir := os.Getenv(unprivilegedDir); dir != "" {
		if os.Geteuid() == 0 {
			t.Fatal("the re-run under setpriv is still root")
		}
		checkUnprivileged(t, dir, true)
		return
	}
	if os.Geteuid() != 0 {
		dir := t.TempDir()
		prepareUnprivileged(t, dir, false)
		checkUnprivileged(t, dir, false)
		return
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		testsupport.Unavailable(t, "running as root without setpriv (util-linux): cannot check --fix as an unprivileged user: %v", err)
	}
	dir := t.TempDir()
	prepareUnprivileged(t, dir, true)
	bin := copyTestBinary(t)
	cmd := exec.Command(setpriv, "--reuid="+itoa(nobody), "--regid="+itoa(nobody), "--clear-groups",
		bin, "-test.run=^TestCheckUnprivileged$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), unprivilegedDir+"="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestCheckUnprivileged") {
		t.Fatalf("the unprivileged re-run failed (%v):\n%s", err, out)
	}
	t.Logf("as nobody:\n%s", out)
}

func itoa(n int) string { return strconv.Itoa(n) }

// prepareUnprivileged makes, in dir, a repository the unprivileged user
// owns holding ro.md (read-only) and unreadable.md (mode 0), the user's,
// and, when asRoot, root's shared.md (mode 0666), theirs.md (mode 0644)
// and locked/a.md (in a directory of mode 0700).
func prepareUnprivileged(t *testing.T, dir string, asRoot bool) {
	t.Helper()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "ro.md", fakeList)
	writeFile(t, dir, "unreadable.md", fakeList)
	writeFile(t, dir, "shared.md", fakeList)
	writeFile(t, dir, "theirs.md", fakeList)
	writeFile(t, dir, "locked/a.md", fakeList)
	chmod(t, filepath.Join(dir, "ro.md"), 0o444)
	chmod(t, filepath.Join(dir, "unreadable.md"), 0)
	chmod(t, filepath.Join(dir, "shared.md"), 0o666)
	if !asRoot {
		return
	}
	chmod(t, filepath.Join(dir, "locked"), 0o700)
	for _, p := range []string{dir, filepath.Join(dir, ".git"), filepath.Join(dir, ".git", "HEAD"), filepath.Join(dir, "ro.md"), filepath.Join(dir, "unreadable.md")} {
		if err := os.Lchown(p, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	// t.TempDir's parent is root's alone: let nobody in.
	chmod(t, filepath.Dir(dir), 0o755)
}

func chmod(t *testing.T, p string, mode fs.FileMode) {
	t.Helper()
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}

// checkUnprivileged runs check and --fix on the files
// prepareUnprivileged made.
func checkUnprivileged(t *testing.T, dir string, asRoot bool) {
	t.Helper()
	checkUnreadableCounted(t, dir, asRoot)
	checkFixUnwritable(t, dir, asRoot)
}

// checkUnreadableCounted: a path argument the user may not read is among
// the files of the summary, with its error (v0.1.0 left out one whose
// directory may not be entered).
func checkUnreadableCounted(t *testing.T, dir string, asRoot bool) {
	t.Helper()
	args := []string{"check", "--only", "list-format", "unreadable.md"}
	files := "in 1 file"
	if asRoot {
		args, files = append(args, "locked/a.md"), "in 2 files"
	}
	r := medlint(t, dir, "", args...)
	if r.code != ExitError || !strings.Contains(r.stdout, "0 findings "+files) ||
		!strings.Contains(r.stderr, "medlint: unreadable.md: permission denied") ||
		asRoot && !strings.Contains(r.stderr, "medlint: locked/a.md: permission denied") {
		t.Errorf("unreadable paths: exit %d, want 2 and %q\nstdout: %s\nstderr: %s", r.code, files, r.stdout, r.stderr)
	}
}

// checkFixUnwritable runs --fix on the files the user may not write; none
// may change, in text, owner or mode.
func checkFixUnwritable(t *testing.T, dir string, asRoot bool) {
	t.Helper()
	tests := []struct {
		file, stderr string
		needsRoot    bool
	}{
		{file: "ro.md", stderr: "ro.md: fixes not written: the file is read-only"},
		{file: "theirs.md", stderr: "theirs.md: fixes not written: this user may not write the file (mode 0644): permission denied", needsRoot: true},
		{file: "shared.md", stderr: "shared.md: fixes not written: cannot keep the file's owner and group (uid 0, gid 0), which only root may give a file", needsRoot: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if tt.needsRoot && !asRoot {
				testsupport.Unavailable(t, "only root can make another user's file: run the tests as root (CI does)")
			}
			p := filepath.Join(dir, tt.file)
			before, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			r := medlint(t, dir, "", "check", "--only", "list-format", "--fix", tt.file)
			if r.code != ExitError || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, want 2 and %q\nstdout: %s\nstderr: %s", r.code, tt.stderr, r.stdout, r.stderr)
			}
			after, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := readText(t, p); got != fakeList || !os.SameFile(before, after) || before.Mode() != after.Mode() ||
				before.Sys().(*syscall.Stat_t).Uid != after.Sys().(*syscall.Stat_t).Uid {
				t.Errorf("%s was replaced: %q, mode %v -> %v", tt.file, got, before.Mode(), after.Mode())
			}
		})
	}
}

// copyTestBinary copies the running test binary where nobody may run it
// (go test builds in a directory only its user may enter).
func copyTestBinary(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	chmod(t, filepath.Dir(dir), 0o755)
	chmod(t, dir, 0o755)
	dst := filepath.Join(dir, "cli.test")
	in, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}
