package rules

import (
	"fmt"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(duplicateHeading) }

// duplicateHeading flags headings whose text repeats an earlier heading.
var duplicateHeading = &lint.Definition[DuplicateHeadingOptions]{
	Info:     duplicateHeadingMeta,
	Defaults: func() *DuplicateHeadingOptions { return &DuplicateHeadingOptions{Scope: "siblings"} },
	Run:      checkDuplicateHeading,
}

// DuplicateHeadingOptions are the options of duplicate-heading.
type DuplicateHeadingOptions struct {
	Scope string `yaml:"scope" enum:"siblings,document" doc:"siblings: only headings of the same level under the same parent heading clash; document: any two headings clash (markdownlint MD024)"`
}

// duplicateHeadingMeta is the rule's metadata: data, built once.
var duplicateHeadingMeta = lint.Meta{
	Category: lint.CategoryStyle,
	ID:       "duplicate-heading",
	Summary:  "Headings must not repeat the text of an earlier heading in the same section",
	Severity: lint.SeverityWarning,
	Rationale: "Two headings with the same text confuse readers scanning the page, produce clashing " +
		"anchor links and usually mean a section was pasted twice. Text is compared after " +
		"normalising: case-folded, whitespace collapsed, inline markup and trailing punctuation removed.",
	Bad:   "## Causes\n\nText.\n\n## causes\n",
	Good:  "## Causes\n\nText.\n\n## Risk factors\n",
	Notes: "Equivalent to markdownlint MD024 (no-duplicate-heading); scope: siblings is MD024's siblings_only.",
}

func checkDuplicateHeading(pass *lint.Pass, opts *DuplicateHeadingOptions) error {
	type key struct {
		parent int
		level  int
		text   string
	}
	seen := map[key]int{} // key -> line of the first heading
	for _, h := range pass.Doc.Headings {
		text := document.NormalizeHeading(h.Text)
		if text == "" {
			continue
		}
		k := key{text: text, parent: -1}
		if opts.Scope == "siblings" {
			k.level = h.Level
			if h.Parent != nil {
				k.parent = h.Parent.Index
			}
		}
		if first, ok := seen[k]; ok {
			pass.Report(lint.Diagnostic{
				Pos: h.Pos, End: h.End,
				Message: fmt.Sprintf("duplicate heading %q: same text as the heading on line %d", h.Text, first),
			})
			continue
		}
		seen[k] = h.Line
	}
	return nil
}
