package engine_test

import (
	"testing"

	"github.com/medlint/medlint/internal/ruletest"
	_ "github.com/medlint/medlint/rules" // register the rules
)

// TestGolden runs the articles under testdata/ that test the engine as a
// whole (CommonMark, configuration, examples, SARIF) and compares their
// findings with the expectations written inside them. The rules' own
// goldens (testdata/rules) run from package rules.
func TestGolden(t *testing.T) {
	t.Parallel()
	ruletest.Run(t, "../../testdata", "rules", "folders") // folders: internal/cli
}
