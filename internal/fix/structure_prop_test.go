package fix_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/markdownlint/fixture"
	"github.com/medlint/medlint/internal/mdstruct"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/rules"
)

// The property of issue 15, item 7: after --fix, the document renders as
// before, except where a fix says it changes it. A fix that promises to
// keep the structure (lint.Fix.KeepsStructure: list-format's marker-style,
// marker-space, blank-lines and renumbering) changes nothing of the
// outline (internal/mdstruct) but list start numbers; a fix that does not
// (fake-bullet and missing-space, which turn pasted lines into list items,
// and the delimiter fix, which joins two numbered lists) changes only that:
// code and HTML blocks stay as they are, no text is added, dropped or
// moved, and the list items gained are the lines it turned into items.

const healthCorpus = "../../../shared/corpus/health"

// fixFilter runs a rule and keeps only the fixes keep accepts: the other
// findings stay, without a fix.
type fixFilter struct {
	lint.Rule
	keep func(*lint.Fix) bool
}

func (r fixFilter) Prepare(options any, env lint.Env) (lint.Check, error) {
	check, err := r.Rule.Prepare(options, env)
	if err != nil {
		return nil, err
	}
	return func(pass *lint.Pass) error {
		inner := lint.NewPass(pass.Doc, pass.Now, func(d lint.Diagnostic) {
			if d.Fix != nil && !r.keep(d.Fix) {
				d.Fix = nil
			}
			pass.Report(d)
		})
		inner.Article = pass.Article
		return check(inner)
	}, nil
}

func promising(f *lint.Fix) bool    { return f.KeepsStructure }
func restructures(f *lint.Fix) bool { return !f.KeepsStructure }

// structureInput is one text and the list-format options to fix it with.
type structureInput struct {
	name     string
	src      []byte
	opts     *rules.ListFormatOptions
	explicit map[string]bool
}

// structureInputs returns the markdownlint fixtures (with the options their
// configure-file comments set, and with the defaults) and the health
// corpus (with the defaults, and with every option moved). The shared data
// lives beside the repository; without it the test is skipped, except
// under CI=true, where it must be there.
func structureInputs(t *testing.T) []structureInput {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(mdlFixtures, "manifest.json"))
	if err == nil {
		_, err = os.Stat(healthCorpus)
	}
	if err != nil {
		testsupport.Unavailable(t, "shared fixtures or corpus not found: %v", err)
	}
	var manifest map[string]mdlManifestEntry
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	lf, _ := lint.Lookup("list-format")
	defaults := lf.NewOptions().(*rules.ListFormatOptions)
	sets := fix.RealRuleSets(t)
	moved, star := sets[1][0], sets[2][0]
	var in []structureInput
	names := make([]string, 0, len(manifest))
	for name := range manifest {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join(mdlFixtures, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		opts, explicit := fixture.ListFormatOptions(manifest[name].ConfigureFile)
		in = append(in, structureInput{name, src, opts, explicit},
			structureInput{name + " (defaults)", src, defaults, nil},
			structureInput{name + " (moved)", src, moved.Options.(*rules.ListFormatOptions), moved.Explicit})
	}
	n := 0
	err = filepath.WalkDir(healthCorpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		in = append(in, structureInput{p, src, defaults, nil},
			structureInput{p + " (moved)", src, moved.Options.(*rules.ListFormatOptions), moved.Explicit},
			structureInput{p + " (asterisk)", src, star.Options.(*rules.ListFormatOptions), star.Explicit})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(manifest) < 80 || n < 500 {
		t.Fatalf("%d fixtures and %d corpus articles: the shared data is incomplete", len(manifest), n)
	}
	// Pasted bullets, which the fixtures and the health corpus hardly
	// have: the seed and labelled articles and list-format's test inputs.
	for _, dir := range []string{"../../../shared/corpus/seed", "../../../shared/corpus/labelled/cases", "../../testdata/fix/list-format", "../../testdata/rules/list-format"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.md"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no articles in %s: %v", dir, err)
		}
		for _, p := range files {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			in = append(in, structureInput{p, src, defaults, nil})
		}
	}
	return in
}

