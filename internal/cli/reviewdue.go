package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	pagefacts "github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/dates"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/review"
	"github.com/medlint/medlint/rules"
)

type reviewDueFlags struct {
	configFlags
	now         string
	within      string
	format      string
	failOverdue bool
}

func (e *env) reviewDueCommand() *cobra.Command {
	var f reviewDueFlags
	cmd := &cobra.Command{
		Use:   "review-due [PATH...]",
		Short: "Print the editorial calendar: every page's reviewer, last medical review and next review due",
		Long: "review-due lists every page the review-date rule checks (advice and product pages, partials and\n" +
			"review: none opt-outs aside) with its reviewer, last review and the date its next review is due: the\n" +
			"page's own next review date, else the last review plus warn-after months, never later than error-after.\n" +
			"Pages with no readable review date come first (never reviewed: due now), then by due date, the most\n" +
			"overdue first, then pages whose review byline a template renders (unknown). --within keeps the pages\n" +
			"due within that window (and those never reviewed or overdue). Exit status: 0, or 1 with --fail-overdue\n" +
			"when a page listed is overdue or never reviewed, 2 for a usage, configuration or file error.",
		Example: "  medlint review-due articles/\n" +
			"  medlint review-due --within 60d --format csv . > reviews.csv\n" +
			"  medlint review-due --now 2026-11-25 --within 8w --fail-overdue --format json",
		RunE: func(_ *cobra.Command, args []string) error { return e.reviewDue(f, args) },
	}
	cf := cmd.Flags()
	f.register(cmd)
	cf.StringVar(&f.now, "now", "", "treat `YYYY-MM-DD` as today (default: the real date)")
	cf.StringVar(&f.within, "within", "", "list only pages due within `WINDOW` (such as 30d, 60d, 8w), and those overdue or never reviewed")
	cf.StringVar(&f.format, "format", "text", "`FORMAT`: text, json or csv")
	cf.BoolVar(&f.failOverdue, "fail-overdue", false, "exit 1 when a page listed is overdue or never reviewed")
	return cmd
}

func (e *env) reviewDue(f reviewDueFlags, args []string) error {
	if f.format != "text" && f.format != "json" && f.format != "csv" {
		return usageError("--format %q: want text, json or csv", f.format)
	}
	now, err := parseNow(f.now)
	if err != nil {
		return usageError("%v", err)
	}
	within := -1
	if f.within != "" {
		if within, err = review.ParseWindow(f.within); err != nil {
			return usageError("--within: %v", err)
		}
	}
	cfg, err := e.loadConfig(f.path, f.noConfig)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	pages, errs := collectReviews(engine.Options{Paths: args, Stdin: e.stdin, Config: cfg, Now: now, WorkDir: e.workDir})
	entries := review.Calendar(pages, now)
	if within >= 0 {
		entries = review.Within(entries, within)
	}
	if err := writeCalendar(e.stdout, f.format, now, within, entries); err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("writing the calendar: %w", err)}
	}
	e.printErrors(&result.Report{Errors: errs})
	if len(errs) > 0 {
		return &exitError{code: ExitError}
	}
	if f.failOverdue {
		for _, en := range entries {
			if en.Status == review.StatusOverdue || en.Status == review.StatusNever {
				return &exitError{code: ExitFindings}
			}
		}
	}
	return nil
}

// collectReviews reads the review of every page opts names that the
// review-date rule checks, with the rule's options for that page, in
// parallel; the pages come back sorted by path, with the errors of the
// files that could not be read or parsed.
func collectReviews(opts engine.Options) ([]review.Page, []result.FileError) {
	opts.Cache, opts.Progress, opts.Ignored, opts.Governor, opts.KeepLines = nil, nil, nil, nil, false
	p := engine.NewPlan(opts)
	base := p.Report()
	errs := base.Errors
	found := make([]*review.Page, p.Len())
	var mu sync.Mutex
	var wg sync.WaitGroup
	work := make(chan int)
	for range p.Workers() {
		wg.Go(func() {
			for i := range work {
				page, fe := readReview(p, i, opts.Now)
				if fe != nil {
					mu.Lock()
					errs = append(errs, *fe)
					mu.Unlock()
				}
				found[i] = page
			}
		})
	}
	for i := range p.Len() {
		work <- i
	}
	close(work)
	wg.Wait()
	var pages []review.Page
	for _, pg := range found {
		if pg != nil {
			pages = append(pages, *pg)
		}
	}
	rep := &result.Report{Errors: errs}
	rep.Sort()
	return pages, rep.Errors
}

// readReview reads file i of p and returns its review, or nil when the
// review-date rule does not check it.
func readReview(p *engine.Plan, i int, now time.Time) (*review.Page, *result.FileError) {
	f, err := p.Read(i)
	if err != nil {
		return nil, &result.FileError{Path: f.Display, Message: err.Error()}
	}
	a := reviewDateActive(f.Active)
	if a == nil {
		return nil, nil
	}
	doc, err := document.ParseLimited(f.Display, f.Source, f.Limits)
	if err != nil {
		fe := engine.ParseError(f.Display, err)
		return nil, &fe
	}
	facts := pagefacts.Compute(doc, f.Article)
	if !facts.Applies(a.AppliesTo()) {
		return nil, nil
	}
	o, ok := reviewOptions(a)
	if !ok {
		return nil, nil
	}
	page, on := review.Read(doc, facts, o, now)
	if !on {
		return nil, nil
	}
	return &page, nil
}

