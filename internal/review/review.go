// Package review is the editorial calendar of medical reviews: what each
// page the review-date rule checks says about its last review (reviewer,
// date, next review), when its next review is due, and the calendar of
// those due dates as of a given day. `medlint review-due` prints the
// calendar and the HTML report draws its dashboard from it; both read the
// pages with Read, so that they agree with each other and with the rule.
package review

import (
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/dates"
	"github.com/medlint/medlint/internal/document"
)

// Options are the review-date rule's settings that decide what a page's
// review says and when the next one is due.
type Options struct {
	// BylineLines is how many lines at the start and end of the body are
	// searched for a review byline.
	BylineLines int
	// Order reads numeric dates; ExplicitOrder is set when the
	// configuration chose it (an ambiguous review date in the future is
	// then not read the other way).
	Order         dates.Order
	ExplicitOrder bool
	// AcceptUpdated counts an "Updated on" date as the review when no
	// review date is given.
	AcceptUpdated bool
	// WarnAfter and ErrorAfter are the rule's limits in months: the next
	// review is due WarnAfter months after the last, or on the page's own
	// next-review date, but never later than ErrorAfter months after it.
	WarnAfter, ErrorAfter int
	// SkipPartials leaves fragments included into pages off the calendar.
	SkipPartials bool
}

// DueFrom values: what a page's due date comes from.
const (
	// DueNextReview: the page's own next review date.
	DueNextReview = "next-review"
	// DueWarnAfter: the last review plus warn-after months.
	DueWarnAfter = "warn-after"
	// DueErrorAfter: the last review plus error-after months, earlier
	// than the page's own next review date (error-after is a ceiling).
	DueErrorAfter = "error-after"
)

// Page is what one page says about its medical review.
type Page struct {
	// Path is the display path; Kind the page kind (advice, product).
	Path string `json:"path"`
	Kind string `json:"kind"`
	// Reviewer is the first reviewer named ("" when none).
	Reviewer string `json:"reviewer,omitempty"`
	// LastReviewed is the last review's date, YYYY-MM-DD ("" when the page
	// gives none that parses); Updated is set when it is an update date
	// standing for the review (accept-updated).
	LastReviewed string `json:"lastReviewed,omitempty"`
	Updated      bool   `json:"updated,omitempty"`
	// Due is the date the next review is due, YYYY-MM-DD ("" without a
	// last review); DueFrom says what it comes from (DueNextReview,
	// DueWarnAfter, DueErrorAfter).
	Due     string `json:"due,omitempty"`
	DueFrom string `json:"dueFrom,omitempty"`
	// Note says why a page has no date: an unparseable date as written,
	// or a template (a review provider) that renders the byline.
	Note string `json:"note,omitempty"`
	// Provider is set when a template renders the review byline and the
	// page itself carries no review date: its schedule is unknown.
	Provider bool `json:"provider,omitempty"`
	// Line is the line of the last review date (0 when none).
	Line int `json:"line,omitempty"`
}

// Read returns what doc, a page of the given facts, says about its
// review, as the review-date rule reads it; ok is false for a page that is
// not on the calendar: a partial (with SkipPartials) or a page that opts
// out with review: none. now is today, to read an ambiguous past date the
// way the rule does.
func Read(doc *document.Document, facts *article.Facts, o Options, now time.Time) (p Page, ok bool) {
	if (o.SkipPartials && facts.Partial) || facts.ReviewOptOut != nil {
		return Page{}, false
	}
	p = Page{Path: doc.Path, Kind: facts.Kind.String()}
	rd := facts.Review(o.BylineLines)
	if len(rd.Reviewer) > 0 {
		p.Reviewer = rd.Reviewer[0].Text
	}
	reviewed, at, note := firstDate(rd.Reviewed, o, now, true)
	if at == nil && len(rd.Reviewed) == 0 && o.AcceptUpdated {
		reviewed, at, note = firstDate(rd.Updated, o, now, true)
		p.Updated = at != nil
	}
	if at == nil {
		p.Note = note
		if rd.Provider != nil && len(rd.Reviewed) == 0 {
			p.Provider = true
			p.Note = "the review byline is rendered by " + rd.Provider.What + " " + rd.Provider.Name
		}
		return p, true
	}
	p.LastReviewed = reviewed.Format(time.DateOnly)
	p.Line = doc.Line(at.Pos)
	next, nextAt, _ := firstDate(rd.Next, o, now, false)
	ceiling := addMonths(reviewed, o.ErrorAfter)
	switch {
	case nextAt != nil && next.After(ceiling):
		p.Due, p.DueFrom = ceiling.Format(time.DateOnly), DueErrorAfter
	case nextAt != nil:
		p.Due, p.DueFrom = next.Format(time.DateOnly), DueNextReview
	default:
		p.Due, p.DueFrom = addMonths(reviewed, o.WarnAfter).Format(time.DateOnly), DueWarnAfter
	}
	return p, true
}

// firstDate returns the first candidate that parses, and a note on the
// first that does not when none does. A past event's ambiguous date whose
// reading lies ahead is read the other way, as the rule reads it, unless
// the configuration chose the order.
func firstDate(cands []article.Found, o Options, now time.Time, past bool) (time.Time, *article.Found, string) {
	note := ""
	for i := range cands {
		d, err := dates.Parse(cands[i].Text, o.Order)
		if err != nil {
			if note == "" {
				note = "unreadable date " + quote(cands[i].Text) + " (" + cands[i].Source + ")"
			}
			continue
		}
		t := d.Time
		ahead := func(t time.Time) bool { return t.After(now.AddDate(0, 0, 1)) }
		if past && d.Ambiguous && !o.ExplicitOrder && ahead(t) && !ahead(d.Other) {
			t = d.Other
		}
		return t, &cands[i], ""
	}
	return time.Time{}, nil, note
}

func quote(s string) string {
	const limit = 40
	r := []rune(s)
	if len(r) > limit {
		s = string(r[:limit]) + "…"
	}
	return "\"" + s + "\""
}

// addMonths adds n months to t, clamping the day to the target month's
// last day (January 31 + 1 month = February 28 or 29), as the rule does.
func addMonths(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(t.Day(), last), 0, 0, 0, 0, time.UTC)
}
