package report

import (
	_ "embed" // the HTML report's template, style and script
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/review"
	"github.com/medlint/medlint/internal/version"
)

func init() { register("html", func(o Options) Formatter { return &HTML{opts: o} }) }

// HTML writes one self-contained HTML page for editors: a dashboard (the
// medical-review calendar of the advice pages, findings by rule and by
// folder), then every file with findings, each finding with its source
// lines and the flagged text highlighted, compliance findings before
// style, filterable by text, rule, check, severity and category in the
// browser. The findings travel once, as compact JSON data the page's
// script renders a screenful of files at a time, so that a library's
// 30,000 findings load in about a second. It loads nothing from anywhere:
// style and script are inline, and a content security policy forbids
// every other source. Article text reaches the page through
// html/template's escaping or the DOM's textContent, never as markup.
type HTML struct{ opts Options }

// NeedsLines implements LineConsumer: the report shows the flagged lines.
func (*HTML) NeedsLines() bool { return true }

// ReviewConsumer is implemented by formatters that draw the review
// calendar (result.Report.Reviews); the CLI then reads the pages' reviews.
type ReviewConsumer interface {
	NeedsReviews() bool
}

// NeedsReviews implements ReviewConsumer: the dashboard draws the calendar.
func (*HTML) NeedsReviews() bool { return true }

var (
	//go:embed html/report.gohtml
	htmlTemplateText string
	//go:embed html/report.css
	htmlCSS string
	//go:embed html/report.js
	htmlJS string

	// htmlTemplate is parsed on first use: not at the start of every
	// medlint run, most of which write no HTML.
	htmlTemplate = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("report").Funcs(template.FuncMap{
			"plural": plural,
		}).Parse(htmlTemplateText))
	})
)

// maxWorstFiles bounds the summary's list of worst files.
const maxWorstFiles = 10

type htmlPage struct {
	Tool, Version, Now string
	Style              template.CSS
	Script             template.JS
	// Data is the findings as JSON (see htmlData), safe inside a script
	// element: json.Marshal escapes <, > and &.
	Data              template.JS
	Summary           result.Summary
	FilesWithFindings int
	Rules             []htmlRuleRow
	Worst             []*htmlFile
	Clean             []string
	Errors            []result.FileError
	Dashboard         htmlDashboard
}

type htmlCounts struct {
	Error, Warning, Info, Total int
}

func (c *htmlCounts) add(s lint.Severity) {
	c.Total++
	switch s {
	case lint.SeverityError:
		c.Error++
	case lint.SeverityWarning:
		c.Warning++
	default:
		c.Info++
	}
}

type htmlRuleRow struct {
	ID, Summary, Category string
	htmlCounts
}

type htmlFile struct {
	Path  string
	Index int
	htmlCounts
}

// Format implements Formatter.
func (h *HTML) Format(w io.Writer, rep *result.Report) error {
	page := htmlPage{
		Tool: version.Name, Version: version.Version, Now: rep.Now,
		Style: template.CSS(htmlCSS), Script: template.JS(htmlJS), // constant, embedded assets
		Summary: rep.Summary(), Errors: rep.Errors,
	}
	rf := newRuleFacts(h.opts)
	ruleRows := map[string]*htmlRuleRow{}
	files := map[string]*htmlFile{}
	var order []*htmlFile
	for i := range rep.Findings {
		f := &rep.Findings[i]
		row := ruleRows[f.Rule]
		if row == nil {
			row = &htmlRuleRow{ID: f.Rule, Category: rf.category(f.Rule)}
			if r, ok := h.opts.lookup(f.Rule); ok {
				row.Summary = r.Meta().Summary
			}
			ruleRows[f.Rule] = row
		}
		row.add(f.Severity)
		file := files[f.Path]
		if file == nil {
			file = &htmlFile{Path: f.Path, Index: len(order)}
			files[f.Path] = file
			order = append(order, file)
		}
		file.add(f.Severity)
	}
	for _, row := range ruleRows {
		page.Rules = append(page.Rules, *row)
	}
	sort.Slice(page.Rules, func(i, j int) bool {
		a, b := page.Rules[i], page.Rules[j]
		if a.Category != b.Category {
			return a.Category == categoryCompliance
		}
		return a.ID < b.ID
	})
	page.FilesWithFindings = len(order)
	page.Worst = worstFiles(order)
	failed := map[string]bool{}
	for _, fe := range rep.Errors {
		failed[fe.Path] = true
	}
	for _, p := range rep.Paths {
		if files[p] == nil && !failed[p] {
			page.Clean = append(page.Clean, p)
		}
	}
	data, err := json.Marshal(buildHTMLData(rep, order, page.Rules, rf))
	if err != nil {
		return fmt.Errorf("encoding the HTML report's findings: %w", err)
	}
	page.Data = template.JS(data) // JSON with <, >, & escaped: inert in a script element
	page.Dashboard = buildDashboard(rep, page.Rules)
	if err := htmlTemplate().Execute(w, page); err != nil {
		return fmt.Errorf("rendering the HTML report: %w", err)
	}
	return nil
}

