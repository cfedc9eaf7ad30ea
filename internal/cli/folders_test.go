package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNestedConfigGolden runs check over testdata/folders, whose folders
// configure duplicate-heading (severity, scope) and a custom rule
// differently, through a parent's settings, extends and root: true, and
// compares the findings of those rules with folders.golden: each file
// gets its nearest configuration merged over its parents'. The same
// article in every folder makes the differences the configurations'.
func TestNestedConfigGolden(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "folders"))
	if err != nil {
		t.Fatal(err)
	}
	r := medlint(t, dir, "", "check", "--no-cache", "--format", "json", "--now", "2026-11-25", ".")
	var rep struct {
		Findings []struct {
			Path     string `json:"path"`
			Line     int    `json:"line"`
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
		} `json:"findings"`
		Errors []any `json:"errors"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("bad JSON (exit %d, %s): %v", r.code, r.stderr, err)
	}
	if len(rep.Errors) > 0 {
		t.Fatalf("errors: %v", rep.Errors)
	}
	var b strings.Builder
	for _, f := range rep.Findings {
		if f.Rule == "duplicate-heading" || f.Rule == "house-words" {
			fmt.Fprintf(&b, "%s:%d %s %s\n", f.Path, f.Line, f.Rule, f.Severity)
		}
	}
	want, err := os.ReadFile(filepath.Join(dir, "folders.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("findings:\n%s\nwant (folders.golden):\n%s", b.String(), want)
	}
}

func TestNestedConfigFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, ".medlint.yml", "rules:\n  duplicate-heading: error\n")
	writeFile(t, dir, "sub/.medlint.yml", "rules:\n  duplicate-heading: off\n")
	writeFile(t, dir, "sub/dup.md", dupArticle)
	writeFile(t, dir, "gen/dup.md", dupArticle)
	writeFile(t, dir, ".gitignore", "gen/\n")
	check := func(args ...string) run {
		return medlint(t, dir, "", append([]string{"check", "--no-cache", "--disable", "medical-disclaimer,review-date"}, args...)...)
	}
	// The nested file switches the rule off; gen/ is ignored.
	if r := check("."); r.code != 0 {
		t.Errorf("nested off: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// --no-ignore walks gen/, which the root's configuration covers.
	if r := check("--no-ignore", "."); r.code != 1 || !strings.Contains(r.stdout, "gen/dup.md") || strings.Contains(r.stdout, "sub/dup.md") {
		t.Errorf("--no-ignore: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A file named is linted, ignored or not.
	if r := check("gen/dup.md"); r.code != 1 || !strings.Contains(r.stdout, "gen/dup.md") {
		t.Errorf("named ignored file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// --config: one configuration for the run, nested files unread.
	if r := check("--config", filepath.Join(dir, ".medlint.yml"), "."); r.code != 1 || !strings.Contains(r.stdout, "sub/dup.md") {
		t.Errorf("--config: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A broken nested file is the error of its files only, exit 2.
	writeFile(t, dir, "bad/.medlint.yml", "rules:\n  duplicate-headin: error\n")
	writeFile(t, dir, "bad/x.md", "# X\n")
	r := check(".")
	if r.code != 2 || !strings.Contains(r.stderr, filepath.Join("bad", ".medlint.yml")+":2:") {
		t.Errorf("broken nested config: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestNestedConfigCache: a change of a nested configuration file, or of a
// file it extends, is never answered from results cached under the old
// one.
func TestNestedConfigCache(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cacheDir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, ".medlint.yml", "rules:\n  duplicate-heading: error\n")
	writeFile(t, dir, "sub/.medlint.yml", "extends: ../base.yml\n")
	writeFile(t, dir, "base.yml", "rules:\n  duplicate-heading: warning\n")
	writeFile(t, dir, "sub/dup.md", dupArticle)
	check := func() string {
		r := medlint(t, dir, "", "check", "--cache-dir", cacheDir, "--only", "duplicate-heading", "--format", "json", ".")
		var rep struct {
			Findings []struct {
				Severity string `json:"severity"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Findings) != 1 {
			t.Fatalf("exit %d, %v: %s%s", r.code, err, r.stdout, r.stderr)
		}
		return rep.Findings[0].Severity
	}
	if got := check(); got != "warning" {
		t.Fatalf("severity %s, want warning (the extended file's)", got)
	}
	if got := check(); got != "warning" {
		t.Fatalf("cached run: severity %s", got)
	}
	writeFile(t, dir, "base.yml", "rules:\n  duplicate-heading: info\n")
	if got := check(); got != "info" {
		t.Errorf("after the extended file changed: severity %s, want info", got)
	}
	writeFile(t, dir, "sub/.medlint.yml", "rules:\n  duplicate-heading: error\n")
	if got := check(); got != "error" {
		t.Errorf("after the nested file changed: severity %s, want error", got)
	}
}

// TestNestedCustomRuleCache: a custom rule redefined in a nested file
// (same id, same settings, other patterns) is not answered from the
// cache: the cache keys on the configuration files, not only the rules'
// settings.
func TestNestedCustomRuleCache(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cacheDir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, ".medlint.yml", "{}\n")
	rule := func(word string) string {
		return "custom-rules:\n  - id: house\n    type: pattern\n    phrases: [" + word + "]\n"
	}
	writeFile(t, dir, "sub/.medlint.yml", rule("alpha"))
	writeFile(t, dir, "sub/a.md", "# A\n\nalpha\n\nbeta\n")
	lines := func() string {
		// From the root, whose configuration (the cache file's) does not
		// change; --only cannot name a rule it does not know.
		r := medlint(t, dir, "", "check", "--cache-dir", cacheDir, "--format", "json", "sub/a.md")
		var rep struct {
			Findings []struct {
				Line int    `json:"line"`
				Rule string `json:"rule"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("exit %d, %v: %s%s", r.code, err, r.stdout, r.stderr)
		}
		var lines []int
		for _, f := range rep.Findings {
			if f.Rule == "house" {
				lines = append(lines, f.Line)
			}
		}
		return fmt.Sprint(lines)
	}
	if got := lines(); got != "[3]" {
		t.Fatalf("findings %s, want line 3", got)
	}
	writeFile(t, dir, "sub/.medlint.yml", rule("beta"))
	if got := lines(); got != "[5]" {
		t.Errorf("after the rule changed: findings %s, want line 5", got)
	}
}

// TestNestedIgnoreNotice: a named file that a nested file's ignore globs
// match is not linted, and the notice names that file.
func TestNestedIgnoreNotice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, ".medlint.yml", "{}\n")
	writeFile(t, dir, "sub/.medlint.yml", "ignore: [\"drafts/**\"]\n")
	writeFile(t, dir, "sub/drafts/a.md", dupArticle)
	r := medlint(t, dir, "", "check", "--no-cache", "sub/drafts/a.md")
	if r.code != 0 || !strings.Contains(r.stderr, "sub/drafts/a.md: not linted: it matches the ignore globs of sub/.medlint.yml") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
