package engine

import (
	"sort"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/result"
)

// Cache remembers the results of files between runs; internal/cache
// implements it on disk. Its methods are called from several goroutines at
// once.
type Cache interface {
	// Lookup returns what the cache remembers of f.
	Lookup(f File) CacheLookup
}

// StampCache is a Cache that also remembers files by their Stamp.
type StampCache interface {
	Cache
	// LookupStamp returns the remembered result of f, whose Source is not
	// read, when the cache holds a complete result for f.Active and f.Now
	// from a file with f.Stamp (which is trusted: see Stamp.Trusted).
	LookupStamp(f File) (FileResult, bool)
}

// CacheLookup is the answer of Cache.Lookup.
type CacheLookup struct {
	// Hit reports that Result holds remembered findings of f: of all of
	// f.Active when Rerun is empty, else of all the rules but those in
	// Rerun (rules that depend on the date, after --now changed).
	Hit bool
	// Result holds the remembered findings, sorted.
	Result FileResult
	// Rerun lists the active rules that must run again.
	Rerun []config.Active
	// Store, if set, remembers the complete fresh result of f: the findings
	// of every rule in f.Active.
	Store func(FileResult)
}

// lintCached lints f through the cache: a full hit returns the remembered
// findings without parsing the file; a partial hit parses it and runs only
// the rules to rerun; a miss lints the file and stores the result. Results
// with errors are not stored, so that a broken rule or file is reported on
// every run.
func lintCached(c Cache, f File, known func(string) bool, cpus *cpuPool) FileResult {
	l := c.Lookup(f)
	if l.Hit && len(l.Rerun) == 0 {
		return l.Result
	}
	active := f.Active
	if f.prepare != nil {
		prepared, err := f.prepare()
		if err != nil {
			return Failed(f, err)
		}
		active = prepared
	}
	if l.Hit {
		active = rerun(active, l.Rerun)
	}
	doc, err := document.ParseLimited(f.Display, f.Source, f.Limits)
	if err != nil {
		return FileResult{Errors: []result.FileError{ParseError(f.Display, err)}}
	}
	fr := lintDocument(doc, active, f.Now, known, cpus, f.Article)
	if l.Hit {
		// Findings of different rules never compare equal, so a stable sort
		// of both sets gives the order of a fresh run.
		fr.Findings = append(fr.Findings, l.Result.Findings...)
		sort.SliceStable(fr.Findings, func(i, j int) bool { return result.Less(&fr.Findings[i], &fr.Findings[j]) })
		fr.Errors = append(fr.Errors, l.Result.Errors...)
	}
	if l.Store != nil && len(fr.Errors) == 0 {
		l.Store(fr)
	}
	return fr
}

// rerun returns the rules of active (prepared) that are in selected (the
// same rules, as the cache names them).
func rerun(active, selected []config.Active) []config.Active {
	ids := make(map[string]bool, len(selected))
	for _, a := range selected {
		ids[a.Rule.Meta().ID] = true
	}
	var out []config.Active
	for _, a := range active {
		if ids[a.Rule.Meta().ID] {
			out = append(out, a)
		}
	}
	return out
}
