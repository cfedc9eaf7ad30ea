package engine

import (
	"errors"
	"io"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/memo"
	"github.com/medlint/medlint/internal/result"
)

// Plan is the work of one run, for a caller that carries it out itself:
// the files that Options name, discovered and selected (Options.Select),
// in the report's order. The caller takes each file through the steps it
// needs, from up to Workers goroutines at once: Read it (its rules
// resolved, with the configuration's limits), Lint it (or fix it: package
// fix), and hand its result to Done; Report then returns the sorted
// report. Run is a Plan carried out by the engine's own workers. The
// engine calls nothing of the caller's: what is done to a file between
// Read and Done is the caller's business.
type Plan struct {
	opts     Options
	files    []target
	resolver *config.ResolveCache
	// resolvers are the resolve caches of the folders' configurations
	// (Options.Folders), by configuration.
	resolvers memo.Map[*config.Config, *config.ResolveCache]
	limit     int64 // max-file-size
	workers   int
	// cpus lends the CPUs no worker is using to large files (parallel.go).
	cpus *cpuPool

	mu   sync.Mutex
	rep  *result.Report
	done int
	// rules are the ids of the rules that ran on some file. The resolver
	// hands files of the same settings the same slice: its rules are added
	// once (seen), not once per file.
	rules map[string]bool
	seen  map[*config.Active]bool
}

// NewPlan finds the files that opts name. Paths that cannot be read are
// already in the report, as errors of the files or of the paths.
func NewPlan(opts Options) *Plan {
	files, errs := discover(opts)
	files, errs = selectFiles(opts.Select, files, errs)
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	limit := opts.Config.MaxFileSize
	if limit <= 0 {
		limit = config.DefaultMaxFileSize
	}
	workers := min(jobs, max(len(files), 1))
	return &Plan{
		opts: opts, files: files, resolver: config.NewResolveCache(opts.Config), limit: limit,
		workers: workers, cpus: newCPUPool(jobs - workers),
		rep:   &result.Report{Now: opts.Now.Format(time.DateOnly), Errors: errs, Files: len(files)},
		rules: map[string]bool{}, seen: map[*config.Active]bool{},
	}
}

// Len returns the number of files; they are numbered from 0.
func (p *Plan) Len() int { return len(p.files) }

// Workers returns how many files may be worked on at once: Options.Jobs
// (GOMAXPROCS when 0), and no more than there are files.
func (p *Plan) Workers() int { return p.workers }

// Read resolves the rules of file i and reads it, up to max-file-size
// (standard input from Options.Stdin). The error is the file's, for its
// report (Failed); the File returned with it has only Path and Display.
// Read is safe to call from several goroutines at once.
func (p *Plan) Read(i int) (File, error) {
	f, err := p.file(i, false)
	if err == nil {
		err = p.read(&f)
	}
	if err != nil {
		return File{Path: f.Path, Display: f.Display}, err
	}
	return f, nil
}

// Lint lints a file that Read returned: through Options.Cache if set.
func (p *Plan) Lint(f File) FileResult {
	if p.opts.Cache != nil {
		return lintCached(p.opts.Cache, f, f.known(p.opts.Config), p.cpus)
	}
	doc, err := document.ParseLimited(f.Display, f.Source, f.Limits)
	if err != nil {
		return FileResult{Errors: []result.FileError{ParseError(f.Display, err)}}
	}
	return lintDocument(doc, f.Active, f.Now, f.known(p.opts.Config), p.cpus, f.Article)
}

// Failed is the result of a file that could not be read (Plan.Read's
// error) or otherwise got no further than err.
func Failed(f File, err error) FileResult {
	return FileResult{Errors: []result.FileError{{Path: f.Display, Message: err.Error()}}}
}

