package rules_test

import (
	"testing"
)

func FuzzHeadingStructure(f *testing.F) {
	fuzzRule(f, "heading-structure", "#\n######\n#", "---\ntitle: x\n---\n# a\n")
}
