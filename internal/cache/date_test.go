package cache

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
)

// The cache reuses a rule's findings across --now values unless the rule
// declares DependsOnDate. This test guards that declaration in both
// directions. A rule reads the date when its Run reaches a read of
// Pass.Now (nowReaders, over the rules package's source) or when its
// findings on the whole rule testdata differ for dates decades apart:
// such a rule must declare DependsOnDate (else the cache serves stale
// findings), and a rule that declares it must read the date (else the flag
// only costs reruns).
func TestDependsOnDateIsDeclared(t *testing.T) {
	t.Parallel()
	dir := corpus(t)
	readers, err := nowReaders(filepath.Join("..", "..", "rules"))
	if err != nil {
		t.Fatal(err)
	}
	dates := []time.Time{time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC)}
	declared := 0
	for _, r := range lint.Builtin() {
		meta := r.Meta()
		via, reads := readers.via[meta.ID]
		if !readers.defined[meta.ID] {
			t.Fatalf("%s is not a lint.Definition of package rules, so its reads of Pass.Now are not checked", meta.ID)
		}
		if meta.DependsOnDate {
			declared++
		}
		t.Run(meta.ID, func(t *testing.T) {
			t.Parallel()
			cfg := config.Default(dir)
			if err := cfg.Select([]string{meta.ID}, nil, nil); err != nil {
				t.Fatal(err)
			}
			var first []any
			changed := false
			for i, now := range dates {
				rep := engine.Run(engine.Options{Paths: []string{dir}, Config: cfg, Now: now, WorkDir: dir, Jobs: 1})
				var got []any
				for _, f := range rep.Findings {
					got = append(got, f)
				}
				if i == 0 {
					first = got
				} else if !reflect.DeepEqual(got, first) {
					changed = true
				}
			}
			if msg := dateDeclarationProblem(meta.ID, meta.DependsOnDate, via, reads, changed); msg != "" {
				t.Error(msg)
			}
		})
	}
	if declared == 0 {
		t.Fatal("no rule declares DependsOnDate: is review-date gone?")
	}
}

// dateDeclarationProblem says what is wrong with rule id's DependsOnDate,
// or returns "": via is the chain from its Run to a read of Pass.Now when
// reads, and changed says its findings differ between two dates.
func dateDeclarationProblem(id string, declared bool, via []string, reads, changed bool) string {
	switch {
	case reads && !declared:
		return fmt.Sprintf("%s reads Pass.Now (%s) but its Meta lacks DependsOnDate: the cache would serve stale findings", id, strings.Join(via, " -> "))
	case changed && !declared:
		return fmt.Sprintf("%s's findings change with --now but its Meta lacks DependsOnDate: the cache would serve stale findings", id)
	case declared && !reads && !changed:
		return fmt.Sprintf("%s declares DependsOnDate but its Run never reads Pass.Now and its findings do not change with --now: the flag only costs cache misses", id)
	}
	return ""
}

// TestDateDeclarationProblem checks both directions of the check on rules
// that get it wrong.
func TestDateDeclarationProblem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                     string
		declared, reads, changed bool
		want                     string
	}{
		{"reads Now undeclared", false, true, false, "reads Pass.Now (x.Run -> check) but its Meta lacks DependsOnDate"},
		{"changes undeclared", false, false, true, "findings change with --now but its Meta lacks DependsOnDate"},
		{"declared, never reads", true, false, false, "declares DependsOnDate but its Run never reads Pass.Now"},
		{"declared and reads", true, true, false, ""},
		{"declared, changes through a read the analysis missed", true, false, true, ""},
		{"neither", false, false, false, ""},
	}
	for _, tt := range tests {
		got := dateDeclarationProblem("x", tt.declared, []string{"x.Run", "check"}, tt.reads, tt.changed)
		if (got == "") != (tt.want == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// ruleReads is what nowReaders finds: the rules a package defines (by
// id) and, for each that reaches a read of Pass.Now, the chain of
// references from its definition to the read.
type ruleReads struct {
	defined map[string]bool
	via     map[string][]string
}

// nowReaders parses the Go package in dir (tests excluded) and finds its
// rules: package-level variables holding a &lint.Definition[O]{...},
// whose Info names a Meta variable with the rule's ID. A rule reads the
// date when its definition (its Run or Build function) reaches a read of
// Pass.Now. A function reaches what it refers to:
// the package's functions and variables it names (called or passed as
// values) and the methods it selects (its own receiver's when the
// selection is on the receiver, else every method of that name); a read of
// Now is a selection of Now on anything but package time.
func nowReaders(dir string) (ruleReads, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return ruleReads{}, err
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return ruleReads{}, fmt.Errorf("parsing rule sources: %w", err)
		}
		parsed = append(parsed, file)
	}
	if len(parsed) == 0 {
		return ruleReads{}, fmt.Errorf("no Go files in %s", dir)
	}
	g := newRefGraph(parsed)
	out := ruleReads{defined: map[string]bool{}, via: map[string][]string{}}
	for name, body := range g.bodies {
		meta := definitionInfo(body, g.bodies)
		if meta == nil {
			continue
		}
		id := metaID(meta)
		out.defined[id] = true
		if via := g.pathToNow(name); via != nil {
			out.via[id] = via
		}
	}
	return out, nil
}

