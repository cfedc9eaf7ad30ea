package report

import (
	_ "embed" // the HTML report's template, style and script
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/version"
)

func init() { register("html", func(o Options) Formatter { return &HTML{opts: o} }) }

// HTML writes one self-contained HTML page for editors: a summary (files,
// findings by rule and severity, the worst files), then every file with
// findings, each finding with its source lines and the flagged text
// highlighted, filterable by rule and severity in the browser. It loads
// nothing from anywhere: style and script are inline, and a content
// security policy forbids every other source. All article text goes
// through html/template's contextual escaping.
type HTML struct{ opts Options }

// NeedsLines implements LineConsumer: the report shows the flagged lines.
func (*HTML) NeedsLines() bool { return true }

var (
	//go:embed html/report.gohtml
	htmlTemplateText string
	//go:embed html/report.css
	htmlCSS string
	//go:embed html/report.js
	htmlJS string

	htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
		"plural": plural,
	}).Parse(htmlTemplateText))
)

// maxWorstFiles bounds the summary's list of worst files.
const maxWorstFiles = 10

type htmlPage struct {
	Tool, Version, Now string
	Style              template.CSS
	Script             template.JS
	Summary            result.Summary
	FilesWithFindings  int
	Rules              []htmlRuleRow
	Worst              []*htmlFile
	Files              []*htmlFile
	Clean              []string
	Errors             []result.FileError
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
	ID, Summary string
	htmlCounts
}

type htmlFile struct {
	Path, Anchor string
	htmlCounts
	Findings []htmlFinding
}

type htmlFinding struct {
	Rule, Check, Severity, Message string
	Line, Column                   int
	Fixable                        bool
	Source                         []htmlLine
	// More is set when the finding spans more lines than were kept.
	More bool
}

// htmlLine is one source line split around its highlighted part.
type htmlLine struct {
	N                   int
	Before, Mark, After string
}

// Format implements Formatter.
func (h *HTML) Format(w io.Writer, rep *result.Report) error {
	page := htmlPage{
		Tool: version.Name, Version: version.Version, Now: rep.Now,
		Style: template.CSS(htmlCSS), Script: template.JS(htmlJS), // constant, embedded assets
		Summary: rep.Summary(), Errors: rep.Errors,
	}
	ruleRows := map[string]*htmlRuleRow{}
	files := map[string]*htmlFile{}
	var order []*htmlFile
	for i := range rep.Findings {
		f := &rep.Findings[i]
		row := ruleRows[f.Rule]
		if row == nil {
			row = &htmlRuleRow{ID: f.Rule}
			if r, ok := h.opts.lookup(f.Rule); ok {
				row.Summary = r.Meta().Summary
			}
			ruleRows[f.Rule] = row
		}
		row.add(f.Severity)
		file := files[f.Path]
		if file == nil {
			file = &htmlFile{Path: f.Path, Anchor: fmt.Sprintf("file-%d", len(order)+1)}
			files[f.Path] = file
			order = append(order, file)
		}
		file.add(f.Severity)
		file.Findings = append(file.Findings, htmlFindingOf(f))
	}
	for _, row := range ruleRows {
		page.Rules = append(page.Rules, *row)
	}
	sort.Slice(page.Rules, func(i, j int) bool { return page.Rules[i].ID < page.Rules[j].ID })
	page.Files = order
	page.FilesWithFindings = len(order)
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
	page.Worst = worst[:min(len(worst), maxWorstFiles)]
	failed := map[string]bool{}
	for _, fe := range rep.Errors {
		failed[fe.Path] = true
	}
	for _, p := range rep.Paths {
		if files[p] == nil && !failed[p] {
			page.Clean = append(page.Clean, p)
		}
	}
	if err := htmlTemplate.Execute(w, page); err != nil {
		return fmt.Errorf("rendering the HTML report: %w", err)
	}
	return nil
}

func htmlFindingOf(f *result.Finding) htmlFinding {
	out := htmlFinding{
		Rule: f.Rule, Check: f.Check, Severity: f.Severity.String(), Message: f.Message,
		Line: f.Line, Column: f.Column, Fixable: f.Fixable,
	}
	last := max(f.EndLine, f.Line)
	if last > f.Line && f.EndColumn == 1 {
		last--
	}
	out.More = f.Line+len(f.Lines)-1 < last
	for i, text := range f.Lines {
		n := f.Line + i
		from, to := 0, -1 // rune columns, 0-based; -1: to the end
		if n == f.Line {
			from = f.Column - 1
		}
		if n == f.EndLine {
			to = f.EndColumn - 1
		}
		out.Source = append(out.Source, splitLine(n, text, from, to))
	}
	return out
}

// splitLine cuts text around the rune range [from, to) (to < 0: the end of
// the line), clamping out-of-range columns. An empty range marks nothing.
func splitLine(n int, text string, from, to int) htmlLine {
	runes := []rune(strings.TrimRight(text, "\r"))
	if to < 0 || to > len(runes) {
		to = len(runes)
	}
	from = min(max(from, 0), len(runes))
	to = max(to, from)
	return htmlLine{N: n, Before: string(runes[:from]), Mark: string(runes[from:to]), After: string(runes[to:])}
}

// ReviewConsumer is implemented by formatters that draw the review
// calendar (result.Report.Reviews); the CLI then reads the pages' reviews.
type ReviewConsumer interface {
	NeedsReviews() bool
}

// NeedsReviews implements ReviewConsumer: the dashboard draws the calendar.
func (*HTML) NeedsReviews() bool { return true }
