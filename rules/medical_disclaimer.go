package rules

import (
	"fmt"
	"strings"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(medicalDisclaimer) }

// medicalDisclaimer checks that a health article tells readers it is not
// medical advice and that they should consult a professional.
var medicalDisclaimer = &lint.Definition[MedicalDisclaimerOptions]{
	Info: medicalDisclaimerMeta,
	Defaults: func() *MedicalDisclaimerOptions {
		return &MedicalDisclaimerOptions{Position: "any", PositionBlocks: 6, SkipPartials: true}
	},
	Build: buildMedicalDisclaimer,
}

// MedicalDisclaimerOptions are the options of medical-disclaimer.
type MedicalDisclaimerOptions struct {
	NotAdvicePatterns []string `yaml:"not-advice-patterns" doc:"extra case-insensitive regular expressions that recognise the 'not advice' element (e.g. 'ne remplace pas un avis médical'); added to the built-in ones unless replace-patterns is true"`
	ConsultPatterns   []string `yaml:"consult-patterns" doc:"extra case-insensitive regular expressions that recognise the 'consult a professional' element; added to the built-in ones unless replace-patterns is true"`
	ReplacePatterns   bool     `yaml:"replace-patterns" doc:"true: not-advice-patterns and consult-patterns replace the built-in patterns instead of adding to them (each list must then be non-empty)"`
	Position          string   `yaml:"position" enum:"any,top,bottom" doc:"where the disclaimer must be: any; top: within the first position-blocks prose blocks of the body; bottom: within the last position-blocks prose blocks"`
	PositionBlocks    int      `yaml:"position-blocks" doc:"size of the top/bottom window in prose blocks (paragraphs, list-item paragraphs, headings, table cells), counted from the start or the end of the body"`
	SkipPartials      bool     `yaml:"skip-partials" doc:"skip partials: fragments included into pages, which carry the disclaimer (a file without a title or level-1 heading that is in a _includes, includes, partials, snippets or fragments directory, is named _NAME, or has at most 120 words; front matter medlint: {partial: true|false} decides)"`
	FixText           string   `yaml:"fix-text" doc:"when set, a missing disclaimer gets a fix that appends this text as the article's last paragraph (with the file's line endings); it must itself be a complete disclaimer (both elements), and nothing is appended to an article that ends inside an unclosed code block or HTML"`
}

// Validate checks position-blocks, the patterns and fix-text.
func (o *MedicalDisclaimerOptions) Validate() error {
	_, err := o.compile()
	return err
}

// compile checks the options and returns the matcher of their patterns.
func (o *MedicalDisclaimerOptions) compile() (*article.Matcher, error) {
	if o.PositionBlocks < 1 {
		return nil, fmt.Errorf("position-blocks must be at least 1, not %d", o.PositionBlocks)
	}
	m, err := o.matcher()
	if err != nil {
		return nil, err
	}
	if o.FixText != "" && !m.Complete(o.FixText) {
		// The appended text must satisfy the rule, or every --fix run (and
		// every pass of one) would append it again.
		return nil, fmt.Errorf("fix-text %q is not a complete disclaimer by the rule's own patterns (it needs the 'not advice' and the 'consult' element), "+
			"so --fix would append it again on every run", o.FixText)
	}
	return m, nil
}

// matcher returns the disclaimer matcher of the options' patterns. It
// does not modify o, so one options value may serve concurrent runs.
func (o *MedicalDisclaimerOptions) matcher() (*article.Matcher, error) {
	m, err := article.NewMatcher(o.NotAdvicePatterns, o.ConsultPatterns, o.ReplacePatterns)
	if err != nil {
		return nil, fmt.Errorf("medical-disclaimer patterns: %w", err)
	}
	return m, nil
}

