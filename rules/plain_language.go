package rules

import (
	_ "embed"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	east "github.com/yuin/goldmark/extension/ast"
	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/keywords"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/match"
)

func init() { lint.Register(plainLanguage) }

// plainLanguage flags medical jargon that has a plain word readers use,
// once per term and page, where the term is first used unexplained.
var plainLanguage = &lint.Definition[PlainLanguageOptions]{
	Info:     lint.Meta{ID: "plain-language"},
	LazyInfo: plainLanguageMeta,
	Defaults: func() *PlainLanguageOptions { return &PlainLanguageOptions{OnlyFirst: true, Fix: "explain"} },
	Build:    buildPlainLanguage,
}

// PlainTerm is one entry of plain-language's term list (built-in, in
// plain_language_terms.yml, or added by the extra option).
type PlainTerm struct {
	// Term is the medical term.
	Term string `yaml:"term"`
	// Spellings are other spellings of it (British ones).
	Spellings []string `yaml:"spellings"`
	// Plain is the everyday word or phrase, the same part of speech.
	Plain string `yaml:"plain"`
	// Countable makes the plurals of the term match, explained by the
	// plain word's plural.
	Countable bool `yaml:"countable"`
	// Plurals lists irregular plurals of the term and its spellings.
	Plurals []string `yaml:"plurals"`
	// PlainPlural is the plain word's plural when it is irregular.
	PlainPlural string `yaml:"plain-plural"`
	// Except lists phrases holding the term that are names or another
	// sense of it.
	Except []string `yaml:"except"`
	// Source is where the pairing comes from: a key of the term list's
	// sources, or (in extra) any text.
	Source string `yaml:"source"`
	// Verified is the address of a stored public page that pairs the term
	// with the plain word (built-in list: checked 2026-12-07).
	Verified string `yaml:"verified"`
	// Unverified marks a built-in entry for which no such page was found:
	// its source is the compiler's attribution, not a checked quotation.
	Unverified bool `yaml:"unverified"`
}

// plainEntry is a compiled entry.
type plainEntry struct {
	PlainTerm
	// plural maps each normalised form (term, spellings, their plurals)
	// to whether it is a plural.
	plural      map[string]bool
	plainPlural string
	// source is the source's full name.
	source string
	// re matches the entry's forms and except its exceptions; each is
	// compiled when first used (the built-in list holds hundreds).
	re     *fastre.Regexp
	except *fastre.Regexp
}

// plainForm checks the characters of a term, a spelling or a phrase.
var plainForm = lazyre.New(`^[\p{L}\p{N}][\p{L}\p{N}'’. -]*$`)

// normPlain folds a form or a matched text for comparison: lower case,
// each run of spaces and hyphens one space.
func normPlain(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }), " ")
}

