package lint

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Resolve returns the fix's edits as the fixer applies them to src, the
// Source of the document the rule ran on: checked (inside src, not
// reversed, no NUL byte inserted, no two overlapping), sorted by offset
// (insertions at one offset in the order given) and, when crlf is true
// (the document's line breaks are "\r\n"), adapted as AdaptCRLF says. The
// error says why the fix is invalid; the fixer then applies none of it.
func (f *Fix) Resolve(src []byte, crlf bool) ([]Edit, error) {
	if f == nil || len(f.Edits) == 0 {
		return nil, errors.New("fix has no edits")
	}
	edits := make([]Edit, 0, len(f.Edits))
	for _, e := range f.Edits {
		if e.Pos < 0 || e.End < e.Pos || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) is outside the file (%d bytes) or reversed", e.Pos, e.End, len(src))
		}
		if strings.IndexByte(e.NewText, 0) >= 0 {
			return nil, fmt.Errorf("edit [%d,%d) inserts a NUL byte", e.Pos, e.End)
		}
		if crlf {
			e = AdaptCRLF(src, e)
		}
		edits = append(edits, e)
	}
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Pos != edits[j].Pos {
			return edits[i].Pos < edits[j].Pos
		}
		return edits[i].End < edits[j].End
	})
	for i := 1; i < len(edits); i++ {
		if p, e := edits[i-1], edits[i]; e.Pos < p.End {
			return nil, fmt.Errorf("edits [%d,%d) and [%d,%d) of one fix overlap", p.Pos, p.End, e.Pos, e.End)
		}
	}
	return edits, nil
}

// SplitsCRLF reports whether offset off of src falls between a "\r" and a
// "\n".
func SplitsCRLF(src []byte, off int) bool {
	return off > 0 && off < len(src) && src[off-1] == '\r' && src[off] == '\n'
}

// AdaptCRLF keeps a "\r\n" file "\r\n": bare "\n" in the new text become
// "\r\n", and a boundary between "\r" and "\n" moves before the "\r" (in
// the file's terms the line break is one unit).
func AdaptCRLF(src []byte, e Edit) Edit {
	if SplitsCRLF(src, e.End) && !strings.HasSuffix(e.NewText, "\r") {
		if e.Pos == e.End {
			e.Pos-- // an insertion inside "\r\n" goes before it
		}
		e.End--
	}
	if SplitsCRLF(src, e.Pos) {
		// The edit starts with the "\n" of a "\r\n": it now starts with
		// the whole line break.
		e.Pos--
	}
	var sb strings.Builder
	for i := 0; i < len(e.NewText); i++ {
		c := e.NewText[i]
		if c == '\n' && (i == 0 || e.NewText[i-1] != '\r') {
			sb.WriteByte('\r')
		}
		sb.WriteByte(c)
	}
	e.NewText = sb.String()
	return e
}
