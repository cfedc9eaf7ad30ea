package engine_test

import (
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
)

// preparations and runs count countingRule's preparations and runs.
var preparations, runs atomic.Int64

// countingRule is a rule that finds nothing and counts its preparations
// and its runs.
type countingRule struct{}

func (countingRule) Meta() lint.Meta {
	return lint.Meta{ID: "zz-counting-prepare", Summary: "counts its preparations (engine tests)", Severity: lint.SeverityInfo}
}
func (countingRule) NewOptions() any { return nil }
func (countingRule) Prepare(any, lint.Env) (lint.Check, error) {
	preparations.Add(1)
	return func(*lint.Pass) error { runs.Add(1); return nil }, nil
}

func init() { lint.Register(countingRule{}) }

// hitCache answers every file; with rerun, all but countingRule's
// findings (as after a change of date).
type hitCache struct{ rerun bool }

func (c hitCache) Lookup(f engine.File) engine.CacheLookup {
	l := engine.CacheLookup{Hit: true}
	if c.rerun {
		for _, a := range f.Active {
			if a.Rule.Meta().ID == "zz-counting-prepare" {
				l.Rerun = append(l.Rerun, a)
			}
		}
	}
	return l
}

// TestCacheHitsPrepareNoRule (not parallel: the counters are the
// package's): a run whose files the cache answers prepares
// no rule; one that reruns a rule, or that the cache does not answer,
// prepares each rule once and runs it on every file.
func TestCacheHitsPrepareNoRule(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "b.md", "c.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("# Title\n\nText.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name               string
		cache              engine.Cache
		preparations, runs int64
	}{
		{"every file answered", hitCache{}, 0, 0},
		{"the rule rerun", hitCache{rerun: true}, 1, 3},
		{"every file a miss", noCache{}, 1, 3},
		{"no cache", nil, 1, 3},
	}
	for _, tt := range tests {
		p0, r0 := preparations.Load(), runs.Load()
		rep := engine.Run(engine.Options{Paths: []string{dir}, Config: config.Default(dir), Now: now, WorkDir: dir, Cache: tt.cache})
		if len(rep.Errors) > 0 {
			t.Fatalf("%s: errors %v", tt.name, rep.Errors)
		}
		if p, r := preparations.Load()-p0, runs.Load()-r0; p != tt.preparations || r != tt.runs {
			t.Errorf("%s: prepared %d times and ran %d, want %d and %d", tt.name, p, r, tt.preparations, tt.runs)
		}
		if !slices.Contains(rep.Rules, "zz-counting-prepare") {
			t.Errorf("%s: rules %v, want the rule among them", tt.name, rep.Rules)
		}
	}
}

// TestReadPreparesTheRules: Plan.Read's rules are prepared, with a cache
// or without, for callers that lint them themselves (--fix, review-due).
func TestReadPreparesTheRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# Title\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cache := range []engine.Cache{nil, noCache{}, hitCache{}} {
		p := engine.NewPlan(engine.Options{Paths: []string{dir}, Config: config.Default(dir), WorkDir: dir, Cache: cache})
		f, err := p.Read(0)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range f.Active {
			if a.Check == nil {
				t.Errorf("cache %T: rule %s unprepared", cache, a.Rule.Meta().ID)
			}
		}
	}
}
