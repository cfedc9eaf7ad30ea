package article

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/match"
	"github.com/medlint/medlint/internal/textmemo"
	"github.com/medlint/medlint/internal/textutil"
)

// A medical disclaimer has two elements: "not advice" (the page is not a
// substitute for professional care) and "consult" (see a doctor or other
// professional). The built-in patterns below are matched against
// normalised text (lower case, single spaces, straight apostrophes).
var (
	notAdviceExprs = []string{
		// "not a substitute for professional medical advice", "not intended to be a substitute for", "should not be used as a substitute for", "no substitute for"
		`\b(?:not|no)\b(?: [a-z]+){0,4} (?:substitute|replacement) for\b(?: [a-z,]+){0,4} (?:medical|professional|health ?care|health|doctor|physician|clinical)`,
		// "not medical advice", "not intended as medical advice", "not to be taken as medical advice"
		`\bnot\b(?: (?:intended|meant|designed|to be|be|taken|construed|considered|used|as|to|provide|give|offer|constitute|a|any|personal|personalized|personalised|specific|individual)){0,5} (?:medical|health ?care|health|professional|clinical)(?: or [a-z]+)? advice\b`,
		// "does not constitute medical advice", "do not provide medical advice"
		`\b(?:does|do|doesn't|don't|did|will|can|cannot|can't|should|must) ?n[o']t (?:constitute|provide|give|offer|replace|represent)(?: [a-z]+){0,2} (?:medical|health ?care|health|professional|clinical)(?: or [a-z]+)? (?:advice|care|consultation|diagnosis|treatment)\b`,
		// "for informational purposes only", "for educational and informational purposes only", "for general information only"
		`\bfor (?:general )?(?:informational|information|educational|education|informative)(?: (?:and|or|&) (?:informational|information|educational|education))? (?:purposes? )?only\b`,
		// "Note: Educational information only.", "general information only"
		`\b(?:educational|informational|general) (?:information|content|material|use) only(?:[.!;)]|$)`,
		// "not intended to diagnose, treat, cure or prevent any disease", "not intended to replace"
		`\bnot (?:intended|meant|designed) to (?:diagnose|replace|be used to diagnose)\b`,
		// "should not replace the advice of / a consultation with your doctor"
		`\b(?:should|does|must|can|will) ?n[o']t (?:be used to )?replace\b(?: [a-z]+){0,4} (?:advice|consultation|care|doctor|physician|professional|visit)`,
		// "nothing on this site is a diagnosis", "nothing in this article constitutes medical advice"
		`\bnothing (?:on|in|from) (?:this|our|the) (?:site|website|page|article|post|blog|app|guide|content|newsletter)\b(?: [a-z]+){0,3}? (?:is|constitutes|replaces|should be (?:taken|considered|construed|used) as|is (?:meant|intended) as)(?: a| an| any)?(?: (?:medical|professional|clinical|personal))? (?:diagnosis|advice|treatment|substitute|replacement)\b`,
		// "this page is not a diagnosis", "the quiz results are not a medical diagnosis"
		`\b(?:is|are) not (?:a |an )?(?:medical |clinical |formal )?diagnos[ie]s\b`,
	}
	// notAdviceRE are notAdviceExprs compiled, on first use.
	notAdviceRE  = lazyre.All(notAdviceExprs...)
	professions  = `(?:doctors?|physicians?|gps?|pharmacists?|clinicians?|nurses?|dietitians?|dieticians?|midwife|midwives|specialists?|dermatologists?|optometrists?|ophthalmologists?|dentists?|therapists?|psychologists?|psychiatrists?|p(?:a)?ediatricians?|obstetricians?|gynae?cologists?|cardiologists?|endocrinologists?|allergists?|physiotherapists?|care team|(?:health ?care|health|medical|healthcare|clinical) (?:providers?|professionals?|practitioners?|teams?))`
	consultExprs = []string{
		`\b(?:consult(?:ing)?(?: with)?|consultation with|talk(?:ing)? (?:to|with)|speak(?:ing)? (?:to|with)|seek(?:ing)?(?: the)? (?:advice|guidance|help|opinion)(?: of| from)?|ask|check with|contact|see|get advice from)\b(?: [a-z,'-]+){0,7}? ` + professions + `\b`,
		// "advice from your own doctor or pharmacist", "care of a qualified health professional"
		`\b(?:advice|care|guidance|consultation|opinion|diagnosis|treatment|input)s? (?:from|of|by|with) (?:your|a|an|the|qualified|licensed|registered)\b(?: [a-z,'-]+){0,4}? ` + professions + `\b`,
		// "seek professional medical advice", "seek medical attention", "seek the right care"
		`\b(?:seek|get|obtain)(?:ing|s)? (?:the |a |an )?(?:(?:right|appropriate|proper|professional|medical|qualified|expert|urgent|immediate|prompt) ){1,3}(?:advice|help|care|attention|treatment|guidance|opinion)\b`,
		// "consult a qualified professional"
		`\b(?:consult(?:ing)?(?: with)?|talk(?:ing)? (?:to|with)|speak(?:ing)? (?:to|with)) (?:a|an|your) (?:qualified|licensed|registered|trained) professional\b`,
	}
	// consultRE are consultExprs compiled, on first use.
	consultRE = lazyre.All(consultExprs...)
	// disclaimerLabel recognises a paragraph or heading that introduces
	// itself as a disclaimer.
	disclaimerLabel = lazyre.New(`^(?:important(?: note)?[:.]? )?(?:medical |health |legal )?disclaimers?\b`)
)

