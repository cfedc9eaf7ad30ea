package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/mdstruct"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/rules"
)

// lintList runs list-format with its defaults, but the style checks on
// per item (changed by opt), over src.
func lintList(t testing.TB, src string, opt func(*rules.ListFormatOptions)) engine.FileResult {
	t.Helper()
	r, ok := lint.Lookup("list-format")
	if !ok {
		t.Fatal("list-format is not registered")
	}
	opts := r.NewOptions().(*rules.ListFormatOptions)
	opts.StyleChecks = "per-item"
	if opt != nil {
		opt(opts)
	}
	fr := engine.Lint("test.md", []byte(src), []config.Active{{Rule: r, Options: opts}}, ruletest.Now)
	for _, e := range fr.Errors {
		t.Fatalf("lint error: %s", e.Message)
	}
	return fr
}

// applyEdits applies one fix's edits to src after checking that they lie
// inside src and do not overlap (two insertions at one offset, or an
// insertion inside a replaced range, count as overlapping).
func applyEdits(src string, edits []lint.Edit) (string, error) {
	sorted := slices.Clone(edits)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Pos < sorted[j].Pos })
	for i, e := range sorted {
		if e.Pos < 0 || e.End < e.Pos || e.End > len(src) {
			return "", fmt.Errorf("edit %+v outside the source (%d bytes)", e, len(src))
		}
		if i > 0 {
			p := sorted[i-1]
			if p.End > e.Pos || (p.Pos == e.Pos) {
				return "", fmt.Errorf("edits %+v and %+v overlap", p, e)
			}
		}
	}
	var b strings.Builder
	last := 0
	for _, e := range sorted {
		b.WriteString(src[last:e.Pos])
		b.WriteString(e.NewText)
		last = e.End
	}
	b.WriteString(src[last:])
	return b.String(), nil
}

