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
