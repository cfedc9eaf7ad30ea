package review_test

import (
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/dates"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/review"
)

var (
	now      = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	defaults = review.Options{BylineLines: 15, Order: dates.MDY, WarnAfter: 12, ErrorAfter: 36, SkipPartials: true}
)

const body = "\n\nEczema is a common skin condition that makes skin itchy, dry and cracked. " +
	"It affects children and adults and often comes and goes over many years, with flare-ups " +
	"that a doctor, nurse or pharmacist can help treat with creams and lifestyle changes.\n\n" +
	"This is not medical advice; talk to your doctor about your symptoms and treatment.\n"

func readPage(t *testing.T, src string, o review.Options) (review.Page, bool) {
	t.Helper()
	doc, err := document.Parse("eczema.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return review.Read(doc, article.Of(doc), o, now)
}

func TestRead(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src                       string
		opts                            func(*review.Options)
		reviewer, last, due, from, note string
		provider, updated, offCalendar  bool
	}{
		{name: "front matter, computed", src: "---\nlast_reviewed: 2026-01-31\nreviewed_by: Dr. Jane Frank, MD\n---\n# Eczema" + body,
			reviewer: "Dr. Jane Frank, MD", last: "2026-01-31", due: "2027-01-31", from: review.DueWarnAfter},
		{name: "warn-after clamps the day", src: "---\nlast_reviewed: 2026-01-31\nreviewed_by: Jane Frank\n---\n# Eczema" + body,
			opts: func(o *review.Options) { o.WarnAfter = 1 }, reviewer: "Jane Frank", last: "2026-01-31", due: "2026-02-28", from: review.DueWarnAfter},
		{name: "explicit next review", src: "---\nlast_reviewed: 2026-01-10\nreviewed_by: Jane Frank\nnext_review: 2026-07-01\n---\n# Eczema" + body,
			reviewer: "Jane Frank", last: "2026-01-10", due: "2026-07-01", from: review.DueNextReview},
		{name: "error-after caps a far next review", src: "---\nlast_reviewed: 2020-01-10\nreviewed_by: Jane Frank\nnext_review: 2030-01-01\n---\n# Eczema" + body,
			reviewer: "Jane Frank", last: "2020-01-10", due: "2023-01-10", from: review.DueErrorAfter},
		{name: "byline", src: "# Eczema\n\nMedically reviewed by Dr. Jane Frank, MD on July 11, 2025" + body,
			reviewer: "Dr. Jane Frank, MD", last: "2025-07-11", due: "2026-07-11", from: review.DueWarnAfter},
		{name: "NHS page last reviewed", src: "# Eczema" + body + "\nPage last reviewed: 11 July 2025\nNext review due: 11 July 2028\n",
			last: "2025-07-11", due: "2028-07-11", from: review.DueNextReview},
		{name: "never reviewed", src: "# Eczema" + body},
		{name: "unparseable", src: "---\nlast_reviewed: TBD\nreviewed_by: Jane Frank\n---\n# Eczema" + body,
			reviewer: "Jane Frank", note: `unreadable date "TBD"`},
		{name: "update only, not accepted", src: "---\nlast_updated: 2026-05-01\n---\n# Eczema" + body},
		{name: "update accepted", src: "---\nlast_updated: 2026-05-01\n---\n# Eczema" + body,
			opts: func(o *review.Options) { o.AcceptUpdated = true }, last: "2026-05-01", due: "2027-05-01", from: review.DueWarnAfter, updated: true},
		{name: "ambiguous date read as the past", src: "---\nlast_reviewed: 12/01/2026\nreviewed_by: Jane Frank\n---\n# Eczema" + body,
			reviewer: "Jane Frank", last: "2026-01-12", due: "2027-01-12", from: review.DueWarnAfter},
		{name: "explicit order keeps the future reading", src: "---\nlast_reviewed: 12/01/2026\nreviewed_by: Jane Frank\n---\n# Eczema" + body,
			opts: func(o *review.Options) { o.ExplicitOrder = true }, reviewer: "Jane Frank", last: "2026-12-01", due: "2027-12-01", from: review.DueWarnAfter},
		{name: "opt-out", src: "---\nreview: none\nreview_reason: a glossary\n---\n# Eczema" + body, offCalendar: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := defaults
			if tc.opts != nil {
				tc.opts(&o)
			}
			p, ok := readPage(t, tc.src, o)
			if ok == tc.offCalendar {
				t.Fatalf("on the calendar = %v, want %v", ok, !tc.offCalendar)
			}
			if !ok {
				return
			}
			if p.Reviewer != tc.reviewer || p.LastReviewed != tc.last || p.Due != tc.due || p.DueFrom != tc.from || p.Updated != tc.updated || p.Provider != tc.provider {
				t.Errorf("got %+v\nwant reviewer %q last %q due %q from %q updated %v", p, tc.reviewer, tc.last, tc.due, tc.from, tc.updated)
			}
			if !strings.Contains(p.Note, tc.note) || (tc.note == "" && p.Note != "") {
				t.Errorf("note %q, want %q", p.Note, tc.note)
			}
			if p.Kind != "advice" {
				t.Errorf("kind %q, want advice", p.Kind)
			}
		})
	}
}

