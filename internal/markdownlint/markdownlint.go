// Package markdownlint holds what the tests comparing list-format with
// markdownlint share: markdownlint's list rules and the list-format check
// each corresponds to, the translation of a fixture's
// markdownlint-configure-file options into list-format's options, and
// markdownlint's inline enable/disable comments resolved per line. The
// line-parity test (package rules) and the fixed-text comparison (package
// fix) both use it, so that they read the fixtures the same way.
package markdownlint

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/rules"
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

// ListRules are markdownlint's list rules, in order.
var ListRules = []Rule{
	{"MD004", "ul-style", "marker-style", []string{"bullet", "ul"}},
	{"MD005", "list-indent", "item-indent", []string{"bullet", "ul", "indentation"}},
	{"MD007", "ul-indent", "nested-indent", []string{"bullet", "ul", "indentation"}},
	{"MD029", "ol-prefix", "ordered-prefix", []string{"ol"}},
	{"MD030", "list-marker-space", "marker-space", []string{"ol", "ul", "whitespace"}},
	{"MD032", "blanks-around-lists", "blank-lines", []string{"bullet", "ul", "ol", "blank_lines"}},
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

// ListFormatOptions maps a fixture's markdownlint configure-file options to
// list-format's, the way markdownlint reads them: ul-style style ->
// marker-style; ol-prefix style -> ordered-style; list-marker-space
// ul_single, ol_single, ul_multi, ol_multi -> ul-single, ol-single,
// ul-multi, ol-multi; ul-indent indent, start_indented, start_indent ->
// indent, start-indented, start-indent. The second result lists the
// options to treat as set explicitly (config.Active.Explicit).
func ListFormatOptions(cfg map[string]any) (*rules.ListFormatOptions, map[string]bool) {
	r, ok := lint.Lookup("list-format")
	if !ok {
		panic("markdownlint: list-format is not registered")
	}
	opts := r.NewOptions().(*rules.ListFormatOptions)
	opts.StyleChecks = "per-item" // markdownlint reports every item
	explicit := map[string]bool{}
	rule := func(id string) map[string]any {
		lr, _ := ListRule(id)
		_, o := Config(cfg, lr)
		return o
	}
	o4 := rule("MD004")
	switch s := o4["style"]; {
	case !JSTruthy(s):
	case slices.Contains([]string{"consistent", "dash", "asterisk", "plus", "sublist"}, fmt.Sprint(s)):
		opts.MarkerStyle = fmt.Sprint(s)
	default:
		opts.MarkerStyle = "dash" // markdownlint falls back to dash for an unknown style
	}
	o7 := rule("MD007")
	opts.Indent = JSNumber(o7["indent"], 2)
	opts.StartIndented = JSTruthy(o7["start_indented"])
	opts.StartIndent = JSNumber(o7["start_indent"], opts.Indent)
	explicit["indent"], explicit["start-indent"] = true, true
	o29 := rule("MD029")
	if JSTruthy(o29["style"]) {
		opts.OrderedStyle = fmt.Sprint(o29["style"])
	}
	o30 := rule("MD030")
	opts.ULSingle = JSNumber(o30["ul_single"], 1)
	opts.OLSingle = JSNumber(o30["ol_single"], 1)
	opts.ULMulti = JSNumber(o30["ul_multi"], 1)
	opts.OLMulti = JSNumber(o30["ol_multi"], 1)
	return opts, explicit
}

var directive = regexp.MustCompile(`<!--\s*markdownlint-(disable-file|enable-file|disable-next-line|disable-line|disable|enable|capture|restore)((?:\s[^>]*?)?)\s*-->`)

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
