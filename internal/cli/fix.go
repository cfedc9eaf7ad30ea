package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/medlint/medlint/internal/diff"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// addFixFlags declares check's --fix, --fix-dry-run and --diff.
func addFixFlags(fl *pflag.FlagSet, f *checkFlags) {
	fl.BoolVar(&f.fix, "fix", false, "fix what can be fixed, write the files, and report what remains (with -: print the fixed text)")
	fl.BoolVar(&f.fixDryRun, "fix-dry-run", false, "print the changes --fix would make as a unified diff, change nothing, and report what would remain")
	fl.BoolVar(&f.fixDryRun, "diff", false, "the same as --fix-dry-run")
}

// checkFix runs check --fix or --fix-dry-run. Standard output carries the
// report, except when it carries the fixed text (--fix of standard input)
// or the diff (--fix-dry-run): the report then goes to standard error
// (or to --output). Per-file fix summaries go to standard error.
func (e *env) checkFix(f checkFlags, run checkRun, args []string) error {
	cfg, now, failOn, never := run.cfg, run.now, run.failOn, run.never
	if f.fix && f.fixDryRun {
		return usageError("--fix writes the files and --fix-dry-run (--diff) changes nothing: give one of them")
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	stdinUsed := slices.Contains(args, engine.StdinPath)
	if f.fix && stdinUsed && len(args) > 1 {
		return usageError("--fix with - prints the fixed text of standard input: give no other path")
	}
	reportOut := e.stdout
	if f.fixDryRun || stdinUsed {
		reportOut = e.stderr
	}
	toFile := f.output != "" && f.output != "-"
	color := !toFile && !f.noColor && e.getenv("NO_COLOR") == "" && e.isTerminal(reportOut) && e.getenv("TERM") != "dumb"
	formatter, err := report.New(e.effectiveFormat(f), report.Options{Color: color, Quiet: f.quiet,
		WorkDir: e.workDir, RepoRoot: report.FindRepoRoot(e.workDir), Rules: cfg.AllRules()})
	if err != nil {
		return usageError("--format: %v", err)
	}
	opts := engine.Options{
		Paths: args, Stdin: e.stdin, StdinFilename: f.stdinFilename, Config: cfg,
		Now: now, Jobs: f.jobs, WorkDir: e.workDir, Governor: e.governor(),
		FollowExternalSymlinks: f.followLinks, Ignored: e.ignoredNotice(f, cfg, run.folders, f.changed != ""),
		Folders: run.folders, NoIgnoreFiles: f.noIgnore,
	}
	mode := fix.DryRun
	if f.fix {
		mode = fix.Write
	}
	finish := e.addExtras(&opts, formatter, f.quiet)
	rep, files := fix.Files(opts, mode)
	finish()
	for _, ff := range files {
		switch {
		case f.fixDryRun:
			name := "/" + strings.TrimPrefix(ff.Display, "/") // git's a/PATH, b/PATH
			d := diff.Unified("a"+name, "b"+name, string(ff.Before), string(ff.Result.Output), 3)
			if _, err := io.WriteString(e.stdout, d); err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("writing the diff: %w", err)}
			}
		case ff.Path == engine.StdinPath:
			if _, err := e.stdout.Write(ff.Result.Output); err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("writing the fixed text: %w", err)}
			}
		}
	}
	if err := writeReport(formatter, rep, f.output, reportOut); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	e.printFixSummary(files, rep, f.fixDryRun, f.quiet)
	e.printErrors(rep)
	return exitFor(rep, failOn, never)
}

// printFixSummary says on standard error what was (or would be) fixed in
// each file, and in total (not with --quiet), and which files still have
// fixable findings.
func (e *env) printFixSummary(files []fix.Fixed, rep *result.Report, dryRun, quiet bool) {
	verb := "fixed"
	if dryRun {
		verb = "would fix"
	}
	total, changed := 0, 0
	for _, ff := range files {
		display := report.EscapeControl(ff.Display) // a file name cannot forge lines
		n := ff.Result.FixedTotal()
		if n > 0 {
			total += n
			changed++
		}
		if n > 0 && !quiet {
			fmt.Fprintf(e.stderr, "medlint: %s: %s %d (%s)\n", display, verb, n, fix.Summary(ff.Result.Fixed))
		}
		if !ff.Result.Converged && ff.Result.Refused == "" {
			left := 0
			for _, fd := range ff.Result.Remaining {
				if fd.Fixable {
					left++
				}
			}
			switch {
			case ff.Result.Cycled:
				fmt.Fprintf(e.stderr, "medlint: %s: fixes undo each other (another pass would bring back the text of an earlier one), stopped after %d %s; %d fixable %s left\n",
					display, ff.Result.Passes, plural(ff.Result.Passes, "pass", "passes"), left, plural(left, "finding", "findings"))
			case ff.Result.Passes == fix.DefaultMaxPasses:
				fmt.Fprintf(e.stderr, "medlint: %s: fixes did not settle after %d passes; %d fixable %s left\n", display, ff.Result.Passes, left, plural(left, "finding", "findings"))
			default:
				fmt.Fprintf(e.stderr, "medlint: %s: %d fixable %s left (their fixes are invalid, overlap others or change nothing)\n", display, left, plural(left, "finding", "findings"))
			}
		}
	}
	if quiet {
		return
	}
	fmt.Fprintf(e.stderr, "medlint: %s %d %s in %d %s; %d %s\n", verb, total, plural(total, "finding", "findings"),
		changed, plural(changed, "file", "files"), len(rep.Findings), plural(len(rep.Findings), "finding remains", "findings remain"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
