package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRiskyLexiconGates checks that every built-in entry has an example
// in the golden articles and that the match layer's keyword gate is open
// for each of its matches: a wrong gate would silently hide claims.
func TestRiskyLexiconGates(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", "risky-claim", "*.md"))
	var text strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
	}
	text.WriteString(" 100 % risk free, Food and Drug Administration, adverse reactions, super-food, game changer, magic bullet, immunity")
	lex, err := (&RiskyClaimOptions{}).compile()
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range lex.lex {
		matches := e.re.Regexp().FindAllString(text.String(), -1)
		if len(matches) == 0 {
			t.Errorf("entry %s: no example in the golden articles", e.ID)
		}
		for _, m := range matches {
			if sc := lex.set.Scan(m); !sc.May(i) {
				t.Errorf("entry %s: the gate is closed on its own match %q", e.ID, m)
			}
		}
	}
}
