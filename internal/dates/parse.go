// Package dates parses the calendar dates people write in health articles
// and their front matter: ISO 8601 (with or without a time), YAML
// timestamps, 2025/07/11, "July 11, 2025", "Jul. 11, 2025",
// "Sept. 11, 2025", "11 July 2025", ordinals ("July 11th, 2025"), weekday
// prefixes ("Friday, July 11, 2025"), month precision ("July 2025") and
// numeric dates (07/11/2025) read month-first or day-first. It also
// recognises template placeholders ("{{ .Date }}", "YYYY-MM-DD", "TBD")
// so that callers can tell an unfilled template from a typo.
package dates

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/medlint/medlint/internal/lazyre"
)

// Order says how to read a numeric date such as 07/11/2025.
type Order int

// Numeric date orders.
const (
	// MDY reads 07/11/2025 as July 11 (US usage).
	MDY Order = iota
	// DMY reads 07/11/2025 as 7 November (UK, EU, AU usage).
	DMY
)

// ParseOrder parses "mdy" or "dmy".
func ParseOrder(s string) (Order, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "mdy", "":
		return MDY, nil
	case "dmy":
		return DMY, nil
	}
	return MDY, fmt.Errorf("unknown date order %q (want mdy or dmy)", s)
}

// Precision says how much of a date was written.
type Precision int

// Precisions.
const (
	// Day: a full calendar date.
	Day Precision = iota
	// Month: only a month and year ("July 2025"); Date.Time is the
	// month's last day, so that a review "in July 2025" is never judged
	// older than it can be.
	Month
)

// Date is a parsed date.
type Date struct {
	// Time is midnight UTC of the date (the month's last day for Month
	// precision). A time of day and a zone offset, when written, are
	// dropped: the calendar date as written is what an editor means.
	Time time.Time
	// Precision says whether a day was written.
	Precision Precision
	// Numeric reports a numeric day/month date such as 07/11/2025, whose
	// reading depends on the Order.
	Numeric bool
	// Ambiguous reports a numeric date whose two readings (month-first and
	// day-first) are both valid and different; Other is the reading that
	// was not chosen.
	Ambiguous bool
	// Other is the other reading of an Ambiguous date.
	Other time.Time
}

// ErrTemplate is returned (wrapped) for a template placeholder that was
// never filled in, such as "{{ .Date }}", "YYYY-MM-DD" or "TBD".
var ErrTemplate = errors.New("template placeholder instead of a date")

// ErrEmpty is returned for an empty value.
var ErrEmpty = errors.New("empty date")

var (
	reTemplate    = lazyre.New(`\{\{|\}\}|\{%|%\}|\$\{|<%|%>|\[\[|\]\]`)
	reTemplateTok = lazyre.New(`(?i)\b(?:yyyy|yy|mm|dd|mmm|mmmm)\b`)
	rePlaceholder = lazyre.New(`(?i)^(?:tbd|tba|tbc|todo|to ?do|n/?a|none|null|nil|pending|unknown|date|x+|\?+|-+|_+|coming soon|not yet reviewed)$`)

	reWeekday  = lazyre.New(`^(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+`)
	reOrdinal  = lazyre.New(`\b(\d{1,2})(?:st|nd|rd|th)\b`)
	reISO      = lazyre.New(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:t|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:z|utc|gmt|[+-]\d{1,2}(?::?\d{2})?)?)?$`)
	reYMDSlash = lazyre.New(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$`)
	reISOMonth = lazyre.New(`^(\d{4})-(\d{2})$`)
	reNumeric  = lazyre.New(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	reMDY      = lazyre.New(`^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$`)
	reDMY      = lazyre.New(`^(\d{1,2})(?:\s+of)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$`)
	reMonthY   = lazyre.New(`^([a-z]+)\.?,?\s+(\d{4})$`)
	reYear     = lazyre.New(`^\d{4}$`)
	reShortY   = lazyre.New(`^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$`)
	reSpaces   = lazyre.New(`\s+`)
)

var months = map[string]time.Month{
	"jan": time.January, "january": time.January,
	"feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March,
	"apr": time.April, "april": time.April,
	"may": time.May,
	"jun": time.June, "june": time.June,
	"jul": time.July, "july": time.July,
	"aug": time.August, "august": time.August,
	"sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October,
	"nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

// IsTemplate reports whether s is an unfilled template placeholder
// ("{{ .Date }}", "{% date %}", "YYYY-MM-DD", "DD/MM/YYYY", "TBD", ...).
func IsTemplate(s string) bool {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), `"'`))
	if s == "" {
		return false
	}
	return reTemplate.MatchString(s) || reTemplateTok.MatchString(s) || rePlaceholder.MatchString(s)
}

