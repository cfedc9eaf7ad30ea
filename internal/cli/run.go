package cli

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// addChangedFlags defines --changed and --new-only.
func (e *env) addChangedFlags(fl *pflag.FlagSet, f *checkFlags) {
	fl.StringVar(&f.changed, "changed", "", "lint only Markdown files changed against `REV` plus untracked ones (--changed alone: the merge-base with the default branch, else HEAD; give a revision as --changed=REV)")
	fl.Lookup("changed").NoOptDefVal = changedAuto
	fl.BoolVar(&f.newOnly, "new-only", false, "report only findings on lines the diff added or changed (implies --changed)")
}

// effectiveFormat is --format, or "github" inside GitHub Actions when no
// --format was given.
func (e *env) effectiveFormat(f checkFlags) string {
	if !f.formatSet && e.getenv("GITHUB_ACTIONS") == "true" {
		return "github"
	}
	return f.format
}

// runWithExtras runs the engine with what the formatter and the terminal
// ask for (addExtras).
func (e *env) runWithExtras(opts engine.Options, formatter report.Formatter, quiet bool) *result.Report {
	finish := e.addExtras(&opts, formatter, quiet)
	defer finish()
	return engine.Run(opts)
}

// addExtras sets in opts what the formatter and the terminal ask for: the
// flagged lines for formats that show them, and a progress line on
// standard error when it is a terminal. The caller runs opts, then calls
// finish, which ends the progress line.
func (e *env) addExtras(opts *engine.Options, formatter report.Formatter, quiet bool) (finish func()) {
	if lc, ok := formatter.(report.LineConsumer); ok && lc.NeedsLines() {
		opts.KeepLines = true
	}
	if ec, ok := formatter.(report.EditConsumer); ok && ec.NeedsEdits() {
		opts.KeepEdits = true
	}
	if !quiet && e.isTerminal(e.stderr) && e.getenv("TERM") != "dumb" {
		p := newProgress(e.stderr, time.Now)
		opts.Progress = p.update
		return p.finish
	}
	return func() {}
}
