package rules

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/dates"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/keywords"
)

func init() { Register(reviewDate{}) }

// reviewDate checks that an article names its medical reviewer and review
// date, and that the review is recent.
type reviewDate struct{}

// ReviewDateOptions are the options of review-date.
type ReviewDateOptions struct {
	WarnAfter       int    `yaml:"warn-after" doc:"a review older than this many months is a warning (stale)"`
	ErrorAfter      int    `yaml:"error-after" doc:"a review older than this many months is an error (very-stale), even when a next review date lies ahead"`
	AcceptUpdated   bool   `yaml:"accept-updated" doc:"count an \"Updated on\" date (front matter updated, last_updated, lastupdate, ...) as a review when no review date is given; an update is not a medical review, so this is off by default"`
	DateOrder       string `yaml:"date-order" enum:"mdy,dmy" doc:"how to read a numeric date such as 07/11/2025: mdy (July 11, US) or dmy (7 November); while unset, a numeric date with two valid readings gets an ambiguous warning"`
	RequireReviewer bool   `yaml:"require-reviewer" doc:"a review date without a named reviewer is an error (no-reviewer); set false for sites that review pages institutionally (\"Page last reviewed: ...\")"`
	BylineLines     int    `yaml:"byline-lines" doc:"how many lines at the start and at the end of the body are searched for a review byline"`
	SkipPartials    bool   `yaml:"skip-partials" doc:"skip files with neither a level-1 heading nor a front-matter title: such fragments are included into pages, which carry the review date"`
}

// Validate checks the month limits.
func (o *ReviewDateOptions) Validate() error {
	if o.WarnAfter < 1 || o.ErrorAfter < 1 {
		return fmt.Errorf("warn-after (%d) and error-after (%d) must be at least 1 month", o.WarnAfter, o.ErrorAfter)
	}
	if o.WarnAfter > o.ErrorAfter {
		return fmt.Errorf("warn-after (%d months) must not exceed error-after (%d months)", o.WarnAfter, o.ErrorAfter)
	}
	if o.BylineLines < 1 {
		return fmt.Errorf("byline-lines must be at least 1, not %d", o.BylineLines)
	}
	return nil
}

// Front-matter keys, in order of preference.
var (
	reviewedKeys = []string{"last_reviewed", "lastReviewed", "reviewed", "reviewed_on", "review_date",
		"medically_reviewed", "medically_reviewed_on"}
	reviewerKeys = []string{"reviewed_by", "reviewedBy", "medically_reviewed_by", "reviewer"}
	nextKeys     = []string{"next_review", "next_review_due", "review_due"}
	updatedKeys  = []string{"last_updated", "lastUpdated", "lastupdate", "updated", "updated_on", "updated_at",
		"last_modified", "lastmod", "modified", "date_modified", "dateModified"}
)

