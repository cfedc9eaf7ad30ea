// Package gitchanges asks the git command which files and lines changed: the
// files that differ from a revision (plus untracked ones) and the lines a
// diff added or changed. It runs git through os/exec and parses its
// machine-readable output; there is no git library.
package gitchanges

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ErrNotRepository is returned when a directory is not inside a git work
// tree (or git is not installed).
var ErrNotRepository = errors.New("not inside a git repository")

// emptyTree is git's well-known empty tree object: the base for a
// repository without commits, where every file is new.
const emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

// Repo is a git work tree.
type Repo struct {
	// Root is the absolute path of the work tree's top directory.
	Root string
}

// Open returns the repository holding dir.
func Open(dir string) (*Repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("%w: the git command is not installed", ErrNotRepository)
	}
	out, err := run(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", ErrNotRepository, dir)
	}
	root := strings.TrimRight(string(out), "\r\n")
	if root == "" {
		return nil, fmt.Errorf("%w (%s is not in a work tree)", ErrNotRepository, dir)
	}
	return &Repo{Root: filepath.Clean(filepath.FromSlash(root))}, nil
}

// run runs git in dir and returns its standard output; an error carries
// git's standard error.
func run(dir string, args ...string) ([]byte, error) {
	full := append([]string{"-c", "core.quotePath=false", "--no-pager"}, args...)
	cmd := exec.Command("git", full...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return stdout.Bytes(), nil
}

func (r *Repo) git(args ...string) ([]byte, error) { return run(r.Root, args...) }

// hasCommit reports whether rev names a commit.
func (r *Repo) hasCommit(rev string) bool {
	_, err := r.git("rev-parse", "--verify", "--quiet", rev+"^{commit}")
	return err == nil
}

// DefaultBase returns the revision --changed compares against when none is
// given: the merge-base of HEAD with the default branch (origin/HEAD, then
// main, then master, locally or on origin), else HEAD; in a repository
// without commits, the empty tree.
func (r *Repo) DefaultBase() (string, error) {
	if !r.hasCommit("HEAD") {
		return emptyTree, nil
	}
	candidates := []string{}
	if out, err := r.git("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"); err == nil {
		if ref := strings.TrimSpace(string(out)); ref != "" {
			candidates = append(candidates, ref)
		}
	}
	candidates = append(candidates, "refs/heads/main", "refs/heads/master", "refs/remotes/origin/main", "refs/remotes/origin/master")
	for _, ref := range candidates {
		if !r.hasCommit(ref) {
			continue
		}
		out, err := r.git("merge-base", "HEAD", ref)
		if err != nil {
			continue // unrelated histories
		}
		if base := strings.TrimSpace(string(out)); base != "" {
			return base, nil
		}
	}
	return "HEAD", nil
}

// Verify checks that rev names a commit (or is the empty tree).
func (r *Repo) Verify(rev string) error {
	if rev == emptyTree || r.hasCommit(rev) {
		return nil
	}
	return fmt.Errorf("unknown revision %q (want a commit, branch or tag of %s)", rev, r.Root)
}

// Changed returns the absolute paths of the files that differ between rev
// and the work tree (added, copied, modified, renamed or type-changed;
// staged or not), plus untracked files that are not ignored, sorted.
// Deleted files are left out.
func (r *Repo) Changed(rev string) ([]string, error) {
	diff, err := r.git("diff", "--name-only", "-z", "--no-ext-diff", "--diff-filter=ACMRT", rev, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := r.git("ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]byte{diff, untracked} {
		for _, name := range strings.Split(string(list), "\x00") {
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			out = append(out, filepath.Join(r.Root, filepath.FromSlash(name)))
		}
	}
	sort.Strings(out)
	return out, nil
}

// Lines is a set of 1-based line numbers; All marks a file that is new as
// a whole (untracked or added), every line of which counts as changed.
// The set is kept as the hunks' ranges, not line by line, so that a hunk
// header claiming billions of lines costs nothing.
type Lines struct {
	All    bool
	ranges []lineRange
}

// lineRange is the lines start .. start+count-1.
type lineRange struct{ start, count int }

// Has reports whether line n is in the set.
func (l *Lines) Has(n int) bool {
	if l == nil {
		return false
	}
	if l.All {
		return true
	}
	for _, r := range l.ranges {
		if n >= r.start && n-r.start < r.count {
			return true
		}
	}
	return false
}

// ChangedLines maps each changed file (absolute path, as Changed returns
// it) to the lines of the work tree that the diff against rev added or
// changed. Untracked files count as wholly new.
func (r *Repo) ChangedLines(rev string) (map[string]*Lines, error) {
	diff, err := r.git("diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--diff-filter=ACMRT", rev, "--")
	if err != nil {
		return nil, err
	}
	parsed, err := ParseUnified(diff)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Lines, len(parsed))
	for name, l := range parsed {
		out[filepath.Join(r.Root, filepath.FromSlash(name))] = l
	}
	untracked, err := r.git("ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	for _, name := range strings.Split(string(untracked), "\x00") {
		if name != "" {
			out[filepath.Join(r.Root, filepath.FromSlash(name))] = &Lines{All: true}
		}
	}
	return out, nil
}

// ParseUnified parses `git diff -U0` output into the added or changed
// lines of each new-side file (paths as git prints them, relative to the
// repository root). A file git reports as new (from /dev/null) is marked
// All; binary files have no lines.
func ParseUnified(diff []byte) (map[string]*Lines, error) {
	out := map[string]*Lines{}
	var cur *Lines
	newFile := false
	for ln, line := range strings.Split(string(diff), "\n") {
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur, newFile = nil, false
		case strings.HasPrefix(line, "new file mode"):
			newFile = true
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimSuffix(strings.TrimPrefix(line, "+++ "), "\t")
			if name == "/dev/null" {
				cur = nil
				continue
			}
			name, err := unquote(name)
			if err != nil {
				return nil, fmt.Errorf("diff line %d: %w", ln+1, err)
			}
			name = strings.TrimPrefix(name, "b/")
			cur = &Lines{All: newFile}
			out[name] = cur
		case strings.HasPrefix(line, "@@ "):
			if cur == nil {
				continue
			}
			start, count, err := parseHunk(line)
			if err != nil {
				return nil, fmt.Errorf("diff line %d: %w", ln+1, err)
			}
			if count > 0 {
				cur.ranges = append(cur.ranges, lineRange{start, count})
			}
		}
	}
	return out, nil
}

