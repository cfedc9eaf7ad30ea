package article

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/document"
)

// Signals are what the classifier counts in a page, in one pass over its
// prose blocks (at most maxClassifiedWords words).
type Signals struct {
	// Words counts the words read.
	Words int
	// Health counts health-vocabulary words; HealthTerms the distinct ones.
	Health, HealthTerms int
	// You counts second-person words (you, your, ...).
	You int
	// Commerce counts shopping and product-review words; Prices amounts
	// such as $12 or £5; AffiliateLinks links with affiliate ids.
	Commerce, Prices, AffiliateLinks int
	// Admin counts words of contact, account, application and policy
	// pages; ContactLinks mailto:, tel: and form links.
	Admin, ContactLinks int
	// Software counts software-documentation words; CodeLines the lines of
	// code blocks and ProseLines the lines of prose.
	Software, CodeLines, ProseLines int
	// Reviewed reports review data (a reviewer or a review date);
	// Disclaimer a complete medical disclaimer. The classifier reads them
	// only when it needs them (Checked says they were read).
	Reviewed, Disclaimer, Checked bool
}

// maxClassifiedWords bounds the words read: the start of a page says what
// it is, and a long page must not cost more than a short one.
const maxClassifiedWords = 1200

// countSignals reads the front-matter title and the prose blocks of doc.
func countSignals(doc *document.Document) Signals {
	c := counter{h: wordHash(""), prev: wordHash(""), lex: lexicon()}
	c.words(Title(doc))
	for _, b := range doc.Blocks {
		if c.s.Words >= maxClassifiedWords {
			break
		}
		for _, l := range b.Links() {
			d := strings.ToLower(l.Destination)
			switch {
			case strings.HasPrefix(d, "mailto:"), strings.HasPrefix(d, "tel:"),
				strings.Contains(d, "typeform.com"), strings.Contains(d, "forms.gle"), strings.Contains(d, "/forms/"),
				strings.Contains(d, "jotform"), strings.Contains(d, "calendly.com"):
				c.s.ContactLinks++
			case isAffiliateLink(d):
				c.s.AffiliateLinks++
			}
		}
		c.words(b.Text)
		if strings.Contains(b.Text, "£") || strings.Contains(b.Text, "€") {
			c.s.Prices += strings.Count(b.Text, "£") + strings.Count(b.Text, "€")
		}
	}
	for _, k := range doc.LineKinds {
		switch k {
		case document.LineCode:
			c.s.CodeLines++
		case document.LineProse, document.LineTable:
			c.s.ProseLines++
		}
	}
	return c.s
}

// maxHealthTerms bounds the health vocabulary (counter.seen's size).
const maxHealthTerms = 1024

// counter tallies the words of texts into Signals.
type counter struct {
	s    Signals
	seen [maxHealthTerms / 64]uint64 // distinct health terms
	word [32]byte
	n    int // bytes in word; more than len(word) for a word no list holds
	// h is wordHash of word, and prev that of word without its last byte.
	h, prev uint32
	// lex is lexicon() (which has filled lexiconBloom).
	lex map[string]lexEntry
}

// flush counts the word read so far.
func (c *counter) flush() {
	if c.n == 0 {
		return
	}
	c.s.Words++
	var e lexEntry
	ok := false
	if c.n <= len(c.word) {
		w := c.word[:c.n]
		if lexiconBloom.has(c.h) {
			e, ok = c.lex[string(w)]
		}
		if !ok && c.n > 3 && w[len(w)-1] == 's' && lexiconBloom.has(c.prev) {
			e, ok = c.lex[string(w[:len(w)-1])]
		}
	}
	c.n, c.h, c.prev = 0, wordHash(""), wordHash("")
	if !ok {
		return
	}
	if e.class&classHealth != 0 {
		c.s.Health++
		if c.seen[e.id/64]&(1<<(e.id%64)) == 0 {
			c.seen[e.id/64] |= 1 << (e.id % 64)
			c.s.HealthTerms++
		}
	}
	if e.class&classYou != 0 {
		c.s.You++
	}
	if e.class&classCommerce != 0 {
		c.s.Commerce++
	}
	if e.class&classAdmin != 0 {
		c.s.Admin++
	}
	if e.class&classSoftware != 0 {
		c.s.Software++
	}
}

