package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRiskyLexiconHints checks that every match of a built-in entry, over
// the golden articles, contains one of the entry's hints: a wrong hint
// would silently hide claims.
func TestRiskyLexiconHints(t *testing.T) {
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
	for _, e := range builtinRiskyLexicon {
		if len(e.Hints) == 0 {
			t.Errorf("built-in entry %s has no hints", e.ID)
		}
		matches := e.re.Regexp().FindAllString(text.String(), -1)
		if len(matches) == 0 {
			t.Errorf("entry %s: no example in the golden articles", e.ID)
		}
		for _, m := range matches {
			lm := strings.ToLower(m)
			ok := false
			for _, h := range e.Hints {
				ok = ok || strings.Contains(lm, h)
			}
			if !ok {
				t.Errorf("entry %s: match %q contains none of the hints %q", e.ID, m, e.Hints)
			}
		}
	}
}
