package rules_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/rules"
)

// FuzzReviewerRegistry fuzzes the reviewers registry reader with the
// rule: whatever the registry's bytes, ReadFiles returns the registry or
// an error naming it, never panics, and the rule run with a registry that
// loaded reports in-range diagnostics of its documented checks, the same
// on every run (the options are shared by every file linted).
func FuzzReviewerRegistry(f *testing.F) {
	dir := f.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		f.Fatal(err)
	}
	for _, s := range []struct{ registry, reviewer string }{
		{"- name: Jane Frank\n  credentials: [MD, FAAD]\n  valid-until: 2027-06-30\n", "Dr. Jane Frank, MD"},
		{"reviewers:\n  - name: Sam Lee\n    valid-until: November 2, 2026\n", "Sam Lee, RD and Jane Frank, MD"},
		{"[]\n", "Jane Frank, MD"},
		{"- name: ''\n", "TBD"},
		{"- {name: Jane Frank, valid-until: 02/30/2026}\n", "Jane Frank (RN)"},
		{"reviewers: {a: b}\n", "x"},
		{"- name: &a Jane\n- name: *a\n", "Jane; Jane"},
		{"\xef\xbb\xbf- name: J\u00e4ne Fr\u00e4nk\n", "Dr. J\u00e4ne Fr\u00e4nk, PhD"},
		{"- name: [a]\n", "{{ reviewer }}"},
	} {
		f.Add([]byte(s.registry), s.reviewer)
	}
	r, ok := lint.Lookup("reviewer-credentials")
	if !ok {
		f.Fatal("reviewer-credentials is not registered")
	}
	var checks []string
	for _, c := range r.Meta().Checks {
		checks = append(checks, c.Name)
	}
	f.Fuzz(func(t *testing.T, registry []byte, reviewer string) {
		opts := r.NewOptions().(*rules.ReviewerCredentialsOptions)
		opts.Reviewers = "reviewers.yml"
		check, ok := prepareWithFile(t, r, opts, dir, "reviewers.yml", "reviewers", registry)
		if !ok {
			return
		}
		for _, src := range []string{
			"# T\n\nMedically reviewed by " + reviewer + " on 2026-10-01\n",
			"---\ntitle: T\nreviewer: " + strings.ReplaceAll(reviewer, "\n", " ") + "\n---\n\nText.\n",
		} {
			doc, err := document.Parse("fuzz.md", []byte(src))
			if err != nil {
				continue
			}
			run := func() []lint.Diagnostic {
				var out []lint.Diagnostic
				if err := check(lint.NewPass(doc, ruletest.Now, func(d lint.Diagnostic) { out = append(out, d) })); err != nil {
					t.Fatal(err)
				}
				return out
			}
			first := run()
			for _, d := range first {
				if d.Pos < 0 || d.Pos > d.End || d.End > len(doc.Source) || d.Message == "" {
					t.Errorf("diagnostic [%d,%d) of %d bytes, message %q", d.Pos, d.End, len(doc.Source), d.Message)
				}
				if !slices.Contains(checks, d.Check) || d.Check == "registry" {
					t.Errorf("check %q with a loaded registry (documented: %v)", d.Check, checks)
				}
			}
			if again := run(); !reflect.DeepEqual(again, first) {
				t.Errorf("a second run differs:\n%+v\n%+v", again, first)
			}
		}
	})
}
