package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/textmemo"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/medlint/medlint/internal/cite"
	"github.com/medlint/medlint/internal/claim"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fastre"
)

func init() { lint.Register(uncitedClaim) }

// uncitedClaim flags statistics, research attributions, establishment
// claims and doses that carry no source in their sentence (or paragraph).
var uncitedClaim = &lint.Definition[UncitedClaimOptions]{
	Info: uncitedClaimMeta,
	Defaults: func() *UncitedClaimOptions {
		return &UncitedClaimOptions{Scope: "sentence", MinScore: 2, RelativeLinks: true, SourceSections: slices.Clone(defaultSourceSections)}
	},
	Build: buildUncitedClaim,
}

// UncitedClaimOptions are the options of uncited-claim.
type UncitedClaimOptions struct {
	Scope              string   `yaml:"scope" enum:"sentence,paragraph" doc:"where the citation must be: in the same sentence as the claim, or anywhere in its paragraph (list item, block-quote paragraph)"`
	MinScore           int      `yaml:"min-score" doc:"score a sentence needs to count as a claim: a statistic, a research attribution or an establishment claim scores 2, a dose 1 (2 when the sentence also states an effect such as 'reduces'); several kinds add up; first-person experience ('I', 'my') subtracts 1. Raise to 3 to flag only sentences with two kinds of claim, lower to 1 to flag every dose"`
	NonCitationDomains []string `yaml:"non-citation-domains" doc:"link hosts that are not sources (the site's own shop, social media); a domain also covers its subdomains"`
	ExtraSignals       []string `yaml:"extra-signals" doc:"extra claim wording as Go regular expressions (case-insensitive), each scoring 2; prefix one with 'statistic:', 'research-claim:', 'establishment:' or 'dose:' to choose its check (default research-claim)"`
	AllowPhrases       []string `yaml:"allow-phrases" doc:"Go regular expressions (case-insensitive) for wording that is not a claim; a signal overlapping a match is ignored"`
	RelativeLinks      bool     `yaml:"relative-links-cite" doc:"whether a relative link (another page of the same site, such as /guides/sleep) counts as a citation; set false when internal links are navigation rather than sources"`
	FlagAttributions   bool     `yaml:"flag-attributions" doc:"also flag a claim attributed to a named person or body with no reference ('As Dr. Lee says, ...', 'according to the CDC')"`
	SourceSections     []string `yaml:"source-sections" doc:"heading texts (case-insensitive, whole heading text) of reference sections, skipped with their subsections; setting it replaces the default list"`
}

// Validate checks the regular expressions and the score.
func (o *UncitedClaimOptions) Validate() error {
	_, err := buildUncitedClaim(o, lint.Env{})
	return err
}

type extraSignal struct {
	check string
	re    *regexp.Regexp
}

func compileSignals(list []string) ([]extraSignal, error) {
	out := make([]extraSignal, 0, len(list))
	for _, s := range list {
		check := claim.CheckResearch
		if name, rest, ok := strings.Cut(s, ":"); ok && slices.Contains(claim.Checks, name) {
			check, s = name, rest
		}
		re, err := regexp.Compile("(?i)" + s)
		if err != nil {
			return nil, fmt.Errorf("extra-signals: invalid regular expression %q: %w", s, err)
		}
		out = append(out, extraSignal{check: check, re: re})
	}
	return out, nil
}