func (reviewDate) Meta() Meta {
	return Meta{
		ID:       "review-date",
		Summary:  "Health articles must name a medical reviewer and a review date, and the review must be recent",
		Severity: SeverityError,
		// Findings change as today moves past warn-after, error-after and
		// next-review dates.
		DependsOnDate: true,
		Rationale: "Google's quality rater guidelines, HONcode and NHS/HSE practice expect medical content to be " +
			"reviewed by a named professional and re-reviewed regularly (the NHS re-reviews every page within 3 years). " +
			"The review is read from front matter (last_reviewed, lastReviewed, reviewed, reviewed_on, review_date, " +
			"medically_reviewed, medically_reviewed_on; reviewer: reviewed_by, reviewedBy, medically_reviewed_by, " +
			"reviewer; next review: next_review, next_review_due, review_due) or from a byline in the first or last " +
			"byline-lines (15) lines of the body: \"Medically reviewed by Dr. Jane Frank, MD on July 11, 2025\", " +
			"\"Reviewed by: Jane Frank, RDN | July 11, 2025\", \"Reviewed: 2025-07-11\", \"Last reviewed on 07/11/2025\", " +
			"\"Page last reviewed: 11 July 2025\", \"Next review due: 11 July 2028\", \"Reviewed on 2026-08-20 by ...\". " +
			"Front matter wins over a byline. Dates may be ISO (with or without a time; YAML timestamps), 2025/07/11, " +
			"\"July 11, 2025\", \"Jul. 11, 2025\", \"Sept. 11, 2025\", \"11 July 2025\", ordinals, weekday prefixes, or a " +
			"month (\"July 2025\", read as the month's last day). An \"Updated on\" date is not a review unless " +
			"accept-updated is true. When a future next-review date is given, it replaces warn-after (the publisher " +
			"scheduled the review), but error-after remains a ceiling.",
		Bad:  "# Eczema\n\nMedically reviewed by Dr. Jane Frank, MD on July 11, 2023\n",
		Good: "# Eczema\n\nMedically reviewed by Dr. Jane Frank, MD on November 2, 2026\n",
		Checks: []CheckDoc{
			{Name: "missing", Summary: "no review date and no reviewer at all (error, line 1)"},
			{Name: "no-date", Summary: "a reviewer without a review date (error)"},
			{Name: "no-reviewer", Summary: "a review date without a reviewer (error; see require-reviewer)"},
			{Name: "stale", Summary: "the review is older than warn-after months (warning)"},
			{Name: "very-stale", Summary: "the review is older than error-after months (error)"},
			{Name: "future", Summary: "the review date is more than a day after today (error)"},
			{Name: "overdue", Summary: "the next review date has passed (error)"},
			{Name: "unparseable", Summary: "a review date that is not a date, or an unfilled template (\"{{ .Date }}\", \"YYYY-MM-DD\", \"TBD\") (error)"},
			{Name: "opt-out", Summary: "front matter says review: none without a review_reason (error)"},
			{Name: "ambiguous", Summary: "a numeric date such as 07/11/2025 with two valid readings while date-order is not set in the configuration (warning)"},
		},
		Notes: "Pages with no health content (contact, opening hours) opt out with front matter `review: none` " +
			"plus `review_reason: \"...\"`; an opt-out without a reason is an error. Files with neither a level-1 heading nor a " +
			"front-matter title are treated as fragments included into pages and skipped (skip-partials). " +
			"This rule depends on the date: \"today\" is --now (default: the real date), so a CI job that " +
			"changes nothing can go red over time — an article reviewed 11 months ago passes today and warns next " +
			"month, then fails when it passes error-after or its next review date. That is intended (the content " +
			"really became stale), but it should not surprise a pull request that touched other files. To avoid it: " +
			"pin --now in tests and golden files (medlint's own tests use --now 2026-11-25); lint only the files a " +
			"pull request changes with the changed-files mode (--changed / --new-only, in a later release) and run " +
			"the whole library on a schedule for editors instead; or lower the rule's severity in CI " +
			"(rules: {review-date: warning}, or an overrides entry for an archive folder) so staleness is reported " +
			"without failing the build.",
	}
}

func (reviewDate) NewOptions() any {
	return &ReviewDateOptions{WarnAfter: 12, ErrorAfter: 36, DateOrder: "mdy", RequireReviewer: true, BylineLines: 15, SkipPartials: true}
}

// reviewFound is a piece of review data and where it was written.
type reviewFound struct {
	text     string // as written
	pos, end int    // in Source
	source   string // "front matter last_reviewed", "byline"
}

// reviewData gathers what an article says about its review.
type reviewData struct {
	reviewed, reviewer, next, updated []reviewFound
}

