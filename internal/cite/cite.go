// Package cite finds citations in the prose blocks of a parsed document:
// links to a source, footnote references, numeric markers ("[3]",
// "<sup>3</sup>"), DOIs, PubMed identifiers and author-year references
// ("(Smith et al., 2020)", "(WHO, 2023)"). Rules use it to decide whether a
// claim in a sentence (or a paragraph) carries a source: uncited-claim
// does, and so can any rule that needs "X without a citation in the
// sentence".
package cite

import (
	"net/url"
	"sort"
	"strings"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/lazyre"
)

// Kind says what form a citation takes.
type Kind uint8

// Citation kinds.
const (
	// KindLink is an inline, reference-style or auto link to a source.
	KindLink Kind = iota + 1
	// KindFootnote is a footnote reference ("[^1]") with a definition.
	KindFootnote
	// KindMarker is a numeric marker: "[3]", "[2, 5]", "<sup>3</sup>", or a
	// link whose text is a number pointing at an in-page reference list.
	KindMarker
	// KindDOI is a Digital Object Identifier ("10.1000/xyz123").
	KindDOI
	// KindPubMed is a PubMed or PubMed Central identifier ("PMID: 123",
	// "PMC1234567").
	KindPubMed
	// KindAuthorYear is a parenthetical author-year reference
	// ("(Smith et al., 2020)", "(WHO, 2023)").
	KindAuthorYear
)

var kindNames = [...]string{"", "link", "footnote", "marker", "doi", "pubmed", "author-year"}

// String returns the kind's name ("link", "footnote", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Citation is one citation found in a block.
type Citation struct {
	Kind Kind
	// Pos and End delimit the citation in Document.Source.
	Pos, End int
	// TextPos and TextEnd delimit it in Block.Text. A citation that has no
	// text of its own (a footnote reference, inline HTML) has TextPos ==
	// TextEnd at the place it occupies in the text.
	TextPos, TextEnd int
	// Text is the citation as written (the URL for a link).
	Text string
}

// Options tune what counts as a citation.
type Options struct {
	// NonCitationDomains lists host names whose links are not sources (the
	// site's own shop, social media). A domain also matches its
	// subdomains; a leading "www." is ignored on both sides.
	NonCitationDomains []string
	// NoRelativeLinks stops relative links ("/guides/sleep", "../x.md",
	// links to other pages of the same site) from counting as citations.
	NoRelativeLinks bool
}

var (
	// markerRe matches a bracketed numeric marker: [3], [2,5], [4-6], [7–9].
	markerRe = fastre.MustCompile(`\[\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,8}\]`)
	// numberTextRe matches link text that is only a reference number.
	numberTextRe = lazyre.New(`^\[?\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,8}\]?$`)
	// supRe matches what follows an opening <sup> tag up to </sup> when it
	// holds a reference number (possibly bracketed and wrapped in a link).
	supRe     = lazyre.New(`(?i)^\s*(?:<a\b[^>]*>\s*)?\[?\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,8}\]?\s*(?:</a>\s*)?</sup>`)
	supOpenRe = lazyre.New(`(?i)^<sup\b[^>]*>$`)
	doiRe     = fastre.MustCompile(`(?i)\b(?:doi:\s*)?10\.\d{4,9}/[^\s"<>]+`)
	pubmedRe  = fastre.MustCompile(`\b(?:PMID:?\s*\d{4,9}|PMCID:?\s*PMC\d{4,9}|PMC\d{4,9})\b`)
	// authorYearRe matches "(Smith, 2020)", "(Smith et al., 2020)", "(Smith
	// and Jones 2019a)", "(WHO, 2023)", "(see Smith 2020; Lee 2021)".
	authorYearRe = fastre.MustCompile(`\((?:see |e\.g\.,? |cf\. )?` +
		`(\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+(?:et\s+al\.?|and|&|\p{Lu}[\p{L}\p{M}'’.\-]*|van|von|de|der|di|la|le)){0,5}),?\s+` +
		`(?:19|20)\d{2}[a-z]?(?:\s*[;,]\s*[^()]{0,160})?\)`)
	// monthWords are capitalised words that make "(March 2020)" a date,
	// not a reference.
	monthWords = map[string]bool{
		"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
		"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
		"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
		"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true, "Spring": true, "Summer": true,
		"Autumn": true, "Fall": true, "Winter": true, "Since": true, "In": true, "From": true, "Until": true,
		"Updated": true, "Published": true, "Reviewed": true, "Est": true, "Founded": true, "Born": true,
	}
)

