// Package markdownlint maps markdownlint's rules to medlint's: the
// markdownlint rules medlint covers (by number, alias and tag) and the
// medlint rule or check that does what each does (rules.go), which the
// configuration, the command line and inline directives accept as aliases.
//
// It also holds what the tests comparing list-format with markdownlint
// share (this file): markdownlint's list rules, a fixture's
// markdownlint-configure-file object read as markdownlint reads it, and
// markdownlint's inline enable/disable comments resolved per line, the
// reference the engine's directives are tested against. Package fixture
// translates configure-file options into list-format's. It links no rule.
package markdownlint

import (
	"slices"
	"strconv"
	"strings"

	"github.com/medlint/medlint/internal/lazyre"
)

// Rule is one markdownlint list rule and the list-format check that
// corresponds to it.
type Rule struct {
	// ID is the rule's number ("MD004") and Alias its name ("ul-style").
	ID, Alias string
	// Check is the list-format check that does what the rule does.
	Check string
	// Tags are the rule's markdownlint tags, which configure-file and
	// inline comments may also name.
	Tags []string
}

// ListRules are markdownlint's list rules, in order: the Rules that map
// to list-format checks.
var ListRules = listRules()

func listRules() []Rule {
	var out []Rule
	for _, m := range Rules {
		if m.Target.Rule == "list-format" {
			out = append(out, Rule{ID: m.ID, Alias: m.Aliases[0], Check: m.Target.Check, Tags: m.Tags})
		}
	}
	return out
}

// ListRule returns the list rule with the given MD number.
func ListRule(id string) (Rule, bool) {
	i := slices.IndexFunc(ListRules, func(r Rule) bool { return r.ID == id })
	if i < 0 {
		return Rule{}, false
	}
	return ListRules[i], true
}

// RuleForCheck returns the list rule that a list-format check corresponds
// to; ok is false for the checks markdownlint does not have (fake-bullet,
// missing-space).
func RuleForCheck(check string) (Rule, bool) {
	i := slices.IndexFunc(ListRules, func(r Rule) bool { return r.Check == check })
	if i < 0 {
		return Rule{}, false
	}
	return ListRules[i], true
}

// JSTruthy mirrors JavaScript truthiness for the option values found in
// configure-file comments (markdownlint reads options with `x || default`).
func JSTruthy(v any) bool {
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

// JSNumber mirrors Number(x || def).
func JSNumber(v any, def int) int {
	if !JSTruthy(v) {
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

// ruleOptions returns the options object a configure-file comment gives a
// rule under its MD number or alias (compared without case), or nil.
func ruleOptions(cfg map[string]any, names ...string) map[string]any {
	for _, n := range names {
		for k, v := range cfg {
			if o, ok := v.(map[string]any); ok && strings.EqualFold(k, n) {
				return o
			}
		}
	}
	return nil
}

// Config returns whether a configure-file object enables rule r and the
// options it gives the rule, following markdownlint: "default", then tags,
// then the rule's id or alias; a value is a bool, a severity name
// (enabled) or an object (enabled unless "enabled": false).
func Config(cfg map[string]any, r Rule) (enabled bool, opts map[string]any) {
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
			enabled = JSTruthy(v)
		}
	}
	for _, tag := range r.Tags {
		if v, ok := cfg[tag]; ok {
			apply(v)
		}
	}
	for _, name := range []string{r.ID, r.Alias} {
		for k, v := range cfg {
			if strings.EqualFold(k, name) {
				apply(v)
			}
		}
	}
	return enabled, ruleOptions(cfg, r.ID, r.Alias)
}

// Enabled returns, per list rule (by MD number), whether a configure-file
// object leaves it enabled for the whole file before inline comments.
func Enabled(cfg map[string]any) map[string]bool {
	out := map[string]bool{}
	for _, r := range ListRules {
		out[r.ID], _ = Config(cfg, r)
	}
	return out
}

var directive = lazyre.New(`<!--\s*markdownlint-(disable-file|enable-file|disable-next-line|disable-line|disable|enable|capture|restore)((?:\s[^>]*?)?)\s*-->`)

// EnabledLines returns, per 1-based line (index 0 unused; one more entry
// past the last line), which of the list rules (by MD number) are enabled
// after markdownlint's inline directives, starting from initial (see
// Enabled).
func EnabledLines(src string, initial map[string]bool) []map[string]bool {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	resolve := func(params string) []string {
		f := strings.Fields(params)
		var out []string
		for _, r := range ListRules {
			if len(f) == 0 {
				out = append(out, r.ID)
				continue
			}
			for _, name := range f {
				if strings.EqualFold(name, r.ID) || strings.EqualFold(name, r.Alias) || slices.Contains(r.Tags, strings.ToLower(name)) {
					out = append(out, r.ID)
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
		for _, m := range directive.FindAllStringSubmatch(line, -1) {
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
		for _, m := range directive.FindAllStringSubmatch(line, -1) {
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
	out[len(lines)+1] = state
	return out
}
