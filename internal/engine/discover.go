package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/confine"
	"github.com/medlint/medlint/internal/result"
)

// StdinPath is the argument that reads the article from standard input.
const StdinPath = "-"

// target is one file to lint.
type target struct {
	// path is the file-system path ("-" for stdin).
	path string
	// display is the path shown in reports.
	display string
	// abs is the absolute path (empty for stdin).
	abs string
	// open is the path read: the real path when discovery resolved it,
	// else path.
	open string
	// root is the real path of the tree the file is confined to (see
	// package confine; empty for stdin).
	root string
	// err, when set, is reported for the file instead of reading it: the
	// file was found, and is counted, but cannot be linted.
	err string
}

// skippedDirs are never walked into.
var skippedDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true}

// IsMarkdown reports whether name has a Markdown extension: .md,
// .markdown, or .mdx (MDX, read as document.IsMDX says).
func IsMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown" || ext == ".mdx"
}

// tree is a confine.Tree with the name errors give it.
type tree struct {
	*confine.Tree
	// name is "the repository" or "the working directory": what a file
	// whose link leads out of the tree is outside of.
	name string
}

// discovery is the state of one expansion of the command-line paths.
type discovery struct {
	cfg     *config.Config
	workDir string
	// follow reads files whose links lead out of their tree.
	follow bool
	// ignored is called for path arguments the ignore globs match.
	ignored func(display string)
	absOf   func(string) string
	// base is the tree of the working directory; baseRoot its root as
	// found, before resolving links. trees holds the trees of path
	// arguments outside it, by root.
	base     *tree
	baseRoot string
	trees    map[string]*tree

	files []target
	errs  []result.FileError
	seen  map[string]bool
	// ignores holds what the walk reads of ignore files and nested
	// configurations (ignore.go).
	ignores
}

// discover expands the command-line paths into files, in a stable order.
// Paths that cannot be read become errors (of files, counted among them,
// or of paths); the others are still returned.
func discover(opts Options) ([]target, []result.FileError) {
	d := &discovery{
		cfg: opts.Config, workDir: opts.WorkDir, follow: opts.FollowExternalSymlinks, ignored: opts.Ignored,
		// filepath.Abs asks the system for the working directory on every
		// call (two stats): on a large tree, more than linting a cached
		// run. It is read once here.
		absOf: absFunc(), trees: map[string]*tree{}, seen: map[string]bool{},
		ignores: newIgnores(opts),
	}
	workDir := opts.WorkDir
	if workDir == "" {
		workDir = d.absOf(".")
	}
	d.baseRoot = confine.Root(workDir)
	if t, err := newTree(d.baseRoot, "the working directory"); err == nil {
		d.base = t
	}
	for _, p := range opts.Paths {
		if p == StdinPath {
			name := opts.StdinFilename
			if name == "" {
				name = "<stdin>"
			}
			d.files = append(d.files, target{path: StdinPath, display: filepath.ToSlash(name)})
			continue
		}
		d.argument(p)
	}
	return d.files, d.errs
}

// newTree returns the tree at root, named for errors "the repository" when
// root holds a .git entry, else other.
func newTree(root, other string) (*tree, error) {
	t, err := confine.NewTree(root)
	if err != nil {
		return nil, err
	}
	name := other
	if _, err := os.Lstat(filepath.Join(root, ".git")); err == nil {
		name = "the repository"
	}
	return &tree{Tree: t, name: name}, nil
}

// treeFor returns the tree a path argument is confined to: the working
// directory's when the argument lies in it, else the one holding the
// argument (its repository, else its directory): a path the user names
// outside the working directory is theirs to lint, but its links may not
// lead further out.
func (d *discovery) treeFor(abs string, isDir bool) (*tree, error) {
	if d.base != nil && (confine.Within(d.baseRoot, abs) || confine.Within(d.base.Dir(), abs)) {
		return d.base, nil
	}
	start := abs
	if !isDir {
		start = filepath.Dir(abs)
	}
	root := confine.Root(start)
	if t, ok := d.trees[root]; ok {
		return t, nil
	}
	t, err := newTree(root, "the directory linted")
	if err != nil {
		return nil, err
	}
	d.trees[root] = t
	return t, nil
}

// argument expands one path argument: a file is linted whatever its
// extension; a directory is walked for Markdown files and must hold one.
func (d *discovery) argument(p string) {
	abs := d.absOf(p)
	st, err := os.Stat(p)
	if err != nil {
		d.fileError(p, abs, describeOpenError(err))
		return
	}
	if !st.IsDir() && d.argIgnored(abs) {
		if d.ignored != nil {
			d.ignored(displayPath(d.workDir, abs, p))
		}
		return
	}
	if !st.IsDir() && !st.Mode().IsRegular() {
		// Never read, wherever it leads (/dev/stdin's pipe has no path).
		d.fileError(p, abs, describeOpenError(confine.NotRegular(st.Mode())))
		return
	}
	t, err := d.treeFor(abs, st.IsDir())
	if err != nil {
		d.fileError(p, abs, describeOpenError(err))
		return
	}
	real, inside, err := t.Contains(resolvable(p, abs))
	switch {
	case err != nil:
		d.fileError(p, abs, describeOpenError(err))
	case !inside && !d.follow && st.IsDir():
		d.errs = append(d.errs, result.FileError{Path: displayPath(d.workDir, abs, p), Message: outsideMessage("directory", t)})
	case !inside && !d.follow:
		d.fileError(p, abs, outsideMessage("file", t))
	case st.IsDir():
		d.walk(p, t)
	default:
		d.add(target{path: p, abs: abs, open: real, root: t.Dir()})
	}
}

