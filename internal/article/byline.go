package article

import (
	"errors"
	"strings"
	"sync"
	"unicode"

	"github.com/medlint/medlint/internal/dates"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/match"
	"github.com/medlint/medlint/internal/textmemo"
)

// The review bylines of the body: "Medically reviewed by Dr. Jane Frank, MD
// on July 11, 2025", "Reviewed: 2025-07-11", "Last reviewed on 07/11/2025",
// "Next review due: 11 July 2028", in the first or last lines of the body.

var (
	// clauseStart finds where a new byline clause begins inside a line
	// ("... MD — Written by ... — Updated on ...").
	clauseStart = lazyre.New(`(?i)(?:^|[|·•—–;,.]\s*|\s-\s+|\s{2,})((?:page |article |content )?(?:last )?(?:medically |clinically |medical |expert |fact[- ])?(?:reviewed|review date|date reviewed|medical review|clinical review|written|authored|edited|updated|modified|published|posted|fact[- ]checked|next review|review due|due for review)\b)`)
	// Labels, matched at the start of a clause.
	nextLabel         = lazyre.New(`(?i)^(?:next review(?: due| date)?|review due(?: date)?|due for review)\b(?:\s*(?:on|by|in))?\s*:?\s*`)
	reviewLabel       = lazyre.New(`(?i)^(?:(?:page|article|content)\s+)?(?:last\s+)?(?:(?:medically|clinically|medical|expert|fact)[\s-]+)?(?:reviewed|review date|date reviewed|(?:medical|clinical|expert) review)\b\s*:?\s*`)
	updatedLabel      = lazyre.New(`(?i)^(?:(?:page|article|content)\s+)?(?:last\s+)?(?:updated|modified)\b(?:\s+on)?\s*:?\s*`)
	bylineBy          = lazyre.New(`(?i)^by\b\s*:?\s*`)
	bylineOn          = lazyre.New(`(?i)^on\b\s*:?\s*`)
	bylineByInside    = lazyre.New(`(?i)\s+by\b\s*:?\s*`)
	bylineReviewerSep = lazyre.New(`(?i)\s+on\s+|\s*[|·•—–;]\s*|\s+-\s+`)
	bylineSeparators  = " \t,;:|·•—–-"
	// trailingPreposition ends a reviewer name written before its date
	// ("by Dr. Lee in July 2025").
	trailingPreposition = lazyre.New(`(?i)\s+(?:on|in|at|dated)$`)
)

// bylineSpan is a substring of a block's Text with its offset.
type bylineSpan struct {
	text string
	off  int // offset of text in Block.Text
}

func (s bylineSpan) sub(i, j int) bylineSpan { return bylineSpan{text: s.text[i:j], off: s.off + i} }

// trim removes cut characters from both ends.
func (s bylineSpan) trim(cut string) bylineSpan {
	left := len(s.text) - len(strings.TrimLeft(s.text, cut))
	right := len(strings.TrimRight(s.text, cut))
	if right < left {
		return bylineSpan{off: s.off + left}
	}
	return s.sub(left, right)
}

// bylineReview reads review bylines in the first and last n lines of the
// body.
func bylineReview(doc *document.Document, n int, rd *Review) {
	first := 1
	if doc.FrontMatter != nil {
		first = doc.Line(max(doc.FrontMatter.End-1, 0)) + 1
	}
	last := doc.LineCount()
	for last > first && len(strings.TrimSpace(string(doc.LineText(last)))) == 0 {
		last--
	}
	inWindow := func(l int) bool { return l >= first && (l < first+n || l > last-n) }
	for _, b := range doc.Blocks {
		if b.EndLine < first || (b.Line >= first+n && b.EndLine <= last-n) {
			continue
		}
		if !mayHoldByline(b.Text) {
			continue
		}
		for _, line := range blockSourceLines(doc, b) {
			if !inWindow(doc.Line(b.SourceOffset(line.off))) || !mayHoldByline(line.text) {
				continue
			}
			if doc.HasMask(b.SourceOffset(line.off), b.SourceOffset(line.off+len(line.text))) {
				// The site fills it ("by {{ page.reviewer }}", "{date}"):
				// what it says is in the front matter or the data.
				continue
			}
			readByline(doc.Texts, b, line, rd)
		}
	}
}

