package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/markdownlint"
)

func init() { lint.Register(directiveRule) }

// directiveRule reports inline directives that cannot work: an unknown
// verb or an unknown rule id.
var directiveRule = &lint.Definition[lint.NoOptions]{
	Info:  directiveRuleMeta,
	Build: buildDirective,
}

// directiveRuleMeta is the rule's metadata: data, built once.
var directiveRuleMeta = lint.Meta{
	Category: lint.CategoryStyle,
	ID:       "directive",
	Summary:  "Inline medlint directives must use a known verb and name known rules",
	Severity: lint.SeverityWarning,
	Rationale: "A misspelt directive silently does nothing, so the finding it was meant to silence " +
		"stays, or worse, a typo in a rule id leaves a rule disabled that the writer meant to keep.",
	Bad:  "<!-- medlint-disable duplicate-headings -->",
	Good: "<!-- medlint-disable duplicate-heading -- the FAQ repeats questions on purpose -->",
	Notes: "Directives: medlint-disable [RULE...], medlint-enable [RULE...], medlint-disable-line RULE, " +
		"medlint-disable-next-line RULE, medlint-disable-file RULE. No rule means all rules. A name is a rule id, " +
		"RULE/CHECK for one of its checks (uncited-claim/statistic), or the number or alias of a markdownlint rule " +
		"medlint covers (MD004, ul-style). Text after \" -- \" is a reason, kept for reviewers. markdownlint's own " +
		"comments (markdownlint-disable MD004, ...) are honoured for the checks markdownlint also has and never " +
		"reported: the names medlint does not cover are markdownlint's business.",
}

// buildDirective returns the check, which knows the rules the
// configuration defines.
func buildDirective(_ *lint.NoOptions, env lint.Env) (lint.Check, error) {
	return func(pass *lint.Pass) error { return checkDirectives(pass, env.KnownRule) }, nil
}

func checkDirectives(pass *lint.Pass, knownRule func(id string) bool) error {
	for _, d := range pass.Doc.Directives {
		if d.Markdownlint {
			continue
		}
		end := d.Comment.End
		if d.Kind == document.DirectiveUnknown {
			pass.Reportf(d.Pos, end, "unknown directive %q (want medlint-disable, medlint-enable, medlint-disable-line, medlint-disable-next-line or medlint-disable-file)", d.Verb)
			continue
		}
		for _, name := range d.Rules {
			if msg := badName(name, knownRule); msg != "" {
				pass.Reportf(d.Pos, end, "%s %s", d.Verb, msg)
			}
		}
	}
	return nil
}

// badName says what is wrong with a name in a medlint directive, or "".
func badName(name string, knownRule func(id string) bool) string {
	if _, ok := markdownlint.Lookup(name); ok {
		return ""
	}
	t := document.ParseTarget(name)
	if !knownRule(t.Rule) {
		if _, ok := markdownlint.Resolve(name); ok {
			return fmt.Sprintf("names markdownlint tag %q: name rules, RULE/CHECK or markdownlint rules (MD004), or write a markdownlint-... comment", name)
		}
		if strings.HasPrefix(strings.ToUpper(name), "MD") {
			return fmt.Sprintf("names %q, a markdownlint rule medlint does not cover (it covers %s)", name, coveredNumbers())
		}
		return fmt.Sprintf("names unknown rule %q%s", t.Rule, hint(t.Rule))
	}
	if !strings.Contains(name, "/") {
		return ""
	}
	var names []string
	if r, ok := lint.Lookup(t.Rule); ok {
		for _, c := range r.Meta().Checks {
			names = append(names, c.Name)
		}
	}
	switch {
	case slices.Contains(names, t.Check):
		return ""
	case len(names) == 0:
		return fmt.Sprintf("names check %q of %s, which has no named checks", t.Check, t.Rule)
	default:
		return fmt.Sprintf("names unknown check %q of %s (want %s)", t.Check, t.Rule, strings.Join(names, ", "))
	}
}

// coveredNumbers lists the markdownlint rules medlint covers.
func coveredNumbers() string {
	var ids []string
	for _, m := range markdownlint.Rules {
		ids = append(ids, m.ID)
	}
	return strings.Join(ids, ", ")
}

func hint(id string) string {
	if strings.ToLower(id) != id {
		return fmt.Sprintf(" (rule ids are lower case: %q)", strings.ToLower(id))
	}
	return ""
}