// fixAll applies the fixes of every finding of check, one finding at a
// time from the end of the file, so that offsets stay valid.
func fixAll(t *testing.T, src string, fr engine.FileResult, check string) string {
	t.Helper()
	var fixes []*lint.Fix
	for _, f := range fr.Findings {
		if f.Check == check {
			if f.Fix == nil || len(f.Fix.Edits) == 0 || !f.Fixable {
				t.Fatalf("%s finding on line %d has no fix", check, f.Line)
			}
			fixes = append(fixes, f.Fix)
		}
	}
	first := func(f *lint.Fix) int {
		m := f.Edits[0].Pos
		for _, e := range f.Edits {
			m = min(m, e.Pos)
		}
		return m
	}
	sort.Slice(fixes, func(i, j int) bool { return first(fixes[i]) > first(fixes[j]) })
	out := src
	for _, fx := range fixes {
		var err error
		if out, err = applyEdits(out, fx.Edits); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func checksOf(fr engine.FileResult) []string {
	var out []string
	for _, f := range fr.Findings {
		out = append(out, fmt.Sprintf("%d:%s", f.Line, f.Check))
	}
	return out
}

func TestListFormatFixes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, check, src, want string
		opt                    func(*rules.ListFormatOptions)
		items                  int // list items the fixed text must have (0: not checked)
	}{
		{name: "seed-style indented bullets", check: "fake-bullet",
			src:  "Text.\n\n  • Incorporate fermented foods.\n  • Expert Tip: read the label.\n\n### Next\n",
			want: "Text.\n\n- Incorporate fermented foods.\n- Expert Tip: read the label.\n\n### Next\n", items: 2},
		{name: "bullets right after a paragraph line, text after", check: "fake-bullet",
			src:  "Signs include:\n• fever\n• rash\nCall your GP if they last.\n",
			want: "Signs include:\n\n- fever\n- rash\n\nCall your GP if they last.\n", items: 2},
		{name: "wrapped bullets keep their continuation lines", check: "fake-bullet",
			src:  "• a long bullet\nthat wraps\n• another one\nthat wraps too\n",
			want: "- a long bullet\nthat wraps\n- another one\nthat wraps too\n", items: 2},
		{name: "bullets before a heading", check: "fake-bullet",
			src:  "• one\n• two\n# Heading\n",
			want: "- one\n- two\n\n# Heading\n", items: 2},
		{name: "quoted bullets", check: "fake-bullet",
			src:  "> Signs:\n> • fever\n> • rash\n",
			want: "> Signs:\n>\n> - fever\n> - rash\n", items: 2},
		{name: "CRLF", check: "fake-bullet",
			src:  "Signs:\r\n• fever\r\n• rash\r\n",
			want: "Signs:\r\n\r\n- fever\r\n- rash\r\n", items: 2},
		{name: "no-break space after the bullet", check: "fake-bullet",
			src:  "•\u00a0fever\n●\u00a0\u00a0rash\n",
			want: "- fever\n- rash\n", items: 2},
		{name: "pasted sub-bullets in a list item", check: "fake-bullet",
			src:  "- Item\n  • sub one\n  • sub two\n",
			want: "- Item\n  - sub one\n  - sub two\n", items: 3},
		{name: "pasted sub-bullets in a numbered item nest under its text", check: "fake-bullet",
			src:  "1. Step\n  • sub one\n  • sub two\n",
			want: "1. Step\n   - sub one\n   - sub two\n", items: 3},
		{name: "unindented pasted bullets after an item are siblings", check: "fake-bullet",
			src:  "* Item\n• more\n• more again\n",
			want: "* Item\n* more\n* more again\n", items: 3},
		{name: "the document's bullet marker", check: "fake-bullet",
			src:  "* a\n\nText.\n\n• b\n• c\n",
			want: "* a\n\nText.\n\n* b\n* c\n", items: 3},
		{name: "start-indented lists", check: "fake-bullet", opt: func(o *rules.ListFormatOptions) { o.StartIndented = true },
			src:  "• a\n• b\n",
			want: "  - a\n  - b\n", items: 2},
		{name: "dash bullets", check: "fake-bullet",
			src:  "– one\n— two\n",
			want: "- one\n- two\n", items: 2},
		{name: "missing space after a paragraph line", check: "missing-space",
			src:  "Signs:\n-Fever\n-Rash\n",
			want: "Signs:\n\n- Fever\n- Rash\n", items: 2},
		{name: "missing space, indented numbers", check: "missing-space",
			src:  "  1.Rest\n  2.Drink\n",
			want: "1. Rest\n2. Drink\n", items: 2},
		{name: "missing space under an item", check: "missing-space",
			src:  "- Apples\n-Pears\n",
			want: "- Apples\n- Pears\n", items: 2},
		{name: "renumber", check: "ordered-prefix",
			src:  "1. a\n2. b\n4. c\n10. d\n",
			want: "1. a\n2. b\n3. c\n4. d\n"},
		{name: "renumber one style", check: "ordered-prefix",
			src:  "1. a\n1. b\n2. c\n",
			want: "1. a\n1. b\n1. c\n"},
		{name: "delimiter switch", check: "ordered-prefix",
			src:  "1. a\n\n1) b\n1) c\n",
			want: "1. a\n\n1. b\n1. c\n"},
		{name: "delimiter switch while numbering on", check: "ordered-prefix",
			src:  "1. a\n2) b\n3) c\n",
			want: "1. a\n2. b\n3. c\n"},
		{name: "marker style", check: "marker-style",
			src:  "- a\n\ntext\n\n* b\n  + c\n",
			want: "- a\n\ntext\n\n- b\n  - c\n"},
		{name: "marker style asterisk", check: "marker-style", opt: func(o *rules.ListFormatOptions) { o.MarkerStyle = "asterisk" },
			src:  "- a\n- b\n",
			want: "* a\n* b\n"},
		{name: "marker space", check: "marker-space",
			src:  "-  a\n-   b\n\ntext\n\n1.  one\n",
			want: "- a\n- b\n\ntext\n\n1. one\n"},
		{name: "blank lines", check: "blank-lines",
			src:  "Text\n- a\n- b\n# H\n",
			want: "Text\n\n- a\n- b\n\n# H\n"},
		{name: "blank lines in a quote", check: "blank-lines",
			src:  "> Text\n> - a\n",
			want: "> Text\n>\n> - a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fr := lintList(t, tt.src, tt.opt)
			got := fixAll(t, tt.src, fr, tt.check)
			if got != tt.want {
				t.Fatalf("fixing %s in %q:\ngot  %q\nwant %q\nfindings %v", tt.check, tt.src, got, tt.want, checksOf(fr))
			}
			after := lintList(t, got, tt.opt)
			for _, f := range after.Findings {
				if f.Check == tt.check || f.Check == "blank-lines" || f.Check == "fake-bullet" || f.Check == "missing-space" {
					t.Errorf("after the fix, %d:%s %s", f.Line, f.Check, f.Message)
				}
			}
			if tt.items > 0 {
				doc, err := document.Parse("x.md", []byte(got))
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, l := range doc.Lists {
					n += len(l.Items)
				}
				if n != tt.items {
					t.Errorf("fixed text %q has %d list items, want %d", got, n, tt.items)
				}
			}
		})
	}
}

