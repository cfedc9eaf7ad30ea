package fix_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/diff"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/markdownlint"
	"github.com/medlint/medlint/internal/markdownlint/fixture"
	"github.com/medlint/medlint/internal/ruletest"
)

// fixGoldenRoot holds testdata/fix/<rule-id>/*.md with their .md.golden:
// the acceptance tests of the real rules' fixes.
const fixGoldenRoot = "../../testdata/fix"

// TestFixGoldenTestRules runs the golden helper on the test rules, so that
// the helper itself is known to work before real rules use it.
func TestFixGoldenTestRules(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"test-fake-bullet", "test-append-note"} {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			ruletest.FixGolden(t, "testdata/fix", id)
		})
	}
}

// TestFixGoldenRules checks every rule's fixes against
// testdata/fix/<rule-id>/*.md.golden through `medlint check --fix`. A
// directory whose rule is not registered fails.
func TestFixGoldenRules(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(fixGoldenRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			ruletest.FixGolden(t, fixGoldenRoot, e.Name())
		})
	}
}

// TestFixableRulesHaveGoldens: every registered rule that says it has
// fixes must have fix golden tests.
func TestFixableRulesHaveGoldens(t *testing.T) {
	t.Parallel()
	for _, r := range lint.Builtin() {
		m := r.Meta()
		if !m.Fixable || strings.HasPrefix(m.ID, "test-") {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(fixGoldenRoot, m.ID, "*.md.golden"))
		if len(files) == 0 {
			t.Errorf("rule %s is Fixable but %s has no .md/.md.golden pairs", m.ID, filepath.Join(fixGoldenRoot, m.ID))
		}
	}
}

// listFormatEquivalents are the markdownlint rules whose fixes list-format
// implements: MD004 (marker-style), MD029 (ordered-prefix), MD030
// (marker-space) and MD032 (blank-lines). fixed-target-rules/ also holds
// markdownlint's MD005 and MD007 fixes (re-indenting items), which
// list-format does not make by design (item-indent and nested-indent have no
// fix: moving an item changes what is nested in it), so the comparison
// replays exactly these four; list-format's fake-bullet and missing-space
// fixes, which markdownlint has no counterpart for, are left out of it.
var listFormatEquivalents = []string{"MD004", "MD029", "MD030", "MD032"}

// listFormatIntendedDifferences lists the fixtures where list-format's fixed
// text knowingly differs from markdownlint's (for the equivalents above),
// with the reason.
var listFormatIntendedDifferences = map[string]string{
	"MD001-MD010.md":                         mdlJoinsLists,
	"break-all-the-rules.md":                 mdlJoinsLists,
	"inconsistent_bullet_styles_asterisk.md": mdlJoinsLists,
	"inconsistent_bullet_styles_dash.md":     mdlJoinsLists,
	"inconsistent_bullet_styles_plus.md":     mdlJoinsLists,
	"incorrect_bullet_style_asterisk.md":     mdlJoinsLists,
	"incorrect_bullet_style_dash.md":         mdlJoinsLists,
	"incorrect_bullet_style_plus.md":         mdlJoinsLists,
	"invalid-ul-style-style.md":              mdlJoinsLists,
	"sublist-bullet-style.md":                mdlJoinsLists,
	"list-syntax-in-paragraph-text.md": mdlJoinsLists + "; the two lists staying apart, MD032's blank line goes between them, " +
		"where markdownlint's MD004 fix in the same column wins over its MD032 insertion",
	"lists-with-fenced-code.md": "MD032: markdownlint inserts the blank line after the list's last line, inside the unclosed code fence " +
		"of its last item (line 72), adding a line to the code; list-format reports it without a fix",
	"ordered-list-item-prefix-zero.md": "MD029: renumbering a list that starts right under its item's text to 0. makes it part of the text " +
		"(only a list starting at 1 can interrupt a paragraph), and its items disappear; list-format reports them without a fix",
	"ordered-list-item-prefix-one_or_ordered.md": "MD029: a list continuing the numbering of the list before it (2. after 1. and a paragraph; 4. 5. after 1.-3.) " +
		"keeps its numbers; markdownlint renumbers it from 1, breaking the steps (the same intended difference as the line-parity test)",
	"lists-with-nesting.md": "MD032: a list indented past the item right above it but not to its text (\" 1. two\" under \"- one\") is meant " +
		"as nested; markdownlint puts blank lines around it, list-format's flat-nesting fix (left out here) nests it, and the blank-line " +
		"fixes that would keep it apart are withheld",
	"ordered-list-item-prefix-ordered.md": "MD029: same, continued numbering after an interrupting paragraph is kept (the same intended difference as the line-parity test)",
}

// mdlJoinsLists is why list-format does not make markdownlint's MD004
// fixes that give a list the marker of the bullet list next to it.
const mdlJoinsLists = "MD004: markdownlint's fix gives a list the marker of the bullet list next to it, so that the two " +
	"render as one list (a loose one, where a blank line is between them); list-format reports the marker without a fix, " +
	"since a marker fix must not change what renders"

