package rules

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/keywords"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/match"
	"github.com/medlint/medlint/internal/textmemo"
)

func init() { lint.Register(placeholderText) }

// placeholderText finds drafting placeholders left in published text.
var placeholderText = &lint.Definition[PlaceholderTextOptions]{
	Info:     placeholderTextMeta,
	Defaults: func() *PlaceholderTextOptions { return &PlaceholderTextOptions{Templates: true, FrontMatter: true} },
	Build:    buildPlaceholderText,
}

// PlaceholderTextOptions are the options of placeholder-text.
type PlaceholderTextOptions struct {
	Templates   bool     `yaml:"templates" doc:"flag unrendered template expressions {{ ... }} in prose and front matter. A Liquid page (Jekyll: one with a {% tag %}, a {% raw %} or a filtered {{ x | filter }}) is recognised and its Liquid output tags are not flagged, but for \"{{TODO}}\"-style capitals and what is no Liquid expression; set false when your pages are templates that use {{ var }} alone. Hugo shortcodes ({{< >}}, {{% %}}) and MDX expressions in .mdx files are never flagged"`
	FrontMatter bool     `yaml:"front-matter" doc:"also look in front-matter values (the review fields are left to review-date and reviewer-credentials)"`
	Disable     []string `yaml:"disable" doc:"checks to skip, by name (e.g. [tk] for a site that writes about thymidine kinase)"`
}

// Validate checks the disable list.
func (o *PlaceholderTextOptions) Validate() error {
	for _, d := range o.Disable {
		if !placeholderCheckNames[d] {
			return fmt.Errorf("disable: unknown check %q (want one of lorem-ipsum, todo, tk, unfilled-number, citation-needed, name, template, date-format)", d)
		}
	}
	return nil
}

var placeholderCheckNames = map[string]bool{"lorem-ipsum": true, "todo": true, "tk": true, "unfilled-number": true,
	"citation-needed": true, "name": true, "template": true, "date-format": true}

// placeholderTextMeta is the rule's metadata: data, built once.
var placeholderTextMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "placeholder-text",
	Summary:  "Drafting placeholders (Lorem ipsum, TODO, TK, XX%, [citation needed], Dr. X, {{ ... }}, YYYY-MM-DD) must not be published",
	Severity: lint.SeverityError,
	Rationale: "A placeholder in a health article is an unfinished fact: \"XX% of patients\", \"take TK mg\", " +
		"\"[citation needed]\" or \"Dr. X\" tell readers the page was published before it was written. Only " +
		"rendered text is read: code blocks, code spans, HTML comments and link destinations are not, nor are MDX " +
		"imports, exports, {expressions} and {/* comments */} in .mdx files, nor Liquid tags, comments and raw " +
		"regions on Liquid pages.",
	Bad:  "# Eczema\n\nAbout XX% of children get eczema [citation needed]. TODO: add the NICE guidance.\n",
	Good: "# Eczema\n\nAbout 1 in 5 children get eczema.\n",
	Checks: []lint.CheckDoc{
		{Name: "lorem-ipsum", Summary: "Lorem ipsum filler"},
		{Name: "todo", Summary: "TODO, FIXME or TBD in capitals"},
		{Name: "tk", Summary: "the journalists' \"TK\" (to come) as a word of its own; skipped when the page defines TK as an abbreviation (\"(TK)\", thymidine/tyrosine kinase) or uses it as a modifier (\"TK inhibitors\")"},
		{Name: "unfilled-number", Summary: "XX%, $XX, XX mg and the like"},
		{Name: "citation-needed", Summary: "[citation needed], [source needed], (reference needed), [citation], [cite] and the like"},
		{Name: "name", Summary: "\"Dr. X\", \"[Name]\", \"[Insert ...]\", \"[Your ...]\""},
		{Name: "template", Summary: "an unrendered template expression {{ ... }} in prose (see templates); a variable in a URL (\"]({{ baseUrl }}find-a-pharmacy)\") is the site build's and is not flagged, nor is a Liquid output tag on a Liquid page (\"{{ site.phone }}\" next to a {% if %}); \"{{TODO}}\" and \"{{ insert dose }}\" are, there too"},
		{Name: "date-format", Summary: "YYYY-MM-DD (or DD/MM/YYYY, MM/DD/YYYY) where a date belongs; not where the text explains a date format (\"as YYYY-MM-DD\", \"--start-date=YYYY-MM-DD\")"},
	},
	Notes: "Placeholders in the review byline and in the front-matter review fields are reported by review-date " +
		"(unparseable date) and reviewer-credentials (placeholder reviewer), not here, so that one mistake gives " +
		"one finding. Lower-case \"todo\" (Spanish) and \"tk\" are not flagged.",
}

