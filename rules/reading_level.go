package rules

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/readability"
	"github.com/medlint/medlint/internal/textmemo"
)

func init() { lint.Register(readingLevel) }

// readingLevel grades how hard an advice page, and each of its ##
// sections, is to read.
var readingLevel = &lint.Definition[ReadingLevelOptions]{
	Info: readingLevelMeta,
	Defaults: func() *ReadingLevelOptions {
		return &ReadingLevelOptions{MaxGrade: 8, Formula: readingFK, MinWords: 100}
	},
	Build: buildReadingLevel,
}

// The formulas, as the formula option names them.
const (
	readingSMOG = "smog"
	readingFK   = "flesch-kincaid"
	readingBoth = "both"
)

// The checks of reading-level.
const (
	readingCheckArticle = "article"
	readingCheckSection = "section"
)

// ReadingLevelOptions are the options of reading-level.
type ReadingLevelOptions struct {
	MaxGrade       float64            `yaml:"max-grade" doc:"the highest US school grade the text may read at; health-literacy guides ask for grade 8 or lower. A different target for some files is set with overrides"`
	MaxGradeByKind map[string]float64 `yaml:"max-grade-by-kind" keys:"advice,product,other" doc:"targets for page kinds, replacing max-grade on pages of that kind, e.g. {product: 10}; the rule runs only on the kinds of its kinds setting (advice by default), so list product there too"`
	Formula        string             `yaml:"formula" enum:"flesch-kincaid,smog,both" doc:"flesch-kincaid: the Flesch-Kincaid grade (1975), from sentence length and syllables per word; smog: the SMOG grade (McLaughlin 1969), from the words of three or more syllables per sentence, which health-literacy reviews use and which reads 2 to 3 grades above Flesch-Kincaid on the same text (its criterion is full comprehension); both: the higher of the two, both given in the message"`
	MinWords       int                `yaml:"min-words" doc:"the fewest words the article or a section must have to be graded: a grade over fewer words says more about one sentence than about the text"`
}

