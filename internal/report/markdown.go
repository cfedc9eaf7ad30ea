package report

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

func init() { register("markdown", func(o Options) Formatter { return &Markdown{opts: o} }) }

// Markdown writes a summary in GitHub Flavored Markdown, for a GitHub
// Actions job summary ($GITHUB_STEP_SUMMARY) or a merge request comment:
// the counts by severity and by rule, the worst files, the first
// MarkdownFindings findings (errors first; linked to the source when
// Options.SourceURL is set) and the files that could not be linted. When
// a severity has more findings than GitHub shows as annotations of one
// step (GitHubAnnotationsPerStep), it says so first.
//
// Every text that comes from a file (paths, messages, rule ids of custom
// rules) is escaped: the characters Markdown may read as syntax become
// numeric character references, which it shows as the character and never
// reads as syntax, so that no file name or message can make a link, an
// image, an HTML tag, emphasis or a table cell of its own (GitHub may
// still show a bare URL as a link to itself); control characters are
// shown as EscapeControl shows them.
type Markdown struct{ opts Options }

// Limits of the Markdown summary and of GitHub's annotations.
const (
	// MarkdownFindings is how many findings the summary lists.
	MarkdownFindings = 50
	// MarkdownWorstFiles is how many files the worst-files table lists.
	MarkdownWorstFiles = 10
	// markdownMaxText bounds one message, in characters.
	markdownMaxText = 400
	// GitHubAnnotationsPerStep is how many annotations of one kind (error,
	// warning) GitHub shows for a step; GitHubAnnotationsPerJob for a job
	// (the actions/toolkit documentation's "Limitations").
	GitHubAnnotationsPerStep = 10
	GitHubAnnotationsPerJob  = 50
)

// tally counts findings by severity.
type tally struct{ errors, warnings, infos int }

func (t *tally) add(s lint.Severity) {
	switch s {
	case lint.SeverityError:
		t.errors++
	case lint.SeverityWarning:
		t.warnings++
	default:
		t.infos++
	}
}

// worse orders tallies: more errors, then more warnings, then more info.
func (t tally) worse(u tally) bool {
	if t.errors != u.errors {
		return t.errors > u.errors
	}
	if t.warnings != u.warnings {
		return t.warnings > u.warnings
	}
	return t.infos > u.infos
}

// Format implements Formatter.
func (m *Markdown) Format(w io.Writer, rep *result.Report) error {
	bw := bufio.NewWriter(w)
	s := rep.Summary()
	fmt.Fprintf(bw, "## medlint: %s\n\n", Summarize(rep))
	m.limitNote(bw, rep, s)
	if s.Findings > 0 {
		fmt.Fprint(bw, "| severity | findings |\n|---|---:|\n")
		fmt.Fprintf(bw, "| error | %d |\n| warning | %d |\n| info | %d |\n\n", s.Error, s.Warning, s.Info)
		m.byRule(bw, rep)
		m.worstFiles(bw, rep)
		m.findings(bw, rep)
	}
	m.fileErrors(bw, rep)
	return bw.Flush()
}

// limitNote says when the annotations of one severity exceed what GitHub
// shows for a step.
func (m *Markdown) limitNote(bw *bufio.Writer, rep *result.Report, s result.Summary) {
	errs := s.Error + len(rep.Errors) // file errors are error annotations too
	if errs <= GitHubAnnotationsPerStep && s.Warning <= GitHubAnnotationsPerStep && s.Info <= GitHubAnnotationsPerStep {
		return
	}
	fmt.Fprintf(bw, "> [!NOTE]\n> GitHub shows at most %d error, %d warning and %d notice annotations of a step (and %d of a job); "+
		"this run has %d, %d and %d. The tables below count them all, and the step's log lists every finding.\n\n",
		GitHubAnnotationsPerStep, GitHubAnnotationsPerStep, GitHubAnnotationsPerStep, GitHubAnnotationsPerJob, errs, s.Warning, s.Info)
}

// byRule writes the findings counted by rule (and sub-check), most first.
func (m *Markdown) byRule(bw *bufio.Writer, rep *result.Report) {
	counts := map[string]*tally{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		key := ruleAndCheck(f)
		if counts[key] == nil {
			counts[key] = &tally{}
		}
		counts[key].add(f.Severity)
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := *counts[keys[i]], *counts[keys[j]]
		if a.worse(b) != b.worse(a) {
			return a.worse(b)
		}
		return keys[i] < keys[j]
	})
	fmt.Fprint(bw, "### By rule\n\n| rule | error | warning | info |\n|---|---:|---:|---:|\n")
	for _, k := range keys {
		c := counts[k]
		fmt.Fprintf(bw, "| %s | %d | %d | %d |\n", mdCode(k), c.errors, c.warnings, c.infos)
	}
	fmt.Fprint(bw, "\n")
}