// NormalizeDisclaimerText lower-cases text, folds typographic apostrophes
// and quotes and collapses whitespace, so that patterns see one spelling.
func NormalizeDisclaimerText(s string) string {
	if textutil.IsASCII(s) {
		return normalizeASCIIDisclaimerText(s)
	}
	s = disclaimerReplacer.Replace(s)
	return strings.TrimSpace(textutil.CollapseSpaces(strings.ToLower(s)))
}

// normalizeDisclaimerText is NormalizeDisclaimerText (the prefilter's
// name for it).
func normalizeDisclaimerText(s string) string { return NormalizeDisclaimerText(s) }

// normalizeASCIIDisclaimerText is NormalizeDisclaimerText for ASCII text
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
// medical disclaimer by the built-in patterns: it states the "not medical
// advice" element ("for informational purposes only", "not a substitute
// for professional medical advice", ...), or it is labelled as a
// disclaimer ("Disclaimer: ...") and tells readers to consult a
// professional. The claim rules use it to exempt disclaimers (a disclaimer
// is not a claim that needs a source).
func IsDisclaimer(text string) bool {
	m := builtinDisclaimer()
	sc := m.scan(text)
	if !m.mayBeDisclaimer(&sc) {
		return false
	}
	t := normalizeDisclaimerText(text)
	return m.notAdvice(&sc, t) || m.label(&sc, t) && m.consultOf(&sc, t)
}

// Matcher recognises the two elements of a disclaimer: the built-in
// patterns, plus or instead of a configuration's own.
type Matcher struct {
	m *disclaimerMatcher
}

// BuiltinMatcher returns the matcher of the built-in patterns.
func BuiltinMatcher() *Matcher { return builtinMatcher() }

// builtinMatcher is one value, so that the facts memoised per matcher are
// shared by every caller of the built-in patterns.
var builtinMatcher = sync.OnceValue(func() *Matcher { return &Matcher{m: builtinDisclaimer()} })

