// Package engine finds the files to lint, lints them concurrently with a
// bounded pool of workers, and passes every file's diagnostics through the
// processing pipeline: positions, inline directives, severities, sorting.
package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/confine"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

// Options configures a run.
type Options struct {
	// Paths are files, directories or "-" for standard input.
	Paths []string
	// Stdin is read for the "-" path.
	Stdin io.Reader
	// StdinFilename names standard input in reports and for config globs.
	StdinFilename string
	// Config is the loaded configuration.
	Config *config.Config
	// Now is the date rules treat as today.
	Now time.Time
	// Jobs bounds the number of files linted at once (0: GOMAXPROCS).
	Jobs int
	// WorkDir is the directory report paths are relative to.
	WorkDir string
	// Progress, if set, is called after each file with the number done.
	Progress func(done, total int)
	// KeepLines keeps the text of each finding's lines in Finding.Lines
	// (for reports that show the flagged source); only those lines are
	// kept, never whole files.
	KeepLines bool
	// KeepEdits gives each finding with a fix its edits in the file's own
	// terms (Finding.FileFix, AttachEdits), for the JSON report.
	KeepEdits bool
	// Cache, if set, remembers results between runs (see cache.go).
	Cache Cache
	// Select, if set, keeps only the files (and the errors of paths that
	// cannot be read) whose display path it accepts: --shard.
	Select func(display string) bool
	// Governor, if set, is told about the files being linted, to pace the
	// garbage collector (see governor.go). The command starts it once for
	// the process; without it Run changes no process-wide setting.
	Governor *Governor
	// Clock, if set, is the time source for judging whether a file's Stamp
	// is recent enough to be racy (tests); time.Now by default.
	Clock func() time.Time
	// FollowExternalSymlinks reads files whose symbolic links resolve
	// outside their tree (the repository, or the working directory outside
	// git: see package confine); by default each is an error of its own and
	// is not read.
	FollowExternalSymlinks bool
	// Ignored, if set, is called with the display path of each path
	// argument naming a file that the config's ignore globs match: it is
	// not linted, and the caller may say so.
	Ignored func(display string)
	// Folders, if set, gives each file the configuration of its folder
	// (the nearest configuration file merged over its parents': see
	// config.Folders); else Config serves every file.
	Folders *config.Folders
	// NoIgnoreFiles reads no .gitignore, .git/info/exclude or
	// .medlintignore when walking directories (--no-ignore).
	NoIgnoreFiles bool
}

func (o *Options) clock() time.Time {
	if o.Clock != nil {
		return o.Clock()
	}
	return time.Now()
}

// File is one file to lint, as Plan.Read returns it.
type File struct {
	// Path is the file-system path, or StdinPath.
	Path string
	// Display is the path shown in reports.
	Display string
	// Source is the content read (byte order mark included).
	Source []byte
	// Active are the rules that apply to the file.
	Active []config.Active
	// Now is the date rules treat as today.
	Now time.Time
	// Stamp is the file's metadata when it was read (zero for standard
	// input, or when not trusted: see Stamp.Trusted).
	Stamp Stamp
	// Root is the real path of the tree the file is confined to (see
	// package confine): --fix writes no file whose real path leaves it.
	// Empty for standard input.
	Root string
	// Article is what the page facts (its kind) need from the
	// configuration for this file.
	Article article.Input
	// Limits bound what the file may ask of the parser (the config's).
	Limits document.Limits

	// ConfigSum is the digest of the configuration files the file's
	// settings come from (config.Config.Sum), when each folder has its
	// own (Options.Folders); the result cache keys on it.
	ConfigSum [32]byte

	// open is the path read: the real path when discovery resolved it,
	// else Path.
	open string
	// cfg is the file's configuration, and limit its max-file-size.
	cfg   *config.Config
	limit int64
	// prepare, when set, returns Active prepared: Active holds the rules
	// selected but not prepared (Plan.lintFile's, for the result cache to
	// key on), and they are prepared only if the file is linted.
	prepare func() ([]config.Active, error)
}

// known returns whether a rule id is known to f's configuration (run, the
// run's, when f has none of its own).
func (f *File) known(run *config.Config) func(string) bool {
	if f.cfg != nil {
		return f.cfg.Known
	}
	return run.Known
}

// FileResult is what linting one file produced.
type FileResult struct {
	Findings []result.Finding
	Errors   []result.FileError
	// Kind is the page kind ("advice", "product", "other"; "" when the
	// file could not be parsed).
	Kind string
}

