package config

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/medlint/medlint/internal/lint"
)

// TestPrepareAllReportsTheFirstError checks that prepareAll, which
// prepares the rules concurrently, prepares every rule and reports the
// error of the first failing rule in order, as preparing them one at a
// time did, every time.
func TestPrepareAllReportsTheFirstError(t *testing.T) {
	t.Parallel()
	var calls atomic.Int64
	rule := func(id string, fail bool) lint.Rule {
		return &lint.Definition[lint.NoOptions]{
			Info: lint.Meta{ID: id},
			Build: func(*lint.NoOptions, lint.Env) (lint.Check, error) {
				calls.Add(1)
				if fail {
					return nil, errors.New("bad options")
				}
				return func(*lint.Pass) error { return nil }, nil
			},
		}
	}
	c := &Config{Path: ".medlint.yml"}
	for round := range 20 {
		calls.Store(0)
		var out []Active
		var preps []preparation
		for i := range 12 {
			out = append(out, Active{Rule: rule(fmt.Sprintf("rule-%02d", i), i == 5 || i == 9)})
			preps = append(preps, preparation{i: i, set: optionsSet{line: i + 1}, from: c})
		}
		err := c.prepareAll(out, preps)
		if err == nil || !strings.Contains(err.Error(), "rules.rule-05: bad options") || !strings.Contains(err.Error(), ":6:") {
			t.Fatalf("round %d: %v, want rule-05's error at line 6", round, err)
		}
		if calls.Load() != 12 {
			t.Fatalf("round %d: %d rules prepared, want 12", round, calls.Load())
		}
		for i, a := range out {
			if (a.Check == nil) != (i == 5 || i == 9) {
				t.Errorf("round %d: %s prepared: %v", round, a.Rule.Meta().ID, a.Check != nil)
			}
		}
	}
}
