package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/rules"
)

// TestReviewDateFormats puts each date format into a byline and into
// front matter; "today" is 2026-11-25, so a review on 2025-07-11 is 16
// months old.
func TestReviewDateFormats(t *testing.T) {
	t.Parallel()
	formats := []struct {
		date, age string
	}{
		{"2025-07-11", "16 months"},
		{"2025-07-11T00:00:00Z", "16 months"},
		{"2025-07-11T09:30:00+02:00", "16 months"},
		{"2025-07-11 09:30:00", "16 months"},
		{"2025/07/11", "16 months"},
		{"July 11, 2025", "16 months"},
		{"Jul. 11, 2025", "16 months"},
		{"Jul 11 2025", "16 months"},
		{"Sept. 11, 2025", "14 months"},
		{"11 July 2025", "16 months"},
		{"11th July 2025", "16 months"},
		{"July 11th, 2025", "16 months"},
		{"Friday, July 11, 2025", "16 months"},
		{"Fri 11 July 2025", "16 months"},
		{"July 2025", "15 months"}, // read as 2025-07-31
		{"25/07/2025", "16 months"},
	}
	for _, f := range formats {
		t.Run(f.date, func(t *testing.T) {
			t.Parallel()
			for _, src := range []string{
				"# T\n\nMedically reviewed by Dr. Lee on " + f.date + "\n",
				"---\ntitle: T\nlast_reviewed: " + f.date + "\nreviewed_by: Dr. Lee\n---\n",
				"---\ntitle: T\nlast_reviewed: \"" + f.date + "\"\nreviewed_by: Dr. Lee\n---\n",
			} {
				fs := lintCompliance(t, "review-date", src, nil)
				if len(fs) != 1 || fs[0].Check != "stale" || !strings.Contains(fs[0].Message, f.age+" old") ||
					!strings.Contains(fs[0].Message, "limit is 12 months") || fs[0].Severity != lint.SeverityWarning {
					t.Errorf("%q: got %+v, want one stale warning saying %s old", src, fs, f.age)
				}
			}
		})
	}
}

