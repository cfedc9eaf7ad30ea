package custom_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/ruletest"
)

// customSeeds are small definitions of every custom rule type, with the
// options that change how they match, and a few broken ones.
var customSeeds = []string{
	"custom-rules:\n  - {id: hype, type: pattern, phrases: [miracle cure, amazing], scope: all, severity: error}\n",
	"custom-rules:\n  - {id: hype, type: pattern, patterns: ['(?i)\\bcures?\\b', 'x+y'], ignore-case: false, message: 'hype {{printf \"%q\" .Match}}'}\n",
	"custom-rules:\n  - {id: hype, type: pattern, phrases: ['a'], scope: links}\n  - {id: head, type: pattern, phrases: ['b'], scope: headings}\n",
	"custom-rules:\n  - id: plain\n    type: substitute\n    swap: {utilize: use, \"in order to\": to, \"heart attack\": myocardial infarction}\n",
	"custom-rules:\n  - {id: grow, type: substitute, swap: {a: a a}, ignore-case: true, message: '{{.Replacement}} for {{.Match}}'}\n",
	"custom-rules:\n  - {id: refs, type: required-section, heading: References, level: 2, message: 'add {{.Match}}'}\n",
	"custom-rules:\n  - {id: refs, type: required-section, heading-pattern: '^(Sources|References)$', after: Summary}\n",
	"custom-rules:\n  - {id: rev, type: required-field, field: reviewed_by, pattern: '\\b(MD|RN)\\b'}\n  - {id: date, type: required-field, field: last_reviewed, value-type: date}\n",
	"custom-rules:\n  - {id: tags, type: required-field, field: tags, value-type: list}\n",
	"custom-rules:\n  - {id: farms, type: forbidden-link, hosts: [contentfarm.example, '*.cheap.example'], files: ['articles/**']}\n",
	"custom-rules:\n  - {id: farms, type: forbidden-link, hosts: ['*.Example']}\n",
	"custom-rules:\n  - {id: short, type: max-length, of: sentence, unit: words, max: 3, message: '{{.Length}}/{{.Max}} {{.Unit}}: {{.Match}}'}\n",
	"custom-rules:\n  - {id: short, type: max-length, of: heading, unit: characters, max: 5}\n  - {id: para, type: max-length, of: paragraph, max: 4}\n",
	"rules:\n  hype: warning\noverrides:\n  - files: ['*.md']\n    rules: {hype: off}\ncustom-rules:\n  - {id: hype, type: pattern, phrases: [x]}\n",
	"custom-rules:\n  - {id: x, type: pattern, patterns: ['a(b']}\n",
	"custom-rules:\n  - {id: duplicate-heading, type: pattern, phrases: [a]}\n",
	"custom-rules:\n  - {id: x, type: pattern, phrases: [a], message: '{{.Nope}}'}\n",
	"custom-rules: {id: x}\n",
}

// customDocs exercise what the seeds look for.
var customDocs = []string{
	"# T\n\nA miracle cure. We utilize it in order to heal a heart\nattack.\n",
	"---\nreviewed_by: Dr A, MD\nlast_reviewed: 2025-01-02\ntags: [a, b]\n---\n# Summary\n\nA b.\n\n## References\n\n- [x](https://contentfarm.example/a)\n",
	"## b\n\n[a](http://x.cheap.example/a \"t\") ![a](a.png) <https://contentfarm.example>\n\n> a a a a a\n\n```\na\n```\n",
	"\uFEFF# Ünïcödé\r\n\r\nUTILIZE. Utilize! <!-- medlint-disable-next-line plain -->\r\nutilize\r\n",
}

