package rules

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

// heldFix is a finding with a fix to hold in a listChecker: the fix
// replaces the first occurrence of old (after the offset of the first
// occurrence of at) with new.
type heldFix struct {
	at, old, new string
	promise      bool
	keep         bool // whether the fix must survive the check
}

// verifyHeld holds the fixes in a checker of src, decides them and
// reports which fixes survived.
func verifyHeld(t *testing.T, src string, held []heldFix) []bool {
	t.Helper()
	doc, err := document.Parse("v.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := newListChecker(doc, &ListFormatOptions{})
	var found heldFindings
	for _, h := range held {
		from := strings.Index(src, h.at)
		pos := from + strings.Index(src[from:], h.old)
		if from < 0 || pos < from {
			t.Fatalf("%q / %q not in the source", h.at, h.old)
		}
		fix := &lint.Fix{Message: "test", KeepsStructure: h.promise, Edits: []lint.Edit{{Pos: pos, End: pos + len(h.old), NewText: h.new}}}
		found = append(found, c.finding("test", pos, pos+len(h.old), fix, "test %q", h.old))
	}
	var got []lint.Diagnostic
	for _, p := range c.decide(found, nil) {
		got = append(got, p.d)
	}
	if len(got) != len(held) {
		t.Fatalf("%d findings reported, want %d", len(got), len(held))
	}
	kept := make([]bool, len(got))
	for i, d := range got {
		kept[i] = d.Fix != nil
	}
	return kept
}

// TestVerifyFixes: among promising fixes, those that change the structure
// lose their fixes (found one by one among the others), the others keep
// theirs, and fixes that make no promise are not checked.
func TestVerifyFixes(t *testing.T) {
	t.Parallel()
	src := "- x\n\nText.\n* a\n* ---\n\nMore.\n\n```\ncode\n```\n\nEnd.\n- b\n- c\n\n[ref]: /u\n\n* [link][ref]\n"
	tests := []struct {
		name string
		src  string
		held []heldFix
	}{
		{"culprits among good fixes", src, []heldFix{
			{at: "Text.", old: "\n", new: "\n\n", promise: true, keep: true},        // a blank line before a list
			{at: "* ---", old: "*", new: "-", promise: true, keep: false},           // a thematic break
			{at: "code", old: "\n", new: "\n\n", promise: true, keep: false},        // a line of code
			{at: "End.", old: "\n", new: "\n\n", promise: true, keep: true},         // a blank line before a list
			{at: "- c", old: "-", new: "*", promise: true, keep: false},             // splits a list
			{at: "- b", old: "-", new: "+", promise: false, keep: true},             // no promise, not checked
			{at: "* [link]", old: "*", new: "+", promise: true, keep: true},         // a reference defined above
			{at: "More.", old: "More.", new: "# More.", promise: true, keep: false}, // a heading
		}},
		{"all good", src, []heldFix{
			{at: "Text.", old: "\n", new: "\n\n", promise: true, keep: true},
			{at: "End.", old: "\n", new: "\n\n", promise: true, keep: true},
		}},
		// An unreferenced footnote is dropped from the tree: parsed
		// alone, the region would not show what the fix does to it.
		{"inside a footnote", "A.\n\nB.\n\nx[^1]\n\nC.\n\n[^1]: note\n\n    ```\n    code\n    ```\n\nD.\n\nE.\n\nF.\n", []heldFix{
			{at: "code", old: "\n", new: "\n\n", promise: true, keep: false},
		}},
		{"after a front matter", "---\ntitle: x\n---\nText.\n- a\n\nMore.\n- b\n", []heldFix{
			{at: "Text.", old: "\n", new: "\n\n", promise: true, keep: true},
			{at: "- b", old: "- b", new: "# b", promise: true, keep: false},
		}},
		// Fixes that overlap are applied one per pass, as the fixer
		// does: the second is checked in the pass that applies it.
		{"overlapping", "Text.\n- a\n", []heldFix{
			{at: "Text.", old: "\n", new: "\n\n", promise: true, keep: true},
			{at: "- a", old: "- a", new: "# a", promise: true, keep: true},
		}},
		{"CRLF", "Text.\r\n- a\r\n\r\n```\r\ncode\r\n```\r\n", []heldFix{
			{at: "Text.", old: "\r\n", new: "\r\n\r\n", promise: true, keep: true},
			{at: "code", old: "\r\n", new: "\r\n\r\n", promise: true, keep: false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			kept := verifyHeld(t, tt.src, tt.held)
			for i, h := range tt.held {
				if kept[i] != h.keep {
					t.Errorf("fix %d (%q -> %q after %q): kept %v, want %v", i, h.old, h.new, h.at, kept[i], h.keep)
				}
			}
		})
	}
}

// TestVerifyBudget: once the parsing budget is spent, the fixes not yet
// cleared are dropped; fixes already cleared, and regions that keep the
// structure, keep theirs. It changes verifyBudget, so it does not run in
// parallel.
func TestVerifyBudget(t *testing.T) {
	saved := verifyBudget
	t.Cleanup(func() { verifyBudget = saved })
	verifyBudget = func(int) int { return 1 }
	// Two regions: the blocks around each fix, and one more either side,
	// do not meet.
	src := "Text.\n- a\n\nOne.\n\nTwo.\n\nThree.\n\n* b\n* ---\n* c\n\nEnd.\n"
	kept := verifyHeld(t, src, []heldFix{
		{at: "Text.", old: "\n", new: "\n\n", promise: true},
		{at: "* b", old: "*", new: "-", promise: true},
		{at: "* ---", old: "*", new: "-", promise: true},
		{at: "* c", old: "*", new: "-", promise: true},
	})
	want := []bool{true, false, false, false}
	for i := range want {
		if kept[i] != want[i] {
			t.Errorf("fix %d kept %v, want %v (all %v)", i, kept[i], want[i], kept)
		}
	}
}