// definitionInfo returns the Meta of a package-level
// `var x = &lint.Definition[O]{Info: xMeta, ...}`: the declaration of the
// variable it names, or the literal written in place
// (`Info: lint.Meta{ID: "x"}`, beside a LazyInfo), or nil.
func definitionInfo(body ast.Node, bodies map[string]ast.Node) ast.Node {
	vs, ok := body.(*ast.ValueSpec)
	if !ok || len(vs.Values) != 1 {
		return nil
	}
	u, ok := vs.Values[0].(*ast.UnaryExpr)
	if !ok {
		return nil
	}
	lit, ok := u.X.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	idx, ok := lit.Type.(*ast.IndexExpr)
	if !ok {
		return nil
	}
	if sel, ok := idx.X.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Definition" {
		return nil
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Info" {
				switch v := kv.Value.(type) {
				case *ast.Ident:
					return bodies[v.Name]
				case *ast.CompositeLit:
					return v
				}
			}
		}
	}
	return nil
}

// metaID returns the first `ID: "..."` string in a Meta variable's value.
func metaID(body ast.Node) string {
	id := ""
	if body == nil {
		return ""
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if kv, ok := n.(*ast.KeyValueExpr); ok && id == "" {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ID" {
				if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					id, _ = strconv.Unquote(lit.Value)
				}
			}
		}
		return id == ""
	})
	return id
}

// refGraph is what each package-level function, method ("Type.name") and
// variable of a package refers to.
type refGraph struct {
	bodies   map[string]ast.Node
	methods  map[string][]string // method name -> "Type.name" keys
	readsNow map[string]bool
	refs     map[string][]string
}

func newRefGraph(files []*ast.File) *refGraph {
	g := &refGraph{bodies: map[string]ast.Node{}, methods: map[string][]string{}, readsNow: map[string]bool{}, refs: map[string][]string{}}
	recvs := map[string]string{} // key -> receiver variable name
	for _, file := range files {
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				key := d.Name.Name
				if d.Recv != nil && len(d.Recv.List) == 1 {
					typ := d.Recv.List[0].Type
					if star, ok := typ.(*ast.StarExpr); ok {
						typ = star.X
					}
					if id, ok := typ.(*ast.Ident); ok {
						key = id.Name + "." + d.Name.Name
						g.methods[d.Name.Name] = append(g.methods[d.Name.Name], key)
						if names := d.Recv.List[0].Names; len(names) == 1 {
							recvs[key] = names[0].Name
						}
					}
				}
				if d.Body != nil {
					g.bodies[key] = d.Body
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, name := range vs.Names {
							g.bodies[name.Name] = vs
						}
					}
				}
			}
		}
	}
	for key, body := range g.bodies {
		recvType, _, _ := strings.Cut(key, ".")
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if n.Sel.Name == "Now" {
					if pkg, ok := n.X.(*ast.Ident); !ok || pkg.Name != "time" {
						g.readsNow[key] = true
					}
				}
				if x, ok := n.X.(*ast.Ident); ok && recvs[key] != "" && x.Name == recvs[key] {
					g.refs[key] = append(g.refs[key], recvType+"."+n.Sel.Name)
				} else {
					g.refs[key] = append(g.refs[key], g.methods[n.Sel.Name]...)
				}
			case *ast.Ident:
				if _, ok := g.bodies[n.Name]; ok && n.Name != key {
					g.refs[key] = append(g.refs[key], n.Name)
				}
			}
			return true
		})
	}
	return g
}

