// Package result holds what a run of medlint produces: findings located by
// path, line and column, per-file errors, and the summary every report
// format prints.
package result

import (
	"sort"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/review"
)

// Finding is one located problem.
type Finding struct {
	// Path is the file's display path (forward slashes).
	Path string `json:"path"`
	// Line and Column (1-based, columns in runes) locate the start;
	// EndLine and EndColumn the end (exclusive column).
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
	// Rule is the rule id.
	Rule string `json:"rule"`
	// Check is the rule's sub-check, if any.
	Check string `json:"check,omitempty"`
	// Severity is the effective severity.
	Severity lint.Severity `json:"severity"`
	// Message says what is wrong.
	Message string `json:"message"`
	// Fixable reports whether the finding carries a fix.
	Fixable bool `json:"fixable"`
	// Pos and End are the byte offsets of the finding in the file (after a
	// byte order mark).
	Pos int `json:"-"`
	End int `json:"-"`
	// Fix is the suggested fix, if any.
	Fix *lint.Fix `json:"-"`
	// FileFix is Fix in the terms of the file as it is on disk, for other
	// tools to apply: set when the run kept it (engine.Options.KeepEdits),
	// and the JSON report's "fix".
	FileFix *FileFix `json:"fix,omitempty"`
	// Lines holds the source text of lines Line..EndLine (at most
	// MaxKeptLines, without line endings) when the run kept them
	// (engine.Options.KeepLines); report formats that show or fingerprint
	// the flagged source read it.
	Lines []string `json:"-"`
}

// FileFix is a finding's fix as another tool applies it to the file: the
// edits the fixer would make, alone, on the file as it was linted.
type FileFix struct {
	// Message says what the fix does.
	Message string `json:"message"`
	// Edits are sorted by Pos and do not overlap; insertions at one
	// offset apply in the order listed.
	Edits []FileEdit `json:"edits"`
}

// FileEdit replaces the bytes [Pos, End) of the file with NewText.
type FileEdit struct {
	// Pos and End are byte offsets into the file as read (a byte order
	// mark counted), End exclusive.
	Pos int `json:"pos"`
	End int `json:"end"`
	// Line, Column, EndLine and EndColumn locate Pos and End as findings
	// are located: 1-based, columns in characters, the end exclusive.
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
	// NewText is the replacement, its line breaks those of the file.
	NewText string `json:"newText"`
}

// MaxKeptLines bounds Finding.Lines, so that a finding spanning a whole
// article does not keep the article in memory.
const MaxKeptLines = 8

// FileError is a file that could not be linted (or a rule that failed on
// it).
type FileError struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	// Rule is set for an internal error of one rule.
	Rule string `json:"rule,omitempty"`
}

// Summary counts findings.
type Summary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Error    int `json:"error"`
	Warning  int `json:"warning"`
	Info     int `json:"info"`
}

// Report is the outcome of one run.
type Report struct {
	// Now is the date the run treated as today (YYYY-MM-DD).
	Now string
	// Files counts the files linted (errors included).
	Files int
	// Findings are sorted by path, line, column, rule, message.
	Findings []Finding
	// Errors are sorted by path.
	Errors []FileError
	// Rules lists the ids of the rules that ran, sorted.
	Rules []string
	// Paths lists every file linted, sorted.
	Paths []string
	// Kinds maps the display path of every file linted to its page kind
	// ("advice", "product", "other").
	Kinds map[string]string
	// Reviews are the pages on the review calendar (package review), for
	// the reports that draw it (the HTML dashboard); nil unless asked for.
	Reviews []review.Page
	// Shard is the part of a run split with --shard I/N that the report
	// covers; nil for a whole run.
	Shard *Shard
}

// Shard identifies shard Index of Total (1 <= Index <= Total).
type Shard struct {
	Index int `json:"index"`
	Total int `json:"total"`
}

// Summary counts the report's findings by severity.
func (r *Report) Summary() Summary {
	s := Summary{Files: r.Files, Findings: len(r.Findings)}
	for _, f := range r.Findings {
		switch f.Severity {
		case lint.SeverityError:
			s.Error++
		case lint.SeverityWarning:
			s.Warning++
		case lint.SeverityInfo:
			s.Info++
		}
	}
	return s
}

// Sort orders findings and errors deterministically.
func (r *Report) Sort() {
	sort.SliceStable(r.Findings, func(i, j int) bool { return Less(&r.Findings[i], &r.Findings[j]) })
	sort.SliceStable(r.Errors, func(i, j int) bool {
		a, b := r.Errors[i], r.Errors[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	sort.Strings(r.Paths)
}

// Less orders findings by path, line, column, rule, check and message.
func Less(a, b *Finding) bool {
	switch {
	case a.Path != b.Path:
		return a.Path < b.Path
	case a.Line != b.Line:
		return a.Line < b.Line
	case a.Column != b.Column:
		return a.Column < b.Column
	case a.Rule != b.Rule:
		return a.Rule < b.Rule
	case a.Check != b.Check:
		return a.Check < b.Check
	default:
		return a.Message < b.Message
	}
}

// Worst returns the highest severity among the findings.
func (r *Report) Worst() lint.Severity {
	w := lint.SeverityUnset
	for _, f := range r.Findings {
		w = max(w, f.Severity)
	}
	return w
}
