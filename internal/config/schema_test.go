package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/custom"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/markdownlint"
	"github.com/medlint/medlint/internal/testsupport/schematest"
)

var update = flag.Bool("update", false, "rewrite "+SchemaFile+" from the rules")

const schemaPath = "../../" + SchemaFile

func generated(t *testing.T) []byte {
	t.Helper()
	out, err := Schema(lint.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaIsCheckedIn checks that editors/medlint.schema.json is what
// the rules generate (go test ./internal/config -run Schema -update
// rewrites it) and that generating is deterministic.
func TestSchemaIsCheckedIn(t *testing.T) {
	t.Parallel()
	want := generated(t)
	if again := generated(t); !bytes.Equal(want, again) {
		t.Fatal("two calls of Schema give different bytes")
	}
	if *update {
		if err := os.WriteFile(schemaPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/config -run TestSchemaIsCheckedIn -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the rules generate: run go test ./internal/config -run TestSchemaIsCheckedIn -update", SchemaFile)
	}
}

// compiled compiles the generated schema with a draft-07 validator.
func compiled(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return schematest.Compile(t, SchemaURL(), generated(t))
}

// schemaMap is the generated schema as JSON objects.
func schemaMap(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(generated(t), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// at walks keys down m; nil when a key is missing.
func at(m any, keys ...string) map[string]any {
	for _, k := range keys {
		mm, ok := m.(map[string]any)
		if !ok {
			return nil
		}
		if i, err := strconv.Atoi(k); err == nil {
			if l, ok := mm["anyOf"].([]any); ok && i < len(l) {
				m = l[i]
				continue
			}
		}
		m = mm[k]
	}
	mm, _ := m.(map[string]any)
	return mm
}

// TestSchemaCoversEveryKey reads the keys Parse and its helpers accept
// from their source (each `case "key":` of a switch on a key's value) and
// checks that the schema has each where the function reads it; a function
// that reads keys and has no place in the schema fails the test, so a new
// section cannot be added without its schema.
func TestSchemaCoversEveryKey(t *testing.T) {
	t.Parallel()
	s := schemaMap(t)
	places := map[string]map[string]any{
		"key":       at(s, "properties"),
		"parseDoc":  at(s, "properties"),
		"overrides": at(s, "properties", "overrides", "items", "properties"),
		"pageKinds": at(s, "properties", "page-kinds", "properties"),
		"kindGlobs": at(s, "properties", "page-kinds", "properties", "files", "items", "properties"),
		"providers": at(s, "properties", "providers", "properties"),
	}
	found := map[string][]string{}
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := goparser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if keys := keysRead(fd); len(keys) > 0 {
				found[fd.Name.Name] = append(found[fd.Name.Name], keys...)
			}
		}
	}
	for fn, keys := range found {
		if fn == "rules" || fn == "checkAliasSetting" {
			continue // a rule's settings: below
		}
		props, ok := places[fn]
		if !ok {
			t.Errorf("%s reads keys %v that the schema test does not place: add them to the schema and here", fn, keys)
			continue
		}
		for _, k := range keys {
			if _, ok := props[k]; !ok {
				t.Errorf("the schema lacks %q, which %s reads", k, fn)
			}
		}
	}
	if len(found["key"]) < 10 {
		t.Errorf("found only %v in key: the source walk is broken", found["key"])
	}
	// The keys rules() reads in a rule's mapping before the options.
	if want := []string{"severity", "checks", "kinds"}; !slices.Equal(found["rules"], want) {
		t.Errorf("rules reads %v of a rule's settings, want %v: update the schema and this test", found["rules"], want)
	}
	for _, r := range lint.Builtin() {
		props := at(s, "definitions", "rule:"+r.Meta().ID, "1", "properties")
		for _, k := range []string{"severity", "kinds"} {
			if props[k] == nil {
				t.Errorf("rule %s: the schema lacks %s", r.Meta().ID, k)
			}
		}
	}
}

// keysRead returns the string cases of the switches on k.Value (or
// ok.Value) in fd, and the strings such a value is compared with.
func keysRead(fd *ast.FuncDecl) []string {
	var out []string
	isKey := func(e ast.Expr) bool {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Value" {
			return false
		}
		id, ok := sel.X.(*ast.Ident)
		return ok && (id.Name == "k" || id.Name == "ok")
	}
	lit := func(e ast.Expr) (string, bool) {
		bl, ok := e.(*ast.BasicLit)
		if !ok || bl.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(bl.Value)
		return s, err == nil
	}
	ast.Inspect(fd, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SwitchStmt:
			if n.Tag == nil || !isKey(n.Tag) {
				return true
			}
			for _, st := range n.Body.List {
				for _, e := range st.(*ast.CaseClause).List {
					if s, ok := lit(e); ok {
						out = append(out, s)
					}
				}
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL && isKey(n.X) {
				if s, ok := lit(n.Y); ok {
					out = append(out, s)
				}
			}
		}
		return true
	})
	return out
}

// TestSchemaCoversEveryOption checks that each rule's schema has its
// checks and every option it declares, typed (the fields of entries
// too), with its enum and default; that every markdownlint name medlint
// covers is a key of rules:; and that custom-rules types every field
// custom.Parse reads.
func TestSchemaCoversEveryOption(t *testing.T) {
	t.Parallel()
	s := schemaMap(t)
	for _, r := range lint.Builtin() {
		id := r.Meta().ID
		props := at(s, "definitions", "rule:"+id, "1", "properties")
		if props == nil {
			t.Errorf("the schema has no settings for rule %s", id)
			continue
		}
		if len(r.Meta().Checks) > 0 {
			checks := at(props, "checks", "properties")
			for _, c := range r.Meta().Checks {
				if checks[c.Name] == nil {
					t.Errorf("rule %s: the schema lacks check %s", id, c.Name)
				}
			}
		} else if props["checks"] != nil {
			t.Errorf("rule %s has no checks, but the schema allows checks:", id)
		}
		var opts reflect.Value
		if o := r.NewOptions(); o != nil {
			opts = reflect.ValueOf(o).Elem()
		}
		docs := lint.Options(r)
		if want := 2 + len(docs) + min(len(r.Meta().Checks), 1); len(props) != want {
			t.Errorf("rule %s: the schema has %d settings, want %d (severity, kinds, checks and %d options)", id, len(props), want, len(docs))
		}
		for _, o := range docs {
			os := at(props, o.Name)
			if os == nil {
				t.Errorf("rule %s: the schema lacks option %s", id, o.Name)
				continue
			}
			if len(o.Enum) > 0 && !reflect.DeepEqual(os["enum"], toAny(o.Enum)) {
				t.Errorf("rule %s option %s: enum %v, want %v", id, o.Name, os["enum"], o.Enum)
			}
			if len(o.Enum) == 0 && os["type"] == nil {
				t.Errorf("rule %s option %s: no type", id, o.Name)
			}
			if o.Doc != "" && os["description"] != o.Doc {
				t.Errorf("rule %s option %s: the schema does not carry its documentation", id, o.Name)
			}
			checkFields(t, id+"."+o.Name, os, opts.Field(o.Field).Type())
		}
	}
	rules := at(s, "definitions", "rules", "properties")
	for _, m := range markdownlint.Rules {
		for _, name := range append([]string{m.ID}, m.Aliases...) {
			if rules[name] == nil {
				t.Errorf("the schema lacks markdownlint name %s (%s)", name, m.Target)
			}
		}
	}
	fields := at(s, "definitions", "customRule", "properties")
	all := custom.CommonFields()
	for _, typ := range custom.Types() {
		all = append(all, custom.TypeFields(typ)...)
	}
	for _, f := range all {
		if fields[f] == nil {
			t.Errorf("custom-rules: the schema lacks field %s", f)
		}
	}
	for f := range fields {
		if !slices.Contains(all, f) {
			t.Errorf("custom-rules: the schema has field %s, which no type takes", f)
		}
	}
}

// checkFields checks that an option whose values hold structs types every
// yaml field of them and allows no other.
func checkFields(t *testing.T, name string, s map[string]any, typ reflect.Type) {
	t.Helper()
	switch typ.Kind() {
	case reflect.Slice:
		checkFields(t, name, at(s, "items"), typ.Elem())
	case reflect.Map:
		checkFields(t, name, at(s, "additionalProperties"), typ.Elem())
	case reflect.Struct:
		if s["additionalProperties"] != false {
			t.Errorf("option %s: its entries allow unknown keys, which medlint rejects", name)
		}
		props := at(s, "properties")
		for i := range typ.NumField() {
			f := typ.Field(i)
			if y, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); y != "" && y != "-" && f.IsExported() {
				if props[y] == nil {
					t.Errorf("option %s: the schema lacks the entries' field %s", name, y)
				}
				checkFields(t, name+"."+y, at(props, y), f.Type)
			}
		}
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// agreement is a configuration and whether Parse and the schema accept it.
type agreement struct {
	name string
	yaml string
	ok   bool
}

// fixedCases are configurations beyond the generated ones: every section,
// valid and with an unknown key or a bad value.
var fixedCases = []agreement{
	{"empty", "", true},
	{"comments only", "# nothing\n", true},
	{"unknown top-level key", "rulez: {}\n", false},
	{"rules not a mapping", "rules: [a]\n", false},
	{"unknown rule id form", "rules: {No_Such_Rule: off}\n", false},
	{"uncovered markdownlint rule", "rules: {MD009: off}\n", false},
	{"short form", "rules: {duplicate-heading: error}\n", true},
	{"off", "rules: {duplicate-heading: off}\n", true},
	{"false", "rules: {duplicate-heading: false}\n", true},
	{"upper-case severity", "rules: {duplicate-heading: ERROR}\n", true},
	{"bad severity", "rules: {duplicate-heading: loud}\n", false},
	{"null settings", "rules: {duplicate-heading: }\n", false},
	{"kinds", "rules: {duplicate-heading: {kinds: [advice, product]}}\n", true},
	{"empty kinds", "rules: {duplicate-heading: {kinds: []}}\n", false},
	{"unknown kind", "rules: {duplicate-heading: {kinds: [blog]}}\n", false},
	{"check on", "rules: {list-format: {checks: {marker-style: on}}}\n", false},
	{"check error", "rules: {list-format: {checks: {marker-style: error}}}\n", true},
	{"unknown check", "rules: {list-format: {checks: {no-such-check: off}}}\n", false},
	{"checks of a rule without", "rules: {duplicate-heading: {checks: {x: off}}}\n", false},
	{"check alias mapping", "rules: {MD004: {severity: warning}}\n", true},
	{"check alias option", "rules: {MD004: {style: dash}}\n", false},
	{"rule alias option", "rules: {no-duplicate-heading: {scope: document}}\n", true},
	{"rule alias bad option", "rules: {MD024: {siblings_only: true}}\n", false},
	{"entry", "rules: {plain-language: {extra: [{term: foo, plain: bar, source: x}]}}\n", true},
	{"entry with unknown key", "rules: {plain-language: {extra: [{term: foo, plain: bar, source: x, bogus: 1}]}}\n", false},
	{"risky entry", "rules: {risky-claim: {extra: [{id: foo-bar, tier: A, phrases: [foo bar], message: m, suggestion: s, source: x}]}}\n", true},
	{"risky entry bad tier", "rules: {risky-claim: {extra: [{id: foo-bar, tier: C, phrases: [foo bar], message: m, suggestion: s, source: x}]}}\n", false},
	{"grade by kind", "rules: {reading-level: {max-grade-by-kind: {product: 10}}}\n", true},
	{"grade by unknown kind", "rules: {reading-level: {max-grade-by-kind: {blog: 10}}}\n", false},
	{"formula", "rules: {reading-level: {formula: smog}}\n", true},
	{"bad formula", "rules: {reading-level: {formula: gunning-fog}}\n", false},
	{"ignore", "ignore: [\"drafts/**\", README.md]\n", true},
	{"ignore not a list", "ignore: drafts\n", false},
	{"ignore empty glob", "ignore: [\"\"]\n", false},
	{"override", "overrides:\n  - files: [\"news/**\"]\n    rules: {review-date: {severity: off}}\n", true},
	{"override without files", "overrides:\n  - rules: {review-date: off}\n", false},
	{"override unknown key", "overrides:\n  - files: [a]\n    rule: {}\n", false},
	{"page-kinds", "page-kinds:\n  keys: [layout]\n  values: {page: other, Product: product}\n  files:\n    - files: [\"legal/**\"]\n      kind: other\n", true},
	{"page-kinds unknown key", "page-kinds: {key: [layout]}\n", false},
	{"page-kinds bad value", "page-kinds: {values: {page: blog}}\n", false},
	{"page-kinds files without kind", "page-kinds: {files: [{files: [a]}]}\n", false},
	{"page-kinds files unknown key", "page-kinds: {files: [{files: [a], kind: other, why: x}]}\n", false},
	{"providers", "providers: {disclaimer: [disclaimer, legal-note], review: [reviewed-by]}\n", true},
	{"providers none", "providers: {disclaimer: []}\n", true},
	{"providers unknown key", "providers: {byline: [x]}\n", false},
	{"providers blank name", "providers: {review: [\" \"]}\n", false},
	{"size", "max-file-size: 32MB\n", true},
	{"size spaced", "max-file-size: 512 KiB\n", true},
	{"size bytes", "max-file-size: 1048576\n", true},
	{"size lower case", "max-file-size: 1gb\n", true},
	{"bad size", "max-file-size: 12XB\n", false},
	{"size Ki", "max-file-size: 12Ki\n", false},
	{"zero size", "max-file-size: 0\n", false},
	{"root", "root: true\nignore-files: false\n", true},
	{"root not a boolean", "root: [x]\n", false},
	{"ignore-files not a boolean", "ignore-files: sometimes\n", false},
	{"extends a mapping", "extends: {a: b}\n", false},
	{"extends blank", "extends: [\" \"]\n", false},
	{"nesting", "max-nesting: 10\nmax-table-cells: 1000\nmax-parse-cost: 64\n", true},
	{"zero nesting", "max-nesting: 0\n", false},
	{"fractional cost", "max-parse-cost: 1.5\n", false},
	{"custom rule", "custom-rules:\n  - id: no-miracle\n    type: pattern\n    phrases: [miracle cure]\n    scope: all\nrules: {no-miracle: {severity: error, kinds: [advice]}}\n", true},
	{"custom substitute", "custom-rules:\n  - {id: say-doctor, type: substitute, swap: {physician: doctor}, severity: info}\n", true},
	{"custom section", "custom-rules:\n  - {id: has-sources, type: required-section, heading: Sources, level: 2}\n", true},
	{"custom field", "custom-rules:\n  - {id: has-date, type: required-field, field: date, value-type: date}\n", true},
	{"custom link", "custom-rules:\n  - {id: no-wiki, type: forbidden-link, hosts: [wikipedia.org]}\n", true},
	{"custom length", "custom-rules:\n  - {id: short, type: max-length, unit: words, max: 40, of: sentence}\n", true},
	{"custom field of another type", "custom-rules:\n  - {id: no-miracle, type: pattern, phrases: [x], swap: {a: b}}\n", false},
	{"custom unknown type", "custom-rules:\n  - {id: no-miracle, type: regex, patterns: [x]}\n", false},
	{"custom without id", "custom-rules:\n  - {type: pattern, phrases: [x]}\n", false},
	{"custom bad id", "custom-rules:\n  - {id: NoMiracle, type: pattern, phrases: [x]}\n", false},
	{"custom bad enum", "custom-rules:\n  - {id: short, type: max-length, max: 4, unit: lines}\n", false},
	{"custom level 7", "custom-rules:\n  - {id: has-sources, type: required-section, heading: Sources, level: 7}\n", false},
	{"custom rule options", "custom-rules:\n  - {id: no-miracle, type: pattern, phrases: [x]}\nrules: {no-miracle: {scope: all}}\n", false},
}

// generatedCases are, for every rule, each option set to its default
// (accepted), to a value of the wrong type and to a value outside its enum
// (rejected); an unknown option (rejected); each check switched off and
// each markdownlint name set (accepted).
func generatedCases(t *testing.T) []agreement {
	t.Helper()
	var out []agreement
	add := func(name string, settings map[string]any, ok bool) {
		b, err := yaml.Marshal(map[string]any{"rules": settings})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, agreement{name, string(b), ok})
	}
	for _, r := range lint.Builtin() {
		id := r.Meta().ID
		add(id+" unknown option", map[string]any{id: map[string]any{"no-such-option": 1}}, false)
		add(id+" severity", map[string]any{id: map[string]any{"severity": "info"}}, true)
		for _, c := range r.Meta().Checks {
			add(id+" check "+c.Name, map[string]any{id: map[string]any{"checks": map[string]any{c.Name: "off"}}}, true)
		}
		opts := r.NewOptions()
		for _, o := range lint.Options(r) {
			def := reflect.ValueOf(opts).Elem().Field(o.Field)
			add(id+"."+o.Name+" default", map[string]any{id: map[string]any{o.Name: def.Interface()}}, true)
			add(id+"."+o.Name+" wrong type", map[string]any{id: map[string]any{o.Name: wrongType(def.Kind())}}, false)
			if len(o.Enum) > 0 {
				add(id+"."+o.Name+" outside enum", map[string]any{id: map[string]any{o.Name: "not-" + o.Enum[0]}}, false)
			}
		}
	}
	for _, m := range markdownlint.Rules {
		for _, name := range append([]string{m.ID}, m.Aliases...) {
			add("markdownlint "+name, map[string]any{name: "warning"}, true)
		}
	}
	return out
}

// wrongType returns a YAML value that no option of kind k decodes.
func wrongType(k reflect.Kind) any {
	switch k {
	case reflect.Slice, reflect.Map, reflect.Struct:
		return "a string"
	case reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		return "not a number"
	}
	return map[string]any{"a": "mapping"}
}

// TestSchemaAgreesWithParse checks, on every section and every rule's
// options, that the schema accepts what Parse accepts and rejects what
// Parse rejects, unknown keys above all.
func TestSchemaAgreesWithParse(t *testing.T) {
	t.Parallel()
	s := compiled(t)
	cases := append(slices.Clone(fixedCases), generatedCases(t)...)
	for _, tc := range cases {
		_, perr := Parse(".medlint.yml", t.TempDir(), []byte(tc.yaml))
		serr := schematest.ValidateYAML(s, []byte(tc.yaml))
		if (perr == nil) != tc.ok {
			t.Errorf("%s: Parse gives %v, want ok=%v (the case is wrong)\n%s", tc.name, perr, tc.ok, tc.yaml)
		}
		if (serr == nil) != tc.ok {
			t.Errorf("%s: the schema gives %v, want ok=%v\n%s", tc.name, serr, tc.ok, tc.yaml)
		}
	}
	if len(cases) < 200 {
		t.Errorf("only %d cases: the generated ones are missing", len(cases))
	}
	t.Logf("%d configurations: Parse and the schema agree on each", len(cases))
}

// schemaGaps are what Parse rejects and the schema cannot: a rule id
// that no custom rule defines looks to the schema like the id of one
// (draft-07 cannot compare the keys of rules: with the ids under
// custom-rules), and a value medlint checks by compiling or reading it.
var schemaGaps = []agreement{
	{"undefined custom rule", "rules: {no-such-rule: off}\n", false},
	{"missing extended file", "extends: [nope.yml]\n", false},
	{"invalid glob", "ignore: [\"a/[\"]\n", false},
	{"invalid regexp", "custom-rules:\n  - {id: bad-re, type: pattern, patterns: [\"(\"]}\n", false},
}

// TestSchemaGaps keeps the list of what only medlint rejects honest:
// each is rejected by Parse and accepted by the schema.
func TestSchemaGaps(t *testing.T) {
	t.Parallel()
	s := compiled(t)
	for _, tc := range schemaGaps {
		if _, err := Parse(".medlint.yml", t.TempDir(), []byte(tc.yaml)); err == nil {
			t.Errorf("%s: Parse accepts it\n%s", tc.name, tc.yaml)
		}
		if err := schematest.ValidateYAML(s, []byte(tc.yaml)); err != nil {
			t.Errorf("%s: the schema rejects it (%v): no longer a gap, move it to fixedCases\n%s", tc.name, err, tc.yaml)
		}
	}
}

// TestTestdataConfigsValidate checks every .medlint.yml in the
// repository that loads against the schema: a configuration medlint
// accepts must not be marked wrong in an editor.
func TestTestdataConfigsValidate(t *testing.T) {
	t.Parallel()
	s := compiled(t)
	var valid, invalid int
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || (d.Name() != ".medlint.yml" && d.Name() != ".medlint.yaml") {
			return nil
		}
		if _, err := Load(p); err != nil {
			invalid++ // a test of an error; medlint reports it
			return nil
		}
		valid++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := schematest.ValidateYAML(s, data); err != nil {
			t.Errorf("%s loads, but the schema rejects it: %v", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if valid < 20 {
		t.Errorf("validated only %d configurations (%d do not load): the walk is broken", valid, invalid)
	}
	t.Logf("%d configurations validated, %d that do not load skipped", valid, invalid)
}

// TestUnknownEntryKey checks that a key an option's entries do not have
// is an error on its own line, not silently dropped (the schema rejects
// it too).
func TestUnknownEntryKey(t *testing.T) {
	t.Parallel()
	_, err := Parse(".medlint.yml", t.TempDir(), []byte("rules:\n  plain-language:\n    extra:\n      - term: foo\n        plain: bar\n        source: x\n        plurals: [foos]\n        plural: fooes\n"))
	if err == nil || !strings.Contains(err.Error(), `.medlint.yml:8: rules.plain-language.extra: unknown key "plural" in an entry (want term, `) {
		t.Errorf("got %v, want the unknown key on line 8", err)
	}
}

// TestEntryMergeKey checks that a YAML merge key in an entry is not taken
// for an unknown key.
func TestEntryMergeKey(t *testing.T) {
	t.Parallel()
	_, err := Parse(".medlint.yml", t.TempDir(), []byte("rules:\n  plain-language:\n    extra:\n      - &t {term: foo, plain: bar, source: x}\n      - {<<: *t, term: baz}\n"))
	if err != nil {
		t.Errorf("a merge key in an entry: %v", err)
	}
}
