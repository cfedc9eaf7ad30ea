package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/ruletest"
)

// TestReviewerRegistryConfig loads configurations naming a registry: a
// path inside the repository works relative to the config file; one that
// escapes it, or a missing or malformed registry, is a configuration error.
func TestReviewerRegistryConfig(t *testing.T) {
	t.Parallel()
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(repo, "site")
	if err := os.MkdirAll(filepath.Join(site, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, "data", "reviewers.yml"), "- name: Jane Frank\n  credentials: [MD]\n  valid-until: 2027-01-01\n")
	write(filepath.Join(repo, "shared.yml"), "- name: Sam Lee\n")
	write(filepath.Join(site, "data", "bad.yml"), "- name: X\n  valid-until: someday\n")
	outside := filepath.Join(filepath.Dir(repo), "outside-reviewers.yml")
	tests := []struct {
		path string
		want string // "" for success, else a substring of the error
	}{
		{"data/reviewers.yml", ""},
		{"../shared.yml", ""}, // up to the repository root is inside
		{"../../outside.yml", "outside the repository"},
		{outside, "outside the repository"},
		{"data/missing.yml", "cannot read the registry"},
		{"data/bad.yml", "valid-until"},
	}
	for _, tt := range tests {
		cfgPath := filepath.Join(site, ".medlint.yml")
		c, err := config.Parse(cfgPath, site, []byte("rules:\n  reviewer-credentials:\n    reviewers: "+tt.path+"\n"))
		if tt.want != "" {
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), ".medlint.yml:2") {
				t.Errorf("%s: err = %v, want a config error at the rule (line 2) containing %q", tt.path, err, tt.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		active, err := c.Resolve("a.md")
		if err != nil {
			t.Fatal(err)
		}
		var a config.Active
		for _, x := range active {
			if x.Rule.Meta().ID == "reviewer-credentials" {
				a = x
			}
		}
		fr := engine.Lint("a.md", []byte("# T\n\nMedically reviewed by Dr. Jane Frank, MD on 2026-10-01\n"), []config.Active{a}, ruletest.Now)
		wantChecks := ""
		if tt.path == "../shared.yml" {
			wantChecks = "not-in-registry@3"
		}
		if got := findingChecks(fr.Findings); got != wantChecks || len(fr.Errors) > 0 {
			t.Errorf("%s: got %q %v, want %q", tt.path, got, fr.Errors, wantChecks)
		}
	}
}

func TestReviewerCredentialsParsing(t *testing.T) {
	t.Parallel()
	tests := []struct{ byline, want string }{
		{"Dr. Jane Frank, MD", ""},
		{"Jane Frank, M.D., FAAD", ""},
		{"Jane Frank MD", ""},
		{"Jane Frank, Ph.D.", ""},
		{"Jane Frank (RN)", ""},
		{"Jane Frank, PA-C", ""},
		{"Jane Frank, MBChB", ""},
		{"Dr. Frank", "incomplete-name@3"},
		{"Frank, MD", "incomplete-name@3"},
		{"Dr. Jane Frank", "no-credential@3"},
		{"Jane Frank, FRACP", "no-credential@3"},
		{"Dr. X", "placeholder@3"},
		{"TBD", "placeholder@3"},
		{"[Name]", "placeholder@3"},
		{"{{ reviewer }}", "placeholder@3"},
		{"Jane Frank, MD and Sam Lee, RD", ""},
		{"Jane Frank, MD & Dr. Lee", "incomplete-name@3"},
	}
	for _, tt := range tests {
		src := "# T\n\nMedically reviewed by " + tt.byline + " on 2026-10-01\n"
		if got := findingChecks(lintCompliance(t, "reviewer-credentials", src, nil)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.byline, got, tt.want)
		}
	}
}

func FuzzReviewerCredentials(f *testing.F) {
	fuzzRule(f, "reviewer-credentials", "# T\n\nReviewed by , , and & ; on 2026-01-01\n", "---\ntitle: T\nreviewed_by: [a, b]\n---\n")
}