func (reviewDate) Run(pass *Pass) {
	opts := pass.Options.(*ReviewDateOptions)
	order, _ := dates.ParseOrder(opts.DateOrder)
	doc := pass.Doc
	if opts.SkipPartials && IsPartial(doc) {
		return
	}
	if fm := doc.FrontMatter; fm != nil {
		if f := fm.Get("review"); f != nil && strings.EqualFold(strings.TrimSpace(f.Value), "none") {
			if r := fm.Get("review_reason", "reviewReason", "review-reason"); r == nil || strings.TrimSpace(r.Value) == "" {
				pass.Report(Diagnostic{Pos: doc.LineStart(f.Line), End: doc.LineEnd(f.Line), Check: "opt-out",
					Message: "review: none needs a review_reason saying why this page needs no medical review"})
			}
			return
		}
	}
	rd := readReview(doc, opts.BylineLines)

	r := &reviewRun{pass: pass, opts: opts, order: order, explicitOrder: pass.Explicit("date-order")}
	reviewed, reviewedFound := r.firstDate(rd.reviewed, "review date")
	next, nextFound := r.firstDate(rd.next, "next review date")
	usedUpdate := false
	if reviewedFound == nil && len(rd.reviewed) == 0 && opts.AcceptUpdated {
		reviewed, reviewedFound = r.firstDate(rd.updated, "updated date")
		usedUpdate = reviewedFound != nil
	}

	switch {
	case len(rd.reviewed) == 0 && len(rd.reviewer) == 0 && !usedUpdate:
		msg := "no medical review date: add last_reviewed and reviewed_by to the front matter, or a byline such as \"Medically reviewed by NAME on DATE\""
		if len(rd.updated) > 0 && !opts.AcceptUpdated {
			msg += fmt.Sprintf(" (%s %q is an update, not a medical review; set accept-updated: true to count it)", rd.updated[0].source, rd.updated[0].text)
		}
		if len(rd.next) > 0 {
			msg += fmt.Sprintf(" (a next review date, %s, is given but not the last review)", rd.next[0].text)
		}
		pass.Report(Diagnostic{Pos: 0, End: doc.LineEnd(1), Check: "missing", Message: msg})
		return
	case len(rd.reviewed) == 0 && !usedUpdate:
		f := rd.reviewer[0]
		pass.Report(Diagnostic{Pos: f.pos, End: f.end, Check: "no-date",
			Message: fmt.Sprintf("reviewer %q is named without a review date: add the date of the review", f.text)})
	case len(rd.reviewer) == 0 && opts.RequireReviewer && !usedUpdate:
		f := rd.reviewed[0]
		pass.Report(Diagnostic{Pos: f.pos, End: f.end, Check: "no-reviewer",
			Message: fmt.Sprintf("review date %q has no reviewer: name the professional who reviewed the article (reviewed_by, or \"Reviewed by NAME\")", f.text)})
	}
	if reviewedFound == nil {
		return
	}
	now := civilDate(pass.Now)
	age := monthsBetween(reviewed.Time, now)
	what, verb := "medical review", "reviewed"
	if usedUpdate {
		what, verb = "last update (accept-updated)", "updated"
	}
	earliest := reviewed.Time
	if reviewed.Precision == dates.Month {
		// "November 2026" may mean November 1: judge the future by the
		// month's first day and the age by its last.
		earliest = earliest.AddDate(0, 0, 1-earliest.Day())
	}
	if earliest.After(now.AddDate(0, 0, 1)) {
		pass.Report(Diagnostic{Pos: reviewedFound.pos, End: reviewedFound.end, Check: "future",
			Message: fmt.Sprintf("review date %s is in the future (today is %s): a review cannot be dated ahead", isoDateText(reviewed.Time), isoDateText(now))})
		return
	}
	overdue := nextFound != nil && next.Time.Before(now)
	if overdue {
		pass.Report(Diagnostic{Pos: nextFound.pos, End: nextFound.end, Check: "overdue",
			Message: fmt.Sprintf("next review was due on %s, %s ago; the %s is %s old (%s %s)",
				isoDateText(next.Time), monthsText(monthsBetween(next.Time, now)), what, monthsText(age), verb, isoDateText(reviewed.Time))})
		return
	}
	switch {
	case now.After(addMonthsClamped(reviewed.Time, opts.ErrorAfter)):
		pass.Report(Diagnostic{Pos: reviewedFound.pos, End: reviewedFound.end, Check: "very-stale",
			Message: fmt.Sprintf("%s is %s old (%s %s); the limit is %d months (error-after): re-review the article",
				what, monthsText(age), verb, isoDateText(reviewed.Time), opts.ErrorAfter)})
	case nextFound != nil:
		// A next review date ahead governs: the publisher scheduled it.
	case now.After(addMonthsClamped(reviewed.Time, opts.WarnAfter)):
		pass.Report(Diagnostic{Pos: reviewedFound.pos, End: reviewedFound.end, Check: "stale", Severity: SeverityWarning,
			Message: fmt.Sprintf("%s is %s old (%s %s); the limit is %d months (warn-after): re-review the article and update the date",
				what, monthsText(age), verb, isoDateText(reviewed.Time), opts.WarnAfter)})
	}
}

