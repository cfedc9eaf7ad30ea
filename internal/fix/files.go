package fix

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"sync"

	"github.com/medlint/medlint/internal/atomicfile"
	"github.com/medlint/medlint/internal/confine"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/result"
)

// Mode says what Files does with the fixed text.
type Mode int

const (
	// DryRun changes nothing (check --fix-dry-run): the fixed text is only
	// returned.
	DryRun Mode = iota
	// Write writes each changed file in place (check --fix), atomically,
	// never outside its tree (see package atomicfile); standard input's
	// fixed text is only returned.
	Write
)

// Fixed is what fixing one file produced.
type Fixed struct {
	// Display is the path shown in reports.
	Display string
	// Path is the file-system path, or engine.StdinPath.
	Path string
	// Before is the text the fixes were applied to.
	Before []byte
	// Result is what Source produced from Before.
	Result *Result
}

// Files fixes the files that opts name, as check --fix (Write) or
// --fix-dry-run (DryRun) does: the engine finds and reads them, as for a
// lint (engine.Plan), and each file goes through Source, is written (in
// Write mode, when changed) and is reported with the findings that remain.
// Files are fixed Plan.Workers at a time; the paths that resolve to one
// file (a symbolic link and its target) are fixed one after the other, the
// second from what the first wrote. Files returns the report of what
// remains and the files fixed, sorted by display path (a file that could
// not be read, parsed or written is only in the report's errors).
// opts.Cache is not used: every file is read and fixed.
func Files(opts engine.Options, mode Mode) (*result.Report, []Fixed) {
	p := engine.NewPlan(opts)
	x := &fixer{write: mode == Write, locks: map[string]*sync.Mutex{}, done: map[string]bool{}}
	work := make(chan int)
	var wg sync.WaitGroup
	for range p.Workers() {
		wg.Go(func() {
			for i := range work {
				f, err := p.Read(i)
				if err != nil {
					p.Done(i, f, engine.Failed(f, err))
					continue
				}
				opts.Governor.Enter(len(f.Source))
				fr, located := x.fixFile(f)
				opts.Governor.Leave(len(f.Source))
				f.Source = located // what the remaining findings' lines are kept from
				p.Done(i, f, fr)
			}
		})
	}
	for i := range p.Len() {
		work <- i
	}
	close(work)
	wg.Wait()
	rep := p.Report()
	sort.Slice(x.files, func(i, j int) bool { return x.files[i].Display < x.files[j].Display })
	return rep, x.files
}

// fixer fixes files from several goroutines at once.
type fixer struct {
	write bool // write the files (Write), else only compute (DryRun)

	mu    sync.Mutex
	files []Fixed
	// locks serializes the fixing of paths that resolve to one file (a
	// symbolic link and its target); done marks the files already fixed.
	locks map[string]*sync.Mutex
	done  map[string]bool
}

// lockFor returns the lock of the file whose real path is real.
func (x *fixer) lockFor(real string) *sync.Mutex {
	x.mu.Lock()
	defer x.mu.Unlock()
	l, ok := x.locks[real]
	if !ok {
		l = &sync.Mutex{}
		x.locks[real] = l
	}
	return l
}

// fixFile fixes one file and returns the findings that remain with the
// text they are located in: the fixed text, or the text as it was when
// the fixes were not written.
func (x *fixer) fixFile(file engine.File) (fr engine.FileResult, located []byte) {
	defer func() {
		if p := recover(); p != nil {
			fr = engine.FileResult{Errors: []result.FileError{{Path: file.Display,
				Message: fmt.Sprintf("internal error while fixing: %v (please report this with the file)", p)}}}
			located = file.Source
		}
	}()
	src := file.Source
	if file.Path != engine.StdinPath && x.write {
		real, err := filepath.EvalSymlinks(file.Path)
		if err != nil {
			return engine.Failed(file, err), src
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
				return engine.Failed(file, err), file.Source
			}
		}
	}
	res, err := Source(src, Options{Path: file.Display, Active: file.Active, Now: file.Now, Article: file.Article, Limits: file.Limits})
	if err != nil {
		if fe := (*Error)(nil); errors.As(err, &fe) {
			err = fe.Err // the report line names the file already
		}
		return engine.FileResult{Errors: []result.FileError{engine.ParseError(file.Display, err)}}, src
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
			return fr, src
		}
	}
	x.mu.Lock()
	x.files = append(x.files, Fixed{Display: file.Display, Path: file.Path, Before: src, Result: res})
	x.mu.Unlock()
	return fr, res.Output
}
