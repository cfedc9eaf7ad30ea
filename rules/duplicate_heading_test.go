package rules_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/rules"
)

const fixtures = "../../shared/markdownlint-fixtures"

// manifestEntry is one file of markdownlint-fixtures/manifest.json.
type manifestEntry struct {
	Expected         map[string][]int `json:"expected"`
	InlineDirectives []string         `json:"inlineDirectives"`
	ConfigureFile    map[string]any   `json:"configureFile"`
}

func readManifest(t *testing.T) map[string]manifestEntry {
	t.Helper()
	data, err := os.ReadFile(testsupport.Shared(t, "markdownlint-fixtures", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]manifestEntry
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// ruleOptions returns the options markdownlint's configure-file comment
// sets for a rule (by its MD number or aliases), and whether it leaves the
// rule enabled.
func ruleOptions(cfg map[string]any, names ...string) (opts map[string]any, enabled bool) {
	for _, n := range names {
		switch v := cfg[n].(type) {
		case map[string]any:
			return v, true
		case bool:
			return nil, v
		}
	}
	return nil, true
}

// TestDuplicateHeadingMarkdownlintParity compares duplicate-heading with
// markdownlint's MD024 on markdownlint's own fixtures: for every file, the
// set of lines reported must be the same.
func TestDuplicateHeadingMarkdownlintParity(t *testing.T) {
	t.Parallel()
	manifest := readManifest(t)
	names := make([]string, 0, len(manifest))
	for n := range manifest {
		names = append(names, n)
	}
	sort.Strings(names)
	agree := 0
	for _, name := range names {
		entry := manifest[name]
		want, ok := entry.Expected["MD024"]
		if !ok {
			continue
		}
		src, err := os.ReadFile(filepath.Join(fixtures, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		opts := &rules.DuplicateHeadingOptions{Scope: "document"}
		o, enabled := ruleOptions(entry.ConfigureFile, "MD024", "no-duplicate-heading", "no-duplicate-header")
		if s, _ := o["siblings_only"].(bool); s {
			opts.Scope = "siblings"
		}
		var active []config.Active
		if enabled {
			r, _ := lint.Lookup("duplicate-heading")
			active = append(active, config.Active{Rule: r, Options: opts})
		}
		fr := engine.Lint(name, src, active, ruletest.Now)
		got := []int{}
		for _, f := range fr.Findings {
			if !slices.Contains(got, f.Line) {
				got = append(got, f.Line)
			}
		}
		sort.Ints(got)
		if want == nil {
			want = []int{}
		}
		if fmt.Sprint(got) == fmt.Sprint(want) {
			agree++
			continue
		}
		t.Errorf("%s: duplicate-heading reports lines %v, markdownlint MD024 %v", name, got, want)
	}
	t.Logf("MD024 agreement: %d/%d files", agree, len(names))
}
