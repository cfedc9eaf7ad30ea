package testsupport

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// UnprivilegedID is the user and group id RerunUnprivileged runs tests as:
// nobody and nogroup on Debian.
const UnprivilegedID = 65534

// unprivilegedEnv marks the copy of the test binary RerunUnprivileged
// starts, so that a copy still running as root fails instead of starting
// another.
const unprivilegedEnv = "MEDLINT_TESTSUPPORT_UNPRIVILEGED"

// RerunUnprivileged lets a test that needs file permissions enforced (an
// unreadable file, a read-only directory) run when the tests run as root,
// as CI does, where it would otherwise have to skip. Not root, it returns
// false and the test goes on. As root it runs the test again in a copy of
// the test binary as UnprivilegedID (through setpriv, from util-linux),
// fails t unless that run passed the test, and returns true: the caller
// returns at once. Call it first thing, after t.Parallel:
//
//	if testsupport.RerunUnprivileged(t) {
//		return // it ran as nobody
//	}
//
// The copy (not the binary go test built, which sits in a directory only
// root can enter) runs from the same working directory with the same
// environment, but with TMPDIR and HOME in a directory it owns. Without
// setpriv the test is Unavailable.
func RerunUnprivileged(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	if os.Getenv(unprivilegedEnv) != "" {
		t.Fatalf("still root in the copy of the test binary that setpriv started as uid %d", UnprivilegedID)
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		Unavailable(t, "%s needs a user without root's permissions, and setpriv (util-linux) is not installed to drop them", t.Name())
		return true
	}
	bin, tmp := unprivilegedSandbox(t)
	args := []string{"--reuid=" + strconv.Itoa(UnprivilegedID), "--regid=" + strconv.Itoa(UnprivilegedID), "--clear-groups", "--",
		bin, "-test.run=" + runPattern(t.Name()), "-test.count=1", "-test.v=true", "-test.timeout=10m"}
	if testing.Short() {
		args = append(args, "-test.short")
	}
	cmd := exec.CommandContext(t.Context(), setpriv, args...)
	cmd.Env = append(environWithout("GOCOVERDIR", "TMPDIR", "HOME"), unprivilegedEnv+"=1", "TMPDIR="+tmp, "HOME="+tmp)
	out, err := cmd.CombinedOutput()
	if err := judgeRerun(t.Name(), out, err); err != nil {
		t.Fatalf("%v; command: %s %s", err, setpriv, strings.Join(args, " "))
	}
	t.Logf("ran as uid %d in a copy of the test binary:\n%s", UnprivilegedID, out)
	return true
}

// unprivilegedSandbox makes a directory that UnprivilegedID can enter,
// holding a copy of the running test binary and a temporary directory
// owned by UnprivilegedID; both are removed when t ends.
func unprivilegedSandbox(t *testing.T) (bin, tmp string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "medlint-unprivileged-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("locating the test binary: %v", err)
	}
	bin = filepath.Join(dir, filepath.Base(exe))
	if err := copyFile(bin, exe, 0o755); err != nil {
		t.Fatalf("copying the test binary: %v", err)
	}
	tmp = filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(tmp, UnprivilegedID, UnprivilegedID); err != nil {
		t.Fatal(err)
	}
	return bin, tmp
}

func copyFile(dst, src string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return out.Close()
}

// runPattern is the -test.run pattern that selects exactly the test (or
// subtest) called name.
func runPattern(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// environWithout returns the environment without the given variables.
func environWithout(names ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		drop := false
		for _, n := range names {
			drop = drop || name == n
		}
		if !drop {
			env = append(env, kv)
		}
	}
	return env
}

// judgeRerun checks the output of the rerun of test name: it must have
// exited 0 and reported the test itself as passed (a pattern that matched
// nothing also exits 0, and a skip is not a pass).
func judgeRerun(name string, out []byte, runErr error) error {
	if runErr != nil {
		var exit *exec.ExitError
		if errors.As(runErr, &exit) {
			return fmt.Errorf("%s failed as uid %d (%w):\n%s", name, UnprivilegedID, runErr, out)
		}
		return fmt.Errorf("running %s as uid %d: %w\n%s", name, UnprivilegedID, runErr, out)
	}
	passed := regexp.MustCompile(`(?m)^\s*--- PASS: ` + regexp.QuoteMeta(name) + ` \(`)
	if !passed.Match(out) {
		return fmt.Errorf("%s did not pass as uid %d (skipped, or not run):\n%s", name, UnprivilegedID, out)
	}
	return nil
}
