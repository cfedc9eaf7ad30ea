package lsp

import (
	"unicode/utf8"

	"github.com/medlint/medlint/internal/diff"
)

// byteEdit replaces the bytes of a text from start to end with text.
type byteEdit struct {
	start, end int
	text       string
}

// editsBetween returns the edits that turn old into updated: one per run
// of changed lines (internal/diff's line diff), each trimmed to the
// bytes that differ, on rune boundaries. An editor applying them moves
// only what changed, where one edit replacing the text would lose the
// cursor and the undo history's precision.
func editsBetween(old, updated string) []byteEdit {
	if old == updated {
		return nil
	}
	a, b := diff.SplitLines(old), diff.SplitLines(updated)
	var out []byteEdit
	oldOff, newOff := 0, 0 // byte offsets of the lines at ai, bi
	ai, bi := 0, 0
	hunk := false
	var hunkOld, hunkNew int // where the open hunk starts
	flush := func() {
		if hunk {
			out = append(out, trimEdit(old, updated, hunkOld, oldOff, hunkNew, newOff))
			hunk = false
		}
	}
	for _, op := range diff.Lines(a, b) {
		if op.Kind == diff.Equal {
			flush()
			oldOff += len(a[ai])
			newOff += len(b[bi])
			ai++
			bi++
			continue
		}
		if !hunk {
			hunk, hunkOld, hunkNew = true, oldOff, newOff
		}
		if op.Kind == diff.Delete {
			oldOff += len(a[ai])
			ai++
		} else {
			newOff += len(b[bi])
			bi++
		}
	}
	flush()
	return out
}

// trimEdit is the edit replacing old[oStart:oEnd] with updated[nStart:nEnd], less the
// bytes both start and end with (whole runes only).
func trimEdit(old, updated string, oStart, oEnd, nStart, nEnd int) byteEdit {
	for oStart < oEnd && nStart < nEnd && old[oStart] == updated[nStart] {
		oStart++
		nStart++
	}
	for oStart > 0 && oStart < len(old) && !utf8.RuneStart(old[oStart]) {
		oStart--
		nStart--
	}
	for oEnd > oStart && nEnd > nStart && old[oEnd-1] == updated[nEnd-1] {
		oEnd--
		nEnd--
	}
	for oEnd < len(old) && !utf8.RuneStart(old[oEnd]) {
		oEnd++
		nEnd++
	}
	return byteEdit{start: oStart, end: oEnd, text: updated[nStart:nEnd]}
}

// applyEdits returns text with edits (sorted, not overlapping) applied.
func applyEdits(text string, edits []byteEdit) string {
	out := make([]byte, 0, len(text))
	last := 0
	for _, e := range edits {
		out = append(out, text[last:e.start]...)
		out = append(out, e.text...)
		last = e.end
	}
	return string(append(out, text[last:]...))
}
