package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"

	"github.com/yuin/goldmark/ast"
	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/cite"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/match"
)

func init() { lint.Register(riskyClaim) }

// riskyClaim flags claim language that health regulators act on.
var riskyClaim = &lint.Definition[RiskyClaimOptions]{
	Info:     lint.Meta{ID: "risky-claim"},
	LazyInfo: riskyClaimMeta,
	Defaults: func() *RiskyClaimOptions { return &RiskyClaimOptions{NegationWindow: 8, AllowInQuotes: true} },
	Build:    buildRiskyClaim,
}

// RiskyClaimEntry is one entry of risky-claim's lexicon (built-in, in
// risky_claim_lexicon.yml, or added by the extra option).
type RiskyClaimEntry struct {
	// ID names the entry; it is the finding's check.
	ID string `yaml:"id"`
	// Tier is A (error) or B (warning).
	Tier string `yaml:"tier" enum:"A,B"`
	// Phrases are plain phrases matched case-insensitively at word
	// boundaries.
	Phrases []string `yaml:"phrases"`
	// Pattern is a case-insensitive regular expression.
	Pattern string `yaml:"pattern"`
	// Hints is accepted for configurations written for v0.1.0 and
	// ignored: the words an entry needs are derived from its expressions.
	Hints []string `yaml:"hints"`
	// Requires must also match the sentence.
	Requires string `yaml:"requires"`
	// Unless makes a use legitimate when it matches the sentence.
	Unless string `yaml:"unless"`
	// UnlessCited accepts the claim when the sentence cites a source.
	UnlessCited bool `yaml:"unless-cited"`
	// AllowHedged accepts the claim when a hedge precedes it in its clause.
	AllowHedged bool `yaml:"allow-hedged"`
	// Message says what is wrong.
	Message string `yaml:"message"`
	// Suggestion is a rewrite.
	Suggestion string `yaml:"suggestion"`
	// Source is the guidance the entry comes from.
	Source string `yaml:"source"`
}

// riskyEntry is a compiled lexicon entry.
type riskyEntry struct {
	RiskyClaimEntry
	re, requires, unless *fastre.Regexp
}

// compile checks e and compiles its expressions.
func (e RiskyClaimEntry) compile() (*riskyEntry, error) { return e.compileChecked(false) }

