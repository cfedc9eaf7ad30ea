package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/cache"
	"github.com/medlint/medlint/internal/lint"
)

// medlintEnv is medlint with environment variables (the plain helper sees
// none, so the cache is off there: no user cache directory).
func medlintEnv(t *testing.T, dir string, environ map[string]string, args ...string) run {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return environ[k] }, workDir: dir,
		isTerminal: func(io.Writer) bool { return false },
	}
	code := e.run(args)
	return run{code, out.String(), errOut.String()}
}

// cacheArticles writes a few articles with findings (duplicate headings,
// a review date that goes stale) into dir.
func cacheArticles(t *testing.T, dir string) {
	t.Helper()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "dup.md", dupArticle)
	writeFile(t, dir, "clean.md", "# Clean\n\n## One\n\n## Two\n")
	writeFile(t, dir, "docs/reviewed.md", "# Flu\n\nMedically reviewed by Dr. Jane Frank, MD on July 11, 2025\n\n## A\n\n## A\n")
	writeFile(t, dir, "docs/lists.md", "# Lists\n\n• one\n• two\n\n1. a\n3. b\n")
}

var statsRE = regexp.MustCompile(`(\d+) hits, (\d+) partial \(date rules rerun\), (\d+) misses, (\d+) stored`)

// cacheStats parses --cache-stats' line: hits, partial, misses, stored.
func cacheStats(t *testing.T, r run) [4]string {
	t.Helper()
	m := statsRE.FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no cache statistics on stderr:\n%s", r.stderr)
	}
	return [4]string{m[1], m[2], m[3], m[4]}
}

func TestCacheDirectory(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "ios" || runtime.GOOS == "plan9" {
		t.Skip("the default directory tested is the XDG one")
	}
	dir := t.TempDir()
	cacheArticles(t, dir)
	home, xdg, envDir, flagDir := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	hasCache := func(d string) bool {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(d, "medlint-*.cache"))
		return len(m) == 1
	}
	check := func(environ map[string]string, extra ...string) run {
		t.Helper()
		args := append([]string{"check", "--now", "2026-11-25", "--format", "json", filepath.Join(dir, "dup.md")}, extra...)
		r := medlintEnv(t, dir, environ, args...)
		if r.code != ExitFindings {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		return r
	}
	check(map[string]string{"HOME": home})
	if !hasCache(filepath.Join(home, ".cache", "medlint")) {
		t.Error("HOME only: no cache under ~/.cache/medlint")
	}
	check(map[string]string{"HOME": home, "XDG_CACHE_HOME": xdg})
	if !hasCache(filepath.Join(xdg, "medlint")) {
		t.Error("XDG_CACHE_HOME: no cache under it")
	}
	check(map[string]string{"HOME": home, "MEDLINT_CACHE_DIR": envDir})
	if !hasCache(envDir) {
		t.Error("MEDLINT_CACHE_DIR: no cache in it")
	}
	check(map[string]string{"MEDLINT_CACHE_DIR": envDir}, "--cache-dir", flagDir)
	if !hasCache(flagDir) {
		t.Error("--cache-dir: no cache in it")
	}
	// A relative --cache-dir is relative to the working directory.
	check(nil, "--cache-dir", "rel-cache")
	if !hasCache(filepath.Join(dir, "rel-cache")) {
		t.Error("relative --cache-dir: no cache in the working directory")
	}

	off := t.TempDir()
	for _, flags := range [][]string{{"--no-cache"}, {"--cache=false"}, {"--cache", "--no-cache"}} {
		check(map[string]string{"MEDLINT_CACHE_DIR": off}, flags...)
	}
	fixDir := filepath.Join(off, "fix")
	writeFile(t, dir, "fixable.md", "# Fix\n\n• one\n• two\n")
	if r := medlintEnv(t, dir, map[string]string{"MEDLINT_CACHE_DIR": fixDir}, "check", "--fix-dry-run", filepath.Join(dir, "fixable.md")); r.code == ExitError {
		t.Fatalf("--fix-dry-run: %s", r.stderr)
	}
	if entries, _ := os.ReadDir(off); len(entries) != 0 {
		t.Errorf("--no-cache, --cache=false or --fix-dry-run wrote %v", entries)
	}
	// No HOME and no override: no cache, and no complaint.
	if r := check(nil); r.stderr != "" {
		t.Errorf("stderr without a cache directory: %q", r.stderr)
	}
}