// mdlScoped runs list-format but keeps only the findings markdownlint's
// equivalent rules would make: those of the checks in
// listFormatEquivalents, on lines where the fixture's configure-file and
// inline markdownlint-disable/enable comments leave the rule enabled. The
// comments are re-read on every pass, so they move with the fixed text.
type mdlScoped struct {
	lint.Rule
	initial map[string]bool
	// excluded counts the fixable findings of the checks without a
	// markdownlint equivalent (fake-bullet, missing-space) that were left
	// out.
	excluded *atomic.Int64
}

func (r mdlScoped) Prepare(options any, env lint.Env) (lint.Check, error) {
	check, err := r.Rule.Prepare(options, env)
	if err != nil {
		return nil, err
	}
	return func(pass *lint.Pass) error { return r.run(check, pass) }, nil
}

func (r mdlScoped) run(check lint.Check, pass *lint.Pass) error {
	enabled := markdownlint.EnabledLines(string(pass.Doc.Source), r.initial)
	inner := lint.NewPass(pass.Doc, pass.Now, func(d lint.Diagnostic) {
		md, ok := markdownlint.RuleForCheck(d.Check)
		if !ok || !slices.Contains(listFormatEquivalents, md.ID) {
			if d.Fix != nil {
				r.excluded.Add(1)
			}
			return
		}
		if line := pass.Doc.Line(d.Pos); line < len(enabled) && enabled[line][md.ID] {
			pass.Report(d)
		}
	})
	inner.Article = pass.Article
	return check(inner)
}

type mdlManifestEntry struct {
	InlineDirectives []string       `json:"inlineDirectives"`
	ConfigureFile    map[string]any `json:"configureFile"`
}

// TestListFormatMarkdownlintFixed compares list-format's fixed text with
// markdownlint's on markdownlint's own fixtures: for each file of
// fixed-target-rules/, the fixture fixed by list-format (through the fixer,
// pass after pass, with the fixture's markdownlint options mapped to
// list-format's and its markdownlint-disable comments honoured) must equal
// the fixture with markdownlint's fixes of the equivalent rules applied
// (computed by mdlApplyFixes, which TestMarkdownlintFixReplay checks against
// fixed-target-rules/), or be listed in listFormatIntendedDifferences.
func TestListFormatMarkdownlintFixed(t *testing.T) {
	t.Parallel()
	lf, ok := lint.Lookup("list-format")
	if !ok {
		t.Fatal("rule list-format is not registered")
	}
	results := readMdlResults(t)
	data, err := os.ReadFile(filepath.Join(mdlFixtures, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest map[string]mdlManifestEntry
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(mdlFixtures, "fixed-target-rules", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("no fixed-target-rules files under %s", mdlFixtures)
	}
	sort.Strings(names)
	var agree, compared, changed int
	var excluded atomic.Int64
	used := map[string]bool{}
	for _, p := range names {
		name := filepath.Base(p)
		entry, ok := manifest[name]
		if !ok {
			t.Errorf("%s: not in manifest.json", name)
			continue
		}
		src, err := os.ReadFile(filepath.Join(mdlFixtures, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		want := mdlApplyFixes(string(src), results[name].Errors, listFormatEquivalents)
		opts, explicit := fixture.ListFormatOptions(entry.ConfigureFile)
		rule := mdlScoped{Rule: lf, initial: markdownlint.Enabled(entry.ConfigureFile), excluded: &excluded}
		res, err := fix.Source(src, fix.Options{Path: name, Active: []config.Active{{Rule: rule, Options: opts, Explicit: explicit}}, Now: ruletest.Now})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, e := range res.Errors {
			t.Errorf("%s: %s", name, e.Message)
		}
		compared++
		if want != string(src) {
			changed++
		}
		if string(res.Output) == want {
			agree++
			if _, ok := listFormatIntendedDifferences[name]; ok {
				t.Errorf("%s: listed as an intended difference but agrees with markdownlint: remove it from the list", name)
			}
			continue
		}
		d := diff.Unified("markdownlint/"+name, "medlint/"+name, want, string(res.Output), 1)
		if reason, ok := listFormatIntendedDifferences[name]; ok {
			used[name] = true
			t.Logf("%s: intended difference (%s):\n%s", name, reason, d)
			continue
		}
		t.Errorf("%s: list-format's fixed text differs from markdownlint's %v fixes:\n%s", name, listFormatEquivalents, d)
	}
	for name := range listFormatIntendedDifferences {
		if !used[name] && !slices.ContainsFunc(names, func(p string) bool { return filepath.Base(p) == name }) {
			t.Errorf("intended difference %q names no fixture of fixed-target-rules/", name)
		}
	}
	if changed == 0 {
		t.Error("markdownlint's fixes change no fixture: the comparison proves nothing")
	}
	t.Logf("list-format's fixes agree with markdownlint's %v fixes on %d/%d files (%d intended differences; %d files changed by markdownlint's fixes; %d fake-bullet/missing-space fixes left out)",
		listFormatEquivalents, agree, compared, len(used), changed, excluded.Load())
}
