package markdownlint

import (
	"slices"
	"strings"
)

// Target is what a markdownlint rule corresponds to in medlint: a rule
// (Check empty: all its findings) or one named check of a rule.
type Target struct {
	Rule, Check string
}

// String returns "rule" or "rule/check", as directives and --only write it.
func (t Target) String() string {
	if t.Check == "" {
		return t.Rule
	}
	return t.Rule + "/" + t.Check
}

// Covers reports whether a finding of rule with check is one t stands for.
func (t Target) Covers(rule, check string) bool {
	return t.Rule == rule && (t.Check == "" || t.Check == check)
}

// Mapping is one markdownlint rule that medlint covers and the medlint
// rule or check that does what it does.
type Mapping struct {
	// ID is the rule's number ("MD004").
	ID string
	// Aliases are its names ("ul-style"), the first being markdownlint's
	// primary one.
	Aliases []string
	// Tags are its markdownlint tags, which inline comments may name.
	Tags []string
	// Target is the medlint rule or check.
	Target Target
}

// Rules are the markdownlint rules (markdownlint 0.40) that medlint
// covers, by number; the others (line length, trailing spaces, heading
// style, ...) have no medlint counterpart.
var Rules = []Mapping{
	{"MD001", []string{"heading-increment"}, []string{"headings"}, Target{"heading-structure", "skipped-level"}},
	{"MD004", []string{"ul-style"}, []string{"bullet", "ul"}, Target{"list-format", "marker-style"}},
	{"MD005", []string{"list-indent"}, []string{"bullet", "ul", "indentation"}, Target{"list-format", "item-indent"}},
	{"MD007", []string{"ul-indent"}, []string{"bullet", "ul", "indentation"}, Target{"list-format", "nested-indent"}},
	{"MD024", []string{"no-duplicate-heading"}, []string{"headings"}, Target{"duplicate-heading", ""}},
	{"MD025", []string{"single-title", "single-h1"}, []string{"headings"}, Target{"heading-structure", "multiple-h1"}},
	{"MD029", []string{"ol-prefix"}, []string{"ol"}, Target{"list-format", "ordered-prefix"}},
	{"MD030", []string{"list-marker-space"}, []string{"ol", "ul", "whitespace"}, Target{"list-format", "marker-space"}},
	{"MD032", []string{"blanks-around-lists"}, []string{"bullet", "ul", "ol", "blank_lines"}, Target{"list-format", "blank-lines"}},
	{"MD041", []string{"first-line-heading", "first-line-h1"}, []string{"headings"}, Target{"heading-structure", "first-h1"}},
	{"MD045", []string{"no-alt-text"}, []string{"accessibility", "images"}, Target{"image-alt", "empty"}},
}

// Lookup returns the covered rule with the given number or alias, in any
// case, as markdownlint compares them.
func Lookup(name string) (Mapping, bool) {
	i := slices.IndexFunc(Rules, func(m Mapping) bool {
		return strings.EqualFold(m.ID, name) || slices.ContainsFunc(m.Aliases, func(a string) bool { return strings.EqualFold(a, name) })
	})
	if i < 0 {
		return Mapping{}, false
	}
	return Rules[i], true
}

// Resolve returns the medlint targets a name in a markdownlint inline
// comment stands for: a rule number, an alias or a tag (any case). ok is
// false for a name medlint has nothing for (a rule it does not cover, a
// typo), which markdownlint users expect to be ignored.
func Resolve(name string) (targets []Target, ok bool) {
	if m, ok := Lookup(name); ok {
		return []Target{m.Target}, true
	}
	for _, m := range Rules {
		if slices.Contains(m.Tags, strings.ToLower(name)) {
			targets = append(targets, m.Target)
		}
	}
	return targets, len(targets) > 0
}

// Covered reports whether a finding of rule with check has a markdownlint
// counterpart: what a markdownlint comment naming no rule switches off.
func Covered(rule, check string) bool {
	return slices.ContainsFunc(Rules, func(m Mapping) bool { return m.Target.Covers(rule, check) })
}

// ForTarget returns the covered rules whose target is t, for documentation.
func ForTarget(t Target) []Mapping {
	var out []Mapping
	for _, m := range Rules {
		if m.Target == t {
			out = append(out, m)
		}
	}
	return out
}

// Checks returns the checks of rule that have a markdownlint counterpart.
func Checks(rule string) []string {
	var out []string
	for _, m := range Rules {
		if m.Target.Rule == rule && m.Target.Check != "" {
			out = append(out, m.Target.Check)
		}
	}
	return out
}