func TestCalendar(t *testing.T) {
	t.Parallel()
	pages := []review.Page{
		{Path: "b.md", LastReviewed: "2026-01-01", Due: "2027-01-01", DueFrom: review.DueWarnAfter},
		{Path: "unknown.md", Provider: true},
		{Path: "late.md", LastReviewed: "2025-01-01", Due: "2026-01-01", DueFrom: review.DueWarnAfter},
		{Path: "a.md", LastReviewed: "2026-01-01", Due: "2027-01-01", DueFrom: review.DueWarnAfter},
		{Path: "never.md"},
		{Path: "today.md", LastReviewed: "2025-11-25", Due: "2026-11-25", DueFrom: review.DueWarnAfter},
	}
	got := review.Calendar(pages, now)
	var order []string
	for _, e := range got {
		order = append(order, e.Path+":"+e.Status)
	}
	want := "never.md:never-reviewed late.md:overdue today.md:scheduled a.md:scheduled b.md:scheduled unknown.md:unknown"
	if s := strings.Join(order, " "); s != want {
		t.Errorf("order\n got %s\nwant %s", s, want)
	}
	if got[1].DaysLeft != -328 || got[1].AgeDays != 693 || got[2].DaysLeft != 0 {
		t.Errorf("days: late %d (age %d), today %d", got[1].DaysLeft, got[1].AgeDays, got[2].DaysLeft)
	}
	var within []string
	for _, e := range review.Within(got, 37) {
		within = append(within, e.Path)
	}
	if s := strings.Join(within, " "); s != "never.md late.md today.md a.md b.md" {
		t.Errorf("within 37 days: %s", s)
	}
	if n := len(review.Within(got, 0)); n != 3 {
		t.Errorf("within 0 days: %d entries, want 3 (never, overdue, due today)", n)
	}
}

func TestParseWindow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		days int
		err  string
	}{
		{"60d", 60, ""}, {"8w", 56, ""}, {"90D", 90, ""}, {" 0d ", 0, ""}, {"36500d", 36500, ""},
		{"", 0, "empty window"}, {"60", 0, "days or weeks"}, {"2m", 0, "days or weeks"},
		{"d", 0, "whole number"}, {"-5d", 0, "whole number"}, {"1.5w", 0, "whole number"},
		{"36501d", 0, "at most"}, {"99999999999999999999d", 0, "at most"}, {"5300w", 0, "at most"},
	} {
		got, err := review.ParseWindow(tc.in)
		if tc.err == "" {
			if err != nil || got != tc.days {
				t.Errorf("ParseWindow(%q) = %d, %v; want %d", tc.in, got, err, tc.days)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ParseWindow(%q) error %v, want one saying %q", tc.in, err, tc.err)
		}
	}
}

func FuzzParseWindow(f *testing.F) {
	for _, s := range []string{"60d", "8w", "", "w", "1e9d", "٣d", "00000000000000000007w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := review.ParseWindow(s)
		if err != nil {
			if n != 0 {
				t.Fatalf("%q: error %v with %d days", s, err, n)
			}
			return
		}
		if n < 0 || n > review.MaxWindowDays {
			t.Fatalf("%q: %d days out of range", s, n)
		}
	})
}

// FuzzRead: whatever the page says, Read never panics, and a page on the
// calendar has a due date exactly when it has a last review, both real
// dates, the due date not before the review.
func FuzzRead(f *testing.F) {
	f.Add("---\nlast_reviewed: 2026-01-31\nnext_review: 2025-01-01\n---\n# A\n")
	f.Add("# A\n\nReviewed by X on 13/13/2026\n")
	f.Add("---\nreview: {date: July 2025, by: [a, b], next: 02/03/2027}\n---\n")
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := document.Parse("f.md", []byte(src))
		if err != nil {
			return
		}
		p, ok := review.Read(doc, article.Of(doc), defaults, now)
		if !ok {
			return
		}
		if (p.LastReviewed == "") != (p.Due == "") {
			t.Fatalf("last %q, due %q", p.LastReviewed, p.Due)
		}
		if p.Due == "" {
			return
		}
		last, err1 := time.Parse(time.DateOnly, p.LastReviewed)
		due, err2 := time.Parse(time.DateOnly, p.Due)
		if err1 != nil || err2 != nil {
			t.Fatalf("not dates: %q %q", p.LastReviewed, p.Due)
		}
		if p.DueFrom != review.DueNextReview && due.Before(last) {
			t.Fatalf("due %s before the review %s", p.Due, p.LastReviewed)
		}
		if len(review.Calendar([]review.Page{p}, now)) != 1 {
			t.Fatal("a page Read returned is off the calendar")
		}
	})
}