// readReview gathers what doc says about its medical review: the front
// matter fields first, then the bylines in the first and last bylineLines
// lines of the body. review-date and reviewer-credentials share it, so both
// read the same reviewer from the same places.
func readReview(doc *document.Document, bylineLines int) reviewData {
	return doc.Memo(reviewKey{bylineLines}, func() any {
		var rd reviewData
		frontMatterReview(doc, &rd)
		bylineReview(doc, bylineLines, &rd)
		return rd
	}).(reviewData)
}

// reviewKey memoises readReview per document: review-date,
// reviewer-credentials and placeholder-text all read the review.
type reviewKey struct{ bylineLines int }

// reviewOptedOut reports whether the front matter says review: none.
func reviewOptedOut(doc *document.Document) bool {
	f := doc.FrontMatter.Get("review")
	return f != nil && strings.EqualFold(strings.TrimSpace(f.Value), "none")
}

// reviewRun holds the state of one Run for parsing dates.
type reviewRun struct {
	pass          *Pass
	opts          *ReviewDateOptions
	order         dates.Order
	explicitOrder bool
}

// firstDate parses every candidate, reporting unparseable and ambiguous
// ones, and returns the first that parses.
func (r *reviewRun) firstDate(cands []reviewFound, what string) (dates.Date, *reviewFound) {
	var first *reviewFound
	var firstDate dates.Date
	for i := range cands {
		f := &cands[i]
		d, err := dates.Parse(f.text, r.order)
		if err != nil {
			msg := fmt.Sprintf("%s %q in the %s is not a date: %v", what, f.text, f.source, err)
			if errors.Is(err, dates.ErrTemplate) {
				msg = fmt.Sprintf("%s %q in the %s is an unfilled template placeholder: write the real date (YYYY-MM-DD)", what, f.text, f.source)
			} else if errors.Is(err, dates.ErrEmpty) {
				msg = fmt.Sprintf("%s in the %s is empty", what, f.source)
			}
			r.pass.Report(Diagnostic{Pos: f.pos, End: f.end, Check: "unparseable", Message: msg})
			continue
		}
		if d.Ambiguous && !r.explicitOrder {
			r.pass.Report(Diagnostic{Pos: f.pos, End: f.end, Check: "ambiguous", Severity: SeverityWarning,
				Message: fmt.Sprintf("%s %q is ambiguous: read as %s (date-order: %s) but could be %s; write %s or set date-order in the configuration",
					what, f.text, d.Time.Format("January 2, 2006"), r.opts.DateOrder, d.Other.Format("January 2, 2006"), isoDateText(d.Time))})
		}
		if first == nil {
			first, firstDate = f, d
		}
	}
	return firstDate, first
}

func civilDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func isoDateText(t time.Time) string { return t.Format(time.DateOnly) }

func monthsText(n int) string {
	if n == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", n)
}

// monthsBetween counts the whole months from a to b (0 when b is before a).
func monthsBetween(a, b time.Time) int {
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		m--
	}
	return max(m, 0)
}

// addMonths adds n months to t, clamping the day to the target month's
// last day (January 31 + 1 month = February 28 or 29).
func addMonthsClamped(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(t.Day(), last), 0, 0, 0, 0, time.UTC)
}