// englishPlural returns the regular plural of a phrase's last word.
func englishPlural(s string) string {
	switch {
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "z"),
		strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	case len(s) > 1 && s[len(s)-1] == 'y' && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// phraseExpr returns the expression of a phrase: its words, quoted, with
// any run of spaces or hyphens between them.
func phraseExpr(p string) string {
	words := strings.FieldsFunc(p, func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(words, `[\s-]+`)
}

// compile checks t and compiles it; sources resolves source keys, and a
// built-in entry's source must be one of them.
func (t PlainTerm) compile(sources map[string]string, builtin bool) (*plainEntry, error) {
	return t.compileChecked(sources, builtin, false)
}

// compileChecked is compile; checked skips the checks that need an
// expression compiled, for the generated built-in list, whose YAML file
// passes them (TestLexiconsGenerated).
func (t PlainTerm) compileChecked(sources map[string]string, builtin, checked bool) (*plainEntry, error) {
	name := strings.TrimSpace(t.Term)
	if name == "" {
		return nil, fmt.Errorf("an entry has no term")
	}
	e := &plainEntry{PlainTerm: t, plural: map[string]bool{}, source: t.Source}
	if strings.TrimSpace(t.Plain) == "" {
		return nil, fmt.Errorf("term %q: plain is required", name)
	}
	if !t.Countable && (len(t.Plurals) > 0 || t.PlainPlural != "") {
		return nil, fmt.Errorf("term %q: plurals and plain-plural need countable: true", name)
	}
	if s, ok := sources[t.Source]; ok {
		e.source = s
	} else if builtin {
		return nil, fmt.Errorf("term %q: source %q is not one of the sources", name, t.Source)
	}
	if err := e.addForms(checked); err != nil {
		return nil, err
	}
	if normPlain(t.Plain) == normPlain(t.Term) {
		return nil, fmt.Errorf("term %q: plain is the term itself", name)
	}
	keys := make([]string, 0, len(e.plural))
	for f := range e.plural {
		keys = append(keys, f)
	}
	// Longer forms first: "pulmonary embolisms" before "pulmonary embolism".
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
	})
	alts := make([]string, len(keys))
	for i, k := range keys {
		alts[i] = phraseExpr(k)
	}
	e.re = fastre.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`) // quoted words: it compiles
	if err := e.compileExcept(checked); err != nil {
		return nil, err
	}
	return e, nil
}

// addForms records the entry's forms: the term, its spellings and, for a
// countable term, their plurals, with the plain word's plural; unless
// checked (a list checked at build time), it checks their characters.
func (e *plainEntry) addForms(checked bool) error {
	t := e.PlainTerm
	forms := append([]string{t.Term}, t.Spellings...)
	for _, f := range append(slices.Clone(forms), t.Plurals...) {
		if !checked && !plainForm.MatchString(strings.TrimSpace(f)) {
			return fmt.Errorf("term %q: %q is not a word or phrase", strings.TrimSpace(t.Term), f)
		}
	}
	for _, f := range forms {
		e.plural[normPlain(f)] = false
	}
	if !t.Countable {
		return nil
	}
	e.plainPlural = t.PlainPlural
	if e.plainPlural == "" {
		e.plainPlural = englishPlural(strings.TrimSpace(t.Plain))
	}
	plurals := t.Plurals
	if len(plurals) == 0 {
		for _, f := range forms {
			plurals = append(plurals, englishPlural(strings.TrimSpace(f)))
		}
	}
	for _, p := range plurals {
		if _, ok := e.plural[normPlain(p)]; !ok {
			e.plural[normPlain(p)] = true
		}
	}
	return nil
}

// compileExcept compiles the entry's exceptions, each of which must hold
// one of its forms (unless checked: a list checked at build time).
func (e *plainEntry) compileExcept(checked bool) error {
	if len(e.Except) == 0 {
		return nil
	}
	ex := make([]string, 0, len(e.Except))
	for _, p := range e.Except {
		if !checked && (!plainForm.MatchString(strings.TrimSpace(p)) || !e.re.MatchString(p)) {
			return fmt.Errorf("term %q: except phrase %q does not hold the term", strings.TrimSpace(e.Term), p)
		}
		ex = append(ex, phraseExpr(p))
	}
	e.except = fastre.MustCompile(`(?i)\b(?:` + strings.Join(ex, "|") + `)\b`) // quoted words: it compiles
	return nil
}

// plainFor returns the plain word that explains the matched form.
func (e *plainEntry) plainFor(matched string) string {
	if e.plural[normPlain(matched)] {
		return e.plainPlural
	}
	return strings.TrimSpace(e.Plain)
}

// has reports whether s (normalised) is one of the entry's forms.
func (e *plainEntry) has(s string) bool {
	_, ok := e.plural[s]
	return ok
}

// plainLexicon is a term list read from YAML.
type plainLexicon struct {
	entries []*plainEntry
	sources map[string]string
}

// builtinPlainTerms returns the compiled built-in term list, built on
// first use (not at program start) from plain_language_terms_gen.go,
// which is generated from plain_language_terms.yml.
var builtinPlainTerms = sync.OnceValue(func() *plainLexicon {
	terms, sources := builtinPlainData()
	l, err := compilePlainTerms(terms, sources, true)
	if err != nil {
		panic(err)
	}
	return l
})

// loadPlainTerms reads and checks a term list in YAML (the format of
// plain_language_terms.yml).
func loadPlainTerms(data []byte) (*plainLexicon, error) {
	var file struct {
		Sources map[string]string `yaml:"sources"`
		Terms   []PlainTerm       `yaml:"terms"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("plain-language terms: %w", err)
	}
	return compilePlainTerms(file.Terms, file.Sources, false)
}

// compilePlainTerms compiles a term list; checked skips the checks that
// need an expression compiled (a list checked at build time).
func compilePlainTerms(terms []PlainTerm, sources map[string]string, checked bool) (*plainLexicon, error) {
	l := &plainLexicon{sources: sources}
	for _, t := range terms {
		e, err := t.compileChecked(sources, true, checked)
		if err != nil {
			return nil, fmt.Errorf("plain-language terms: %w", err)
		}
		l.entries = append(l.entries, e)
	}
	if err := uniqueForms(l.entries); err != nil {
		return nil, fmt.Errorf("plain-language terms: %w", err)
	}
	return l, nil
}

