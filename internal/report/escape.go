package report

import (
	"strings"
	"unicode/utf8"
)

// EscapeControl returns s with what a terminal or a log would act on
// shown as a visible escape instead: every C0 control character but TAB
// (a newline as \n, a carriage return as \r, the others as \x1b and the
// like), DEL as \x7f, every C1 control character as \u009b and the like,
// and every byte that is not UTF-8 as \xNN (an 8-bit terminal reads a
// lone 0x9b as CSI). A file name or a quoted sentence then cannot move
// the cursor, retitle the terminal, ring its bell or forge a line of its
// own (such as a "::error::" workflow command). Backslashes are kept as
// they are: paths and Markdown hold them, and a literal backslash-n cannot
// end a line.
func EscapeControl(s string) string {
	i := firstControl(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			writeHex(&b, `\x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 && r != '\t', r == 0x7f:
			writeHex(&b, `\x`, byte(r))
		case r >= 0x80 && r <= 0x9f:
			writeHex(&b, `\u00`, byte(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstControl returns the index of the first byte EscapeControl changes,
// or -1.
func firstControl(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t') || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r >= 0x80 && r <= 0x9f) {
			return i
		}
		i += size
	}
	return -1
}

func writeHex(b *strings.Builder, prefix string, c byte) {
	const hex = "0123456789abcdef"
	b.WriteString(prefix)
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&0xf])
}
