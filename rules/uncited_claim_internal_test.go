package rules

import (
	"testing"

	"github.com/medlint/medlint/internal/article"
)

func TestDisclaimerParagraphsAreExempt(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]bool{
		"Medical Disclaimer: The information in this article is for educational purposes only.":      true,
		"This content is not a substitute for professional medical advice, diagnosis, or treatment.": true,
		"This article does not constitute medical advice. Always talk to your doctor.":               true,
		"Content is not intended as medical advice.":                                                 true,
		"These statements have not been evaluated by the Food and Drug Administration.":              true,
		"Studies show 70% of adults snore.":                                                          false,
		"Talk to your doctor about vitamin D.":                                                       false,
	} {
		if got := disclaimerExtraRe.MatchString(text) || article.IsDisclaimer(text); got != want {
			t.Errorf("IsDisclaimerParagraph(%q) = %v, want %v", text, got, want)
		}
	}
}
