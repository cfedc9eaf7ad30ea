package rules_test

import (
	"testing"

	"github.com/medlint/medlint/internal/ruletest"
)

// TestGolden runs every rule's golden articles (testdata/rules/RULE): each
// states the findings expected of it inside it (see package ruletest).
func TestGolden(t *testing.T) {
	t.Parallel()
	ruletest.RunDir(t, "../testdata", "rules")
}
