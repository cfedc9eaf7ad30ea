package rules

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

// FuzzRiskyClaimLexicon fuzzes the lexicon reader with the rule: whatever
// a lexicon file holds, loadRiskyLexicon returns entries or an error that
// says it is the lexicon's, never panics; entries that load are valid as
// the extra option too, and the rule run with them on a document reports
// in-range findings of the entries in force, at their tier's severity,
// the same on every run.
func FuzzRiskyClaimLexicon(f *testing.F) {
	f.Add(riskyClaimLexiconYAML, "This tea cures cancer, guaranteed.")
	for _, s := range []struct{ lexicon, text string }{
		{"entries:\n  - id: miracle\n    tier: B\n    phrases: [miracle berry]\n    message: m\n", "A miracle  berry!"},
		{"entries:\n  - id: x\n    tier: A\n    pattern: '(a|b)*c{2,5}'\n    hints: [c]\n    message: m\n    unless: 'no'\n", "aabcc no ccc"},
		{"entries:\n  - id: cure\n    tier: B\n    phrases: [cures]\n    message: replaced\n    requires: 'tea'\n    allow-hedged: true\n    unless-cited: true\n", "Tea usually cures colds [1]."},
		{"entries:\n  - id: a\n    tier: A\n    phrases: ['-']\n    message: m\n", "-"},
		{"entries:\n  - id: a\n    tier: C\n    phrases: [x]\n    message: m\n", "x"},
		{"entries:\n  - {id: a, tier: A, pattern: '(', message: m}\n", "("},
		{"entries: []\nextra: 1\n", ""},
		{"entries:\n  - id: a\n    tier: A\n    pattern: '\\b'\n    message: m\n", "> “quoted” word"},
	} {
		f.Add([]byte(s.lexicon), s.text)
	}
	tiers := map[string]string{}
	for _, e := range builtinRiskyLexicon() {
		tiers[e.ID] = e.Tier
	}
	f.Fuzz(func(t *testing.T, lexicon []byte, text string) {
		entries, err := loadRiskyLexicon(lexicon)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "risky-claim lexicon: ") {
				t.Errorf("the error %q does not say it is the lexicon's", err)
			}
			return
		}
		opts := riskyClaim.Defaults()
		inForce := map[string]string{}
		for id, tier := range tiers {
			inForce[id] = tier
		}
		for _, e := range entries {
			opts.Extra = append(opts.Extra, e.RiskyClaimEntry)
			inForce[e.ID] = e.Tier
		}
		check, err := riskyClaim.Prepare(opts, lint.Env{})
		if err != nil {
			t.Fatalf("entries that load as a lexicon are not valid as extra: %v", err)
		}
		doc, err := document.Parse("fuzz.md", []byte(text))
		if err != nil {
			return
		}
		run := func() []lint.Diagnostic {
			var out []lint.Diagnostic
			if err := check(lint.NewPass(doc, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), func(d lint.Diagnostic) { out = append(out, d) })); err != nil {
				t.Fatal(err)
			}
			return out
		}
		first := run()
		for _, d := range first {
			if d.Pos < 0 || d.Pos > d.End || d.End > len(doc.Source) || d.Message == "" {
				t.Errorf("diagnostic [%d,%d) of %d bytes, message %q", d.Pos, d.End, len(doc.Source), d.Message)
			}
			tier, ok := inForce[d.Check]
			if !ok {
				t.Errorf("check %q is no entry in force", d.Check)
			}
			if want := map[string]lint.Severity{"A": lint.SeverityError, "B": lint.SeverityWarning}[tier]; d.Severity != want {
				t.Errorf("check %s of tier %s reported at %v", d.Check, tier, d.Severity)
			}
		}
		if again := run(); !reflect.DeepEqual(again, first) {
			t.Errorf("a second run differs:\n%+v\n%+v", again, first)
		}
	})
}