// placeholderPattern is one kind of placeholder.
type placeholderPattern struct {
	check string
	expr  string
	what  string
}

// placeholderSet holds the patterns' expressions, in order: one keyword
// pass over a block tells which can match (package match). It is built on
// first use rather than at start-up.
var placeholderSet = sync.OnceValue(func() *match.Set {
	exprs := make([]string, len(placeholderPatterns))
	for i, p := range placeholderPatterns {
		exprs[i] = p.expr
	}
	return match.MustCompile(exprs...)
})

var (
	placeholderPatterns = []placeholderPattern{
		{"lorem-ipsum", `(?i)\blorem ipsum\b`, "Lorem ipsum filler text"},
		{"todo", `\b(?:TODO|FIXME|TBD)\b`, "a drafting note"},
		{"tk", `\bTK(?:TK)*\b`, "the \"to come\" mark TK"},
		{"unfilled-number", `(?i)(?:[$£€]X{2,}(?:[.,]X+)*\b|\bX{2,}(?:[.,]X+)*(?:\s?%|\s?(?:percent|mg|mcg|µg|kg|g|ml|IU|units?|years?|months?|weeks?|days?|hours?|minutes?|people|patients|adults|children)\b))`, "an unfilled number"},
		{"citation-needed", `(?i)[\[(](?:citation|source|reference|ref|cite)s? (?:needed|required|missing|tbd|tk|to come)[\])]|\[(?:citation|cite|citation\?|source\?)\]`, "a missing-citation marker"},
		{"name", `\bDr\.? (?:X{1,3}|Y|Z|NAME|Name|Surname|Lastname)\b|\[(?i:insert|add|your|author|name|reviewer|doctor|enter|placeholder|surname|first name|last name|full name)\b[^\]\n]{0,40}\]`, "a placeholder name"},
		{"template", `\{\{[^{}\n]{0,200}?[^{}\n/]\s*\}\}`, "an unrendered template expression"},
		{"date-format", `(?i)\b(?:YYYY[-/.]MM[-/.]DD|DD[-/.]MM[-/.]YYYY|MM[-/.]DD[-/.]YYYY)\b`, "a date-format placeholder"},
	}
	// tkModifier follows TK when TK is an abbreviation (thymidine or
	// tyrosine kinase), not the "to come" mark.
	tkModifier = lazyre.New(`^[\s-]+(?:inhibitors?|genes?|enzymes?|activity|levels?|deficiency|receptors?|pathways?|domains?|mutations?|family|proteins?|assay)\b`)
	// tkDefined finds a page that defines TK as an abbreviation.
	tkDefined = lazyre.New(`(?i)\(TK\)|thymidine kinase|tyrosine kinase`)
	// dateFormatContext precedes a date format being explained rather than
	// a date left unfilled.
	dateFormatAfter   = lazyre.New(`(?i)^\W{0,3}(?:format|pattern|notation)\b`)
	dateFormatContext = fastre.MustCompile(`(?i)(?:\b(?:format(?:ted)?|as|like|e\.g|i\.e|such as|form|enter|type|write|use|using|pattern)\b[^.]{0,20}$|=\s*$)`)
)

// buildPlaceholderText validates the options and settles the checks
// turned off.
func buildPlaceholderText(opts *PlaceholderTextOptions, _ lint.Env) (lint.Check, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	disabled := map[string]bool{}
	for _, d := range opts.Disable {
		disabled[d] = true
	}
	if !opts.Templates {
		disabled["template"] = true
	}
	return func(pass *lint.Pass) error { return checkPlaceholderText(pass, opts, disabled) }, nil
}

func checkPlaceholderText(pass *lint.Pass, opts *PlaceholderTextOptions, disabled map[string]bool) error {
	doc := pass.Doc
	skip := reviewerSpans(pass)
	// Whether the page defines TK is read from the whole source, so only
	// when a TK placeholder was found.
	tkKnown, tkDefinedHere := false, false
	tkIsAbbreviation := func() bool {
		if !tkKnown {
			tkKnown, tkDefinedHere = true, tkDefined.Match(doc.Source)
		}
		return tkDefinedHere
	}
	// scanWith reads found, the block's shared keyword pass, when it is not nil.
	scanWith := func(text string, found *keywords.Found, loc func(i, j int) (int, int)) {
		all := textmemo.Get(doc.Texts, placeholderMatchesKind, text, func(text string) [][][]int {
			return placeholderMatches(text, found)
		})
		if all == nil {
			return
		}
		for i, p := range placeholderPatterns {
			if disabled[p.check] {
				continue
			}
			for _, m := range all[i] {
				match := text[m[0]:m[1]]
				if !placeholderAccepted(p.check, text, m, p.check == "tk" && tkIsAbbreviation()) {
					continue
				}
				pos, end := loc(m[0], m[1])
				if overlapsSpan(skip, pos, end) {
					continue
				}
				pass.Report(lint.Diagnostic{Pos: pos, End: end, Check: p.check,
					Message: fmt.Sprintf("%q is %s: replace it with the real content before publishing", match, p.what)})
			}
		}
	}
	scan := func(text string, loc func(i, j int) (int, int)) { scanWith(text, nil, loc) }
	for _, b := range doc.Blocks {
		scanWith(b.Text, pass.Doc.Keywords(b), func(i, j int) (int, int) {
			pos := b.SourceOffset(i)
			return pos, max(b.SourceOffset(max(j-1, i))+1, pos)
		})
	}
	if opts.FrontMatter && doc.FrontMatter != nil {
		for _, f := range doc.FrontMatter.Fields {
			if article.IsReviewKey(f.Key) {
				continue
			}
			if f.Node != nil {
				walkFrontMatterScalars(doc, f.Node, scan)
				continue
			}
			line := f.ValueLine
			if line == 0 {
				line = f.Line
			}
			scanFrontMatterLine(doc, line, f.Value, scan)
		}
	}
	return nil
}

