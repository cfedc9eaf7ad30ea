package lsp

import (
	"slices"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func TestChooseEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		offered []string
		want    encoding
	}{
		{nil, encUTF16},
		{[]string{"utf-8"}, encUTF8},
		{[]string{"UTF-32", "utf-8"}, encUTF32},
		{[]string{"latin1", "utf-16", "utf-8"}, encUTF16},
	}
	for _, tt := range tests {
		if got := chooseEncoding(tt.offered); got != tt.want {
			t.Errorf("chooseEncoding(%v) = %s, want %s", tt.offered, got, tt.want)
		}
	}
}

func TestLineIndex(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want []int
	}{
		{"", []int{0}},
		{"a", []int{0}},
		{"a\n", []int{0, 2}},
		{"a\nb\r\nc\rd", []int{0, 2, 5, 7}},
		{"\r\n\r\n", []int{0, 2, 4}},
		{"\r\r\n\n", []int{0, 1, 3, 4}},
	}
	for _, tt := range tests {
		if got := newLineIndex(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("newLineIndex(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestPositions: offsets to positions and back in each encoding, over
// ASCII, accents, CJK, emoji, CRLF and invalid UTF-8, and clamping.
func TestPositions(t *testing.T) {
	t.Parallel()
	text := "é健🙂x\r\nab\n\xffz"
	li := newLineIndex(text)
	tests := []struct {
		off  int
		enc  encoding
		want Position
	}{
		{0, encUTF16, Position{0, 0}},
		{2, encUTF16, Position{0, 1}},  // after é
		{5, encUTF16, Position{0, 2}},  // after 健
		{9, encUTF16, Position{0, 4}},  // after 🙂 (two units)
		{9, encUTF8, Position{0, 9}},   // bytes
		{9, encUTF32, Position{0, 3}},  // code points
		{7, encUTF16, Position{0, 2}},  // inside 🙂: its start
		{11, encUTF16, Position{0, 5}}, // between \r and \n: the line's end
		{12, encUTF16, Position{1, 0}},
		{16, encUTF16, Position{2, 1}}, // after the invalid byte
		{17, encUTF16, Position{2, 2}},
		{99, encUTF16, Position{2, 2}}, // clamped
		{-5, encUTF16, Position{0, 0}},
	}
	for _, tt := range tests {
		if got := li.position(text, tt.off, tt.enc); got != tt.want {
			t.Errorf("position(%d, %s) = %+v, want %+v", tt.off, tt.enc, got, tt.want)
		}
	}
	back := []struct {
		p    Position
		enc  encoding
		want int
	}{
		{Position{0, 4}, encUTF16, 9},
		{Position{0, 3}, encUTF16, 5}, // inside 🙂: its start
		{Position{0, 3}, encUTF32, 9},
		{Position{0, 9}, encUTF8, 9},
		{Position{0, 7}, encUTF8, 5}, // inside 🙂's bytes: its start
		{Position{0, 99}, encUTF16, 10},
		{Position{1, 1}, encUTF16, 13},
		{Position{5, 0}, encUTF16, len(text)},
	}
	for _, tt := range back {
		if got := li.offset(text, tt.p, tt.enc); got != tt.want {
			t.Errorf("offset(%+v, %s) = %d, want %d", tt.p, tt.enc, got, tt.want)
		}
	}
}

// unitsBefore counts what a reference implementation says the
// character of byte offset off (on its line, at a rune start) is.
func unitsBefore(line string, e encoding) int {
	switch e {
	case encUTF8:
		return len(line)
	case encUTF32:
		return utf8.RuneCountInString(line)
	}
	return len(utf16.Encode([]rune(line)))
}

// FuzzIncrementalEdit: for any text and edit, positions of rune starts
// round-trip in every encoding and agree with a reference count, and an
// edit given as a range replaces the bytes that range names; nothing
// panics on any position.
func FuzzIncrementalEdit(f *testing.F) {
	f.Add("# Title\n\nSome text 🙂 健康.\r\nMore\rlines\n", uint32(2), uint32(5), uint32(3), uint32(1), "new 🙂", uint8(0))
	f.Add("", uint32(0), uint32(0), uint32(9), uint32(9), "x", uint8(1))
	f.Add("\xff\xfe\n\r\n", uint32(1), uint32(0), uint32(0), uint32(3), "\r", uint8(2))
	f.Fuzz(func(t *testing.T, text string, l1, c1, l2, c2 uint32, with string, e uint8) {
		if len(text) > 512 {
			text = text[:512] // each offset is checked: quadratic in the length
		}
		if len(with) > 512 {
			with = with[:512]
		}
		enc := encoding(e % 3)
		li := newLineIndex(text)
		for off := 0; off <= len(text); off++ {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				continue
			}
			p := li.position(text, off, enc)
			line := int(p.Line)
			if off > li.lineEnd(text, line) {
				continue // inside a line break
			}
			if want := unitsBefore(text[li[line]:off], enc); int(p.Character) != want && utf8.ValidString(text[li[line]:off]) {
				t.Fatalf("offset %d of %q in %s: character %d, want %d", off, text, enc, p.Character, want)
			}
			if back := li.offset(text, p, enc); back != off && utf8.ValidString(text) {
				t.Fatalf("offset %d of %q in %s: %+v reads back as %d", off, text, enc, p, back)
			}
		}
		d := newDocument("untitled:f", 1, text)
		rng := Range{Start: Position{Line: l1 % 8, Character: c1 % 40}, End: Position{Line: l2 % 8, Character: c2 % 40}}
		got := d.withChanges(2, []TextDocumentContentChangeEvent{{Range: &rng, Text: with}}, enc)
		start, end := li.offset(text, rng.Start, enc), li.offset(text, rng.End, enc)
		start, end = min(start, end), max(start, end)
		if want := text[:start] + with + text[end:]; got.text != want {
			t.Fatalf("edit %+v of %q: %q, want %q", rng, text, got.text, want)
		}
		if !slices.Equal(got.lines, newLineIndex(got.text)) {
			t.Fatal("the line index is not the new text's")
		}
		// Any position, however far out, is read without a panic.
		li.position(text, int(c1), enc)
		li.offset(text, Position{Line: l1, Character: c2}, enc)
	})
}
