package report

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// FindRepoRoot returns the nearest directory at or above dir that holds a
// .git entry (a directory, or a file in a worktree or submodule), or dir
// itself when there is none.
func FindRepoRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
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

// repoPath returns a finding's display path relative to the repository
// root, with forward slashes, and whether it lies inside the root. A path
// outside it comes back absolute; standard input as it was given.
func (o Options) repoPath(display string) (string, bool) {
	if display == "-" || display == "" || strings.HasPrefix(display, "<") {
		return display, false
	}
	root := o.RepoRoot
	if root == "" {
		root = o.WorkDir
	}
	if root == "" {
		return filepath.ToSlash(display), !filepath.IsAbs(display)
	}
	p := filepath.FromSlash(display)
	if !filepath.IsAbs(p) {
		p = filepath.Join(o.WorkDir, p)
	}
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		// Outside the repository: an absolute path, which a reader can
		// still open.
		return filepath.ToSlash(p), false
	}
	return filepath.ToSlash(rel), true
}

// fileURI turns a path into a URI reference: a relative reference for a
// path inside the repository (each segment percent-encoded), a file: URI
// for an absolute path elsewhere.
func fileURI(path string, inRepo bool) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	escaped := strings.Join(segs, "/")
	if !inRepo && filepath.IsAbs(filepath.FromSlash(path)) {
		if !strings.HasPrefix(escaped, "/") {
			escaped = "/" + escaped // Windows drive paths
		}
		return "file://" + escaped
	}
	if i := strings.IndexByte(escaped, ':'); i >= 0 && !strings.Contains(escaped[:i], "/") {
		// A colon in the first segment would read as a scheme.
		escaped = "./" + escaped
	}
	return escaped
}
