package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/medlint/medlint/internal/testsupport/corpusdocs"
)

// gateCheck is a search that a keywords prefilter guards: every match it
// finds must open the gate, on the match alone as on the whole text, or
// the prefilter would hide findings.
type gateCheck struct {
	name    string
	matches func(text string) []string
	may     func(text string) bool
}

func gateChecks() []gateCheck {
	var checks []gateCheck
	for i, p := range placeholderPatterns {
		checks = append(checks, gateCheck{
			name:    "placeholder-text/" + p.check,
			matches: func(text string) []string { return placeholderSet().Regexp(i).Regexp().FindAllString(text, -1) },
			may:     func(text string) bool { sc := placeholderSet().Scan(text); return sc.May(i) },
		})
	}
	for i := range callsToBuy().Len() {
		checks = append(checks, gateCheck{
			name:    "affiliate-disclosure/callsToBuy",
			matches: func(text string) []string { return callsToBuy().Regexp(i).Regexp().FindAllString(text, -1) },
			may:     func(text string) bool { sc := callsToBuy().Scan(text); return sc.May(i) },
		})
	}
	return checks
}

// checkGates fails t when a gate is shut on text, or on one of its
// matches, that a guarded search matches; it returns the number of
// matches.
func checkGates(t *testing.T, text string) int {
	t.Helper()
	n := 0
	for _, c := range gateChecks() {
		ms := c.matches(text)
		if len(ms) > 0 && !c.may(text) {
			t.Errorf("%s: the gate is shut on %q, which holds %q", c.name, text, ms[0])
		}
		for _, m := range ms {
			n++
			if !c.may(m) {
				t.Errorf("%s: the gate is shut on the match %q", c.name, m)
			}
		}
	}
	return n
}

// gateExamples match the guarded searches in every way their
// alternatives allow.
var gateExamples = []string{
	"Lorem IPSUM dolor", "TODO: FIXME TBD", "TK TKTK", "XX% of $XX.XX, xx mg, XX patients",
	"[Citation needed] (source required) [refs missing] [cite] [citation?] (reference to come)",
	"Dr. X and Dr Name, [Insert name here], [your doctor], [First Name]",
	"{{ page.title }}", "YYYY-MM-DD, dd/mm/yyyy, MM.DD.YYYY",
	"Shop now! Buy it now, order yours now, add to basket, use the code SAVE10, enter coupon ABC, apply voucher code XYZ1",
	"discount codes, a promo code, promotional code; available from Amazon; visit our store",
	"Check out our range of products. Checking out the supplements, browse my kits, grab the bundle, try our shop.",
}

func TestGatesOnExamples(t *testing.T) {
	t.Parallel()
	n := 0
	for _, text := range gateExamples {
		n += checkGates(t, text)
	}
	if n < 40 {
		t.Errorf("the examples hold %d matches; they no longer exercise every alternative", n)
	}
}

// TestGatesOnCorpus runs the check over every block of the golden
// articles and the shared corpora.
func TestGatesOnCorpus(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*.md"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkGates(t, string(b))
	}
	for _, doc := range corpusdocs.Health(t) {
		for _, b := range doc.Blocks {
			checkGates(t, b.Text)
		}
	}
}

func FuzzGates(f *testing.F) {
	for _, s := range gateExamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) { checkGates(t, text) })
}