// uniqueForms fails when two entries share a form: a match must name one
// entry.
func uniqueForms(entries []*plainEntry) error {
	owner := map[string]string{}
	for _, e := range entries {
		for f := range e.plural {
			if o, ok := owner[f]; ok {
				return fmt.Errorf("%q is a form of both %q and %q", f, o, e.Term)
			}
			owner[f] = e.Term
		}
	}
	return nil
}

// PlainLanguageOptions are the options of plain-language.
type PlainLanguageOptions struct {
	Extra     []PlainTerm `yaml:"extra" doc:"terms added to the built-in list, each {term, plain, source; optional spellings, countable, plurals, plain-plural, except}; an entry whose term is a built-in term or spelling replaces that entry"`
	Disable   []string    `yaml:"disable" doc:"terms (or spellings) of the list not to flag, because the site's readers know them"`
	Glossary  []string    `yaml:"glossary" doc:"terms the site explains in a glossary readers can reach from every page: never flagged (terms not in the list are ignored)"`
	OnlyFirst bool        `yaml:"only-first" doc:"report a term once per page, at its first unexplained use; false reports every unexplained use (one per sentence) until the page explains it, with the fix on the first"`
	Fix       string      `yaml:"fix" enum:"explain,none" doc:"explain: --fix writes the plain word in parentheses after the term's first use (\"hypertension (high blood pressure)\"); none: no fix"`
}

// Validate compiles the term list in force.
func (o *PlainLanguageOptions) Validate() error {
	_, err := o.compile()
	return err
}

// plainCompiled is the term list in force with its match set: one keyword
// pass over a block tells which entries can match.
type plainCompiled struct {
	lex []*plainEntry
	set *match.Set
	// any holds every word the terms need: a text with none of them holds
	// no term (nil when some term needs no word). They are words of set's
	// automaton (set.Keywords()), whose scan of a text tells whether it
	// holds one of them: the set needs no second automaton.
	any      *keywords.Matcher
	anyWords keywords.Set
}

func (o *PlainLanguageOptions) compile() (*plainCompiled, error) {
	if o.Fix != "explain" && o.Fix != "none" {
		return nil, fmt.Errorf("fix must be explain or none, not %q", o.Fix)
	}
	if len(o.Extra) == 0 && len(o.Disable) == 0 && len(o.Glossary) == 0 {
		return defaultPlainCompiled()
	}
	return o.compileTerms()
}

// defaultPlainCompiled is the built-in term list in force, compiled once
// per process for every configuration that keeps it (the language server
// resolves configurations again and again).
var defaultPlainCompiled = sync.OnceValues((&PlainLanguageOptions{}).compileTerms)

// compileTerms compiles the term list in force.
func (o *PlainLanguageOptions) compileTerms() (*plainCompiled, error) {
	lex := slices.Clone(builtinPlainTerms().entries)
	for i, t := range o.Extra {
		e, err := t.compile(builtinPlainTerms().sources, false)
		if err != nil {
			return nil, fmt.Errorf("extra[%d]: %w", i, err)
		}
		key := normPlain(t.Term)
		if j := slices.IndexFunc(lex, func(b *plainEntry) bool { return b.has(key) }); j >= 0 && j < len(builtinPlainTerms().entries) {
			lex[j] = e
		} else {
			lex = append(lex, e)
		}
	}
	if err := uniqueForms(lex); err != nil {
		return nil, fmt.Errorf("extra: %w", err)
	}
	for _, d := range o.Disable {
		key := normPlain(d)
		j := slices.IndexFunc(lex, func(e *plainEntry) bool { return e.has(key) })
		if j < 0 {
			return nil, fmt.Errorf("disable: %q is not a term of the list (run `medlint explain plain-language` for them)", d)
		}
		lex = slices.Delete(lex, j, j+1)
	}
	for _, g := range o.Glossary {
		key := normPlain(g)
		lex = slices.DeleteFunc(lex, func(e *plainEntry) bool { return e.has(key) })
	}
	exprs := make([]string, len(lex))
	words := map[string]bool{}
	needsNothing := false // some term needs no word: no any
	for i, e := range lex {
		exprs[i] = e.re.String()
		needs := match.NeedsOfExpr(exprs[i])
		needsNothing = needsNothing || len(needs) == 0
		// Every match of a branch holds a word of each of its groups: the
		// group whose shortest word is longest is enough, and rarest.
		for _, need := range needs {
			best := need[0]
			for _, g := range need[1:] {
				if shortest(g) > shortest(best) {
					best = g
				}
			}
			for _, w := range best {
				words[w] = true
			}
		}
	}
	if len(words) > keywords.MaxWords {
		return nil, fmt.Errorf("extra: %d terms need %d prefilter words, more than %d", len(lex), len(words), keywords.MaxWords)
	}
	set, err := match.Compile(exprs...)
	if err != nil {
		return nil, fmt.Errorf("plain-language terms: %w", err) // quoted words: it compiles
	}
	c := &plainCompiled{lex: lex, set: set}
	if len(words) > 0 && !needsNothing {
		needed := slices.Sorted(maps.Keys(words))
		c.any = set.Keywords() // every need's words: theirs
		if slices.ContainsFunc(needed, func(w string) bool { return !c.any.Has(w) }) {
			c.any = keywords.New(needed) // does not happen: the set gates on these needs
		}
		c.anyWords = c.any.Set(needed)
	}
	return c, nil
}