// NewMatcher compiles extra "not advice" and "consult" patterns
// (case-insensitive regular expressions) added to the built-in ones, or
// replacing them when replace is true (each list must then be
// non-empty). With no extra patterns it returns the built-in matcher.
func NewMatcher(notAdvice, consult []string, replace bool) (*Matcher, error) {
	if !replace && len(notAdvice)+len(consult) == 0 {
		return builtinMatcher(), nil
	}
	na, err := compilePatterns("not-advice-patterns", notAdvice, notAdviceExprs, replace)
	if err != nil {
		return nil, err
	}
	co, err := compilePatterns("consult-patterns", consult, consultExprs, replace)
	if err != nil {
		return nil, err
	}
	return &Matcher{m: newDisclaimerMatcher(na, co)}, nil
}

func compilePatterns(name string, extra []string, builtin []string, replace bool) ([]string, error) {
	var out []string
	if !replace {
		if len(extra) == 0 {
			return builtin, nil
		}
		out = append(out, builtin...)
	} else if len(extra) == 0 {
		return nil, fmt.Errorf("replace-patterns is true but %s is empty: the element could never be found", name)
	}
	for i, p := range extra {
		if _, err := regexp.Compile("(?i)" + p); err != nil {
			return nil, fmt.Errorf("%s[%d] %q: %w", name, i, p, err)
		}
		out = append(out, "(?i)"+p)
	}
	return out, nil
}

// Complete reports whether text alone holds both elements.
func (m *Matcher) Complete(text string) bool {
	sc := m.m.scan(text)
	t := normalizeDisclaimerText(text)
	return m.m.notAdvice(&sc, t) && m.m.consultOf(&sc, t)
}

// Hit is a prose block holding one or both disclaimer elements.
type Hit struct {
	// Index is the block's index in Document.Blocks.
	Index int
	// NotAdvice and Consult report the elements the block provides (a
	// "consult" element in the block before or after a "not advice" one
	// counts for it).
	NotAdvice, Consult bool
}

// Disclaimer is what a page holds of a medical disclaimer.
type Disclaimer struct {
	// Hits are the blocks with an element, in order.
	Hits []Hit
	// Complete is the index in Hits of the first block that completes the
	// disclaimer (both elements, alone or with the hit before it), or -1.
	Complete int
	// EmptyLabel is the line of a block labelled "Disclaimer" that holds
	// neither element (0 when there is none).
	EmptyLabel int
	// Provider is set when a shortcode, include, component or HTML class
	// configured as a disclaimer provider renders the disclaimer.
	Provider *Provider
	// ProviderIndex is the number of prose blocks before the provider
	// (its place among the blocks, for position checks).
	ProviderIndex int
}

// Found reports whether the page carries a complete disclaimer, written
// or provided.
func (d *Disclaimer) Found() bool { return d.Complete >= 0 || d.Provider != nil }

// FindDisclaimer finds the medical disclaimer of doc with m: in its prose
// blocks, or provided by a shortcode, include, component or HTML class
// that providers names. Only rendered prose counts: text in an HTML
// comment, a code block or front matter is invisible to readers. A
// "consult" element counts when it is in the same block as a "not advice"
// element, in the block just before or after it, or in a block labelled
// or headed "Disclaimer". Computed once per document, matcher and
// providers.
func FindDisclaimer(doc *document.Document, m *Matcher, providers *Providers) *Disclaimer {
	if m == nil {
		m = builtinMatcher()
	}
	return doc.Memo(disclaimerKey{m, providers.key()}, func() any {
		d := findDisclaimer(doc, m.m)
		if p := providers.find(doc, providerDisclaimer); p != nil {
			d.Provider = p
			for _, b := range doc.Blocks {
				if b.Pos < p.Pos {
					d.ProviderIndex++
				}
			}
		}
		return d
	}).(*Disclaimer)
}

type disclaimerKey struct {
	m         *Matcher
	providers string
}

func findDisclaimer(doc *document.Document, m *disclaimerMatcher) *Disclaimer {
	bs := m.readBlocks(doc)
	d := &Disclaimer{Complete: -1, Hits: bs.hits(doc.Blocks)}
	d.Complete = completes(d.Hits)
	if len(d.Hits) == 0 {
		for i, b := range doc.Blocks {
			if bs.labelled[i] && b.Kind != document.BlockHeading {
				d.EmptyLabel = b.Line
				break
			}
		}
	}
	return d
}