// Parse parses one date written in any of the package's formats; the
// whole of s (surrounding spaces, quotes and a final full stop aside) must
// be the date. order decides how a numeric date such as 07/11/2025 is read
// when both readings are valid; when only one is (25/07/2025), that one is
// used. The error wraps ErrEmpty or ErrTemplate when s is empty or a
// placeholder.
func Parse(s string, order Order) (Date, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.Trim(s, `"'`))
	s = strings.TrimRight(s, ".,;")
	if s == "" {
		return Date{}, ErrEmpty
	}
	if IsTemplate(s) {
		return Date{}, fmt.Errorf("%q: %w", strings.TrimSpace(orig), ErrTemplate)
	}
	t := strings.ToLower(reSpaces.ReplaceAllString(s, " "))
	t = reWeekday.ReplaceAllString(t, "")
	t = reOrdinal.ReplaceAllString(t, "$1")
	bad := func(why string) (Date, error) {
		return Date{}, fmt.Errorf("%q is not a date: %s", strings.TrimSpace(orig), why)
	}
	if m := reISO.FindStringSubmatch(t); m != nil {
		return day(atoi(m[1]), atoi(m[2]), atoi(m[3]), bad)
	}
	if m := reYMDSlash.FindStringSubmatch(t); m != nil {
		return day(atoi(m[1]), atoi(m[2]), atoi(m[3]), bad)
	}
	if m := reISOMonth.FindStringSubmatch(t); m != nil {
		return month(atoi(m[1]), atoi(m[2]), bad)
	}
	if m := reNumeric.FindStringSubmatch(t); m != nil {
		return numeric(atoi(m[1]), atoi(m[2]), atoi(m[3]), order, bad)
	}
	if m := reMDY.FindStringSubmatch(t); m != nil {
		mo, ok := months[m[1]]
		if !ok {
			return bad(fmt.Sprintf("unknown month %q", m[1]))
		}
		return day(atoi(m[3]), int(mo), atoi(m[2]), bad)
	}
	if m := reDMY.FindStringSubmatch(t); m != nil {
		mo, ok := months[m[2]]
		if !ok {
			return bad(fmt.Sprintf("unknown month %q", m[2]))
		}
		return day(atoi(m[3]), int(mo), atoi(m[1]), bad)
	}
	if m := reMonthY.FindStringSubmatch(t); m != nil {
		mo, ok := months[m[1]]
		if !ok {
			return bad(fmt.Sprintf("unknown month %q", m[1]))
		}
		return month(atoi(m[2]), int(mo), bad)
	}
	if reShortY.MatchString(t) {
		return bad("two-digit year; write the full year (YYYY-MM-DD)")
	}
	if reYear.MatchString(t) {
		return bad("a year alone is too vague; give at least the month")
	}
	return bad("unrecognised format (use YYYY-MM-DD)")
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func valid(y, m, d int) bool {
	if y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

func day(y, m, d int, bad func(string) (Date, error)) (Date, error) {
	if !valid(y, m, d) {
		return bad(fmt.Sprintf("no such day (year %d, month %d, day %d)", y, m, d))
	}
	return Date{Time: time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)}, nil
}

func month(y, m int, bad func(string) (Date, error)) (Date, error) {
	if !valid(y, m, 1) {
		return bad(fmt.Sprintf("no such month (year %d, month %d)", y, m))
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
	return Date{Time: last, Precision: Month}, nil
}

func numeric(a, b, y int, order Order, bad func(string) (Date, error)) (Date, error) {
	mdy, dmy := valid(y, a, b), valid(y, b, a)
	var d Date
	switch {
	case mdy && dmy:
		first := time.Date(y, time.Month(a), b, 0, 0, 0, 0, time.UTC)
		second := time.Date(y, time.Month(b), a, 0, 0, 0, 0, time.UTC)
		if order == DMY {
			first, second = second, first
		}
		d = Date{Time: first, Ambiguous: a != b, Numeric: true}
		if d.Ambiguous {
			d.Other = second
		}
	case mdy:
		d = Date{Time: time.Date(y, time.Month(a), b, 0, 0, 0, 0, time.UTC), Numeric: true}
	case dmy:
		d = Date{Time: time.Date(y, time.Month(b), a, 0, 0, 0, 0, time.UTC), Numeric: true}
	default:
		return bad(fmt.Sprintf("neither %d/%d nor %d/%d is a valid month/day", a, b, b, a))
	}
	return d, nil
}

const monthRE = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?`

// reFind matches candidate dates and placeholders inside running text,
// longest alternatives first.
var reFind = lazyre.New(`(?i)(?:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:` +
	`\b\d{4}-\d{1,2}-\d{1,2}(?:(?:[tT]|\s)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[zZ]|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?)?\b` +
	`|\b\d{4}/\d{1,2}/\d{1,2}\b` +
	`|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b` +
	`|\b` + monthRE + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b` +
	`|\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?[\s-]+` + monthRE + `,?[\s-]+\d{4}\b` +
	`|\b` + monthRE + `,?\s+\d{4}\b` +
	`|\b\d{4}-\d{2}\b` +
	`|\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|<%.*?%>` +
	`|\b(?:YYYY|DD|MM)[-/.](?:MM|DD)[-/.](?:YYYY|DD)\b` +
	`|\bTB[DAC]\b)`)

// Find returns the byte range of the first date or template placeholder
// in text, or ok == false. A candidate that looks like a date but is not a
// valid one (2025-13-45) is returned too: callers report it as
// unparseable.
func Find(text string) (start, end int, ok bool) {
	loc := reFind.FindStringIndex(text)
	if loc == nil {
		return 0, 0, false
	}
	return loc[0], loc[1], true
}