// Run lints every file named by opts and returns the sorted report: a
// Plan carried out by a pool of Plan.Workers workers. Files stream
// through the pool: a worker reads, parses and lints one file, and only
// its findings and errors are kept (sorted at the end), so memory does not
// grow with the corpus beyond the findings.
func Run(opts Options) *result.Report {
	p := NewPlan(opts)
	work := make(chan int)
	var wg sync.WaitGroup
	for range p.Workers() {
		wg.Go(func() {
			defer p.cpus.give(1) // out of files: lend this CPU to the others
			for i := range work {
				f, fr := p.lintFile(i)
				p.Done(i, f, fr)
			}
		})
	}
	for i := range p.Len() {
		work <- i
	}
	close(work)
	wg.Wait()
	return p.Report()
}

// ParseError is the report of a file that document.Parse refused: over
// one of the parse limits, it names the line where the file went over.
func ParseError(display string, err error) result.FileError {
	fe := result.FileError{Path: display, Message: err.Error()}
	var le *document.LimitError
	if errors.As(err, &le) {
		fe.Line = le.Line
	}
	return fe
}

// tooLarge is the error for a file above max-file-size.
func tooLarge(limit int64) error {
	return fmt.Errorf("file is larger than max-file-size (%s): skipped; raise max-file-size in .medlint.yml or --max-file-size to lint it", formatSize(limit))
}

func formatSize(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readFile reads the regular file at path, up to limit+1 bytes. It never
// blocks on a named pipe or a device (confine.Open), even one swapped in
// since discovery.
func readFile(path string, limit int64) ([]byte, error) {
	f, st, err := confine.Open(path)
	if err != nil {
		return nil, errors.New(describeOpenError(err))
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, tooLarge(limit)
	}
	// One allocation of the stat'ed size (plus room for the read that
	// sees EOF) instead of io.ReadAll's doublings: reading was a tenth of
	// the run's time on a large corpus. The caller applies the limit
	// again, for a file that grows or a device that reports no size.
	buf := bytes.NewBuffer(make([]byte, 0, min(st.Size(), limit)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, errors.New(describeOpenError(err))
	}
	return buf.Bytes(), nil
}

// Lint parses src and runs the active rules over it, returning sorted
// findings with inline directives and severities applied, with the
// default page-kind configuration.
func Lint(display string, src []byte, active []config.Active, now time.Time) FileResult {
	return LintWith(display, src, active, now, article.Input{})
}

// LintWith is Lint with the page-kind configuration of the file (see
// config.Config.ArticleInput).
func LintWith(display string, src []byte, active []config.Active, now time.Time, in article.Input) FileResult {
	doc, err := document.Parse(display, src)
	if err != nil {
		return FileResult{Errors: []result.FileError{ParseError(display, err)}}
	}
	return LintDocumentWith(doc, active, now, in)
}

// LintDocument runs the active rules over a parsed document, with the
// default page-kind configuration. Directives may name the built-in rules
// and the active ones.
func LintDocument(doc *document.Document, active []config.Active, now time.Time) FileResult {
	return LintDocumentWith(doc, active, now, article.Input{})
}

// LintDocumentWith is LintDocument with the page-kind configuration of
// the file.
func LintDocumentWith(doc *document.Document, active []config.Active, now time.Time, in article.Input) FileResult {
	known := func(id string) bool {
		if _, ok := lint.Lookup(id); ok {
			return true
		}
		return slices.ContainsFunc(active, func(a config.Active) bool { return a.Rule.Meta().ID == id })
	}
	return lintDocument(doc, active, now, known, nil, in)
}

// forKind returns the active rules that apply to a page of kind k: active
// itself when all do.
func forKind(active []config.Active, facts *article.Facts) []config.Active {
	for i := range active {
		if facts.Applies(active[i].AppliesTo()) {
			continue
		}
		out := slices.Clone(active[:i])
		for j := i + 1; j < len(active); j++ {
			if facts.Applies(active[j].AppliesTo()) {
				out = append(out, active[j])
			}
		}
		return out
	}
	return active
}

func lintDocument(doc *document.Document, active []config.Active, now time.Time, known func(string) bool, cpus *cpuPool, in article.Input) FileResult {
	type ruleRun struct {
		diags []lint.Diagnostic
		err   error
	}
	facts := article.Compute(doc, in)
	active = forKind(active, facts)
	runs := make([]ruleRun, len(active))
	forEachRule(active, len(doc.Source), cpus, func(i int) {
		a := &active[i]
		r := &runs[i]
		pass := lint.NewPass(doc, now, func(d lint.Diagnostic) { r.diags = append(r.diags, d) })
		pass.Article = facts
		r.err = runRule(a, known, pass)
	})
	fr := FileResult{Kind: facts.Kind.String()}
	for i, a := range active {
		meta := a.Rule.Meta()
		if err := runs[i].err; err != nil {
			fr.Errors = append(fr.Errors, result.FileError{Path: doc.Path, Rule: meta.ID, Message: err.Error()})
			continue
		}
		for _, d := range runs[i].diags {
			configured := a.Severity
			if cs, ok := a.Checks[d.Check]; ok && d.Check != "" {
				if cs.Off {
					continue
				}
				configured = cs.Severity
			}
			fr.Findings = append(fr.Findings, locate(doc, meta, configured, d))
		}
	}
	fr.Findings = applyDirectives(doc, fr.Findings)
	fr.Findings = supersede(active, fr.Findings)
	sort.SliceStable(fr.Findings, func(i, j int) bool { return result.Less(&fr.Findings[i], &fr.Findings[j]) })
	return fr
}

// runRule runs one rule's prepared check, turning the error it returns,
// or a panic, into an error of the file so that one broken rule never
// stops the run. An Active built by hand (not by Config.Resolve) is
// prepared here, with known naming the rules directives may name.
func runRule(a *config.Active, known func(string) bool, pass *lint.Pass) (err error) {
	id := a.Rule.Meta().ID
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in rule %s: %v (please report this with the file; stack: %s)", id, p, firstFrames(debug.Stack()))
		}
	}()
	check := a.Check
	if check == nil {
		explicit := a.Explicit
		if check, err = a.Rule.Prepare(a.Options, lint.Env{Explicit: func(name string) bool { return explicit[name] }, KnownRule: known, CheckOn: func(name string) bool { cs, ok := a.Checks[name]; return ok && !cs.Off }}); err != nil {
			return fmt.Errorf("internal error in rule %s: %w", id, err)
		}
	}
	if err := check(pass); err != nil {
		return fmt.Errorf("internal error in rule %s: %w", id, err)
	}
	return nil
}

