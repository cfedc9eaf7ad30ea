package markdownlint_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/markdownlint"
	_ "github.com/medlint/medlint/rules" // the targets are built-in rules
)

// TestTargetsExist holds the table to the rules: every target is a
// built-in rule and, when it names one, a check the rule documents, and the
// check's documentation names the markdownlint rule.
func TestTargetsExist(t *testing.T) {
	t.Parallel()
	for _, m := range markdownlint.Rules {
		r, ok := lint.Lookup(m.Target.Rule)
		if !ok {
			t.Errorf("%s: no rule %q", m.ID, m.Target.Rule)
			continue
		}
		meta := r.Meta()
		if m.Target.Check == "" {
			if !strings.Contains(meta.Notes+meta.Summary, m.ID) {
				t.Errorf("%s: rule %s does not mention it in its notes", m.ID, meta.ID)
			}
			continue
		}
		i := slices.IndexFunc(meta.Checks, func(c lint.CheckDoc) bool { return c.Name == m.Target.Check })
		if i < 0 {
			t.Errorf("%s: rule %s has no check %q", m.ID, meta.ID, m.Target.Check)
			continue
		}
		if !strings.Contains(meta.Checks[i].Equivalent, m.ID) {
			t.Errorf("%s: %s's Equivalent %q does not name it", m.ID, m.Target, meta.Checks[i].Equivalent)
		}
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want []string
	}{
		{"MD004", []string{"list-format/marker-style"}},
		{"md004", []string{"list-format/marker-style"}},
		{"UL-STYLE", []string{"list-format/marker-style"}},
		{"single-h1", []string{"heading-structure/multiple-h1"}},
		{"no-duplicate-heading", []string{"duplicate-heading"}},
		{"headings", []string{"heading-structure/skipped-level", "duplicate-heading", "heading-structure/multiple-h1", "heading-structure/first-h1"}},
		{"ol", []string{"list-format/ordered-prefix", "list-format/marker-space", "list-format/blank-lines"}},
		{"images", []string{"image-alt/empty"}},
		{"MD013", nil},
		{"line-length", nil},
		{"", nil},
	}
	for _, tc := range tests {
		targets, ok := markdownlint.Resolve(tc.name)
		var got []string
		for _, tg := range targets {
			got = append(got, tg.String())
		}
		if !slices.Equal(got, tc.want) || ok != (tc.want != nil) {
			t.Errorf("Resolve(%q) = %v, %v; want %v", tc.name, got, ok, tc.want)
		}
	}
}

func TestCovered(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule, check string
		want        bool
	}{
		{"duplicate-heading", "", true},
		{"list-format", "marker-style", true},
		{"list-format", "fake-bullet", false},
		{"heading-structure", "empty", false},
		{"image-alt", "empty", true},
		{"image-alt", "generic", false},
		{"medical-disclaimer", "missing", false},
	}
	for _, tc := range tests {
		if got := markdownlint.Covered(tc.rule, tc.check); got != tc.want {
			t.Errorf("Covered(%s, %s) = %v, want %v", tc.rule, tc.check, got, tc.want)
		}
	}
}
