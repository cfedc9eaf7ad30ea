package config

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
)

// active returns the rule id's Active for rel, or nil when it does not run.
func active(t *testing.T, c *Config, rel, id string) *Active {
	t.Helper()
	all, err := c.Resolve(rel)
	if err != nil {
		t.Fatal(err)
	}
	for i := range all {
		if all[i].Rule.Meta().ID == id {
			return &all[i]
		}
	}
	return nil
}

func TestMarkdownlintAliasesInRules(t *testing.T) {
	t.Parallel()
	c, err := Parse(".medlint.yml", "/repo", []byte(`
rules:
  MD024: {scope: document}
  md004: off
  list-format:
    checks: {fake-bullet: error}
  ul-indent: error
  MD045: {severity: info}
overrides:
  - files: ["legacy/**"]
    rules:
      no-alt-text: off
      single-h1: off
`))
	if err != nil {
		t.Fatal(err)
	}
	if a := active(t, c, "a.md", "duplicate-heading"); a == nil || !a.Explicit["scope"] {
		t.Errorf("MD024 did not configure duplicate-heading: %+v", a)
	}
	lf := active(t, c, "a.md", "list-format")
	if lf == nil {
		t.Fatal("list-format does not run")
	}
	want := map[string]CheckSetting{"marker-style": {Off: true}, "fake-bullet": {Severity: lint.SeverityError}, "nested-indent": {Severity: lint.SeverityError}}
	for name, cs := range want {
		if lf.Checks[name] != cs {
			t.Errorf("list-format check %s: %+v, want %+v", name, lf.Checks[name], cs)
		}
	}
	if a := active(t, c, "a.md", "image-alt"); a.Checks["empty"] != (CheckSetting{Severity: lint.SeverityInfo}) {
		t.Errorf("MD045: image-alt checks %+v", a.Checks)
	}
	if a := active(t, c, "legacy/x.md", "image-alt"); !a.Checks["empty"].Off || a.Checks["file-name"].Off {
		t.Errorf("override no-alt-text: off: image-alt checks %+v", a.Checks)
	}
	if a := active(t, c, "legacy/x.md", "heading-structure"); !a.Checks["multiple-h1"].Off {
		t.Errorf("override single-h1: off: heading-structure checks %+v", a.Checks)
	}
}

func TestMarkdownlintAliasErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ yaml, want string }{
		{"rules:\n  MD013: false\n", `.medlint.yml:2: "MD013" is a markdownlint rule medlint does not cover (it covers MD001, MD004`},
		{"rules:\n  MD024: off\n  duplicate-heading: warning\n", ".medlint.yml:3: rules: duplicate-heading and MD024 (line 2) both configure duplicate-heading: keep one"},
		{"rules:\n  MD004: off\n  list-format: {checks: {marker-style: error}}\n", ".medlint.yml:2: rules.MD004: MD004 is list-format's check marker-style, which this configuration already sets: keep one"},
		{"rules:\n  MD004:\n    style: dash\n", ".medlint.yml:3: rules.MD004: MD004 is list-format's check marker-style, which takes only a severity here; its options are list-format's"},
		{"rules:\n  MD004: loud\n", ".medlint.yml:2: rules.MD004.severity: unknown severity \"loud\""},
		{"rules:\n  dupliate-heading: off\n", `unknown rule "dupliate-heading" (did you mean "duplicate-heading"?)`},
	}
	for _, tc := range tests {
		_, err := Parse(".medlint.yml", "/repo", []byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.yaml, err, tc.want)
		}
	}
}

func TestSelectNamesChecksAndAliases(t *testing.T) {
	t.Parallel()
	checksOf := func(a *Active) map[string]CheckSetting {
		if a == nil {
			return nil
		}
		return a.Checks
	}
	t.Run("only a check", func(t *testing.T) {
		t.Parallel()
		for _, name := range []string{"MD004", "ul-style", "list-format/marker-style"} {
			c := Default("/repo")
			if err := c.Select([]string{name}, nil, nil); err != nil {
				t.Fatal(err)
			}
			all, err := c.Resolve("a.md")
			if err != nil {
				t.Fatal(err)
			}
			if len(all) != 1 || all[0].Rule.Meta().ID != "list-format" {
				t.Fatalf("--only %s: %d rules run", name, len(all))
			}
			ch := all[0].Checks
			if cs, ok := ch["marker-style"]; !ok || cs.Off || !ch["fake-bullet"].Off || !ch["blank-lines"].Off {
				t.Errorf("--only %s: checks %+v", name, ch)
			}
		}
	})
	t.Run("a rule and one of its checks: the rule", func(t *testing.T) {
		t.Parallel()
		c := Default("/repo")
		if err := c.Select([]string{"list-format", "MD004"}, nil, nil); err != nil {
			t.Fatal(err)
		}
		if ch := checksOf(active(t, c, "a.md", "list-format")); ch["fake-bullet"].Off {
			t.Errorf("checks %+v", ch)
		}
	})
	t.Run("disable and enable a check", func(t *testing.T) {
		t.Parallel()
		c, err := Parse(".medlint.yml", "/repo", []byte("rules:\n  uncited-claim: {checks: {statistic: off}}\n"))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Select(nil, []string{"uncited-claim/statistic"}, []string{"MD045", "MD024"}); err != nil {
			t.Fatal(err)
		}
		if ch := checksOf(active(t, c, "a.md", "uncited-claim")); ch["statistic"].Off {
			t.Errorf("--enable uncited-claim/statistic: checks %+v", ch)
		}
		if ch := checksOf(active(t, c, "a.md", "image-alt")); !ch["empty"].Off || ch["generic"].Off {
			t.Errorf("--disable MD045: image-alt checks %+v", ch)
		}
		if active(t, c, "a.md", "duplicate-heading") != nil {
			t.Error("--disable MD024: duplicate-heading runs")
		}
	})
	t.Run("errors", func(t *testing.T) {
		t.Parallel()
		for name, want := range map[string]string{
			"MD013":                    `--only: "MD013" is a markdownlint rule medlint does not cover`,
			"list-format/nope":         `--only: "list-format/nope": unknown check "nope" of list-format (want fake-bullet`,
			"encoding/x":               `--only: "encoding/x": rule encoding has no named checks`,
			"nope/x":                   `--only: unknown rule "nope"`,
			"duplicate-headings":       `did you mean "duplicate-heading"?`,
			"uncited-claim/statistics": `unknown check "statistics" of uncited-claim`,
		} {
			if err := Default("/repo").Select([]string{name}, nil, nil); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("--only %s: %v, want %q", name, err, want)
			}
		}
	})
}