func TestCacheUnusableDirectoryIsNotFatal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cacheArticles(t, dir)
	file := filepath.Join(dir, "not-a-dir")
	writeFile(t, dir, "not-a-dir", "x")
	want := medlint(t, dir, "", "check", "--now", "2026-11-25", "dup.md")
	r := medlintEnv(t, dir, nil, "check", "--now", "2026-11-25", "--cache-dir", filepath.Join(file, "cache"), filepath.Join(dir, "dup.md"))
	if r.code != want.code || r.stdout != want.stdout || !strings.Contains(r.stderr, "result cache disabled") {
		t.Fatalf("exit %d, stderr %q; want exit %d and a warning", r.code, r.stderr, want.code)
	}
	// The default directory is used quietly when it cannot be.
	r = medlintEnv(t, dir, map[string]string{"HOME": file}, "check", "--now", "2026-11-25", filepath.Join(dir, "dup.md"))
	if r.code != want.code || r.stderr != "" {
		t.Fatalf("unusable default directory: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestCacheRuns is not parallel: it replaces cacheVersion.
func TestCacheRuns(t *testing.T) {
	dir := t.TempDir()
	cacheArticles(t, dir)
	writeFile(t, dir, ".medlint.yml", "rules:\n  duplicate-heading: {scope: siblings}\n")
	cacheDir := t.TempDir()
	environ := map[string]string{"MEDLINT_CACHE_DIR": cacheDir}
	check := func(now string, extra ...string) run {
		t.Helper()
		args := append([]string{"check", "--cache-stats", "--now", now, "--format", "json", dir}, extra...)
		return medlintEnv(t, dir, environ, args...)
	}
	fresh := func(now string, extra ...string) run {
		t.Helper()
		args := append([]string{"check", "--now", now, "--format", "json", "--no-cache", dir}, extra...)
		return medlintEnv(t, dir, environ, args...)
	}
	same := func(got, want run) {
		t.Helper()
		if got.code != want.code || got.stdout != want.stdout {
			t.Fatalf("cached run differs from a fresh one: exit %d vs %d\n%s\n---\n%s", got.code, want.code, got.stdout, want.stdout)
		}
	}
	want := fresh("2026-11-25")
	r := check("2026-11-25")
	same(r, want)
	if s := cacheStats(t, r); s != [4]string{"0", "0", "4", "4"} {
		t.Fatalf("first run: %v", s)
	}
	r = check("2026-11-25")
	same(r, want)
	if s := cacheStats(t, r); s != [4]string{"4", "0", "0", "0"} {
		t.Fatalf("second run: %v", s)
	}
	// Another date: the date rule runs again, the others come from the cache.
	later := fresh("2029-01-01")
	if later.stdout == want.stdout {
		t.Fatal("the articles' findings do not depend on --now")
	}
	r = check("2029-01-01")
	same(r, later)
	if s := cacheStats(t, r); s != [4]string{"0", "4", "0", "4"} {
		t.Fatalf("another --now: %v", s)
	}
	// Without the date rules, --now does not matter.
	var dated []string
	for _, rule := range lint.Builtin() {
		if rule.Meta().DependsOnDate {
			dated = append(dated, rule.Meta().ID)
		}
	}
	undated := "--disable=" + strings.Join(dated, ",")
	check("2026-11-25", undated)
	r = check("2030-05-05", undated)
	same(r, fresh("2030-05-05", undated))
	if s := cacheStats(t, r); s != [4]string{"4", "0", "0", "0"} {
		t.Fatalf("another --now without the date rules %v: %v", dated, s)
	}
	// A changed config invalidates everything.
	writeFile(t, dir, ".medlint.yml", "rules:\n  duplicate-heading: {scope: document}\n")
	r = check("2029-01-01")
	same(r, fresh("2029-01-01"))
	if s := cacheStats(t, r); s[0] != "0" || !strings.Contains(r.stderr, "previous cache discarded: the configuration changed") {
		t.Fatalf("after a config change: %v\n%s", s, r.stderr)
	}
	// So does another version.
	old := cacheVersion
	t.Cleanup(func() { cacheVersion = old })
	cacheVersion = func() string { return "9.9.9-test" }
	r = check("2029-01-01")
	same(r, fresh("2029-01-01"))
	if s := cacheStats(t, r); s[0] != "0" || !strings.Contains(r.stderr, "previous cache discarded: written by medlint") {
		t.Fatalf("after a version change: %v\n%s", s, r.stderr)
	}
	// A corrupt cache file is discarded and rebuilt.
	files, _ := filepath.Glob(filepath.Join(cacheDir, "medlint-*.cache"))
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}
	if err := os.WriteFile(files[0], []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = check("2029-01-01")
	same(r, fresh("2029-01-01"))
	if s := cacheStats(t, r); s[0] != "0" || !strings.Contains(r.stderr, "not a medlint cache file") {
		t.Fatalf("after corruption: %v\n%s", s, r.stderr)
	}
	if s := cacheStats(t, check("2029-01-01")); s[0] != "4" {
		t.Fatalf("after the rebuild: %v", s)
	}
}

func TestBuildVersionNamesTheBuild(t *testing.T) {
	t.Parallel()
	v := cache.BuildVersion("1.2.3")
	if !strings.HasPrefix(v, "1.2.3+exe.") || len(v) != len("1.2.3+exe.")+16 {
		t.Fatalf("BuildVersion = %q", v)
	}
}

// TestHelperProcess is medlint in a child process for
// TestConcurrentProcesses; it does nothing in a normal test run.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("MEDLINT_TEST_HELPER") != "1" {
		return
	}
	args := strings.Split(os.Getenv("MEDLINT_TEST_ARGS"), "\n")
	os.Exit(Main(args, strings.NewReader(""), os.Stdout, os.Stderr))
}

