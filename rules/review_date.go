package rules

import (
	"errors"
	"fmt"
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/dates"
	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(reviewDate) }

// reviewDate checks that an article names its medical reviewer and review
// date, and that the review is recent.
var reviewDate = &lint.Definition[ReviewDateOptions]{
	Info: reviewDateMeta,
	Defaults: func() *ReviewDateOptions {
		return &ReviewDateOptions{WarnAfter: 12, ErrorAfter: 36, DateOrder: "mdy", RequireReviewer: true, BylineLines: 15, SkipPartials: true}
	},
	Build: buildReviewDate,
}

// ReviewDateOptions are the options of review-date.
type ReviewDateOptions struct {
	WarnAfter       int    `yaml:"warn-after" doc:"a review older than this many months is a warning (stale)"`
	ErrorAfter      int    `yaml:"error-after" doc:"a review older than this many months is an error (very-stale), even when a next review date lies ahead"`
	AcceptUpdated   bool   `yaml:"accept-updated" doc:"count an \"Updated on\" date (front matter updated, last_updated, lastupdate, ...) as a review when no review date is given; an update is not a medical review, so this is off by default"`
	DateOrder       string `yaml:"date-order" enum:"mdy,dmy" doc:"how to read a numeric date such as 07/11/2025: mdy (July 11, US) or dmy (7 November); while unset, a numeric date with two valid readings gets an ambiguous warning"`
	RequireReviewer bool   `yaml:"require-reviewer" doc:"a review date without a named reviewer is an error (no-reviewer); set false for sites that review pages institutionally (\"Page last reviewed: ...\")"`
	BylineLines     int    `yaml:"byline-lines" doc:"how many lines at the start and at the end of the body are searched for a review byline"`
	SkipPartials    bool   `yaml:"skip-partials" doc:"skip partials: fragments included into pages, which carry the review date (a file without a title or level-1 heading that is in a _includes, includes, partials, snippets or fragments directory, is named _NAME, or has at most 120 words; front matter medlint: {partial: true|false} decides)"`
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

// reviewDateMeta is the rule's metadata: data, built once.
var reviewDateMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "review-date",
	Summary:  "Health articles must name a medical reviewer and a review date, and the review must be recent",
	Severity: lint.SeverityError,
	// Findings change as today moves past warn-after, error-after and
	// next-review dates.
	DependsOnDate: true,
	Rationale: "Google's quality rater guidelines, HONcode and NHS/HSE practice expect medical content to be " +
		"reviewed by a named professional and re-reviewed regularly (the NHS re-reviews every page within 3 years). " +
		"The review is read from YAML, TOML or JSON front matter, keys in snake, camel or kebab case (last_reviewed, " +
		"lastReviewed, lastReviewedAt, last-reviewed, reviewed, reviewed_on, review_date, medically_reviewed_on; " +
		"reviewer: reviewed_by, reviewedBy, medicallyReviewedBy, reviewer, reviewers, reviewer: {name, credentials}; " +
		"next review: next_review, next_review_due, review_due), nested (review: {date, by, next}, medically_reviewed: " +
		"{by, on}), or from a byline in the first or last " +
		"byline-lines (15) lines of the body: \"Medically reviewed by Dr. Jane Frank, MD on July 11, 2025\", " +
		"\"Reviewed by: Jane Frank, RDN | July 11, 2025\", \"Reviewed: 2025-07-11\", \"Last reviewed on 07/11/2025\", " +
		"\"Page last reviewed: 11 July 2025\", \"Next review due: 11 July 2028\", \"Reviewed on 2026-08-20 by ...\"; " +
		"a byline ends at its date (a photo credit after it is not read). " +
		"Front matter wins over a byline. Dates may be ISO (with or without a time; YAML timestamps), 2025/07/11, " +
		"\"July 11, 2025\", \"Jul. 11, 2025\", \"Sept. 11, 2025\", \"11 July 2025\", ordinals, weekday prefixes, or a " +
		"month (\"July 2025\", read as the month's last day). An \"Updated on\" date is not a review unless " +
		"accept-updated is true. When a future next-review date is given, it replaces warn-after (the publisher " +
		"scheduled the review), but error-after remains a ceiling.",
	Bad:   "# Eczema\n\nMedically reviewed by Dr. Jane Frank, MD on July 11, 2023\n",
	Good:  "# Eczema\n\nMedically reviewed by Dr. Jane Frank, MD on November 2, 2026\n",
	Kinds: article.SetOf(article.KindAdvice, article.KindProduct),
	Checks: []lint.CheckDoc{
		{Name: "missing", Summary: "no review date and no reviewer at all (error, line 1)", WholeFile: true},
		{Name: "no-date", Summary: "a reviewer without a review date (error)"},
		{Name: "no-reviewer", Summary: "a review date without a reviewer (error; see require-reviewer)"},
		{Name: "stale", Summary: "the review is older than warn-after months (warning)"},
		{Name: "very-stale", Summary: "the review is older than error-after months (error)"},
		{Name: "future", Summary: "the review date is more than a day after today (error)"},
		{Name: "overdue", Summary: "the next review date has passed (error)"},
		{Name: "unparseable", Summary: "a review date that is not a date, or an unfilled template (\"{{ .Date }}\", \"YYYY-MM-DD\", \"TBD\") (error)"},
		{Name: "opt-out", Summary: "front matter says review: none without a review_reason (error)"},
		{Name: "ambiguous", Summary: "a numeric date such as 07/11/2025 with two valid readings while date-order is not set in the configuration (warning); a review or update date is judged by the reading that is not in the future, and when both are, only future is reported (one problem, one finding)"},
	},
	Notes: "The rule runs on advice and product pages only (page kinds; contact, about, policy and software " +
		"pages are other; `medlint explain-file FILE` shows why). A health page that needs no review opts out with " +
		"front matter `review: none` plus `review_reason: \"...\"`; an opt-out without a reason is an error. Fragments " +
		"included into pages are skipped (skip-partials). A shortcode, include or component named in " +
		"providers.review (.medlint.yml; none by default) renders the review byline: its date and reviewer " +
		"attributes ({{< reviewed-by name=\"...\" date=\"...\" >}}) are read, and without a date the page passes. " +
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

// buildReviewDate validates the options; a date-order the configuration
// sets also silences the ambiguity warning.
func buildReviewDate(opts *ReviewDateOptions, env lint.Env) (lint.Check, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	order, err := dates.ParseOrder(opts.DateOrder)
	if err != nil {
		return nil, err
	}
	explicitOrder := env.Explicit("date-order")
	return func(pass *lint.Pass) error { return checkReviewDate(pass, opts, order, explicitOrder) }, nil
}

func checkReviewDate(pass *lint.Pass, opts *ReviewDateOptions, order dates.Order, explicitOrder bool) error {
	facts := pass.Facts()
	if opts.SkipPartials && facts.Partial {
		return nil
	}
	if o := facts.ReviewOptOut; o != nil {
		if o.Reason == "" {
			pass.Report(lint.Diagnostic{Pos: o.Pos, End: o.End, Check: "opt-out",
				Message: "review: none needs a review_reason saying why this page needs no medical review"})
		}
		return nil
	}
	rd := facts.Review(opts.BylineLines)
	if rd.Provider != nil && len(rd.Reviewed) == 0 {
		return nil // the template renders the review byline (a review provider)
	}

	r := &reviewRun{pass: pass, opts: opts, order: order, explicitOrder: explicitOrder, now: civilDate(pass.Now)}
	d := reviewDates{}
	d.reviewed, d.reviewedFound = r.firstDate(rd.Reviewed, "review date")
	d.next, d.nextFound = r.firstDate(rd.Next, "next review date")
	if d.reviewedFound == nil && len(rd.Reviewed) == 0 && opts.AcceptUpdated {
		d.reviewed, d.reviewedFound = r.firstDate(rd.Updated, "updated date")
		d.usedUpdate = d.reviewedFound != nil
	}
	if !r.reportMissing(rd, d.usedUpdate) && d.reviewedFound != nil {
		r.reportAge(d)
	}
	return nil
}

// reviewDates are the dates a page's review data gives, parsed.
type reviewDates struct {
	reviewed, next           dates.Date
	reviewedFound, nextFound *article.Found
	// usedUpdate is set when the last update stands for the review
	// (accept-updated).
	usedUpdate bool
}

// reportMissing reports review data that lacks its date or its reviewer;
// it returns true when the page has none at all (nothing more to judge).
func (r *reviewRun) reportMissing(rd *article.Review, usedUpdate bool) bool {
	pass, opts := r.pass, r.opts
	switch {
	case len(rd.Reviewed) == 0 && len(rd.Reviewer) == 0 && !usedUpdate:
		msg := "no medical review date: add last_reviewed and reviewed_by to the front matter, or a byline such as \"Medically reviewed by NAME on DATE\""
		if len(rd.Updated) > 0 && !opts.AcceptUpdated {
			msg += fmt.Sprintf(" (%s %q is an update, not a medical review; set accept-updated: true to count it)", rd.Updated[0].Source, rd.Updated[0].Text)
		}
		if len(rd.Next) > 0 {
			msg += fmt.Sprintf(" (a next review date, %s, is given but not the last review)", rd.Next[0].Text)
		}
		pass.Report(lint.Diagnostic{Pos: 0, End: pass.Doc.LineEnd(1), Check: "missing", Message: msg})
		return true
	case len(rd.Reviewed) == 0 && !usedUpdate:
		f := rd.Reviewer[0]
		pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "no-date",
			Message: fmt.Sprintf("reviewer %q is named without a review date: add the date of the review", f.Text)})
	case len(rd.Reviewer) == 0 && opts.RequireReviewer && !usedUpdate:
		f := rd.Reviewed[0]
		pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "no-reviewer",
			Message: fmt.Sprintf("review date %q has no reviewer: name the professional who reviewed the article (reviewed_by, or \"Reviewed by NAME\")", f.Text)})
	}
	return false
}