func TestReviewDateBylines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"medically reviewed by on", "# T\n\nMedically reviewed by Dr. Jane Frank, MD on October 11, 2026\n", ""},
		{"reviewed by pipe", "# T\n\nReviewed by: Jane Frank, RDN | October 11, 2026\n", ""},
		{"reviewed colon", "# T\n\nReviewed: 2026-10-11\n", "no-reviewer@3"},
		{"last reviewed on numeric", "# T\n\nLast reviewed on 10/11/2026 by Dr. Lee\n", "ambiguous@3"},
		{"page last reviewed", "# T\n\nPage last reviewed: 11 October 2026 by Dr. Lee\n", ""},
		{"next review due alone", "# T\n\nNext review due: 11 July 2028\n", "missing@1"},
		{"reviewed on by", "# T\n\nReviewed on 2026-08-20 by Dr. Lee\n", ""},
		{"last reviewed by", "# T\n\nLast reviewed: 2026-05-02 by Dr. Lee\n", ""},
		{"in a heading", "# T\n\n###### Medically reviewed by Dr. Lee on 2026-05-02\n", ""},
		{"in a table cell", "# T\n\n| Reviewer | Date |\n|---|---|\n| Reviewed by Dr. Lee | |\n\nReviewed: 2026-05-02\n", ""},
		{"emoji prefix", "# T\n\n✅ Medically reviewed by Dr. Lee on 2026-05-02\n", ""},
		{"reviewed studies is prose", "# T\n\nReviewed studies show mixed results.\n", "missing@1"},
		{"reviewer then updated", "# T\n\nMedically reviewed by Dr. Lee — Written by Sam — Updated on October 2, 2026\n", "no-date@3"},
		{"template", "# T\n\nReviewed by Dr. Lee on {{ .Date }}\n", "unparseable@3"},
		{"junk date", "# T\n\nReviewed by Dr. Lee on yesterday\n", "unparseable@3"},
		{"stale and overdue", "# T\n\nMedically reviewed by Dr. Lee on 2023-01-01\n\nNext review due: 2024-01-01\n", "overdue@5"},
		{"next review ahead suppresses stale", "# T\n\nMedically reviewed by Dr. Lee on 2025-01-01\n\nNext review due: 2027-01-01\n", ""},
		{"next review ahead keeps the ceiling", "# T\n\nMedically reviewed by Dr. Lee on 2022-01-01\n\nNext review due: 2027-01-01\n", "very-stale@3"},
		{"future", "# T\n\nMedically reviewed by Dr. Lee on 2027-01-01\n", "future@3"},
		{"this month", "# T\n\nMedically reviewed by Dr. Lee in November 2026\n", ""},
		{"next month", "# T\n\nMedically reviewed by Dr. Lee in December 2026\n", "future@3"},
		{"today", "# T\n\nMedically reviewed by Dr. Lee on 2026-11-25\n", ""},
		{"exactly 12 months", "# T\n\nMedically reviewed by Dr. Lee on 2025-11-25\n", ""},
		{"12 months and a day", "# T\n\nMedically reviewed by Dr. Lee on 2025-11-24\n", "stale@3"},
		{"exactly 36 months", "# T\n\nMedically reviewed by Dr. Lee on 2023-11-25\n", "stale@3"},
		{"36 months and a day", "# T\n\nMedically reviewed by Dr. Lee on 2023-11-24\n", "very-stale@3"},
		{"comma before on", "# T\n\nReviewed by Jane Frank, MD, on 2025-07-11\n", "stale@3"},
		{"medical review label", "# T\n\nMedical review: Dr. Jane Frank, 2026-10-01\n", ""},
		{"author byline then review", "# T\n\nBy Sam Smith | Medically reviewed on 2026-10-01\n", "no-reviewer@3"},
		{"date then by", "# T\n\nReviewed July 11, 2026 by Dr. Lee\n", ""},
		{"parenthesised", "# T\n\n(Reviewed 2026-10-01 by Dr. Lee)\n", ""},
		{"updated only", "# T\n\nUpdated on 2026-10-01\n", "missing@1"},
		{"partial skipped", "## Part\n\nText.\n", ""},
		{"front matter reviewer, byline date", "---\ntitle: T\nreviewer: Dr. Lee\n---\n\nReviewed: 2026-10-01\n", ""},
		{"front matter empty date", "---\ntitle: T\nlast_reviewed:\nreviewed_by: Dr. Lee\n---\n", "unparseable@3"},
		{"toml front matter", "+++\ntitle = \"T\"\nlast_reviewed = 2026-10-01\nreviewed_by = \"Dr. Lee\"\n+++\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := findingChecks(lintCompliance(t, "review-date", tt.src, nil)); got != tt.want {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReviewDateOrderExplicit: the ambiguity warning disappears when the
// configuration sets date-order, even to the default.
func TestReviewDateOrderExplicit(t *testing.T) {
	t.Parallel()
	const src = "# T\n\nLast reviewed on 10/11/2026 by Dr. Lee\n"
	mdy := &rules.ReviewDateOptions{WarnAfter: 12, ErrorAfter: 36, DateOrder: "mdy", RequireReviewer: true, BylineLines: 15}
	if got := findingChecks(lintCompliance(t, "review-date", src, mdy)); got != "ambiguous@3" {
		t.Errorf("unset date-order: %q, want ambiguous@3", got)
	}
	if got := findingChecks(lintCompliance(t, "review-date", src, mdy, "date-order")); got != "" {
		t.Errorf("explicit mdy: %q, want none", got)
	}
	dmy := *mdy
	dmy.DateOrder = "dmy" // 10 November 2026
	if got := findingChecks(lintCompliance(t, "review-date", src, &dmy, "date-order")); got != "" {
		t.Errorf("explicit dmy: %q, want none", got)
	}
	dmy.WarnAfter = 1
	fs := lintCompliance(t, "review-date", "# T\n\nLast reviewed on 05/09/2026 by Dr. Lee\n", &dmy, "date-order")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "reviewed 2026-09-05") {
		t.Errorf("dmy reading: got %+v, want reviewed 2026-09-05", fs)
	}
}

