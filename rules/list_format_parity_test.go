package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/linttest"
	"github.com/medlint/medlint/rules"
)

// mdRule is one markdownlint list rule and the list-format check that
// corresponds to it.
type mdRule struct {
	id, alias, check string
	tags             []string
}

var mdListRules = []mdRule{
	{"MD004", "ul-style", "marker-style", []string{"bullet", "ul"}},
	{"MD005", "list-indent", "item-indent", []string{"bullet", "ul", "indentation"}},
	{"MD007", "ul-indent", "nested-indent", []string{"bullet", "ul", "indentation"}},
	{"MD029", "ol-prefix", "ordered-prefix", []string{"ol"}},
	{"MD030", "list-marker-space", "marker-space", []string{"ol", "ul", "whitespace"}},
	{"MD032", "blanks-around-lists", "blank-lines", []string{"bullet", "ul", "ol", "blank_lines"}},
}

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

// jsTruthy mirrors JavaScript truthiness for the option values found in
// configure-file comments (markdownlint reads options with `x || default`).
func jsTruthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		return v != ""
	}
	return true
}

// jsNumber mirrors Number(x || def).
func jsNumber(v any, def int) int {
	if !jsTruthy(v) {
		return def
	}
	switch v := v.(type) {
	case float64:
		return int(v)
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			return n
		}
	}
	return def
}

// mdConfig returns whether a configure-file object enables rule r and the
// options it gives the rule, following markdownlint: "default", then tags,
// then the rule's id or alias; a value is a bool, a severity name
// (enabled) or an object (enabled unless "enabled": false).
func mdConfig(cfg map[string]any, r mdRule) (enabled bool, opts map[string]any) {
	enabled = true
	apply := func(v any) {
		switch v := v.(type) {
		case bool:
			enabled = v
		case string:
			enabled = true
		case map[string]any:
			enabled = true
			if e, ok := v["enabled"].(bool); ok {
				enabled = e
			}
		}
	}
	for k, v := range cfg {
		if strings.EqualFold(k, "default") {
			enabled = jsTruthy(v)
		}
	}
	for _, tag := range r.tags {
		if v, ok := cfg[tag]; ok {
			apply(v)
		}
	}
	for _, name := range []string{r.id, r.alias} {
		for k, v := range cfg {
			if strings.EqualFold(k, name) {
				apply(v)
			}
		}
	}
	if o, _ := ruleOptions(cfg, r.id, r.alias); o != nil {
		opts = o
	}
	return enabled, opts
}

// listFormatOptionsFor maps a fixture's markdownlint options to
// list-format's, the way markdownlint reads them.
func listFormatOptionsFor(cfg map[string]any) (*rules.ListFormatOptions, map[string]bool) {
	r, _ := rules.Lookup("list-format")
	opts := r.NewOptions().(*rules.ListFormatOptions)
	explicit := map[string]bool{}
	_, o4 := mdConfig(cfg, mdListRules[0])
	switch s := o4["style"]; {
	case !jsTruthy(s):
	case slices.Contains([]string{"consistent", "dash", "asterisk", "plus", "sublist"}, fmt.Sprint(s)):
		opts.MarkerStyle = fmt.Sprint(s)
	default:
		opts.MarkerStyle = "dash" // markdownlint falls back to dash for an unknown style
	}
	_, o7 := mdConfig(cfg, mdListRules[2])
	opts.Indent = jsNumber(o7["indent"], 2)
	opts.StartIndented = jsTruthy(o7["start_indented"])
	opts.StartIndent = jsNumber(o7["start_indent"], opts.Indent)
	explicit["indent"], explicit["start-indent"] = true, true
	_, o29 := mdConfig(cfg, mdListRules[3])
	if jsTruthy(o29["style"]) {
		opts.OrderedStyle = fmt.Sprint(o29["style"])
	}
	_, o30 := mdConfig(cfg, mdListRules[4])
	opts.ULSingle = jsNumber(o30["ul_single"], 1)
	opts.OLSingle = jsNumber(o30["ol_single"], 1)
	opts.ULMulti = jsNumber(o30["ul_multi"], 1)
	opts.OLMulti = jsNumber(o30["ol_multi"], 1)
	return opts, explicit
}