// worstFiles returns the files with the most errors, then warnings, then
// findings.
func worstFiles(order []*htmlFile) []*htmlFile {
	worst := append([]*htmlFile(nil), order...)
	sort.SliceStable(worst, func(i, j int) bool {
		a, b := worst[i], worst[j]
		if a.Error != b.Error {
			return a.Error > b.Error
		}
		if a.Warning != b.Warning {
			return a.Warning > b.Warning
		}
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.Path < b.Path
	})
	return worst[:min(len(worst), maxWorstFiles)]
}

// Categories of rules (lint.Meta.Category): compliance findings (what
// regulators, raters and medical editors act on) come before style ones
// on the page.
const (
	categoryCompliance = lint.CategoryCompliance
	categoryStyle      = lint.CategoryStyle
)

// ruleFacts is what the page needs of the rules' metadata: each rule's
// category and its whole-file checks.
type ruleFacts struct {
	opts  Options
	cats  map[string]string
	whole map[string]bool
}

func newRuleFacts(o Options) *ruleFacts {
	return &ruleFacts{opts: o, cats: map[string]string{}, whole: map[string]bool{}}
}

// category returns the rule's category; a rule not among the options'
// rules (or one without a category) is style.
func (rf *ruleFacts) category(rule string) string {
	if c, ok := rf.cats[rule]; ok {
		return c
	}
	c := categoryStyle
	if r, ok := rf.opts.lookup(rule); ok {
		m := r.Meta()
		if m.IsCompliance() {
			c = categoryCompliance
		}
		for _, ch := range m.Checks {
			if ch.WholeFile {
				rf.whole[rule+"/"+ch.Name] = true
			}
		}
	}
	rf.cats[rule] = c
	return c
}

// wholeFile reports whether the finding is about the file as a whole: the
// page says "whole file" for it, not a source excerpt.
func (rf *ruleFacts) wholeFile(f *result.Finding) bool {
	rf.category(f.Rule)
	return rf.whole[f.Rule+"/"+f.Check]
}

// htmlData is the page's findings, compact: strings that repeat (paths,
// rules, checks, messages, source lines) are stored once in tables and
// referred to by index.
type htmlData struct {
	// Files are the paths with findings, in path order; Rules the rule ids
	// (compliance first, as in the by-rule table), Cats their categories
	// (1: compliance); Checks, Msgs and Lines the tables of check names,
	// messages and source lines.
	Files  []string `json:"files"`
	Rules  []string `json:"rules"`
	Cats   []int    `json:"cats"`
	Checks []string `json:"checks"`
	Msgs   []string `json:"msgs"`
	Lines  []string `json:"lines"`
	// F holds one array per finding, compliance first within each file:
	// [file, rule, check, severity (0 error, 1 warning, 2 info), line,
	// column, end line, end column, message, flags (1 fixable, 2 whole
	// file, 4 more lines than kept), line indexes...].
	F [][]int `json:"f"`
}

