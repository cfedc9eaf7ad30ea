package cache

import (
	"reflect"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/rules"
)

// The cache reuses a rule's findings across --now values unless the rule
// declares DependsOnDate. This test guards that declaration: every rule
// that does not declare it must give the same findings on the whole rule
// testdata for dates decades apart, and every rule that declares it must
// give different ones (else the flag only costs reruns).
func TestDependsOnDateIsDeclared(t *testing.T) {
	t.Parallel()
	dir := corpus(t)
	dates := []time.Time{time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), day1, day2, time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, r := range rules.All() {
		meta := r.Meta()
		t.Run(meta.ID, func(t *testing.T) {
			t.Parallel()
			cfg := config.Default(dir)
			if err := cfg.Select([]string{meta.ID}, nil, nil); err != nil {
				t.Fatal(err)
			}
			var first []any
			changed := false
			for i, now := range dates {
				rep := engine.Run(engine.Options{Paths: []string{dir}, Config: cfg, Now: now, WorkDir: dir, Jobs: 1})
				var got []any
				for _, f := range rep.Findings {
					got = append(got, f)
				}
				if i == 0 {
					first = got
				} else if !reflect.DeepEqual(got, first) {
					changed = true
				}
			}
			if changed && !meta.DependsOnDate {
				t.Errorf("%s's findings change with --now but its Meta lacks DependsOnDate: the cache would serve stale findings", meta.ID)
			}
			if !changed && meta.DependsOnDate {
				t.Errorf("%s declares DependsOnDate but its findings never change with --now on the testdata", meta.ID)
			}
		})
	}
}
