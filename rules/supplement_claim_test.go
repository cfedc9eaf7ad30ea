package rules_test

import (
	"testing"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/ruletest"
)

// lintProduct runs supplement-claim, and risky-claim beside it, over src
// as a product page.
func lintProduct(t *testing.T, src string) []result.Finding {
	t.Helper()
	var active []config.Active
	for _, id := range []string{"supplement-claim", "risky-claim"} {
		r, _ := lint.Lookup(id)
		active = append(active, config.Active{Rule: r, Options: r.NewOptions(), Explicit: map[string]bool{}})
	}
	fr := engine.LintWith("product.md", []byte(src), active, ruletest.Now, article.Input{PathKind: article.KindProduct, PathRule: "test"})
	for _, e := range fr.Errors {
		t.Fatalf("lint error: %s", e.Message)
	}
	return fr.Findings
}

// TestSupplementClaimExamples checks the examples `medlint explain
// supplement-claim` shows, and that a disease claim replaces risky-claim's
// cure finding on the same words (one problem, one finding).
func TestSupplementClaimExamples(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("supplement-claim")
	m := r.Meta()
	if got := findingChecks(lintProduct(t, m.Bad)); got != "missing-disclaimer@3 disease-claim@3" && got != "disease-claim@3 missing-disclaimer@3" {
		t.Errorf("Bad example: %s", got)
	}
	if fs := lintProduct(t, m.Good); len(fs) != 0 {
		t.Errorf("Good example flagged: %s", findingChecks(fs))
	}
	for _, o := range lint.Options(r) {
		if o.Doc == "" {
			t.Errorf("option %s has no doc", o.Name)
		}
	}
	fs := lintProduct(t, "# Zinc capsules\n\nOur zinc capsules cure colds.\n\nTake one capsule per serving.\n")
	if got := findingChecks(fs); got != "disease-claim@3" {
		t.Errorf("cure claim: %s, want supplement-claim's disease-claim only", got)
	}
}