func compileAll(option string, list []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(list))
	for _, s := range list {
		re, err := regexp.Compile("(?i)" + s)
		if err != nil {
			return nil, fmt.Errorf("%s: invalid regular expression %q: %w", option, s, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// defaultSourceSections are the headings of reference lists.
var defaultSourceSections = []string{
	"references", "reference", "sources", "source", "citations", "bibliography", "works cited",
	"literature cited", "footnotes", "notes", "endnotes", "further reading", "reference list",
	"sources and references", "references and sources", "references and further reading",
	"sources and further reading", "scientific references", "selected references", "key references",
	"research references", "studies cited", "resources", "additional resources",
}

var checkLabels = map[string]string{
	claim.CheckStatistic:     "statistic",
	claim.CheckResearch:      "research claim",
	claim.CheckEstablishment: "establishment claim",
	claim.CheckDose:          "dose claim",
}

// uncitedClaimMeta is the rule's metadata: data, built once.
var uncitedClaimMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "uncited-claim",
	Summary:  "Statistics, research claims, 'clinically proven' and dose claims need a source in the same sentence",
	Severity: lint.SeverityWarning,
	Rationale: "Health content is held to 'your money or your life' standards: HONcode's attribution principle, " +
		"the US FTC (health claims need competent and reliable scientific evidence) and Google's quality " +
		"rater guidelines all expect a factual claim to name its source. A reader cannot check '70% of your " +
		"immune system is in your gut' or 'studies show'; an editor cannot either. Each sentence of every " +
		"paragraph and list item is scored for claim wording; one that reaches min-score and holds no " +
		"citation is flagged, naming the wording that fired. Hedges ('may', 'might') do not remove the need " +
		"for a source; first-person experience ('in my practice I see') lowers the score.",
	Bad: "Approximately 70% of your immune system resides in your gut.\n\n" +
		"Studies show that probiotics clear acne.\n",
	Good: "Approximately 70% of your immune system resides in your gut ([Wiertsema et al., 2021](https://doi.org/10.3390/nu13030886)).\n\n" +
		"A 2023 review found that probiotics may help some people with acne.[^1]\n\n" +
		"[^1]: Smith J, et al. Probiotics and acne. J Clin Med. 2023. doi:10.3390/jcm0000000\n",
	Checks: []lint.CheckDoc{
		{Name: claim.CheckStatistic, Summary: "a proportion, ratio, comparison or population count: '70% of', 'reduces the risk by 30%', '1 in 3 adults', 'twice as likely', 'nearly half of all adults', 'millions of people', '37 million Americans'. A plain number is not a statistic: 'Step 3', 'call 111', years, dates, phone numbers, '24 hours a day', ages ('adults aged 65 and over'), durations ('most people get better in 2 weeks'), concentrations ('1% hydrocortisone')"},
		{Name: claim.CheckResearch, Summary: "research attribution without a reference: 'studies show', 'research suggests', 'scientists found', 'experts agree', 'a 2023 review published in ...', 'according to a study', 'science reveals', 'there is growing evidence'. 'The study found' scores only 1: it usually refers to a study cited in the sentence before"},
		{Name: claim.CheckEstablishment, Summary: "appeal to authority: 'clinically proven', 'scientifically proven', 'doctor recommended', 'recommended by dermatologists', 'proven to reduce' (not when negated: 'not clinically proven')"},
		{Name: claim.CheckDose, Summary: "an amount with a unit ('2,000 IU', 'at least 10 billion CFUs', '400 mcg') in a sentence that states an effect ('reduces', 'may lower', 'prevents'); a bare dose recommendation ('aim for 25-30 grams of fiber') scores 1 and is not flagged at the default min-score"},
	},
	Notes: "Citations (option scope: sentence, the default, or paragraph): an inline, reference-style or auto link " +
		"(not an #anchor, mailto:/tel:, an image, or a host in non-citation-domains; a relative link to another page " +
		"of the site counts unless relative-links-cite is false); a footnote reference [^n] with a definition; a numeric marker [3], [2, 5], <sup>3</sup> " +
		"or a number linking to an in-page anchor; a DOI (10.NNNN/...); PMID: 123 / PMC123; an author-year " +
		"reference '(Smith et al., 2020)', '(WHO, 2023)'. A marker right after the full stop ('...gut.[3]') cites " +
		"the sentence before it.\n\n" +
		"Table cells are checked with their column's header as context (\"Share of adults affected\" | \"About 10%\"); a " +
		"citation anywhere in the row (a Source column) cites the row. " +
		"Never checked: code spans and blocks, HTML comments and blocks, front matter, headings, table header cells, " +
		"footnote definitions, the reference section (headings listed in source-sections, with their subsections), " +
		"and disclaimer paragraphs ('for informational purposes only', 'not a substitute for medical advice').\n\n" +
		"A claim attributed to a named person or body with no reference ('As Dr. Lee emphasizes, ...', " +
		"'according to the CDC, ...') is an attribution: it is flagged only with flag-attributions: true. A statistic " +
		"in such a sentence is still flagged, because the number itself has no source.\n\n" +
		"The sentence splitter keeps 'Dr.', 'e.g.', 'i.e.', 'et al.', 'vs.', 'U.S.', initials and decimals ('2.5 mg') " +
		"inside a sentence.",
}

// buildUncitedClaim validates the options and compiles the extra signals
// and allowed phrases once.
func buildUncitedClaim(opts *UncitedClaimOptions, _ lint.Env) (lint.Check, error) {
	if opts.MinScore < 1 {
		return nil, fmt.Errorf("min-score must be at least 1, got %d", opts.MinScore)
	}
	extra, err := compileSignals(opts.ExtraSignals)
	if err != nil {
		return nil, err
	}
	allow, err := compileAll("allow-phrases", opts.AllowPhrases)
	if err != nil {
		return nil, err
	}
	claim.Prepare() // the patterns every document's check reads, built with the other rules' preparation
	return func(pass *lint.Pass) error { return checkUncitedClaim(pass, opts, extra, allow) }, nil
}

// mayHoldClaim reports whether a sentence of b (after context, a table
// cell's header) may hold a claim: claim.MayHold of the block, reading its
// shared keyword pass, or claim.MayHoldWords of context and block; and
// what an earlier lint of the document found for the same text.
func mayHoldClaim(doc *document.Document, b *document.Block, context string) bool {
	if context == "" {
		return textmemo.Get(doc.Texts, mayHoldKind, b.Text, func(text string) bool {
			return claim.MayHoldWith(text, doc.Keywords(b))
		})
	}
	return textmemo.Get(doc.Texts, mayHoldWordsKind, context+b.Text, claim.MayHoldWords)
}

// The entries of uncited-claim in document.Document.Texts.
var (
	mayHoldKind      = textmemo.NewKind("claim.MayHold")
	mayHoldWordsKind = textmemo.NewKind("claim.MayHoldWords")
	firstPersonKind  = textmemo.NewKind("claim.FirstPerson")
	claimFindKind    = textmemo.NewKind("claim.Find")
	// disclaimerExtraRe of a block and mythLabel of a sentence (which
	// evidence-strength asks too).
	disclaimerExtraKind = textmemo.NewKind("disclaimerExtraRe")
	mythLabelKind       = textmemo.NewKind("mythLabel")
)

// isDisclaimer is article.IsDisclaimer, read from texts when an earlier
// lint of the document computed it (the claim rules and reading-level ask
// it of the same texts).
func isDisclaimer(texts *textmemo.Store, text string) bool {
	return textmemo.Get(texts, isDisclaimerKind, text, article.IsDisclaimer)
}

// isDisclaimerKind is isDisclaimer's entry in document.Document.Texts.
var isDisclaimerKind = textmemo.NewKind("article.IsDisclaimer")

func checkUncitedClaim(pass *lint.Pass, opts *UncitedClaimOptions, extra []extraSignal, allow []*regexp.Regexp) error {
	copts := cite.Options{NonCitationDomains: opts.NonCitationDomains, NoRelativeLinks: !opts.RelativeLinks}
	sources := newSourceSections(opts.SourceSections, pass.Doc)
	doc := pass.Doc
	rows := tableRows{doc: doc, opts: copts}
	for _, b := range doc.Blocks {
		if !claimBlock(b) {
			continue
		}
		// A table cell is read with its column's header as context ("% of
		// adults affected" | "70"): the header's wording adds to the score,
		// the finding is on the cell's own wording.
		context := ""
		if b.Header() != nil {
			context = b.Header().Text + " "
		}
		// A block (with its header) without the patterns' words is not
		// split into sentences at all.
		if len(extra) == 0 && !mayHoldClaim(doc, b, context) {
			continue
		}
		// The cheap claim scoring runs first; exemptions and citations are
		// looked up only for a block that holds a claim.
		var cits []cite.Citation
		checked := false
		sentences := doc.Sentences(b)
		for i, s := range sentences {
			sig, ok := strongestClaim(doc.Texts, context+s.Text, len(context), opts, extra, allow)
			if !ok {
				continue
			}
			if context != "" {
				sig.Start, sig.End = max(sig.Start-len(context), 0), sig.End-len(context)
				sig.Text = claim.Excerpt(s.Text, sig.Start, sig.End)
			}
			if !checked {
				if sources.contains(b) || inFootnote(b.Node) || textmemo.Get(doc.Texts, disclaimerExtraKind, b.Text, disclaimerExtraRe.MatchString) {
					break
				}
				cits, checked = cite.Find(doc, b, copts), true
			}
			// A claim labelled as a myth is reported to be refuted.
			if textmemo.Get(doc.Texts, mythLabelKind, s.Text, mythLabel.MatchString) {
				continue
			}
			// A disclaimer's wording is not a claim, nor is the sentence
			// after it ("Always talk to your doctor, as experts agree");
			// the other sentences of its paragraph still are.
			if isDisclaimer(doc.Texts, s.Text) || i > 0 && isDisclaimer(doc.Texts, sentences[i-1].Text) {
				continue
			}
			if cited(cits, sentences, i, opts.Scope) || b.Kind == document.BlockTableCell && rows.cited(b) {
				continue
			}
			start := b.SourceOffset(s.Start + sig.Start)
			end := max(b.SourceOffset(max(s.Start+sig.End-1, s.Start+sig.Start))+1, start)
			msg := fmt.Sprintf("%s with no source: '%s'", checkLabels[sig.Check], sig.Text)
			if sig.Attribution {
				msg = fmt.Sprintf("attributed claim with no reference: '%s'", sig.Text)
			}
			pass.Report(lint.Diagnostic{
				Pos: start, End: min(end, len(doc.Source)), Check: sig.Check,
				Message: msg + "; add a citation in the same " + opts.Scope,
			})
		}
	}
	return nil
}

// strongestClaim scores a sentence and returns the signal to report when
// the score reaches opts.MinScore. Signals that end before from (in a
// table header given as context) count towards the score but are not
// reported.
func strongestClaim(texts *textmemo.Store, text string, from int, opts *UncitedClaimOptions, extra []extraSignal, allow []*regexp.Regexp) (claim.Signal, bool) {
	text = claim.SameLengthSpaces(text)
	// Clipped: the signals of extra are appended to a copy, never to the
	// remembered slice.
	sigs := slices.Clip(textmemo.Get(texts, claimFindKind, text, claim.Find))
	for _, e := range extra {
		for _, m := range e.re.FindAllStringIndex(text, -1) {
			if m[1] > m[0] {
				sigs = append(sigs, claim.Signal{Check: e.check, Weight: 2, Start: m[0], End: m[1], Text: claim.Excerpt(text, m[0], m[1])})
			}
		}
	}
	var allowed [][]int
	for _, re := range allow {
		allowed = append(allowed, re.FindAllStringIndex(text, -1)...)
	}
	if len(sigs) == 0 {
		return claim.Signal{}, false
	}
	best := map[string]int{}
	var top claim.Signal
	for _, s := range sigs {
		if s.Attribution {
			if !opts.FlagAttributions {
				continue
			}
			s.Weight = 2
		}
		if overlapsAny(s.Start, s.End, allowed) || s.Weight <= 0 {
			continue
		}
		best[s.Check] = max(best[s.Check], s.Weight)
		if s.End <= from {
			continue
		}
		if s.Weight > top.Weight || (s.Weight == top.Weight && s.Start < top.Start) {
			top = s
		}
	}
	score := 0
	for _, w := range best {
		score += w
	}
	if textmemo.Get(texts, firstPersonKind, text, claim.FirstPerson) {
		score--
	}
	return top, score >= opts.MinScore && top.Weight > 0
}

// tableRows tells whether a table row cites a source: a citation in any
// cell of the row (a "Source" column) cites every cell of it.
type tableRows struct {
	doc   *document.Document
	opts  cite.Options
	memo  map[ast.Node]bool
	cells map[ast.Node][]*document.Block
}

func (t *tableRows) cited(cell *document.Block) bool {
	row := cell.Node.Parent()
	if t.cells == nil {
		t.memo, t.cells = map[ast.Node]bool{}, map[ast.Node][]*document.Block{}
		for _, b := range t.doc.Blocks {
			if b.Kind == document.BlockTableCell {
				t.cells[b.Node.Parent()] = append(t.cells[b.Node.Parent()], b)
			}
		}
	}
	if v, ok := t.memo[row]; ok {
		return v
	}
	v := false
	for _, c := range t.cells[row] {
		if len(cite.Find(t.doc, c, t.opts)) > 0 {
			v = true
			break
		}
	}
	t.memo[row] = v
	return v
}

// claimBlock reports whether b is prose whose claims are checked: a
// paragraph or a table cell of a table's body (header cells are headings).
func claimBlock(b *document.Block) bool {
	switch b.Kind {
	case document.BlockParagraph:
		return true
	case document.BlockTableCell:
		_, header := b.Node.Parent().(*east.TableHeader)
		return !header
	}
	return false
}

func overlapsAny(start, end int, spans [][]int) bool {
	for _, m := range spans {
		if start < m[1] && m[0] < end {
			return true
		}
	}
	return false
}

// cited reports whether sentence i of a block is cited: by a citation it
// owns (scope sentence) or by any citation of the block (scope paragraph).
func cited(cits []cite.Citation, sentences []document.Sentence, i int, scope string) bool {
	if scope == "paragraph" {
		return len(cits) > 0
	}
	for _, c := range cits {
		if cite.Owner(sentences, c) == i {
			return true
		}
	}
	return false
}

// sourceSections recognises reference-list headings. The page's title
// (a level-1 heading that is its first heading) is not one: a page titled
// "Resources" or "Notes" is a page, not a reference list.
type sourceSections struct {
	names map[string]bool
	memo  map[*document.Heading]bool
	title *document.Heading
}

func newSourceSections(names []string, doc *document.Document) *sourceSections {
	key := strings.Join(names, "\x00")
	set, ok := sourceSectionNames.Load(key)
	if !ok {
		m := map[string]bool{}
		for _, n := range names {
			m[document.NormalizeHeading(n)] = true
		}
		set, _ = sourceSectionNames.LoadOrStore(key, m)
	}
	var title *document.Heading
	if len(doc.Headings) > 0 && doc.Headings[0].Level == 1 {
		title = doc.Headings[0]
	}
	return &sourceSections{names: set.(map[string]bool), memo: map[*document.Heading]bool{}, title: title}
}

// sourceSectionNames caches the normalised heading sets by option value
// (read-only once stored): normalising the list for every file cost more
// than the rest of the rule on files without claims.
var sourceSectionNames sync.Map

// contains reports whether b falls under a reference-list heading or one of
// its subsections.
func (s *sourceSections) contains(b *document.Block) bool {
	return s.heading(b.Section)
}

func (s *sourceSections) heading(h *document.Heading) bool {
	if h == nil {
		return false
	}
	if v, ok := s.memo[h]; ok {
		return v
	}
	v := h != s.title && s.names[document.NormalizeHeading(h.Text)] || s.heading(h.Parent)
	s.memo[h] = v
	return v
}

// inFootnote reports whether n sits in a footnote definition.
func inFootnote(n ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if _, ok := n.(*east.Footnote); ok {
			return true
		}
	}
	return false
}

// mythLabel starts a sentence that states a claim in order to refute it
// ("Myth #2: studies show ...", "The claim: 70% of ...").
var mythLabel = fastre.MustCompile(`(?i)^\W*(?:(?:the\s+)?myth(?:\s*#?\s*\d+)?|the\s+claim|fiction|the\s+hype)\s*[:—–]`)

// disclaimerExtraRe recognises what uncited-claim also exempts beyond a
// medical disclaimer proper (article.IsDisclaimer): any paragraph labelled
// "Disclaimer", and the FDA's dietary-supplement statement.
var disclaimerExtraRe = fastre.MustCompile(`(?i)^\W*(?:medical\s+)?disclaimer\b|` +
	`\bthese\s+statements\s+have\s+not\s+been\s+evaluated\s+by\s+the\s+(?:food\s+and\s+drug\s+administration|fda)\b`)