var mdDirective = regexp.MustCompile(`<!--\s*markdownlint-(disable-file|enable-file|disable-next-line|disable-line|disable|enable|capture|restore)((?:\s[^>]*?)?)\s*-->`)

// mdEnabledLines returns, per 1-based line, which of the list rules are
// enabled after markdownlint's inline directives.
func mdEnabledLines(src string, initial map[string]bool) []map[string]bool {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	resolve := func(params string) []string {
		f := strings.Fields(params)
		var out []string
		for _, r := range mdListRules {
			if len(f) == 0 {
				out = append(out, r.id)
				continue
			}
			for _, name := range f {
				if strings.EqualFold(name, r.id) || strings.EqualFold(name, r.alias) || slices.Contains(r.tags, strings.ToLower(name)) {
					out = append(out, r.id)
					break
				}
			}
		}
		return out
	}
	set := func(state map[string]bool, ids []string, on bool) map[string]bool {
		next := map[string]bool{}
		for k, v := range state {
			next[k] = v
		}
		for _, id := range ids {
			next[id] = on
		}
		return next
	}
	// File-wide directives first.
	state := initial
	for _, line := range lines {
		for _, m := range mdDirective.FindAllStringSubmatch(line, -1) {
			switch m[1] {
			case "disable-file":
				state = set(state, resolve(m[2]), false)
			case "enable-file":
				state = set(state, resolve(m[2]), true)
			}
		}
	}
	captured := state
	out := make([]map[string]bool, len(lines)+2)
	var nextLine map[string]bool
	for i, line := range lines {
		lineState := state
		if nextLine != nil {
			lineState = nextLine
			nextLine = nil
		}
		for _, m := range mdDirective.FindAllStringSubmatch(line, -1) {
			ids := resolve(m[2])
			switch m[1] {
			case "disable", "enable":
				state = set(state, ids, m[1] == "enable")
				lineState = set(lineState, ids, m[1] == "enable")
			case "capture":
				captured = state
			case "restore":
				state = captured
				lineState = captured
			case "disable-line":
				lineState = set(lineState, ids, false)
			case "disable-next-line":
				nextLine = set(state, ids, false)
			}
		}
		out[i+1] = lineState
	}
	return out
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
	rule, _ := rules.Lookup("list-format")
	used := map[string]bool{}
	for _, name := range names {
		entry := manifest[name]
		srcBytes, err := os.ReadFile(filepath.Join(fixtures, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		opts, explicit := listFormatOptionsFor(entry.ConfigureFile)
		initial := map[string]bool{}
		for _, r := range mdListRules {
			initial[r.id], _ = mdConfig(entry.ConfigureFile, r)
		}
		enabled := mdEnabledLines(string(srcBytes), initial)
		fr := engine.Lint(name, srcBytes, []config.Active{{Rule: rule, Options: opts, Explicit: explicit}}, linttest.Now)
		for _, e := range fr.Errors {
			t.Errorf("%s: %s", name, e.Message)
		}
		for _, r := range mdListRules {
			want, ok := entry.Expected[r.id]
			if !ok {
				continue
			}
			tl := tallies[r.id]
			if tl == nil {
				tl = &tally{}
				tallies[r.id] = tl
			}
			tl.files++
			got := []int{}
			for _, f := range fr.Findings {
				if f.Check == r.check && f.Line < len(enabled) && enabled[f.Line][r.id] && !slices.Contains(got, f.Line) {
					got = append(got, f.Line)
				}
			}
			sort.Ints(got)
			if want == nil {
				want = []int{}
			}
			key := name + " " + r.id
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
					t.Errorf("%s: list-format/%s reports lines %v; the intended difference expects %v (markdownlint: %v)", key, r.check, got, d.lines, want)
				}
				t.Logf("intended difference %s: medlint %v, markdownlint %v: %s", key, got, want, d.reason)
				continue
			}
			t.Errorf("%s: list-format/%s reports lines %v, markdownlint %s %v", name, r.check, got, r.id, want)
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
	for _, r := range mdListRules {
		tl := tallies[r.id]
		if tl == nil {
			continue
		}
		fmt.Fprintf(&b, "| %s %s | %s | %d/%d (%.0f%%) | %d |\n", r.id, r.alias, r.check, tl.agree, tl.files, 100*float64(tl.agree)/float64(tl.files), tl.intended)
	}
	t.Log(b.String())
}
