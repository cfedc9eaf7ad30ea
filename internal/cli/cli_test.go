package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/lint"
)

const dupArticle = "# Eczema\n\n## Causes\n\nText.\n\n### Detail\n\nMore.\n\n## causes\n\nEnd.\n"

type run struct {
	code           int
	stdout, stderr string
}

// medlint runs the CLI in dir with args, as a user would from that
// directory (without changing the process's working directory).
func medlint(t *testing.T, dir, stdin string, args ...string) run {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		getenv: func(string) string { return "" }, workDir: dir,
		isTerminal: func(io.Writer) bool { return false },
	}
	// Paths are resolved against the process directory: make them absolute.
	for i, a := range args {
		if !strings.HasPrefix(a, "-") && (strings.HasSuffix(a, ".md") || a == ".") {
			args[i] = filepath.Join(dir, a)
		}
	}
	code := e.run(args)
	return run{code, out.String(), errOut.String()}
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckAcceptance(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n") // the repository root stops config lookup
	writeFile(t, dir, "dup.md", dupArticle)
	writeFile(t, dir, "clean.md", "# Clean\n\n## One\n\n## Two\n")
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string
		stderr   []string
		noStdout []string
	}{
		{name: "duplicate heading reported at 11:1", args: []string{"check", "--only", "duplicate-heading", "dup.md"}, code: 0,
			stdout: []string{"dup.md:11:1: warning duplicate-heading", "line 3", "1 finding"}},
		{name: "fail-on warning exits 1", args: []string{"check", "--only", "duplicate-heading", "--fail-on", "warning", "dup.md"}, code: 1},
		{name: "fail-on none", args: []string{"check", "--fail-on", "none", "--only", "duplicate-heading", "dup.md"}, code: 0},
		{name: "clean article", args: []string{"check", "--only", "duplicate-heading", "--fail-on", "info", "clean.md"}, code: 0,
			stdout: []string{"0 findings in 1 file"}},
		{name: "missing path", args: []string{"check", "missing.md"}, code: 2, stderr: []string{"missing.md", "no such file"}},
		{name: "missing path does not stop others", args: []string{"check", "--only", "duplicate-heading", "missing.md", "dup.md"}, code: 2,
			stdout: []string{"dup.md:11:1"}},
		{name: "unknown rule in --only", args: []string{"check", "--only", "no-such-rule", "dup.md"}, code: 2, stderr: []string{`unknown rule "no-such-rule"`}},
		{name: "unknown rule in --enable", args: []string{"check", "--enable", "duplicate-headings", "dup.md"}, code: 2, stderr: []string{`did you mean "duplicate-heading"`}},
		{name: "unknown rule in --disable", args: []string{"check", "--disable", "nope", "dup.md"}, code: 2},
		{name: "disable switches off", args: []string{"check", "--disable", "duplicate-heading", "--fail-on", "none", "dup.md"}, code: 0, noStdout: []string{"duplicate-heading"}},
		{name: "bad --now", args: []string{"check", "--now", "25/11/2026", "dup.md"}, code: 2, stderr: []string{"YYYY-MM-DD"}},
		{name: "bad --fail-on", args: []string{"check", "--fail-on", "loud", "dup.md"}, code: 2},
		{name: "bad --format", args: []string{"check", "--format", "xml", "dup.md"}, code: 2, stderr: []string{"unknown format"}},
		{name: "unknown flag", args: []string{"check", "--frobnicate"}, code: 2, stderr: []string{"unknown flag"}},
		{name: "quiet", args: []string{"check", "-q", "--only", "duplicate-heading", "clean.md"}, code: 0, noStdout: []string{"findings"}},
		{name: "rules lists every rule", args: []string{"rules"}, code: 0, stdout: ruleIDs()},
		{name: "explain", args: []string{"explain", "duplicate-heading"}, code: 0, stdout: []string{"# duplicate-heading", "scope", "siblings", "## Why"}},
		{name: "explain unknown", args: []string{"explain", "nope"}, code: 2},
		{name: "version", args: []string{"version"}, code: 0, stdout: []string{"medlint 0.1.0"}},
		{name: "version flag", args: []string{"-v"}, code: 0, stdout: []string{"medlint 0.1.0"}},
		{name: "long version flag", args: []string{"--version"}, code: 0, stdout: []string{"medlint 0.1.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := medlint(t, dir, "", tt.args...)
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
			for _, s := range tt.noStdout {
				if strings.Contains(r.stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, r.stdout)
				}
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stdout, "\x1b[") {
				t.Errorf("stack trace or colour in output:\n%s%s", r.stdout, r.stderr)
			}
		})
	}
}