// firstFrames keeps a short, single-line excerpt of a stack for the report.
func firstFrames(stack []byte) string {
	const limit = 300
	s := string(stack)
	if len(s) > limit {
		s = s[:limit]
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '\n' || r == '\t' {
			r = ' '
		}
		out = append(out, r)
	}
	return string(out)
}

// locate turns a diagnostic's byte range into a positioned finding with
// its effective severity: the configured one, else the diagnostic's own,
// else the rule's default.
func locate(doc *document.Document, meta lint.Meta, configured lint.Severity, d lint.Diagnostic) result.Finding {
	pos := min(max(d.Pos, 0), len(doc.Source))
	end := min(max(d.End, pos), len(doc.Source))
	start, stop := doc.Position(pos), doc.Position(end)
	sev := meta.Severity
	if d.Severity != lint.SeverityUnset {
		sev = d.Severity
	}
	if configured != lint.SeverityUnset {
		sev = configured
	}
	fix, msg := d.Fix, d.Message
	if b := blankInLiquidBlock(doc, fix); b != nil {
		fix = nil
		msg += fmt.Sprintf(" (not fixed automatically: the fix would put a blank line inside the Liquid {%% %s %%} block)", b.Name)
	}
	return result.Finding{
		Path: doc.Path, Line: start.Line, Column: start.Column, EndLine: stop.Line, EndColumn: stop.Column,
		Rule: meta.ID, Check: d.Check, Severity: sev, Message: msg,
		Fixable: fix != nil && len(fix.Edits) > 0, Pos: pos, End: end, Fix: fix,
	}
}

// blankInLiquidBlock reports a fix that would leave a blank line inside
// a Liquid {% for %}, {% if %}, ... block: the site renders the block's
// body once per loop or not at all, so a blank line there changes the
// page in ways the fix cannot see (a tight list rendered by a loop turns
// loose). Such a finding is reported without its fix, and says why.
func blankInLiquidBlock(doc *document.Document, fix *lint.Fix) *document.LiquidBlock {
	if fix == nil {
		return nil
	}
	for _, e := range fix.Edits {
		if b := doc.BlankLineInLiquidBlock(e.Pos, e.End, e.NewText); b != nil {
			return b
		}
	}
	return nil
}
