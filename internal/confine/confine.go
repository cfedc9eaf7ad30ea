// Package confine keeps medlint inside the tree it was pointed at: it finds
// that tree (the git work tree, else the working directory), says whether
// a path's real path — every symbolic link resolved — lies inside it, and
// opens files for reading without ever blocking on a named pipe or a
// device.
//
// A pull request can add notes.md -> ~/.aws/credentials; linting must not
// put that file's lines into a published report, and --fix must not write
// through such a link. Readers (the engine, merge) and the writer (--fix)
// decide with the same code.
package confine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ErrOutside is wrapped by the errors of paths whose real path lies outside
// their tree.
var ErrOutside = errors.New("outside the repository")

// Root returns the tree a run in workDir is confined to: the nearest
// directory at or above workDir holding a .git entry (a directory, or the
// file of a worktree or submodule), else workDir itself. The result is
// absolute and clean; symbolic links in it are not resolved (NewTree does
// that). Git is not run: a .git entry is all it looks for.
func Root(workDir string) string {
	abs, err := filepath.Abs(workDir)
	if err != nil {
		return filepath.Clean(workDir)
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}

// Tree is a directory known by its real path. Its methods are safe for
// concurrent use.
type Tree struct {
	dir string

	mu sync.Mutex
	// dirs caches the real paths of the directories Resolve has met, so
	// that the files of one directory cost one lstat each.
	dirs map[string]string
}

// NewTree returns the tree rooted at root, whose symbolic links it
// resolves. The error names root.
func NewTree(root string) (*Tree, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", root, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", root, err)
	}
	return &Tree{dir: real, dirs: map[string]string{}}, nil
}

// Dir returns the real path of the tree's root.
func (t *Tree) Dir() string { return t.dir }

// Resolve returns the real path of path: absolute, with every symbolic
// link resolved (path need not lie in the tree). Errors are those of the
// file system: a missing file, a dangling link, a permission.
func (t *Tree) Resolve(path string) (string, error) {
	if hasDotDot(path) {
		// "link/../x" names x beside the link's target, not beside the
		// link: only a component-by-component resolution gets it right.
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", err
		}
		return filepath.Abs(real)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	st, err := os.Lstat(abs)
	if err != nil {
		return "", err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return filepath.EvalSymlinks(abs)
	}
	dir := filepath.Dir(abs)
	if dir == abs {
		return abs, nil // the file-system root
	}
	realDir, err := t.realDir(dir)
	if err != nil {
		return "", err
	}
	return filepath.Join(realDir, filepath.Base(abs)), nil
}

func (t *Tree) realDir(dir string) (string, error) {
	t.mu.Lock()
	real, ok := t.dirs[dir]
	t.mu.Unlock()
	if ok {
		return real, nil
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	t.mu.Lock()
	t.dirs[dir] = real
	t.mu.Unlock()
	return real, nil
}

// Contains resolves path (see Resolve) and reports whether its real path
// is the tree's root or lies below it. The real path is returned either
// way; an error means path could not be resolved.
func (t *Tree) Contains(path string) (real string, inside bool, err error) {
	real, err = t.Resolve(path)
	if err != nil {
		return "", false, err
	}
	return real, Within(t.dir, real), nil
}

// Check is Contains as an error: nil when path's real path lies inside the
// tree, an error wrapping ErrOutside when it does not, the file system's
// error when path cannot be resolved. It returns the real path.
func (t *Tree) Check(path string) (string, error) {
	real, inside, err := t.Contains(path)
	if err != nil {
		return "", err
	}
	if !inside {
		return real, fmt.Errorf("%s: its real path is %w", path, ErrOutside)
	}
	return real, nil
}

// Inside reports whether the real path of path lies inside the real path
// of root: NewTree and Contains for a single question.
func Inside(root, path string) (bool, error) {
	t, err := NewTree(root)
	if err != nil {
		return false, err
	}
	_, inside, err := t.Contains(path)
	return inside, err
}

// Within reports whether path is root or lies below it, comparing the
// paths as they are written (both absolute and clean; resolve them first
// to compare real paths).
func Within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil || filepath.IsAbs(rel) {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// hasDotDot reports whether path has a ".." component.
func hasDotDot(path string) bool {
	for _, c := range strings.FieldsFunc(path, func(r rune) bool { return os.IsPathSeparator(uint8(r)) }) {
		if c == ".." {
			return true
		}
	}
	return false
}