// TestFixPreservesStructure checks the property on every input, and that
// the fixes change something (else it proves nothing).
func TestFixPreservesStructure(t *testing.T) {
	t.Parallel()
	inputs := structureInputs(t)
	var promised, restructured int
	for _, in := range inputs {
		p, r := checkStructure(t, in)
		promised += p
		restructured += r
	}
	t.Logf("%d inputs: %d promising fixes and %d restructuring ones applied, every one as it says", len(inputs), promised, restructured)
	if promised < 500 || restructured < 20 {
		t.Errorf("only %d promising and %d restructuring fixes applied: the property is hardly tested", promised, restructured)
	}
}

// checkStructure fixes in.src three times, with the promising fixes only,
// with the others only, and with all, and checks the property; it returns
// how many fixes of each kind were applied. Fixing with all of them, the
// two kinds meet: a fix of one kind can make a finding of the other (a
// marker fix lets a glued marker below continue the list), so the fully
// fixed text is checked against the original, as the others-only one is;
// and in each pass the fixer checks the promising fixes under the others
// (an error if they break the structure).
func checkStructure(t *testing.T, in structureInput) (promised, restructured int) {
	t.Helper()
	lf, _ := lint.Lookup("list-format")
	fixWith := func(keep func(*lint.Fix) bool) *fix.Result {
		act := []config.Active{{Rule: fixFilter{Rule: lf, keep: keep}, Options: in.opts, Explicit: in.explicit}}
		res, err := fix.Source(in.src, fix.Options{Path: in.name, Active: act, Now: ruletest.Now})
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		for _, e := range res.Errors {
			// A withheld fix is a rule that broke its promise.
			if res.Refused == "" {
				t.Errorf("%s:%d: %s", in.name, e.Line, e.Message)
			}
		}
		return res
	}
	before := outline(t, in.name, in.src)
	keeps := fixWith(promising)
	if d := mdstruct.Diff(before, outline(t, in.name, keeps.Output), true); d != "" {
		t.Errorf("%s: the fixes that promise to keep the structure change it: %s", in.name, d)
	}
	changes := fixWith(restructures)
	if !changes.Changed {
		// No fix changes the structure: fixing everything is fixing
		// with the promising fixes.
		return keeps.FixedTotal(), 0
	}
	checkRestructured(t, in, changes.Output, "the fixes that change the structure")
	all := fixWith(func(*lint.Fix) bool { return true })
	checkRestructured(t, in, all.Output, "fixing everything")
	return keeps.FixedTotal(), changes.FixedTotal()
}

