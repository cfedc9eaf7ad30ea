package testsupport

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnavailable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name            string
		ci              bool
		failed, skipped bool
		say             string
	}{
		{"CI fails", true, true, false, "CI=true: a missing prerequisite fails the test"},
		{"elsewhere skips", false, false, true, "skipped; with CI=true this fails"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			after := false
			got := Record(t, func(tb testing.TB) {
				unavailable(tb, tt.ci, "chromium is not installed")
				after = true
			})
			if got.Failed != tt.failed || got.Skipped != tt.skipped || after {
				t.Errorf("failed %v, skipped %v, went on %v; want failed %v, skipped %v and stopped", got.Failed, got.Skipped, after, tt.failed, tt.skipped)
			}
			if !strings.Contains(got.Log, "chromium is not installed") || !strings.Contains(got.Log, tt.say) {
				t.Errorf("log %q lacks the reason or %q", got.Log, tt.say)
			}
		})
	}
}

// TestCIReadsTheEnvironment is not parallel: it sets CI.
func TestCIReadsTheEnvironment(t *testing.T) {
	for _, tt := range []struct {
		value string
		want  bool
	}{{"true", true}, {"1", true}, {"TRUE", true}, {"false", false}, {"", false}, {"yes", false}} {
		t.Setenv(CIEnv, tt.value)
		if got := CI(); got != tt.want {
			t.Errorf("CI=%q: CI() = %v, want %v", tt.value, got, tt.want)
		}
	}
}

// TestSharedMissing checks the contract CI relies on: a missing ../shared
// (or file in it) fails the test under CI=true and skips it otherwise. Not
// parallel: it sets CI.
func TestSharedMissing(t *testing.T) {
	for _, tt := range []struct {
		ci              string
		failed, skipped bool
	}{{"true", true, false}, {"", false, true}} {
		t.Setenv(CIEnv, tt.ci)
		got := Record(t, func(tb testing.TB) { Shared(tb, "no such corpus", "a.md") })
		if got.Failed != tt.failed || got.Skipped != tt.skipped {
			t.Errorf("CI=%q: failed %v, skipped %v; want %v, %v", tt.ci, got.Failed, got.Skipped, tt.failed, tt.skipped)
		}
		if want := filepath.Join("shared", "no such corpus", "a.md") + " not found"; !strings.Contains(got.Log, want) {
			t.Errorf("CI=%q: log %q does not say %q", tt.ci, got.Log, want)
		}
	}
}

func TestSharedFindsTheCorpora(t *testing.T) {
	t.Parallel()
	p := Shared(t, "corpus", "seed", "gut-skin-connection.md")
	if filepath.IsAbs(p) {
		t.Errorf("Shared = %s, want a path relative to the package directory", p)
	}
	if _, err := os.Stat(p); err != nil {
		t.Error(err)
	}
	if want := filepath.Join("..", "..", "..", "shared", "corpus", "seed", "gut-skin-connection.md"); p != want {
		t.Errorf("Shared = %s, want %s (../shared beside the repository root)", p, want)
	}
}

func TestModuleRootOutsideAModule(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "go.mod")); err == nil {
		t.Fatalf("a go.mod above %s: cannot test the failure", dir)
	}
	if _, err := moduleRoot(dir); err == nil || !strings.Contains(err.Error(), "no go.mod") {
		t.Errorf("moduleRoot(%s) error = %v, want no go.mod", dir, err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if root, err := moduleRoot(wd); err != nil || root != filepath.Dir(filepath.Dir(wd)) {
		t.Errorf("moduleRoot(%s) = %q, %v; want the repository root two levels up", wd, root, err)
	}
}

// TestRerunUnprivileged runs its body as a user that permissions apply
// to: as root, in a copy of the binary as UnprivilegedID.
func TestRerunUnprivileged(t *testing.T) {
	t.Parallel()
	if RerunUnprivileged(t) {
		return
	}
	if os.Geteuid() == 0 {
		t.Fatal("the body runs as root")
	}
	if os.Getenv(unprivilegedEnv) != "" && (os.Geteuid() != UnprivilegedID || os.Getegid() != UnprivilegedID) {
		t.Errorf("rerun as uid %d gid %d, want %d", os.Geteuid(), os.Getegid(), UnprivilegedID)
	}
	p := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(p, []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.ReadFile(p); !errors.Is(err, os.ErrPermission) {
		t.Errorf("reading a mode-0 file: %v, want permission denied", err)
	}
}

func TestJudgeRerun(t *testing.T) {
	t.Parallel()
	exitErr := exec.Command("false").Run()
	tests := []struct {
		name, out string
		err       error
		want      string // "" when the rerun passed
	}{
		{"passed", "=== RUN   TestX\n--- PASS: TestX (0.01s)\nPASS\n", nil, ""},
		{"subtest passed", "    --- PASS: TestX/a_b (0.00s)\n", nil, ""},
		{"failed", "--- FAIL: TestX (0.00s)\nFAIL\n", exitErr, "TestX failed as uid 65534"},
		{"nothing ran", "testing: warning: no tests to run\nPASS\n", nil, "did not pass"},
		{"skipped", "--- SKIP: TestX (0.00s)\nPASS\n", nil, "did not pass"},
		{"another test passed", "--- PASS: TestXY (0.00s)\n", nil, "did not pass"},
		{"could not start", "", exec.ErrNotFound, "running TestX as uid 65534"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			name := "TestX"
			if strings.HasPrefix(tt.name, "subtest") {
				name = "TestX/a_b"
			}
			err := judgeRerun(name, []byte(tt.out), tt.err)
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("judgeRerun = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRunPattern(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"TestA":         "^TestA$",
		"TestA/b.c":     `^TestA$/^b\.c$`,
		"TestA/x+y/(z)": `^TestA$/^x\+y$/^\(z\)$`,
	} {
		if got := runPattern(name); got != want {
			t.Errorf("runPattern(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestRecordPassesThrough(t *testing.T) {
	t.Parallel()
	got := Record(t, func(tb testing.TB) {
		tb.Log("a")
		tb.Logf("b %d", 1)
		if tb.Failed() || tb.Skipped() {
			tb.Error("fresh recorder already failed or skipped")
		}
		tb.Errorf("c")
		if !tb.Failed() {
			tb.Error("Errorf did not mark the failure")
		}
		if tb.TempDir() == "" {
			tb.Error("no TempDir")
		}
	})
	if !got.Failed || got.Skipped || got.Log != "a\nb 1\nc\n" {
		t.Errorf("Record = %+v", got)
	}
}