// FuzzCustomRules parses a custom-rules definition and runs the rules it
// defines on a document. A definition is either refused with errors that
// name the file and a line, or loads and resolves; its rules never fail
// (a panic is an internal error), report inside the document with their
// own id, a severity and a message, agree between two runs, and their
// fixes apply to text that still parses.
func FuzzCustomRules(f *testing.F) {
	for i, y := range customSeeds {
		f.Add(y, []byte(customDocs[i%len(customDocs)]))
	}
	f.Fuzz(func(t *testing.T, yaml string, src []byte) {
		cfg, err := config.Parse(".medlint.yml", "/repo", []byte(yaml))
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, ".medlint.yml:") {
					t.Fatalf("config error without the file and line: %q", line)
				}
			}
			return
		}
		ids := map[string]bool{}
		var only []string
		for _, r := range cfg.Custom {
			id := r.Meta().ID
			if ids[id] {
				t.Fatalf("custom rule %s defined twice", id)
			}
			ids[id] = true
			only = append(only, id)
		}
		if len(only) == 0 {
			return
		}
		if err := cfg.Select(only, nil, nil); err != nil {
			t.Fatalf("--only with the custom rules %v: %v", only, err)
		}
		active, err := cfg.Resolve("articles/a.md")
		if err != nil {
			t.Fatalf("a config that loads must resolve: %v", err)
		}
		fr := engine.Lint("articles/a.md", src, active, ruletest.Now)
		checkCustomFindings(t, src, fr, ids)
		if again := engine.Lint("articles/a.md", src, active, ruletest.Now); !reflect.DeepEqual(fr, again) {
			t.Fatalf("two runs disagree:\n%+v\n%+v", fr, again)
		}
		checkCustomFixes(t, src, fr, active)
	})
}

// checkCustomFindings fails t when a finding lies outside src, is not a
// custom rule's, or has no severity or message.
func checkCustomFindings(t *testing.T, src []byte, fr engine.FileResult, ids map[string]bool) {
	t.Helper()
	if err := ruletest.CheckPositions(src, fr); err != nil {
		t.Fatal(err)
	}
	for _, f := range fr.Findings {
		if !ids[f.Rule] || f.Severity.String() == "unset" || f.Message == "" {
			t.Fatalf("finding of rule %q (custom rules %v), severity %s, message %q", f.Rule, ids, f.Severity, f.Message)
		}
	}
}

// checkCustomFixes applies the fixes when there are any: the result must
// parse, and valid UTF-8 must stay valid.
func checkCustomFixes(t *testing.T, src []byte, fr engine.FileResult, active []config.Active) {
	t.Helper()
	fixable := false
	for _, f := range fr.Findings {
		fixable = fixable || f.Fix != nil
	}
	if !fixable || len(src) > 4096 {
		return
	}
	res, err := fix.Source(src, fix.Options{Path: "articles/a.md", Active: active, Now: ruletest.Now, MaxPasses: 3})
	if err != nil {
		t.Fatalf("fixing: %v", err)
	}
	for _, e := range res.Errors {
		t.Fatalf("fixing: %s: %s", e.Rule, e.Message)
	}
	if _, err := document.Parse("a.md", res.Output); err != nil {
		t.Fatalf("the fixed text does not parse: %v", err)
	}
	if utf8.Valid(src) && !utf8.Valid(res.Output) {
		t.Fatalf("fixing made valid UTF-8 invalid: %q -> %q", src, res.Output)
	}
}

// TestCustomSeedsExercise keeps FuzzCustomRules' seeds useful: all but the
// last four load and find something on one of the documents, with at
// least one fix among them, and the last four are refused.
func TestCustomSeedsExercise(t *testing.T) {
	t.Parallel()
	const broken = 4
	fixes := 0
	for i, y := range customSeeds {
		cfg, err := config.Parse(".medlint.yml", "/repo", []byte(y))
		if (err != nil) != (i >= len(customSeeds)-broken) {
			t.Errorf("seed %d: error %v, want one only for the last %d seeds", i, err, broken)
			continue
		}
		if err != nil {
			continue
		}
		active, err := cfg.Resolve("articles/a.md")
		if err != nil {
			t.Fatal(err)
		}
		custom := map[string]bool{}
		for _, r := range cfg.Custom {
			custom[r.Meta().ID] = true
		}
		found := 0
		for _, doc := range customDocs {
			for _, f := range engine.Lint("articles/a.md", []byte(doc), active, ruletest.Now).Findings {
				if custom[f.Rule] {
					found++
					if f.Fix != nil {
						fixes++
					}
				}
			}
		}
		if found == 0 && !strings.Contains(y, "{hype: off}") {
			t.Errorf("seed %d finds nothing on the documents:\n%s", i, y)
		}
	}
	if fixes == 0 {
		t.Error("no seed offers a fix")
	}
}