// medicalDisclaimerMeta is the rule's metadata: data, built once.
var medicalDisclaimerMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "medical-disclaimer",
	Summary:  "Health articles must carry a medical disclaimer: not medical advice, consult a professional",
	Severity: lint.SeverityError,
	Rationale: "Health content is held to \"your money or your life\" standards: HONcode's complementarity " +
		"principle and most publishers' legal policies ask every article to say that it does not replace " +
		"professional advice and that readers should consult a doctor, pharmacist or other qualified " +
		"health professional. A disclaimer has two elements and both are required: \"not advice\" (\"not a " +
		"substitute for professional medical advice\", \"not (intended as) medical advice\", \"for " +
		"informational/educational purposes only\", \"does not constitute medical advice\") and \"consult\" " +
		"(\"consult / talk to / speak with / seek the advice of / see\" a doctor, physician, GP, pharmacist, nurse or qualified " +
		"health provider; \"advice from your own doctor\"; \"seek professional medical advice\"); \"nothing on this site is a " +
		"diagnosis\" states the first element. Only rendered prose counts: text in an HTML comment, a code block or front matter " +
		"is invisible to readers. The \"consult\" element counts when it is in the same paragraph as the " +
		"\"not advice\" element, in the paragraph just before or after it, or in a section headed " +
		"\"Disclaimer\"; elsewhere \"talk to your GP\" is ordinary advice, not a disclaimer.",
	Bad: "# Eczema\n\nEmollients are the first treatment.\n",
	Good: "# Eczema\n\nEmollients are the first treatment.\n\nThis article is for informational purposes only and is " +
		"not a substitute for professional medical advice. Talk to your doctor or pharmacist about your symptoms.\n",
	Checks: []lint.CheckDoc{
		{Name: "missing", Summary: "no disclaimer at all (error, reported at line 1)", WholeFile: true},
		{Name: "incomplete", Summary: "a disclaimer with only one of the two elements (warning naming the missing one)"},
		{Name: "position", Summary: "the disclaimer is outside the top/bottom window set by position (warning)"},
		{Name: "opt-out", Summary: "front matter says disclaimer: none without a disclaimer_reason (error)"},
	},
	Fixable: true,
	Kinds:   article.SetOf(article.KindAdvice, article.KindProduct),
	Notes: "The rule runs on advice and product pages only: contact, about, policy, legal and software pages " +
		"(page kind other) need no medical disclaimer; `medlint explain-file FILE` shows a page's kind and why. " +
		"A shortcode, include, component or HTML element whose name contains \"disclaimer\" provides the disclaimer " +
		"({{< disclaimer >}}, {% include disclaimer.html %}, <Disclaimer />, <div class=\"disclaimer\">); " +
		"providers.disclaimer in .medlint.yml replaces that list. Sites whose page template shows a disclaimer on " +
		"every page (NHS, VA) should switch the rule off for those paths (an overrides entry) rather than repeat it " +
		"in every file. Fragments included into pages are skipped (skip-partials). Opt out per page with front " +
		"matter `disclaimer: none` plus `disclaimer_reason: \"...\"` (for instance a clinic page that only lists " +
		"opening hours); an opt-out without a reason is an error. " +
		"position: top/bottom windows count prose blocks of the body (paragraphs, list-item paragraphs, " +
		"headings, table cells): position-blocks: 6 means the first (top) or last (bottom) six blocks, so a " +
		"site footer such as \"Similar posts\" or \"Leave a reply\" after the disclaimer is tolerated. " +
		"Text inside raw HTML blocks is not read (an element with a disclaimer class counts as a provider). " +
		"A fix exists only when fix-text is set: it appends fix-text as the last paragraph, so it does not " +
		"satisfy position: top. The recogniser lives in internal/article, which the claim rules use to exempt " +
		"disclaimer paragraphs.",
}

// buildMedicalDisclaimer validates the options and compiles their
// patterns once.
func buildMedicalDisclaimer(opts *MedicalDisclaimerOptions, _ lint.Env) (lint.Check, error) {
	m, err := opts.compile()
	if err != nil {
		return nil, err
	}
	return func(pass *lint.Pass) error { return checkMedicalDisclaimer(pass, opts, m) }, nil
}

