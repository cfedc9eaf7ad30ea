package cache

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
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
	dates := []time.Time{time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC)}
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
				t.Logf("%s declares DependsOnDate but its findings do not change with --now on the testdata", meta.ID)
			}
		})
	}
}

// A rule whose source reads Pass.Now must declare DependsOnDate, even when
// the testdata does not exercise the date (a registry's expiry dates).
func TestRulesReadingNowDeclareIt(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "..", "rules", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule sources: %v", err)
	}
	readsNow := regexp.MustCompile(`\bpass\.Now\b`)
	ids := regexp.MustCompile(`\bID:\s+"([a-z0-9-]+)"`)
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !readsNow.Match(src) {
			continue
		}
		for _, m := range ids.FindAllSubmatch(src, -1) {
			r, ok := rules.Lookup(string(m[1]))
			if !ok {
				continue
			}
			checked++
			if !r.Meta().DependsOnDate {
				t.Errorf("%s reads pass.Now (%s) but its Meta lacks DependsOnDate: the cache would serve stale findings", m[1], filepath.Base(f))
			}
		}
	}
	if checked == 0 {
		t.Fatal("no rule reads pass.Now: is review-date gone?")
	}
}
