package lsp

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// encoding is what a Position's character counts: UTF-16 code units (the
// protocol's default), bytes of UTF-8, or code points (UTF-32).
type encoding uint8

const (
	encUTF16 encoding = iota
	encUTF8
	encUTF32
)

// String returns the encoding's name in the protocol.
func (e encoding) String() string {
	switch e {
	case encUTF8:
		return "utf-8"
	case encUTF32:
		return "utf-32"
	default:
		return "utf-16"
	}
}

// chooseEncoding returns the first of the client's position encodings
// that the server speaks (they are listed in the client's order of
// preference), else UTF-16, which every client must take.
func chooseEncoding(offered []string) encoding {
	for _, name := range offered {
		switch strings.ToLower(name) {
		case "utf-8":
			return encUTF8
		case "utf-16":
			return encUTF16
		case "utf-32":
			return encUTF32
		}
	}
	return encUTF16
}

// units returns how many units of e the rune r, written in w bytes of
// UTF-8, counts: a byte that is not UTF-8 counts one of each.
func (e encoding) units(r rune, w int) int {
	switch e {
	case encUTF8:
		return w
	case encUTF32:
		return 1
	}
	if r >= 0x10000 && r != utf8.RuneError {
		return 2
	}
	return 1
}

// lineIndex holds the byte offset at which each line of a text starts.
// Lines end at "\n", "\r\n" or "\r", as the protocol says.
type lineIndex []int

// newLineIndex indexes the lines of text.
func newLineIndex(text string) lineIndex {
	li := make(lineIndex, 1, 1+strings.Count(text, "\n"))
	next := func(s string) int { return strings.IndexByte(s, '\n') }
	if strings.IndexByte(text, '\r') >= 0 {
		next = func(s string) int { return strings.IndexAny(s, "\r\n") }
	}
	for i := 0; i < len(text); {
		j := next(text[i:])
		if j < 0 {
			break
		}
		i += j + 1
		if text[i-1] == '\r' && i < len(text) && text[i] == '\n' {
			i++
		}
		li = append(li, i)
	}
	return li
}

// lineEnd returns the offset where line's content ends, before its line
// break.
func (li lineIndex) lineEnd(text string, line int) int {
	if line+1 >= len(li) {
		return len(text)
	}
	end := li[line+1] - 1
	if end > li[line] && text[end] == '\n' && text[end-1] == '\r' {
		end--
	}
	return end
}

// offset returns the byte offset of p in text. A line past the last is
// the end of the text and a character past the end of its line is the
// line's end, as the protocol says; a character inside a rune (between
// the two halves of a surrogate pair, or inside a UTF-8 sequence) is the
// start of that rune.
func (li lineIndex) offset(text string, p Position, e encoding) int {
	line := int(p.Line)
	if line >= len(li) {
		return len(text)
	}
	off, end := li[line], li.lineEnd(text, line)
	want := int(p.Character)
	for n := 0; off < end; {
		r, w := utf8.DecodeRuneInString(text[off:end])
		n += e.units(r, w)
		if n > want {
			break
		}
		off += w
	}
	return off
}

// position returns the Position of byte offset off in text (clamped to
// the text; an offset inside a line break or a rune is moved back to the
// line's end or the rune's start).
func (li lineIndex) position(text string, off int, e encoding) Position {
	off = min(max(off, 0), len(text))
	line := sort.SearchInts(li, off+1) - 1
	start := li[line]
	off = min(off, li.lineEnd(text, line))
	n := 0
	for i := start; i < off; {
		r, w := utf8.DecodeRuneInString(text[i:])
		if i+w > off {
			break
		}
		n += e.units(r, w)
		i += w
	}
	return Position{Line: uint32(line), Character: uint32(n)}
}