func checkMedicalDisclaimer(pass *lint.Pass, opts *MedicalDisclaimerOptions, m *article.Matcher) error {
	doc := pass.Doc
	facts := pass.Facts()
	if opts.SkipPartials && facts.Partial {
		return nil
	}
	if o := facts.DisclaimerOptOut; o != nil {
		if o.Reason == "" {
			pass.Report(lint.Diagnostic{
				Pos: o.Pos, End: o.End, Check: "opt-out",
				Message: "disclaimer: none needs a disclaimer_reason saying why this page needs no medical disclaimer",
			})
		}
		return nil
	}
	d := facts.Disclaimer(m)
	blocks := doc.Blocks
	if len(d.Hits) == 0 && d.Provider == nil {
		msg := "no medical disclaimer: say that the article is not a substitute for professional medical advice and that readers should consult a doctor or other qualified health professional"
		if d.EmptyLabel > 0 {
			msg += fmt.Sprintf(" (the disclaimer on line %d has neither element)", d.EmptyLabel)
		}
		diag := lint.Diagnostic{Pos: 0, End: doc.LineEnd(1), Check: "missing", Message: msg}
		if opts.FixText != "" && opts.Position != "top" {
			diag.Fix = appendParagraphFix(doc.Source, doc.CRLF, opts.FixText)
			if !appendsAsWritten(doc.Path, doc.Source, diag.Fix) {
				// The article ends inside an unclosed code fence, HTML
				// block or comment: the text would land there, not be
				// a paragraph of its own, and --fix would append it
				// again on every pass.
				diag.Fix = nil
				diag.Message += " (fix-text is not appended: the article ends inside an unclosed code block, HTML block or comment)"
			}
		}
		pass.Report(diag)
		return nil
	}
	if d.Complete < 0 && d.Provider == nil {
		h := d.Hits[0]
		b := blocks[h.Index]
		missing, example := "consult", "\"Talk to your doctor or pharmacist about your symptoms.\""
		if !h.NotAdvice {
			missing, example = "not advice", "\"This article is for informational purposes only and is not a substitute for professional medical advice.\""
		}
		pass.Report(lint.Diagnostic{
			Pos: b.Pos, End: b.Pos + firstLineLen(doc.Source[b.Pos:b.End]), Check: "incomplete", Severity: lint.SeverityWarning,
			Message: fmt.Sprintf("medical disclaimer lacks the %q element: add e.g. %s", missing, example),
		})
		return nil
	}
	if opts.Position == "any" {
		return nil
	}
	n := opts.PositionBlocks
	inWindow := func(i int) bool {
		if opts.Position == "top" {
			return i < n
		}
		return i >= len(blocks)-n
	}
	if d.Provider != nil && inWindow(d.ProviderIndex) {
		return nil
	}
	for _, h := range d.Hits {
		if inWindow(h.Index) {
			return nil
		}
	}
	pos, end := 0, 0
	if d.Complete >= 0 {
		b := blocks[d.Hits[d.Complete].Index]
		pos, end = b.Pos, b.Pos+firstLineLen(doc.Source[b.Pos:b.End])
	} else {
		pos, end = d.Provider.Pos, d.Provider.End
	}
	where := "first"
	if opts.Position == "bottom" {
		where = "last"
	}
	pass.Report(lint.Diagnostic{
		Pos: pos, End: end, Check: "position", Severity: lint.SeverityWarning,
		Message: fmt.Sprintf("medical disclaimer is not at the %s of the article (position: %s wants it among the %s %d prose blocks)",
			opts.Position, opts.Position, where, n),
	})
	return nil
}

// lineLen returns the length of the first line of b.
func firstLineLen(b []byte) int {
	if i := strings.IndexAny(string(b), "\r\n"); i >= 0 {
		return i
	}
	return len(b)
}

// appendsAsWritten reports whether the text appended by fix (one
// insertion at the end of src) is parsed at the end of the document as it
// is parsed on its own: line by line the same kind (prose, code, HTML...).
// Both are parsed as a file at path is (MDX for an .mdx file).
func appendsAsWritten(path string, src []byte, fix *lint.Fix) bool {
	e := fix.Edits[0]
	fixed := append(append(make([]byte, 0, len(src)+len(e.NewText)), src...), e.NewText...)
	body := strings.TrimLeft(e.NewText, "\r\n")
	whole, err := document.Parse(path, fixed)
	if err != nil {
		return false
	}
	alone, err := document.Parse(path, []byte(body))
	if err != nil {
		return false
	}
	first := whole.Line(len(fixed) - len(body))
	for i, k := range alone.LineKinds {
		if first-1+i >= len(whole.LineKinds) || whole.LineKinds[first-1+i] != k {
			return false
		}
	}
	return true
}

// appendParagraphFix returns a fix that appends text as a final paragraph,
// separated by a blank line and written with the file's line endings.
func appendParagraphFix(src []byte, crlf bool, text string) *lint.Fix {
	nl := "\n"
	if crlf {
		nl = "\r\n"
	}
	body := strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	body = strings.ReplaceAll(body, "\n", nl)
	s := string(src)
	var prefix string
	switch {
	case s == "":
	case strings.HasSuffix(s, "\n\n") || strings.HasSuffix(s, "\r\n\r\n"):
	case strings.HasSuffix(s, "\n"):
		prefix = nl
	default:
		prefix = nl + nl
	}
	return &lint.Fix{
		Message: "append the configured disclaimer (fix-text)",
		Edits:   []lint.Edit{{Pos: len(src), End: len(src), NewText: prefix + body + nl}},
	}
}
