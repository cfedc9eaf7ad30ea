// Package ruletest runs medlint over golden test articles whose expected
// findings are written inside them, in the style of Go's analysistest:
//
//	## causes <!-- want duplicate-heading "same text as the heading on line 3" -->
//
// A want comment sits at the end of the flagged line (a comment on a line
// of its own would change the Markdown structure); in an .mdx golden it
// is written {/* want ... */}. It holds one or more
// `RULE "regexp"` pairs; `RULE/CHECK "regexp"` also matches the finding's
// check. Findings that cannot carry an inline comment (inside code or front
// matter) go in a sibling FILE.golden.json: a list of
// {"line", "column" (optional), "rule", "check" (optional), "message" (a
// regexp)}. Every expectation must match exactly one finding and every
// finding must be expected.
package ruletest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/result"
)

// Now is the date golden tests treat as today.
var Now = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// Expectation is one expected finding.
type Expectation struct {
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Rule    string `json:"rule"`
	Check   string `json:"check,omitempty"`
	Message string `json:"message"`
}

var (
	// wantComment is an HTML comment, or MDX's {/* ... */} (an .mdx
	// golden cannot hold an HTML comment).
	wantComment = regexp.MustCompile(`<!--\s*want\s+(.*?)\s*-->|\{/\*\s*want\s+(.*?)\s*\*/\}`)
	wantPair    = regexp.MustCompile(`^\s*([a-z0-9-]+)(?:/([a-z0-9-]+))?\s+("(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `)`)
)

// ParseWants reads the want comments of src.
func ParseWants(src []byte) ([]Expectation, error) {
	var out []Expectation
	for i, line := range strings.Split(string(src), "\n") {
		for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
			rest := m[1] + m[2]
			for strings.TrimSpace(rest) != "" {
				p := wantPair.FindStringSubmatch(rest)
				if p == nil {
					return nil, fmt.Errorf("line %d: malformed want comment %q (want RULE \"regexp\" ...)", i+1, m[0])
				}
				msg := p[3]
				if msg[0] == '"' {
					var err error
					if msg, err = strconv.Unquote(msg); err != nil {
						return nil, fmt.Errorf("line %d: %w", i+1, err)
					}
				} else {
					msg = msg[1 : len(msg)-1]
				}
				out = append(out, Expectation{Line: i + 1, Rule: p[1], Check: p[2], Message: msg})
				rest = rest[len(p[0]):]
			}
		}
	}
	return out, nil
}

// ReadGoldenJSON reads path+".golden.json" if it exists.
func ReadGoldenJSON(path string) ([]Expectation, error) {
	data, err := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".golden.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Expectation
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%s.golden.json: %w", path, err)
	}
	return out, nil
}

// Compare checks findings against expectations and returns one line per
// mismatch.
func Compare(findings []result.Finding, wants []Expectation) []string {
	var problems []string
	used := make([]bool, len(findings))
	for _, w := range wants {
		re, err := regexp.Compile(w.Message)
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: bad regexp %q: %v", w.Line, w.Message, err))
			continue
		}
		found := false
		for i, f := range findings {
			if used[i] || f.Line != w.Line || f.Rule != w.Rule || (w.Check != "" && f.Check != w.Check) ||
				(w.Column != 0 && f.Column != w.Column) || !re.MatchString(f.Message) {
				continue
			}
			used[i], found = true, true
			break
		}
		if !found {
			problems = append(problems, fmt.Sprintf("line %d: no %s finding matching %q", w.Line, w.Rule, w.Message))
		}
	}
	for i, f := range findings {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("%d:%d: unexpected %s [%s] finding: %s", f.Line, f.Column, f.Rule, f.Check, f.Message))
		}
	}
	sort.Strings(problems)
	return problems
}

// RulesFor returns the rules a golden file runs: under testdata/rules/ID/
// only ID (and the directive rule); under testdata/config/ only the custom
// rules of its config (and the directive rule); elsewhere every rule.
func RulesFor(root, path string, cfg *config.Config) []string {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return nil
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if len(parts) >= 2 && parts[0] == "config" {
		ids := []string{engine.DirectiveRule}
		for _, r := range cfg.Custom {
			ids = append(ids, r.Meta().ID)
		}
		return ids
	}
	if len(parts) >= 3 && parts[0] == "rules" {
		if parts[1] == engine.DirectiveRule {
			return []string{parts[1]}
		}
		return []string{parts[1], engine.DirectiveRule}
	}
	return nil
}

// ConfigFor returns the configuration `medlint check` gives path: its
// folder's nearest .medlint.yml merged over those of the folders above
// (config.Folders), or the defaults (relative to root) when there is none.
func ConfigFor(root, path string) (*config.Config, error) {
	return config.NewFolders(config.Default(root)).For(filepath.Dir(path))
}

// LintFile lints one golden file as the golden test does.
func LintFile(root, path string) (*result.Report, error) {
	cfg, err := ConfigFor(root, path)
	if err != nil {
		return nil, err
	}
	if err := cfg.Select(RulesFor(root, path, cfg), nil, nil); err != nil {
		return nil, err
	}
	return engine.Run(engine.Options{Paths: []string{path}, Config: cfg, Now: Now, Jobs: 1, WorkDir: filepath.Dir(path)}), nil
}

// Run runs every golden Markdown file under root as a subtest, but those
// of root/fix (the fixer's goldens, see FixGolden) and of the
// subdirectories of root that skip names (another package runs them).
func Run(t *testing.T, root string, skip ...string) {
	t.Helper()
	runUnder(t, root, root, skip)
}

// RunDir runs the golden Markdown files under root/dir as Run runs them:
// rule goldens run from their package with RunDir(t, "../testdata",
// "rules").
func RunDir(t *testing.T, root, dir string) {
	t.Helper()
	runUnder(t, root, filepath.Join(root, dir), nil)
}

func runUnder(t *testing.T, root, walk string, skip []string) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(walk, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "fuzz" || strings.HasPrefix(d.Name(), "_") || path == filepath.Join(root, "fix") ||
			filepath.Dir(path) == filepath.Clean(root) && slices.Contains(skip, d.Name())) {
			return fs.SkipDir
		}
		if !d.IsDir() && engine.IsMarkdown(path) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no golden files under %s", walk)
	}
	for _, path := range files {
		rel, _ := filepath.Rel(root, path)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			t.Parallel()
			CheckFile(t, root, path)
		})
	}
}

// CheckFile lints one golden file and reports every mismatch.
func CheckFile(t *testing.T, root, path string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wants, err := ParseWants(src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	more, err := ReadGoldenJSON(path)
	if err != nil {
		t.Fatal(err)
	}
	wants = append(wants, more...)
	rep, err := LintFile(root, path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, e := range rep.Errors {
		t.Errorf("%s: error: %s", path, e.Message)
	}
	for _, p := range Compare(rep.Findings, wants) {
		t.Errorf("%s:%s", path, p)
	}
}

// CheckPositions returns an error when a finding of fr does not lie inside
// src (after a byte order mark): lines within the file, columns within
// their line, end not before start, fix edits inside the file, and no
// internal rule error.
func CheckPositions(src []byte, fr engine.FileResult) error {
	for _, e := range fr.Errors {
		if e.Rule != "" {
			return fmt.Errorf("rule %s failed: %s", e.Rule, e.Message)
		}
	}
	body := bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	for _, f := range fr.Findings {
		if f.Pos < 0 || f.End < f.Pos || f.End > len(body) {
			return fmt.Errorf("%s finding bytes [%d,%d) outside the file (%d bytes): %+v", f.Rule, f.Pos, f.End, len(body), f)
		}
		if f.Line < 1 || f.Column < 1 || f.EndLine < f.Line || (f.EndLine == f.Line && f.EndColumn < f.Column) {
			return fmt.Errorf("%s finding has invalid position %d:%d-%d:%d", f.Rule, f.Line, f.Column, f.EndLine, f.EndColumn)
		}
		if f.Fix != nil {
			for _, e := range f.Fix.Edits {
				if e.Pos < 0 || e.End < e.Pos || e.End > len(body) {
					return fmt.Errorf("%s fix edit [%d,%d) outside the file (%d bytes)", f.Rule, e.Pos, e.End, len(body))
				}
			}
		}
	}
	return nil
}
