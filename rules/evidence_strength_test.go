package rules_test

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/rules"
)

func TestEvidenceStrengthMetaExamples(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("evidence-strength")
	m := r.Meta()
	if got := findingChecks(lintCompliance(t, "evidence-strength", m.Bad, nil)); got != "animal@1 in-vitro@3 small-study@5" {
		t.Errorf("Bad example: %q", got)
	}
	if got := lintCompliance(t, "evidence-strength", m.Good, nil); len(got) != 0 {
		t.Errorf("Good example flagged: %s", findingChecks(got))
	}
	for _, o := range lint.Options(r) {
		if o.Doc == "" {
			t.Errorf("option %s has no doc", o.Name)
		}
	}
}

func TestEvidenceStrengthOptions(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("evidence-strength")
	opts := r.NewOptions().(*rules.EvidenceStrengthOptions)
	opts.MinParticipants = 1
	if _, err := r.Prepare(opts, lint.Env{}); err == nil || !strings.Contains(err.Error(), "min-participants") {
		t.Errorf("min-participants 1: %v, want an error", err)
	}
}

// TestEvidenceStrengthSentences pins single sentences: each flagged one
// with its check, each other one with none.
func TestEvidenceStrengthSentences(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ src, want string }{
		{"A study in mice found that turmeric reduces inflammation.", "animal@3"},
		{"Animal research suggests that it may ease joint pain.", "animal@3"},
		{"In mice, the extract lowers blood pressure.", "animal@3"},
		{"However, in rats it has been shown to reverse liver damage.", "animal@3"},
		// A study's own result is a claim about people when a general
		// claim comes just before it, or it is carried over after it.
		{"Beetroot may lower blood pressure. In mice, the extract lowered blood pressure.", "animal@3"},
		{"In mice, the extract lowered blood pressure. This suggests it may help people with hypertension.", "animal@3"},
		{"In mice, the extract lowered blood pressure.", ""},
		{"In laboratory experiments, the oil killed head lice eggs.", ""},
		{"Several rodent studies have shown that it slows ageing.", "animal@3"},
		{"Test tube research suggests it has anticancer properties.", "in-vitro@3"},
		{"In laboratory experiments, the oil kills head lice eggs.", "in-vitro@3"},
		{"Cell studies show that sulforaphane blocks tumour growth.", "in-vitro@3"},
		{"A 20-patient trial showed that the cream healed ulcers.", "small-study@3"},
		{"A study of two dozen women found that it eased hot flushes.", "small-study@3"},
		{"The team studied 19 women with hot flushes, who reported fewer of them on flaxseed.", "small-study@3"},
		{"Researchers gave the extract to 14 adults, and it lowered their blood pressure.", "small-study@3"},
		{"The team studied 290 women, who reported fewer hot flushes.", ""},
		// Not claims, or not resting on weak evidence alone.
		{"Researchers tested it in rats.", ""},
		{"Mice given the compound lived longer.", ""},
		{"Mice given the compound lived longer. People should still eat well.", ""},
		{"Rabies is common in animals and kills thousands of people.", ""},
		{"Curcumin reduced tumours in mice.", ""},
		{"Your doctor may send a sample to the lab, where tests show whether you have an infection.", ""},
		{"A study of 300 adults found that walking lowered blood pressure.", ""},
		{"A study of 12 weeks found that walking lowered blood pressure.", ""},
		{"About 1 in 20 volunteers had a rash.", ""},
		{"Animal studies suggest it may help, but it is not clear whether the same applies to people.", ""},
		{"Studies in animals and humans show that it lowers blood sugar.", ""},
		{"Animal studies are a first step before human trials.", ""},
		{"The product is cruelty-free: never tested on animals, and it helps your skin.", ""},
		{"In vitro fertilization improves the chances of pregnancy for many couples.", ""},
		{"Click with the mouse to start; the app helps you sleep better.", ""},
	} {
		got := findingChecks(lintCompliance(t, "evidence-strength", "# Health\n\n"+tc.src+"\n", nil))
		if got != tc.want {
			t.Errorf("%q: %q, want %q", tc.src, got, tc.want)
		}
	}
	// Under a heading that claims the benefit, the study's own result is
	// what supports it.
	if got := findingChecks(lintCompliance(t, "evidence-strength", "# Beetroot\n\n## May lower blood pressure\n\nIn mice, the extract lowered blood pressure.\n", nil)); got != "animal@5" {
		t.Errorf("under a claim heading: %q", got)
	}
}

func FuzzEvidenceStrength(f *testing.F) {
	fuzzRule(f, "evidence-strength", "In mice, X reduced", "A study of 1 in 2 people found", "a study of 0 people found it helps",
		"Mice given x. This may help you.", "A 999-person study", "in vitro", "Rats fed\u00a0X helped you")
}
