package engine

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// encodeUTF16 encodes s as UTF-16 without a byte order mark.
func encodeUTF16(s string, bigEndian bool) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// FuzzUTF16WithoutBOM checks the detector both ways: any text with a line
// break, more code units below U+0100 than of the form U+XX00, and no
// control characters, encoded as UTF-16 without a byte order mark, is
// recognised in the right byte order; and whatever the input, a verdict
// of UTF-16 needs an even length and a NUL byte, and never panics.
func FuzzUTF16WithoutBOM(f *testing.F) {
	for _, s := range []string{"# Flu\n", "## 标题\n\n正文。\n", "a\r\nb", "😀 emoji\n", "\x00\x01", "• a\x00b\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		raw := []byte(s)
		if enc := utf16WithoutBOM(raw); enc != "" && (len(raw)%2 != 0 || bytes.IndexByte(raw, 0) < 0) {
			t.Fatalf("%q called %s", raw, enc)
		}
		if !utf8.ValidString(s) || !strings.ContainsAny(s, "\n\r") || strings.ContainsFunc(s, func(r rune) bool {
			return r == 0 || r == 0x7F || r == 0xFFFE || r == 0xFFFF || unicode.IsControl(r) && r < 0x20 && !strings.ContainsRune("\t\n\f\r", r)
		}) {
			return
		}
		latin, xx00 := 0, 0
		for _, u := range utf16.Encode([]rune(s)) {
			if u < 0x100 {
				latin++
			}
			if u&0xFF == 0 {
				xx00++
			}
		}
		if latin <= xx00 {
			return
		}
		for _, be := range []bool{false, true} {
			src := encodeUTF16(s, be)
			want := "UTF-16LE"
			if be {
				want = "UTF-16BE"
			}
			if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
				continue // reads as a byte order mark: decoded as such
			}
			if got := utf16WithoutBOM(src); got != want {
				t.Errorf("%q as %s: detected %q", s, want, got)
			}
		}
	})
}
