package engine

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/markdownlint"
	"github.com/medlint/medlint/internal/result"
)

// scan reads every medlint directive in order: the reference for the
// index (directives in line order, as the index reads them).
func scan(dirs []*document.Directive, rule, check string, line int) bool {
	disabled := false
	for _, d := range dirs {
		if !d.Covers(rule, check) {
			continue
		}
		switch d.Kind {
		case document.DirectiveDisableFile:
			return true
		case document.DirectiveDisableLine:
			if d.Line == line {
				return true
			}
		case document.DirectiveDisableNextLine:
			if line == d.EndLine+1 {
				return true
			}
		case document.DirectiveDisable:
			if d.Line <= line {
				disabled = true
			}
		case document.DirectiveEnable:
			if d.Line <= line {
				disabled = false
			}
		}
	}
	return disabled
}

// TestDirectiveIndexMatchesScan compares the indexed lookup with reading
// every directive, on random medlint directives naming rules, checks and
// markdownlint aliases, in line order and out of it.
func TestDirectiveIndexMatchesScan(t *testing.T) {
	t.Parallel()
	kinds := []document.DirectiveKind{
		document.DirectiveDisable, document.DirectiveEnable, document.DirectiveDisableLine,
		document.DirectiveDisableNextLine, document.DirectiveDisableFile,
	}
	names := [][]string{nil, {"a"}, {"b"}, {"a", "b"}, {"a/x"}, {"a/y", "b"}, {"list-format"}, {"MD004"}, {"ul-style", "a/x"}}
	findings := [][2]string{{"a", ""}, {"a", "x"}, {"a", "y"}, {"b", "x"}, {"c", ""}, {"list-format", "marker-style"}, {"list-format", "fake-bullet"}}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 2000 {
		var dirs []*document.Directive
		line := 1
		for range r.IntN(8) {
			kind := kinds[r.IntN(len(kinds)-1)]
			if r.IntN(20) == 0 {
				kind = document.DirectiveDisableFile
			}
			if round%3 == 0 {
				line = 1 + r.IntN(20) // out of order
			} else {
				line += r.IntN(4)
			}
			dirs = append(dirs, &document.Directive{Kind: kind, Rules: names[r.IntN(len(names))], Line: line, EndLine: line + r.IntN(2)})
		}
		sorted := inLineOrder(dirs)
		for _, f := range findings {
			rd := indexDirectives(sorted, f[0], f[1])
			for l := 1; l <= 25; l++ {
				if got, want := rd.suppressed(l), scan(sorted, f[0], f[1], l); got != want {
					t.Fatalf("round %d, %s/%s, line %d: indexed %v, scan %v", round, f[0], f[1], l, got, want)
				}
			}
		}
	}
}