// reportAge reports a review date in the future, an overdue next review,
// or a review older than the limits, whichever comes first.
func (r *reviewRun) reportAge(d reviewDates) {
	pass, opts, now := r.pass, r.opts, r.now
	age := monthsBetween(d.reviewed.Time, now)
	what, verb := "medical review", "reviewed"
	if d.usedUpdate {
		what, verb = "last update (accept-updated)", "updated"
	}
	earliest := d.reviewed.Time
	if d.reviewed.Precision == dates.Month {
		// "November 2026" may mean November 1: judge the future by the
		// month's first day and the age by its last.
		earliest = earliest.AddDate(0, 0, 1-earliest.Day())
	}
	at := d.reviewedFound
	switch {
	case earliest.After(now.AddDate(0, 0, 1)):
		pass.Report(lint.Diagnostic{Pos: at.Pos, End: at.End, Check: "future",
			Message: fmt.Sprintf("review date %s is in the future (today is %s): a review cannot be dated ahead", isoDateText(d.reviewed.Time), isoDateText(now))})
	case d.nextFound != nil && d.next.Time.Before(now):
		pass.Report(lint.Diagnostic{Pos: d.nextFound.Pos, End: d.nextFound.End, Check: "overdue",
			Message: fmt.Sprintf("next review was due on %s, %s ago; the %s is %s old (%s %s)",
				isoDateText(d.next.Time), monthsText(monthsBetween(d.next.Time, now)), what, monthsText(age), verb, isoDateText(d.reviewed.Time))})
	case now.After(addMonthsClamped(d.reviewed.Time, opts.ErrorAfter)):
		pass.Report(lint.Diagnostic{Pos: at.Pos, End: at.End, Check: "very-stale",
			Message: fmt.Sprintf("%s is %s old (%s %s); the limit is %d months (error-after): re-review the article",
				what, monthsText(age), verb, isoDateText(d.reviewed.Time), opts.ErrorAfter)})
	case d.nextFound != nil:
		// A next review date ahead governs: the publisher scheduled it.
	case now.After(addMonthsClamped(d.reviewed.Time, opts.WarnAfter)):
		pass.Report(lint.Diagnostic{Pos: at.Pos, End: at.End, Check: "stale", Severity: lint.SeverityWarning,
			Message: fmt.Sprintf("%s is %s old (%s %s); the limit is %d months (warn-after): re-review the article and update the date",
				what, monthsText(age), verb, isoDateText(d.reviewed.Time), opts.WarnAfter)})
	}
}