// Several medlint processes share one cache directory at once: none sees a
// partial cache file, all report the same, and the file is whole after.
func TestConcurrentProcesses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shardArticles(t, dir, 60)
	cacheDir := t.TempDir()
	args := []string{"check", "--now", "2026-11-25", "--format", "json", "--cache-dir", cacheDir, "--cache-stats", dir}
	want := medlint(t, dir, "", "check", "--now", "2026-11-25", "--format", "json", dir)
	start := func() (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "MEDLINT_TEST_HELPER=1", "MEDLINT_TEST_ARGS="+strings.Join(args, "\n"))
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out, &errOut
	}
	for round := range 3 {
		type proc struct {
			cmd         *exec.Cmd
			out, errOut *bytes.Buffer
		}
		var procs []proc
		for range 4 {
			cmd, out, errOut := start()
			procs = append(procs, proc{cmd, out, errOut})
		}
		for i, p := range procs {
			err := p.cmd.Wait()
			code := 0
			if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != want.code {
				t.Fatalf("round %d, process %d: %v, want exit %d\n%s", round, i, err, want.code, p.errOut)
			}
			if p.out.String() != want.stdout {
				t.Fatalf("round %d, process %d: the report differs from an uncached run's", round, i)
			}
			if strings.Contains(p.errOut.String(), "discarded") {
				t.Fatalf("round %d, process %d saw a damaged cache: %s", round, i, p.errOut)
			}
		}
	}
	r := medlintEnv(t, dir, nil, args...)
	if s := cacheStats(t, r); s != [4]string{"60", "0", "0", "0"} || r.stdout != want.stdout {
		t.Fatalf("after concurrent processes: %v\n%s", s, r.stderr)
	}
}
