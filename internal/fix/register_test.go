package fix_test

import "github.com/medlint/medlint/internal/testsupport/testrules"

// The test rules are registered in this test binary (its tests select the
// rules they run), so that the fixer can be driven by rule id through the
// engine: fix.Files and the golden harness (ruletest.FixGolden).
func init() { testrules.Register() }
