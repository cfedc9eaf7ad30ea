package engine

import (
	"reflect"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

func TestAttachEdits(t *testing.T) {
	t.Parallel()
	one := func(edits ...lint.Edit) []result.Finding {
		return []result.Finding{{Rule: "r", Fix: &lint.Fix{Message: "m", Edits: edits}}, {Rule: "no-fix"}}
	}
	for _, tc := range []struct {
		name  string
		src   string
		edits []lint.Edit
		want  []result.FileEdit // nil: no FileFix
	}{
		{"lf", "# A\n* é x\n", []lint.Edit{{Pos: 9, End: 10, NewText: "y"}, {Pos: 4, End: 5, NewText: "-"}},
			[]result.FileEdit{{Pos: 4, End: 5, Line: 2, Column: 1, EndLine: 2, EndColumn: 2, NewText: "-"},
				{Pos: 9, End: 10, Line: 2, Column: 5, EndLine: 2, EndColumn: 6, NewText: "y"}}},
		// A BOM shifts the offsets but not the columns; a CRLF file gets
		// CRLF line breaks, and an edit that splits "\r\n" moves before it.
		{"bom crlf", "\uFEFF# A\r\nx\r\n", []lint.Edit{{Pos: 4, End: 4, NewText: "\n\n"}, {Pos: 5, End: 6, NewText: "z"}},
			[]result.FileEdit{{Pos: 6, End: 6, Line: 1, Column: 4, EndLine: 1, EndColumn: 4, NewText: "\r\n\r\n"},
				{Pos: 8, End: 9, Line: 2, Column: 1, EndLine: 2, EndColumn: 2, NewText: "z"}}},
		// A lone CR ends a line, as the document model counts lines.
		{"lone cr", "a\rb\n", []lint.Edit{{Pos: 2, End: 3, NewText: "c"}},
			[]result.FileEdit{{Pos: 2, End: 3, Line: 2, Column: 1, EndLine: 2, EndColumn: 2, NewText: "c"}}},
		{"outside", "abc", []lint.Edit{{Pos: 2, End: 9, NewText: "x"}}, nil},
		{"overlapping", "abcdef", []lint.Edit{{Pos: 1, End: 3}, {Pos: 2, End: 4}}, nil},
		{"utf-16", "\xFF\xFEa\x00", []lint.Edit{{Pos: 0, End: 1, NewText: "b"}}, nil},
	} {
		findings := one(tc.edits...)
		AttachEdits([]byte(tc.src), findings)
		if findings[1].FileFix != nil {
			t.Errorf("%s: a finding without a fix got edits", tc.name)
		}
		if tc.want == nil {
			if findings[0].FileFix != nil {
				t.Errorf("%s: edits %+v, want none", tc.name, findings[0].FileFix)
			}
			continue
		}
		if ff := findings[0].FileFix; ff == nil || ff.Message != "m" || !reflect.DeepEqual(ff.Edits, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, ff, tc.want)
		}
	}
}

// TestAttachEditsPositions: every edit's line and column are the
// document model's for its offset.
func TestAttachEditsPositions(t *testing.T) {
	t.Parallel()
	src := "\uFEFF# Tïtle\r\n\r\nLine\rtwo ü\r\n* x\r\n"
	doc, err := document.Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var edits []lint.Edit
	for off := 0; off <= len(doc.Source); off++ {
		if !lint.SplitsCRLF(doc.Source, off) {
			edits = append(edits, lint.Edit{Pos: off, End: off, NewText: "x"})
		}
	}
	for _, e := range edits {
		findings := []result.Finding{{Fix: &lint.Fix{Edits: []lint.Edit{e}}}}
		AttachEdits([]byte(src), findings)
		got := findings[0].FileFix.Edits[0]
		p := doc.Position(e.Pos)
		if got.Line != p.Line || got.Column != p.Column || got.Pos != e.Pos+3 {
			t.Errorf("offset %d: %d:%d at %d, want %d:%d at %d", e.Pos, got.Line, got.Column, got.Pos, p.Line, p.Column, e.Pos+3)
		}
	}
}