// compileChecked is compile; checked leaves the expressions to be
// compiled when first used, for the generated built-in lexicon, whose
// YAML file compiles (TestLexiconsGenerated).
func (e RiskyClaimEntry) compileChecked(checked bool) (*riskyEntry, error) {
	if !lint.ValidID(e.ID) {
		return nil, fmt.Errorf("entry id %q is not a kebab-case name", e.ID)
	}
	if e.Tier != "A" && e.Tier != "B" {
		return nil, fmt.Errorf("entry %s: tier must be A or B, not %q", e.ID, e.Tier)
	}
	if strings.TrimSpace(e.Message) == "" {
		return nil, fmt.Errorf("entry %s: message is required", e.ID)
	}
	var alts []string
	for _, p := range e.Phrases {
		words := strings.FieldsFunc(p, func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
		if len(words) == 0 {
			return nil, fmt.Errorf("entry %s: empty phrase", e.ID)
		}
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		alts = append(alts, `\b`+strings.Join(words, `[\s-]+`)+`\b`)
	}
	if e.Pattern != "" {
		alts = append(alts, "(?:"+e.Pattern+")")
	}
	if len(alts) == 0 {
		return nil, fmt.Errorf("entry %s: give phrases or a pattern", e.ID)
	}
	out := &riskyEntry{RiskyClaimEntry: e}
	var err error
	if out.re, err = compileRisky("(?i)"+strings.Join(alts, "|"), checked); err != nil {
		return nil, fmt.Errorf("entry %s: pattern: %w", e.ID, err)
	}
	for _, x := range []struct {
		src string
		dst **fastre.Regexp
	}{{e.Requires, &out.requires}, {e.Unless, &out.unless}} {
		if x.src == "" {
			continue
		}
		if *x.dst, err = compileRisky("(?i)"+x.src, checked); err != nil {
			return nil, fmt.Errorf("entry %s: %w", e.ID, err)
		}
	}
	return out, nil
}

// compileRisky compiles expr now, or on first use when checked.
func compileRisky(expr string, checked bool) (*fastre.Regexp, error) {
	if checked {
		return fastre.MustCompile(expr), nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	return fastre.New(re), nil
}

// builtinRiskyLexicon returns the compiled built-in lexicon, built on
// first use (not at program start) from risky_claim_lexicon_gen.go, which
// is generated from risky_claim_lexicon.yml.
var builtinRiskyLexicon = sync.OnceValue(func() []*riskyEntry {
	l, err := compileRiskyLexicon(builtinRiskyData(), true)
	if err != nil {
		panic(err)
	}
	return l
})

func loadRiskyLexicon(data []byte) ([]*riskyEntry, error) {
	var file struct {
		Entries []RiskyClaimEntry `yaml:"entries"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("risky-claim lexicon: %w", err)
	}
	return compileRiskyLexicon(file.Entries, false)
}

// compileRiskyLexicon compiles a lexicon; checked: one checked at build
// time, whose expressions compile when first used.
func compileRiskyLexicon(entries []RiskyClaimEntry, checked bool) ([]*riskyEntry, error) {
	var out []*riskyEntry
	seen := map[string]bool{}
	for _, e := range entries {
		c, err := e.compileChecked(checked)
		if err != nil {
			return nil, fmt.Errorf("risky-claim lexicon: %w", err)
		}
		if seen[e.ID] {
			return nil, fmt.Errorf("risky-claim lexicon: duplicate entry %s", e.ID)
		}
		seen[e.ID] = true
		out = append(out, c)
	}
	return out, nil
}

// RiskyClaimOptions are the options of risky-claim.
type RiskyClaimOptions struct {
	Extra          []RiskyClaimEntry `yaml:"extra" doc:"lexicon entries added to the built-in ones, each {id, tier: A|B, phrases: [...] or pattern, message, suggestion, source; optional requires, unless (regexps on the sentence), unless-cited, allow-hedged, hints}; an entry with a built-in id replaces that entry"`
	Disable        []string          `yaml:"disable" doc:"lexicon entry ids (e.g. superfood) or tiers (A, B) to skip"`
	AllowInQuotes  bool              `yaml:"allow-in-quotes" doc:"skip claims inside quotation marks and block quotes: a quoted claim is reported, or refuted, rather than made ('promising to \"flush toxins\"'); set false to flag published testimonials too"`
	NegationWindow int               `yaml:"negation-window" doc:"a negation (no, not, never, n't, without, cannot) this many words or fewer before a claim, in the same clause, makes it a denial (\"there is no cure for\")"`
}

// riskyCompiled is a lexicon with its entries' expressions in one match
// set: one keyword pass over a block tells which entries can match.
type riskyCompiled struct {
	lex []*riskyEntry
	set *match.Set
}

// Validate compiles the extra entries and checks the disable list.
func (o *RiskyClaimOptions) Validate() error {
	_, err := o.compile()
	return err
}

// compile checks the options and returns the lexicon in force with its
// match set.
func (o *RiskyClaimOptions) compile() (*riskyCompiled, error) {
	if o.NegationWindow < 0 || o.NegationWindow > 20 {
		return nil, fmt.Errorf("negation-window must be between 0 and 20, not %d", o.NegationWindow)
	}
	if len(o.Extra) == 0 && len(o.Disable) == 0 {
		return defaultRiskyCompiled()
	}
	return o.compileLexicon()
}

// defaultRiskyCompiled is the built-in lexicon with its match set,
// compiled once per process for every configuration that keeps it.
var defaultRiskyCompiled = sync.OnceValues((&RiskyClaimOptions{}).compileLexicon)

// compileLexicon returns the lexicon in force with its match set.
func (o *RiskyClaimOptions) compileLexicon() (*riskyCompiled, error) {
	lex, err := o.lexicon()
	if err != nil {
		return nil, err
	}
	for _, d := range o.Disable {
		if d == "A" || d == "B" {
			continue
		}
		if !slices.ContainsFunc(lex, func(e *riskyEntry) bool { return e.ID == d }) &&
			!slices.ContainsFunc(builtinRiskyLexicon(), func(e *riskyEntry) bool { return e.ID == d }) {
			return nil, fmt.Errorf("disable: unknown lexicon entry %q (run `medlint explain risky-claim` for the ids)", d)
		}
	}
	exprs := make([]string, len(lex))
	for i, e := range lex {
		exprs[i] = e.re.String()
	}
	set, err := match.Compile(exprs...)
	if err != nil {
		return nil, fmt.Errorf("risky-claim lexicon: %w", err) // each compiled: this does not happen
	}
	return &riskyCompiled{lex: lex, set: set}, nil
}

// lexicon returns the entries in force: the built-in ones, replaced or
// extended by extra, minus the disabled ones.
func (o *RiskyClaimOptions) lexicon() ([]*riskyEntry, error) {
	out := slices.Clone(builtinRiskyLexicon())
	seen := map[string]bool{}
	for i, e := range o.Extra {
		c, err := e.compile()
		if err != nil {
			return nil, fmt.Errorf("extra[%d]: %w", i, err)
		}
		if seen[e.ID] {
			return nil, fmt.Errorf("extra[%d]: duplicate entry %s", i, e.ID)
		}
		seen[e.ID] = true
		if j := slices.IndexFunc(out, func(b *riskyEntry) bool { return b.ID == e.ID }); j >= 0 {
			out[j] = c
		} else {
			out = append(out, c)
		}
	}
	return slices.DeleteFunc(out, func(e *riskyEntry) bool {
		return slices.Contains(o.Disable, e.ID) || slices.Contains(o.Disable, e.Tier)
	}), nil
}

// riskyClaimMeta is the rule's metadata: data, built once from the
// built-in lexicon, on first use.
var riskyClaimMeta = sync.OnceValue(func() lint.Meta {
	var checks []lint.CheckDoc
	var notes strings.Builder
	notes.WriteString("Built-in lexicon (risky_claim_lexicon.yml; extend or trim it with extra and disable):\n")
	for _, e := range builtinRiskyData() { // the data, not compiled: metadata compiles nothing
		sev := "warning"
		if e.Tier == "A" {
			sev = "error"
		}
		checks = append(checks, lint.CheckDoc{Name: e.ID, Summary: fmt.Sprintf("tier %s (%s): %s", e.Tier, sev, e.Message)})
		fmt.Fprintf(&notes, "- %s (tier %s): %s. Suggestion: %s. Source: %s.\n", e.ID, e.Tier, e.Message, e.Suggestion, e.Source)
	}
	notes.WriteString("Skipped: negated uses (\"there is no cure for\", \"not a miracle\", \"won't cure\", \"detox teas don't " +
		"work\"), uses in a debunking context earlier in the sentence (\"little evidence\", \"claims to\", \"beware\", \"myth\", " +
		"\"so-called\"), hedged medical statements for entries marked allow-hedged (\"Surgery usually cures carpal tunnel " +
		"syndrome\"), the body's own detoxification (\"your liver detoxes your body\"), the medical disclaimer paragraph " +
		"(\"not intended to diagnose, treat, cure ...\"), headings and all-bold pseudo-headings (they name a topic), " +
		"code, HTML comments, and with allow-in-quotes (the default) quotations and block quotes. A page whose title or " +
		"a heading debunks (\"Myth #1: ...\", \"Why detox teas don't work\", \"The truth about cleanses\") is not checked: " +
		"it states claims to refute them. Each entry's expressions are prefiltered by the words they need, derived from " +
		"the expressions themselves (package match); an entry's hints, from v0.1.0, are accepted and ignored. One problem, one " +
		"finding: where a risky-claim finding and an uncited-claim finding cover the same words (\"clinically proven\" with no " +
		"citation), only risky-claim's is reported.")
	return lint.Meta{
		Category: lint.CategoryCompliance,
		ID:       "risky-claim",
		Summary:  "Health claims regulators act on (cure, miracle, guaranteed, no side effects, FDA approved, clinically proven, detox, immune boost)",
		Severity: lint.SeverityError,
		Rationale: "The FTC's Health Products Compliance Guidance, FDA rules on disease claims for supplements and the " +
			"EU nutrition and health claims regulation single out a small vocabulary: cures, miracles, guarantees, " +
			"\"no side effects\", \"FDA approved\" supplements and unsupported \"clinically proven\" claims are tier A " +
			"(errors: the claims enforcement actions are built on); detox, \"boost your immune system\", \"melt fat\", " +
			"\"superfood\" and \"breakthrough\" are tier B (warnings: hype that undermines trust). Each finding names the " +
			"lexicon entry as its check and suggests a rewrite.",
		Bad:    "# Gut health\n\nThis tea flushes out toxins and cures bloating.\n",
		Good:   "# Gut health\n\nThere is no cure for IBS, but peppermint oil may ease bloating in some people.\n",
		Checks: checks,
		// "Clinically proven" with no citation is one problem: risky-claim's
		// error, not also uncited-claim's warning.
		Supersedes: []string{"uncited-claim"},
		Notes:      notes.String(),
	}
})

var (
	// riskyNegators deny what follows.
	riskyNegators = map[string]bool{"no": true, "not": true, "never": true, "none": true, "nothing": true, "without": true,
		"neither": true, "nor": true, "cannot": true, "hardly": true, "nobody": true, "isnt": true, "arent": true,
		"dont": true, "doesnt": true, "didnt": true, "wont": true, "cant": true, "wasnt": true, "werent": true}
	// riskyDebunk, earlier in the sentence, says the claim is reported or
	// refuted rather than made.
	riskyDebunk = fastre.MustCompile(`(?i)\b(?:little|no|limited|insufficient|weak|not enough|lack of|scant) (?:good |scientific |clinical |strong |reliable )?evidence\b|\bclaim(?:s|ed|ing)? (?:to|that)\b|\bpromis(?:e|es|ed|ing) (?:to|that)\b|\bbeware\b|\bbe wary\b|\bbe careful\b|\bscams?\b|\bmyths?\b|\bfalse(?:ly)?\b|\bunproven\b|\bno such thing\b|\bsupposed(?:ly)?\b|\bso-called\b|\b(?:marketed|sold|advertised|touted|billed) as\b|\bwatch out for\b|\bred flags?\b|\bavoid (?:products|anything|any)\b`)
	// riskyHedges make a statement a qualified medical fact.
	riskyHedges = fastre.MustCompile(`(?i)\b(?:usually|often|sometimes|may|might|could|can take|rarely|generally|typically|normally|probably|likely|in most cases|most|many|some|occasionally)\b`)
	// riskyClauseBreak ends a clause.
	riskyClauseBreak = fastre.MustCompile(`[,;:()—–]|\bbut\b|\bhowever\b|\balthough\b|\bwhile\b`)
	// apostrophes are dropped from a word before it is compared ("can't").
	apostrophes = strings.NewReplacer("'", "", "’", "")
	// riskyWord is a word of a clause, for the negation window.
	riskyWord = lazyre.New(`[\p{L}\p{N}'’]+`)
)

// buildRiskyClaim validates the options and compiles the lexicon in
// force once.
func buildRiskyClaim(opts *RiskyClaimOptions, _ lint.Env) (lint.Check, error) {
	lex, err := opts.compile()
	if err != nil {
		return nil, err
	}
	return func(pass *lint.Pass) error { return checkRiskyClaim(pass, opts, lex) }, nil
}

func checkRiskyClaim(pass *lint.Pass, opts *RiskyClaimOptions, lex *riskyCompiled) error {
	doc := pass.Doc
	if debunksClaims(doc) {
		return nil // the page quotes claims to refute them
	}
	for _, b := range doc.Blocks {
		if b.Kind != document.BlockParagraph || b.Quoted && opts.AllowInQuotes || pseudoHeading(b) {
			continue // headings and titles name a topic; they make no claim
		}
		if sc := lex.set.ScanWith(b.Text, pass.Doc.Keywords(b)); !sc.Any() {
			continue // no entry's words in the block: no sentence of it can match
		}
		disclaimer := -1 // unknown until a sentence of the block holds a claim
		for _, s := range doc.Sentences(b) {
			for _, m := range riskyClaimsIn(pass, opts, lex, s) {
				if disclaimer < 0 {
					disclaimer = 0
					if article.IsDisclaimer(b.Text) {
						disclaimer = 1
					}
				}
				if disclaimer == 1 {
					break // a disclaimer's "not intended to cure" is no claim
				}
				reportRisky(pass, b, s, m)
			}
		}
	}
	return nil
}

// riskyClaimsIn returns the lexicon's matches in sentence s that make a
// claim: one per entry and run of adjacent words ("miracle cure",
// "detox ... cleanse": one claim, one finding), none that the sentence
// negates, debunks, hedges, cites or quotes.
func riskyClaimsIn(pass *lint.Pass, opts *RiskyClaimOptions, lex *riskyCompiled, s document.Sentence) []riskyMatch {
	var out []riskyMatch
	lastEnd := -10
	reported := map[*riskyEntry]bool{}
	for _, m := range riskyClaimMatches(lex, s.Text) {
		if m.start <= lastEnd+2 || reported[m.entry] || !riskyClaimStands(pass, opts, s, m) {
			continue
		}
		lastEnd = m.end
		reported[m.entry] = true
		out = append(out, m)
	}
	return out
}

// riskyClaimStands reports whether match m of sentence s is a claim: the
// entry's conditions hold and no negation, debunking, hedge, citation or
// quotation takes it back.
func riskyClaimStands(pass *lint.Pass, opts *RiskyClaimOptions, s document.Sentence, m riskyMatch) bool {
	e := m.entry
	before, after := s.Text[:m.start], s.Text[m.end:]
	switch {
	case e.requires != nil && !e.requires.MatchString(s.Text), e.unless != nil && e.unless.MatchString(s.Text):
		return false
	case riskyNegated(before, opts.NegationWindow), riskyNegatedAfter(after), riskyDebunk.MatchString(before):
		return false
	case e.AllowHedged && (riskyHedges.MatchString(riskyClause(before)) || riskyHedgedAfter(after)):
		return false
	case e.UnlessCited && cite.Cited(pass.Doc, s, cite.Options{}):
		return false
	case opts.AllowInQuotes && riskyInQuotes(s.Text, m.start):
		return false
	}
	return true
}

// reportRisky reports match m of sentence s of block b: an error for a
// tier A entry, a warning otherwise.
func reportRisky(pass *lint.Pass, b *document.Block, s document.Sentence, m riskyMatch) {
	e := m.entry
	pos := b.SourceOffset(s.Start + m.start)
	end := max(b.SourceOffset(s.Start+m.end-1)+1, pos)
	sev := lint.SeverityWarning
	if e.Tier == "A" {
		sev = lint.SeverityError
	}
	msg := fmt.Sprintf("%q: %s", s.Text[m.start:m.end], e.Message)
	if e.Suggestion != "" {
		msg += "; instead, " + e.Suggestion
	}
	pass.Report(lint.Diagnostic{Pos: pos, End: end, Check: e.ID, Severity: sev, Message: msg})
}

type riskyMatch struct {
	entry      *riskyEntry
	start, end int
}

// riskyClaimMatches returns every entry's matches in text, by position.
func riskyClaimMatches(lex *riskyCompiled, text string) []riskyMatch {
	var out []riskyMatch
	sc := lex.set.Scan(text)
	for i, e := range lex.lex {
		for _, m := range sc.FindAll(i) {
			if m[1] > m[0] {
				out = append(out, riskyMatch{e, m[0], m[1]})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b riskyMatch) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	return out
}

// riskyNegatedAfter reports a negated verb in the three words after a
// claim word, in its clause: "detox teas don't work", "cures aren't real".
func riskyNegatedAfter(after string) bool {
	if loc := riskyClauseBreak.FindStringIndex(after); loc != nil {
		after = after[:loc[0]]
	}
	for _, w := range riskyWord.FindAllString(after, 3) {
		if riskyNegators[strings.ToLower(apostrophes.Replace(w))] {
			return true
		}
	}
	return false
}

// riskyDebunkHeading marks a title or heading that debunks: "Myth #1",
// "Why Detox Teas Don't Work", "The truth about cleanses".
var riskyDebunkHeading = fastre.MustCompile(`(?i)\bmyths?\b|\bdebunk|\bfact (?:or|vs\.?) (?:fiction|myth)\b|\bthe truth about\b|` +
	`\b(?:don|doesn|won|isn|aren|can)['’]?t (?:actually |really )?(?:work|detox|cure|boost|cleanse|help)\b|\bscams?\b|\bhype\b`)

// debunksClaims reports a page whose title or headings say it debunks
// claims: the claims it states are the ones it refutes.
func debunksClaims(doc *document.Document) bool {
	if fm := doc.FrontMatter; fm != nil {
		for _, f := range fm.Fields {
			if (f.Key == "title" || f.Key == "series") && riskyDebunkHeading.MatchString(f.Value) {
				return true
			}
		}
	}
	for _, h := range doc.Headings {
		if riskyDebunkHeading.MatchString(h.Text) {
			return true
		}
	}
	return false
}

// pseudoHeading reports a paragraph that is all bold or italic text, as
// writers use for a heading ("**2. Most Detox Products Are Laxatives**").
func pseudoHeading(b *document.Block) bool {
	p, ok := b.Node.(*ast.Paragraph)
	if !ok || p.ChildCount() != 1 {
		return false
	}
	_, ok = p.FirstChild().(*ast.Emphasis)
	return ok
}

// riskyHedgedAfter reports a quantifier in the three words after a claim
// ("cures most infections").
func riskyHedgedAfter(after string) bool {
	words := riskyWord.FindAllString(after, 3)
	for _, w := range words {
		switch strings.ToLower(w) {
		case "most", "many", "some", "usually", "often", "sometimes":
			return true
		}
	}
	return false
}

// riskyClause returns the clause of before that ends at its end.
func riskyClause(before string) string {
	locs := riskyClauseBreak.FindAllStringIndex(before, -1)
	if len(locs) == 0 {
		return before
	}
	return before[locs[len(locs)-1][1]:]
}

// riskyNegated reports a negation among the last window words of the
// clause before a claim.
func riskyNegated(before string, window int) bool {
	words := riskyWord.FindAllString(riskyClause(before), -1)
	for i := len(words) - 1; i >= 0 && i >= len(words)-window; i-- {
		w := strings.ToLower(apostrophes.Replace(words[i]))
		if riskyNegators[w] {
			return true
		}
	}
	return false
}

// riskyInQuotes reports whether offset off of s is inside quotation marks.
func riskyInQuotes(s string, off int) bool {
	before := s[:off]
	if strings.LastIndex(before, "“") > strings.LastIndex(before, "”") {
		return true
	}
	return strings.Count(before, `"`)%2 == 1
}
