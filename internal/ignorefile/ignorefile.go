// Package ignorefile decides which paths the ignore files of a tree
// exclude from a walk: .gitignore files at the root of a git work tree and
// in any folder below it, its .git/info/exclude, and .medlintignore files
// (same syntax, read in and outside git work trees), with git's semantics:
// a later line wins over an earlier one, a deeper file over a shallower
// one, and a .medlintignore over the .gitignore beside it; "!" re-includes,
// a trailing "/" matches folders only, a "/" at the start or in the middle
// anchors the pattern to the file's folder, "**" matches any number of
// folders. Patterns are matched by go-git's gitignore package.
package ignorefile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Names are the ignore files read in each folder, lowest priority first.
var Names = []string{".gitignore", Medlint}

// Medlint is medlint's own ignore file.
const Medlint = ".medlintignore"

// maxFileSize bounds an ignore file read: 4 MB (a larger one is not read).
const maxFileSize = 4 << 20

// Matcher answers Ignored for the paths of any tree, reading each folder's
// ignore files once. Safe for concurrent use.
type Matcher struct {
	mu sync.Mutex
	// dirs maps an absolute folder to the patterns that apply to the
	// paths in it, outermost first.
	dirs map[string]*folder
}

// folder is what applies in one folder: the patterns of its ignore files
// and its parents', and the folder they are relative to.
type folder struct {
	top      string
	patterns []gitignore.Pattern
	// excluded reports that the folder or one above it is excluded.
	excluded bool
}

// New returns a Matcher.
func New() *Matcher { return &Matcher{dirs: map[string]*folder{}} }

// Ignored reports whether the ignore files exclude the file or folder at
// path (isDir: a folder). A path whose folder is excluded is excluded
// too: git never looks below an excluded folder.
func (m *Matcher) Ignored(path string, isDir bool) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	m.mu.Lock()
	f := m.folder(filepath.Dir(abs))
	m.mu.Unlock()
	return f.excluded || matches(f, abs, isDir)
}

// matches reports whether the patterns of f exclude path.
func matches(f *folder, path string, isDir bool) bool {
	if len(f.patterns) == 0 {
		return false
	}
	rel, err := filepath.Rel(f.top, path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	return gitignore.NewMatcher(f.patterns).Match(strings.Split(filepath.ToSlash(rel), "/"), isDir)
}

// folder returns what applies in dir (m.mu held).
func (m *Matcher) folder(dir string) *folder {
	if f, ok := m.dirs[dir]; ok {
		return f
	}
	var f *folder
	parent := filepath.Dir(dir)
	switch {
	case isRepoRoot(dir):
		// A work tree's root: the folders above it do not apply.
		f = &folder{top: dir, patterns: readPatterns(filepath.Join(dir, ".git", "info", "exclude"), nil)}
		f.patterns = append(f.patterns, own(dir, nil, true)...)
	case parent == dir:
		f = &folder{top: dir, patterns: own(dir, nil, false)}
	default:
		up := m.folder(parent)
		rel, err := filepath.Rel(up.top, dir)
		if err != nil {
			rel = "."
		}
		domain := strings.Split(filepath.ToSlash(rel), "/")
		inRepo := isRepoRoot(up.top)
		f = &folder{top: up.top, patterns: append(append([]gitignore.Pattern(nil), up.patterns...), own(dir, domain, inRepo)...)}
		// A folder is judged by the files above it, not its own.
		f.excluded = up.excluded || matches(up, dir, true)
	}
	m.dirs[dir] = f
	return f
}

// own returns the patterns of dir's own ignore files, relative to domain:
// .gitignore only inside a git work tree, as git reads it.
func own(dir string, domain []string, inRepo bool) []gitignore.Pattern {
	var out []gitignore.Pattern
	for _, name := range Names {
		if name == ".gitignore" && !inRepo {
			continue
		}
		out = append(out, readPatterns(filepath.Join(dir, name), domain)...)
	}
	return out
}

// isRepoRoot reports whether dir holds .git (a folder, or the file of a
// worktree or submodule).
func isRepoRoot(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// readPatterns reads the ignore file at path; a missing or unreadable one
// has no patterns.
func readPatterns(path string, domain []string) []gitignore.Pattern {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxFileSize {
		return nil
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxFileSize))
	if err != nil {
		return nil
	}
	return Parse(data, domain)
}

// Parse returns the patterns of an ignore file's content, relative to the
// folder domain (path components below the tree's top): blank lines and
// comments skipped, a byte order mark and CRLF line ends allowed.
func Parse(data []byte, domain []string) []gitignore.Pattern {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out []gitignore.Pattern
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, gitignore.ParsePattern(line, domain))
	}
	return out
}
