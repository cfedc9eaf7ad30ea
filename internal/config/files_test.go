package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
)

// registryRepo makes a repository holding a config that names the
// reviewers registry data/reviewers.yml with the given content, and
// returns the config's directory.
func registryRepo(t *testing.T, registry string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeRegistry(t, dir, registry)
	return dir
}

func writeRegistry(t *testing.T, dir, registry string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "data", "reviewers.yml"), []byte(registry), 0o644); err != nil {
		t.Fatal(err)
	}
}

const registryConfig = "rules:\n  reviewer-credentials:\n    reviewers: data/reviewers.yml\n" +
	"overrides:\n  - files: [\"faq/**\"]\n    rules:\n      reviewer-credentials: {byline-lines: 5}\n"

// reviewerActive resolves rel and returns reviewer-credentials' settings.
func reviewerActive(t *testing.T, c *config.Config, rel string) config.Active {
	t.Helper()
	active, err := c.Resolve(rel)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range active {
		if a.Rule.Meta().ID == "reviewer-credentials" {
			return a
		}
	}
	t.Fatal("reviewer-credentials is not active")
	return config.Active{}
}

// lintReviewer lints an article reviewed by Jane Frank with a and returns
// its findings' checks.
func lintReviewer(a config.Active) string {
	fr := engine.Lint("a.md", []byte("# T\n\nMedically reviewed by Dr. Jane Frank, MD on 2026-10-01\n"), []config.Active{a}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	var checks []string
	for _, f := range fr.Findings {
		checks = append(checks, f.Check)
	}
	for _, e := range fr.Errors {
		checks = append(checks, "error: "+e.Message)
	}
	return strings.Join(checks, " ")
}

// The registry is read once, when the configuration loads: every file
// resolved later, under any override, gets the bytes read then (recorded
// in Active.Files for the cache), even if the file changes meanwhile, and
// no rule reads it again. A new load reads the new content.
func TestOptionFilesAreReadWhenTheConfigLoads(t *testing.T) {
	t.Parallel()
	const approved = "- name: Jane Frank\n  credentials: [MD]\n"
	dir := registryRepo(t, approved)
	load := func() *config.Config {
		t.Helper()
		c, err := config.Parse(filepath.Join(dir, ".medlint.yml"), dir, []byte(registryConfig))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := load()
	writeRegistry(t, dir, "- name: Sam Lee\n") // Jane Frank dropped after the load
	for _, rel := range []string{"a.md", "faq/b.md"} {
		a := reviewerActive(t, c, rel)
		if len(a.Files) != 1 || string(a.Files[0].Data) != approved || a.Files[0].Path != filepath.Join(dir, "data", "reviewers.yml") {
			t.Fatalf("%s: Files = %+v, want the registry as loaded", rel, a.Files)
		}
		if got := lintReviewer(a); got != "" {
			t.Errorf("%s: findings %q with the registry as loaded, want none", rel, got)
		}
	}
	a := reviewerActive(t, load(), "a.md")
	if string(a.Files[0].Data) != "- name: Sam Lee\n" {
		t.Fatalf("a new load: Files = %+v, want the new registry", a.Files)
	}
	if got := lintReviewer(a); got != "not-in-registry" {
		t.Errorf("a new load: findings %q, want not-in-registry", got)
	}
	if d := reviewerActive(t, config.Default(dir), "a.md"); d.Files != nil {
		t.Errorf("without reviewers: Files = %+v, want none", d.Files)
	}
}