// TestMarkdownlintDirectivesAsMarkdownlint compares the lines on which
// markdownlint's comments switch list-format's checks off with the lines
// on which they switch markdownlint's list rules off (the reference
// resolution the parity tests use), on random documents of markdownlint
// comments: numbers, aliases, tags, no names, capture and restore,
// file-wide comments.
func TestMarkdownlintDirectivesAsMarkdownlint(t *testing.T) {
	t.Parallel()
	verbs := []string{"disable", "enable", "disable-line", "disable-next-line", "capture", "restore", "disable-file", "enable-file"}
	names := []string{"", "MD004", "md005", "ul-style", "MD029 MD030", "bullet", "ol", "MD013", "MD032 ul-indent", "indentation"}
	all := map[string]bool{}
	for _, lr := range markdownlint.ListRules {
		all[lr.ID] = true
	}
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 500 {
		var b strings.Builder
		for i := range 3 + r.IntN(12) {
			switch n := r.IntN(3); {
			case n == 0:
				fmt.Fprintf(&b, "text %d\n", i)
			case n == 1 && r.IntN(4) == 0:
				fmt.Fprintf(&b, "text <!-- markdownlint-%s %s --> inline\n", verbs[r.IntN(4)], names[r.IntN(len(names))])
			default:
				verb := verbs[r.IntN(len(verbs)-2)]
				if r.IntN(10) == 0 {
					verb = verbs[6+r.IntN(2)]
				}
				fmt.Fprintf(&b, "<!-- markdownlint-%s %s -->\n", verb, names[r.IntN(len(names))])
			}
			b.WriteString("\n")
		}
		src := b.String()
		doc, err := document.Parse("t.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want := markdownlint.EnabledLines(src, all)
		dirs := inLineOrder(doc.Directives)
		for _, lr := range markdownlint.ListRules {
			rd := indexDirectives(dirs, "list-format", lr.Check)
			for l := 1; l < len(want)-1; l++ {
				if got := rd.suppressed(l); got != !want[l][lr.ID] {
					t.Fatalf("round %d, %s, line %d: suppressed %v, markdownlint enabled %v\n%s", round, lr.ID, l, got, want[l][lr.ID], src)
				}
			}
		}
		// What markdownlint does not have is never switched off by its comments.
		rd := indexDirectives(dirs, "list-format", "fake-bullet")
		for l := 1; l < len(want); l++ {
			if rd.suppressed(l) {
				t.Fatalf("round %d: fake-bullet switched off on line %d\n%s", round, l, src)
			}
		}
	}
}

// TestDirectivesNameChecks runs whole documents through the engine's
// filter: each case says which findings stay.
func TestDirectivesNameChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		keep      []string // rule/check@line of the findings that stay
	}{
		{"a check", "<!-- medlint-disable-next-line uncited-claim/statistic -->\nx\n",
			[]string{"uncited-claim/research-claim@2", "list-format/marker-style@2"}},
		{"a markdownlint number in a medlint directive", "<!-- medlint-disable-next-line MD004 -->\nx\n",
			[]string{"uncited-claim/statistic@2", "uncited-claim/research-claim@2"}},
		{"markdownlint, no names: only what markdownlint has", "<!-- markdownlint-disable -->\nx\n",
			[]string{"uncited-claim/statistic@2", "uncited-claim/research-claim@2"}},
		{"markdownlint, an uncovered rule: ignored", "<!-- markdownlint-disable MD013 -->\nx\n",
			[]string{"uncited-claim/statistic@2", "uncited-claim/research-claim@2", "list-format/marker-style@2"}},
		{"markdownlint does not read medlint ids", "<!-- markdownlint-disable uncited-claim -->\nx\n",
			[]string{"uncited-claim/statistic@2", "uncited-claim/research-claim@2", "list-format/marker-style@2"}},
		{"medlint, no names: every rule", "<!-- medlint-disable -->\nx\n", nil},
		{"medlint-disable-file cannot be undone", "<!-- medlint-disable-file list-format -->\n<!-- markdownlint-enable-file MD004 -->\nx\n",
			[]string{"uncited-claim/statistic@3", "uncited-claim/research-claim@3"}},
		{"markdownlint-disable-file can", "<!-- markdownlint-disable-file -->\n<!-- markdownlint-enable ul-style -->\nx\n",
			[]string{"uncited-claim/statistic@3", "uncited-claim/research-claim@3", "list-format/marker-style@3"}},
		{"configure-file is not read", "<!-- markdownlint-configure-file { \"MD004\": false } -->\nx\n",
			[]string{"uncited-claim/statistic@2", "uncited-claim/research-claim@2", "list-format/marker-style@2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc, err := document.Parse("t.md", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			line := strings.Count(tc.src, "\n")
			var findings []resultFinding
			for _, rc := range [][2]string{{"uncited-claim", "statistic"}, {"uncited-claim", "research-claim"}, {"list-format", "marker-style"}} {
				findings = append(findings, resultFinding{rc[0], rc[1], line})
			}
			var got []string
			for _, f := range applyDirectives(doc, toFindings(findings)) {
				got = append(got, fmt.Sprintf("%s/%s@%d", f.Rule, f.Check, f.Line))
			}
			if !slices.Equal(got, tc.keep) {
				t.Errorf("kept %v, want %v", got, tc.keep)
			}
		})
	}
}

type resultFinding struct {
	rule, check string
	line        int
}

func toFindings(fs []resultFinding) []result.Finding {
	out := make([]result.Finding, len(fs))
	for i, f := range fs {
		out[i] = result.Finding{Path: "t.md", Line: f.line, Column: 1, Rule: f.rule, Check: f.check}
	}
	return out
}
