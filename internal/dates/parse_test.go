package dates

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in        string
		order     Order
		want      time.Time
		prec      Precision
		ambiguous bool
	}{
		{"2025-07-11", MDY, ymd(2025, 7, 11), Day, false},
		{"2025-7-1", MDY, ymd(2025, 7, 1), Day, false},
		{"2018-10-6", MDY, ymd(2018, 10, 6), Day, false},
		{"2025-07-11T00:00:00Z", MDY, ymd(2025, 7, 11), Day, false},
		{"2025-07-11T23:30:00+02:00", MDY, ymd(2025, 7, 11), Day, false},
		{"2018-02-22T17:01:34+07:00", MDY, ymd(2018, 2, 22), Day, false},
		{"2025-07-11 10:00:00 +02:00", MDY, ymd(2025, 7, 11), Day, false},
		{"2025-07-11 10:00", MDY, ymd(2025, 7, 11), Day, false},
		{"2025-07-11t10:00:00.123z", MDY, ymd(2025, 7, 11), Day, false},
		{`"2025-07-11"`, MDY, ymd(2025, 7, 11), Day, false},
		{"2025/07/11", MDY, ymd(2025, 7, 11), Day, false},
		{"July 11, 2025", MDY, ymd(2025, 7, 11), Day, false},
		{"July 11 2025", MDY, ymd(2025, 7, 11), Day, false},
		{"Jul. 11, 2025", MDY, ymd(2025, 7, 11), Day, false},
		{"Jul 11, 2025.", MDY, ymd(2025, 7, 11), Day, false},
		{"Sept. 11, 2025", MDY, ymd(2025, 9, 11), Day, false},
		{"Sep 11, 2025", MDY, ymd(2025, 9, 11), Day, false},
		{"11 July 2025", MDY, ymd(2025, 7, 11), Day, false},
		{"11 Jul 2025", DMY, ymd(2025, 7, 11), Day, false},
		{"11-Jul-2025", MDY, ymd(2025, 7, 11), Day, false},
		{"11th of July, 2025", MDY, ymd(2025, 7, 11), Day, false},
		{"July 11th, 2025", MDY, ymd(2025, 7, 11), Day, false},
		{"July 1st, 2025", MDY, ymd(2025, 7, 1), Day, false},
		{"March 2nd 2025", MDY, ymd(2025, 3, 2), Day, false},
		{"23rd May 2025", MDY, ymd(2025, 5, 23), Day, false},
		{"Friday, July 11, 2025", MDY, ymd(2025, 7, 11), Day, false},
		{"Fri, 11 Jul 2025", MDY, ymd(2025, 7, 11), Day, false},
		{"Wednesday 2 July 2025", MDY, ymd(2025, 7, 2), Day, false},
		{"July 2025", MDY, ymd(2025, 7, 31), Month, false},
		{"Feb 2024", MDY, ymd(2024, 2, 29), Month, false},
		{"Sept. 2025", MDY, ymd(2025, 9, 30), Month, false},
		{"2025-02", MDY, ymd(2025, 2, 28), Month, false},
		{"07/11/2025", MDY, ymd(2025, 7, 11), Day, true},
		{"07/11/2025", DMY, ymd(2025, 11, 7), Day, true},
		{"25/07/2025", MDY, ymd(2025, 7, 25), Day, false},
		{"07/25/2025", DMY, ymd(2025, 7, 25), Day, false},
		{"07/07/2025", DMY, ymd(2025, 7, 7), Day, false},
		{"11.07.2025", DMY, ymd(2025, 7, 11), Day, true},
		{"7-11-2025", MDY, ymd(2025, 7, 11), Day, true},
		{"  July   11,   2025  ", MDY, ymd(2025, 7, 11), Day, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			d, err := Parse(tt.in, tt.order)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if !d.Time.Equal(tt.want) || d.Precision != tt.prec || d.Ambiguous != tt.ambiguous {
				t.Errorf("Parse(%q) = %v prec %d ambiguous %v; want %v prec %d ambiguous %v",
					tt.in, d.Time.Format(time.DateOnly), d.Precision, d.Ambiguous, tt.want.Format(time.DateOnly), tt.prec, tt.ambiguous)
			}
		})
	}
}

