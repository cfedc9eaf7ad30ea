package engine

import (
	"bytes"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/result"
)

// AttachEdits fills Finding.FileFix for each finding with a fix, from src,
// the file as read (a byte order mark included): the edits the fixer
// makes to the file when it applies that fix alone (lint.Fix.Resolve:
// sorted, in a "\r\n" file with "\r\n" line breaks), their offsets counted
// from the file's first byte and located by line and column as findings
// are. A fix the fixer would refuse gets none, and neither do the fixes
// of a UTF-16 file, which the fixer does not write.
func AttachEdits(src []byte, findings []result.Finding) {
	fixes := false
	for i := range findings {
		fixes = fixes || findings[i].Fix != nil
	}
	if !fixes || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return
	}
	bom := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		bom = 3
	}
	body := src[bom:]
	crlf := false
	if i := bytes.IndexByte(body, '\n'); i > 0 && body[i-1] == '\r' {
		crlf = true
	}
	lines := newLineIndex(body)
	for i := range findings {
		f := &findings[i]
		if f.Fix == nil {
			continue
		}
		edits, err := f.Fix.Resolve(body, crlf)
		if err != nil {
			continue
		}
		ff := &result.FileFix{Message: f.Fix.Message, Edits: make([]result.FileEdit, 0, len(edits))}
		for _, e := range edits {
			line, col := lines.position(e.Pos)
			endLine, endCol := lines.position(e.End)
			ff.Edits = append(ff.Edits, result.FileEdit{
				Pos: e.Pos + bom, End: e.End + bom, Line: line, Column: col, EndLine: endLine, EndColumn: endCol, NewText: e.NewText,
			})
		}
		f.FileFix = ff
	}
}

// lineIndex locates byte offsets of a document's source by line and rune
// column, as document.Document.Position does: a line ends at "\n" or at a
// "\r" not followed by "\n".
type lineIndex struct {
	src    []byte
	starts []int
}

func newLineIndex(src []byte) *lineIndex {
	// Sized for the line feeds (lone carriage returns, rare, append).
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i, c := range src {
		if c == '\n' || (c == '\r' && (i+1 >= len(src) || src[i+1] != '\n')) {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src: src, starts: starts}
}

// position returns the 1-based line and rune column of offset off.
func (x *lineIndex) position(off int) (line, col int) {
	off = min(max(off, 0), len(x.src))
	lo, hi := 0, len(x.starts) // the last start <= off
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if x.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1, utf8.RuneCount(x.src[x.starts[lo]:off]) + 1
}