// words tallies the words of text: runs of letters and digits, with
// inner apostrophes and hyphens ("you're", "check-up"), lower-cased.
func (c *counter) words(text string) {
	for i := 0; i < len(text); i++ {
		ch := text[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9', ch == '&':
		case ch >= 'A' && ch <= 'Z':
			ch += 'a' - 'A'
		case (ch == '\'' || ch == '-') && c.n > 0 && i+1 < len(text) && isWordByte(text[i+1]):
		case ch >= 0x80:
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size - 1
			switch {
			case r == '’' && c.n > 0 && i+1 < len(text) && isWordByte(text[i+1]):
				ch = '\''
			case unicode.IsLetter(r):
				c.n = len(c.word) + 1 // a word no list holds
				continue
			default:
				c.flush()
				continue
			}
		case ch == '$' && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9':
			c.s.Prices++
			c.flush()
			continue
		default:
			c.flush()
			continue
		}
		if c.n < len(c.word) {
			c.word[c.n] = ch
			c.prev, c.h = c.h, nextHash(c.h, ch)
		}
		c.n++
	}
	c.flush()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isAffiliateLink reports a link carrying an affiliate id.
func isAffiliateLink(d string) bool {
	return strings.Contains(d, "amzn.to/") || strings.Contains(d, "tag=") && strings.Contains(d, "amazon.") ||
		strings.Contains(d, "/ref=as_") || strings.Contains(d, "shareasale") || strings.Contains(d, "awin1.com") ||
		strings.Contains(d, "aff_id=") || strings.Contains(d, "affiliate")
}

// pageTitle returns the page's title: the front-matter title, else the
// first level-1 heading, else the first heading.
func pageTitle(doc *document.Document) string {
	if t := Title(doc); t != "" {
		return t
	}
	for _, h := range doc.Headings {
		if h.Level == 1 {
			return h.Text
		}
	}
	if len(doc.Headings) > 0 {
		return doc.Headings[0].Text
	}
	return ""
}

// titleSegments splits a title at the separators sites put between a
// page's name and the site's ("Contact Us - Clinic", "Privacy | Site").
func titleSegments(t string) []string {
	for _, sep := range []string{" - ", " | ", " – ", " — ", ": ", " :: ", " · "} {
		t = strings.ReplaceAll(t, sep, "\x00")
	}
	return strings.Split(t, "\x00")
}

// foldName lower-cases s, turns '-', '_' and '.' into spaces and trims
// punctuation, for comparing with otherPageNames.
func foldName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', '.', '/':
			return ' '
		case '"', '\'', '“', '”', '‘', '’', '!', '?', '*', '`':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// namedOther reports what names the page as a non-advice page: its title,
// its file name or a layout/type value, with the reason.
func namedOther(doc *document.Document, filePath string) (string, bool) {
	title := pageTitle(doc)
	if title != "" {
		first := foldName(titleSegments(title)[0])
		if otherPageNames()[first] {
			return fmt.Sprintf("the title %q names a non-advice page (%s)", title, first), true
		}
		words := strings.Fields(first)
		if len(words) >= 2 && words[0] == "about" {
			// "About Kyle", "About VA Health Benefits": about a person or an
			// organisation, not about a condition ("About eczema").
			orig := strings.Fields(strings.TrimSpace(titleSegments(title)[0]))
			if len(orig) >= 2 {
				next := orig[1]
				if r, _ := utf8.DecodeRuneInString(next); unicode.IsUpper(r) && !isHealthWord(strings.ToLower(next)) &&
					!isHealthWord(strings.ToLower(strings.Join(words[1:], " "))) && !anyHealthWord(words[1:]) {
					return fmt.Sprintf("the title %q introduces a person or an organisation", title), true
				}
			}
		}
		folded := foldName(title)
		for _, w := range strings.Fields(folded) {
			if otherTitleWords[w] {
				return fmt.Sprintf("the title %q is about %s", title, w), true
			}
		}
		for _, p := range otherTitlePhrases {
			if containsWords(folded, p) {
				return fmt.Sprintf("the title %q is about %s", title, p), true
			}
		}
	}
	if filePath != "" {
		base := path.Base(filePath)
		base = strings.TrimSuffix(base, path.Ext(base))
		if name := foldName(base); otherPageNames()[name] && name != "index" {
			return fmt.Sprintf("the file name %q names a non-advice page", path.Base(filePath)), true
		}
	}
	for _, k := range []string{"layout", "type", "pagetype", "template"} {
		if e := Lookup(doc, k); e != nil && otherPageNames()[foldName(e.Value)] {
			return fmt.Sprintf("front matter %s: %s names a non-advice page", e.Key(), e.Value), true
		}
	}
	return "", false
}

// containsWords reports whether phrase occurs in s on word boundaries.
func containsWords(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(phrase)
		if (j == 0 || s[j-1] == ' ') && (end == len(s) || s[end] == ' ') {
			return true
		}
		i = j + 1
	}
}

func isHealthWord(w string) bool {
	lex := lexicon()
	e, ok := lex[w]
	if !ok && len(w) > 3 && strings.HasSuffix(w, "s") {
		e, ok = lex[w[:len(w)-1]]
	}
	return ok && e.class&classHealth != 0
}

func anyHealthWord(ws []string) bool {
	for _, w := range ws {
		if isHealthWord(w) {
			return true
		}
	}
	return false
}

