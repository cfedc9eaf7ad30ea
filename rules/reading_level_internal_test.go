package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/readability"
)

// TestReadingLevelReadsOnlyProse checks what the golden not-read.md hides
// from the grade: every word the rule grades comes from its plain
// paragraphs, none from its front matter, headings, image alt text, HTML
// comments and blocks, code, link destinations, URLs, e-mail addresses,
// table, footnote definition or reference section.
func TestReadingLevelReadsOnlyProse(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../testdata/rules/reading-level/not-read.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Parse("not-read.md", src)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, s := range readingSentences(doc) {
		readability.Words(s.s.Text, func(w readability.Word) { words = append(words, s.s.Text[w.Start:w.End]) })
	}
	got := " " + strings.Join(words, " ") + " "
	for _, want := range []string{" Dry skin is common ", " Use a thick cream ", " Use only if a doctor ", " Read more in our guide or at or write to ", " A pharmacist can also help ", " Your skin keeps water in "} {
		if !strings.Contains(got, want) {
			t.Errorf("graded words lack %q:\n%s", want, got)
		}
	}
	for _, hidden := range []string{"Xerosis", "xerosis", "pathophysiological", "hyperkeratotic", "Editorial", "Immunomodulatory", "hydroxypropyl",
		"example", "dermatological", "Occlusive", "Comprehensive", "Proksch", "Augustin", "Moncrieff", "References"} {
		if strings.Contains(got, hidden) {
			t.Errorf("graded words hold %q:\n%s", hidden, got)
		}
	}
}
