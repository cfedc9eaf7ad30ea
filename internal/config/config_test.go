package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/rules"
)

func TestResolveLayers(t *testing.T) {
	t.Parallel()
	c, err := Parse(".medlint.yml", "/repo", []byte(`
rules:
  duplicate-heading:
    severity: error
    scope: document
overrides:
  - files: ["faq/**"]
    rules:
      duplicate-heading: {severity: off}
  - files: ["*.markdown"]
    rules:
      duplicate-heading:
        scope: siblings
`))
	if err != nil {
		t.Fatal(err)
	}
	find := func(rel string) *Active {
		active, err := c.Resolve(rel)
		if err != nil {
			t.Fatal(err)
		}
		for i := range active {
			if active[i].Rule.Meta().ID == "duplicate-heading" {
				return &active[i]
			}
		}
		return nil
	}
	a := find("articles/x.md")
	if a == nil || a.Severity.String() != "error" || !a.Explicit["scope"] {
		t.Fatalf("articles/x.md: %+v", a)
	}
	if find("faq/q.md") != nil {
		t.Error("faq/q.md: duplicate-heading should be off")
	}
	if b := find("docs/y.markdown"); b == nil || b.Options.(*rules.DuplicateHeadingOptions).Scope != "siblings" {
		t.Errorf("docs/y.markdown: options %+v, want scope siblings (base name glob)", b)
	}
}

func TestSelectValidates(t *testing.T) {
	t.Parallel()
	c := Default("/repo")
	if err := c.Select([]string{"nope"}, nil, nil); err == nil {
		t.Error("unknown --only id accepted")
	}
	if err := c.Select(nil, nil, []string{"duplicate-heading"}); err != nil {
		t.Error(err)
	}
	active, _ := c.Resolve("a.md")
	for _, a := range active {
		if a.Rule.Meta().ID == "duplicate-heading" {
			t.Error("--disable did not switch the rule off")
		}
	}
}

func TestErrorsCarryLines(t *testing.T) {
	t.Parallel()
	_, err := Parse("cfg.yml", "/", []byte("rules:\n  duplicate-heading:\n    severity: loud\n  nope: warning\n"))
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 3 {
		t.Fatalf("err = %v, want a config error at line 3", err)
	}
	if !strings.Contains(err.Error(), "cfg.yml:4: unknown rule \"nope\"") {
		t.Errorf("every error is reported, got %v", err)
	}
}

// FuzzParseConfig checks that no config text makes the loader panic and
// that every error it returns is located.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"", "rules: {}", "rules:\n  duplicate-heading: warning\n", "rules:\n  duplicate-heading:\n    scope: document\n",
		"ignore: [a, '[']\n", "overrides:\n  - files: [x]\n    rules: {directive: off}\n", "a: &a [*a]\n", "- x\n", "rules: [\n",
		"rules:\n  plain-language:\n    extra:\n      - &t {term: foo, plain: bar, source: x}\n      - {<<: *t, term: baz, bogus: 1}\n",
		"root: true\nignore-files: false\n", "extends: [nope.yml]\n", "extends: {a: b}\n", "root: [x]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("cfg.yml", "/repo", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "cfg.yml") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		if _, err := c.Resolve("a/b.md"); err != nil {
			t.Fatalf("a config that loads must resolve: %v", err)
		}
	})
}

func TestPerCheckSettings(t *testing.T) {
	t.Parallel()
	c, err := Parse(".medlint.yml", "/repo", []byte("rules:\n  list-format:\n    checks:\n      marker-style: off\n      fake-bullet: error\n"))
	if err != nil {
		t.Fatal(err)
	}
	active, err := c.Resolve("a.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range active {
		if a.Rule.Meta().ID == "list-format" {
			if !a.Checks["marker-style"].Off || a.Checks["fake-bullet"].Severity != lint.SeverityError {
				t.Errorf("checks = %+v", a.Checks)
			}
		}
	}
	for _, bad := range []struct{ yaml, want string }{
		{"rules:\n  list-format:\n    checks:\n      marker-styles: off\n", ".medlint.yml:4: rules.list-format.checks: unknown check \"marker-styles\""},
		{"rules:\n  list-format:\n    checks:\n      marker-style: loud\n", ".medlint.yml:4: rules.list-format.checks.marker-style: unknown severity \"loud\""},
		{"rules:\n  duplicate-heading:\n    checks: {x: off}\n", "the rule has no named checks"},
	} {
		if _, err := Parse(".medlint.yml", "/repo", []byte(bad.yaml)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: err %v, want %q", bad.yaml, err, bad.want)
		}
	}
}

func TestParseLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, yaml string
		want       document.Limits
		err        string
	}{
		{"defaults", "rules: {}\n", document.DefaultLimits, ""},
		{"all set", "max-nesting: 20\nmax-table-cells: 1_000_000\nmax-parse-cost: 1024\n",
			document.Limits{Nesting: 20, TableCells: 1000000, ParseCost: 1024}, ""},
		{"one set", "max-nesting: 300\n",
			document.Limits{Nesting: 300, TableCells: document.DefaultLimits.TableCells, ParseCost: document.DefaultLimits.ParseCost}, ""},
		{"zero", "max-nesting: 0\n", document.Limits{}, `.medlint.yml:1: max-nesting: want a positive whole number, got "0"`},
		{"negative", "max-table-cells: -5\n", document.Limits{}, `.medlint.yml:1: max-table-cells: want a positive whole number, got "-5"`},
		{"text", "\nmax-parse-cost: lots\n", document.Limits{}, `.medlint.yml:2: max-parse-cost: want a positive whole number, got "lots"`},
		{"list", "max-nesting: [1]\n", document.Limits{}, `.medlint.yml:1: max-nesting: want a positive whole number, got "[1]"`},
		{"typo", "max-nest: 5\n", document.Limits{}, `.medlint.yml:1: unknown key "max-nest"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse(".medlint.yml", "/repo", []byte(tc.yaml))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Limits != tc.want {
				t.Errorf("limits %+v, want %+v", c.Limits, tc.want)
			}
		})
	}
	if got := Default("/repo").Limits; got != document.DefaultLimits {
		t.Errorf("Default: limits %+v, want %+v", got, document.DefaultLimits)
	}
}
