package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/medlint/medlint/internal/atomicfile"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/confine"
	"github.com/medlint/medlint/internal/diff"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// addFixFlags declares check's --fix, --fix-dry-run and --diff.
func addFixFlags(fl *pflag.FlagSet, f *checkFlags) {
	fl.BoolVar(&f.fix, "fix", false, "fix what can be fixed, write the files, and report what remains (with -: print the fixed text)")
	fl.BoolVar(&f.fixDryRun, "fix-dry-run", false, "print the changes --fix would make as a unified diff, change nothing, and report what would remain")
	fl.BoolVar(&f.fixDryRun, "diff", false, "the same as --fix-dry-run")
}

// fixedFile is what fixing one file produced.
type fixedFile struct {
	display string
	path    string
	before  []byte
	res     *fix.Result
}

// fixer fixes the files handed to it by the engine, from several
// goroutines at once.
type fixer struct {
	write bool // write the files (--fix), else only compute (--fix-dry-run)

	mu    sync.Mutex
	files []fixedFile
	// locks serializes the fixing of paths that resolve to one file (a
	// symbolic link and its target); done marks the files already fixed.
	locks map[string]*sync.Mutex
	done  map[string]bool
}

func (x *fixer) lockFor(real string) *sync.Mutex {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.locks == nil {
		x.locks, x.done = map[string]*sync.Mutex{}, map[string]bool{}
	}
	l, ok := x.locks[real]
	if !ok {
		l = &sync.Mutex{}
		x.locks[real] = l
	}
	return l
}

// lintFile fixes one file and returns the findings that remain.
func (x *fixer) lintFile(file engine.File) (fr engine.FileResult) {
	defer func() {
		if p := recover(); p != nil {
			fr = engine.FileResult{Errors: []result.FileError{{Path: file.Display,
				Message: fmt.Sprintf("internal error while fixing: %v (please report this with the file)", p)}}}
		}
	}()
	src := file.Source
	if file.Path != engine.StdinPath && x.write {
		real, err := filepath.EvalSymlinks(file.Path)
		if err != nil {
			return engine.FileResult{Errors: []result.FileError{{Path: file.Display, Message: err.Error()}}}
		}
		l := x.lockFor(real)
		l.Lock()
		defer l.Unlock()
		x.mu.Lock()
		again := x.done[real]
		x.done[real] = true
		x.mu.Unlock()
		if again {
			// Another path to the same file was fixed first: start from
			// what it wrote.
			if src, _, err = confine.ReadFile(real); err != nil {
				return engine.FileResult{Errors: []result.FileError{{Path: file.Display, Message: err.Error()}}}
			}
		}
	}
	res, err := fix.Source(src, fix.Options{Path: file.Display, Active: file.Active, Now: file.Now, Article: file.Article, Limits: file.Limits})
	if err != nil {
		if fe := (*fix.Error)(nil); errors.As(err, &fe) {
			err = fe.Err // the report line names the file already
		}
		return engine.FileResult{Errors: []result.FileError{engine.ParseError(file.Display, err)}}
	}
	fr = engine.FileResult{Findings: res.Remaining, Errors: res.Errors, Kind: res.Kind}
	if x.write && res.Changed && file.Path != engine.StdinPath {
		if _, err := atomicfile.WriteFileIn(file.Root, file.Path, src, res.Output); err != nil {
			// Nothing was written: report the file as it is.
			msg := err.Error()
			if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
				msg = pe.Err.Error() // the report line names the file already
			}
			fr = engine.LintWith(file.Display, src, file.Active, file.Now, file.Article)
			fr.Errors = append(fr.Errors, result.FileError{Path: file.Display, Message: "fixes not written: " + msg})
			return fr
		}
	}
	x.mu.Lock()
	x.files = append(x.files, fixedFile{display: file.Display, path: file.Path, before: src, res: res})
	x.mu.Unlock()
	return fr
}

// checkFix runs check --fix or --fix-dry-run. Standard output carries the
// report, except when it carries the fixed text (--fix of standard input)
// or the diff (--fix-dry-run): the report then goes to standard error
// (or to --output). Per-file fix summaries go to standard error.
func (e *env) checkFix(f checkFlags, cfg *config.Config, now time.Time, args []string, failOn lint.Severity, never bool) error {
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
	x := &fixer{write: f.fix}
	rep := e.runWithExtras(engine.Options{
		Paths: args, Stdin: e.stdin, StdinFilename: f.stdinFilename, Config: cfg,
		Now: now, Jobs: f.jobs, WorkDir: e.workDir, LintFile: x.lintFile, Governor: e.governor(),
		FollowExternalSymlinks: f.followLinks, Ignored: e.ignoredNotice(f, cfg, f.changed != ""),
	}, formatter, f.quiet)
	sort.Slice(x.files, func(i, j int) bool { return x.files[i].display < x.files[j].display })
	for _, ff := range x.files {
		switch {
		case f.fixDryRun:
			name := "/" + strings.TrimPrefix(ff.display, "/") // git's a/PATH, b/PATH
			d := diff.Unified("a"+name, "b"+name, string(ff.before), string(ff.res.Output), 3)
			if _, err := io.WriteString(e.stdout, d); err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("writing the diff: %w", err)}
			}
		case ff.path == engine.StdinPath:
			if _, err := e.stdout.Write(ff.res.Output); err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("writing the fixed text: %w", err)}
			}
		}
	}
	if err := writeReport(formatter, rep, f.output, reportOut); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	e.printFixSummary(x.files, rep, f.fixDryRun, f.quiet)
	e.printErrors(rep)
	return exitFor(rep, failOn, never)
}

// printFixSummary says on standard error what was (or would be) fixed in
// each file, and in total (not with --quiet), and which files still have
// fixable findings.
func (e *env) printFixSummary(files []fixedFile, rep *result.Report, dryRun, quiet bool) {
	verb := "fixed"
	if dryRun {
		verb = "would fix"
	}
	total, changed := 0, 0
	for _, ff := range files {
		display := report.EscapeControl(ff.display) // a file name cannot forge lines
		n := ff.res.FixedTotal()
		if n > 0 {
			total += n
			changed++
		}
		if n > 0 && !quiet {
			fmt.Fprintf(e.stderr, "medlint: %s: %s %d (%s)\n", display, verb, n, fix.Summary(ff.res.Fixed))
		}
		if !ff.res.Converged && ff.res.Refused == "" {
			left := 0
			for _, fd := range ff.res.Remaining {
				if fd.Fixable {
					left++
				}
			}
			switch {
			case ff.res.Cycled:
				fmt.Fprintf(e.stderr, "medlint: %s: fixes undo each other (another pass would bring back the text of an earlier one), stopped after %d %s; %d fixable %s left\n",
					display, ff.res.Passes, plural(ff.res.Passes, "pass", "passes"), left, plural(left, "finding", "findings"))
			case ff.res.Passes == fix.DefaultMaxPasses:
				fmt.Fprintf(e.stderr, "medlint: %s: fixes did not settle after %d passes; %d fixable %s left\n", display, ff.res.Passes, left, plural(left, "finding", "findings"))
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
