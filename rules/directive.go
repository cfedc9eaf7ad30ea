package rules

import (
	"fmt"
	"strings"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
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
	ID:       "directive",
	Summary:  "Inline medlint directives must use a known verb and name known rules",
	Severity: lint.SeverityWarning,
	Rationale: "A misspelt directive silently does nothing, so the finding it was meant to silence " +
		"stays, or worse, a typo in a rule id leaves a rule disabled that the writer meant to keep.",
	Bad:  "<!-- medlint-disable duplicate-headings -->",
	Good: "<!-- medlint-disable duplicate-heading -- the FAQ repeats questions on purpose -->",
	Notes: "Directives: medlint-disable [RULE...], medlint-enable [RULE...], medlint-disable-line RULE, " +
		"medlint-disable-next-line RULE, medlint-disable-file RULE. No rule means all rules. " +
		"Text after \" -- \" is a reason, kept for reviewers.",
}

// buildDirective returns the check, which knows the rules the
// configuration defines.
func buildDirective(_ *lint.NoOptions, env lint.Env) (lint.Check, error) {
	return func(pass *lint.Pass) error { return checkDirectives(pass, env.KnownRule) }, nil
}

func checkDirectives(pass *lint.Pass, knownRule func(id string) bool) error {
	for _, d := range pass.Doc.Directives {
		end := d.Comment.End
		if d.Kind == document.DirectiveUnknown {
			pass.Reportf(d.Pos, end, "unknown directive %q (want medlint-disable, medlint-enable, medlint-disable-line, medlint-disable-next-line or medlint-disable-file)", d.Verb)
			continue
		}
		for _, id := range d.Rules {
			if !knownRule(id) {
				pass.Reportf(d.Pos, end, "%s names unknown rule %q%s", d.Verb, id, hint(id))
			}
		}
	}
	return nil
}

func hint(id string) string {
	if strings.ToLower(id) != id {
		return fmt.Sprintf(" (rule ids are lower case: %q)", strings.ToLower(id))
	}
	return ""
}