// Done records fr, the result of file i, and f, what Read returned for
// it: the report counts f's rules among those that ran, and the findings
// get their lines from f.Source when Options.KeepLines asks for them (and
// their fixes' edits when Options.KeepEdits does). It
// must be called once for every file, and is safe to call from several
// goroutines at once.
func (p *Plan) Done(i int, f File, fr FileResult) {
	if p.opts.KeepLines {
		AttachLines(f.Source, fr.Findings)
	}
	if p.opts.KeepEdits {
		AttachEdits(f.Source, fr.Findings)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	rep := p.rep
	rep.Findings = append(rep.Findings, fr.Findings...)
	rep.Errors = append(rep.Errors, fr.Errors...)
	if fr.Kind != "" {
		if rep.Kinds == nil {
			rep.Kinds = map[string]string{}
		}
		rep.Kinds[p.files[i].display] = fr.Kind
	}
	if active := f.Active; len(active) > 0 && !p.seen[&active[0]] {
		p.seen[&active[0]] = true
		for _, a := range active {
			p.rules[a.Rule.Meta().ID] = true
		}
	}
	p.done++
	if p.opts.Progress != nil {
		p.opts.Progress(p.done, len(p.files))
	}
}

// Report returns the sorted report, once Done has been called for every
// file.
func (p *Plan) Report() *result.Report {
	rep := p.rep
	for _, f := range p.files {
		rep.Paths = append(rep.Paths, f.display)
	}
	for id := range p.rules {
		rep.Rules = append(rep.Rules, id)
	}
	sort.Strings(rep.Rules)
	rep.Sort()
	return rep
}

// file returns file i with its rules resolved, not yet read.
func (p *Plan) file(i int, lazy bool) (File, error) {
	t := p.files[i]
	f := File{Path: t.path, Display: t.display}
	if t.err != "" {
		return f, errors.New(t.err)
	}
	cfg, rel, err := p.configOf(t)
	if err != nil {
		return f, err
	}
	var active []config.Active
	if lazy {
		active, f.prepare, err = p.resolverOf(cfg).Select(rel)
	} else {
		active, err = p.resolverOf(cfg).Resolve(rel)
	}
	if err != nil {
		return f, err
	}
	f.Active, f.Now, f.Root, f.Article, f.Limits = active, p.opts.Now, t.root, cfg.ArticleInput(rel), cfg.Limits
	f.cfg, f.limit = cfg, p.limit
	if cfg != p.opts.Config && cfg.MaxFileSize > 0 {
		f.limit = cfg.MaxFileSize
	}
	if p.opts.Folders != nil {
		f.ConfigSum = cfg.Sum()
	}
	f.open = t.open
	return f, nil
}

// stamped returns the result that Options.Cache remembers of f by its
// stamp, when the cache keeps stamps and f's is unchanged and trusted:
// the file is not even read. Otherwise it stamps f (when trusted) for the
// cache to store, and returns false.
func (p *Plan) stamped(f *File) (FileResult, bool) {
	sc, ok := p.opts.Cache.(StampCache)
	if !ok || f.Path == StdinPath || p.opts.KeepLines || p.opts.KeepEdits {
		return FileResult{}, false
	}
	readAt := p.opts.clock()
	fi, err := os.Stat(f.open)
	if err != nil || fi.Size() > f.limit {
		return FileResult{}, false
	}
	st := StampOf(fi)
	if !st.Trusted(readAt) {
		return FileResult{}, false
	}
	f.Stamp = st
	return sc.LookupStamp(*f)
}

// read reads f's content, from standard input for StdinPath.
func (p *Plan) read(f *File) error {
	var err error
	if f.Path == StdinPath {
		if p.opts.Stdin == nil {
			return errors.New("no standard input")
		}
		f.Source, err = io.ReadAll(io.LimitReader(p.opts.Stdin, f.limit+1))
	} else {
		f.Source, err = readFile(f.open, f.limit)
	}
	if err == nil && int64(len(f.Source)) > f.limit {
		err = tooLarge(f.limit)
	}
	if err == nil {
		err = checkUTF16(f.Source)
	}
	if err != nil {
		return err
	}
	if f.Stamp.Size != int64(len(f.Source)) {
		f.Stamp = Stamp{} // changed since the stat: the stamp is not of these bytes
	}
	return nil
}

// lintFile is what Run does with file i: the cache's answer by stamp,
// else the file read and linted.
func (p *Plan) lintFile(i int) (File, FileResult) {
	// With a result cache the rules are prepared only for a file it does
	// not answer (lintCached).
	f, err := p.file(i, p.opts.Cache != nil)
	if err == nil {
		if fr, ok := p.stamped(&f); ok {
			return f, fr
		}
		err = p.read(&f)
	}
	var fr FileResult
	if err == nil {
		p.opts.Governor.Enter(len(f.Source))
		defer p.opts.Governor.Leave(len(f.Source))
		fr = p.Lint(f)
	}
	// A file whose rules fail to prepare is reported as when they were
	// prepared before it was read.
	if err != nil || len(fr.Errors) > 0 {
		if perr := p.prepared(f); perr != nil {
			err = perr
		}
	}
	if err != nil {
		f = File{Path: f.Path, Display: f.Display}
		return f, Failed(f, err)
	}
	return f, fr
}

// prepared returns the error of preparing f's rules when lintFile
// selected them unprepared (f.prepare, memoized), else nil.
func (p *Plan) prepared(f File) error {
	if f.prepare == nil {
		return nil
	}
	_, err := f.prepare()
	return err
}

// selectFiles keeps the files and discovery errors whose display path keep
// accepts (all of them when keep is nil).
func selectFiles(keep func(string) bool, files []target, errs []result.FileError) ([]target, []result.FileError) {
	if keep == nil {
		return files, errs
	}
	var outFiles []target
	for _, t := range files {
		if keep(t.display) {
			outFiles = append(outFiles, t)
		}
	}
	var outErrs []result.FileError
	for _, e := range errs {
		if keep(e.Path) {
			outErrs = append(outErrs, e)
		}
	}
	return outFiles, outErrs
}
