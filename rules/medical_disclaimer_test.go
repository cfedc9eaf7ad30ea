package rules_test

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/lint"

	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/rules"
)

func TestMedicalDisclaimer(t *testing.T) {
	t.Parallel()
	const full = "This article is for informational purposes only and is not a substitute for professional medical advice. Talk to your doctor."
	tests := []struct {
		name, src, want string
	}{
		{"complete", "# T\n\nAntihistamines relieve hay fever.\n\n" + full + "\n", ""},
		{"none", "# T\n\nAntihistamines relieve hay fever.\n", "missing@1"},
		{"empty file with title", "---\ntitle: T\n---\n", "missing@1"},
		{"not advice only", "# T\n\nFor educational purposes only.\n", "incomplete@3"},
		{"consult in next paragraph", "# T\n\nNot medical advice.\n\nAlways consult your GP.\n", ""},
		{"consult two paragraphs away", "# T\n\nNot medical advice.\n\nAntihistamines relieve hay fever.\n\nAlways consult your GP.\n", "incomplete@3"},
		{"consult in a heading does not count", "# T\n\nNot medical advice.\n\n## Talk to your doctor\n", "incomplete@3"},
		{"labelled consult only", "# T\n\nDisclaimer: speak with a pharmacist.\n", "incomplete@3"},
		{"body consult is not a disclaimer", "# T\n\nTalk to your doctor if it hurts.\n", "missing@1"},
		{"does not constitute", "# T\n\nThis page does not constitute medical advice. Seek the advice of a qualified health care professional.\n", ""},
		{"not intended to be", "# T\n\nIt is not intended to be medical advice; ask your pharmacist.\n", ""},
		{"should not replace", "# T\n\nThis guide should not replace a visit to your doctor. Talk to your GP.\n", ""},
		{"typographic apostrophe", "# T\n\nThis doesn\u2019t constitute medical advice. Consult your physician.\n", ""},
		{"emphasis split", "# T\n\n**Not** a *substitute* for professional medical advice. Consult your doctor.\n", ""},
		{"html block is not read", "# T\n\n<div>For informational purposes only. Consult your doctor.</div>\n", "missing@1"},
		{"front matter text is not read", "---\ntitle: T\nnote: not medical advice, consult your doctor\n---\n", "missing@1"},
		{"partial skipped", "## Part\n\nAntihistamines relieve hay fever.\n", ""},
		{"opt out", "---\ntitle: T\ndisclaimer: none\ndisclaimer_reason: contact page\n---\n", ""},
		{"opt out without reason", "---\ntitle: T\ndisclaimer: none\ndisclaimer_reason: \"\"\n---\n", "opt-out@3"},
		{"other disclaimer value is not an opt out", "---\ntitle: T\ndisclaimer: standard\n---\n", "missing@1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := findingChecks(lintCompliance(t, "medical-disclaimer", tt.src, nil)); got != tt.want {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMedicalDisclaimerSeverities(t *testing.T) {
	t.Parallel()
	fs := lintCompliance(t, "medical-disclaimer", "# T\n\nAntihistamines relieve hay fever.\n", nil)
	if len(fs) != 1 || fs[0].Severity != lint.SeverityError || fs[0].Line != 1 || fs[0].Message[:22] != "no medical disclaimer:" {
		t.Fatalf("missing: got %+v", fs)
	}
	fs = lintCompliance(t, "medical-disclaimer", "# T\n\nFor informational purposes only.\n", nil)
	if len(fs) != 1 || fs[0].Severity != lint.SeverityWarning || !strings.Contains(fs[0].Message, `"consult"`) {
		t.Fatalf("incomplete: got %+v", fs)
	}
}

func TestMedicalDisclaimerFix(t *testing.T) {
	t.Parallel()
	const text = "Not medical advice.\nTalk to your doctor."
	tests := []struct {
		name, src, want string
	}{
		{"lf", "# T\n\nAntihistamines relieve hay fever.\n", "# T\n\nAntihistamines relieve hay fever.\n\nNot medical advice.\nTalk to your doctor.\n"},
		{"crlf", "# T\r\n\r\nAntihistamines relieve hay fever.\r\n", "# T\r\n\r\nAntihistamines relieve hay fever.\r\n\r\nNot medical advice.\r\nTalk to your doctor.\r\n"},
		{"no final newline", "# T\n\nAntihistamines relieve hay fever.", "# T\n\nAntihistamines relieve hay fever.\n\nNot medical advice.\nTalk to your doctor.\n"},
		{"blank line at end", "# T\n\nAntihistamines relieve hay fever.\n\n", "# T\n\nAntihistamines relieve hay fever.\n\nNot medical advice.\nTalk to your doctor.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := &rules.MedicalDisclaimerOptions{Position: "any", PositionBlocks: 6, SkipPartials: true, FixText: text}
			fs := lintCompliance(t, "medical-disclaimer", tt.src, opts)
			if len(fs) != 1 || fs[0].Fix == nil || !fs[0].Fixable {
				t.Fatalf("want one fixable finding, got %+v", fs)
			}
			got := tt.src
			for _, e := range fs[0].Fix.Edits {
				got = got[:e.Pos] + e.NewText + got[e.End:]
			}
			if got != tt.want {
				t.Errorf("fixed text %q, want %q", got, tt.want)
			}
			if after := lintCompliance(t, "medical-disclaimer", got, opts); len(after) != 0 {
				t.Errorf("fixed text still has findings: %+v", after)
			}
		})
	}
	// An article ending inside an unclosed code fence or HTML comment gets
	// no fix: the text would land inside it, not be a paragraph.
	for _, src := range []string{"# T\n\nAntihistamines relieve hay fever.\n\n```\ncode\n", "# T\n\nAntihistamines relieve hay fever.\n\n<!-- draft\n", "# T\n\n<pre>\nAntihistamines relieve hay fever.\n"} {
		opts := &rules.MedicalDisclaimerOptions{Position: "any", PositionBlocks: 6, FixText: text}
		if fs := lintCompliance(t, "medical-disclaimer", src, opts); len(fs) != 1 || fs[0].Fix != nil || !strings.Contains(fs[0].Message, "not appended") {
			t.Errorf("%q: want one finding without a fix, got %+v", src, fs)
		}
	}
	// No fix-text, no fix; position: top, no fix (appending cannot satisfy it).
	if fs := lintCompliance(t, "medical-disclaimer", "# T\n\nAntihistamines relieve hay fever.\n", nil); fs[0].Fix != nil {
		t.Error("fix without fix-text")
	}
	top := &rules.MedicalDisclaimerOptions{Position: "top", PositionBlocks: 6, FixText: text}
	if fs := lintCompliance(t, "medical-disclaimer", "# T\n\nAntihistamines relieve hay fever.\n", top); fs[0].Fix != nil {
		t.Error("fix with position: top")
	}
}

func TestMedicalDisclaimerValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts rules.MedicalDisclaimerOptions
		ok   bool
	}{
		{"defaults", rules.MedicalDisclaimerOptions{Position: "any", PositionBlocks: 6}, true},
		{"bad regexp", rules.MedicalDisclaimerOptions{PositionBlocks: 6, ConsultPatterns: []string{"(unclosed"}}, false},
		{"replace without patterns", rules.MedicalDisclaimerOptions{PositionBlocks: 6, ReplacePatterns: true, NotAdvicePatterns: []string{"x"}}, false},
		{"replace with both", rules.MedicalDisclaimerOptions{PositionBlocks: 6, ReplacePatterns: true, NotAdvicePatterns: []string{"x"}, ConsultPatterns: []string{"y"}}, true},
		{"zero window", rules.MedicalDisclaimerOptions{PositionBlocks: 0}, false},
		{"complete fix-text", rules.MedicalDisclaimerOptions{PositionBlocks: 6, FixText: "Not medical advice.\nTalk to your doctor."}, true},
		// Appending a text the rule does not accept would repeat on every
		// --fix run.
		{"fix-text without consult", rules.MedicalDisclaimerOptions{PositionBlocks: 6, FixText: "Not medical advice."}, false},
		{"fix-text with neither element", rules.MedicalDisclaimerOptions{PositionBlocks: 6, FixText: "Stay safe!"}, false},
	}
	for _, tt := range tests {
		if err := tt.opts.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestIsDisclaimer(t *testing.T) {
	t.Parallel()
	yes := []string{
		"This article is for informational purposes only.",
		"The content is not intended to be a substitute for professional medical advice, diagnosis, or treatment.",
		"Nothing here constitutes... This site does not constitute medical advice.",
		"Medical disclaimer: always talk to your doctor before changing your medication.",
		"Not medical advice.",
		"Note: Educational information only. For medical conditions, consult a qualified professional.",
	}
	no := []string{
		"We share general information only when it is useful.",
		"Consult a qualified professional electrician before rewiring.",
		"Talk to your doctor if the pain gets worse.",
		"70% of your immune system lives in your gut.",
		"Disclaimer: we earn a commission from links on this page.",
		"Studies show that informational leaflets improve adherence.",
	}
	for _, s := range yes {
		if !article.IsDisclaimer(s) {
			t.Errorf("IsDisclaimer(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if article.IsDisclaimer(s) {
			t.Errorf("IsDisclaimer(%q) = true, want false", s)
		}
	}
}

func FuzzMedicalDisclaimer(f *testing.F) {
	seedRuleCorpus(f, "medical-disclaimer")
	f.Add([]byte("# T\r\n\r\nDisclaimer: for informational purposes only\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRuleDiagnostics(t, "medical-disclaimer", src, ruletest.Now)
	})
}

// TestComplianceExamples checks that the documented Bad example of each
// compliance rule is flagged and the Good one is not.
func TestComplianceExamples(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"medical-disclaimer", "review-date"} {
		r, _ := lint.Lookup(id)
		m := r.Meta()
		if fs := lintCompliance(t, id, m.Bad, nil); len(fs) == 0 {
			t.Errorf("%s: Bad example not flagged", id)
		}
		if fs := lintCompliance(t, id, m.Good, nil); len(fs) != 0 {
			t.Errorf("%s: Good example flagged: %+v", id, fs)
		}
	}
}
