package document

import "bytes"

// This file corrects what goldmark reports about list items where it is
// off: marker positions after tabs, empty items in CRLF files.

// markerPos returns the offset of the marker of an item of l that goldmark
// placed at pos. goldmark adds the marker's column to the line's byte
// offset, so after a tab the position lands past the marker: look back
// along the line for the nearest marker.
func (b *builder) markerPos(l *List, pos int) int {
	src := b.doc.Source
	if pos < 0 || len(src) == 0 {
		return max(pos, 0)
	}
	// goldmark's offset can point past the marker (tab expansion), even
	// past the end of the file: search back from the last byte.
	pos = min(pos, len(src)-1)
	start := b.doc.LineStart(b.doc.Line(pos))
	for p := pos; p >= start; p-- {
		if isMarkerAt(src, start, p, l) {
			return p
		}
	}
	return pos
}

// isMarkerAt reports whether an item marker of l starts at p (on a line
// starting at start): the bullet or the number and delimiter, preceded by
// the line start or container whitespace and followed by whitespace or
// the line end.
func isMarkerAt(src []byte, start, p int, l *List) bool {
	if p > start && !isSpaceOrQuote(src[p-1]) {
		return false
	}
	q := p
	if l.Ordered {
		for q < len(src) && q-p < 9 && src[q] >= '0' && src[q] <= '9' {
			q++
		}
		if q == p || q >= len(src) || src[q] != l.Marker {
			return false
		}
	} else if src[q] != l.Marker {
		return false
	}
	q++
	return q >= len(src) || src[q] == ' ' || src[q] == '\t' || src[q] == '\n' || src[q] == '\r'
}

func isSpaceOrQuote(c byte) bool { return c == ' ' || c == '\t' || c == '>' }

// spacesAfter returns how many whitespace characters after an item's
// marker (ending at markerEnd, content at contentPos) separate it from its
// content, the CommonMark way: five columns or more mean the content is
// an indented code block that starts one space after the marker.
func (b *builder) spacesAfter(markerEnd, contentPos int) int {
	d := b.doc
	col := visualColumn(d.Source[d.LineStart(d.Line(markerEnd)):markerEnd])
	if visualColumn(d.Source[d.LineStart(d.Line(markerEnd)):contentPos])-col >= 5 {
		return 1
	}
	return contentPos - markerEnd
}

// visualColumn returns the width of b, tabs expanded to multiples of four.
func visualColumn(b []byte) int { return visualColumnFrom(b, 0) }

// visualColumnFrom returns the column reached after b when b starts at
// column col.
func visualColumnFrom(b []byte, col int) int {
	for _, c := range b {
		switch {
		case c == '\t':
			col += 4 - col%4
		case c < 0x80 || c >= 0xC0: // count each character once
			col++
		}
	}
	return col
}

// patchEmptyItemsCRLF returns src with the '\r' of every CRLF line that
// holds only list markers (an empty item such as "-\r\n" or "> 1.\r\n")
// turned into a space: goldmark recognises an empty item only before
// "\n", on the lines from offset from (a line start: the body, past any
// front matter) on. Offsets are unchanged; src is copied only when needed.
func patchEmptyItemsCRLF(src []byte, from int) []byte {
	out := src
	for lineStart := from; lineStart < len(src); {
		nl := bytes.IndexByte(src[lineStart:], '\n')
		if nl < 0 {
			break
		}
		end := lineStart + nl
		if end > lineStart && src[end-1] == '\r' && onlyMarkers(src[lineStart:end-1]) {
			if &out[0] == &src[0] {
				out = bytes.Clone(src)
			}
			out[end-1] = ' '
		}
		lineStart = end + 1
	}
	return out
}

// onlyMarkers reports whether line is block-quote markers, whitespace and
// at least one list marker, ending with a marker.
func onlyMarkers(line []byte) bool {
	i, markers := 0, 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '>':
			i++
			continue
		case c == '-' || c == '+' || c == '*':
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || (line[j] != '.' && line[j] != ')') {
				return false
			}
			i = j + 1
		default:
			return false
		}
		if i < len(line) && line[i] != ' ' && line[i] != '\t' {
			return false
		}
		markers++
	}
	return markers > 0 && len(line) > 0 && line[len(line)-1] != ' ' && line[len(line)-1] != '\t' && line[len(line)-1] != '>'
}