// readingLevelMeta is the rule's metadata: data, built once.
var readingLevelMeta = lint.Meta{
	Category: lint.CategoryStyle,
	ID:       "reading-level",
	Summary:  "Advice pages, and each of their ## sections, should read at grade 8 or lower (Flesch-Kincaid or SMOG)",
	Severity: lint.SeverityWarning,
	Kinds:    article.SetOf(article.KindAdvice),
	Rationale: "Over a third of US adults have limited health literacy, and readers who cannot follow health advice " +
		"act on it less often and less safely. Health-literacy guidance asks for patient information written at US " +
		"grade 8 or lower (ages 13-14; the CDC's Simply Put), often grade 6 (the AMA, the NIH). The rule grades what a reader reads, the " +
		"prose and list items, for the whole article and for each ## section, and names the two or three sentences " +
		"that raise the grade most, with their line, length and long words, so a writer knows what to rewrite: " +
		"split long sentences, and use short everyday words where a medical term is not needed. The default formula is " +
		"Flesch-Kincaid; formula: smog uses SMOG, which health-literacy guides recommend because it predicts full " +
		"comprehension, and which is stricter: on the 133 NHS pages of 100 words or more in medlint's test corpus, " +
		"written by plain-language editors, the median Flesch-Kincaid grade is 6.0 and the median SMOG grade 9.1; " +
		"at a target of 8, Flesch-Kincaid flags 4 of them and SMOG 122. With formula: smog, set max-grade to what " +
		"your style guide asks of SMOG.",
	Bad: "# Eczema\n\n" +
		"Atopic dermatitis is a chronic, relapsing inflammatory dermatological condition characterised by intensely " +
		"pruritic, erythematous and xerotic lesions, frequently associated with immunological dysregulation and " +
		"compromised epidermal barrier functionality. Environmental precipitants, including aeroallergens, microbial " +
		"colonisation, detergents and psychological stressors, commonly exacerbate symptomatology, necessitating " +
		"individualised management strategies that incorporate emollient therapy and anti-inflammatory medication. " +
		"Its prevalence is considerably elevated among paediatric populations, although persistence into adulthood is " +
		"increasingly recognised, particularly in individuals with asthma or hay fever. Exacerbations are managed with " +
		"topical corticosteroids of appropriate potency, whereas refractory or extensive disease may necessitate " +
		"phototherapy, systemic immunosuppression or biological therapy under careful specialist supervision in hospital.\n",
	Good: "# Eczema\n\n" +
		"Eczema makes skin dry, red and itchy. It often starts in babies and young children, but adults can have it " +
		"too. It comes and goes. Your skin does not keep water in or germs out as well as it should. Soap, dust, pets, " +
		"heat and stress can make it worse. A thick cream helps. Use it every day, even when your skin looks fine. Put " +
		"it on after a bath, while your skin is still damp. Your GP can give you a steroid cream for bad days. Many " +
		"children grow out of eczema. People who have it are more likely to have asthma or hay fever. If a flare does " +
		"not calm down, or the skin weeps or gets sore, see your GP again.\n",
	Checks: []lint.CheckDoc{
		{Name: readingCheckArticle, Summary: "the whole article reads above the target (reported at its title: the level-1 heading, else the front matter's title, else its first sentence); the message also names the ## sections that read above it, hardest first", WholeFile: true},
		{Name: readingCheckSection, Summary: "the article meets the target but a ## section (with its ### subsections) does not: reported once, at the hardest such section's heading, naming the others; never when the section is the whole article"},
	},
	Notes: "One finding a page: a page that reads above the target gets one finding, which names its hard sections, " +
		"not one finding a section.\n\n" +
		"What is graded: paragraphs and list items, block quotes included. Not graded: headings, tables, code " +
		"spans and blocks, front matter, HTML blocks and comments, image alt text, link destinations, URLs and e-mail " +
		"addresses in the text, reference markers ([3]), footnote definitions and reference sections (References, " +
		"Sources, Further reading, ..., as uncited-claim's source-sections), navigation (a paragraph or list item " +
		"whose every letter is link text: related-article cards, lists of links) and the medical disclaimer (standard " +
		"wording a writer does not rewrite; the disclaimer medical-disclaimer recognises). Text before the first ## " +
		"heading counts for the article only.\n\n" +
		"The page's subject: a long word (three syllables or more) of the page's title, or of a heading the text falls " +
		"under, counts one syllable there, plural and possessive forms included: a page on ashwagandha must say " +
		"ashwagandha, and its reader came for that word, so the grade measures the words a writer can change.\n\n" +
		"Counting: sentences as medlint splits them (a list item is at least one sentence); a word is a run of letters " +
		"and digits joined by apostrophes, hyphens or full stops (long-term, e.g.); a number, and an abbreviation in " +
		"capitals (NHS, COVID-19), counts one syllable. Syllables come from an English heuristic with exceptions, " +
		"checked against the CMU Pronouncing Dictionary (about 99% of the words of real health pages counted as the " +
		"dictionary does), and the grades against a JavaScript reference (within 0.1 grade).\n\n" +
		"Formulas: Flesch-Kincaid = 0.39 × words per sentence + 11.8 × syllables per word − 15.59; SMOG = 1.0430 × " +
		"√(polysyllables × 30 / sentences) + 3.1291. SMOG was defined on a sample of 30 sentences; on fewer, the rule " +
		"uses the published short-text adjustment (count every polysyllable and scale by 30 / sentences, the NCI's " +
		"conversion) and the message says so, adding that under 10 sentences the grade is an estimate. On more, it " +
		"averages over every sentence instead of sampling 30.\n\n" +
		"Noise: the article or a section with fewer than min-words words (100) gets no grade finding. A grade is a " +
		"school year and its months: 8.6 reads as the eighth grade, so it meets max-grade 8, and 9.0 does not (the " +
		"grade is first rounded to one decimal, as the message shows it). The sentences named are those whose removal " +
		"would lower the grade most.",
}

// readingTargets are the options prepared: the target per page kind.
type readingTargets struct {
	opts    *ReadingLevelOptions
	byKind  [article.KindOther + 1]float64
	hasKind [article.KindOther + 1]bool
}

// target returns the grade a page of kind k may read at.
func (t *readingTargets) target(k article.Kind) float64 {
	if int(k) < len(t.byKind) && t.hasKind[k] {
		return t.byKind[k]
	}
	return t.opts.MaxGrade
}

