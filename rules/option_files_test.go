package rules_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/rules"
)

// TestReviewerRegistryContent checks what the registry read with the
// configuration approves: an empty list approves no one (v0.1.0 read it
// as "no registry" and passed every reviewer: dropping the last reviewer
// turned the check off), and options built by hand, whose registry was
// never read, are an error rather than a silent pass.
func TestReviewerRegistryContent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	const src = "# T\n\nMedically reviewed by Dr. Jane Frank, MD on 2026-10-01\n"
	for _, tc := range []struct{ name, registry, want string }{
		{"listed", "- name: Jane Frank\n", ""},
		{"not listed", "- name: Sam Lee\n", "not-in-registry@3"},
		{"empty list", "[]\n", "not-in-registry@3"},
		{"empty mapping list", "reviewers: []\n", "not-in-registry@3"},
		{"expired", "- name: Jane Frank\n  valid-until: 2026-01-31\n", "expired@3"},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".yml")
		if err := os.WriteFile(p, []byte(tc.registry), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := config.Parse(filepath.Join(dir, ".medlint.yml"), dir, []byte("rules:\n  reviewer-credentials:\n    reviewers: "+filepath.Base(p)+"\n"))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if err := c.Select([]string{"reviewer-credentials"}, nil, nil); err != nil {
			t.Fatal(err)
		}
		active, err := c.Resolve("a.md")
		if err != nil {
			t.Fatal(err)
		}
		fr := engine.Lint("a.md", []byte(src), active, ruletest.Now)
		if got := findingChecks(fr.Findings); got != tc.want || len(fr.Errors) > 0 {
			t.Errorf("%s: %q %v, want %q", tc.name, got, fr.Errors, tc.want)
		}
	}
	r, _ := lint.Lookup("reviewer-credentials")
	opts := r.NewOptions().(*rules.ReviewerCredentialsOptions)
	opts.Reviewers = "reviewers.yml"
	if got := findingChecks(lintCompliance(t, "reviewer-credentials", src, opts)); got != "registry@1" {
		t.Errorf("options built by hand: %q, want the registry error", got)
	}
}

// TestRulesReadFilesOnlyThroughTheLoader guards issue 15's item 2: a rule
// that opened a file in Run would read it for every file linted, and
// behind the result cache's back. Files are read by the configuration
// loader (lint.FileReader), so no rule source calls the functions that
// read a file's content.
func TestRulesReadFilesOnlyThroughTheLoader(t *testing.T) {
	t.Parallel()
	forbidden := map[string]map[string]bool{
		"os":     {"Open": true, "OpenFile": true, "ReadFile": true, "ReadDir": true, "OpenRoot": true, "DirFS": true},
		"io/fs":  {"ReadFile": true, "ReadDir": true},
		"ioutil": {"ReadFile": true, "ReadDir": true},
	}
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) < 10 {
		t.Fatalf("rule sources: %v %v", files, err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{} // local name -> import path
		for _, imp := range file.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			name := filepath.Base(path)
			if path == "io/ioutil" {
				path = "ioutil"
			}
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = path
		}
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && forbidden[names[id.Name]][sel.Sel.Name] {
				t.Errorf("%s: %s.%s: rules read files only through lint.FileReader, when the configuration loads", fset.Position(sel.Pos()), id.Name, sel.Sel.Name)
			}
			return true
		})
	}
}
