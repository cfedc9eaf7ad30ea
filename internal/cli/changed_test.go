package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/gitchanges/gittest"
)

// runIn runs medlint with args in dir and returns the exit code, stdout and
// stderr. Standard error is never a terminal here.
func runIn(t *testing.T, dir string, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(k string) string { return vars[k] }, workDir: dir,
		isTerminal: func(io.Writer) bool { return false },
	}
	code := e.run(args)
	return code, stdout.String(), stderr.String()
}

type jsonFinding struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Rule string `json:"rule"`
}

type jsonReport struct {
	Summary struct {
		Files    int `json:"files"`
		Findings int `json:"findings"`
	} `json:"summary"`
	Findings []jsonFinding `json:"findings"`
}

func decodeJSON(t *testing.T, out string) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return rep
}

const article = `# Flu

## Causes

Viruses.

## Causes

A merge left this duplicate here long ago.
`

// TestChangedAndNewOnly is the acceptance test of --changed and --new-only
// in a temporary git repository: two articles with an old finding each are
// committed on main; on a branch one article gets a new duplicate heading.
// --changed lints only the edited article; --new-only keeps only the
// finding on the added line.
func TestChangedAndNewOnly(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Write("articles/flu.md", article)
	r.Write("articles/cold.md", strings.ReplaceAll(article, "Flu", "Cold"))
	r.Write("README.txt", "not Markdown\n")
	r.Commit("articles")
	r.Git("checkout", "--quiet", "-b", "edit-flu")
	r.Write("articles/flu.md", article+"\n## Causes\n\nAdded on the branch.\n")
	r.Write("README.txt", "changed, but not Markdown\n")

	// The baseline: both articles have their old finding, flu.md its new one.
	code, out, _ := runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--now", "2026-11-25", "--format", "json", r.Dir)
	all := decodeJSON(t, out)
	if code != ExitClean || all.Summary.Files != 2 || all.Summary.Findings != 3 {
		t.Fatalf("plain check: exit %d, %d files, %d findings; want 0, 2, 3\n%s", code, all.Summary.Files, all.Summary.Findings, out)
	}

	// --changed: only the edited article, with all of its findings.
	code, out, errOut := runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--now", "2026-11-25", "--format", "json", "--changed")
	changed := decodeJSON(t, out)
	if code != ExitClean || changed.Summary.Files != 1 {
		t.Fatalf("--changed: exit %d, %d files; want 0, 1 (stderr %s)", code, changed.Summary.Files, errOut)
	}
	var lines []int
	for _, f := range changed.Findings {
		if f.Path != "articles/flu.md" {
			t.Errorf("--changed reported the untouched %s", f.Path)
		}
		lines = append(lines, f.Line)
	}
	if len(lines) != 2 || lines[0] != 7 || lines[1] != 11 {
		t.Errorf("--changed findings on lines %v, want [7 11]", lines)
	}

	// --new-only: only the finding on the added line survives.
	_, out, _ = runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--now", "2026-11-25", "--format", "json", "--changed", "--new-only")
	fresh := decodeJSON(t, out)
	if len(fresh.Findings) != 1 || fresh.Findings[0].Path != "articles/flu.md" || fresh.Findings[0].Line != 11 {
		t.Errorf("--new-only findings = %+v, want only articles/flu.md:11", fresh.Findings)
	}

	// An explicit revision, and a path that excludes the edited article.
	_, out, _ = runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--format", "json", "--changed=main", "articles/flu.md")
	if got := decodeJSON(t, out); got.Summary.Files != 1 {
		t.Errorf("--changed=main articles/flu.md: %d files, want 1", got.Summary.Files)
	}
	_, out, _ = runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--format", "json", "--changed=main", "articles/cold.md")
	if got := decodeJSON(t, out); got.Summary.Files != 0 {
		t.Errorf("--changed=main articles/cold.md: %d files, want 0 (cold.md did not change)", got.Summary.Files)
	}

	// An untracked article counts as new throughout.
	r.Write("articles/new.md", article)
	_, out, _ = runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--format", "json", "--new-only")
	if got := decodeJSON(t, out); got.Summary.Files != 2 || len(got.Findings) != 2 {
		t.Errorf("--new-only with an untracked article: %d files, %d findings; want 2, 2 (%+v)", got.Summary.Files, len(got.Findings), got.Findings)
	}

	// Only what a plain check would reach: not hidden directories, not
	// files outside the working directory.
	r.Write(".github/template.md", article)
	r.Write("node_modules/pkg/readme.md", article)
	_, out, _ = runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--format", "json", "--changed")
	if got := decodeJSON(t, out); got.Summary.Files != 2 {
		t.Errorf("--changed with changes in hidden and vendored directories: %d files, want 2 (%+v)", got.Summary.Files, got.Findings)
	}
	_, out, _ = runIn(t, r.Path("articles"), nil, "check", "--no-config", "--only", "duplicate-heading", "--format", "json", "--changed")
	if got := decodeJSON(t, out); got.Summary.Files != 2 {
		t.Errorf("--changed in articles/: %d files, want 2", got.Summary.Files)
	}
	r.Write("other/x.md", article)
	_, out, _ = runIn(t, r.Path("articles"), nil, "check", "--no-config", "--only", "duplicate-heading", "--format", "json", "--changed")
	if got := decodeJSON(t, out); got.Summary.Files != 2 {
		t.Errorf("--changed in articles/ with a change in other/: %d files, want 2", got.Summary.Files)
	}

	// An unknown revision is a usage error.
	code, _, errOut = runIn(t, r.Dir, nil, "check", "--changed=no-such-rev")
	if code != ExitError || !strings.Contains(errOut, "unknown revision") {
		t.Errorf("--changed=no-such-rev: exit %d, stderr %q; want 2 and a clear message", code, errOut)
	}
}

func TestChangedOutsideGit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, flag := range []string{"--changed", "--new-only"} {
		code, out, errOut := runIn(t, dir, nil, "check", flag)
		if code != ExitError || !strings.Contains(errOut, "not inside a git repository") || out != "" {
			t.Errorf("%s outside git: exit %d, stdout %q, stderr %q; want exit 2 and a clear error", flag, code, out, errOut)
		}
	}
	code, _, errOut := runIn(t, dir, nil, "check", "--changed", "-")
	if code != ExitError || !strings.Contains(errOut, "standard input") {
		t.Errorf("--changed with stdin: exit %d, %q", code, errOut)
	}
}

func TestChangedWithFix(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Write("a.md", article)
	r.Commit("a")
	code, out, errOut := runIn(t, r.Dir, nil, "check", "--no-config", "--fix-dry-run", "--changed")
	if code != ExitClean || out != "" {
		t.Errorf("--fix-dry-run --changed with nothing changed: exit %d, stdout %q, stderr %q; want 0 and nothing", code, out, errOut)
	}
	code, _, errOut = runIn(t, r.Dir, nil, "check", "--no-config", "--fix", "--new-only")
	if code != ExitError || !strings.Contains(errOut, "--new-only cannot be combined with --fix") {
		t.Errorf("--fix --new-only: exit %d, stderr %q; want a usage error", code, errOut)
	}
	r.Write("b.md", "# B\n\n• one\n• two\n")
	code, out, _ = runIn(t, r.Dir, nil, "check", "--no-config", "--only", "list-format", "--fix-dry-run", "--changed")
	if code == ExitError || !strings.Contains(out, "b/b.md") || strings.Contains(out, "a.md") {
		t.Errorf("--fix-dry-run --changed: exit %d, diff %q; want a diff of b.md only", code, out)
	}
}