func buildReadingLevel(opts *ReadingLevelOptions, _ lint.Env) (lint.Check, error) {
	if opts.MaxGrade <= 0 || opts.MaxGrade > 30 || math.IsNaN(opts.MaxGrade) {
		return nil, fmt.Errorf("max-grade must be a grade between 0 and 30, got %v", opts.MaxGrade)
	}
	if opts.MinWords < 1 {
		return nil, fmt.Errorf("min-words must be at least 1, got %d", opts.MinWords)
	}
	switch opts.Formula {
	case readingSMOG, readingFK, readingBoth:
	default:
		return nil, fmt.Errorf("formula must be smog, flesch-kincaid or both, got %q", opts.Formula)
	}
	t := &readingTargets{opts: opts}
	for name, grade := range opts.MaxGradeByKind {
		k, err := article.ParseKind(name)
		if err != nil {
			return nil, fmt.Errorf("max-grade-by-kind: %w", err)
		}
		if grade <= 0 || grade > 30 || math.IsNaN(grade) {
			return nil, fmt.Errorf("max-grade-by-kind.%s must be a grade between 0 and 30, got %v", name, grade)
		}
		t.byKind[k], t.hasKind[k] = grade, true
	}
	return func(pass *lint.Pass) error { return checkReadingLevel(pass, t) }, nil
}

// readingSentence is one graded sentence.
type readingSentence struct {
	s       *document.Sentence // the document's own (Document.Sentences)
	c       readability.Counts
	section *document.Heading // its ## heading, nil before the first
	under   *document.Heading // the heading it falls under, nil before the first
}

// readingScope is the article or one ## section, over sentences[from:to].
type readingScope struct {
	heading  *document.Heading
	from, to int
	c        readability.Counts
}

func checkReadingLevel(pass *lint.Pass, t *readingTargets) error {
	doc := pass.Doc
	subject := newReadingSubject(doc)
	sentences := readingSentences(doc, subject)
	if len(sentences) == 0 {
		return nil
	}
	opts := t.opts
	target := t.target(pass.Facts().Kind)
	whole := readingScope{to: len(sentences)}
	var sections []readingScope
	for i, s := range sentences {
		whole.c.Add(s.c)
		if s.section == nil {
			continue
		}
		if n := len(sections); n == 0 || sections[n-1].heading != s.section {
			sections = append(sections, readingScope{heading: s.section, from: i, to: i})
		}
		sec := &sections[len(sections)-1]
		sec.to = i + 1
		sec.c.Add(s.c)
	}
	hard := readingHardSections(opts, sections, whole, target)
	if whole.c.Words >= opts.MinWords {
		if d, ok := readingGradeScope(doc, opts, sentences, whole, target, subject); ok {
			d.Message += readingNameSections(". Sections above the target: ", hard)
			d.Pos, d.End = readingTitleRange(doc, *sentences[0].s)
			d.Check = readingCheckArticle
			pass.Report(d)
			return nil // its sections are named in it: one finding a page
		}
	}
	if len(hard) == 0 {
		return nil
	}
	// The article passes but a section does not: one finding, at the
	// hardest section, naming the others.
	sec := hard[0]
	if d, ok := readingGradeScope(doc, opts, sentences, sec.scope, target, subject); ok {
		d.Message += readingNameSections(". Other sections above the target: ", hard[1:])
		d.Pos, d.End = sec.scope.heading.Pos, sec.scope.heading.End
		d.Check = readingCheckSection
		pass.Report(d)
	}
	return nil
}

// readingMaxSections is how many hard sections an article finding names.
const readingMaxSections = 5

// readingHard is a section that reads above the target.
type readingHard struct {
	scope readingScope
	grade float64 // rounded
}

// readingHardSections returns the graded sections of an article that read
// above target, hardest first.
func readingHardSections(opts *ReadingLevelOptions, sections []readingScope, whole readingScope, target float64) []readingHard {
	var hs []readingHard
	for _, sec := range sections {
		if sec.c.Words < opts.MinWords || sec.c == whole.c {
			continue
		}
		if g, _ := readingGrade(opts.Formula, sec.c); readingAbove(g, target) {
			hs = append(hs, readingHard{sec, readingRound(g)})
		}
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].grade > hs[j].grade })
	return hs
}