// Find returns the citations of block b of doc in text order.
func Find(doc *document.Document, b *document.Block, opts Options) []Citation {
	var out []Citation
	for _, l := range b.Links() {
		if l.Image {
			continue
		}
		switch {
		case isSourceLink(l.Destination, opts):
			out = append(out, Citation{Kind: KindLink, Pos: l.Pos, End: l.End, TextPos: l.TextPos, TextEnd: l.TextEnd, Text: l.Destination})
		case strings.HasPrefix(l.Destination, "#") && numberTextRe.MatchString(strings.TrimSpace(l.Text)):
			out = append(out, Citation{Kind: KindMarker, Pos: l.Pos, End: l.End, TextPos: l.TextPos, TextEnd: l.TextEnd, Text: l.Text})
		}
	}
	for _, f := range b.FootnoteRefs() {
		end := f.Pos
		if end < len(doc.Source) {
			if i := strings.IndexByte(string(doc.Source[end:min(end+200, len(doc.Source))]), ']'); i >= 0 {
				end += i + 1
			}
		}
		out = append(out, Citation{Kind: KindFootnote, Pos: f.Pos, End: end, TextPos: f.TextPos, TextEnd: f.TextPos, Text: string(doc.Source[f.Pos:end])})
	}
	for _, h := range b.InlineHTML() {
		if !supOpenRe.MatchString(h.Text) || h.End > len(doc.Source) {
			continue
		}
		rest := doc.Source[h.End:]
		m := supRe.Find(rest)
		if m == nil {
			continue
		}
		end := h.End + len(m)
		tp := TextOffset(b, h.Pos)
		te := max(TextOffset(b, end), tp)
		out = append(out, Citation{Kind: KindMarker, Pos: h.Pos, End: end, TextPos: tp, TextEnd: te, Text: string(doc.Source[h.Pos:end])})
	}
	text := b.Text
	add := func(k Kind, s, e int) {
		if inLinkText(b, s, e) && k == KindMarker {
			return // "[3]" as the text of a link was handled with the link
		}
		ps := b.SourceOffset(s)
		pe := max(b.SourceOffset(max(e-1, s))+1, ps)
		out = append(out, Citation{Kind: k, Pos: ps, End: pe, TextPos: s, TextEnd: e, Text: text[s:e]})
	}
	for _, m := range markerRe.FindAllStringIndex(text, -1) {
		add(KindMarker, m[0], m[1])
	}
	for _, m := range doiRe.FindAllStringIndex(text, -1) {
		add(KindDOI, m[0], m[1])
	}
	for _, m := range pubmedRe.FindAllStringIndex(text, -1) {
		add(KindPubMed, m[0], m[1])
	}
	for _, m := range authorYears(text) {
		add(KindAuthorYear, m[0], m[1])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].TextPos < out[j].TextPos })
	return out
}