// interner numbers the distinct strings of one table.
type interner struct {
	index map[string]int
	list  []string
}

func (in *interner) id(s string) int {
	if i, ok := in.index[s]; ok {
		return i
	}
	if in.index == nil {
		in.index = map[string]int{}
	}
	in.index[s] = len(in.list)
	in.list = append(in.list, s)
	return len(in.list) - 1
}

func (in *interner) strings() []string {
	if in.list == nil {
		return []string{}
	}
	return in.list
}

func buildHTMLData(rep *result.Report, order []*htmlFile, rules []htmlRuleRow, rf *ruleFacts) htmlData {
	d := htmlData{Files: make([]string, len(order)), F: make([][]int, 0, len(rep.Findings))}
	for i, f := range order {
		d.Files[i] = f.Path
	}
	ruleIndex := map[string]int{}
	for i, r := range rules {
		ruleIndex[r.ID] = i
		d.Rules = append(d.Rules, r.ID)
		cat := 0
		if r.Category == categoryCompliance {
			cat = 1
		}
		d.Cats = append(d.Cats, cat)
	}
	fileIndex := map[string]int{}
	for i, f := range order {
		fileIndex[f.Path] = i
	}
	var checks, msgs, lines interner
	checks.id("")
	start := 0
	for start < len(rep.Findings) {
		end := start
		for end < len(rep.Findings) && rep.Findings[end].Path == rep.Findings[start].Path {
			end++
		}
		group := make([]*result.Finding, 0, end-start)
		for i := start; i < end; i++ {
			group = append(group, &rep.Findings[i])
		}
		// Compliance before style, each in line order (the report's order).
		sort.SliceStable(group, func(i, j int) bool {
			return rf.category(group[i].Rule) == categoryCompliance && rf.category(group[j].Rule) != categoryCompliance
		})
		for _, f := range group {
			d.F = append(d.F, findingRow(f, rf.wholeFile(f), fileIndex[f.Path], ruleIndex[f.Rule], &checks, &msgs, &lines))
		}
		start = end
	}
	d.Checks, d.Msgs, d.Lines = checks.strings(), msgs.strings(), lines.strings()
	return d
}

func findingRow(f *result.Finding, whole bool, file, rule int, checks, msgs, lines *interner) []int {
	flags := 0
	if f.Fixable {
		flags |= 1
	}
	if whole {
		flags |= 2
	}
	last := max(f.EndLine, f.Line)
	if last > f.Line && f.EndColumn == 1 {
		last--
	}
	if !whole && f.Line+len(f.Lines)-1 < last {
		flags |= 4
	}
	row := []int{file, rule, checks.id(f.Check), severityCode(f.Severity), f.Line, f.Column, f.EndLine, f.EndColumn, msgs.id(f.Message), flags}
	if !whole {
		for _, text := range f.Lines {
			row = append(row, lines.id(strings.TrimRight(text, "\r")))
		}
	}
	return row
}

func severityCode(s lint.Severity) int {
	switch s {
	case lint.SeverityError:
		return 0
	case lint.SeverityWarning:
		return 1
	}
	return 2
}

// htmlDashboard is the editors' dashboard: the review calendar and the
// findings by rule and by folder, drawn as inline SVG.
type htmlDashboard struct {
	// HasReviews is set when the run read the pages' reviews.
	HasReviews bool
	Pages      int
	Never      int
	Overdue    int
	Due30      int
	Due60      int
	Due90      int
	// Late counts the pages overdue or never reviewed; Upto30 and Upto60
	// those and the ones due within 30 and 60 days (the table's views).
	Late, Upto30, Upto60 int
	Age                  htmlChart
	Due                  []htmlDueRow
	// DueData is Due as JSON, for the page's script to sort and show.
	DueData template.JS
	// DueLeftOut counts the scheduled pages due after 90 days, not in Due.
	DueLeftOut int
	ByRule     htmlChart
	ByFolder   htmlChart
}

