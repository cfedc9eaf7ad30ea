package rules_test

import (
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/rules"
)

func TestPlaceholderTextOptionsValidate(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("placeholder-text")
	o := r.NewOptions().(*rules.PlaceholderTextOptions)
	o.Disable = []string{"tk", "date-format"}
	if err := o.Validate(); err != nil {
		t.Errorf("valid disable list: %v", err)
	}
	o.Disable = []string{"tbd"}
	if err := o.Validate(); err == nil {
		t.Error("unknown check in disable: no error")
	}
}

func FuzzPlaceholderText(f *testing.F) {
	fuzzRule(f, "placeholder-text", "{{}}", "TK", "---\na: {b: [TODO]}\n---\n", "---\nx: |\n  TK\n  TODO\n---\n")
}