func ruleIDs() []string {
	var ids []string
	for _, r := range lint.Builtin() {
		ids = append(ids, r.Meta().ID)
	}
	return ids
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, config string
		want         string
	}{
		{"bad severity", "rules:\n  duplicate-heading:\n    severity: loud\n", ".medlint.yml:3: rules.duplicate-heading.severity: unknown severity \"loud\""},
		{"unknown rule", "rules:\n  duplicate-headings: warning\n", ".medlint.yml:2: unknown rule \"duplicate-headings\" (did you mean \"duplicate-heading\"?)"},
		{"unknown key", "rulez: {}\n", ".medlint.yml:1: unknown key \"rulez\""},
		{"unknown option", "rules:\n  duplicate-heading:\n    scop: document\n", ".medlint.yml:3: rules.duplicate-heading.scop: unknown option"},
		{"bad enum", "rules:\n  duplicate-heading:\n    scope: page\n", ".medlint.yml:3: rules.duplicate-heading.scope: want one of siblings, document, got \"page\""},
		{"wrong type", "rules:\n  duplicate-heading:\n    scope: [a]\n", ".medlint.yml:3: rules.duplicate-heading.scope: want string"},
		{"bad yaml", "rules:\n  - [\n", ".medlint.yml:2: invalid YAML"},
		{"bad glob", "ignore:\n  - \"[\"\n", ".medlint.yml:2: ignore: invalid glob"},
		{"override without files", "overrides:\n  - rules: {}\n", ".medlint.yml:2: override has no files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFile(t, dir, ".git/HEAD", "")
			writeFile(t, dir, ".medlint.yml", tt.config)
			writeFile(t, dir, "a.md", "# A\n")
			r := medlint(t, dir, "", "check", "a.md")
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, tt.want)
			}
			if r := medlint(t, dir, "", "check", "--no-config", "--only", "duplicate-heading", "a.md"); r.code != 0 {
				t.Errorf("--no-config: exit %d (%s)", r.code, r.stderr)
			}
		})
	}
}

func TestConfigFoundInParentAndOverrides(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "")
	writeFile(t, dir, ".medlint.yml", "rules:\n  duplicate-heading: error\nignore: [\"drafts/**\"]\noverrides:\n  - files: [\"news/**\"]\n    rules:\n      duplicate-heading: {severity: off}\n")
	writeFile(t, dir, "articles/a.md", dupArticle)
	writeFile(t, dir, "drafts/b.md", dupArticle)
	writeFile(t, dir, "news/c.md", dupArticle)
	writeFile(t, dir, "node_modules/d.md", dupArticle)
	writeFile(t, dir, ".hidden/e.md", dupArticle)
	// No --only here: --only and --enable win over the config, overrides
	// included.
	r := medlint(t, filepath.Join(dir, "articles"), "", "check", "--format", "json", dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (an error-level finding); stderr %s", r.code, r.stderr)
	}
	var rep struct {
		Summary  map[string]int `json:"summary"`
		Findings []struct {
			Path     string `json:"path"`
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r.stdout)
	}
	var dups []string
	for _, f := range rep.Findings {
		if f.Rule == "duplicate-heading" {
			dups = append(dups, f.Path+" "+f.Severity)
		}
	}
	if rep.Summary["files"] != 2 || len(dups) != 1 || dups[0] != "a.md error" {
		t.Errorf("files %d, duplicate-heading findings %v; want 2 files (a, c) and one error in a.md", rep.Summary["files"], dups)
	}
}

func TestJSONReportShape(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "dup.md", dupArticle)
	r := medlint(t, dir, "", "check", "--format", "json", "--now", "2026-11-25", "--only", "duplicate-heading", "dup.md", "missing.md")
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r.stdout)
	}
	for _, k := range []string{"schemaVersion", "tool", "now", "summary", "findings", "errors"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if rep["now"] != "2026-11-25" {
		t.Errorf("now = %v", rep["now"])
	}
	f := rep["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"path", "line", "column", "endLine", "endColumn", "rule", "severity", "message", "fixable"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q", k)
		}
	}
	if f["path"] != "dup.md" || f["line"] != 11.0 || f["column"] != 1.0 {
		t.Errorf("finding = %v", f)
	}
	errs := rep["errors"].([]any)
	if len(errs) != 1 || errs[0].(map[string]any)["path"] != "missing.md" {
		t.Errorf("errors = %v", errs)
	}
}