// htmlChart is a bar chart laid out for SVG.
type htmlChart struct {
	Bars   []htmlBar
	Height int
}

// htmlBar is one bar: its label, value and geometry (in the chart's
// viewBox units).
type htmlBar struct {
	Label, Title, Class string
	Value               int
	X, Y, W, H          int
	TextX, TextY        int
}

// htmlDueRow is one page of the review table, with short JSON names: the
// table of a large library holds thousands.
type htmlDueRow struct {
	Due      string `json:"d,omitempty"`
	DaysLeft int    `json:"n"`
	Last     string `json:"l,omitempty"`
	Updated  bool   `json:"u,omitempty"`
	Reviewer string `json:"r,omitempty"`
	Path     string `json:"p"`
	Note     string `json:"t,omitempty"`
	When     string `json:"w"`
	// Bucket is never, overdue, 30, 60 or 90 (days).
	Bucket string `json:"b"`
}

// Histogram buckets of review age, in months.
var ageBuckets = []struct {
	label     string
	uptoMonth int
}{
	{"0–6", 6}, {"6–12", 12}, {"12–18", 18}, {"18–24", 24}, {"24–36", 36}, {"36+", 1 << 30},
}

func buildDashboard(rep *result.Report, rules []htmlRuleRow) htmlDashboard {
	db := htmlDashboard{ByRule: ruleChart(rules), ByFolder: folderChart(rep.Findings)}
	if rep.Reviews == nil {
		return db
	}
	now, err := time.Parse(time.DateOnly, rep.Now)
	if err != nil {
		return db
	}
	db.HasReviews = true
	entries := review.Calendar(rep.Reviews, now)
	db.Pages = len(entries)
	ages := make([]int, len(ageBuckets)+1)
	for _, e := range entries {
		row := htmlDueRow{Due: e.Due, DaysLeft: e.DaysLeft, Last: e.LastReviewed, Updated: e.Updated, Reviewer: e.Reviewer,
			Path: e.Path, Note: e.Note, When: whenText(e)}
		switch {
		case e.Status == review.StatusNever:
			db.Never++
			row.Bucket = "never"
			ages[len(ageBuckets)]++
		case e.Status == review.StatusOverdue:
			db.Overdue++
			row.Bucket = "overdue"
		case e.Status == review.StatusScheduled && e.DaysLeft <= 30:
			db.Due30++
			row.Bucket = "30"
		case e.Status == review.StatusScheduled && e.DaysLeft <= 60:
			db.Due60++
			row.Bucket = "60"
		case e.Status == review.StatusScheduled && e.DaysLeft <= 90:
			db.Due90++
			row.Bucket = "90"
		case e.Status == review.StatusScheduled:
			db.DueLeftOut++
		}
		if e.LastReviewed != "" {
			ages[ageBucket(e, now)]++
		}
		if row.Bucket != "" {
			db.Due = append(db.Due, row)
		}
	}
	db.Age = ageChart(ages)
	db.Late = db.Never + db.Overdue
	db.Upto30 = db.Late + db.Due30
	db.Upto60 = db.Upto30 + db.Due60
	if data, err := json.Marshal(db.Due); err == nil {
		db.DueData = template.JS(data) // JSON with <, >, & escaped: inert in a script element
	}
	return db
}

// ageBucket returns the histogram bucket of e's review age.
func ageBucket(e review.Entry, now time.Time) int {
	last, err := time.Parse(time.DateOnly, e.LastReviewed)
	if err != nil {
		return len(ageBuckets)
	}
	months := (now.Year()-last.Year())*12 + int(now.Month()) - int(last.Month())
	if now.Day() < last.Day() {
		months--
	}
	for i, b := range ageBuckets {
		if months < b.uptoMonth {
			return i
		}
	}
	return len(ageBuckets) - 1
}

