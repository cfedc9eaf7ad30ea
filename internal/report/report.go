// Package report writes a result.Report in one of several formats, one
// file per format.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

// Options are the settings every formatter may use.
type Options struct {
	// Color enables ANSI colour (text format only).
	Color bool
	// Quiet drops the summary line (text format only).
	Quiet bool
	// WorkDir is the directory the findings' paths are relative to.
	WorkDir string
	// RepoRoot is the repository root: SARIF and GitHub paths are relative
	// to it (see RepoRoot). Empty means WorkDir.
	RepoRoot string
	// Rules are the rules reports describe (SARIF's rule list, the HTML
	// report's summaries), custom rules included: the caller's, so that
	// no report links the rules. (Golden tests pin it so that new rules
	// do not change their output.)
	Rules []lint.Rule
	// SourceURL, when set, is the URL under which the repository's files
	// are browsed at the commit linted (https://github.com/O/R/blob/SHA):
	// the Markdown summary links each finding to PATH#LLINE under it.
	SourceURL string
}

// lookup finds a rule among o.Rules.
func (o Options) lookup(id string) (lint.Rule, bool) {
	for _, r := range o.Rules {
		if r.Meta().ID == id {
			return r, true
		}
	}
	return nil, false
}

// LineConsumer is implemented by formatters that read Finding.Lines; the
// CLI then asks the engine to keep the flagged lines.
type LineConsumer interface {
	NeedsLines() bool
}

// EditConsumer is implemented by formatters that read Finding.FileFix;
// the CLI then asks the engine for the fixes' edits in the files' terms.
type EditConsumer interface {
	NeedsEdits() bool
}

// Formatter writes a report.
type Formatter interface {
	Format(w io.Writer, rep *result.Report) error
}

// constructors maps format names to formatter factories. It is filled by
// each format's file and read-only afterwards.
var constructors = map[string]func(Options) Formatter{}

func register(name string, f func(Options) Formatter) { constructors[name] = f }

// Names lists the available formats, sorted.
func Names() []string {
	out := make([]string, 0, len(constructors))
	for n := range constructors {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// New returns the formatter called name.
func New(name string, opts Options) (Formatter, error) {
	f, ok := constructors[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Names(), ", "))
	}
	return f(opts), nil
}