// frontMatterReview reads the review fields of the front matter.
func frontMatterReview(doc *document.Document, rd *reviewData) {
	fm := doc.FrontMatter
	if fm == nil {
		return
	}
	for _, f := range fm.Fields {
		switch {
		case hasReviewKey(reviewedKeys, f.Key):
			if f.Node != nil && f.Node.Kind == yaml.MappingNode {
				// medically_reviewed: {by: NAME, on: DATE}
				for i := 0; i+1 < len(f.Node.Content); i += 2 {
					k, v := strings.ToLower(f.Node.Content[i].Value), f.Node.Content[i+1]
					fv := reviewFieldAt(doc, v.Line+doc.Line(fm.Start), v.Column, v.Value, "front matter "+f.Key+"."+k)
					switch k {
					case "on", "date", "reviewed", "last_reviewed", "reviewed_on":
						rd.reviewed = append(rd.reviewed, fv)
					case "by", "reviewer", "name", "reviewed_by":
						if strings.TrimSpace(v.Value) != "" {
							rd.reviewer = append(rd.reviewer, fv)
						}
					}
				}
				continue
			}
			if isYAMLBoolean(f.Value) {
				continue // medically_reviewed: true says nothing about when
			}
			rd.reviewed = append(rd.reviewed, reviewFieldValue(doc, f))
		case hasReviewKey(reviewerKeys, f.Key):
			if strings.TrimSpace(f.Value) != "" && !isYAMLBoolean(f.Value) {
				rd.reviewer = append(rd.reviewer, reviewFieldValue(doc, f))
			}
		case hasReviewKey(nextKeys, f.Key):
			rd.next = append(rd.next, reviewFieldValue(doc, f))
		case hasReviewKey(updatedKeys, f.Key):
			if strings.TrimSpace(f.Value) != "" {
				rd.updated = append(rd.updated, reviewFieldValue(doc, f))
			}
		}
	}
}

func hasReviewKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func isYAMLBoolean(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "false", "yes", "no", "on", "off":
		return true
	}
	return false
}

// fieldValue locates a front-matter value.
func reviewFieldValue(doc *document.Document, f *document.Field) reviewFound {
	line, col := f.ValueLine, f.ValueColumn
	if line == 0 {
		line, col = f.Line, f.Column
	}
	return reviewFieldAt(doc, line, col, f.Value, "front matter "+f.Key)
}

func reviewFieldAt(doc *document.Document, line, col int, value, source string) reviewFound {
	if line < 1 || line > doc.LineCount() {
		line, col = 1, 1
	}
	pos := doc.Offset(document.Position{Line: line, Column: max(col, 1)})
	return reviewFound{text: strings.TrimSpace(value), pos: pos, end: max(doc.LineEnd(line), pos), source: source}
}

var (
	// clauseStart finds where a new byline clause begins inside a line
	// ("... MD — Written by ... — Updated on ...").
	clauseStart = regexp.MustCompile(`(?i)(?:^|[|·•—–;,.]\s*|\s-\s+|\s{2,})((?:page |article |content )?(?:last )?(?:medically |clinically |medical |expert |fact[- ])?(?:reviewed|review date|date reviewed|medical review|clinical review|written|authored|edited|updated|modified|published|posted|fact[- ]checked|next review|review due|due for review)\b)`)
	// Labels, matched at the start of a clause.
	nextLabel         = regexp.MustCompile(`(?i)^(?:next review(?: due| date)?|review due(?: date)?|due for review)\b(?:\s*(?:on|by|in))?\s*:?\s*`)
	reviewLabel       = regexp.MustCompile(`(?i)^(?:(?:page|article|content)\s+)?(?:last\s+)?(?:(?:medically|clinically|medical|expert|fact)[\s-]+)?(?:reviewed|review date|date reviewed|(?:medical|clinical|expert) review)\b\s*:?\s*`)
	updatedLabel      = regexp.MustCompile(`(?i)^(?:(?:page|article|content)\s+)?(?:last\s+)?(?:updated|modified)\b(?:\s+on)?\s*:?\s*`)
	bylineBy          = regexp.MustCompile(`(?i)^by\b\s*:?\s*`)
	bylineOn          = regexp.MustCompile(`(?i)^on\b\s*:?\s*`)
	bylineByInside    = regexp.MustCompile(`(?i)\s+by\b\s*:?\s*`)
	bylineReviewerSep = regexp.MustCompile(`(?i)\s+on\s+|\s*[|·•—–;]\s*|\s+-\s+`)
	bylineSeparators  = " \t,;:|·•—–-"
	// trailingPreposition ends a reviewer name written before its date
	// ("by Dr. Lee in July 2025").
	trailingPreposition = regexp.MustCompile(`(?i)\s+(?:on|in|at|dated)$`)
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
func bylineReview(doc *document.Document, n int, rd *reviewData) {
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
			readByline(b, line, rd)
		}
	}
}

