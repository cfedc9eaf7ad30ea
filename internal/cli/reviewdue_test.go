package cli

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/review"
	"github.com/medlint/medlint/internal/testsupport"
)

var updateReviewDue = flag.Bool("update-review-due", false, "rewrite internal/cli/testdata/review-due/want.* from the current output")

// reviewDueTree is a tree of pages with every kind of review data: front
// matter, bylines, an NHS footer, a next review date, an unfilled date, a
// review provider, an opt-out, a partial and a page of kind other.
const reviewDueTree = "testdata/review-due"

func TestReviewDueGolden(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs(reviewDueTree)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"want.txt", nil},
		{"want-within-60d.txt", []string{"--within", "60d"}},
		{"want.json", []string{"--format", "json"}},
		{"want-within-8w.json", []string{"--format", "json", "--within", "8w"}},
		{"want.csv", []string{"--format", "csv"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"review-due", "-c", filepath.Join(dir, "medlint.yml"), "--now", "2026-11-25"}, tc.args...)
			r := medlint(t, dir, "", append(args, filepath.Join(dir, "pages"))...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			path := filepath.Join(dir, tc.golden)
			if *updateReviewDue {
				if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -run TestReviewDueGolden -update-review-due)", err)
			}
			if r.stdout != string(want) {
				t.Errorf("output differs from %s:\n%s", tc.golden, r.stdout)
			}
		})
	}
}

// TestReviewDueContent checks what the goldens hold, so that a wrong
// golden cannot be blessed: the order, the computed and explicit due
// dates, what is left off the calendar, the CSV's guard against formulas.
func TestReviewDueContent(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs(reviewDueTree)
	if err != nil {
		t.Fatal(err)
	}
	r := medlint(t, dir, "", "review-due", "-c", filepath.Join(dir, "medlint.yml"), "--now", "2026-11-25", "--format", "json", filepath.Join(dir, "pages"))
	var got calendarJSON
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	var order []string
	byPath := map[string]review.Entry{}
	for _, e := range got.Pages {
		name := strings.TrimPrefix(e.Path, "pages/")
		order = append(order, name)
		byPath[name] = e
	}
	want := "conditions/cough.md conditions/rash.md products/best-humidifiers.md conditions/asthma.md conditions/gout.md " +
		"conditions/flu.md conditions/eczema.md conditions/acne.md conditions/hives.md"
	if s := strings.Join(order, " "); s != want {
		t.Fatalf("calendar order\n got %s\nwant %s", s, want)
	}
	for name, w := range map[string]struct{ status, due, from string }{
		"conditions/asthma.md":         {review.StatusOverdue, "2025-09-01", review.DueNextReview},
		"conditions/flu.md":            {review.StatusScheduled, "2026-12-12", review.DueNextReview},
		"conditions/eczema.md":         {review.StatusScheduled, "2027-01-31", review.DueWarnAfter},
		"products/best-humidifiers.md": {review.StatusOverdue, "2023-11-20", review.DueWarnAfter},
		"conditions/hives.md":          {review.StatusUnknown, "", ""},
		"conditions/cough.md":          {review.StatusNever, "", ""},
	} {
		e := byPath[name]
		if e.Status != w.status || e.Due != w.due || e.DueFrom != w.from {
			t.Errorf("%s: %s due %q from %q, want %s due %q from %q", name, e.Status, e.Due, e.DueFrom, w.status, w.due, w.from)
		}
	}
	if byPath["conditions/flu.md"].DaysLeft != 17 || byPath["conditions/asthma.md"].DaysLeft != -450 {
		t.Errorf("days left: flu %d, asthma %d", byPath["conditions/flu.md"].DaysLeft, byPath["conditions/asthma.md"].DaysLeft)
	}

	csvOut := medlint(t, dir, "", "review-due", "-c", filepath.Join(dir, "medlint.yml"), "--now", "2026-11-25", "--format", "csv", filepath.Join(dir, "pages"))
	rows, err := csv.NewReader(strings.NewReader(csvOut.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(got.Pages)+1 || strings.Join(rows[0], ",") != strings.Join(calendarColumns, ",") {
		t.Fatalf("CSV: %d rows, header %v", len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+@", rune(c[0])) {
				t.Errorf("CSV cell %q would run as a formula", c)
			}
		}
	}

	within := medlint(t, dir, "", "review-due", "-c", filepath.Join(dir, "medlint.yml"), "--now", "2026-11-25", "--within", "20d", filepath.Join(dir, "pages"))
	for _, gone := range []string{"eczema.md", "acne.md", "hives.md"} {
		if strings.Contains(within.stdout, gone) {
			t.Errorf("--within 20d lists %s", gone)
		}
	}
	if !strings.Contains(within.stdout, "flu.md") || !strings.Contains(within.stdout, "cough.md") {
		t.Errorf("--within 20d lacks flu.md (due in 17 days) or cough.md (never reviewed):\n%s", within.stdout)
	}
}

func TestReviewDueUsage(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs(reviewDueTree)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--within", "2m"}, 2, `--within: "2m": want a number of days or weeks`},
		{[]string{"--within", "-3d"}, 2, "--within"},
		{[]string{"--format", "xml"}, 2, `--format "xml": want text, json or csv`},
		{[]string{"--now", "25/11/2026"}, 2, "--now"},
		{[]string{"--fail-overdue"}, 1, ""},
		{[]string{"--fail-overdue", "pages/conditions/eczema.md"}, 0, ""},
		{[]string{"pages/missing.md"}, 2, "missing.md"},
	} {
		args := append([]string{"review-due", "-c", filepath.Join(dir, "medlint.yml"), "--now", "2026-11-25"}, tc.args...)
		if !strings.HasSuffix(tc.args[len(tc.args)-1], ".md") { // medlint makes a .md path absolute
			args = append(args, filepath.Join(dir, "pages"))
		}
		r := medlint(t, dir, "", args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.err) {
			t.Errorf("%v: exit %d stderr %q, want exit %d saying %q", tc.args, r.code, r.stderr, tc.code, tc.err)
		}
	}
}

