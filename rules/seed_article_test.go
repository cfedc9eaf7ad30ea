package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
)

// seedRules are the rules whose findings on the seed article its README
// table lists (issue 7).
var seedRules = []string{"affiliate-disclosure", "risky-claim", "reviewer-credentials", "image-alt", "placeholder-text", "heading-structure"}

// TestSeedArticleFindings checks the acceptance criterion of issue 7: the
// seed article gets exactly the findings its README table lists for these
// rules and no others from them.
func TestSeedArticleFindings(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"affiliate-disclosure": {"missing@122"},
		"risky-claim":          {"breakthrough@9", "detox@93"},
		"reviewer-credentials": {"incomplete-name@5"},
		"image-alt":            {"file-name@1"},
		"placeholder-text":     nil,
		"heading-structure":    nil,
	}
	for _, id := range seedRules {
		fs := lintCompliance(t, id, string(src), nil)
		if got, w := findingChecks(fs), strings.Join(want[id], " "); got != w {
			t.Errorf("%s: got %q, want %q", id, got, w)
		}
	}
	fs := lintCompliance(t, "risky-claim", string(src), nil)
	for _, f := range fs {
		if f.Severity != lint.SeverityWarning {
			t.Errorf("risky-claim %s: severity %v, want warning (tier B)", f.Check, f.Severity)
		}
	}
	if fs := lintCompliance(t, "risky-claim", string(src), nil); len(fs) == 2 &&
		(!strings.Contains(fs[0].Message, `"groundbreaking"`) || !strings.Contains(fs[1].Message, `"flushing out toxins"`)) {
		t.Errorf("risky-claim messages: %q / %q", fs[0].Message, fs[1].Message)
	}
}

// TestBadGoodExamples checks that each rule flags its Bad example and
// accepts its Good one, so `medlint explain` never shows a wrong example.
func TestBadGoodExamples(t *testing.T) {
	t.Parallel()
	for _, id := range seedRules {
		r, _ := lint.Lookup(id)
		m := r.Meta()
		if fs := lintCompliance(t, id, m.Bad, nil); len(fs) == 0 {
			t.Errorf("%s: Bad example not flagged", id)
		}
		if fs := lintCompliance(t, id, m.Good, nil); len(fs) != 0 {
			t.Errorf("%s: Good example flagged: %s", id, findingChecks(fs))
		}
		for _, o := range lint.Options(r) {
			if o.Doc == "" {
				t.Errorf("%s: option %s has no doc", id, o.Name)
			}
		}
	}
}

func fuzzRule(f *testing.F, id string, extra ...string) {
	seedRuleCorpus(f, id)
	for _, s := range extra {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRuleDiagnostics(t, id, src, ruletest.Now)
	})
}

// TestFuzzSeedsParse guards the fuzz helper's assumption that the
// seeds parse.
func TestFuzzSeedsParse(t *testing.T) {
	t.Parallel()
	if _, err := document.Parse("x.md", []byte("# T\n")); err != nil {
		t.Fatal(err)
	}
}
