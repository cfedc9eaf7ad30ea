package rules_test

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/rules"
)

func TestRiskyClaimTiers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, check string
		sev        lint.Severity
	}{
		{"# T\n\nIt cures acne.\n", "cure", lint.SeverityError},
		{"# T\n\nA cure-all tonic.\n", "cure", lint.SeverityError},
		{"# T\n\nIt is a superfood.\n", "superfood", lint.SeverityWarning},
		{"# T\n\nIt is clinically proven.\n", "clinically-proven", lint.SeverityError},
		{"# T\n\nIt is clinically proven ([trial](https://example.org/t)).\n", "", 0},
		{"# T\n\nIt is clinically proven[^1].\n\n[^1]: Trial.\n", "", 0},
		{"# T\n\nIt is clinically proven (doi:10.1000/182).\n", "", 0},
		{"# T\n\nIt is clinically proven (PMID: 12345678).\n", "", 0},
		{"# T\n\nIt is clinically proven<sup>3</sup>.\n", "", 0},
		{"# T\n\nOur vitamin gummies are FDA approved.\n", "fda-approved", lint.SeverityError},
		{"# T\n\nThis inhaler is FDA approved.\n", "", 0},
		{"# T\n\nIt is not a miracle, but it helps.\n", "", 0},
		{"# T\n\nIt never cures, but it helps.\n", "", 0},
		{"# T\n\nNo, but it cures acne.\n", "cure", lint.SeverityError},
	}
	for _, tt := range tests {
		fs := lintCompliance(t, "risky-claim", tt.src, nil)
		if tt.check == "" {
			if len(fs) != 0 {
				t.Errorf("%q: got %s, want none", tt.src, findingChecks(fs))
			}
			continue
		}
		if len(fs) != 1 || fs[0].Check != tt.check || fs[0].Severity != tt.sev {
			t.Errorf("%q: got %+v, want one %s %v", tt.src, fs, tt.check, tt.sev)
		}
	}
}

func TestRiskyClaimOptionsValidate(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("risky-claim")
	tests := []struct {
		name string
		edit func(*rules.RiskyClaimOptions)
		ok   bool
	}{
		{"defaults", func(*rules.RiskyClaimOptions) {}, true},
		{"disable id and tier", func(o *rules.RiskyClaimOptions) { o.Disable = []string{"superfood", "B"} }, true},
		{"disable unknown", func(o *rules.RiskyClaimOptions) { o.Disable = []string{"nope"} }, false},
		{"bad tier", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "x", Tier: "C", Phrases: []string{"x"}, Message: "m"}}
		}, false},
		{"bad regexp", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "x", Tier: "A", Pattern: "(", Message: "m"}}
		}, false},
		{"no phrases", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "x", Tier: "A", Message: "m"}}
		}, false},
		{"no message", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "x", Tier: "A", Phrases: []string{"x"}}}
		}, false},
		{"bad id", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "Bad Id", Tier: "A", Phrases: []string{"x"}, Message: "m"}}
		}, false},
		{"negation window", func(o *rules.RiskyClaimOptions) { o.NegationWindow = 99 }, false},
	}
	for _, tt := range tests {
		o := r.NewOptions().(*rules.RiskyClaimOptions)
		tt.edit(o)
		if err := o.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

// TestRiskyClaimMetaListsLexicon checks that explain documents every
// built-in entry with its source.
func TestRiskyClaimMetaListsLexicon(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("risky-claim")
	m := r.Meta()
	if len(m.Checks) < 10 {
		t.Fatalf("%d checks, want the whole lexicon", len(m.Checks))
	}
	for _, c := range m.Checks {
		if !strings.Contains(m.Notes, "- "+c.Name+" (tier ") {
			t.Errorf("notes do not document entry %s", c.Name)
		}
	}
	if strings.Count(m.Notes, "Source: ") != len(m.Checks) {
		t.Errorf("every entry needs a source")
	}
}

func FuzzRiskyClaim(f *testing.F) {
	fuzzRule(f, "risky-claim", "“miracle", "no\u00a0cure. Cures! ‘detox’", "# \xff cure")
}
