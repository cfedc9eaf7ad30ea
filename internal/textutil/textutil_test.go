package textutil

import (
	"regexp"
	"testing"
)

// FuzzCollapseSpaces compares CollapseSpaces with replacing regexp's \s+
// by one space.
func FuzzCollapseSpaces(f *testing.F) {
	space := regexp.MustCompile(`\s+`)
	for _, s := range []string{"", " ", "a  b", "a\tb", " a \n\r b ", "a b c", "\f", "x\u00a0 y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CollapseSpaces(s), space.ReplaceAllString(s, " "); got != want {
			t.Errorf("CollapseSpaces(%q) = %q, want %q", s, got, want)
		}
	})
}
