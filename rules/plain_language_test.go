package rules_test

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
)

// TestPlainLanguageExamples checks that `medlint explain plain-language`
// shows a flagged example that is flagged, with fixes, and a fine one that
// is not, and that every option is documented.
func TestPlainLanguageExamples(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("plain-language")
	m := r.Meta()
	fs := lintCompliance(t, m.ID, m.Bad, nil)
	if len(fs) != 2 || !fs[0].Fixable || !strings.Contains(fs[1].Message, `"heart attack"`) {
		t.Errorf("Bad example: %+v", fs)
	}
	if fs := lintCompliance(t, m.ID, m.Good, nil); len(fs) != 0 {
		t.Errorf("Good example flagged: %+v", fs)
	}
	for _, o := range lint.Options(r) {
		if o.Doc == "" {
			t.Errorf("option %s has no doc", o.Name)
		}
	}
	if !strings.Contains(m.Notes, "hypertension → high blood pressure [nci]") || !strings.Contains(m.Notes, "contusion → bruise [medlineplus, unverified]") ||
		!strings.Contains(m.Notes, "cdc-thesaurus: CDC") {
		t.Errorf("the notes do not list the terms with their sources")
	}
}