// reviewDateActive returns the review-date rule among active, or nil.
func reviewDateActive(active []config.Active) *config.Active {
	for i := range active {
		if active[i].Rule.Meta().ID == "review-date" {
			return &active[i]
		}
	}
	return nil
}

// reviewOptions turns the review-date rule's configured options into the
// calendar's.
func reviewOptions(a *config.Active) (review.Options, bool) {
	ro, ok := a.Options.(*rules.ReviewDateOptions)
	if !ok || ro == nil {
		return review.Options{}, false
	}
	order, err := dates.ParseOrder(ro.DateOrder)
	if err != nil {
		return review.Options{}, false
	}
	return review.Options{
		BylineLines: ro.BylineLines, Order: order, ExplicitOrder: a.Explicit["date-order"], AcceptUpdated: ro.AcceptUpdated,
		WarnAfter: ro.WarnAfter, ErrorAfter: ro.ErrorAfter, SkipPartials: ro.SkipPartials,
	}, true
}

// attachReviews gives the report the review calendar's pages when the
// formatter draws them (the HTML dashboard).
func attachReviews(formatter report.Formatter, opts engine.Options, rep *result.Report) {
	if rc, ok := formatter.(report.ReviewConsumer); ok && rc.NeedsReviews() {
		rep.Reviews, _ = collectReviews(opts) // the run reported the files' errors
	}
}

// calendarJSON is the JSON form of the calendar (schemaVersion 1).
type calendarJSON struct {
	SchemaVersion int            `json:"schemaVersion"`
	Now           string         `json:"now"`
	WithinDays    *int           `json:"withinDays"`
	Pages         []review.Entry `json:"pages"`
}

func writeCalendar(w io.Writer, format string, now time.Time, within int, entries []review.Entry) error {
	switch format {
	case "json":
		out := calendarJSON{SchemaVersion: 1, Now: now.Format(time.DateOnly), Pages: entries}
		if out.Pages == nil {
			out.Pages = []review.Entry{}
		}
		if within >= 0 {
			out.WithinDays = &within
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "csv":
		return writeCalendarCSV(w, entries)
	}
	return writeCalendarText(w, entries, within)
}

var calendarColumns = []string{"status", "due", "days_left", "due_from", "last_reviewed", "reviewer", "kind", "path", "note"}

func writeCalendarCSV(w io.Writer, entries []review.Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(calendarColumns); err != nil {
		return err
	}
	for _, en := range entries {
		days := ""
		if en.Due != "" {
			days = strconv.Itoa(en.DaysLeft)
		}
		row := []string{en.Status, en.Due, days, en.DueFrom, en.LastReviewed, en.Reviewer, en.Kind, en.Path, en.Note}
		for i := range row {
			row[i] = csvCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell keeps a spreadsheet from running article text as a formula: a
// cell that starts with = + - @ or a tab gets a leading apostrophe (OWASP's
// advice on CSV injection). Negative day counts are numbers, kept as is.
func csvCell(s string) string {
	if s == "" || strings.IndexByte("=+-@\t\r", s[0]) < 0 {
		return s
	}
	if _, err := strconv.Atoi(s); err == nil {
		return s
	}
	return "'" + s
}

const maxReviewerWidth = 32

func writeCalendarText(w io.Writer, entries []review.Entry, within int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE\tWHEN\tFROM\tLAST REVIEW\tREVIEWER\tPATH")
	counts := map[string]int{}
	for _, en := range entries {
		counts[en.Status]++
		last := dash(en.LastReviewed)
		if en.Updated {
			last += " (update)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", dash(en.Due), when(en), dash(en.DueFrom), last,
			dash(clip(cell(en.Reviewer), maxReviewerWidth)), cell(en.Path))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	scope := ""
	if within >= 0 {
		scope = fmt.Sprintf(" due within %d days, overdue or never reviewed", within)
	}
	_, err := fmt.Fprintf(w, "\n%s%s: %d never reviewed, %d overdue, %d scheduled, %d unknown\n",
		pluralWord(len(entries), "page"), scope, counts[review.StatusNever], counts[review.StatusOverdue],
		counts[review.StatusScheduled], counts[review.StatusUnknown])
	return err
}

func when(en review.Entry) string {
	switch en.Status {
	case review.StatusNever:
		if en.Note != "" {
			return "never reviewed (unreadable date)"
		}
		return "never reviewed"
	case review.StatusUnknown:
		return "unknown (template byline)"
	case review.StatusOverdue:
		return "overdue " + pluralWord(-en.DaysLeft, "day")
	}
	if en.DaysLeft == 0 {
		return "due today"
	}
	return "in " + pluralWord(en.DaysLeft, "day")
}

// cell escapes a value for one cell of the text table: control
// characters, and tabs, which would shift the columns.
func cell(s string) string {
	return strings.ReplaceAll(report.EscapeControl(s), "\t", " ")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func pluralWord(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