// placeholderMatches returns the matches of each placeholder pattern in
// text (found is the shared keyword pass over it, or nil); nil when text
// holds none of their words (most texts).
func placeholderMatches(text string, found *keywords.Found) [][][]int {
	sc := placeholderSet().ScanWith(text, found)
	if !sc.Any() {
		return nil
	}
	all := make([][][]int, len(placeholderPatterns))
	for i := range placeholderPatterns {
		all[i] = sc.FindAll(i)
	}
	return all
}

// placeholderMatchesKind is placeholderMatches' entry in
// document.Document.Texts.
var placeholderMatchesKind = textmemo.NewKind("placeholder-text matches")

// placeholderAccepted filters matches that are not placeholders.
func placeholderAccepted(check, text string, m []int, tkIsAbbreviation bool) bool {
	switch check {
	case "tk":
		if tkIsAbbreviation || tkModifier.MatchString(text[m[1]:]) {
			return false
		}
		// Part of a code-like token (TK-421, TK_1, abc.TK).
		if m[1] < len(text) && strings.ContainsRune("-_/.0123456789", rune(text[m[1]])) && m[1]+1 < len(text) && text[m[1]+1] != ' ' {
			return false
		}
		if m[0] > 0 && strings.ContainsRune("-_/.", rune(text[m[0]-1])) {
			return false
		}
	case "template":
		inner := strings.TrimSpace(text[m[0]+2 : m[1]-2])
		if strings.HasPrefix(inner, "<") || strings.HasPrefix(inner, "%") || inner == "" {
			return false // Hugo shortcode, or "{{}}" in prose about braces
		}
		// A variable in a URL ("]({{ baseUrl }}finders/...)", href="{{ url }}")
		// is filled by the site's build, not left unfilled by a writer.
		before := strings.TrimRight(text[:m[0]], " ")
		if strings.HasSuffix(before, "](") || strings.HasSuffix(before, "=\"") || strings.HasSuffix(before, "='") ||
			(m[1] < len(text) && strings.ContainsRune("/?#&=.", rune(text[m[1]]))) {
			return false
		}
	case "date-format":
		if dateFormatContext.MatchString(text[max(0, m[0]-40):m[0]]) || dateFormatAfter.MatchString(text[m[1]:]) {
			return false
		}
	}
	return true
}

func overlapsSpan(spans [][2]int, pos, end int) bool {
	for _, s := range spans {
		if pos < s[1] && s[0] < end || pos == s[0] {
			return true
		}
	}
	return false
}

// walkFrontMatterScalars scans every scalar of a YAML value.
func walkFrontMatterScalars(doc *document.Document, n *yaml.Node, scan func(string, func(int, int) (int, int))) {
	switch n.Kind {
	case yaml.ScalarNode:
		scanFrontMatterLine(doc, n.Line+doc.Line(doc.FrontMatter.Start), n.Value, scan)
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			walkFrontMatterScalars(doc, n.Content[i], scan)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			walkFrontMatterScalars(doc, c, scan)
		}
	}
}

// scanFrontMatterLine scans a front-matter value written on line,
// locating each match on that line when it is written there verbatim and
// at the whole line otherwise.
func scanFrontMatterLine(doc *document.Document, line int, value string, scan func(string, func(int, int) (int, int))) {
	if line < 1 || line > doc.LineCount() {
		return
	}
	start, text := doc.LineStart(line), doc.LineText(line)
	scan(value, func(i, j int) (int, int) {
		if k := bytes.Index(text, []byte(value[i:j])); k >= 0 {
			return start + k, start + k + j - i
		}
		return start, doc.LineEnd(line)
	})
}
