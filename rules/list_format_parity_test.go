package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/markdownlint"
	"github.com/medlint/medlint/internal/markdownlint/fixture"
	"github.com/medlint/medlint/internal/ruletest"
)

// intendedDifference is a fixture/rule pair where list-format deliberately
// disagrees with markdownlint: the lines list-format reports instead, and
// why.
type intendedDifference struct {
	lines  []int
	reason string
}

// listFormatIntended lists the intended differences by "FILE MDxxx".
var listFormatIntended = map[string]intendedDifference{
	"ordered-list-item-prefix-one_or_ordered.md MD029": {[]int{27, 34, 61, 74}, "a list that continues the numbering of the list before it " +
		"(2. after 1. and a paragraph; 4. 5. after 1.-3.) is a deliberate continuation that Markdown renders from that number; " +
		"markdownlint wants 1, and renumbering would break the steps (lines 9, 45, 46)"},
	"ordered-list-item-prefix-ordered.md MD029": {[]int{14, 15, 27, 33, 35, 52, 53, 61, 74}, "same: continued numbering after an interrupting paragraph is accepted (lines 9, 45, 46)"},
}

// TestListFormatMarkdownlintParity compares list-format's checks with
// markdownlint's list rules on markdownlint's own fixtures: per file and
// rule, the set of lines reported must be the same, except for the pairs
// in listFormatIntended.
func TestListFormatMarkdownlintParity(t *testing.T) {
	t.Parallel()
	manifest := readManifest(t)
	names := make([]string, 0, len(manifest))
	for n := range manifest {
		names = append(names, n)
	}
	sort.Strings(names)
	type tally struct{ agree, files, intended int }
	tallies := map[string]*tally{}
	rule, _ := lint.Lookup("list-format")
	used := map[string]bool{}
	for _, name := range names {
		entry := manifest[name]
		srcBytes, err := os.ReadFile(filepath.Join(fixtures, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		opts, explicit := fixture.ListFormatOptions(entry.ConfigureFile)
		enabled := markdownlint.EnabledLines(string(srcBytes), markdownlint.Enabled(entry.ConfigureFile))
		fr := engine.Lint(name, srcBytes, []config.Active{{Rule: rule, Options: opts, Explicit: explicit}}, ruletest.Now)
		for _, e := range fr.Errors {
			t.Errorf("%s: %s", name, e.Message)
		}
		for _, r := range markdownlint.ListRules {
			want, ok := entry.Expected[r.ID]
			if !ok {
				continue
			}
			tl := tallies[r.ID]
			if tl == nil {
				tl = &tally{}
				tallies[r.ID] = tl
			}
			tl.files++
			got := []int{}
			for _, f := range fr.Findings {
				if f.Check == r.Check && f.Line < len(enabled) && enabled[f.Line][r.ID] && !slices.Contains(got, f.Line) {
					got = append(got, f.Line)
				}
			}
			sort.Ints(got)
			if want == nil {
				want = []int{}
			}
			key := name + " " + r.ID
			if fmt.Sprint(got) == fmt.Sprint(want) {
				tl.agree++
				if _, ok := listFormatIntended[key]; ok {
					t.Errorf("%s: listed as an intended difference but agrees with markdownlint: remove it from the list", key)
				}
				continue
			}
			if d, ok := listFormatIntended[key]; ok {
				used[key] = true
				tl.intended++
				if fmt.Sprint(got) != fmt.Sprint(d.lines) {
					t.Errorf("%s: list-format/%s reports lines %v; the intended difference expects %v (markdownlint: %v)", key, r.Check, got, d.lines, want)
				}
				t.Logf("intended difference %s: medlint %v, markdownlint %v: %s", key, got, want, d.reason)
				continue
			}
			t.Errorf("%s: list-format/%s reports lines %v, markdownlint %s %v", name, r.Check, got, r.ID, want)
		}
	}
	for key := range listFormatIntended {
		if !used[key] {
			if _, ok := manifest[strings.Fields(key)[0]]; !ok {
				t.Errorf("intended difference %q names no fixture", key)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| markdownlint | list-format check | files agreeing | intended differences |\n|---|---|---|---|\n")
	for _, r := range markdownlint.ListRules {
		tl := tallies[r.ID]
		if tl == nil {
			continue
		}
		fmt.Fprintf(&b, "| %s %s | %s | %d/%d (%.0f%%) | %d |\n", r.ID, r.Alias, r.Check, tl.agree, tl.files, 100*float64(tl.agree)/float64(tl.files), tl.intended)
	}
	t.Log(b.String())
}
