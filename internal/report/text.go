package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/fatih/color"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

func init() { register("text", func(o Options) Formatter { return &Text{opts: o} }) }

// Text writes one line per finding, "path:line:col: severity rule-id
// message", which editors and terminals turn into links, then a summary.
// Control characters in paths, rule ids and messages are escaped
// (EscapeControl): a finding is one line whatever the file holds.
type Text struct{ opts Options }

// Format implements Formatter.
func (t *Text) Format(w io.Writer, rep *result.Report) error {
	bw := bufio.NewWriter(w)
	paint := func(c *color.Color, s string) string {
		if !t.opts.Color {
			return s
		}
		c.EnableColor()
		return c.Sprint(s)
	}
	bold := color.New(color.Bold)
	faint := color.New(color.Faint)
	sevColor := map[lint.Severity]*color.Color{
		lint.SeverityError:   color.New(color.FgRed, color.Bold),
		lint.SeverityWarning: color.New(color.FgYellow),
		lint.SeverityInfo:    color.New(color.FgCyan),
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(bw, "%s: %s %s %s\n",
			paint(bold, fmt.Sprintf("%s:%d:%d", EscapeControl(f.Path), f.Line, f.Column)),
			paint(sevColor[f.Severity], f.Severity.String()),
			paint(faint, EscapeControl(f.Rule)), EscapeControl(f.Message))
	}
	if !t.opts.Quiet {
		fmt.Fprintln(bw, Summarize(rep))
	}
	return bw.Flush()
}

// Summarize returns the one-line summary of a report.
func Summarize(rep *result.Report) string {
	s := rep.Summary()
	line := fmt.Sprintf("%s in %s", plural(s.Findings, "finding"), plural(s.Files, "file"))
	if s.Findings > 0 {
		line = fmt.Sprintf("%s (%s, %s, %d info) in %s", plural(s.Findings, "finding"),
			plural(s.Error, "error"), plural(s.Warning, "warning"), s.Info, plural(s.Files, "file"))
	}
	fixable := 0
	for _, f := range rep.Findings {
		if f.Fixable {
			fixable++
		}
	}
	if fixable > 0 {
		line += fmt.Sprintf("; %d fixable with --fix", fixable)
	}
	if n := len(rep.Errors); n > 0 {
		line += fmt.Sprintf("; %s could not be linted (see above)", plural(n, "file"))
	}
	return line
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
