package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/gitchanges"
	"github.com/medlint/medlint/internal/result"
)

// changedAuto is the --changed value when the flag is given without a
// revision: compare with the default base (see gitchanges.Repo.DefaultBase).
// It reads as the help text shows it: --changed[=merge-base].
const changedAuto = "merge-base"

// changeSet is what --changed and --new-only work from.
type changeSet struct {
	repo *gitchanges.Repo
	rev  string
	// lines maps canonical absolute paths to their changed lines (for
	// --new-only).
	lines map[string]*gitchanges.Lines
}

// changedTargets resolves --changed/--new-only: it returns the Markdown
// files to lint (those changed against the revision, plus untracked ones,
// that linting the command-line paths, or the working directory, would
// reach) and, for --new-only, the changed lines. It returns nil, nil when
// neither flag is set.
func (e *env) changedTargets(f checkFlags, args []string) ([]string, *changeSet, error) {
	if f.changed == "" && !f.newOnly {
		return nil, nil, nil
	}
	for _, a := range args {
		if a == engine.StdinPath {
			return nil, nil, usageError("--changed and --new-only cannot lint standard input")
		}
	}
	repo, err := gitchanges.Open(e.workDir)
	if errors.Is(err, gitchanges.ErrNotRepository) {
		return nil, nil, usageError("--changed/--new-only: %v; they compare files with git, so run medlint inside a git work tree", err)
	}
	if err != nil {
		return nil, nil, usageError("--changed: %v", err)
	}
	rev := f.changed
	if rev == "" || rev == changedAuto {
		if rev, err = repo.DefaultBase(); err != nil {
			return nil, nil, usageError("--changed: %v", err)
		}
	} else if err := repo.Verify(rev); err != nil {
		return nil, nil, usageError("--changed: %v", err)
	}
	files, err := repo.Changed(rev)
	if err != nil {
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("--changed: %w", err)}
	}
	if len(args) == 0 {
		args = []string{"."} // as without --changed: the working directory
	}
	var scopes []string
	for _, a := range args {
		p := a
		if !filepath.IsAbs(p) {
			p = filepath.Join(e.workDir, p)
		}
		scopes = append(scopes, canonical(p))
	}
	var targets []string
	for _, file := range files {
		if !engine.IsMarkdown(file) {
			continue
		}
		if st, err := os.Stat(file); err != nil || st.IsDir() {
			continue // deleted in the work tree, or a submodule
		}
		// The file's own link is not resolved: a changed link out of the
		// repository is linted (and refused) like any other file.
		if !walked(filepath.Join(canonical(filepath.Dir(file)), filepath.Base(file)), scopes) {
			continue
		}
		targets = append(targets, file)
	}
	cs := &changeSet{repo: repo, rev: rev}
	if f.newOnly {
		lines, err := repo.ChangedLines(rev)
		if err != nil {
			return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("--new-only: %w", err)}
		}
		cs.lines = make(map[string]*gitchanges.Lines, len(lines))
		for p, l := range lines {
			cs.lines[canonical(p)] = l
		}
	}
	return targets, cs, nil
}

// filterNewOnly keeps the findings that touch a line the diff added or
// changed; findings in files the diff does not cover are dropped.
func (cs *changeSet) filterNewOnly(rep *result.Report, workDir string) {
	if cs == nil || cs.lines == nil {
		return
	}
	kept := rep.Findings[:0]
	for _, f := range rep.Findings {
		p := filepath.FromSlash(f.Path)
		if !filepath.IsAbs(p) {
			p = filepath.Join(workDir, p)
		}
		lines := cs.lines[canonical(p)]
		last := max(f.EndLine, f.Line)
		if last > f.Line && f.EndColumn == 1 {
			last-- // the range ends at the start of the next line
		}
		for n := f.Line; n <= last; n++ {
			if lines.Has(n) {
				kept = append(kept, f)
				break
			}
		}
	}
	rep.Findings = kept
}

// canonical returns an absolute, symlink-free path, so that paths from git
// and from the working directory compare equal.
func canonical(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	// A path that does not exist: resolve its directory.
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// walked reports whether linting roots would reach path: path is one of
// them, or lies below one without passing through a directory the walk
// skips (hidden directories, node_modules, vendor).
func walked(path string, roots []string) bool {
	for _, r := range roots {
		if path == r {
			return true
		}
		rel, err := filepath.Rel(r, path)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		dirs := strings.Split(filepath.ToSlash(filepath.Dir(rel)), "/")
		skipped := false
		for _, d := range dirs {
			if d != "." && engine.SkipsDir(d) {
				skipped = true
				break
			}
		}
		if !skipped {
			return true
		}
	}
	return false
}

// fixPaths returns the paths check --fix works on: the changed files when
// --changed is given (nothing, when none changed), else args. --new-only
// cannot limit fixes to changed lines, so it is refused with --fix.
func (cs *changeSet) fixPaths(f checkFlags, targets, args []string) (paths []string, nothing bool, err error) {
	if cs == nil {
		return args, false, nil
	}
	if f.newOnly {
		return nil, false, usageError("--new-only cannot be combined with --fix or --fix-dry-run: fixes are not limited to changed lines (use --changed)")
	}
	return targets, len(targets) == 0, nil
}
