package gitchanges_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/medlint/medlint/internal/gitchanges"
	"github.com/medlint/medlint/internal/gitchanges/gittest"
)

func lineList(l *gitchanges.Lines, upTo int) []int {
	var out []int
	for n := 1; n <= upTo; n++ {
		if l.Has(n) {
			out = append(out, n)
		}
	}
	return out
}

func TestParseUnified(t *testing.T) {
	t.Parallel()
	diff := `diff --git a/a.md b/a.md
index 1111111..2222222 100644
--- a/a.md
+++ b/a.md
@@ -2,0 +3,2 @@ # Title
+new line 3
+new line 4
@@ -10 +12 @@ context
-old
+changed line 12
@@ -20,3 +21,0 @@
-deleted
-deleted
-deleted
diff --git a/dir with space/b.md b/dir with space/b.md
--- a/dir with space/b.md	
+++ b/dir with space/b.md	
@@ -1 +1 @@
-x
+y
diff --git "a/caf\303\251 \"q\".md" "b/caf\303\251 \"q\".md"
--- "a/caf\303\251 \"q\".md"
+++ "b/caf\303\251 \"q\".md"
@@ -5,0 +6 @@
+z
diff --git a/new.md b/new.md
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.md
@@ -0,0 +1,2 @@
+a
+b
diff --git a/gone.md b/gone.md
deleted file mode 100644
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
`
	got, err := gitchanges.ParseUnified([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(got))
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	if want := []string{"a.md", "café \"q\".md", "dir with space/b.md", "new.md"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("files = %q, want %q", names, want)
	}
	for name, want := range map[string][]int{
		"a.md":                {3, 4, 12},
		"dir with space/b.md": {1},
		"café \"q\".md":       {6},
	} {
		if l := lineList(got[name], 40); !reflect.DeepEqual(l, want) {
			t.Errorf("%s: lines %v, want %v", name, l, want)
		}
	}
	if !got["new.md"].All || !got["new.md"].Has(99) {
		t.Error("new.md: a new file should count as changed throughout")
	}
	var none *gitchanges.Lines
	if none.Has(1) {
		t.Error("nil Lines has a line")
	}
}

// TestParseUnifiedHugeHunk is the fuzzer's find: a hunk header claiming
// 10^18 lines must cost no more than a small one.
func TestParseUnifiedHugeHunk(t *testing.T) {
	t.Parallel()
	got, err := gitchanges.ParseUnified([]byte("+++ b/a.md\n@@ -1,2 +3,1000000000000000000 @@\n+x\n"))
	if err != nil {
		t.Fatal(err)
	}
	l := got["a.md"]
	for n, want := range map[int]bool{2: false, 3: true, 1e17: true, 1e18 + 2: true, 1e18 + 3: false} {
		if l.Has(n) != want {
			t.Errorf("Has(%d) = %v, want %v", n, !want, want)
		}
	}
}

func TestParseUnifiedErrors(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{
		"+++ b/a.md\n@@ -1 +x @@\n",
		"+++ b/a.md\n@@ -1 +1,y @@\n",
		"+++ b/a.md\n@@ garbage\n",
		"+++ \"b/unterminated\n",
	} {
		if _, err := gitchanges.ParseUnified([]byte(bad)); err == nil {
			t.Errorf("ParseUnified(%q) succeeded", bad)
		}
	}
}

func FuzzParseUnified(f *testing.F) {
	f.Add([]byte("+++ b/a.md\n@@ -1,2 +3,4 @@\n+x\n"))
	f.Add([]byte("diff --git a/x b/x\nnew file mode 100644\n+++ \"b/\\303\\251\"\n@@ -0,0 +1 @@\n"))
	f.Add([]byte("@@ -1 +1 @@\n+++ /dev/null\n@@ -1 +0,0 @@\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := gitchanges.ParseUnified(data)
		if err != nil {
			return
		}
		for name, l := range got {
			if l == nil {
				t.Fatalf("nil Lines for %q", name)
			}
			l.Has(1) // ranges, however large, answer at once
		}
	})
}

func TestOpenOutsideRepository(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := gitchanges.Open(dir)
	if !errors.Is(err, gitchanges.ErrNotRepository) {
		t.Fatalf("Open(%s) = %v, want ErrNotRepository", dir, err)
	}
}

func TestChangedAndLines(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Write("a.md", "# A\n\none\ntwo\nthree\n")
	r.Write("b.md", "# B\n")
	r.Write("gone.md", "# Gone\n")
	r.Write(".gitignore", "ignored.md\n")
	base := r.Commit("base")
	r.Write("a.md", "# A\n\none\nTWO\nthree\nfour\n")
	r.Write("sub/new file.md", "# New\n")
	r.Write("ignored.md", "# Ignored\n")
	r.Git("rm", "--quiet", "gone.md")
	r.Write("staged.md", "# Staged\n")
	r.Git("add", "staged.md")

	repo, err := gitchanges.Open(filepath.Join(r.Dir, "sub"))
	if err != nil {
		t.Fatal(err)
	}
	if repo.Root != r.Dir {
		t.Errorf("Root = %s, want %s", repo.Root, r.Dir)
	}
	files, err := repo.Changed(base)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{r.Path("a.md"), r.Path("staged.md"), r.Path("sub/new file.md")}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("Changed = %q, want %q", files, want)
	}
	lines, err := repo.ChangedLines(base)
	if err != nil {
		t.Fatal(err)
	}
	if got := lineList(lines[r.Path("a.md")], 10); !reflect.DeepEqual(got, []int{4, 6}) {
		t.Errorf("a.md changed lines = %v, want [4 6]", got)
	}
	for _, name := range []string{"staged.md", "sub/new file.md"} {
		if l := lines[r.Path(name)]; l == nil || !l.All {
			t.Errorf("%s: want every line new, got %+v", name, l)
		}
	}
	if _, ok := lines[r.Path("b.md")]; ok {
		t.Error("b.md is unchanged but has changed lines")
	}
	if err := repo.Verify("no-such-branch"); err == nil {
		t.Error("Verify accepted an unknown revision")
	}
	if err := repo.Verify(base); err != nil {
		t.Errorf("Verify(%s): %v", base, err)
	}
}

func TestDefaultBase(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	repo, err := gitchanges.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	// No commit yet: the empty tree, so every file counts as new.
	base, err := repo.DefaultBase()
	if err != nil {
		t.Fatal(err)
	}
	r.Write("a.md", "# A\n")
	files, err := repo.Changed(base)
	if err != nil || len(files) != 1 {
		t.Fatalf("Changed(%s) in an empty repository = %v, %v; want a.md", base, files, err)
	}

	first := r.Commit("first")
	r.Git("checkout", "--quiet", "-b", "feature")
	r.Write("a.md", "# A\n\nmore\n")
	r.Commit("feature work")
	r.Git("checkout", "--quiet", "main")
	r.Write("b.md", "# B\n")
	r.Commit("main moves on")
	r.Git("checkout", "--quiet", "feature")
	// On feature: the merge-base with main is the fork point, not main's tip.
	if base, err = repo.DefaultBase(); err != nil || base != first {
		t.Errorf("DefaultBase on a feature branch = %s, %v; want the fork point %s", base, err, first)
	}

	// Without main or master: HEAD.
	r.Git("branch", "--quiet", "-m", "main", "trunk")
	if base, err = repo.DefaultBase(); err != nil || base != "HEAD" {
		t.Errorf("DefaultBase without a default branch = %s, %v; want HEAD", base, err)
	}
}