func TestStdin(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := medlint(t, dir, dupArticle, "check", "--only", "duplicate-heading", "--stdin-filename", "articles/x.md", "-")
	if !strings.Contains(r.stdout, "articles/x.md:11:1:") {
		t.Errorf("stdout = %q", r.stdout)
	}
}

func TestOutputFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "dup.md", dupArticle)
	out := filepath.Join(dir, "report.json")
	r := medlint(t, dir, "", "check", "--only", "duplicate-heading", "--format", "json", "-o", out, "dup.md")
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d stdout %q", r.code, r.stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil || !json.Valid(data) {
		t.Fatalf("report file: %v %q", err, data)
	}
}

// TestInitWritesAValidConfig checks that the file medlint init writes
// loads, sets nothing (a page lints as with no file: an ambiguous date is
// still reported, which a written-out date-order would switch off), and
// that its settings, uncommented, load and list every rule.
func TestInitWritesAValidConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := medlint(t, dir, "", "init"); r.code != 0 {
		t.Fatalf("init: exit %d %s", r.code, r.stderr)
	}
	path := filepath.Join(dir, ".medlint.yml")
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("the config init writes does not load: %v", err)
	}
	if len(cfg.Rules) != 0 {
		t.Errorf("the config init writes sets %d rules, want none (all commented out)", len(cfg.Rules))
	}
	writeFile(t, dir, "page.md", "---\nreviewed_by: Dr A. Smith, MD\nlast_reviewed: 03/04/2026\n---\n\n# Eczema\n\nEczema makes skin dry.\n")
	with := medlint(t, dir, "", "check", "--now", "2026-11-25", "--fail-on", "none", "page.md")
	without := medlint(t, dir, "", "check", "--now", "2026-11-25", "--fail-on", "none", "--no-config", "page.md")
	if with.stdout != without.stdout || !strings.Contains(with.stdout, "ambiguous") {
		t.Errorf("with init's config:\n%s\nwithout a config:\n%s\nwant the same findings, an ambiguous date among them", with.stdout, without.stdout)
	}
	plain, err := config.Parse(".medlint.yml", dir, []byte(initSettings()))
	if err != nil {
		t.Fatalf("init's settings, uncommented, do not load: %v", err)
	}
	for _, id := range ruleIDs() {
		if _, ok := plain.Rules[id]; !ok {
			t.Errorf("init's settings lack rule %s", id)
		}
	}
	if r := medlint(t, dir, "", "init"); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("second init: exit %d %q, want 2 and 'already exists'", r.code, r.stderr)
	}
}

func TestColour(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "dup.md", dupArticle)
	run := func(noColorEnv string, args ...string) string {
		var out bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard, workDir: dir,
			getenv:     func(k string) string { return map[string]string{"NO_COLOR": noColorEnv}[k] },
			isTerminal: func(io.Writer) bool { return true }}
		e.run(append([]string{"check", "--only", "duplicate-heading", filepath.Join(dir, "dup.md")}, args...))
		return out.String()
	}
	if !strings.Contains(run(""), "\x1b[") {
		t.Error("no colour on a terminal")
	}
	if strings.Contains(run("1"), "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
	if strings.Contains(run("", "--no-color"), "\x1b[") {
		t.Error("colour despite --no-color")
	}
}

// TestOutputToDevice checks that -o onto a device writes to it instead of
// renaming a temporary file over it (which, as root, would replace
// /dev/null with a regular file).
func TestOutputToDevice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "dup.md", dupArticle)
	if r := medlint(t, dir, "", "check", "--only", "duplicate-heading", "--format", "json", "-o", os.DevNull, "dup.md"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	st, err := os.Stat(os.DevNull)
	if err != nil || st.Mode().IsRegular() {
		t.Fatalf("%s is now a regular file (mode %v): the report replaced the device", os.DevNull, st.Mode())
	}
}