// mayHoldByline reports whether text may hold a review clause: every
// clause readByline keeps starts with nextLabel, updatedLabel or
// reviewLabel, which all need "review", "updated" or "modified" in any
// case. Most lines hold none. (One keyword pass: the text is not
// lower-cased into a copy.)
func mayHoldByline(text string) bool { return bylineWords.Scan(text) != keywords.Set{} }

var bylineWords = keywords.New([]string{"review", "updated", "modified"})

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
func readByline(b *document.Block, line bylineSpan, rd *reviewData) {
	line = line.trim(" \t")
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
	loc := func(s bylineSpan) (int, int) {
		return b.SourceOffset(s.off), b.SourceOffset(s.off + len(s.text))
	}
	add := func(list *[]reviewFound, s bylineSpan) {
		s = s.trim(bylineSeparators + ".")
		if s.text == "" {
			return
		}
		pos, end := loc(s)
		*list = append(*list, reviewFound{text: s.text, pos: pos, end: max(end, pos), source: "byline"})
	}
	for i, st := range starts {
		end := len(line.text)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		clause := line.sub(st, end).trim(bylineSeparators)
		if m := nextLabel.FindStringIndex(clause.text); m != nil {
			rest := clause.sub(m[1], len(clause.text))
			if ds, de, ok := dates.Find(rest.text); ok {
				add(&rd.next, rest.sub(ds, de))
			} else if rest.text != "" && m[1] > 0 && strings.ContainsAny(clause.text[:m[1]], ":") {
				add(&rd.next, rest)
			}
			continue
		}
		if m := updatedLabel.FindStringIndex(clause.text); m != nil {
			rest := clause.sub(m[1], len(clause.text))
			if ds, de, ok := dates.Find(rest.text); ok {
				add(&rd.updated, rest.sub(ds, de))
			}
			continue
		}
		m := reviewLabel.FindStringIndex(clause.text)
		if m == nil {
			continue
		}
		label := clause.text[:m[1]]
		rest := clause.sub(m[1], len(clause.text))
		if bm := bylineBy.FindStringIndex(rest.text); bm != nil {
			// Reviewer first: "by NAME on DATE", "by: NAME | DATE".
			rest = rest.sub(bm[1], len(rest.text))
			if ds, de, ok := dates.Find(rest.text); ok && ds > 0 {
				name := rest.sub(0, ds).trim(bylineSeparators)
				if m := trailingPreposition.FindStringIndex(name.text); m != nil {
					name = name.sub(0, m[0]).trim(bylineSeparators)
				}
				add(&rd.reviewer, name)
				add(&rd.reviewed, rest.sub(ds, de))
				continue
			}
			if sm := bylineReviewerSep.FindStringIndex(rest.text); sm != nil && sm[0] > 0 {
				add(&rd.reviewer, rest.sub(0, sm[0]))
				add(&rd.reviewed, rest.sub(sm[1], len(rest.text)))
				continue
			}
			add(&rd.reviewer, rest)
			continue
		}
		// Date first: ": DATE", "on DATE", "DATE by NAME".
		explicit := strings.Contains(label, ":")
		if om := bylineOn.FindStringIndex(rest.text); om != nil {
			rest = rest.sub(om[1], len(rest.text))
			explicit = true
		}
		datePart := rest
		if bm := bylineByInside.FindStringIndex(rest.text); bm != nil {
			datePart = rest.sub(0, bm[0])
			add(&rd.reviewer, rest.sub(bm[1], len(rest.text)))
		}
		datePart = datePart.trim(bylineSeparators + ".")
		if _, err := dates.Parse(datePart.text, dates.MDY); err == nil || errors.Is(err, dates.ErrTemplate) {
			add(&rd.reviewed, datePart)
			continue
		}
		if ds, de, ok := dates.Find(datePart.text); ok && (ds == 0 || explicit) {
			if name := datePart.sub(0, ds).trim(bylineSeparators); ds > 0 && len(rd.reviewer) == 0 &&
				strings.IndexFunc(name.text, unicode.IsLetter) >= 0 {
				// "Medical review: Dr. Jane Frank, 2026-10-01"
				add(&rd.reviewer, name)
			}
			add(&rd.reviewed, datePart.sub(ds, de))
			continue
		}
		if explicit && datePart.text != "" {
			add(&rd.reviewed, datePart) // reported as unparseable
		}
	}
}