// shortest returns the length of the shortest of words.
func shortest(words []string) int {
	n := -1
	for _, w := range words {
		if n < 0 || len(w) < n {
			n = len(w)
		}
	}
	return n
}

// mayHold reports whether text may hold a term: the cheap test of one
// pass for all the terms' words, before the set's pass tells which.
func (c *plainCompiled) mayHold(text string) bool {
	if c.any == nil {
		return true
	}
	found := c.any.Scan(text)
	return found.Intersects(&c.anyWords) || keywords.FoldTraps(text)
}

func buildPlainLanguage(opts *PlainLanguageOptions, _ lint.Env) (lint.Check, error) {
	c, err := opts.compile()
	if err != nil {
		return nil, err
	}
	return func(pass *lint.Pass) error {
		if pass.Facts().Partial {
			return nil // a fragment's first use is not the page's
		}
		newPlainPage(pass, opts, c).run()
		return nil
	}, nil
}

// plainLanguageMeta is the rule's metadata, built once from the term
// list, on first use.
var plainLanguageMeta = sync.OnceValue(func() lint.Meta {
	terms, sources := builtinPlainData() // the data, not compiled: metadata compiles nothing
	var notes strings.Builder
	fmt.Fprintf(&notes, "Built-in terms (%d, plain_language_terms.yml; extend or trim them with extra, disable and glossary): ", len(terms))
	verified := 0
	for i, e := range terms {
		if i > 0 {
			notes.WriteString("; ")
		}
		mark := ""
		if e.Unverified {
			mark = ", unverified"
		} else {
			verified++
		}
		fmt.Fprintf(&notes, "%s → %s [%s%s]", e.Term, e.Plain, e.Source, mark)
	}
	fmt.Fprintf(&notes, ".\n\nProvenance: %d of the %d entries were checked on 2026-12-07 against a stored public page "+
		"that pairs the term with the plain word, whose address the list records, and name that page's publisher as "+
		"their source: US government pages (CDC, NCI, NIH) for some, hospitals, medical practices, health organisations "+
		"and medical references for most. The entries marked unverified name the publication their compiler attributed "+
		"the pairing to, without access to it; no page confirming them was found. The sources:\n",
		verified, len(terms))
	for _, k := range slices.Sorted(maps.Keys(sources)) {
		fmt.Fprintf(&notes, "- %s: %s\n", k, sources[k])
	}
	notes.WriteString("\nA term is explained, and not flagged, where it is used with its meaning: in parentheses after it " +
		"(\"hypertension (high blood pressure)\"; an abbreviation \"(HTN)\" or a citation does not explain), in parentheses " +
		"after the plain word (\"high blood pressure (hypertension)\"), as an appositive or a definition (\"hypertension, or " +
		"high blood pressure,\", \"hypertension — high blood pressure —\", \"hypertension means ...\", \"hypertension is when " +
		"...\", \"also called hypertension\", \"doctors call this hypertension\"), or wherever its sentence also holds the " +
		"plain word. Once explained, a term is not flagged further down the page; a use explained in a heading counts. " +
		"Terms listed under a Glossary, Definitions or Key terms heading of the page are explained for the whole page, and " +
		"the glossary option lists terms the site explains elsewhere.\n\n" +
		"Only the first unexplained use of each term is reported (only-first), in a paragraph, list item or table cell: " +
		"headings, table headers, all-bold paragraphs and short list items or cells of capitalised words (\"Hemorrhage " +
		"Control\") name topics and are never flagged, nor are block quotes and " +
		"quoted text, link text, code, HTML, front matter, footnote definitions and reference sections (References, " +
		"Sources, ...). A term written with a capital letter mid-sentence (\"the Journal of Hypertension\") or in capitals " +
		"is taken for a name. A page whose title names the term (a page about tinnitus) is flagged only when it never " +
		"says the plain word. Pages of kind other and partials (fragments other pages include, whose first use is not " +
		"the page's) are not checked.\n\n" +
		"The fix (fix: explain) adds the plain word in parentheses after the term's first use: it keeps the medical term, " +
		"which readers hear from clinicians and search for, and reads correctly wherever the term stood, whereas replacing " +
		"it would break \"an analgesic\", compounds such as \"hip fracture\" and capitalisation. A site that wants the " +
		"term replaced can write a custom-rules substitute rule. No fix is offered where the term's text is split by " +
		"markup or is followed by 's or a hyphen.")
	return lint.Meta{
		Category: lint.CategoryStyle,
		ID:       "plain-language",
		Summary:  "Medical jargon with an everyday word readers use (hypertension → high blood pressure), unexplained at its first use",
		Severity: lint.SeverityInfo,
		Rationale: "Most adults read health information more easily in the words they use themselves: US federal " +
			"plain-language guidance (the Plain Writing Act of 2010, CDC's Clear Communication Index, NIH's Clear & " +
			"Simple) asks writers to use everyday words or explain a medical term the first time it appears. Each " +
			"built-in term comes with the plain word a public-domain US government list pairs it with.",
		Bad:     "# Blood pressure\n\nUntreated hypertension raises the risk of a myocardial infarction.\n",
		Good:    "# Blood pressure\n\nUntreated high blood pressure (hypertension) raises the risk of a heart attack.\n",
		Fixable: true,
		Kinds:   article.SetOf(article.KindAdvice, article.KindProduct),
		Notes:   notes.String(),
	}
})

