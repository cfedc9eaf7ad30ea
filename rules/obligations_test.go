package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
)

// TestEveryRuleIsComplete names what a registered rule still lacks of the
// obligations of adding one that nothing else checks: a row in the
// README's rule table, and golden articles under testdata/rules/ID (which
// also seed its fuzzing). Documentation of its checks and options is
// checked by internal/ruledoc, its fuzzing by FuzzLint, which runs every
// registered rule.
func TestEveryRuleIsComplete(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lint.Builtin() {
		id := r.Meta().ID
		if !strings.Contains(string(readme), "\n| `"+id+"` |") {
			t.Errorf("rule %s has no row in the README's rule table (| `%s` | default | checks |)", id, id)
		}
		golden, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", id, "*.md"))
		deeper, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", id, "*", "*.md"))
		if len(golden)+len(deeper) == 0 {
			t.Errorf("rule %s has no golden articles under testdata/rules/%s", id, id)
		}
	}
}

// TestEveryRuleHasACategory: a built-in rule says whether it is about
// compliance or style (reports order and filter findings by it), and a
// whole-file check is one of its own.
func TestEveryRuleHasACategory(t *testing.T) {
	t.Parallel()
	compliance := 0
	for _, r := range lint.Builtin() {
		m := r.Meta()
		switch m.Category {
		case lint.CategoryCompliance:
			compliance++
		case lint.CategoryStyle:
		default:
			t.Errorf("rule %s: Category %q, want lint.CategoryCompliance or lint.CategoryStyle", m.ID, m.Category)
		}
	}
	if compliance == 0 {
		t.Error("no compliance rule")
	}
	for _, id := range []string{"medical-disclaimer", "review-date", "risky-claim", "uncited-claim"} {
		if r, ok := lint.Lookup(id); !ok || !r.Meta().IsCompliance() {
			t.Errorf("%s is not a compliance rule", id)
		}
	}
	whole := map[string]bool{}
	for _, r := range lint.Builtin() {
		for _, c := range r.Meta().Checks {
			if c.WholeFile {
				whole[r.Meta().ID+"/"+c.Name] = true
			}
		}
	}
	for _, id := range []string{"medical-disclaimer/missing", "review-date/missing", "reading-level/article"} {
		if !whole[id] {
			t.Errorf("%s is not a whole-file check", id)
		}
	}
}