// TestReviewDueRealTree runs the calendar over the shared health corpus
// (real NHS, VA and clinic pages) with accept-updated, as a site that
// counts its "last updated" dates would: every advice page that is not a
// partial is listed once, dated pages carry a due date a year on.
func TestReviewDueRealTree(t *testing.T) {
	t.Parallel()
	corpus := testsupport.Shared(t, "corpus", "health")
	dir := t.TempDir()
	writeFile(t, dir, "medlint.yml", "rules:\n  review-date:\n    accept-updated: true\n")
	r := medlint(t, dir, "", "review-due", "-c", filepath.Join(dir, "medlint.yml"), "--now", "2026-11-25", "--format", "json", corpus)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got calendarJSON
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	check := medlint(t, dir, "", "check", "-c", filepath.Join(dir, "medlint.yml"), "--now", "2026-11-25", "--only", "review-date", "--format", "json", corpus)
	var rep struct {
		Findings []struct{ Path, Check string }
	}
	if err := json.Unmarshal([]byte(check.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	missing := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Check == "missing" {
			missing[f.Path] = true
		}
	}
	seen := map[string]bool{}
	dated := 0
	for _, e := range got.Pages {
		if seen[e.Path] {
			t.Errorf("%s listed twice", e.Path)
		}
		seen[e.Path] = true
		if e.Status == review.StatusNever && !missing[e.Path] {
			t.Errorf("%s: never reviewed on the calendar, but review-date does not report it missing", e.Path)
		}
		if e.Status != review.StatusNever && missing[e.Path] {
			t.Errorf("%s: %s on the calendar, but review-date reports no review", e.Path, e.Status)
		}
		if e.Due != "" {
			dated++
		}
	}
	if len(got.Pages) < 90 || dated < 20 {
		t.Errorf("%d pages on the calendar, %d dated: the corpus has about 100 pages, 30 of them dated", len(got.Pages), dated)
	}
	t.Logf("%d pages on the calendar, %d dated", len(got.Pages), dated)
}
