package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/keywords"
)

func init() { Register(medicalDisclaimer{}) }

// medicalDisclaimer checks that a health article tells readers it is not
// medical advice and that they should consult a professional.
type medicalDisclaimer struct{}

// MedicalDisclaimerOptions are the options of medical-disclaimer.
type MedicalDisclaimerOptions struct {
	NotAdvicePatterns []string `yaml:"not-advice-patterns" doc:"extra case-insensitive regular expressions that recognise the 'not advice' element (e.g. 'ne remplace pas un avis médical'); added to the built-in ones unless replace-patterns is true"`
	ConsultPatterns   []string `yaml:"consult-patterns" doc:"extra case-insensitive regular expressions that recognise the 'consult a professional' element; added to the built-in ones unless replace-patterns is true"`
	ReplacePatterns   bool     `yaml:"replace-patterns" doc:"true: not-advice-patterns and consult-patterns replace the built-in patterns instead of adding to them (each list must then be non-empty)"`
	Position          string   `yaml:"position" enum:"any,top,bottom" doc:"where the disclaimer must be: any; top: within the first position-blocks prose blocks of the body; bottom: within the last position-blocks prose blocks"`
	PositionBlocks    int      `yaml:"position-blocks" doc:"size of the top/bottom window in prose blocks (paragraphs, list-item paragraphs, headings, table cells), counted from the start or the end of the body"`
	SkipPartials      bool     `yaml:"skip-partials" doc:"skip files with neither a level-1 heading nor a front-matter title: such fragments are included into pages, which carry the disclaimer"`
	FixText           string   `yaml:"fix-text" doc:"when set, a missing disclaimer gets a fix that appends this text as the article's last paragraph (with the file's line endings); it must itself be a complete disclaimer (both elements), and nothing is appended to an article that ends inside an unclosed code block or HTML"`
}

// Validate checks position-blocks and compiles the patterns.
func (o *MedicalDisclaimerOptions) Validate() error {
	if o.PositionBlocks < 1 {
		return fmt.Errorf("position-blocks must be at least 1, not %d", o.PositionBlocks)
	}
	notAdvice, consult, err := o.patterns()
	if err != nil {
		return err
	}
	if o.FixText != "" {
		// The appended text must satisfy the rule, or every --fix run (and
		// every pass of one) would append it again.
		t := normalizeDisclaimerText(o.FixText)
		m := newDisclaimerMatcher(notAdvice, consult)
		if !m.notAdvice.match(t) || !m.consult.match(t) {
			return fmt.Errorf("fix-text %q is not a complete disclaimer by the rule's own patterns (it needs the 'not advice' and the 'consult' element), "+
				"so --fix would append it again on every run", o.FixText)
		}
	}
	return nil
}

// patterns returns the compiled "not advice" and "consult" patterns. It
// does not modify o, so one options value may serve concurrent runs.
func (o *MedicalDisclaimerOptions) patterns() (notAdvice, consult []*regexp.Regexp, err error) {
	if notAdvice, err = compileDisclaimerPatterns("not-advice-patterns", o.NotAdvicePatterns, notAdviceRE, o.ReplacePatterns); err != nil {
		return nil, nil, err
	}
	if consult, err = compileDisclaimerPatterns("consult-patterns", o.ConsultPatterns, consultRE, o.ReplacePatterns); err != nil {
		return nil, nil, err
	}
	return notAdvice, consult, nil
}