// disclaimerBlocks is what the matcher read of each block of a document.
type disclaimerBlocks struct {
	m *disclaimerMatcher
	// read holds, for the few blocks holding any of the words a
	// disclaimer needs, the normalised text and the scan; the others
	// (most) are neither normalised nor matched, nor kept. labelled marks
	// the blocks labelled or headed "Disclaimer".
	read     map[int]*disclaimerRead
	labelled []bool
}

// disclaimerRead is what the matcher keeps of a block that may hold a
// disclaimer.
type disclaimerRead struct {
	text string
	scan match.Scanned
	// labelled reports the label ("Disclaimer:") in the text.
	labelled bool
}

// read is what readBlocks learns of a block's text (nil when no pattern
// can match it): a pure function of the text, which an editor's re-lint
// reads back for the blocks an edit left alone.
func (m *disclaimerMatcher) read(text string) *disclaimerRead {
	sc := m.scan(text)
	if !m.relevant(&sc) {
		return nil
	}
	r := &disclaimerRead{text: normalizeDisclaimerText(text), scan: sc}
	r.labelled = m.label(&r.scan, r.text)
	return r
}

// readBlocks scans every block of doc once.
func (m *disclaimerMatcher) readBlocks(doc *document.Document) *disclaimerBlocks {
	n := len(doc.Blocks)
	bs := &disclaimerBlocks{m: m, read: map[int]*disclaimerRead{}, labelled: make([]bool, n)}
	sectionLabel := map[*document.Heading]bool{}
	for i, b := range doc.Blocks {
		if r := textmemo.Get(doc.Texts, m.reads, b.Text, m.read); r != nil {
			bs.read[i] = r
			bs.labelled[i] = r.labelled
		}
		if !bs.labelled[i] && b.Section != nil {
			v, ok := sectionLabel[b.Section]
			if !ok {
				v = strings.Contains(strings.ToLower(b.Section.Text), "disclaimer")
				sectionLabel[b.Section] = v
			}
			bs.labelled[i] = v
		}
	}
	return bs
}

func (bs *disclaimerBlocks) notAdvice(i int) bool {
	r := bs.read[i]
	return r != nil && bs.m.notAdvice(&r.scan, r.text)
}

func (bs *disclaimerBlocks) consult(i int) bool {
	r := bs.read[i]
	return r != nil && bs.m.consultOf(&r.scan, r.text)
}

// hits returns the blocks with an element: a "not advice" element, or a
// "consult" one in a block labelled as a disclaimer, in the block itself
// or in the prose block just before or after a "not advice" one.
func (bs *disclaimerBlocks) hits(blocks []*document.Block) []Hit {
	var out []Hit
	for i := range blocks {
		h := Hit{Index: i, NotAdvice: bs.notAdvice(i)}
		if !h.NotAdvice && !bs.labelled[i] {
			continue
		}
		h.Consult = bs.consult(i)
		if !h.Consult && h.NotAdvice {
			for _, j := range []int{i - 1, i + 1} {
				if j >= 0 && j < len(blocks) && blocks[j].Kind != document.BlockHeading && bs.consult(j) {
					h.Consult = true
				}
			}
		}
		if h.NotAdvice || h.Consult {
			out = append(out, h)
		}
	}
	return out
}

// completes returns the index of the first hit that completes the
// disclaimer: both elements, alone or with the hit in the block before
// it; -1 when none does.
func completes(hits []Hit) int {
	for k, h := range hits {
		if h.NotAdvice && h.Consult {
			return k
		}
		if k > 0 && hits[k-1].Index == h.Index-1 && (hits[k-1].NotAdvice || h.NotAdvice) && (hits[k-1].Consult || h.Consult) {
			return k
		}
	}
	return -1
}
