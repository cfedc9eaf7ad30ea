package lsp

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

func TestEditsBetween(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, old, updated string
		want               []byteEdit
	}{
		{"same", "a\nb\n", "a\nb\n", nil},
		{"one word", "one\ntwo words\nthree\n", "one\ntwo verbs\nthree\n", []byteEdit{{8, 12, "verb"}}},
		{"two hunks", "• a\nx\nx\nx\n• b\n", "- a\nx\nx\nx\n- b\n", []byteEdit{{0, 3, "-"}, {12, 15, "-"}}},
		{"insert a line", "a\nc\n", "a\nb\nc\n", []byteEdit{{2, 2, "b\n"}}},
		{"delete the end", "a\nb", "a\n", []byteEdit{{2, 3, ""}}},
		{"inside a rune", "é\n", "è\n", []byteEdit{{0, 2, "è"}}},
		{"from empty", "", "new\n", []byteEdit{{0, 0, "new\n"}}},
	}
	for _, tt := range tests {
		got := editsBetween(tt.old, tt.updated)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: edit %d is %+v, want %+v", tt.name, i, got[i], tt.want[i])
			}
		}
		if back := applyEdits(tt.old, got); back != tt.updated {
			t.Errorf("%s: the edits give %q, want %q", tt.name, back, tt.updated)
		}
	}
}

// FuzzEditsBetween: the edits always turn the old text into the new one.
func FuzzEditsBetween(f *testing.F) {
	f.Add("• one\n• two\n", "- one\n- two\n")
	f.Add("é健🙂\n", "e健🙃\nx")
	f.Fuzz(func(t *testing.T, old, updated string) {
		if len(old)+len(updated) > 4096 {
			return
		}
		edits := editsBetween(old, updated)
		for i, e := range edits {
			if e.start > e.end || (i > 0 && edits[i-1].end > e.start) {
				t.Fatalf("edits %+v are not sorted and disjoint", edits)
			}
		}
		if got := applyEdits(old, edits); got != updated {
			t.Fatalf("edits %+v of %q give %q, want %q", edits, old, got, updated)
		}
	})
}

func TestURIs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		uri, path string
	}{
		{"file:///home/a/b.md", "/home/a/b.md"},
		{"file:///home/a/with%20space%23.md", "/home/a/with space#.md"},
		{"file://localhost/x.md", "/x.md"},
		{"untitled:Untitled-1", ""},
		{"vscode-notebook-cell:/x.md#1", ""},
		{"%zz", ""},
	}
	for _, tt := range tests {
		if got := uriToPath(tt.uri); got != tt.path {
			t.Errorf("uriToPath(%q) = %q, want %q", tt.uri, got, tt.path)
		}
		if tt.path != "" && uriToPath(pathToURI(tt.path)) != tt.path {
			t.Errorf("pathToURI(%q) = %q does not read back", tt.path, pathToURI(tt.path))
		}
	}
	for uri, want := range map[string]string{"untitled:Untitled-1": "Untitled-1", "untitled:": "untitled.md", "untitled:/a/b.md": "b.md"} {
		if got := uriName(uri); got != want {
			t.Errorf("uriName(%q) = %q, want %q", uri, got, want)
		}
	}
}

func TestWants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		only []string
		kind string
		want bool
	}{
		{nil, kindFixAll, true},
		{[]string{"source"}, kindFixAll, true},
		{[]string{"source.fixAll"}, kindFixAll, true},
		{[]string{"source.fix"}, kindFixAll, false},
		{[]string{kindQuickFix}, kindFixAll, false},
		{[]string{kindQuickFix}, kindQuickFix, true},
		{[]string{"refactor", "source"}, kindQuickFix, false},
	}
	for _, tt := range tests {
		if got := wants(tt.only, tt.kind); got != tt.want {
			t.Errorf("wants(%v, %s) = %v", tt.only, tt.kind, got)
		}
	}
}

func TestBodyStartAndPrefix(t *testing.T) {
	t.Parallel()
	bodies := []struct {
		text string
		bom  int
		want int
	}{
		{"# A\n", 0, 0},
		{"---\na: 1\n---\n# A\n", 0, 13},
		{"\uFEFF---\r\na: 1\r\n...\r\nx", 3, 19},
		{"+++\na = 1\n+++\nx", 0, 14},
		{"---\nnever closed\n", 0, 0},
	}
	for _, tt := range bodies {
		if got := bodyStart(tt.text, tt.bom); got != tt.want {
			t.Errorf("bodyStart(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
	for line, want := range map[string]string{"text": "", "  - item": "  ", "> > quoted": "> > ", "\tcode": "\t"} {
		if got := linePrefix(line); got != want {
			t.Errorf("linePrefix(%q) = %q, want %q", line, got, want)
		}
	}
	if got := fixTitle(&result.Finding{Rule: "list-format", Fix: &lint.Fix{Message: "turn the lines into a list"}}); got != "Turn the lines into a list (list-format)" {
		t.Errorf("fixTitle: %q", got)
	}
	if !strings.HasPrefix(escapeMarkdown("a*b_[c]"), `a\*b\_\[c\]`) {
		t.Errorf("escapeMarkdown: %q", escapeMarkdown("a*b_[c]"))
	}
}