// mayHoldByline reports whether text may hold a review clause: every
// clause readByline keeps starts with nextLabel, updatedLabel or
// reviewLabel, and a line without the words they need (derived from the
// expressions: "review", "updated" or "modified" in any case) holds none.
// Most lines hold none. (One keyword pass: the text is not lower-cased
// into a copy.)
func mayHoldByline(text string) bool {
	sc := bylineLabels().Scan(text)
	return sc.Any()
}

var bylineLabels = sync.OnceValue(func() *match.Set {
	return match.MustCompile(nextLabel.String(), reviewLabel.String(), updatedLabel.String())
})

// blockLines splits a block's Text at source line boundaries.
func blockSourceLines(doc *document.Document, b *document.Block) []bylineSpan {
	all := bylineSpan{text: b.Text}
	var out []bylineSpan
	start, cur := 0, doc.Line(b.SourceOffset(0))
	for i := 1; i < len(b.Text); i++ {
		if l := doc.Line(b.SourceOffset(i)); l != cur {
			out = append(out, all.sub(start, i))
			start, cur = i, l
		}
	}
	return append(out, all.sub(start, len(b.Text)))
}

// readByline finds the review clauses of one line of a block.
func readByline(texts *textmemo.Store, b *document.Block, line bylineSpan, rd *Review) {
	line = line.trim(" \t")
	if strings.HasPrefix(line.text, "{{") || strings.HasPrefix(line.text, "{%") {
		return // a template tag (a review provider's attributes are read as such)
	}
	// Skip leading decoration (emoji, bullets) before the first word.
	skip := strings.IndexFunc(line.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	if skip < 0 {
		return
	}
	line = line.sub(skip, len(line.text))
	starts := []int{0}
	for _, m := range clauseStart.FindAllStringSubmatchIndex(line.text, -1) {
		if m[2] > 0 {
			starts = append(starts, m[2])
		}
	}
	r := bylineReader{b: b, rd: rd, texts: texts}
	for i, st := range starts {
		end := len(line.text)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		r.clause(line.sub(st, end).trim(bylineSeparators))
	}
}

// bylineReader adds what the clauses of a block's byline say to rd.
type bylineReader struct {
	b  *document.Block
	rd *Review
	// texts remembers dates.Find across an editor's lints (nil: no memo).
	texts *textmemo.Store
}

// findDate is dates.Find of text, read from r.texts when an earlier lint
// found it.
func (r *bylineReader) findDate(text string) (start, end int, ok bool) {
	d := textmemo.Get(r.texts, dateKind, text, func(text string) foundDate {
		start, end, ok := dates.Find(text)
		return foundDate{start, end, ok}
	})
	return d.start, d.end, d.ok
}

// foundDate is what dates.Find returns.
type foundDate struct {
	start, end int
	ok         bool
}

// dateKind is findDate's entry in document.Document.Texts.
var dateKind = textmemo.NewKind("dates.Find")

// add records span s (trimmed) in list.
func (r *bylineReader) add(list *[]Found, s bylineSpan) {
	s = s.trim(bylineSeparators + ".")
	if s.text == "" {
		return
	}
	pos, end := r.b.SourceOffset(s.off), r.b.SourceOffset(s.off+len(s.text))
	*list = append(*list, Found{Text: s.text, Pos: pos, End: max(end, pos), Source: "byline"})
}

// clause reads one clause: a next review date, an update date, or a
// review with its reviewer and date in either order.
func (r *bylineReader) clause(clause bylineSpan) {
	rd := r.rd
	if m := nextLabel.FindStringIndex(clause.text); m != nil {
		rest := clause.sub(m[1], len(clause.text))
		if ds, de, ok := r.findDate(rest.text); ok {
			r.add(&rd.Next, rest.sub(ds, de))
		} else if rest.text != "" && m[1] > 0 && strings.ContainsAny(clause.text[:m[1]], ":") {
			r.add(&rd.Next, rest)
		}
		return
	}
	if m := updatedLabel.FindStringIndex(clause.text); m != nil {
		rest := clause.sub(m[1], len(clause.text))
		if ds, de, ok := r.findDate(rest.text); ok {
			r.add(&rd.Updated, rest.sub(ds, de))
		}
		return
	}
	m := reviewLabel.FindStringIndex(clause.text)
	if m == nil {
		return
	}
	label := clause.text[:m[1]]
	rest := clause.sub(m[1], len(clause.text))
	if bm := bylineBy.FindStringIndex(rest.text); bm != nil {
		r.reviewerFirst(rest.sub(bm[1], len(rest.text)))
		return
	}
	r.dateFirst(label, rest)
}

// reviewerFirst reads what follows "Reviewed by": "NAME on DATE",
// "NAME | DATE", or a name alone.
func (r *bylineReader) reviewerFirst(rest bylineSpan) {
	rd := r.rd
	if ds, de, ok := r.findDate(rest.text); ok && ds > 0 {
		name := rest.sub(0, ds).trim(bylineSeparators)
		if m := trailingPreposition.FindStringIndex(name.text); m != nil {
			name = name.sub(0, m[0]).trim(bylineSeparators)
		}
		r.add(&rd.Reviewer, name)
		r.add(&rd.Reviewed, rest.sub(ds, de))
		return
	}
	if sm := bylineReviewerSep.FindStringIndex(rest.text); sm != nil && sm[0] > 0 {
		r.add(&rd.Reviewer, rest.sub(0, sm[0]))
		// "by NAME on yesterday" is a date that does not parse;
		// "by NAME — Photo by X on Unsplash" is the next clause,
		// not a date: the byline ends at the reviewer.
		if strings.EqualFold(strings.TrimSpace(rest.text[sm[0]:sm[1]]), "on") {
			r.add(&rd.Reviewed, rest.sub(sm[1], len(rest.text)))
		}
		return
	}
	r.add(&rd.Reviewer, rest)
}

// dateFirst reads what follows a review label without "by": ": DATE",
// "on DATE", "DATE by NAME", "NAME, DATE".
func (r *bylineReader) dateFirst(label string, rest bylineSpan) {
	rd := r.rd
	explicit := strings.Contains(label, ":")
	if om := bylineOn.FindStringIndex(rest.text); om != nil {
		rest = rest.sub(om[1], len(rest.text))
		explicit = true
	}
	if ds, de, ok := r.findDate(rest.text); ok && ds == 0 {
		// The byline ends at its date, unless "by NAME" follows:
		// "Reviewed July 11, 2026 by Dr. Lee", but not "Last reviewed:
		// March 3, 2026 · Photos on Unsplash by Kate Lee".
		r.add(&rd.Reviewed, rest.sub(0, de))
		after := rest.sub(de, len(rest.text)).trim(" \t,")
		if bm := bylineBy.FindStringIndex(after.text); bm != nil {
			name := after.sub(bm[1], len(after.text))
			if sm := bylineReviewerSep.FindStringIndex(name.text); sm != nil {
				name = name.sub(0, sm[0])
			}
			r.add(&rd.Reviewer, name)
		}
		return
	}
	datePart := rest
	if bm := bylineByInside.FindStringIndex(rest.text); bm != nil {
		datePart = rest.sub(0, bm[0])
		r.add(&rd.Reviewer, rest.sub(bm[1], len(rest.text)))
	}
	datePart = datePart.trim(bylineSeparators + ".")
	if _, err := dates.Parse(datePart.text, dates.MDY); err == nil || errors.Is(err, dates.ErrTemplate) {
		r.add(&rd.Reviewed, datePart)
		return
	}
	if ds, de, ok := r.findDate(datePart.text); ok && (ds == 0 || explicit) {
		if name := datePart.sub(0, ds).trim(bylineSeparators); ds > 0 && len(rd.Reviewer) == 0 &&
			strings.IndexFunc(name.text, unicode.IsLetter) >= 0 {
			// "Medical review: Dr. Jane Frank, 2026-10-01"
			r.add(&rd.Reviewer, name)
		}
		r.add(&rd.Reviewed, datePart.sub(ds, de))
		return
	}
	if explicit && datePart.text != "" {
		r.add(&rd.Reviewed, datePart) // reported as unparseable
	}
}