// TestListFormatEditsTouchOnlyTheirBytes checks that fixes never rewrite
// bytes they leave unchanged: an edit's NewText never starts or ends with
// the byte it replaces.
func TestListFormatEditsTouchOnlyTheirBytes(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../testdata/rules/list-format/*.md")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range lintList(t, string(src), nil).Findings {
			if f.Fix == nil {
				continue
			}
			for _, e := range f.Fix.Edits {
				old := string(src[e.Pos:e.End])
				if old == e.NewText || (old != "" && e.NewText != "" && (old[0] == e.NewText[0] || old[len(old)-1] == e.NewText[len(e.NewText)-1])) {
					t.Errorf("%s:%d %s: edit %q -> %q rewrites bytes it keeps", path, f.Line, f.Check, old, e.NewText)
				}
			}
			if _, err := applyEdits(string(src), f.Fix.Edits); err != nil {
				t.Errorf("%s:%d %s: %v", path, f.Line, f.Check, err)
			}
		}
	}
}

// TestListFormatSeed checks the seed article: fake bullets at lines
// 74-108, nothing on the valid indented numbered list at lines 60-64, and
// a fix that turns every run into a real list.
func TestListFormatSeed(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		t.Fatal(err)
	}
	fr := lintList(t, string(src), nil)
	var fake []int
	for _, f := range fr.Findings {
		if f.Line >= 60 && f.Line <= 64 {
			t.Errorf("finding on the valid numbered list: %d:%s %s", f.Line, f.Check, f.Message)
		}
		if f.Check == "fake-bullet" {
			fake = append(fake, f.Line)
			if f.Line < 74 || f.EndLine > 108 {
				t.Errorf("fake-bullet finding at %d-%d, outside lines 74-108", f.Line, f.EndLine)
			}
		}
	}
	if want := []int{74, 81, 88, 95, 101, 108}; !slices.Equal(fake, want) {
		t.Errorf("fake-bullet findings on lines %v, want %v (one per run)", fake, want)
	}
	fixed := fixAll(t, string(src), fr, "fake-bullet")
	after := lintList(t, fixed, nil)
	if len(after.Findings) != 0 {
		t.Errorf("after the fix: %v", checksOf(after))
	}
	doc, err := document.Parse("seed.md", []byte(fixed))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range doc.Lists {
		if !l.Ordered {
			n += len(l.Items)
		}
	}
	if n != 10 {
		t.Errorf("fixed seed has %d bullet items, want 10", n)
	}
}

func TestListFormatOptionsValidate(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("list-format")
	for _, tt := range []struct {
		name string
		set  func(*rules.ListFormatOptions)
		err  string
	}{
		{"defaults", func(*rules.ListFormatOptions) {}, ""},
		{"indent 0", func(o *rules.ListFormatOptions) { o.Indent = 0 }, "indent must be between 1 and 8"},
		{"ul-multi 5", func(o *rules.ListFormatOptions) { o.ULMulti = 5 }, "ul-multi must be between 1 and 4"},
		{"two characters", func(o *rules.ListFormatOptions) { o.FakeBullets = []string{"••"} }, "not a single character"},
		{"markdown marker", func(o *rules.ListFormatOptions) { o.FakeBullets = []string{"-"} }, "cannot be a fake bullet"},
		{"letter", func(o *rules.ListFormatOptions) { o.FakeBullets = []string{"o"} }, "cannot be a fake bullet"},
		{"custom", func(o *rules.ListFormatOptions) { o.FakeBullets = []string{"❖"} }, ""},
	} {
		opts := r.NewOptions().(*rules.ListFormatOptions)
		tt.set(opts)
		err := opts.Validate()
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.err)
		}
	}
}

// TestListFormatMeta checks that every check is documented with its
// markdownlint equivalent where there is one, and that findings only use
// documented check names.
func TestListFormatMeta(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("list-format")
	m := r.Meta()
	if m.Severity != lint.SeverityWarning || !m.Fixable {
		t.Errorf("severity %v fixable %v, want warning and fixable", m.Severity, m.Fixable)
	}
	want := map[string]string{"marker-style": "MD004", "item-indent": "MD005", "nested-indent": "MD007", "ordered-prefix": "MD029",
		"marker-space": "MD030", "blank-lines": "MD032", "fake-bullet": "", "missing-space": "", "flat-nesting": ""}
	for _, c := range m.Checks {
		eq, ok := want[c.Name]
		if !ok {
			t.Errorf("undocumented check %q", c.Name)
			continue
		}
		if !strings.HasPrefix(c.Equivalent, eq) || (eq == "" && c.Equivalent != "") || c.Summary == "" {
			t.Errorf("check %s: equivalent %q, want %q", c.Name, c.Equivalent, eq)
		}
		delete(want, c.Name)
	}
	if len(want) > 0 {
		t.Errorf("checks missing from Meta: %v", want)
	}
	opts := map[string]bool{}
	for _, o := range lint.Options(r) {
		if o.Doc == "" {
			t.Errorf("option %s has no doc", o.Name)
		}
		opts[o.Name] = true
	}
	for _, name := range []string{"marker-style", "indent", "start-indented", "start-indent", "ordered-style", "ul-single", "ol-single", "ul-multi", "ol-multi", "fake-bullet-chars"} {
		if !opts[name] {
			t.Errorf("option %s missing", name)
		}
	}
}

// FuzzListFormat checks that list-format never panics and that every
// finding and edit lies inside the source, with non-overlapping edits
// within one finding.
func FuzzListFormat(f *testing.F) {
	for _, s := range ruleSeeds(f, "list-format") {
		f.Add(string(s))
	}
	for _, s := range []string{
		"• a\n• b\n", "-a\n-b\n", "1.a\n2)b\n", "> • a\r\n> • b\r\n", "- a\n\t* b\n", "-\r\n-\r\n",
		"1. a\n\n1) b\n", "- > - q\n", "[^1]: x\n\n    * a\n     * b\n", "  1. a\n  1. b\n", "\u00a0• a\n",
		"- a\n  • b\nc\n", "•\n•", "–\u00a0a\n—\u00a0b", "*a\n*b", "9) x\n10) y\n",
	} {
		f.Add(s)
	}
	r, _ := lint.Lookup("list-format")
	check := prepared(f, r, nil)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := document.Parse("fuzz.md", []byte(src))
		if err != nil {
			return
		}
		var diags []lint.Diagnostic
		pass := lint.NewPass(doc, ruletest.Now, func(d lint.Diagnostic) { diags = append(diags, d) })
		if err := check(pass); err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			if d.Pos < 0 || d.Pos > d.End || d.End > len(doc.Source) {
				t.Fatalf("%s finding at [%d,%d) outside the source (%d bytes)", d.Check, d.Pos, d.End, len(doc.Source))
			}
			if d.Check == "" || d.Message == "" {
				t.Fatalf("finding without check or message: %+v", d)
			}
			if d.Fix != nil {
				if _, err := applyEdits(string(doc.Source), d.Fix.Edits); err != nil {
					t.Fatalf("%s: %v", d.Check, err)
				}
			}
		}
	})
}

// TestListFormatFixesKeepStructure: a marker-space or ordered-prefix fix
// that would move lines into or out of an item (or in or out of code) is
// not offered, or makes up for a wider number with the spaces after it.
func TestListFormatFixesKeepStructure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, check, src string
		opt              func(*rules.ListFormatOptions)
		want             string // "" when the finding must carry no fix
	}{
		{"sibling would nest", "marker-space", "-   a\n  - b\n", nil, ""},
		{"paragraph would join", "marker-space", "-   a\n\n  para\n", nil, ""},
		{"sub-list on the marker line", "marker-space", "-   - b\n    - c\n", nil, ""},
		{"sub-list stays nested", "marker-space", "-  a\n   - b\n\nText.\n", nil, "- a\n   - b\n\nText.\n"},
		{"lazy lines are fine", "marker-space", "-   a\nlazy\n-   b\n", nil, "- a\nlazy\n- b\n"},
		{"growing would orphan a sub-list", "marker-space", "- a\n  - b\n", func(o *rules.ListFormatOptions) { o.ULMulti = 3 }, ""},
		// The optional space after ">" belongs to the quote: the heading
		// is at column 3 of the quoted text, and 3 spaces would move the
		// item's text to column 4, leaving the heading out.
		{"quoted item without a space after >", "marker-space", ">* 000\n>    # 0\n", func(o *rules.ListFormatOptions) { o.ULMulti = 3 }, ""},
		{"list after an empty item", "marker-style", "*\n   - 0\n", nil, ""},
		{"sub-list of an empty item", "marker-style", "*\n   * 0\n", func(o *rules.ListFormatOptions) { o.MarkerStyle = "sublist" }, ""},
		{"wider number takes a space", "ordered-prefix", "1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i\n11.  j\n    - sub\n", nil,
			"1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i\n10.  j\n    - sub\n"},
		{"wider number without room", "ordered-prefix", "1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i\n1. j\n   - sub\n", nil, ""},
		{"narrower number keeps the sub-list", "ordered-prefix", "9. a\n11. b\n    - sub\n", nil, "1. a\n2. b\n    - sub\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fr := lintList(t, tt.src, tt.opt)
			var edits []lint.Edit
			found := false
			for _, f := range fr.Findings {
				if f.Check != tt.check {
					continue
				}
				found = true
				if f.Fix != nil {
					edits = append(edits, f.Fix.Edits...)
				}
			}
			if !found {
				t.Fatalf("no %s finding: %v", tt.check, checksOf(fr))
			}
			if tt.want == "" {
				if len(edits) != 0 {
					t.Fatalf("fix offered: %+v", edits)
				}
				return
			}
			got, err := applyEdits(tt.src, edits)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("fixed %q, want %q", got, tt.want)
			}
		})
	}
}

// TestListFormatFixesKeepRendering: the fixes that promise to keep the
// rendering (marker-style, marker-space, blank-lines, renumbering) are
// withheld where they would change it, and where they are made, the fixed
// text has the outline of the original (issue 15, item 7).
func TestListFormatFixesKeepRendering(t *testing.T) {
	t.Parallel()
	zero := func(o *rules.ListFormatOptions) { o.OrderedStyle = "zero" }
	asterisk := func(o *rules.ListFormatOptions) { o.MarkerStyle = "asterisk" }
	tests := []struct {
		name, check, src string
		opt              func(*rules.ListFormatOptions)
		want             string // "" when no finding of the check may carry a fix
	}{
		// "* ---" is an item holding a thematic break; "- ---" is a
		// thematic break: the item would disappear and the list split.
		{"item would become a thematic break", "marker-style", "- x\n\nText.\n\n* a\n* ---\n* b\n", nil, ""},
		{"item would become a thematic break (asterisk)", "marker-style", "+ a\n+ * *\n", asterisk, ""},
		{"item holding a dash rule stays fixable", "marker-style", "+ a\n+ - - -\n", asterisk, "* a\n* - - -\n"},
		{"would join the list above", "marker-style", "- a\n\n* b\n", nil, ""},
		{"would join the list below", "marker-style", "* a\n\n- b\n", func(o *rules.ListFormatOptions) { o.MarkerStyle = "dash" }, ""},
		// Both sub-lists taking "-" would make them one; the first keeps
		// its marker, and the second can then take it.
		{"would join the sibling list", "marker-style", "- a\n  * b\n  + c\n", func(o *rules.ListFormatOptions) { o.MarkerStyle = "dash" }, "- a\n  * b\n  - c\n"},
		// The finding of the first item is switched off: fixing the
		// others alone would split the list.
		{"a directive among the items", "marker-style", "- x\n\nText.\n\n* a <!-- medlint-disable-line list-format -->\n* b\n* c\n", nil, ""},
		{"a list apart takes the marker", "marker-style", "- a\n\nText.\n\n* b\n* c\n", nil, "- a\n\nText.\n\n- b\n- c\n"},
		{"nested list takes the marker", "marker-style", "- a\n  * b\n", nil, "- a\n  - b\n"},
		// markdownlint's MD032 fix on lists-with-fenced-code.md: the
		// blank line after line 72 would be code.
		{"blank line inside an unclosed fence", "blank-lines", "1. Text\n   ```shell\n   fence\n  ```\n", nil, ""},
		{"blank line after the opening fence", "blank-lines", "- a\n  ```\nText\n", nil, ""},
		{"blank line inside an HTML comment", "blank-lines", "- a\n  <!--\n  b\nText\n", nil, ""},
		{"blank line after a closed fence", "blank-lines", "1. Text\n   ```\n   code\n   ```\nText\n", nil, "1. Text\n   ```\n   code\n   ```\n\nText\n"},
		{"blank line after an HTML block", "blank-lines", "- a\n  <div>\n  b\n  </div>\nText\n", nil, "- a\n  <div>\n  b\n  </div>\n\nText\n"},
		{"blank line between lists apart", "blank-lines", "- a\n* b\n\nText.\n", nil, "- a\n\n* b\n\nText.\n"},
		// Only a list starting at 1 interrupts a paragraph: renumbered
		// from 0, the sub-list would join its item's text (a lazy line
		// would join the paragraph of another container).
		{"renumbered from 0 under the item's text", "ordered-prefix", "- Item\n  1. a\n  2. b\n", zero, "- Item\n  1. a\n  0. b\n"},
		{"renumbered from 0 after a lazy paragraph", "ordered-prefix", "- Item\n1. a\n", zero, ""},
		{"later items renumbered under the item's text", "ordered-prefix", "- Item\n  1. a\n  2. b\n  2. c\n", nil, "- Item\n  1. a\n  2. b\n  3. c\n"},
		// "3. Item" cannot interrupt the paragraph of "2. Item": it is
		// its text. With the content one column further, it would be out
		// of the item, and the outer list's third item.
		{"lazy line would become a sibling item", "marker-space", "1. Item\n2. Item\n   3. Item\n", func(o *rules.ListFormatOptions) { o.OLMulti = 2 }, "1.  Item\n2. Item\n   3. Item\n"},
		{"lazy text line may cross", "marker-space", "1. Item\n2. Item\n   more\n", func(o *rules.ListFormatOptions) { o.OLMulti = 2 }, "1.  Item\n2.  Item\n   more\n"},
		{"renumbered from 0 after a blank line", "ordered-prefix", "- Item\n\n  1. a\n  2. b\n", zero, "- Item\n\n  0. a\n  0. b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fr := lintList(t, tt.src, tt.opt)
			var edits []lint.Edit
			found := false
			for _, f := range fr.Findings {
				if f.Check != tt.check {
					continue
				}
				found = true
				if f.Fix == nil {
					continue
				}
				if !f.Fix.KeepsStructure {
					t.Errorf("%s fix does not promise to keep the structure", f.Check)
				}
				for _, e := range f.Fix.Edits {
					// Both lists' findings insert the blank line between
					// them; the fixer applies it once.
					if !slices.Contains(edits, e) {
						edits = append(edits, e)
					}
				}
			}
			if !found {
				t.Fatalf("no %s finding: %v", tt.check, checksOf(fr))
			}
			if tt.want == "" {
				if len(edits) != 0 {
					t.Fatalf("fix offered: %+v", edits)
				}
				return
			}
			got, err := applyEdits(tt.src, edits)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("fixed %q, want %q", got, tt.want)
			}
			if d := mdstruct.Diff(mdstruct.Parse([]byte(tt.src)), mdstruct.Parse([]byte(got)), true); d != "" {
				t.Errorf("the fix changes the rendering: %s", d)
			}
		})
	}
}

// TestListFormatPastedLinesKeepTheirText: fake-bullet and missing-space
// turn pasted lines into list items and nothing else: a line whose text
// would open a block as an item (a fence, a thematic break) stays as it
// is, and no fix is offered when a line left in the paragraph would become
// an item, code, or leave its block quote (found by
// FuzzFixPreservesStructure).
func TestListFormatPastedLinesKeepTheirText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, check, src string
		want             string // "" when no finding of the check may carry a fix
	}{
		{"a fence as the item's text", "fake-bullet", "Text\n• ```\n", ""},
		{"a thematic break as the item's text", "fake-bullet", "Text\n• ---\n", ""},
		{"a thematic break with the marker", "fake-bullet", "Text\n• --\n", ""},
		{"a heading as the item's text", "fake-bullet", "Text\n• # Title\n", ""},
		{"a link definition as the item's text", "fake-bullet", "Text\n• [1]: https://example.org\n", ""},
		{"the other lines become items", "fake-bullet", "Signs:\n• a\n• ```\n• b\n", "Signs:\n\n- a\n• ```\n- b\n"},
		{"a line that would join the list", "missing-space", "Text\n0)Apples\n0)Pears\n0) \n", ""},
		{"a line that would be code", "fake-bullet", "Signs:\n• a\n• b\n     indented\n", ""},
		{"a lazy line stays in the quote", "fake-bullet", "> • a\n• b\n", "> - a\n• b\n"},
		{"a lazy glued marker", "missing-space", "> -Fever\n-Rash\n", ""},
		{"a code span across the split", "fake-bullet", "• 0``\n``0\n", ""},
		{"emphasis across two items", "fake-bullet", "Text\n• *a\n• b*\n", ""},
		{"HTML indented to the item's text", "fake-bullet", "Text\n• a\n  <!-- note\n", ""},
		{"a paragraph indented to the item's text", "fake-bullet", "Text\n• a\n• b\n\n  more\n", ""},
		{"a quote indented to the item's text", "fake-bullet", "Text\n• a\n  > quote\n", ""},
		{"a quote at the margin", "fake-bullet", "Text\n• a\n> quote\n", "Text\n\n- a\n\n> quote\n"},
		{"emphasis within an item", "fake-bullet", "Text\n• *a*\n• b\n", "Text\n\n- *a*\n- b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fr := lintList(t, tt.src, nil)
			var edits []lint.Edit
			found := false
			for _, f := range fr.Findings {
				if f.Check != tt.check {
					continue
				}
				found = true
				if f.Fix != nil {
					edits = append(edits, f.Fix.Edits...)
				}
			}
			if !found {
				t.Fatalf("no %s finding: %v", tt.check, checksOf(fr))
			}
			if tt.want == "" {
				if len(edits) != 0 {
					t.Fatalf("fix offered: %+v", edits)
				}
				return
			}
			got, err := applyEdits(tt.src, edits)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("fixed %q, want %q", got, tt.want)
			}
		})
	}
}

// TestListFormatDefaults: with the defaults only what renders other than
// written is reported, once per problem; style alone is silent.
func TestListFormatDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string // "line:check"
	}{
		{"mixed markers and spacing render the same", "* a\n- b\n+ c\n\ntext\n-  d\n1.  e\n", nil},
		{"a list under a heading and a paragraph", "# H\n- a\n- b\nText\n- c\n", nil},
		{"four-space nesting nests anyway", "- a\n    - b\n", nil},
		{"top-level bullets indented", "  - a\n  - b\n", nil},
		{"repeated numbers", "1. a\n1. b\n1. c\n", nil},
		{"skipped number", "1. a\n2. b\n4. c\n5. d\n", []string{"3:ordered-prefix"}},
		{"split delimiter once", "1. a\n2. b\n3) c\n5) d\n", []string{"3:ordered-prefix"}},
		{"sub-list at column 0 after a colon", "1. Tests include:\n\n- blood\n- urine\n", []string{"3:flat-nesting"}},
		{"sub-list indented too little", "1. Take it\n  - with food\n", []string{"2:flat-nesting"}},
		{"bullets one space in", "- a\n - b\n - c\n- d\n", []string{"2:flat-nesting"}},
		{"a plain list after a numbered one", "1. a\n2. b\n\n- c\n", nil},
		{"glued bullets", "•Sweating\n•Fever\n", []string{"1:fake-bullet"}},
		{"glued dash is not a bullet", "–Sweating\n–Fever\n", nil},
		{"wrapped parameter list", "It supports: -Debug, -Verbose,\n-ErrorAction, -WarningAction, and\n-OutVariable.\n", nil},
		{"missing space", "Signs:\n-Fever\n-Rash\n", []string{"2:missing-space"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fr := lintList(t, tt.src, func(o *rules.ListFormatOptions) { o.StyleChecks = "off" })
			var got []string
			for _, f := range fr.Findings {
				got = append(got, fmt.Sprintf("%d:%s", f.Line, f.Check))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("findings %v, want %v", got, tt.want)
			}
		})
	}
}