// pathToNow returns the shortest chain of references from key to a body
// that reads Now, or nil.
func (g *refGraph) pathToNow(key string) []string {
	prev := map[string]string{key: ""}
	queue := []string{key}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		if g.readsNow[k] {
			var via []string
			for ; k != ""; k = prev[k] {
				via = append([]string{k}, via...)
			}
			return via
		}
		for _, next := range g.refs[k] {
			if _, seen := prev[next]; !seen {
				prev[next] = k
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// TestNowReaders checks the source analysis on a package of made-up rules:
// reads through a helper, a receiver method, a function value in a table
// and a closure are found; time.Now, a field named Now elsewhere reached
// by nothing, and the same-named method of another type called on its
// own receiver are not.
func TestNowReaders(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := `package fake

import "time"

type Pass struct{ Now time.Time }

var direct = &lint.Definition[lint.NoOptions]{Info: directMeta, Run: runDirect}
var directMeta = lint.Meta{ID: "direct"}
func runDirect(pass *Pass, _ *lint.NoOptions) error { _ = pass.Now; return nil }

var helper = &lint.Definition[lint.NoOptions]{Info: helperMeta, Run: runHelper}
var helperMeta = lint.Meta{ID: "helper"}
func runHelper(p *Pass, _ *lint.NoOptions) error { check(p); return nil }
func check(p *Pass) { age(p.Now) }
func age(time.Time) {}

var method = &lint.Definition[lint.NoOptions]{Info: methodMeta, Build: buildMethod}
var methodMeta = lint.Meta{ID: "method"}
type checker struct{ n int }
func buildMethod(*lint.NoOptions, lint.Env) (lint.Check, error) { c := checker{}; return c.run, nil }
func (c checker) run(p *Pass) error { c.today(p); return nil }
func (c checker) today(p *Pass) { _ = p.Now.Year() }

var table = &lint.Definition[lint.NoOptions]{Info: tableMeta, Run: runTable}
var tableMeta = func() lint.Meta { return lint.Meta{Summary: "s", ID: "table"} }()
var steps = []func(*Pass){step}
func step(p *Pass) { f := func() { _ = p.Now }; f() }
func runTable(p *Pass, _ *lint.NoOptions) error { for _, s := range steps { s(p) }; return nil }

var wallClock = &lint.Definition[lint.NoOptions]{Info: wallClockMeta, Run: runWallClock}
var wallClockMeta = lint.Meta{ID: "wall-clock"}
func runWallClock(*Pass, *lint.NoOptions) error { _ = time.Now(); return nil }

var other = &lint.Definition[lint.NoOptions]{Info: otherMeta, Build: buildOther}
var otherMeta = lint.Meta{ID: "other"}
type otherChecker struct{}
func (otherChecker) today(p *Pass) {}
func (o otherChecker) verify(p *Pass) error { o.today(p); return nil }
func buildOther(*lint.NoOptions, lint.Env) (lint.Check, error) { return otherChecker{}.verify, nil }

func stale(p *Pass) { _ = p.Now }
`
	if err := os.WriteFile(filepath.Join(dir, "fake.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fake_test.go"), []byte("package fake\nfunc (unused) x(p *Pass) { _ = p.Now }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := nowReaders(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"direct": {"direct", "runDirect"},
		"helper": {"helper", "runHelper", "check"},
		"method": {"method", "buildMethod", "checker.run", "checker.today"},
		"table":  {"table", "runTable", "steps", "step"},
	}
	if !reflect.DeepEqual(got.via, want) {
		t.Errorf("nowReaders = %v\nwant %v", got.via, want)
	}
	if len(got.defined) != 6 {
		t.Errorf("nowReaders found the rules %v, want the 6 definitions", got.defined)
	}
}