// authorYears returns the matches of authorYearRe whose author group does
// not start with a date word ("(March 2020)").
func authorYears(text string) [][]int {
	var out [][]int
	for _, m := range authorYearRe.FindAllStringIndex(text, -1) {
		if mayBeDate(text[m[0]:m[1]]) {
			// The first word of the author group decides; it is a date word
			// only if it starts with one.
			sm := authorYearRe.Regexp().FindStringSubmatchIndex(text[m[0]:])
			first := text[m[0]+sm[2] : m[0]+sm[3]]
			if f, _, _ := strings.Cut(first, " "); monthWords[strings.TrimSuffix(f, ".")] {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// mayBeDate reports whether the author group of an authorYearRe match may
// start with a word of monthWords: that word is then the run of ASCII
// letters after the opening parenthesis and the optional "see ", "e.g., "
// or "cf. " (which a match takes whenever it is there, as the group must
// start with an upper-case letter).
func mayBeDate(m string) bool {
	rest := m[1:]
	for _, p := range []string{"see ", "e.g., ", "e.g. ", "cf. "} {
		if strings.HasPrefix(rest, p) {
			rest = rest[len(p):]
			break
		}
	}
	n := 0
	for n < len(rest) && (rest[n]|0x20 >= 'a' && rest[n]|0x20 <= 'z') {
		n++
	}
	return monthWords[rest[:n]]
}

// inLinkText reports whether Text[s:e] lies inside the text of a link.
func inLinkText(b *document.Block, s, e int) bool {
	for _, l := range b.Links() {
		if s >= l.TextPos && e <= l.TextEnd && l.TextEnd > l.TextPos {
			return true
		}
	}
	return false
}

// Within reports whether a citation falls in Text[start:end] of its block.
// A citation right after the end (a footnote reference or marker following
// the sentence's full stop) belongs to the range too.
func Within(c Citation, start, end int) bool {
	return c.TextPos >= start && c.TextPos <= end
}

// Owner returns the index of the sentence (of one block, in order) that
// citation c supports, or -1 before the first sentence. A citation belongs
// to the sentence it sits in and also covers the gap after it, so that
// "gut. [^1] Next" cites "gut."; a numeric marker or footnote reference
// that opens a sentence ("gut. <sup>3</sup> Next", where the dropped HTML
// left "3 Next") cites the sentence before it.
func Owner(sentences []document.Sentence, c Citation) int {
	i := sort.Search(len(sentences), func(i int) bool { return sentences[i].Start > c.TextPos }) - 1
	if i < 0 {
		return -1
	}
	if i > 0 && c.TextPos == sentences[i].Start && (c.Kind == KindMarker || c.Kind == KindFootnote) {
		return i - 1
	}
	return i
}

// Cited reports whether sentence s of doc holds a citation (see Owner for
// citations between sentences).
func Cited(doc *document.Document, s document.Sentence, opts Options) bool {
	if s.Block == nil {
		return false
	}
	sentences := doc.Sentences(s.Block)
	idx := -1
	for i := range sentences {
		if sentences[i].Start == s.Start && sentences[i].End == s.End {
			idx = i
			break
		}
	}
	for _, c := range Find(doc, s.Block, opts) {
		if idx >= 0 && Owner(sentences, c) == idx || idx < 0 && Within(c, s.Start, s.End) {
			return true
		}
	}
	return false
}

// BlockCited reports whether block b of doc holds any citation.
func BlockCited(doc *document.Document, b *document.Block, opts Options) bool {
	return len(Find(doc, b, opts)) > 0
}

// TextOffset maps an offset into Source back to the nearest offset into
// b.Text: the first text offset whose source offset is at or after src
// (len(b.Text) when src lies past the block's text).
func TextOffset(b *document.Block, src int) int {
	return sort.Search(len(b.Text), func(i int) bool { return b.SourceOffset(i) >= src })
}

// isSourceLink reports whether a link destination can point at a source:
// not an in-page anchor, not mailto:/tel:/javascript:, not empty, and not
// on a non-citation domain. Relative links (another page of the same
// site) count unless opts.NoRelativeLinks is set.
func isSourceLink(dest string, opts Options) bool {
	dest = strings.TrimSpace(dest)
	if dest == "" || strings.HasPrefix(dest, "#") {
		return false
	}
	lower := strings.ToLower(dest)
	for _, p := range []string{"mailto:", "tel:", "javascript:", "sms:", "data:"} {
		if strings.HasPrefix(lower, p) {
			return false
		}
	}
	host := hostOf(lower)
	if host == "" {
		return !opts.NoRelativeLinks || hasScheme(lower)
	}
	for _, d := range opts.NonCitationDomains {
		d = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), "www.")
		if d != "" && (host == d || strings.HasSuffix(host, "."+d)) {
			return false
		}
	}
	return true
}

// hasScheme reports whether a destination starts with a URL scheme
// ("https:", "ftp:", "urn:").
func hasScheme(dest string) bool {
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return false
	}
	for j, c := range dest[:i] {
		letter := c >= 'a' && c <= 'z'
		other := j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')
		if !letter && !other {
			return false
		}
	}
	return true
}

// hostOf returns the host of an absolute or scheme-less ("www.x.com/...")
// URL, without "www." and port, or "".
func hostOf(dest string) string {
	if !strings.Contains(dest, "://") {
		if strings.HasPrefix(dest, "//") {
			dest = "http:" + dest
		} else if strings.HasPrefix(dest, "www.") {
			dest = "http://" + dest
		} else {
			return ""
		}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
