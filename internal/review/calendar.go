package review

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Status values of an Entry.
const (
	// StatusNever: the page gives no review date that can be read; it is
	// due now.
	StatusNever = "never-reviewed"
	// StatusOverdue: the due date has passed.
	StatusOverdue = "overdue"
	// StatusScheduled: the next review is due today or later.
	StatusScheduled = "scheduled"
	// StatusUnknown: a template renders the review byline, and the page
	// itself carries no date.
	StatusUnknown = "unknown"
)

// Entry is one page on the calendar as of a day.
type Entry struct {
	Page
	// Status is StatusNever, StatusOverdue, StatusScheduled or
	// StatusUnknown.
	Status string `json:"status"`
	// DaysLeft counts the days from today to the due date (negative when
	// overdue; 0 without a due date).
	DaysLeft int `json:"daysLeft"`
	// AgeDays counts the days since the last review (0 without one).
	AgeDays int `json:"ageDays"`
}

// Calendar returns the entries of pages as of now, sorted: pages never
// reviewed first (they are due now), then by due date (the most overdue
// first), then the pages whose schedule is unknown; ties by path.
func Calendar(pages []Page, now time.Time) []Entry {
	now = civil(now)
	out := make([]Entry, 0, len(pages))
	for _, p := range pages {
		e := Entry{Page: p, Status: StatusNever}
		switch {
		case p.Due != "":
			due, err := time.Parse(time.DateOnly, p.Due)
			last, err2 := time.Parse(time.DateOnly, p.LastReviewed)
			if err != nil || err2 != nil {
				continue // not written by Read
			}
			e.DaysLeft = days(now, due)
			e.AgeDays = max(days(last, now), 0)
			e.Status = StatusScheduled
			if e.DaysLeft < 0 {
				e.Status = StatusOverdue
			}
		case p.Provider:
			e.Status = StatusUnknown
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return less(&out[i], &out[j]) })
	return out
}

func rank(e *Entry) int {
	switch e.Status {
	case StatusNever:
		return 0
	case StatusUnknown:
		return 2
	}
	return 1
}

func less(a, b *Entry) bool {
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra < rb
	}
	if a.Due != b.Due {
		return a.Due < b.Due
	}
	return a.Path < b.Path
}

// Within keeps the entries due within the next n days of today: pages
// never reviewed, overdue pages, and those due in at most n days (the
// pages whose schedule is unknown are dropped).
func Within(entries []Entry, n int) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.Status == StatusNever || (e.Due != "" && e.DaysLeft <= n) {
			out = append(out, e)
		}
	}
	return out
}

// MaxWindowDays bounds a window: 100 years.
const MaxWindowDays = 36500

// ParseWindow reads a window such as "60d", "8w" or "90d" and returns it
// in days: a whole number followed by d (days) or w (weeks), at most
// MaxWindowDays.
func ParseWindow(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return 0, errors.New("empty window: want a number of days or weeks such as 60d or 8w")
	}
	unit := t[len(t)-1]
	per := 0
	switch unit {
	case 'd':
		per = 1
	case 'w':
		per = 7
	default:
		return 0, fmt.Errorf("%q: want a number of days or weeks such as 60d or 8w", s)
	}
	digits := t[:len(t)-1]
	if digits == "" || strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return 0, fmt.Errorf("%q: want a whole number before %c, such as 60d or 8w", s, unit)
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > MaxWindowDays/per {
		return 0, fmt.Errorf("%q: at most %d days", s, MaxWindowDays)
	}
	return n * per, nil
}

func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// days counts the calendar days from a to b.
func days(a, b time.Time) int {
	return int(civil(b).Sub(civil(a)).Hours() / 24)
}