// parseHunk reads the new-side range of a hunk header
// "@@ -a[,b] +c[,d] @@ ...": lines c .. c+d-1 (d defaults to 1; d == 0
// means the hunk only deleted lines).
func parseHunk(line string) (start, count int, err error) {
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, fmt.Errorf("malformed hunk header %q", line)
	}
	spec := strings.TrimPrefix(fields[2], "+")
	count = 1
	if i := strings.IndexByte(spec, ','); i >= 0 {
		if count, err = strconv.Atoi(spec[i+1:]); err != nil {
			return 0, 0, fmt.Errorf("malformed hunk header %q: %w", line, err)
		}
		spec = spec[:i]
	}
	if start, err = strconv.Atoi(spec); err != nil {
		return 0, 0, fmt.Errorf("malformed hunk header %q: %w", line, err)
	}
	if start < 0 || count < 0 {
		return 0, 0, fmt.Errorf("malformed hunk header %q", line)
	}
	return start, count, nil
}

// unquote undoes git's C-style quoting of unusual path names
// ("b/caf\303\251.md"); unquoted names come back unchanged.
func unquote(name string) (string, error) {
	if !strings.HasPrefix(name, `"`) {
		return name, nil
	}
	s, err := strconv.Unquote(name)
	if err != nil {
		return "", fmt.Errorf("cannot unquote path %s: %w", name, err)
	}
	return s, nil
}