// The classifier's thresholds (see classify).
const (
	// minHealthTerms distinct health terms and minHealthPercent percent
	// of the words make a page about health.
	minHealthTerms   = 4
	minHealthPercent = 2.0
	// Review data or a medical disclaimer make a page with fewer health
	// words advice, when at least minRescuePercent% of its words are.
	minRescuePercent = 0.5
	// A page is software documentation when its code lines are at least
	// codeShare of its lines, or its software words outnumber its health
	// words.
	codeShare = 0.3
	// A page is software documentation, too, when its software words
	// reach softwareShare of its health words (and minSoftwareWords).
	softwareShare    = 0.75
	minSoftwareWords = 5
	// A page is administrative when its admin words (with contact links)
	// reach adminShare of its health words.
	adminShare = 0.5
	// A page with at least maxAdminHealthTerms distinct health terms
	// gives health information, however many admin words it has.
	maxAdminHealthTerms = 25
	// A page is a product page when its commerce words, prices and
	// affiliate links reach productPercent percent of its words, with a
	// product title or at least minPrices prices.
	productPercent = 3.0
	minPrices      = 3
)

// classify decides a page's kind from its name and its signals, and says
// why. In order:
//
//  1. other, when the title (its first segment), the file name or a
//     layout/type value names a non-advice page (about, contact, privacy,
//     terms, disclaimer, refund, eligibility, install, ...);
//  2. other, when the page is not about health: fewer than minHealthTerms
//     distinct health terms (one per 25 words on a shorter page) or under
//     minHealthPercent% health words, and neither review data nor a
//     medical disclaimer (with at least minRescuePercent% health words);
//  3. other, when it is software documentation (code lines at least
//     codeShare of its lines, or software words at least softwareShare of
//     its health words);
//  4. other, when it is administrative (admin words and contact/form
//     links at least adminShare of its health words, and fewer than
//     maxAdminHealthTerms distinct health terms), unless it declares a
//     medical review;
//  5. product, when commerce words, prices and affiliate links reach
//     productPercent% of the words, with a product title (best, top,
//     review, vs, ...) or at least minPrices prices;
//  6. advice otherwise.
func classify(f *Facts, filePath string) (Kind, string) {
	doc := f.doc
	if why, ok := namedOther(doc, filePath); ok {
		return KindOther, why
	}
	s := &f.Signals
	words := max(s.Words, 1)
	healthPct := 100 * float64(s.Health) / float64(words)
	// A short page needs fewer distinct terms: "Emollients are the first
	// treatment for eczema" is about health in seven words.
	needTerms := min(max(s.Words/25, 1), minHealthTerms)
	if (s.HealthTerms < needTerms || healthPct < minHealthPercent) && (s.Health == 0 || healthPct < minRescuePercent || !f.declared()) {
		return KindOther, fmt.Sprintf("not about health: %d health words (%d distinct) in %d words (%.1f%%)", s.Health, s.HealthTerms, s.Words, healthPct)
	}
	lines := max(s.CodeLines+s.ProseLines, 1)
	if float64(s.CodeLines)/float64(lines) >= codeShare && s.CodeLines >= 10 {
		return KindOther, fmt.Sprintf("software documentation: %d of %d lines are code", s.CodeLines, lines)
	}
	if float64(s.Software) >= max(minSoftwareWords, softwareShare*float64(s.Health)) {
		return KindOther, fmt.Sprintf("software documentation: %d software words, %d health words", s.Software, s.Health)
	}
	admin := s.Admin + 2*s.ContactLinks
	if float64(admin) >= adminShare*float64(s.Health) && s.HealthTerms < maxAdminHealthTerms && !f.reviewed() {
		return KindOther, fmt.Sprintf("administrative page: %d contact, account and policy words or links, %d health words", admin, s.Health)
	}
	commerce := s.Commerce + 2*s.Prices + 2*s.AffiliateLinks
	commercePct := 100 * float64(commerce) / float64(words)
	if commercePct >= productPercent && productTitle(pageTitle(doc)) {
		return KindProduct, fmt.Sprintf("product page: %d commerce words, %d prices, %d affiliate links in %d words (%.1f%%)", s.Commerce, s.Prices, s.AffiliateLinks, s.Words, commercePct)
	}
	why := fmt.Sprintf("health information: %d health words (%d distinct) in %d words (%.1f%%)", s.Health, s.HealthTerms, s.Words, healthPct)
	if s.Checked && s.Reviewed {
		why += ", medical review data"
	}
	if s.Checked && s.Disclaimer {
		why += ", a medical disclaimer"
	}
	return KindAdvice, why
}

func productTitle(t string) bool {
	for _, w := range strings.Fields(foldName(t)) {
		if productTitleWords[w] {
			return true
		}
	}
	return false
}