func whenText(e review.Entry) string {
	switch e.Status {
	case review.StatusNever:
		return "never reviewed"
	case review.StatusUnknown:
		return "unknown"
	case review.StatusOverdue:
		return fmt.Sprintf("overdue %s", plural(-e.DaysLeft, "day"))
	}
	if e.DaysLeft == 0 {
		return "due today"
	}
	return fmt.Sprintf("in %s", plural(e.DaysLeft, "day"))
}

// Chart geometry, in viewBox units.
const (
	chartWidth  = 640
	histHeight  = 190
	histBarArea = 140
	maxBars     = 15
)

// ageChart lays out the review-age histogram: one column per bucket, the
// last one for pages never reviewed.
func ageChart(counts []int) htmlChart {
	peak := 1
	for _, n := range counts {
		peak = max(peak, n)
	}
	n := len(counts)
	slot := chartWidth / n
	c := htmlChart{Height: histHeight}
	for i, v := range counts {
		label, class := "never", "bar-never"
		if i < len(ageBuckets) {
			label, class = ageBuckets[i].label, "bar-age"
			if ageBuckets[i].uptoMonth > 12 {
				class = "bar-stale"
			}
		}
		h := v * histBarArea / peak
		if v > 0 {
			h = max(h, 2)
		}
		x := i*slot + slot/8
		c.Bars = append(c.Bars, htmlBar{
			Label: label, Title: fmt.Sprintf("%s: %s", label, plural(v, "page")), Class: class, Value: v,
			X: x, Y: 20 + histBarArea - h, W: slot * 3 / 4, H: h, TextX: x + slot*3/8, TextY: 20 + histBarArea - h - 5,
		})
	}
	return c
}

// hbarChart lays out a horizontal bar chart: bar widths in thousandths
// of the largest value (the bars are SVG in a 1000-unit viewBox, their
// labels HTML, so that they wrap on a phone).
func hbarChart(labels []string, values []int, classes []string) htmlChart {
	peak := 1
	for _, v := range values {
		peak = max(peak, v)
	}
	var c htmlChart
	for i, v := range values {
		c.Bars = append(c.Bars, htmlBar{Label: labels[i], Title: fmt.Sprintf("%s: %s", labels[i], plural(v, "finding")),
			Class: classes[i], Value: v, W: max(v*1000/peak, 4)})
	}
	return c
}

func ruleChart(rules []htmlRuleRow) htmlChart {
	rows := append([]htmlRuleRow(nil), rules...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Total > rows[j].Total })
	rows = rows[:min(len(rows), maxBars)]
	// The largest first, compliance before style among equals.
	var labels, classes []string
	var values []int
	for _, r := range rows {
		labels = append(labels, r.ID)
		values = append(values, r.Total)
		classes = append(classes, "bar-"+r.Category)
	}
	return hbarChart(labels, values, classes)
}

// folderOf returns the folder a finding's path is counted under: its
// first two directories ("." for a file at the top).
func folderOf(path string) string {
	parts := strings.Split(path, "/")
	parts = parts[:len(parts)-1]
	if len(parts) == 0 {
		return "."
	}
	return strings.Join(parts[:min(len(parts), 2)], "/") + "/"
}

func folderChart(findings []result.Finding) htmlChart {
	counts := map[string]int{}
	for i := range findings {
		counts[folderOf(findings[i].Path)]++
	}
	folders := make([]string, 0, len(counts))
	for f := range counts {
		folders = append(folders, f)
	}
	sort.Slice(folders, func(i, j int) bool {
		if counts[folders[i]] != counts[folders[j]] {
			return counts[folders[i]] > counts[folders[j]]
		}
		return folders[i] < folders[j]
	})
	folders = folders[:min(len(folders), maxBars)]
	values := make([]int, len(folders))
	classes := make([]string, len(folders))
	for i, f := range folders {
		values[i], classes[i] = counts[f], "bar-folder"
	}
	return hbarChart(folders, values, classes)
}
