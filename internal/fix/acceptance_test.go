package fix_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/diff"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/fixtest"
	"github.com/medlint/medlint/internal/linttest"
	"github.com/medlint/medlint/rules"
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
			fixtest.FixGolden(t, "testdata/fix", id)
		})
	}
}

// TestFixGoldenRules checks every rule's fixes against
// testdata/fix/<rule-id>/*.md.golden through `medlint check --fix`. A
// directory whose rule is not registered yet is skipped.
func TestFixGoldenRules(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(fixGoldenRoot)
	if os.IsNotExist(err) {
		t.Skipf("no %s yet: no rule has fix golden tests", fixGoldenRoot)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			fixtest.FixGolden(t, fixGoldenRoot, e.Name())
		})
	}
}

// TestFixableRulesHaveGoldens: every registered rule that says it has
// fixes must have fix golden tests.
func TestFixableRulesHaveGoldens(t *testing.T) {
	t.Parallel()
	for _, r := range rules.All() {
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

// listFormatEquivalents are the markdownlint rules whose fixes list-format's
// fixes correspond to: MD004 (marker-style), MD029 (ordered-prefix), MD030
// (marker-space). markdownlint's MD005, MD007 (indentation) and MD032
// (blank lines around lists) fixes are not list-format's; fake-bullet and
// missing-space have no markdownlint counterpart.
var listFormatEquivalents = []string{"MD004", "MD029", "MD030"}

// listFormatIntendedDifferences lists the fixtures where list-format's fixed
// text knowingly differs from markdownlint's (for the equivalents above),
// with the reason. To be filled once list-format lands.
var listFormatIntendedDifferences = map[string]string{}

// mdlListOptionNames are the names (MD number and aliases) under which a
// markdownlint-configure-file comment may set a list rule's options.
var mdlListOptionNames = map[string][]string{
	"MD004": {"MD004", "ul-style"},
	"MD029": {"MD029", "ol-prefix"},
	"MD030": {"MD030", "list-marker-space"},
}

// listFormatOptions translates the options a markdownlint-configure-file
// comment sets for one equivalent rule (keyed by MD number) into lines of
// list-format's options in a medlint config, e.g.
//
//	"MD004": func(v any) (string, bool) { ... return "marker: dash", true },
//
// To be filled once list-format's option names are known; until then only
// fixtures that leave those rules at their defaults are compared.
var listFormatOptions = map[string]func(v any) (yaml string, ok bool){}

// listFormatConfig builds the medlint config (YAML) for list-format that
// matches a fixture's markdownlint-configure-file options, or returns
// ok=false when an option cannot be translated yet.
func listFormatConfig(configureFile map[string]any) (string, bool) {
	if def, set := configureFile["default"]; set && def == false {
		return "", false // every rule off unless named: not mapped
	}
	var lines []string
	for _, rule := range listFormatEquivalents {
		for _, name := range mdlListOptionNames[rule] {
			v, set := configureFile[name]
			if !set {
				continue
			}
			translate, ok := listFormatOptions[rule]
			if !ok {
				return "", false
			}
			opts, ok := translate(v)
			if !ok {
				return "", false
			}
			lines = append(lines, "    "+strings.ReplaceAll(opts, "\n", "\n    "))
		}
	}
	if len(lines) == 0 {
		return "", true
	}
	return "rules:\n  list-format:\n" + strings.Join(lines, "\n") + "\n", true
}

type mdlManifestEntry struct {
	InlineDirectives []string       `json:"inlineDirectives"`
	ConfigureFile    map[string]any `json:"configureFile"`
}

// TestListFormatMarkdownlintFixed compares list-format's fixed text with
// markdownlint's on markdownlint's own fixtures: for each file of
// fixed-target-rules/, the fixture fixed by list-format alone must equal
// the fixture with markdownlint's fixes of the equivalent rules applied
// (computed by mdlApplyFixes, which TestMarkdownlintFixReplay checks against
// fixed-target-rules/), or be listed in listFormatIntendedDifferences.
// Skipped until list-format is registered.
func TestListFormatMarkdownlintFixed(t *testing.T) {
	t.Parallel()
	lf, ok := rules.Lookup("list-format")
	if !ok {
		t.Skip("rule list-format is not registered yet: this comparison waits for it")
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
	sort.Strings(names)
	var agree, compared int
	var skipped []string
	for _, p := range names {
		name := filepath.Base(p)
		entry := manifest[name]
		if d := slices.DeleteFunc(slices.Clone(entry.InlineDirectives), func(s string) bool { return s == "configure-file" }); len(d) > 0 {
			skipped = append(skipped, fmt.Sprintf("%s (markdownlint directives %v)", name, d))
			continue
		}
		yml, ok := listFormatConfig(entry.ConfigureFile)
		if !ok {
			skipped = append(skipped, fmt.Sprintf("%s (options %v not mapped)", name, entry.ConfigureFile))
			continue
		}
		src, err := os.ReadFile(filepath.Join(mdlFixtures, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		want := mdlApplyFixes(string(src), results[name].Errors, listFormatEquivalents)
		cfg, err := config.Parse("list-format.yml", t.TempDir(), []byte(yml))
		if err != nil {
			t.Fatalf("%s: config %q: %v", name, yml, err)
		}
		if err := cfg.Select([]string{lf.Meta().ID}, nil, nil); err != nil {
			t.Fatal(err)
		}
		act, err := cfg.Resolve(name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := fix.Source(src, fix.Options{Path: name, Active: act, Now: linttest.Now})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		compared++
		if string(res.Output) == want {
			agree++
			continue
		}
		d := diff.Unified("markdownlint/"+name, "medlint/"+name, want, string(res.Output), 1)
		if reason, ok := listFormatIntendedDifferences[name]; ok {
			t.Logf("%s: intended difference (%s):\n%s", name, reason, d)
			continue
		}
		t.Errorf("%s: list-format's fixed text differs from markdownlint's %v fixes:\n%s", name, listFormatEquivalents, d)
	}
	t.Logf("list-format fixes agree with markdownlint on %d/%d fixtures compared; skipped %d: %s",
		agree, compared, len(skipped), strings.Join(skipped, "; "))
}

const seedArticle = "../../../shared/corpus/seed/gut-skin-connection.md"

// TestSeedArticleFix is the acceptance test: --fix on the seed
// article turns every "•" line into a real list item, and a second run
// fixes nothing. Skipped until list-format is registered.
func TestSeedArticleFix(t *testing.T) {
	t.Parallel()
	if _, ok := rules.Lookup("list-format"); !ok {
		t.Skip("rule list-format is not registered yet: this test waits for it")
	}
	src, err := os.ReadFile(seedArticle)
	if os.IsNotExist(err) {
		t.Skipf("seed article not found at %s", seedArticle)
	}
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, t.TempDir(), "gut-skin-connection.md", string(src))
	code, out, errOut := medlint(t, "", checkArgs("list-format", "--fix", "--fail-on", "none", p)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	fixed := read(t, p)
	for i, line := range strings.Split(fixed, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "•") {
			t.Errorf("line %d still starts with a bullet character: %q", i+1, line)
		}
	}
	// Every former "•" line is now the first line of a list item.
	doc, err := document.Parse(p, []byte(fixed))
	if err != nil {
		t.Fatal(err)
	}
	itemLines := map[int]bool{}
	for _, l := range doc.Lists {
		for _, it := range l.Items {
			itemLines[it.Line] = true
		}
	}
	fixedLines := strings.Split(fixed, "\n")
	bullets := 0
	for _, line := range strings.Split(string(src), "\n") {
		content, ok := strings.CutPrefix(strings.TrimSpace(line), "•")
		if !ok {
			continue
		}
		bullets++
		content = strings.TrimSpace(content)
		found := false
		for i, fl := range fixedLines {
			if strings.HasSuffix(strings.TrimRight(fl, "\r"), content) && itemLines[i+1] {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("the bullet line %q is not a list item after --fix", line)
		}
	}
	if bullets == 0 {
		t.Fatal("the seed article has no bullet lines: wrong file?")
	}
	_, _, errOut = medlint(t, "", checkArgs("list-format", "--fix", "--fail-on", "none", p)...)
	if !strings.Contains(errOut, "fixed 0 findings") || read(t, p) != fixed {
		t.Errorf("a second --fix changed something:\n%s", errOut)
	}
}