// resolvable returns the form of path to resolve: abs, made with the
// working directory read once (filepath.Abs asks for it again each time),
// unless path has a ".." component, which only the system resolves right
// after a link ("link/../x" is beside the link's target).
func resolvable(path, abs string) string {
	for _, c := range strings.Split(filepath.ToSlash(path), "/") {
		if c == ".." {
			return path
		}
	}
	return abs
}

// outsideMessage is the error of a link to a file or directory outside t.
func outsideMessage(kind string, t *tree) string {
	return fmt.Sprintf("a symbolic link to a %s outside %s: not read (a link in the content must not expose other files; --follow-external-symlinks reads it)", kind, t.name)
}

// walk adds the Markdown files below the directory p, which lies in t (or
// is read with --follow-external-symlinks), and reports a directory that
// yields none.
func (d *discovery) walk(p string, t *tree) {
	root := p
	if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
		// A link to a directory is walked as the directory: "LINK/" makes
		// the walk's own Lstat follow it, and files are still LINK/...
		root = p + string(filepath.Separator)
	}
	before, found, ignored := len(d.errs), 0, 0
	walkErr := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			d.errs = append(d.errs, result.FileError{Path: DisplayPath(d.workDir, path), Message: describeOpenError(err)})
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := e.Name()
		if e.IsDir() {
			if path != root && (SkipsDir(name) || d.walkIgnored(path, true)) {
				return fs.SkipDir
			}
			return nil
		}
		if !IsMarkdown(name) {
			return nil
		}
		if d.walkIgnored(path, false) {
			ignored++
			return nil
		}
		if d.entry(path, e, t) {
			found++
		}
		return nil
	})
	if walkErr != nil {
		d.errs = append(d.errs, result.FileError{Path: DisplayPath(d.workDir, p), Message: walkErr.Error()})
	}
	if found == 0 && len(d.errs) == before {
		d.errs = append(d.errs, result.FileError{Path: DisplayPath(d.workDir, p), Message: noMarkdown(DisplayPath(d.workDir, p), ignored)})
	}
}

// noMarkdown is the error of a directory argument that yields no file:
// linting nothing must not pass for a clean run.
func noMarkdown(display string, ignored int) string {
	msg := "no Markdown files in " + display
	if ignored > 0 {
		return fmt.Sprintf("%s: its %d Markdown %s the ignore globs of the config or an ignore file (.gitignore, .medlintignore; --no-ignore reads none) (nothing was linted)", msg, ignored, plural(ignored, "file matches", "files match"))
	}
	return msg + " (no .md, .markdown or .mdx file outside hidden, node_modules and vendor directories: nothing was linted)"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// entry adds a Markdown file the walk found, and reports whether it
// counts as found (a link to a directory does not: it is not followed).
func (d *discovery) entry(path string, e fs.DirEntry, t *tree) bool {
	abs := d.absOf(path)
	typ := e.Type()
	if typ.IsRegular() {
		// Not a link, in a directory of t: inside it.
		d.add(target{path: path, abs: abs, open: path, root: t.Dir()})
		return true
	}
	if typ&fs.ModeSymlink == 0 {
		d.fileError(path, abs, describeOpenError(confine.NotRegular(typ)))
		return true
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		d.fileError(path, abs, describeOpenError(err))
		return true
	case st.IsDir():
		return false // never follow directory links: no loops
	case !st.Mode().IsRegular():
		d.fileError(path, abs, describeOpenError(confine.NotRegular(st.Mode())))
		return true
	}
	real, inside, err := t.Contains(resolvable(path, abs))
	switch {
	case err != nil:
		d.fileError(path, abs, describeOpenError(err))
	case !inside && !d.follow:
		d.fileError(path, abs, outsideMessage("file", t))
	default:
		d.add(target{path: path, abs: abs, open: real, root: t.Dir()})
	}
	return true
}

// add appends a file once, however many arguments reach it.
func (d *discovery) add(t target) {
	if d.seen[t.abs] {
		return
	}
	d.seen[t.abs] = true
	t.display = displayPath(d.workDir, t.abs, t.path)
	d.files = append(d.files, t)
}

// fileError adds a file that cannot be linted: it is counted among the
// files and listed in the report, with its error.
func (d *discovery) fileError(path, abs, msg string) {
	d.add(target{path: path, abs: abs, err: msg})
}

func describeOpenError(err error) string {
	switch {
	case errors.Is(err, confine.ErrNotRegular):
		return err.Error() + ": not read (medlint lints regular files only)"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory (check the path)"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (check the file's permissions)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("cannot read: %v", pe.Err)
	}
	return err.Error()
}

// DisplayPath returns path relative to workDir when it lies inside it,
// with forward slashes.
func DisplayPath(workDir, path string) string {
	if path == StdinPath {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = ""
	}
	return displayPath(workDir, abs, path)
}

// displayPath is DisplayPath for a path whose absolute form is known
// ("" if it could not be made absolute).
func displayPath(workDir, abs, path string) string {
	if abs != "" && workDir != "" {
		if rel, err := filepath.Rel(workDir, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// absFunc returns filepath.Abs with the working directory read once.
func absFunc() func(string) string {
	wd, err := os.Getwd()
	return func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		if err == nil && runtime.GOOS != "windows" { // Windows has drive-relative paths: ask it
			return filepath.Join(wd, p)
		}
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	}
}