func TestReviewDateRequireReviewer(t *testing.T) {
	t.Parallel()
	opts := &rules.ReviewDateOptions{WarnAfter: 12, ErrorAfter: 36, DateOrder: "mdy", BylineLines: 15}
	tests := []struct{ src, want string }{
		{"# T\n\nPage last reviewed: 2026-10-01\n", ""},
		{"# T\r\n\r\nPage last reviewed: 11 July 2025\r\nNext review due: 11 July 2028\r\n", ""},
		{"# T\r\n\r\nPage last reviewed: 11 July 2022\r\nNext review due: 11 July 2025\r\n", "overdue@4"},
		{"# T\n\nPage last reviewed: 11 July 2025\n", "stale@3"},
	}
	for _, tt := range tests {
		if got := findingChecks(lintCompliance(t, "review-date", tt.src, opts)); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestReviewDateValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		opts rules.ReviewDateOptions
		ok   bool
	}{
		{rules.ReviewDateOptions{WarnAfter: 12, ErrorAfter: 36, BylineLines: 15}, true},
		{rules.ReviewDateOptions{WarnAfter: 40, ErrorAfter: 36, BylineLines: 15}, false},
		{rules.ReviewDateOptions{WarnAfter: 0, ErrorAfter: 36, BylineLines: 15}, false},
		{rules.ReviewDateOptions{WarnAfter: 12, ErrorAfter: 36, BylineLines: 0}, false},
	}
	for _, tt := range tests {
		if err := tt.opts.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: Validate() = %v, want ok %v", tt.opts, err, tt.ok)
		}
	}
}

// TestSeedArticle checks the acceptance criterion on the seed
// article: one review-date warning at line 5 (16 months old) and no
// medical-disclaimer finding.
func TestSeedArticle(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		t.Fatal(err)
	}
	if fs := lintCompliance(t, "medical-disclaimer", string(src), nil); len(fs) != 0 {
		t.Errorf("medical-disclaimer: %+v, want none", fs)
	}
	fs := lintCompliance(t, "review-date", string(src), nil)
	if len(fs) != 1 || fs[0].Line != 5 || fs[0].Check != "stale" || fs[0].Severity != lint.SeverityWarning ||
		!strings.Contains(fs[0].Message, "16 months old") || !strings.Contains(fs[0].Message, "12 months") {
		t.Errorf("review-date: %+v, want one stale warning at line 5 saying 16 months old", fs)
	}
}

func FuzzReviewDate(f *testing.F) {
	seedRuleCorpus(f, "review-date")
	f.Add([]byte("# T\r\n\r\nReviewed by: X | 07/11/2025\r\nNext review due: TBD\r\n"))
	f.Add([]byte("---\ntitle: T\nmedically_reviewed:\n  by: [a, b]\n  on: {x: 1}\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRuleDiagnostics(t, "review-date", src, ruletest.Now)
	})
}

func TestReviewDateOptOut(t *testing.T) {
	t.Parallel()
	if got := findingChecks(lintCompliance(t, "review-date", "---\ntitle: Flu clinic opening times\nreview: none\nreview_reason: no health content\n---\n", nil)); got != "" {
		t.Errorf("opt-out with reason: %q, want none", got)
	}
	if got := findingChecks(lintCompliance(t, "review-date", "---\ntitle: Flu clinic opening times\nreview: none\n---\n", nil)); got != "opt-out@3" {
		t.Errorf("opt-out without reason: %q, want opt-out@3", got)
	}
}