// outline returns the outline of src as the fixer's documents see it.
func outline(t *testing.T, name string, src []byte) mdstruct.Outline {
	t.Helper()
	doc, err := document.Parse(name, src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return mdstruct.FromAST(doc.Root, doc.Source)
}

// checkRestructured checks what the fixes that turn pasted lines into list
// items (and join numbered lists) did to in.src: code and HTML blocks are
// unchanged, the text reads the same once pasted bullets and glued
// markers are set aside, and the list items gained are the pasted lines
// that are gone.
func checkRestructured(t *testing.T, in structureInput, out []byte, what string) {
	t.Helper()
	before, after := outline(t, in.name, in.src), outline(t, in.name, out)
	if b, a := rawBlocks(before), rawBlocks(after); !slices.Equal(b, a) {
		t.Errorf("%s: %s changes code or HTML blocks:\n%q\n->\n%q", in.name, what, b, a)
	}
	if b, a := proseWords(before, in.opts), proseWords(after, in.opts); !slices.Equal(b, a) {
		i := 0
		for i < min(len(b), len(a)) && b[i] == a[i] {
			i++
		}
		t.Errorf("%s: %s changes the text at word %d: %q -> %q", in.name, what, i, b[i:min(i+5, len(b))], a[i:min(i+5, len(a))])
	}
	gained := countItems(after) - countItems(before)
	converted := pastedLines(t, in.name, in.src, in.opts) - pastedLines(t, in.name, out, in.opts)
	if gained != converted {
		t.Errorf("%s: %s gains %d list items for %d pasted lines turned into items", in.name, what, gained, converted)
	}
}

// rawBlocks returns the code and HTML blocks of o with their contents.
func rawBlocks(o mdstruct.Outline) []string {
	var out []string
	for _, e := range o {
		if strings.Contains(e.Node, "CodeBlock") || strings.HasPrefix(e.Node, "HTMLBlock") {
			out = append(out, e.Node+" "+e.Text)
		}
	}
	return out
}

// gluedBullets are the pasted bullets that fake-bullet also takes glued
// to a word ("•Fever").
const gluedBullets = "•◦▪▫●○■□‣⁃∙"

// gluedMarker is a list marker glued to the word after it ("-Fever",
// "2)Drink"): missing-space's fix puts a space after it.
var gluedMarker = regexp.MustCompile(`^([-+]|[0-9]{1,9}[.)])`)

// proseWords returns the words of the prose of o, without the words that
// are a pasted bullet and without a leading list marker. A hard line break
// counts as whitespace: before a line that becomes an item, the item's
// start takes its place.
func proseWords(o mdstruct.Outline, opts *rules.ListFormatOptions) []string {
	var out []string
	for _, e := range o {
		for _, w := range strings.Fields(e.Text) {
			if strings.Contains(e.Node, "CodeBlock") || strings.HasPrefix(e.Node, "HTMLBlock") {
				break
			}
			if w == "‹br›" || slices.Contains(opts.FakeBullets, w) {
				continue
			}
			if r, size := utf8.DecodeRuneInString(w); strings.ContainsRune(gluedBullets, r) && slices.Contains(opts.FakeBullets, string(r)) {
				w = w[size:] // "•Fever"
			}
			if w = gluedMarker.ReplaceAllString(w, ""); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

func countItems(o mdstruct.Outline) int {
	n := 0
	for _, e := range o {
		if e.Node == "ListItem" {
			n++
		}
	}
	return n
}

// pastedLines counts the prose lines of src that start (after block-quote
// markers and indentation) with a pasted bullet and a space (or one of
// gluedBullets glued to a letter), or with a list marker glued to a letter.
func pastedLines(t *testing.T, name string, src []byte, opts *rules.ListFormatOptions) int {
	t.Helper()
	doc, err := document.Parse(name, src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	n := 0
	for l := 1; l <= doc.LineCount(); l++ {
		if doc.LineKinds[l-1] != document.LineProse {
			continue
		}
		s := strings.TrimLeft(string(doc.LineText(l)), " \t>")
		r, size := utf8.DecodeRuneInString(s)
		next, _ := utf8.DecodeRuneInString(s[size:])
		switch {
		case slices.Contains(opts.FakeBullets, string(r)) && (unicode.IsSpace(next) || strings.ContainsRune(gluedBullets, r) && unicode.IsLetter(next)):
			n++
		case gluedMarker.MatchString(s):
			rest := s[len(gluedMarker.FindString(s)):]
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) {
				n++
			}
		}
	}
	return n
}

// FuzzFixPreservesStructure checks the property on any text, with
// list-format's defaults, with every option moved, or with asterisk
// bullets, by the input's length. The seeds are the fix and lint golden
// inputs, the markdownlint fixtures and the shapes that broke structure.
func FuzzFixPreservesStructure(f *testing.F) {
	for _, s := range []string{
		"- x\n\nText.\n\n* a\n* ---\n* b\n", "+ a\n+ * *\n", "* a\n\n- b\n", "- a\n  * b\n  + c\n",
		"1. Text\n   ```shell\n   fence\n  ```\n", "- a\n  <!--\n  b\nText\n", "- Item\n  1. a\n  2. b\n",
		"Signs:\n• fever\n• rash\n\n```\n• code\n```\n", "-Fever\n-Rash\n", "1. a\n1) b\n", "> * a\n>   + b\n>   - c\n",
		"* a\n* b\n<!-- c -->\n* d\n", "[^1]: x\n\n    * a\n    - b\n\ny[^1]\n", "*   a\n\n    code\n",
	} {
		f.Add([]byte(s))
	}
	fix.SeedFixInputs(f, func(src []byte) { f.Add(src) })
	lf, ok := lint.Lookup("list-format")
	if !ok {
		f.Fatal("list-format is not registered")
	}
	sets := fix.RealRuleSets(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 || bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src) {
			return
		}
		act := sets[len(src)%3][0]
		in := structureInput{name: fmt.Sprintf("fuzz%d.md", len(src)), src: src, opts: act.Options.(*rules.ListFormatOptions), explicit: act.Explicit}
		if in.opts == nil {
			in.opts = lf.NewOptions().(*rules.ListFormatOptions)
		}
		checkStructure(t, in)
	})
}
