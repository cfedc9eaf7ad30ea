// Package testsupport holds what tests across the tree share about their
// environment, so that a test cannot go green in CI by silently skipping:
// locating ../shared (the corpora and markdownlint fixtures beside the
// repository), stopping a test whose prerequisite is missing (a failure
// under CI=true, a skip elsewhere), and running a test that needs file
// permissions enforced as an unprivileged user when the tests run as root.
package testsupport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// CIEnv is the environment variable that CI systems (GitHub Actions,
// GitLab CI, .ci/run) set to true.
const CIEnv = "CI"

// CI reports whether the tests run in continuous integration: CIEnv holds
// a true value ("true", "1", ...).
func CI() bool {
	v, err := strconv.ParseBool(os.Getenv(CIEnv))
	return err == nil && v
}

// Unavailable stops tb because something it needs is missing (a corpus, a
// program, an unprivileged user): under CI it fails the test, since a
// skipped test there would pass a run that checked nothing; elsewhere it
// skips it, saying why.
func Unavailable(tb testing.TB, format string, args ...any) {
	tb.Helper()
	unavailable(tb, CI(), fmt.Sprintf(format, args...))
}

func unavailable(tb testing.TB, ci bool, msg string) {
	tb.Helper()
	if ci {
		tb.Fatalf("%s (%s=true: a missing prerequisite fails the test instead of skipping it)", msg, CIEnv)
	}
	tb.Skipf("%s (skipped; with %s=true this fails)", msg, CIEnv)
}

// Shared returns the path of elem inside the shared directory, ../shared
// beside the repository's root (the directory holding go.mod): the
// corpora and the markdownlint fixtures that tests read. The path is
// relative to the working directory (the package's directory under go
// test) when it can be. When it does not exist the test is Unavailable.
func Shared(tb testing.TB, elem ...string) string {
	tb.Helper()
	p, err := sharedPath(elem...)
	if err != nil {
		Unavailable(tb, "%v", err)
	}
	return p
}

// sharedPath locates elem under ../shared and checks that it exists.
func sharedPath(elem ...string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("locating ../shared: %w", err)
	}
	root, err := moduleRoot(wd)
	if err != nil {
		return "", err
	}
	abs := filepath.Join(append([]string{filepath.Dir(root), "shared"}, elem...)...)
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("%s not found (../shared beside the repository holds the corpora and the markdownlint fixtures): %w", abs, err)
	}
	if rel, err := filepath.Rel(wd, abs); err == nil {
		return rel, nil
	}
	return abs, nil
}

// moduleRoot returns the nearest directory at or above dir holding go.mod.
func moduleRoot(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("locating the repository root: %w", err)
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod at or above %s: cannot locate ../shared", dir)
		}
	}
}

// repoRoot returns the repository's root, the nearest directory at or
// above the test's working directory holding go.mod; failing to find it
// fails tb.
func repoRoot(tb testing.TB) string {
	tb.Helper()
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	root, err := moduleRoot(wd)
	if err != nil {
		tb.Fatal(err)
	}
	return root
}

// BuildMedlint builds the medlint command into a temporary directory and
// returns its path, for tests that run the program as users do.
func BuildMedlint(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "bin", "medlint")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/medlint/medlint/cmd/medlint").CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// WalkMarkdown calls fn with the path and contents of every .md file under
// each of dirs, in lexical order, and returns how many it read; a
// directory or file that cannot be read fails tb.
func WalkMarkdown(tb testing.TB, fn func(path string, src []byte), dirs ...string) int {
	tb.Helper()
	files := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			fn(p, src)
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return files
}

// CommonMarkExample is one example of the CommonMark spec.
type CommonMarkExample struct {
	Markdown string `json:"markdown"`
	Example  int    `json:"example"`
}

// CommonMarkExamples returns the examples of the CommonMark spec, from the
// repository's testdata/commonmark/spec.json; a file that cannot be read
// or decoded, or holds none, fails tb.
func CommonMarkExamples(tb testing.TB) []CommonMarkExample {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(tb), "testdata", "commonmark", "spec.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var examples []CommonMarkExample
	if err := json.Unmarshal(data, &examples); err != nil {
		tb.Fatalf("testdata/commonmark/spec.json: %v", err)
	}
	if len(examples) == 0 {
		tb.Fatal("testdata/commonmark/spec.json holds no examples")
	}
	return examples
}
