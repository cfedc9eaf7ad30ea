package engine

import (
	"reflect"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/result"
)

func TestAttachLines(t *testing.T) {
	t.Parallel()
	src := []byte("\uFEFFone\r\ntwo\nthree\n\nfive")
	for _, tc := range []struct {
		name                  string
		line, endLine, endCol int
		want                  []string
	}{
		{"one line, CR dropped", 1, 1, 3, []string{"one"}},
		{"two lines", 2, 3, 3, []string{"two", "three"}},
		{"ends at the next line's start", 2, 3, 1, []string{"two"}},
		{"empty line", 4, 4, 1, []string{""}},
		{"last line without newline", 5, 5, 5, []string{"five"}},
		{"past the end", 6, 6, 1, []string{""}},
		{"end before start", 3, 1, 1, []string{"three"}},
	} {
		fs := []result.Finding{{Line: tc.line, Column: 1, EndLine: tc.endLine, EndColumn: tc.endCol}}
		AttachLines(src, fs)
		if !reflect.DeepEqual(fs[0].Lines, tc.want) {
			t.Errorf("%s: Lines = %q, want %q", tc.name, fs[0].Lines, tc.want)
		}
	}
}

func TestAttachLinesBounded(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", maxKeptLineBytes) // 2 bytes a rune
	src := []byte(long + "\n" + strings.Repeat("x\n", 100))
	fs := []result.Finding{{Line: 1, Column: 1, EndLine: 90, EndColumn: 2}}
	AttachLines(src, fs)
	if len(fs[0].Lines) != result.MaxKeptLines {
		t.Errorf("kept %d lines, want at most %d", len(fs[0].Lines), result.MaxKeptLines)
	}
	if l := fs[0].Lines[0]; len(l) > maxKeptLineBytes || !strings.HasPrefix(long, l) || strings.ContainsRune(l, '\uFFFD') {
		t.Errorf("long line kept as %d bytes, not cut on a rune boundary", len(l))
	}
}

func FuzzAttachLines(f *testing.F) {
	f.Add([]byte("# A\n\n## A\n"), 1, 3, 1)
	f.Add([]byte("\uFEFF\r\n\r\n"), 2, 1, 7)
	f.Fuzz(func(t *testing.T, src []byte, line, endLine, endCol int) {
		if line < 1 || line > 1<<16 || endLine > 1<<16 {
			return
		}
		fs := []result.Finding{{Line: line, Column: 1, EndLine: endLine, EndColumn: endCol}}
		AttachLines(src, fs)
		if n := len(fs[0].Lines); n < 1 || n > result.MaxKeptLines {
			t.Fatalf("%d lines kept", n)
		}
	})
}