// plainRole says how the uses in a block count.
type plainRole uint8

const (
	// roleProse: a paragraph, list item or table body cell: flagged.
	roleProse plainRole = iota
	// roleLabel: a heading, table header or all-bold paragraph: an
	// explained use counts, a bare one is not flagged.
	roleLabel
	// roleSkip: quoted, a footnote, a reference section: no use counts.
	roleSkip
)

// plainState is what the page has shown of an entry so far.
type plainState uint8

const (
	stateUnseen plainState = iota
	// stateReported: a bare use was reported (only-first false).
	stateReported
	// stateDone: explained, or reported with only-first.
	stateDone
)

// plainPage checks one page.
type plainPage struct {
	pass    *lint.Pass
	doc     *document.Document
	opts    *PlainLanguageOptions
	c       *plainCompiled
	state   []plainState
	lastPos []int // the sentence of the last report per entry (only-first false)
	sources *sourceSections
	title   string
	glossed map[*document.Heading]bool
}

func newPlainPage(pass *lint.Pass, opts *PlainLanguageOptions, c *plainCompiled) *plainPage {
	return &plainPage{pass: pass, doc: pass.Doc, opts: opts, c: c}
}

// plainMatch is one use of an entry in a block's text.
type plainMatch struct {
	entry      int
	start, end int
}

func (p *plainPage) run() {
	for _, b := range p.doc.Blocks {
		if !p.c.mayHold(b.Text) {
			continue
		}
		sc := p.c.set.Scan(b.Text)
		ms := p.matches(&sc)
		if len(ms) == 0 {
			continue
		}
		if p.state == nil {
			p.start()
		}
		role := p.role(b)
		if role == roleSkip {
			continue
		}
		for _, m := range ms {
			if p.state[m.entry] != stateDone {
				p.use(b, role, m)
			}
		}
	}
}

