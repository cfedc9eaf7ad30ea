package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

type checkFlags struct {
	reportFlags
	now           string
	configPath    string
	noConfig      bool
	enable        []string
	disable       []string
	only          []string
	jobs          int
	stdinFilename string
	maxFileSize   string
	fix           bool
	fixDryRun     bool
	changed       string
	newOnly       bool
	formatSet     bool
	followLinks   bool
	noIgnore      bool
	cpuProfile    string
	memProfile    string
	cacheFlags
}

func (e *env) checkCommand() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Lint Markdown files and directories (no path: the current directory; -: standard input)",
		Example: "  medlint check articles/\n" +
			"  medlint check --format json --output report.json .\n" +
			"  medlint check --now 2026-11-25 --fail-on warning article.md\n" +
			"  cat article.md | medlint check --stdin-filename articles/new.md -",
		RunE: func(cmd *cobra.Command, args []string) error {
			f.formatSet = cmd.Flags().Changed("format")
			return e.check(f, args)
		},
	}
	fl := cmd.Flags()
	f.register(fl)
	fl.StringVar(&f.now, "now", "", "treat `YYYY-MM-DD` as today in date rules (default: the real date)")
	fl.StringVarP(&f.configPath, "config", "c", "", "use this config `FILE` instead of looking for .medlint.yml")
	fl.BoolVar(&f.noConfig, "no-config", false, "ignore any .medlint.yml and use the defaults")
	fl.StringSliceVar(&f.enable, "enable", nil, "switch these `RULE`s on over the config (comma-separated)")
	fl.StringSliceVar(&f.disable, "disable", nil, "switch these `RULE`s off over the config (comma-separated)")
	fl.StringSliceVar(&f.only, "only", nil, "run only these `RULE`s (comma-separated)")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "files linted at once (default: the number of CPUs)")
	fl.StringVar(&f.maxFileSize, "max-file-size", "", "skip files larger than `SIZE` with an error (default 32MB, or max-file-size in the config)")
	fl.StringVar(&f.stdinFilename, "stdin-filename", "", "the `PATH` to report standard input as (also used for config globs)")
	fl.BoolVar(&f.noIgnore, "no-ignore", false, "read no .gitignore, .git/info/exclude or .medlintignore when walking directories (the config's ignore globs still apply)")
	fl.BoolVar(&f.followLinks, "follow-external-symlinks", false, "read files through symbolic links that lead outside the repository (or the working directory outside git); --fix still writes none of them")
	addFixFlags(fl, &f)
	e.addChangedFlags(fl, &f)
	addProfileFlags(fl, &f)
	addCacheFlags(fl, &f.cacheFlags)
	return cmd
}

func parseFailOn(s string) (lint.Severity, bool, error) {
	if strings.EqualFold(s, "none") {
		return lint.SeverityUnset, true, nil
	}
	sev, err := lint.ParseSeverity(s)
	if err != nil {
		return 0, false, fmt.Errorf("--fail-on: unknown severity %q (want error, warning, info or none)", s)
	}
	return sev, false, nil
}

func parseNow(s string) (time.Time, error) {
	if s == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now: %q is not a date in the form YYYY-MM-DD", s)
	}
	return t, nil
}

// loadConfig finds and loads the configuration the flags ask for: that
// of the working directory.
func (e *env) loadConfig(configPath string, noConfig bool) (*config.Config, error) {
	cfg, _, err := e.loadConfigs(configPath, noConfig)
	return cfg, err
}

// loadConfigs returns the configuration of the working directory and,
// unless --config or --no-config chose one configuration for the run,
// the finder of every folder's (nil then).
func (e *env) loadConfigs(configPath string, noConfig bool) (*config.Config, *config.Folders, error) {
	switch {
	case noConfig:
		return config.Default(e.workDir), nil, nil
	case configPath != "":
		cfg, err := config.Load(configPath)
		return cfg, nil, err
	}
	folders := config.NewFolders(config.Default(e.workDir))
	cfg, err := folders.For(e.workDir)
	if err != nil {
		return nil, nil, err
	}
	return cfg, folders, nil
}

