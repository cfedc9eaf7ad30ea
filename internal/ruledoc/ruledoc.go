// Package ruledoc renders a rule's documentation (its Meta and options) as
// Markdown. `medlint explain` prints it and the SARIF report embeds it as
// each rule's help, so both always say the same thing.
package ruledoc

import (
	"fmt"
	"strings"

	"github.com/medlint/medlint/internal/lint"
)

// Markdown returns the full documentation of r as Markdown: summary,
// default severity, rationale, checks, options, examples and notes.
func Markdown(r lint.Rule) string {
	m := r.Meta()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\nDefault severity: %s", m.ID, m.Summary, m.Severity)
	if m.Fixable {
		b.WriteString(" · fixable with --fix")
	}
	b.WriteString("\n")
	if !m.Kinds.Empty() {
		fmt.Fprintf(&b, "\nApplies to page kinds: %s (see Page kinds in the README; `kinds` changes it)\n", m.Kinds)
	}
	if m.Rationale != "" {
		fmt.Fprintf(&b, "\n## Why\n\n%s\n", m.Rationale)
	}
	if len(m.Checks) > 0 {
		b.WriteString("\n## Checks\n\n")
		for _, c := range m.Checks {
			fmt.Fprintf(&b, "- `%s`: %s", c.Name, c.Summary)
			if c.Equivalent != "" {
				fmt.Fprintf(&b, " (markdownlint: %s)", c.Equivalent)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n## Options\n\n")
	b.WriteString("- `severity` (error, warning, info or off): overrides the default severity.\n")
	if len(m.Checks) > 0 {
		b.WriteString("- `checks` (map of check name to error, warning, info or off): sets the severity of single checks.\n")
	}
	kinds := "every kind"
	if !m.Kinds.Empty() {
		kinds = "[" + m.Kinds.String() + "]"
	}
	fmt.Fprintf(&b, "- `kinds` (list of advice, product, other, default %s): the page kinds the rule runs on.\n", kinds)
	for _, o := range lint.Options(r) {
		fmt.Fprintf(&b, "- `%s` (%s, default `%s`)", o.Name, o.Type, o.Default)
		if len(o.Enum) > 0 {
			fmt.Fprintf(&b, ", one of %s", strings.Join(o.Enum, ", "))
		}
		if o.Doc != "" {
			fmt.Fprintf(&b, ": %s", o.Doc)
		}
		b.WriteString("\n")
	}
	if m.Bad != "" {
		fmt.Fprintf(&b, "\n## Flagged\n\n```markdown\n%s\n```\n", strings.TrimRight(m.Bad, "\n"))
	}
	if m.Good != "" {
		fmt.Fprintf(&b, "\n## Fine\n\n```markdown\n%s\n```\n", strings.TrimRight(m.Good, "\n"))
	}
	if m.Notes != "" {
		fmt.Fprintf(&b, "\n## Notes\n\n%s\n", m.Notes)
	}
	return b.String()
}

// Text returns the documentation of r as plain text: Markdown without
// heading markers and code fences (examples are indented instead), for
// viewers that do not render Markdown.
func Text(r lint.Rule) string {
	lines := strings.Split(Markdown(r), "\n")
	out := make([]string, 0, len(lines))
	inFence := false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "```"):
			inFence = !inFence
			continue
		case inFence && l != "":
			l = "    " + l // examples stay verbatim, indented
		case strings.HasPrefix(l, "## "):
			l = strings.TrimPrefix(l, "## ") + ":"
		case strings.HasPrefix(l, "# "):
			l = strings.TrimPrefix(l, "# ")
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// Description returns the rule's long description: its summary followed by
// its rationale, when it has one.
func Description(r lint.Rule) string {
	m := r.Meta()
	if m.Rationale == "" {
		return m.Summary
	}
	return strings.TrimSuffix(m.Summary, ".") + ". " + m.Rationale
}