// readingNameSections names sections and their grades after lead; "" for none.
func readingNameSections(lead string, hs []readingHard) string {
	if len(hs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(lead)
	for i, h := range hs[:min(len(hs), readingMaxSections)] {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q %.1f", h.scope.heading.Text, h.grade)
	}
	if n := len(hs) - readingMaxSections; n > 0 {
		fmt.Fprintf(&b, " and %d more", n)
	}
	return b.String()
}

// readingSentences returns the sentences a reader reads, in order: those of
// paragraphs and list items outside footnote definitions, reference
// sections and disclaimers, each with a word. The page's subject words
// (see readingSubject) count one syllable.
func readingSentences(doc *document.Document, subject *readingSubject) []readingSentence {
	// The blocks read first, then one slice of the size they need: a
	// large article has hundreds of thousands of sentences, and a slice
	// grown by appending would hold up to twice that at once.
	type readBlock struct {
		b   *document.Block
		sec *document.Heading
	}
	var blocks []readBlock
	n := 0
	var sources *sourceSections
	for _, b := range doc.Blocks {
		if b.Kind != document.BlockParagraph {
			continue
		}
		if b.Section != nil {
			if sources == nil {
				sources = newSourceSections(defaultSourceSections, doc)
			}
			if sources.contains(b) {
				continue
			}
		}
		if inFootnote(b.Node) || readingNavigation(b) || isDisclaimer(doc.Texts, b.Text) {
			continue
		}
		sec := b.Section
		for sec != nil && sec.Level > 2 {
			sec = sec.Parent
		}
		if sec != nil && sec.Level != 2 {
			sec = nil
		}
		blocks = append(blocks, readBlock{b, sec})
		n += len(doc.Sentences(b))
	}
	if n == 0 {
		return nil
	}
	out := make([]readingSentence, 0, n)
	for _, rb := range blocks {
		ss := doc.Sentences(rb.b)
		for i := range ss {
			c := subject.count(ss[i].Text, rb.b.Section)
			if c.Words == 0 {
				continue
			}
			out = append(out, readingSentence{s: &ss[i], c: c, section: rb.sec, under: rb.b.Section})
		}
	}
	return out
}

// readingNavigation reports whether a block is navigation: every letter of
// its text is link text ("Related: [Vitamin D and hair loss](...)" cards,
// lists of article titles), a menu a reader scans, not prose.
func readingNavigation(b *document.Block) bool {
	at := 0
	for _, l := range b.Links() {
		if l.Image || l.TextPos < at {
			continue
		}
		if readingHasLetter(b.Text[at:l.TextPos]) {
			return false
		}
		at = l.TextEnd
	}
	return at > 0 && !readingHasLetter(b.Text[at:])
}

// readingHasLetter reports whether s holds a letter.
func readingHasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// readingSubject holds the words a page is about: those of its title
// (its level-1 heading, else the front matter's title) and of each
// heading. A long word (three syllables or more) of the title, or of a
// heading the text sits under, counts one syllable, as a number does: a
// page about ashwagandha must say ashwagandha, and its reader came for
// that word.
type readingSubject struct {
	title    map[string]bool
	headings map[*document.Heading]map[string]bool
	texts    *textmemo.Store
}

func newReadingSubject(doc *document.Document) *readingSubject {
	rs := &readingSubject{headings: map[*document.Heading]map[string]bool{}, texts: doc.Texts}
	title := ""
	for _, h := range doc.Headings {
		if h.Level == 1 {
			title = h.Text
			break
		}
	}
	if f := doc.FrontMatter.Get("title"); title == "" && f != nil {
		title = f.Value
	}
	rs.title = textmemo.Get(rs.texts, readingLongWordsKind, title, readingWordSet)
	return rs
}

// excused reports whether word (a readingStem) is a subject word of text under heading h.
func (rs *readingSubject) excused(word string, h *document.Heading) bool {
	if rs.title[word] {
		return true
	}
	for ; h != nil; h = h.Parent {
		set, ok := rs.headings[h]
		if !ok {
			set = textmemo.Get(rs.texts, readingLongWordsKind, h.Text, readingWordSet)
			rs.headings[h] = set
		}
		if set[word] {
			return true
		}
	}
	return false
}

// count returns the counts of one sentence under heading h: those of its
// words (readingWordsOf, remembered across an editor's lints), with the
// page's subject words excused.
func (rs *readingSubject) count(text string, h *document.Heading) readability.Counts {
	rw := textmemo.Get(rs.texts, readingWordsKind, text, readingWordsOf)
	c := rw.c
	for _, l := range rw.long {
		if rs.excused(l.stem, h) {
			c.Syllables -= l.n - 1
			c.Polysyllables--
		}
	}
	return c
}

// reading-level's entries in document.Document.Texts.
var (
	readingWordsKind     = textmemo.NewKind("reading-level words")
	readingLongWordsKind = textmemo.NewKind("reading-level subject words")
)

// readingWords are the counts of a sentence before a page's subject words
// are excused, and its long words (those an excusal can change).
type readingWords struct {
	c    readability.Counts
	long []readingLong
}

// readingLong is a word of three syllables or more: its readingStem and
// its syllables.
type readingLong struct {
	stem string
	n    int
}

// readingWordsOf counts the words of a sentence. A term in quotation marks
// of at most three words is mentioned, not used: "look for words like
// "emulsifiers" on the label" names what the reader will see, which the
// writer cannot make shorter; its words count one syllable.
func readingWordsOf(text string) readingWords {
	if strings.Contains(text, `"`) || strings.Contains(text, "“") {
		text = readingMentionRe.ReplaceAllStringFunc(text, func(m string) string {
			if len(strings.Fields(m)) > 3 {
				return m
			}
			return readingWordRunRe.ReplaceAllString(m, "a")
		})
	}
	var rw readingWords
	rw.c = readability.CountWith(text, func(word string, n int) int {
		if n >= 3 {
			rw.long = append(rw.long, readingLong{readingStem(word), n})
		}
		return n
	})
	return rw
}

var (
	// readingMentionRe is a short quotation: straight or curly double
	// quotes around at most 40 bytes.
	readingMentionRe = lazyre.New(`"[^"\n]{1,40}"|“[^”\n]{1,40}”`)
	readingWordRunRe = lazyre.New(`[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*`)
)

// readingWordSet returns the stems of the long words of text: those of
// three syllables or more.
func readingWordSet(text string) map[string]bool {
	set := map[string]bool{}
	readability.Words(text, func(w readability.Word) {
		if w.Syllables >= 3 {
			set[readingStem(text[w.Start:w.End])] = true
		}
	})
	return set
}

// readingStem folds a word for the subject match: lower case, without a
// possessive or a plural s ("Vitamins", "vitamin's" → "vitamin").
func readingStem(w string) string {
	w = strings.ToLower(w)
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	return w
}

// readingGrade returns the grade of counts c under the formula, and the formula
// that gave it (for both, the higher).
func readingGrade(formula string, c readability.Counts) (float64, string) {
	switch formula {
	case readingFK:
		return readability.FleschKincaid(c), readingFK
	case readingBoth:
		if fk, smog := readability.FleschKincaid(c), readability.SMOG(c); fk > smog {
			return fk, readingFK
		}
	}
	return readability.SMOG(c), readingSMOG
}

// readingAbove reports whether grade g is above target: whether its school
// year, the whole part of the grade as shown to one decimal, is. A grade of
// 8.6 is a text for the eighth grade (its sixth month), so it meets a
// target of 8; 9.0 does not.
func readingAbove(g, target float64) bool { return math.Floor(readingRound(g)) > target }

// readingRound rounds a grade to one decimal, as messages show it.
func readingRound(g float64) float64 { return math.Round(g*10) / 10 }

// readingGradeScope returns the finding of a scope that reads above target.
func readingGradeScope(doc *document.Document, opts *ReadingLevelOptions, sentences []readingSentence, sc readingScope, target float64, subject *readingSubject) (lint.Diagnostic, bool) {
	g, by := readingGrade(opts.Formula, sc.c)
	if !readingAbove(g, target) {
		return lint.Diagnostic{}, false
	}
	var b strings.Builder
	if sc.heading == nil {
		b.WriteString("the article reads at grade ")
	} else {
		fmt.Fprintf(&b, "section %q reads at grade ", sc.heading.Text)
	}
	fmt.Fprintf(&b, "%.1f (%s), above the target of %s: %s words in %s",
		readingRound(g), readingFormulaDetail(opts.Formula, sc.c), strconv.FormatFloat(target, 'f', -1, 64),
		readingThousands(sc.c.Words), readingCount(sc.c.Sentences, "sentence"))
	top := readingHardest(sentences[sc.from:sc.to], sc.c, by)
	switch {
	case sc.c.Sentences == 1:
		b.WriteString(". The sentence: ")
	case len(top) == 1:
		b.WriteString(". The sentence that raises it most: ")
	case len(top) > 1:
		b.WriteString(". The sentences that raise it most: ")
	}
	for i, s := range top {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(readingWhy(doc, s, subject))
	}
	return lint.Diagnostic{Message: b.String()}, true
}

// readingFormulaDetail names the formula of a grade and, for SMOG on
// fewer than 30 sentences, the short-text adjustment.
func readingFormulaDetail(formula string, c readability.Counts) string {
	note := ""
	switch {
	case c.Sentences < readability.SMOGMinSentences:
		note = fmt.Sprintf(" with the short-text adjustment for %s, an estimate under %d", readingCount(c.Sentences, "sentence"), readability.SMOGMinSentences)
	case c.Sentences < readability.SMOGSentences:
		note = fmt.Sprintf(" with the short-text adjustment for %d sentences", c.Sentences)
	}
	switch formula {
	case readingFK:
		return "Flesch-Kincaid"
	case readingBoth:
		return fmt.Sprintf("SMOG %.1f%s; Flesch-Kincaid %.1f", readingRound(readability.SMOG(c)), note, readingRound(readability.FleschKincaid(c)))
	}
	return "SMOG" + note
}

// readingMaxNamed is how many sentences a finding names.
const readingMaxNamed = 3

// readingHardest returns up to readingMaxNamed sentences whose removal lowers the grade
// (of formula by) of total most, in the order of the text.
func readingHardest(sentences []readingSentence, total readability.Counts, by string) []readingSentence {
	if total.Sentences == 1 {
		return sentences[:1]
	}
	g, _ := readingGrade(by, total)
	type ranked struct {
		i     int
		delta float64
	}
	var rs []ranked
	for i, s := range sentences {
		without, _ := readingGrade(by, total.Sub(s.c))
		if d := g - without; d > 0 {
			rs = append(rs, ranked{i, d})
		}
	}
	sort.Slice(rs, func(a, b int) bool {
		if rs[a].delta != rs[b].delta {
			return rs[a].delta > rs[b].delta
		}
		return rs[a].i < rs[b].i
	})
	rs = rs[:min(len(rs), readingMaxNamed)]
	sort.Slice(rs, func(a, b int) bool { return rs[a].i < rs[b].i })
	out := make([]readingSentence, len(rs))
	for k, r := range rs {
		out[k] = sentences[r.i]
	}
	return out
}

// readingMaxLongWords is how many long words a finding names per sentence.
const readingMaxLongWords = 3

// readingWhy says where a sentence is and what makes it hard: its length and
// its longest words (not the page's subject words, which count one syllable).
func readingWhy(doc *document.Document, s readingSentence, subject *readingSubject) string {
	type long struct {
		text      string
		syllables int
	}
	var words []long
	seen := map[string]bool{}
	readability.Words(s.s.Text, func(w readability.Word) {
		text := s.s.Text[w.Start:w.End]
		if w.Syllables < 3 || seen[strings.ToLower(text)] || subject.excused(readingStem(text), s.under) {
			return
		}
		seen[strings.ToLower(text)] = true
		words = append(words, long{text, w.Syllables})
	})
	sort.SliceStable(words, func(i, j int) bool {
		if words[i].syllables != words[j].syllables {
			return words[i].syllables > words[j].syllables
		}
		return len(words[i].text) > len(words[j].text)
	})
	var b strings.Builder
	fmt.Fprintf(&b, "line %d %q (%d words", doc.Line(s.s.Pos), readingOpener(s.s.Text), s.c.Words)
	if s.c.Polysyllables > 0 {
		fmt.Fprintf(&b, "; %d of 3+ syllables: ", s.c.Polysyllables)
		for i, w := range words[:min(len(words), readingMaxLongWords)] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(w.text)
		}
	}
	b.WriteString(")")
	return b.String()
}

// readingOpenerWords is how many words of a sentence its finding quotes.
const readingOpenerWords = 4

// readingOpener returns the first words of a sentence, to find it on its line.
func readingOpener(text string) string {
	var b strings.Builder
	n := 0
	for word := range strings.FieldsSeq(text) {
		if n == readingOpenerWords {
			b.WriteString("...")
			break
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(word)
		n++
	}
	return b.String()
}

// readingCount returns "1 sentence", "2 sentences".
func readingCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return readingThousands(n) + " " + noun + "s"
}

// readingThousands formats n with commas: 1,204.
func readingThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// readingTitleRange returns where the article's finding goes: its level-1
// heading, else the front matter's title, else its first graded sentence.
func readingTitleRange(doc *document.Document, first document.Sentence) (int, int) {
	for _, h := range doc.Headings {
		if h.Level == 1 {
			return h.Pos, h.End
		}
	}
	if f := doc.FrontMatter.Get("title"); f != nil && f.Line > 0 {
		start := doc.LineStart(f.Line)
		return start, max(doc.LineEnd(f.Line), start)
	}
	return first.Pos, max(first.EndPos, first.Pos)
}