func (e *env) check(f checkFlags, args []string) (err error) {
	stopProfiles, err := startProfiles(f)
	if err != nil {
		return usageError("%v", err)
	}
	defer func() {
		if perr := stopProfiles(); perr != nil && err == nil {
			err = &exitError{code: ExitError, err: perr}
		}
	}()
	run, err := e.parseCheck(f)
	if err != nil {
		return err
	}
	targets, changes, err := e.changedTargets(f, args)
	if err != nil {
		return err
	}
	cs, err := e.prepareRun(f, run.cfg, args)
	if err != nil {
		return err
	}
	if f.fix || f.fixDryRun {
		fixArgs, nothing, err := changes.fixPaths(f, targets, args)
		if err != nil || nothing {
			return err
		}
		return e.checkFix(f, run, fixArgs)
	}
	toFile := f.output != "" && f.output != "-"
	color := !toFile && !f.noColor && e.getenv("NO_COLOR") == "" && e.isTerminal(e.stdout) && e.getenv("TERM") != "dumb"
	format := e.effectiveFormat(f)
	formatter, err := report.New(format, report.Options{Color: color, Quiet: f.quiet, WorkDir: e.workDir, RepoRoot: report.FindRepoRoot(e.workDir), SourceURL: e.sourceURL(), Rules: run.cfg.AllRules()})
	if err != nil {
		return usageError("--format: %v", err)
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	if changes != nil {
		args = targets
	}
	opts := engine.Options{
		Paths: args, Stdin: e.stdin, StdinFilename: f.stdinFilename, Config: run.cfg,
		Now: run.now, Jobs: f.jobs, WorkDir: e.workDir, Governor: e.governor(),
		FollowExternalSymlinks: f.followLinks, Ignored: e.ignoredNotice(f, run.cfg, run.folders, changes != nil),
		Folders: run.folders, NoIgnoreFiles: f.noIgnore,
	}
	cs.apply(&opts)
	rep := e.runWithExtras(opts, formatter, f.quiet)
	attachReviews(formatter, opts, rep)
	cs.shard.record(rep)
	e.finishRun(cs)
	changes.filterNewOnly(rep, e.workDir)
	if err := writeReport(formatter, rep, f.output, e.stdout); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	e.printErrors(rep)
	if format == "github" && !f.quiet {
		fmt.Fprintln(e.stderr, report.Summarize(rep))
	}
	return exitFor(rep, run.failOn, run.never)
}

// checkRun is what check's flags and the configuration settle before
// anything is linted.
type checkRun struct {
	cfg *config.Config
	// folders gives each folder its configuration (nil: cfg serves every
	// file, as --config and --no-config ask).
	folders *config.Folders
	now     time.Time
	failOn  lint.Severity
	never   bool
}

// parseCheck reads --fail-on, --now, --jobs, the configuration and the
// rule selection flags: usage and configuration errors, before any file
// is read.
func (e *env) parseCheck(f checkFlags) (checkRun, error) {
	var r checkRun
	var err error
	if r.failOn, r.never, err = parseFailOn(f.failOn); err != nil {
		return r, usageError("%v", err)
	}
	if r.now, err = parseNow(f.now); err != nil {
		return r, usageError("%v", err)
	}
	if f.jobs < 0 {
		return r, usageError("--jobs must be 0 or more, got %d", f.jobs)
	}
	if r.cfg, r.folders, err = e.loadConfigs(f.configPath, f.noConfig); err != nil {
		return r, &exitError{code: ExitError, err: err}
	}
	if r.folders != nil {
		err = r.folders.Select(r.cfg, f.only, f.enable, f.disable)
	} else {
		err = r.cfg.Select(f.only, f.enable, f.disable)
	}
	if err != nil {
		return r, usageError("%v", err)
	}
	if f.maxFileSize != "" {
		n, err := config.ParseSize(f.maxFileSize)
		if err != nil {
			return r, usageError("--max-file-size: %v", err)
		}
		r.cfg.MaxFileSize = n
		if r.folders != nil {
			r.folders.SetMaxFileSize(n)
		}
	}
	return r, nil
}

// ignoredNotice returns the engine's Ignored callback: a path argument the
// ignore globs match is not linted (pre-commit and --changed pass file
// names, and ignore must hold for them), but a user who names one is told
// why nothing happened. Not with --quiet, nor for the files --changed
// chose.
func (e *env) ignoredNotice(f checkFlags, cfg *config.Config, folders *config.Folders, changed bool) func(string) {
	if f.quiet || changed {
		return nil
	}
	source := "the config"
	if cfg.Path != "" {
		source = engine.DisplayPath(e.workDir, cfg.Path)
	}
	return func(display string) {
		if folders != nil {
			source = e.ignoredBy(folders, display, source)
		}
		fmt.Fprintf(e.stderr, "medlint: %s: not linted: it matches the ignore globs of %s\n", report.EscapeControl(display), report.EscapeControl(source))
	}
}

// printErrors writes one line per file error to standard error, its
// control characters escaped (report.EscapeControl) so that a file name
// cannot forge lines or drive the terminal.
func (e *env) printErrors(rep *result.Report) {
	for _, fe := range rep.Errors {
		loc := report.EscapeControl(fe.Path)
		if fe.Line > 0 {
			loc = fmt.Sprintf("%s:%d", loc, fe.Line)
		}
		fmt.Fprintf(e.stderr, "medlint: %s: %s\n", loc, report.EscapeControl(fe.Message))
	}
}

func exitFor(rep *result.Report, failOn lint.Severity, never bool) error {
	if len(rep.Errors) > 0 {
		return &exitError{code: ExitError}
	}
	if !never && rep.Worst() >= failOn && len(rep.Findings) > 0 {
		return &exitError{code: ExitFindings}
	}
	return nil
}

// memoryBudget is engine.DefaultMemoryBudget, or 0 (Go's own pacing) when the
// user tunes the collector with GOGC or GOMEMLIMIT.
func (e *env) memoryBudget() int64 {
	return engine.MemoryBudget(e.getenv)
}

// ignoredBy names the configuration file whose ignore globs match the
// file shown as display (nested files have their own), else other.
func (e *env) ignoredBy(folders *config.Folders, display, other string) string {
	abs := display
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(e.workDir, filepath.FromSlash(display))
	}
	c, err := folders.For(filepath.Dir(abs))
	if err != nil {
		return other
	}
	if path, ok := c.IgnoredBy(c.Rel(abs)); ok && path != "" {
		return engine.DisplayPath(e.workDir, path)
	}
	return other
}