// start sets up the page state on its first match: the glossary sections
// explain their terms for the whole page.
func (p *plainPage) start() {
	p.state = make([]plainState, len(p.c.lex))
	p.lastPos = make([]int, len(p.c.lex))
	p.sources = newSourceSections(defaultSourceSections, p.doc)
	p.title = plainTitle(p.doc)
	for _, h := range p.doc.Headings {
		if plainGlossaryHeadings[document.NormalizeHeading(h.Text)] {
			if p.glossed == nil {
				p.glossed = map[*document.Heading]bool{}
			}
			p.glossed[h] = true
		}
	}
	if p.glossed == nil {
		return
	}
	for _, b := range p.doc.Blocks {
		if b.Kind == document.BlockHeading || !p.inGlossary(b.Section) {
			continue
		}
		sc := p.c.set.Scan(b.Text)
		for _, m := range p.matches(&sc) {
			p.state[m.entry] = stateDone
		}
	}
}

// plainGlossaryHeadings are the headings of a page's glossary.
var plainGlossaryHeadings = map[string]bool{
	"glossary": true, "glossary of terms": true, "definitions": true, "key terms": true, "medical terms": true,
	"terms to know": true, "words to know": true, "jargon buster": true, "what the words mean": true,
	"medical words": true, "terms used": true, "terms used in this article": true, "key words": true,
}

func (p *plainPage) inGlossary(h *document.Heading) bool {
	for ; h != nil; h = h.Parent {
		if p.glossed[h] {
			return true
		}
	}
	return false
}

// plainTitle returns the page's title, lower case: its front-matter
// title, or a first heading of level 1.
func plainTitle(doc *document.Document) string {
	if t := article.Title(doc); t != "" {
		return normPlain(t)
	}
	if len(doc.Headings) > 0 && doc.Headings[0].Level == 1 {
		return normPlain(doc.Headings[0].Text)
	}
	return ""
}

// matches returns the entries' uses in the scanned text by position,
// longest first where they start together, without overlaps.
func (p *plainPage) matches(sc *match.Scanned) []plainMatch {
	var out []plainMatch
	for i := range p.c.lex {
		for _, m := range sc.FindAll(i) {
			if m[1] > m[0] {
				out = append(out, plainMatch{i, m[0], m[1]})
			}
		}
	}
	if len(out) < 2 {
		return out
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].start < out[j].start || out[i].start == out[j].start && out[i].end > out[j].end
	})
	kept := out[:1]
	for _, m := range out[1:] {
		if m.start >= kept[len(kept)-1].end {
			kept = append(kept, m)
		}
	}
	return kept
}

// role says how the uses in b count.
func (p *plainPage) role(b *document.Block) plainRole {
	switch {
	case b.Quoted, inFootnote(b.Node), p.sources.contains(b), p.glossed != nil && p.inGlossary(b.Section):
		return roleSkip
	case b.Kind == document.BlockHeading || pseudoHeading(b) || titleCaseLabel(b.Text):
		return roleLabel
	case b.Kind == document.BlockTableCell:
		if _, header := b.Node.Parent().(*east.TableHeader); header {
			return roleLabel
		}
	}
	return roleProse
}

// titleCaseLabel reports a short text of capitalised words without a
// full stop, as list items and table cells that name a topic are
// written ("Hemorrhage Control", "Atopic Dermatitis").
func titleCaseLabel(text string) bool {
	words := strings.Fields(text)
	if len(words) < 2 || len(words) > 6 || strings.ContainsAny(text, ".!?") {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) && !plainMinorWords[w] {
			return false
		}
	}
	return true
}

// plainMinorWords stay lower case in a title.
var plainMinorWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true,
	"in": true, "on": true, "for": true, "to": true, "with": true, "at": true, "by": true, "vs": true}

// use weighs one use of an entry in block b.
func (p *plainPage) use(b *document.Block, role plainRole, m plainMatch) {
	e := p.c.lex[m.entry]
	s, ok := sentenceAt(p.doc.Sentences(b), m.start)
	if !ok {
		return
	}
	if p.state[m.entry] == stateReported && p.lastPos[m.entry] == s.Pos {
		return // one finding per sentence
	}
	// The use's context is read within reach of it, so that a run-on
	// "sentence" of a megabyte costs linear time.
	lo, hi := aroundRange(s.Text, m.start-s.Start, m.end-s.Start, plainReach)
	text, ms, me := s.Text[lo:hi], m.start-s.Start-lo, m.end-s.Start-lo
	if !plainIsUse(text, ms, me, e) {
		return
	}
	if plainExplained(text, ms, me, e) {
		p.state[m.entry] = stateDone
		return
	}
	if role != roleProse || inLinkText(b, m.start) {
		return
	}
	topic := p.title != "" && containsForm(p.title, e)
	if topic && p.pageSays(e) {
		p.state[m.entry] = stateDone
		return
	}
	p.report(b, s, ms+lo, me+lo, e, topic, p.state[m.entry] == stateUnseen)
	p.lastPos[m.entry] = s.Pos
	p.state[m.entry] = stateReported
	if p.opts.OnlyFirst {
		p.state[m.entry] = stateDone
	}
}

