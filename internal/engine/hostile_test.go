package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
)

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func lintDir(t *testing.T, dir string, cfg *config.Config) *result.Report {
	t.Helper()
	if cfg == nil {
		cfg = config.Default(dir)
	}
	return engine.Run(engine.Options{Paths: []string{dir}, Config: cfg, Now: ruletest.Now, WorkDir: dir})
}

func errorFor(rep *result.Report, path string) string {
	for _, e := range rep.Errors {
		if e.Path == path {
			return e.Message
		}
	}
	return ""
}

func hasFinding(rep *result.Report, path, rule string) bool {
	for _, f := range rep.Findings {
		if f.Path == path && f.Rule == rule {
			return true
		}
	}
	return false
}

// TestHostileInput feeds the engine what lands in real content
// repositories: every bad file is reported by name, none crashes the run,
// and the good files are still linted.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := []byte("# Good\n\n## A\n\n## A\n")
	write(t, filepath.Join(dir, "good.md"), good)
	write(t, filepath.Join(dir, "binary.md"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	write(t, filepath.Join(dir, "latin1.md"), []byte("# Caf\xe9\n\nCr\xe8me.\n"))
	write(t, filepath.Join(dir, "utf16.md"), []byte{0xFF, 0xFE, '#', 0, ' ', 0, 'A', 0, '\n', 0})
	write(t, filepath.Join(dir, "empty.md"), nil)
	write(t, filepath.Join(dir, "cr-only.md"), []byte("# T\r\r## A\r\r## A\r"))
	write(t, filepath.Join(dir, "unclosed.md"), []byte("---\ntitle: x\n\n# Body\n"))
	write(t, filepath.Join(dir, "bomb.md"), []byte("---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n# Bomb\n"))
	write(t, filepath.Join(dir, "bad-yaml.md"), []byte("---\ntitle: [oops\n---\n# T\n"))
	write(t, filepath.Join(dir, "deep-list.md"), []byte(strings.Repeat("- ", 10000)+"item\n"))
	write(t, filepath.Join(dir, "deep-quote.md"), []byte(strings.Repeat(">", 10000)+" quote\n"))
	write(t, filepath.Join(dir, "long-line.md"), []byte(strings.Repeat("word ", 200000)+"\n"))
	write(t, filepath.Join(dir, "dir.md", "inner.md"), good)
	write(t, filepath.Join(dir, "spaced dir", "ünïcødé name.md"), good)
	if err := os.Symlink("missing-target.md", filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("good.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.md")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // 50 MB, sparse: costs nothing to make
		t.Fatal(err)
	}
	f.Close()

	rep := lintDir(t, dir, nil)

	wantErrors := map[string]string{
		"binary.md":     "not a text file",
		"dangling.md":   "no such file",
		"huge.md":       "larger than max-file-size (32 MB)",
		"deep-list.md":  "nested deeper than 100 levels: not linted; raise max-nesting",
		"deep-quote.md": "nested deeper than 100 levels: not linted; raise max-nesting",
	}
	for path, want := range wantErrors {
		if got := errorFor(rep, path); !strings.Contains(got, want) {
			t.Errorf("%s: error %q, want it to contain %q", path, got, want)
		}
	}
	if len(rep.Errors) != len(wantErrors) {
		t.Errorf("errors %+v, want only %v", rep.Errors, wantErrors)
	}
	wantFindings := map[string]string{
		"good.md":                    "duplicate-heading",
		"link.md":                    "duplicate-heading",
		"dir.md/inner.md":            "duplicate-heading",
		"spaced dir/ünïcødé name.md": "duplicate-heading",
		"cr-only.md":                 "duplicate-heading",
		"latin1.md":                  "encoding",
		"utf16.md":                   "encoding",
		"unclosed.md":                "front-matter",
		"bad-yaml.md":                "front-matter",
	}
	for path, rule := range wantFindings {
		if !hasFinding(rep, path, rule) {
			t.Errorf("%s: no %s finding", path, rule)
		}
	}
	// The alias bomb is harmless: front matter is read as a node tree and
	// aliases are never expanded.
	if !slices.Contains(rep.Paths, "bomb.md") || errorFor(rep, "bomb.md") != "" {
		t.Errorf("bomb.md not linted cleanly")
	}
	for _, f := range rep.Findings {
		if f.Path == "cr-only.md" && f.Rule == "duplicate-heading" && f.Line != 5 {
			t.Errorf("CR-only file: duplicate heading on line %d, want 5", f.Line)
		}
	}
	for _, p := range rep.Paths {
		if strings.HasPrefix(p, "loop/") {
			t.Errorf("followed a directory symlink: %s", p)
		}
	}
}

// TestParseLimits checks that a file over a parse limit gets its error,
// naming the line and the limit, from whichever path lints it (plain, with
// the cache, and a Plan carried out by its caller, as check --fix does,
// which is handed the limits),
// while the file beside it is linted; and that raising the limit in the
// config lints it.
func TestParseLimits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "good.md"), []byte("# Good\n\n## A\n\n## A\n"))
	deep := "# Deep\n\n" + strings.Repeat("> ", 150) + "quote\n"
	write(t, filepath.Join(dir, "deep.md"), []byte(deep))
	check := func(t *testing.T, rep *result.Report, want string) {
		t.Helper()
		if !hasFinding(rep, "good.md", "duplicate-heading") {
			t.Errorf("good.md was not linted: %+v", rep.Findings)
		}
		var got *result.FileError
		for i := range rep.Errors {
			if rep.Errors[i].Path == "deep.md" {
				got = &rep.Errors[i]
			}
		}
		switch {
		case want == "" && got != nil:
			t.Errorf("deep.md: unexpected error %+v", got)
		case want != "" && got == nil:
			t.Errorf("deep.md: no error, want max-nesting's")
		case want != "" && (got.Line != 3 || !strings.Contains(got.Message, want)):
			t.Errorf("deep.md: error %+v, want line 3 and %q", got, want)
		}
	}
	cfg, err := config.Parse(".medlint.yml", dir, []byte("max-nesting: 120\n"))
	if err != nil {
		t.Fatal(err)
	}
	const want = "nested deeper than 120 levels: not linted; raise max-nesting (now 120) in .medlint.yml"
	t.Run("default", func(t *testing.T) {
		check(t, lintDir(t, dir, nil), "nested deeper than 100 levels: not linted; raise max-nesting (now 100)")
	})
	t.Run("plain", func(t *testing.T) { check(t, lintDir(t, dir, cfg), want) })
	t.Run("cache", func(t *testing.T) {
		rep := engine.Run(engine.Options{Paths: []string{dir}, Config: cfg, Now: ruletest.Now, WorkDir: dir, Cache: noCache{}})
		check(t, rep, want)
	})
	t.Run("plan", func(t *testing.T) {
		// A caller carrying out a Plan (check --fix) is handed the limits
		// with each file and parses it with them.
		p := engine.NewPlan(engine.Options{Paths: []string{dir}, Config: cfg, Now: ruletest.Now, WorkDir: dir})
		for i := range p.Len() {
			f, err := p.Read(i)
			if err != nil {
				p.Done(i, f, engine.Failed(f, err))
				continue
			}
			if f.Limits != cfg.Limits {
				t.Errorf("%s: Read gave limits %+v, want the config's %+v", f.Display, f.Limits, cfg.Limits)
			}
			doc, err := document.ParseLimited(f.Display, f.Source, f.Limits)
			if err != nil {
				p.Done(i, f, engine.FileResult{Errors: []result.FileError{engine.ParseError(f.Display, err)}})
				continue
			}
			p.Done(i, f, engine.LintDocument(doc, f.Active, f.Now))
		}
		check(t, p.Report(), want)
	})
	t.Run("raised", func(t *testing.T) {
		raised, err := config.Parse(".medlint.yml", dir, []byte("max-nesting: 200\n"))
		if err != nil {
			t.Fatal(err)
		}
		check(t, lintDir(t, dir, raised), "")
	})
}