func compileDisclaimerPatterns(name string, extra []string, builtin []*regexp.Regexp, replace bool) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	if !replace {
		if len(extra) == 0 {
			return builtin, nil
		}
		out = append(out, builtin...)
	} else if len(extra) == 0 {
		return nil, fmt.Errorf("replace-patterns is true but %s is empty: the element could never be found", name)
	}
	for i, p := range extra {
		re, err := regexp.Compile("(?i)" + p)
		if err != nil {
			return nil, fmt.Errorf("%s[%d] %q: %w", name, i, p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// Built-in patterns, matched against normalised text (lower case, single
// spaces, straight apostrophes).
var (
	notAdviceRE = mustCompileDisclaimer(
		// "not a substitute for professional medical advice", "not intended to be a substitute for", "should not be used as a substitute for", "no substitute for"
		`\b(?:not|no)\b(?: [a-z]+){0,4} (?:substitute|replacement) for\b(?: [a-z,]+){0,4} (?:medical|professional|health ?care|health|doctor|physician|clinical)`,
		// "not medical advice", "not intended as medical advice", "not to be taken as medical advice"
		`\bnot\b(?: (?:intended|meant|designed|to be|be|taken|construed|considered|used|as|to|provide|give|offer|constitute|a|any|personal|personalized|personalised|specific|individual)){0,5} (?:medical|health ?care|health|professional|clinical)(?: or [a-z]+)? advice\b`,
		// "does not constitute medical advice", "do not provide medical advice"
		`\b(?:does|do|doesn't|don't|did|will|can|cannot|can't|should|must) ?n[o']t (?:constitute|provide|give|offer|replace|represent)(?: [a-z]+){0,2} (?:medical|health ?care|health|professional|clinical)(?: or [a-z]+)? (?:advice|care|consultation|diagnosis|treatment)\b`,
		// "for informational purposes only", "for educational and informational purposes only", "for general information only"
		`\bfor (?:general )?(?:informational|information|educational|education|informative)(?: (?:and|or|&) (?:informational|information|educational|education))? (?:purposes? )?only\b`,
		// "not intended to diagnose, treat, cure or prevent any disease", "not intended to replace"
		`\bnot (?:intended|meant|designed) to (?:diagnose|replace|be used to diagnose)\b`,
		// "should not replace the advice of / a consultation with your doctor"
		`\b(?:should|does|must|can|will) ?n[o']t (?:be used to )?replace\b(?: [a-z]+){0,4} (?:advice|consultation|care|doctor|physician|professional|visit)`,
	)
	consultRE = mustCompileDisclaimer(
		`\b(?:consult(?:ing)?(?: with)?|consultation with|talk(?:ing)? (?:to|with)|speak(?:ing)? (?:to|with)|seek(?:ing)?(?: the)? (?:advice|guidance|help|opinion)(?: of| from)?|ask|check with|contact|see|get advice from)\b(?: [a-z,'-]+){0,7}? (?:doctors?|physicians?|gps?|pharmacists?|clinicians?|nurses?|dietitians?|midwife|midwives|specialists?|dermatologists?|care team|(?:health ?care|health|medical|healthcare|clinical) (?:providers?|professionals?|practitioners?|teams?))\b`,
	)
	// disclaimerLabel recognises a paragraph or heading that introduces
	// itself as a disclaimer.
	disclaimerLabel = regexp.MustCompile(`^(?:important(?: note)?[:.]? )?(?:medical |health |legal )?disclaimers?\b`)
)

func mustCompileDisclaimer(ps ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(ps))
	for i, p := range ps {
		out[i] = regexp.MustCompile(p)
	}
	return out
}

// normalizeDisclaimerText lower-cases text, folds typographic apostrophes
// and quotes and collapses whitespace, so that patterns see one spelling.
func normalizeDisclaimerText(s string) string {
	if keywords.IsASCII(s) {
		return normalizeASCIIDisclaimerText(s)
	}
	s = disclaimerReplacer.Replace(s)
	return strings.TrimSpace(keywords.CollapseSpaces(strings.ToLower(s)))
}

// normalizeASCIIDisclaimerText is normalizeDisclaimerText for ASCII text
// in one pass: of the replacements only '*' (dropped) and '_' (a space)
// apply, and lower-casing is ASCII's.
func normalizeASCIIDisclaimerText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inSpace := false
	for i := range len(s) {
		c := s[i]
		switch {
		case c == '*':
			continue
		case c == '_':
			c = ' '
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' {
			if inSpace {
				continue
			}
			inSpace, c = true, ' '
		} else {
			inSpace = false
		}
		b.WriteByte(c)
	}
	return strings.TrimSpace(b.String())
}

// IsDisclaimer reports whether the plain text of a paragraph is (part of) a
// medical disclaimer by medical-disclaimer's built-in patterns: it states
// the "not medical advice" element ("for informational purposes only",
// "not a substitute for professional medical advice", ...), or it is
// labelled as a disclaimer ("Disclaimer: ...") and tells readers to
// consult a professional. Other rules use it to exempt disclaimers (a
// disclaimer is not a claim that needs a source).
func IsDisclaimer(text string) bool {
	if !mayBeDisclaimer(text) {
		return false
	}
	t := normalizeDisclaimerText(text)
	return builtinDisclaimer.notAdvice.match(t) || (disclaimerLabel.MatchString(t) && builtinDisclaimer.consult.match(t))
}

func (medicalDisclaimer) Meta() Meta {
	return Meta{
		ID:       "medical-disclaimer",
		Summary:  "Health articles must carry a medical disclaimer: not medical advice, consult a professional",
		Severity: SeverityError,
		Rationale: "Health content is held to \"your money or your life\" standards: HONcode's complementarity " +
			"principle and most publishers' legal policies ask every article to say that it does not replace " +
			"professional advice and that readers should consult a doctor, pharmacist or other qualified " +
			"health professional. A disclaimer has two elements and both are required: \"not advice\" (\"not a " +
			"substitute for professional medical advice\", \"not (intended as) medical advice\", \"for " +
			"informational/educational purposes only\", \"does not constitute medical advice\") and \"consult\" " +
			"(\"consult / talk to / speak with / seek the advice of\" a doctor, physician, GP, pharmacist or qualified " +
			"health provider). Only rendered prose counts: text in an HTML comment, a code block or front matter " +
			"is invisible to readers. The \"consult\" element counts when it is in the same paragraph as the " +
			"\"not advice\" element, in the paragraph just before or after it, or in a section headed " +
			"\"Disclaimer\"; elsewhere \"talk to your GP\" is ordinary advice, not a disclaimer.",
		Bad: "# Eczema\n\nEmollients are the first treatment.\n",
		Good: "# Eczema\n\nEmollients are the first treatment.\n\nThis article is for informational purposes only and is " +
			"not a substitute for professional medical advice. Talk to your doctor or pharmacist about your symptoms.\n",
		Checks: []CheckDoc{
			{Name: "missing", Summary: "no disclaimer at all (error, reported at line 1)"},
			{Name: "incomplete", Summary: "a disclaimer with only one of the two elements (warning naming the missing one)"},
			{Name: "position", Summary: "the disclaimer is outside the top/bottom window set by position (warning)"},
			{Name: "opt-out", Summary: "front matter says disclaimer: none without a disclaimer_reason (error)"},
		},
		Fixable: true,
		Notes: "Sites whose page template shows a disclaimer on every page (NHS, VA) should switch the rule off " +
			"for those paths (an overrides entry) rather than repeat it in every file. Files with neither a level-1 " +
			"heading nor a front-matter title are treated as fragments included into pages and skipped " +
			"(skip-partials). Opt out per page with front matter `disclaimer: none` plus `disclaimer_reason: \"...\"` (for " +
			"instance a page that only lists opening hours); an opt-out without a reason is an error. " +
			"position: top/bottom windows count prose blocks of the body (paragraphs, list-item paragraphs, " +
			"headings, table cells): position-blocks: 6 means the first (top) or last (bottom) six blocks, so a " +
			"site footer such as \"Similar posts\" or \"Leave a reply\" after the disclaimer is tolerated. " +
			"Disclaimers written as raw HTML blocks (<div class=\"disclaimer\">) are not read; write them in Markdown. " +
			"A fix exists only when fix-text is set: it appends fix-text as the last paragraph, so it does not " +
			"satisfy position: top. Other rules can call rules.IsDisclaimer(text) to recognise a disclaimer paragraph.",
	}
}

func (medicalDisclaimer) NewOptions() any {
	return &MedicalDisclaimerOptions{Position: "any", PositionBlocks: 6, SkipPartials: true}
}

// disclaimerHit is a prose block holding one or both disclaimer elements.
type disclaimerHit struct {
	index              int
	notAdvice, consult bool
}

func (medicalDisclaimer) Run(pass *Pass) {
	opts := pass.Options.(*MedicalDisclaimerOptions)
	notAdvice, consult, err := opts.patterns()
	if err != nil {
		// The config loader validates options; an invalid value here comes
		// from a caller that built it by hand. The engine turns the panic
		// into a file error.
		panic(fmt.Sprintf("medical-disclaimer: %v", err))
	}
	doc := pass.Doc
	if opts.SkipPartials && IsPartial(doc) {
		return
	}
	if fm := doc.FrontMatter; fm != nil {
		if f := fm.Get("disclaimer"); f != nil && strings.EqualFold(strings.TrimSpace(f.Value), "none") {
			if r := fm.Get("disclaimer_reason", "disclaimerReason", "disclaimer-reason"); r == nil || strings.TrimSpace(r.Value) == "" {
				pos := doc.LineStart(f.Line)
				pass.Report(Diagnostic{
					Pos: pos, End: doc.LineEnd(f.Line), Check: "opt-out",
					Message: "disclaimer: none needs a disclaimer_reason saying why this page needs no medical disclaimer",
				})
			}
			return
		}
	}

	m := builtinDisclaimer
	if len(opts.NotAdvicePatterns)+len(opts.ConsultPatterns) > 0 {
		m = newDisclaimerMatcher(notAdvice, consult)
	}
	blocks := doc.Blocks
	// Most blocks hold none of the words a disclaimer needs: they are
	// neither normalised nor matched (texts[i] stays "", skip[i] true).
	texts := make([]string, len(blocks))
	skip := make([]bool, len(blocks))
	labelled := make([]bool, len(blocks))
	sectionLabel := map[*document.Heading]bool{}
	for i, b := range blocks {
		if m.relevant(b.Text) {
			texts[i] = normalizeDisclaimerText(b.Text)
			labelled[i] = disclaimerLabel.MatchString(texts[i])
		} else {
			skip[i] = true
		}
		if !labelled[i] && b.Section != nil {
			v, ok := sectionLabel[b.Section]
			if !ok {
				v = strings.Contains(strings.ToLower(b.Section.Text), "disclaimer")
				sectionLabel[b.Section] = v
			}
			labelled[i] = v
		}
	}
	matchBlock := func(ps gatedPatterns, i int) bool { return !skip[i] && ps.match(texts[i]) }
	// A "consult" element counts next to a "not advice" one or in a
	// labelled disclaimer; a labelled block also counts on its own.
	var hits []disclaimerHit
	for i := range blocks {
		h := disclaimerHit{index: i, notAdvice: matchBlock(m.notAdvice, i)}
		if h.notAdvice || labelled[i] {
			h.consult = matchBlock(m.consult, i)
			if !h.consult && h.notAdvice {
				for _, j := range []int{i - 1, i + 1} {
					if j >= 0 && j < len(blocks) && blocks[j].Kind != document.BlockHeading && matchBlock(m.consult, j) {
						h.consult = true
					}
				}
			}
			if h.notAdvice || h.consult {
				hits = append(hits, h)
			}
		}
	}
	// Both elements may sit in two consecutive labelled blocks.
	complete := -1
	for k, h := range hits {
		if h.notAdvice && h.consult {
			complete = k
			break
		}
		if k > 0 && hits[k-1].index == h.index-1 && (hits[k-1].notAdvice || h.notAdvice) && (hits[k-1].consult || h.consult) {
			complete = k
			break
		}
	}

	if len(hits) == 0 {
		msg := "no medical disclaimer: say that the article is not a substitute for professional medical advice and that readers should consult a doctor or other qualified health professional"
		for i, b := range blocks {
			if labelled[i] && b.Kind != document.BlockHeading {
				msg += fmt.Sprintf(" (the disclaimer on line %d has neither element)", b.Line)
				break
			}
		}
		d := Diagnostic{Pos: 0, End: doc.LineEnd(1), Check: "missing", Message: msg}
		if opts.FixText != "" && opts.Position != "top" {
			d.Fix = appendParagraphFix(doc.Source, doc.CRLF, opts.FixText)
			if !appendsAsWritten(doc.Source, d.Fix) {
				// The article ends inside an unclosed code fence, HTML
				// block or comment: the text would land there, not be
				// a paragraph of its own, and --fix would append it
				// again on every pass.
				d.Fix = nil
				d.Message += " (fix-text is not appended: the article ends inside an unclosed code block, HTML block or comment)"
			}
		}
		pass.Report(d)
		return
	}
	if complete < 0 {
		h := hits[0]
		b := blocks[h.index]
		missing, example := "consult", "\"Talk to your doctor or pharmacist about your symptoms.\""
		if !h.notAdvice {
			missing, example = "not advice", "\"This article is for informational purposes only and is not a substitute for professional medical advice.\""
		}
		pass.Report(Diagnostic{
			Pos: b.Pos, End: b.Pos + firstLineLen(doc.Source[b.Pos:b.End]), Check: "incomplete", Severity: SeverityWarning,
			Message: fmt.Sprintf("medical disclaimer lacks the %q element: add e.g. %s", missing, example),
		})
		return
	}
	if opts.Position == "any" {
		return
	}
	n := opts.PositionBlocks
	inWindow := func(i int) bool {
		if opts.Position == "top" {
			return i < n
		}
		return i >= len(blocks)-n
	}
	for _, h := range hits {
		if inWindow(h.index) {
			return
		}
	}
	b := blocks[hits[complete].index]
	where := "first"
	if opts.Position == "bottom" {
		where = "last"
	}
	pass.Report(Diagnostic{
		Pos: b.Pos, End: b.Pos + firstLineLen(doc.Source[b.Pos:b.End]), Check: "position", Severity: SeverityWarning,
		Message: fmt.Sprintf("medical disclaimer is not at the %s of the article (position: %s wants it among the %s %d prose blocks)",
			opts.Position, opts.Position, where, n),
	})
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
func appendsAsWritten(src []byte, fix *Fix) bool {
	e := fix.Edits[0]
	fixed := append(append(make([]byte, 0, len(src)+len(e.NewText)), src...), e.NewText...)
	body := strings.TrimLeft(e.NewText, "\r\n")
	whole, err := document.Parse("fixed.md", fixed)
	if err != nil {
		return false
	}
	alone, err := document.Parse("fix-text.md", []byte(body))
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
func appendParagraphFix(src []byte, crlf bool, text string) *Fix {
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
	return &Fix{
		Message: "append the configured disclaimer (fix-text)",
		Edits:   []Edit{{Pos: len(src), End: len(src), NewText: prefix + body + nl}},
	}
}