// report reports the use [ms, me) of sentence s of block b, with the fix
// on a term's first report.
func (p *plainPage) report(b *document.Block, s document.Sentence, ms, me int, e *plainEntry, topic, first bool) {
	word := s.Text[ms:me]
	plain := e.plainFor(word)
	pos := b.SourceOffset(s.Start + ms)
	end := max(b.SourceOffset(s.Start+me-1)+1, pos)
	explained := word + " (" + plain + ")"
	msg := fmt.Sprintf("%q: most readers say %q; use it, or explain the term at its first use: %q", word, plain, explained)
	if topic {
		msg = fmt.Sprintf("%q: the page is about it but never says %q; explain the term at its first use: %q", word, plain, explained)
	}
	d := lint.Diagnostic{Pos: pos, End: end, Message: msg}
	if first && p.opts.Fix == "explain" && p.fixable(pos, end, word) {
		edit := lint.Edit{Pos: end, End: end, NewText: " (" + plain + ")"}
		if m := plainAbbrev.FindSubmatchIndex(p.doc.Source[end:]); m != nil {
			// "myocardial infarction (MI)": "(heart attack, MI)".
			at := end + m[2]
			edit = lint.Edit{Pos: at, End: at, NewText: plain + ", "}
		}
		d.Fix = &lint.Fix{Message: "explain " + word, Edits: []lint.Edit{edit}}
	}
	p.pass.Report(d)
}

// fixable reports whether source [pos, end) is the word as the text has
// it, not followed by a possessive, a hyphen or a slash (a compound the
// parenthesis would split).
func (p *plainPage) fixable(pos, end int, word string) bool {
	src := p.doc.Source
	if end > len(src) || string(src[pos:end]) != word {
		return false
	}
	if end == len(src) {
		return true
	}
	r, _ := utf8.DecodeRune(src[end:])
	return !strings.ContainsRune("'’-/", r) && !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// pageSays reports whether the page holds e's plain word anywhere (a page
// about the term that says its everyday name somewhere).
func (p *plainPage) pageSays(e *plainEntry) bool {
	if holdsPhrase(p.title, e) {
		return true
	}
	for _, b := range p.doc.Blocks {
		if holdsPhrase(normPlain(b.Text), e) {
			return true
		}
	}
	return false
}

// sentenceAt returns the sentence holding offset off.
func sentenceAt(ss []document.Sentence, off int) (document.Sentence, bool) {
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > off })
	if i < len(ss) && ss[i].Start <= off {
		return ss[i], true
	}
	return document.Sentence{}, false
}

// plainReach is how far before and after a term its context is read.
const plainReach = 300

// aroundRange returns the bounds of t within reach bytes of [at, end),
// cut at rune boundaries.
func aroundRange(t string, at, end, reach int) (lo, hi int) {
	lo, hi = max(at-reach, 0), min(end+reach, len(t))
	for lo > 0 && !utf8.RuneStart(t[lo]) {
		lo--
	}
	for hi < len(t) && !utf8.RuneStart(t[hi]) {
		hi++
	}
	return lo, hi
}

// inLinkText reports whether offset off of b's text is in a link's text.
func inLinkText(b *document.Block, off int) bool {
	for _, l := range b.Links() {
		if !l.Image && l.TextPos <= off && off < l.TextEnd {
			return true
		}
	}
	return false
}

// containsForm reports whether normalised text holds one of e's forms as
// words.
func containsForm(text string, e *plainEntry) bool {
	for f := range e.plural {
		if containsWords(text, f) {
			return true
		}
	}
	return false
}

// holdsPhrase reports whether normalised text holds e's plain word or
// its plural as words.
func holdsPhrase(text string, e *plainEntry) bool {
	if containsWords(text, normPlain(e.Plain)) {
		return true
	}
	return e.plainPlural != "" && containsWords(text, normPlain(e.plainPlural))
}

// containsWords reports whether phrase occurs in text between word
// boundaries.
func containsWords(text, phrase string) bool {
	for i := 0; phrase != ""; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		k := j + len(phrase)
		if (j == 0 || !isWordChar(text[j-1])) && (k == len(text) || !isWordChar(text[k])) {
			return true
		}
		i = j + 1
	}
	return false
}

func isWordChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// plainIsUse reports whether the match [ms, me) of sentence text is a use
// of the term: not a name (capitalised mid-sentence, in capitals), not
// inside one of the entry's exceptions, not in quotation marks.
func plainIsUse(text string, ms, me int, e *plainEntry) bool {
	word := text[ms:me]
	if word == strings.ToUpper(word) {
		return false // "HYPERTENSION", "PER OS": a label or a name
	}
	first, n := utf8.DecodeRuneInString(word)
	if strings.ToLower(word[n:]) != word[n:] {
		return false // "Myocardial Infarction": a title-case name
	}
	if unicode.IsUpper(first) && !sentenceStart(text[:ms]) {
		return false // "the Journal of Hypertension"
	}
	if e.except != nil {
		for _, x := range e.except.FindAllStringIndex(text, -1) {
			if x[0] <= ms && me <= x[1] {
				return false
			}
		}
	}
	return !riskyInQuotes(text, ms)
}

// sentenceStart reports whether before holds no word: only punctuation,
// list numbers or a label ending in a colon.
func sentenceStart(before string) bool {
	t := strings.TrimRightFunc(before, unicode.IsSpace)
	if t == "" || strings.HasSuffix(t, ":") {
		return true
	}
	return !strings.ContainsFunc(t, unicode.IsLetter)
}

var (
	// plainAfter, right after a term, explains it: an appositive, a dash,
	// a definition.
	plainAfter = fastre.MustCompile(`(?i)^(?:\s*,\s*(?:or|also called|also known as|meaning|which means|that is|i\.e\.|in other words|known as|sometimes called)\b` +
		`|\s*[—–]\s*\S|\s+-\s+\S` +
		`|\s+(?:means|refers to|describes|is defined as|happens when|occurs when|(?:is|are) (?:when|where)` +
		`|(?:is|are) (?:a |an |the )?(?:medical |clinical |technical |scientific )?(?:term|name|word) for` +
		`|(?:is|are) (?:a |an )?(?:condition|disorder|problem|state) (?:in which|where|when))\b)`)
	// plainBefore, right before a term, says it names what was just
	// explained: "high blood pressure (hypertension)", "also called".
	plainBefore = fastre.MustCompile(`(?i)(?:\(\s*(?:(?:or|also called|also known as|known as|medically(?: called| known as)?|aka|i\.e\.,?)\s+)?` +
		`|,\s*(?:or|also called|also known as|medically known as|known medically as|known as|sometimes called)\s+` +
		`|\b(?:also called|also known as|known (?:medically )?as|medically known as|(?:is|are) called|doctors call (?:it|this|them)` +
		`|(?:medical|clinical|technical|scientific) (?:term|name|word) (?:for (?:it|this|that|them) )?is|referred to as|termed)\s+)["“‘']?$`)
	// plainAbbrev is an abbreviation in parentheses right after a term,
	// its opening parenthesis's end submatch 1.
	plainAbbrev = lazyre.New(`^ ?\(()[A-Z][A-Za-z0-9]{0,7}s?\)`)
	// plainParen is a parenthesis right after a term.
	plainParen = lazyre.New(`^\s*\(([^()]*)\)`)
	// plainCitation is a parenthesis that cites rather than explains.
	plainCitation = fastre.MustCompile(`(?i)\b(?:1[89]|20)\d\d\b|\bet al\b|^\s*(?:see|ref|fig|figure|table|source)\b|^\s*[\d.,%\s-]*$`)
	// plainLowerWord is a word of lower-case letters.
	plainLowerWord = fastre.MustCompile(`\b\p{Ll}{3,}`)
)

// plainExplained reports whether the use [ms, me) of sentence text comes
// with its meaning.
func plainExplained(text string, ms, me int, e *plainEntry) bool {
	after, before := text[me:], text[:ms]
	if m := plainParen.FindStringSubmatchIndex(after); m != nil {
		inner := after[m[2]:m[3]]
		if plainLowerWord.MatchString(inner) && !plainCitation.MatchString(inner) {
			return true
		}
	}
	if plainAfter.MatchString(after) || plainBefore.MatchString(before) {
		return true
	}
	// The plain word elsewhere in the sentence: "Hypertension, the medical
	// name for high blood pressure, ...".
	rest := normPlain(before) + " \x00 " + normPlain(after)
	return holdsPhrase(rest, e)
}
