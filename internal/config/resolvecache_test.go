package config

import (
	"reflect"
	"sync"
	"testing"
)

// TestResolveCacheMatchesResolve checks that the cache returns what Resolve
// does for files under different combinations of overrides and custom-rule
// globs, from several goroutines at once.
func TestResolveCacheMatchesResolve(t *testing.T) {
	t.Parallel()
	c, err := Parse(".medlint.yml", "/repo", []byte(`
rules:
  duplicate-heading:
    severity: error
    scope: document
overrides:
  - files: ["faq/**"]
    rules:
      duplicate-heading: {severity: off}
  - files: ["*.markdown"]
    rules:
      duplicate-heading:
        scope: siblings
      uncited-claim:
        min-score: 3
custom-rules:
  - id: no-miracle
    type: pattern
    phrases: [miracle]
    files: ["blog/**"]
`))
	if err != nil {
		t.Fatal(err)
	}
	rels := []string{"a.md", "faq/b.md", "faq/c.markdown", "d.markdown", "blog/e.md", "blog/f.markdown", "a.md", "faq/b.md"}
	cache := NewResolveCache(c)
	var wg sync.WaitGroup
	for range 4 {
		for _, rel := range rels {
			wg.Go(func() {
				got, gotErr := cache.Resolve(rel)
				want, wantErr := c.Resolve(rel)
				if !reflect.DeepEqual(unprepared(t, got), unprepared(t, want)) || (gotErr == nil) != (wantErr == nil) {
					t.Errorf("%s: cache gives %v, %v; Resolve gives %v, %v", rel, ids(got), gotErr, ids(want), wantErr)
				}
			})
		}
	}
	wg.Wait()
	if n := cache.cache.Len(); n != 6 {
		t.Errorf("cache holds %d rule sets, want 6 (one per combination of matching overrides and custom globs)", n)
	}
}

func ids(active []Active) []string {
	var out []string
	for _, a := range active {
		out = append(out, a.Rule.Meta().ID)
	}
	return out
}

// unprepared returns active with every Check, which Resolve must set,
// cleared: functions never compare equal.
func unprepared(t *testing.T, active []Active) []Active {
	out := make([]Active, len(active))
	for i, a := range active {
		if a.Check == nil {
			t.Errorf("%s: not prepared", a.Rule.Meta().ID)
		}
		a.Check = nil
		out[i] = a
	}
	return out
}