func TestParseAmbiguousOther(t *testing.T) {
	t.Parallel()
	d, err := Parse("07/11/2025", MDY)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Numeric || !d.Other.Equal(ymd(2025, 11, 7)) {
		t.Errorf("Other = %v, Numeric = %v; want 2025-11-07, true", d.Other, d.Numeric)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       string
		template bool
		empty    bool
	}{
		{"", false, true},
		{`""`, false, true},
		{"{{ .Date }}", true, false},
		{"{{ page.date }}", true, false},
		{"{% date %}", true, false},
		{"${REVIEW_DATE}", true, false},
		{"YYYY-MM-DD", true, false},
		{"DD/MM/YYYY", true, false},
		{"TBD", true, false},
		{"tbc", true, false},
		{"N/A", true, false},
		{"2025-13-01", false, false},
		{"2025-02-30", false, false},
		{"31/31/2025", false, false},
		{"Julember 11, 2025", false, false},
		{"2025", false, false},
		{"yesterday", false, false},
		{"11-02-16 certified", false, false},
		{"07/11/25", false, false},
		{"true", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(tt.in, MDY)
			if err == nil {
				t.Fatalf("Parse(%q): no error", tt.in)
			}
			if got := errors.Is(err, ErrTemplate); got != tt.template {
				t.Errorf("Parse(%q): errors.Is(ErrTemplate) = %v, want %v (%v)", tt.in, got, tt.template, err)
			}
			if got := errors.Is(err, ErrEmpty); got != tt.empty {
				t.Errorf("Parse(%q): errors.Is(ErrEmpty) = %v, want %v (%v)", tt.in, got, tt.empty, err)
			}
		})
	}
}

func TestParseErrorMessages(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"07/11/25":   "two-digit year",
		"2025":       "a year alone",
		"2025-02-30": "no such day",
		"31/31/2025": "valid month/day",
		"soon":       "unrecognised format",
	} {
		if _, err := Parse(in, MDY); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) error %v, want it to mention %q", in, err, want)
		}
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"by Dr. Jane Frank, MD on July 11, 2025", "July 11, 2025"},
		{"Jane Frank, RDN | Jul. 11, 2025", "Jul. 11, 2025"},
		{"by Dr. Frank, Friday, 11 July 2025.", "Friday, 11 July 2025"},
		{": 2026-08-20 by Sam", "2026-08-20"},
		{"on 07/11/2025", "07/11/2025"},
		{"in Sept. 2025", "Sept. 2025"},
		{"on {{ .Date }}", "{{ .Date }}"},
		{"on YYYY-MM-DD", "YYYY-MM-DD"},
		{"date TBD", "TBD"},
		{"2025-07-11T08:00:00Z by X", "2025-07-11T08:00:00Z"},
		{"July 11th, 2025", "July 11th, 2025"},
	}
	for _, tt := range tests {
		s, e, ok := Find(tt.in)
		if !ok || tt.in[s:e] != tt.want {
			t.Errorf("Find(%q) = %q, %v; want %q", tt.in, tt.in[s:min(max(e, s), len(tt.in))], ok, tt.want)
		}
	}
	for _, in := range []string{"by Dr. Jane Frank, MD", "Sam Smith, RN", "mayonnaise 2025"} {
		if s, e, ok := Find(in); ok {
			t.Errorf("Find(%q) = %q, want no date", in, in[s:e])
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2025-07-11", "July 11th, 2025", "07/11/2025", "{{ .Date }}", "Sept. 2025",
		"Fri, 11 Jul 2025", "2025-07-11T00:00:00Z", "11 of July, 2025", "TBD", "2018-10-6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range []Order{MDY, DMY} {
			d, err := Parse(s, o)
			if err == nil && (d.Time.Year() < 1000 || d.Time.Year() > 9999) {
				t.Errorf("Parse(%q) = %v: year out of range", s, d.Time)
			}
			if err == nil && d.Ambiguous && d.Other.Equal(d.Time) {
				t.Errorf("Parse(%q): ambiguous with identical readings", s)
			}
		}
		start, end, ok := Find(s)
		if ok && (start < 0 || start > end || end > len(s)) {
			t.Errorf("Find(%q) = %d, %d out of range", s, start, end)
		}
	})
}
