package engine_test

import (
	"testing"

	"github.com/medlint/medlint/internal/linttest"
	_ "github.com/medlint/medlint/rules" // register the rules
)

// TestGolden runs every article under testdata/ and compares its findings
// with the expectations written inside it.
func TestGolden(t *testing.T) {
	t.Parallel()
	linttest.Run(t, "../../testdata")
}