// worstFiles writes the MarkdownWorstFiles files with the worst findings.
func (m *Markdown) worstFiles(bw *bufio.Writer, rep *result.Report) {
	counts := map[string]*tally{}
	var paths []string
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if counts[f.Path] == nil {
			counts[f.Path] = &tally{}
			paths = append(paths, f.Path)
		}
		counts[f.Path].add(f.Severity)
	}
	sort.SliceStable(paths, func(i, j int) bool { return counts[paths[i]].worse(*counts[paths[j]]) })
	shown := min(len(paths), MarkdownWorstFiles)
	fmt.Fprintf(bw, "### Worst files (%d of %d with findings)\n\n| file | error | warning | info |\n|---|---:|---:|---:|\n", shown, len(paths))
	for _, p := range paths[:shown] {
		c := counts[p]
		fmt.Fprintf(bw, "| %s | %d | %d | %d |\n", m.link(p, 0, 0), c.errors, c.warnings, c.infos)
	}
	fmt.Fprint(bw, "\n")
}

// findings writes the first MarkdownFindings findings, errors first.
func (m *Markdown) findings(bw *bufio.Writer, rep *result.Report) {
	order := make([]int, len(rep.Findings))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		return rep.Findings[order[i]].Severity > rep.Findings[order[j]].Severity
	})
	shown := min(len(order), MarkdownFindings)
	if shown < len(order) {
		fmt.Fprintf(bw, "### Findings (the first %d of %d, errors first)\n\n", shown, len(order))
	} else {
		fmt.Fprint(bw, "### Findings\n\n")
	}
	fmt.Fprint(bw, "| severity | where | rule | message |\n|---|---|---|---|\n")
	for _, i := range order[:shown] {
		f := &rep.Findings[i]
		fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", f.Severity, m.link(f.Path, f.Line, f.Column), mdCode(ruleAndCheck(f)), mdText(f.Message))
	}
	fmt.Fprint(bw, "\n")
}

// fileErrors lists the files that could not be linted.
func (m *Markdown) fileErrors(bw *bufio.Writer, rep *result.Report) {
	if len(rep.Errors) == 0 {
		return
	}
	fmt.Fprintf(bw, "### Not linted (%d)\n\n| where | error |\n|---|---|\n", len(rep.Errors))
	for _, fe := range rep.Errors {
		msg := fe.Message
		if fe.Rule != "" {
			msg = fe.Rule + ": " + msg
		}
		fmt.Fprintf(bw, "| %s | %s |\n", m.link(fe.Path, fe.Line, 0), mdText(msg))
	}
	fmt.Fprint(bw, "\n")
}

// link shows path:line:col (line and column when not 0), linked to the
// line of the file under Options.SourceURL when the path lies in the
// repository.
func (m *Markdown) link(display string, line, col int) string {
	text := display
	if line > 0 {
		text += ":" + strconv.Itoa(line)
		if col > 0 {
			text += ":" + strconv.Itoa(col)
		}
	}
	text = mdText(text)
	path, inRepo := m.opts.repoPath(display)
	base := m.opts.SourceURL
	if base == "" || !inRepo || !safeURLBase(base) {
		return text
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	target := strings.TrimSuffix(base, "/") + "/" + strings.Join(segs, "/")
	if line > 0 {
		// A Markdown file renders on GitHub; ?plain=1 shows its lines.
		target += "?plain=1#L" + strconv.Itoa(line)
	}
	return "[" + text + "](" + target + ")"
}

// safeURLBase reports whether base can stand in a Markdown link as it is:
// an http(s) URL with nothing a link destination would end at or read.
func safeURLBase(base string) bool {
	if !strings.HasPrefix(base, "https://") && !strings.HasPrefix(base, "http://") {
		return false
	}
	return !strings.ContainsAny(base, " \t\r\n()<>[]\\`\"'|")
}

// mdText escapes s for a table cell of GitHub Flavored Markdown (see
// Markdown), cut to markdownMaxText characters.
func mdText(s string) string {
	s = EscapeControl(s)
	if utf8.RuneCountInString(s) > markdownMaxText {
		r := []rune(s)
		s = string(r[:markdownMaxText]) + "…"
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isMarkdownSpecial(c) {
			b.WriteString("&#")
			b.WriteString(strconv.Itoa(int(c)))
			b.WriteByte(';')
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdCode shows a rule id as code: an id is [a-z0-9-/] for built-in rules,
// but a custom rule's may hold anything, which mdText then escapes.
func mdCode(id string) string {
	if id == "" {
		return ""
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' && c != '/' && c != '_' && c != '.' {
			return mdText(id)
		}
	}
	return "`" + id + "`"
}

// mdSpecial holds the characters GitHub Flavored Markdown may read as
// syntax within a table cell: emphasis, code, strikethrough and math
// delimiters, links and images, HTML, entities, backslash escapes and the
// cell separator.
const mdSpecial = "\\`*_[]()<>&!|~$"

func isMarkdownSpecial(c byte) bool { return strings.IndexByte(mdSpecial, c) >= 0 }
