package match

import (
	"reflect"
	"testing"
)

// TestKnownIsDerived proves the build-time table (known_gen.go) equal to
// what reading each expression gives now: a Set built from the table
// gates and splits every built-in expression exactly as one that parses
// it.
func TestKnownIsDerived(t *testing.T) {
	t.Parallel()
	for key, d := range known() {
		want, err := deriveNow(key[1:], key[0] == 'w')
		if err != nil {
			t.Errorf("%q: %v", key, err)
			continue
		}
		if key[0] != 'w' && key[0] != 'r' {
			t.Errorf("%q: unknown mode %q", key, key[0])
		}
		if len(d.needs) == 0 && len(want.needs) == 0 {
			d.needs, want.needs = nil, nil
		}
		if !reflect.DeepEqual(d, want) {
			t.Errorf("%q: table holds %+v, reading it gives %+v", key, d, want)
		}
	}
}
