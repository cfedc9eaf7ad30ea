package testsupport

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoSilentSkips keeps the tree free of the skips CI cannot see: every
// Skip, Skipf or SkipNow in the repository's Go files must sit under a
// condition on runtime.GOOS (a platform the code does not support; CI runs
// Linux). A test whose prerequisite may be missing (../shared, a program,
// an unprivileged user) calls Shared, Unavailable or RerunUnprivileged
// instead, which fail under CI=true.
func TestNoSilentSkips(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	own := filepath.Join(root, "internal", "testsupport")
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || p == own) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checked++
		rel, _ := filepath.Rel(root, p)
		for _, s := range silentSkips(t, rel, src) {
			t.Errorf("%s: skips without failing under CI=true: use testsupport.Shared, Unavailable or RerunUnprivileged", s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("checked %d Go files under %s: is this the repository?", checked, root)
	}
}

// silentSkips returns "file:line" for each call of a Skip method in src
// that no condition on runtime.GOOS guards.
func silentSkips(t *testing.T, name string, src []byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var guarded [][2]token.Pos
	var out []string
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			if mentionsGOOS(n.Cond) {
				guarded = append(guarded, [2]token.Pos{n.Body.Pos(), n.Body.End()})
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Skip" && sel.Sel.Name != "Skipf" && sel.Sel.Name != "SkipNow") {
				return true
			}
			for _, g := range guarded {
				if n.Pos() >= g[0] && n.End() <= g[1] {
					return true
				}
			}
			out = append(out, fset.Position(n.Pos()).String())
		}
		return true
	})
	return out
}

// mentionsGOOS reports whether expr refers to runtime.GOOS.
func mentionsGOOS(expr ast.Expr) bool {
	found := false
	ast.Inspect(expr, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "GOOS" {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "runtime" {
				found = true
			}
		}
		return !found
	})
	return found
}

func TestSilentSkips(t *testing.T) {
	t.Parallel()
	src := `package x

func TestA(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("linux only")
	}
	if runtime.GOOS == "windows" || testing.Short() {
		t.Skipf("%s", "no")
	}
	if _, err := os.Stat("../shared"); err != nil {
		t.Skip("no corpus")
	}
	b.SkipNow()
	f.Skipf("x")
	t.Skipped()
}
`
	got := silentSkips(t, "x_test.go", []byte(src))
	want := []string{"x_test.go:11:3", "x_test.go:13:2", "x_test.go:14:2"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("silentSkips = %v, want %v", got, want)
	}
}
