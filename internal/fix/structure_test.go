package fix_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/rules"
)

// restyleRule turns every "* " bullet into "- ", promising (or not) that
// this keeps the document's structure: it does not for "* ---", which
// becomes a thematic break, nor for one item of a longer list, which then
// splits.
type restyleRule struct{ promise bool }

var starBullet = regexp.MustCompile(`(?m)^\* `)

func (restyleRule) Meta() lint.Meta {
	return lint.Meta{ID: "test-restyle", Summary: "test rule", Severity: lint.SeverityWarning, Fixable: true}
}
func (restyleRule) NewOptions() any                             { return nil }
func (r restyleRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (r restyleRule) Run(p *lint.Pass) error {
	for _, m := range starBullet.FindAllIndex(p.Doc.Source, -1) {
		p.Report(lint.Diagnostic{Pos: m[0], End: m[0] + 1, Message: "use -",
			Fix: &lint.Fix{Message: "use -", KeepsStructure: r.promise, Edits: []lint.Edit{{Pos: m[0], End: m[0] + 1, NewText: "-"}}}})
	}
	return nil
}

// TestFixerKeepsPromisedStructure: the fixer withholds the fixes that
// promise to keep the structure and do not (each reported as an error
// naming its line), applies the others, and leaves fixes that make no
// promise alone.
func TestFixerKeepsPromisedStructure(t *testing.T) {
	t.Parallel()
	src := "* a\n* ---\n\nText.\n\n* b\n"
	res := run(t, src, restyleRule{promise: true})
	if want := "* a\n* ---\n\nText.\n\n- b\n"; string(res.Output) != want {
		t.Errorf("output %q, want %q", res.Output, want)
	}
	var lines []int
	for _, e := range res.Errors {
		if e.Rule != "test-restyle" || !strings.Contains(e.Message, "changes the document's structure") {
			t.Errorf("unexpected error %+v", e)
		}
		lines = append(lines, e.Line)
	}
	if len(lines) != 2 || lines[0] != 1 || lines[1] != 2 {
		t.Errorf("errors on lines %v, want [1 2]: %+v", lines, res.Errors)
	}
	if res.Converged {
		t.Error("converged with two fixable findings left")
	}
	if n := res.FixedTotal(); n != 1 {
		t.Errorf("%d fixes applied, want 1", n)
	}

	res = run(t, src, restyleRule{promise: false})
	if want := "- a\n- ---\n\nText.\n\n- b\n"; string(res.Output) != want || len(res.Errors) != 0 {
		t.Errorf("without the promise: output %q, errors %+v", res.Output, res.Errors)
	}
}

// TestListFormatFixKeepsStructure: issue 15's cases through the fixer,
// with the real rule, its style checks on: "* ---" keeps its list whole, the blank line after an
// unclosed fence is not inserted, and a directive switching off one item
// leaves the list's markers alone; none of it is an error.
func TestListFormatFixKeepsStructure(t *testing.T) {
	t.Parallel()
	lf, ok := lint.Lookup("list-format")
	if !ok {
		t.Fatal("list-format is not registered")
	}
	tests := []struct {
		name, src, want string
		opt             func(*rules.ListFormatOptions)
	}{
		{"thematic break", "- x\n\nText.\n\n* a\n* ---\n* b\n", "- x\n\nText.\n\n* a\n* ---\n* b\n", nil},
		{"unclosed fence", "Text\n\n1. Text\n   ```shell\n   fence\n  ```\n", "Text\n\n1. Text\n   ```shell\n   fence\n  ```\n", nil},
		{"directive", "- x\n\nText.\n\n* a <!-- medlint-disable-line list-format -->\n* b\n* c\n", "- x\n\nText.\n\n* a <!-- medlint-disable-line list-format -->\n* b\n* c\n", nil},
		{"fixable beside", "- x\n\nText.\n\n* a\n* b\n\nMore.\n\n* c\n* ---\n", "- x\n\nText.\n\n- a\n- b\n\nMore.\n\n* c\n* ---\n", nil},
		// In one pass, the pasted bullet becomes a sub-item at column 2:
		// the item's text must stay at column 2 for it to stay nested.
		{"pasted sub-item", "- Take paracetamol\n  • at most 4 doses a day\n• rest in bed\n", "- Take paracetamol\n  -  at most 4 doses a day\n-  rest in bed\n",
			func(o *rules.ListFormatOptions) { o.ULMulti, o.ULSingle = 2, 2 }},
		// The pasted lines become a "*" list: the "-" list below must
		// keep its marker, or the two would be one loose list.
		{"pasted list above", "Signs:\n• fever\n• rash\n\n-\n- an empty first item\n", "Signs:\n\n* fever\n* rash\n\n-\n- an empty first item\n",
			func(o *rules.ListFormatOptions) { o.MarkerStyle = "asterisk" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := lf.NewOptions().(*rules.ListFormatOptions)
			opts.StyleChecks = "per-item"
			if tt.opt != nil {
				tt.opt(opts)
			}
			res, err := fix.Source([]byte(tt.src), fix.Options{Path: "a.md", Active: []config.Active{{Rule: lf, Options: opts}}, Now: ruletest.Now})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Output) != tt.want {
				t.Errorf("output %q, want %q", res.Output, tt.want)
			}
			for _, e := range res.Errors {
				t.Errorf("error: %+v", e)
			}
			if !res.Converged {
				t.Error("fixable findings left")
			}
			if len(res.Remaining) == 0 {
				t.Error("no finding left: the unfixable ones must stay reported")
			}
		})
	}
}

// TestListFormatDelimiterChain: numbered lists split by alternating
// delimiters become one tight list, not a loose one: no blank line goes
// between lists that the delimiter fix joins in a later pass (found by
// FuzzFixPreservesStructure).
func TestListFormatDelimiterChain(t *testing.T) {
	t.Parallel()
	lf, _ := lint.Lookup("list-format")
	res, err := fix.Source([]byte("1. a\n2) b\n3. c\n4) d\n"), fix.Options{Path: "a.md", Active: []config.Active{{Rule: lf, Options: lf.NewOptions()}}, Now: ruletest.Now})
	if err != nil {
		t.Fatal(err)
	}
	if want := "1. a\n2. b\n3. c\n4. d\n"; string(res.Output) != want || len(res.Errors) != 0 || !res.Converged {
		t.Errorf("output %q (errors %v, converged %v), want %q", res.Output, res.Errors, res.Converged, want)
	}
}