// noCache is a Cache that remembers nothing: every file is a miss.
type noCache struct{}

func (noCache) Lookup(engine.File) engine.CacheLookup { return engine.CacheLookup{} }

func TestMaxFileSizeConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), bytes.Repeat([]byte("text "), 400))
	cfg, err := config.Parse(".medlint.yml", dir, []byte("max-file-size: 1KB\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep := lintDir(t, dir, cfg)
	if got := errorFor(rep, "a.md"); !strings.Contains(got, "max-file-size (1 KB)") {
		t.Errorf("error %q", got)
	}
	if _, err := config.Parse(".medlint.yml", dir, []byte("max-file-size: lots\n")); err == nil || !strings.Contains(err.Error(), ".medlint.yml:1:") {
		t.Errorf("bad size: %v", err)
	}
}

func TestUnreadableFile(t *testing.T) {
	t.Parallel()
	if testsupport.RerunUnprivileged(t) {
		return // root ignores permissions: it ran as nobody
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "secret.md")
	write(t, p, []byte("# x\n"))
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	if got := errorFor(lintDir(t, dir, nil), "secret.md"); !strings.Contains(got, "permission denied") {
		t.Errorf("error %q", got)
	}
}

// panicRule always panics: the engine must contain it.
type panicRule struct{}

func (panicRule) Meta() lint.Meta                             { return lint.Meta{ID: "boom", Severity: lint.SeverityError} }
func (panicRule) NewOptions() any                             { return nil }
func (r panicRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (panicRule) Run(p *lint.Pass) error                      { panic("boom at " + p.Doc.Path) }

func TestPanickingRuleIsContained(t *testing.T) {
	t.Parallel()
	dup, _ := lint.Lookup("duplicate-heading")
	active := []config.Active{{Rule: panicRule{}}, {Rule: dup, Options: dup.NewOptions()}}
	fr := engine.Lint("a.md", []byte("# A\n\n## B\n\n## B\n"), active, ruletest.Now)
	if len(fr.Errors) != 1 || fr.Errors[0].Rule != "boom" || !strings.Contains(fr.Errors[0].Message, "internal error in rule boom") {
		t.Fatalf("errors = %+v", fr.Errors)
	}
	if strings.Contains(fr.Errors[0].Message, "\n") {
		t.Errorf("the error message spans lines: %q", fr.Errors[0].Message)
	}
	if len(fr.Findings) != 1 {
		t.Errorf("the other rule's findings were lost: %+v", fr.Findings)
	}
}

// failingRule returns an error, as a rule does with options it cannot use.
type failingRule struct{}

func (failingRule) Meta() lint.Meta                             { return lint.Meta{ID: "fails", Severity: lint.SeverityError} }
func (failingRule) NewOptions() any                             { return nil }
func (r failingRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (failingRule) Run(*lint.Pass) error                        { return errors.New("its options do not compile") }

// TestFailingRuleIsAFileError checks that a rule's error is reported as an
// internal error of that file and rule, and the other rules still run.
func TestFailingRuleIsAFileError(t *testing.T) {
	t.Parallel()
	dup, _ := lint.Lookup("duplicate-heading")
	active := []config.Active{{Rule: failingRule{}}, {Rule: dup, Options: dup.NewOptions()}}
	fr := engine.Lint("a.md", []byte("# A\n\n## B\n\n## B\n"), active, ruletest.Now)
	if len(fr.Errors) != 1 || fr.Errors[0].Rule != "fails" || fr.Errors[0].Message != "internal error in rule fails: its options do not compile" {
		t.Fatalf("errors = %+v", fr.Errors)
	}
	if len(fr.Findings) != 1 {
		t.Errorf("the other rule's findings were lost: %+v", fr.Findings)
	}
}

// TestJobsDeterministic checks that output is byte-identical whatever the
// number of workers.
func TestJobsDeterministic(t *testing.T) {
	t.Parallel()
	render := func(jobs int) []byte {
		rep := engine.Run(engine.Options{Paths: []string{"../../testdata"}, Config: config.Default("../.."), Now: ruletest.Now, Jobs: jobs, WorkDir: "/"})
		var buf bytes.Buffer
		if err := (report.JSON{}).Format(&buf, rep); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	one := render(1)
	if !json.Valid(one) || !bytes.Contains(one, []byte(`"rule"`)) {
		t.Fatalf("no findings to compare: %s", one)
	}
	for range 3 {
		if eight := render(8); !bytes.Equal(one, eight) {
			t.Fatalf("--jobs 1 and --jobs 8 differ")
		}
	}
}