// reviewRun holds the state of one Run for parsing dates.
type reviewRun struct {
	pass          *lint.Pass
	opts          *ReviewDateOptions
	order         dates.Order
	explicitOrder bool
	now           time.Time // today, as a civil date
}

// firstDate parses every candidate, reporting unparseable and ambiguous
// ones, and returns the first that parses.
func (r *reviewRun) firstDate(cands []article.Found, what string) (dates.Date, *article.Found) {
	var first *article.Found
	var firstDate dates.Date
	for i := range cands {
		f := &cands[i]
		d, err := dates.Parse(f.Text, r.order)
		if err != nil {
			msg := fmt.Sprintf("%s %q in the %s is not a date: %v", what, f.Text, f.Source, err)
			if errors.Is(err, dates.ErrTemplate) {
				msg = fmt.Sprintf("%s %q in the %s is an unfilled template placeholder: write the real date (YYYY-MM-DD)", what, f.Text, f.Source)
			} else if errors.Is(err, dates.ErrEmpty) {
				msg = fmt.Sprintf("%s in the %s is empty", what, f.Source)
			}
			r.pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "unparseable", Message: msg})
			continue
		}
		if d.Ambiguous && !r.explicitOrder {
			d = r.reportAmbiguous(f, d, what)
		}
		if first == nil {
			first, firstDate = f, d
		}
	}
	return firstDate, first
}

// reportAmbiguous reports a numeric date with two readings, and returns
// the one to judge it by. A date of a past event (a review, an update)
// cannot lie ahead: when one reading does, the other is taken, and when
// both do, the date is not reported here, only as in the future (one
// problem, one finding).
func (r *reviewRun) reportAmbiguous(f *article.Found, d dates.Date, what string) dates.Date {
	ahead := func(t time.Time) bool { return t.After(r.now.AddDate(0, 0, 1)) }
	why := fmt.Sprintf("date-order: %s", r.opts.DateOrder)
	if what != "next review date" {
		switch {
		case ahead(d.Time) && ahead(d.Other):
			return d
		case ahead(d.Time):
			why = fmt.Sprintf("%s, the %s reading, is in the future", d.Time.Format("January 2, 2006"), r.opts.DateOrder)
			d.Time, d.Other = d.Other, d.Time
		}
	}
	r.pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "ambiguous", Severity: lint.SeverityWarning,
		Message: fmt.Sprintf("%s %q is ambiguous: read as %s (%s) but could be %s; write %s or set date-order in the configuration",
			what, f.Text, d.Time.Format("January 2, 2006"), why, d.Other.Format("January 2, 2006"), isoDateText(d.Time))})
	return d
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
