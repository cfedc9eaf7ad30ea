package confine

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func touch(t *testing.T, p string) {
	t.Helper()
	mkdir(t, filepath.Dir(p))
	if err := os.WriteFile(p, []byte("# x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	mkdir(t, filepath.Dir(link))
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// realTemp is t.TempDir with its own links resolved (TMPDIR may be one).
func realTemp(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRoot(t *testing.T) {
	t.Parallel()
	base := realTemp(t)
	repo := filepath.Join(base, "repo")
	mkdir(t, filepath.Join(repo, ".git"))
	mkdir(t, filepath.Join(repo, "docs", "deep"))
	worktree := filepath.Join(base, "worktree")
	touch(t, filepath.Join(worktree, ".git")) // a worktree's .git is a file
	mkdir(t, filepath.Join(worktree, "sub"))
	plain := filepath.Join(base, "plain", "dir")
	mkdir(t, plain)
	tests := []struct{ workDir, want string }{
		{repo, repo},
		{filepath.Join(repo, "docs", "deep"), repo},
		{filepath.Join(worktree, "sub"), worktree},
		{plain, plain},
		{plain + "/./", plain},
	}
	for _, tt := range tests {
		if got := Root(tt.workDir); got != tt.want {
			t.Errorf("Root(%s) = %s, want %s", tt.workDir, got, tt.want)
		}
	}
}

func TestTreeContains(t *testing.T) {
	t.Parallel()
	base := realTemp(t)
	root := filepath.Join(base, "repo")
	outside := filepath.Join(base, "secret")
	touch(t, filepath.Join(root, "a.md"))
	touch(t, filepath.Join(root, "docs", "b.md"))
	touch(t, filepath.Join(outside, "credentials"))
	touch(t, filepath.Join(outside, "x.md"))
	symlink(t, "a.md", filepath.Join(root, "in.md"))
	symlink(t, "../docs/b.md", filepath.Join(root, "sub", "up.md"))
	symlink(t, filepath.Join(outside, "credentials"), filepath.Join(root, "notes.md"))
	symlink(t, "../secret/credentials", filepath.Join(root, "rel-out.md"))
	symlink(t, "docs", filepath.Join(root, "docs-link"))
	symlink(t, outside, filepath.Join(root, "out-dir"))
	symlink(t, "missing.md", filepath.Join(root, "dangling.md"))
	// out-dir/../a.md is beside out-dir's target (base/a.md), not root/a.md.
	touch(t, filepath.Join(base, "a.md"))
	tree, err := NewTree(root)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path   string
		real   string
		inside bool
		err    bool
	}{
		{path: filepath.Join(root, "a.md"), real: filepath.Join(root, "a.md"), inside: true},
		{path: root, real: root, inside: true},
		{path: filepath.Join(root, "in.md"), real: filepath.Join(root, "a.md"), inside: true},
		{path: filepath.Join(root, "sub", "up.md"), real: filepath.Join(root, "docs", "b.md"), inside: true},
		{path: filepath.Join(root, "docs-link", "b.md"), real: filepath.Join(root, "docs", "b.md"), inside: true},
		{path: filepath.Join(root, "notes.md"), real: filepath.Join(outside, "credentials")},
		{path: filepath.Join(root, "rel-out.md"), real: filepath.Join(outside, "credentials")},
		{path: filepath.Join(root, "out-dir"), real: outside},
		{path: filepath.Join(root, "out-dir", "x.md"), real: filepath.Join(outside, "x.md")},
		{path: root + "/out-dir/../a.md", real: filepath.Join(base, "a.md")}, // not joined: Join would clean the ".."
		{path: filepath.Join(base, "a.md"), real: filepath.Join(base, "a.md")},
		{path: filepath.Join(root, "dangling.md"), err: true},
		{path: filepath.Join(root, "nope.md"), err: true},
	}
	for _, tt := range tests {
		real, inside, err := tree.Contains(tt.path)
		if (err != nil) != tt.err {
			t.Errorf("Contains(%s): err %v, want error %v", tt.path, err, tt.err)
			continue
		}
		if real != tt.real || inside != tt.inside {
			t.Errorf("Contains(%s) = %s, %v; want %s, %v", tt.path, real, inside, tt.real, tt.inside)
		}
		_, cerr := tree.Check(tt.path)
		if !tt.err && errors.Is(cerr, ErrOutside) == tt.inside {
			t.Errorf("Check(%s) = %v", tt.path, cerr)
		}
	}
	// Inside resolves a root given through a link, too.
	symlink(t, root, filepath.Join(base, "repo-link"))
	for path, want := range map[string]bool{filepath.Join(root, "in.md"): true, filepath.Join(root, "notes.md"): false} {
		if got, err := Inside(filepath.Join(base, "repo-link"), path); err != nil || got != want {
			t.Errorf("Inside(repo-link, %s) = %v, %v; want %v", path, got, err, want)
		}
	}
	if _, err := NewTree(filepath.Join(base, "no-such-dir")); err == nil {
		t.Error("NewTree of a missing directory: no error")
	}
}

func TestWithin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		root, path string
		want       bool
	}{
		{"/repo", "/repo", true},
		{"/repo", "/repo/a.md", true},
		{"/repo", "/repo/..a.md", true},
		{"/repo", "/repo-other/a.md", false},
		{"/repo", "/", false},
		{"/repo", "/etc/passwd", false},
		{"/", "/etc/passwd", true},
	}
	for _, tt := range tests {
		if got := Within(filepath.FromSlash(tt.root), filepath.FromSlash(tt.path)); got != tt.want {
			t.Errorf("Within(%s, %s) = %v", tt.root, tt.path, got)
		}
	}
}

func TestReadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	touch(t, p)
	data, st, err := ReadFile(p)
	if err != nil || string(data) != "# x\n" || st.Size() != 4 {
		t.Fatalf("ReadFile = %q, %v, %v", data, st, err)
	}
	if _, _, err := ReadFile(dir); !errors.Is(err, ErrNotRegular) {
		t.Errorf("ReadFile(dir) = %v", err)
	}
}
