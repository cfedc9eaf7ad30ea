package engine

import (
	"bytes"
	"fmt"
	"unicode/utf16"
)

// checkUTF16 returns an error for text that reads as UTF-16 but has no
// byte order mark: without one it is not decoded (a document starting
// FF FE or FE FF is), and its NUL bytes would otherwise call it binary.
func checkUTF16(src []byte) error {
	if bytes.IndexByte(src, 0) < 0 {
		return nil // the common case: one fast scan
	}
	if enc := utf16WithoutBOM(src); enc != "" {
		return fmt.Errorf("looks like %s text without a byte order mark: not linted; save it as UTF-8 (or as UTF-16 with a byte order mark)", enc)
	}
	return nil
}

// utf16WithoutBOM returns "UTF-16LE" or "UTF-16BE" when src, which holds
// NUL bytes, has no byte order mark and reads as text in that encoding:
// an even length, more NUL bytes in the high byte of code units (those of
// ASCII characters, which Markdown is full of) than in the low byte
// (U+0100, U+4E00, ...), and code units that decode to text (paired
// surrogates, no NUL, no control characters but tab, line feed, form feed
// and carriage return) with at least one line break. Binary files have
// zero code units or control characters; UTF-8 text with a stray NUL has
// no line break where UTF-16 would put one. "" otherwise.
func utf16WithoutBOM(src []byte) string {
	if len(src) < 2 || len(src)%2 != 0 || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return ""
	}
	zeroEven, zeroOdd := 0, 0
	for i := 0; i < len(src); i += 2 {
		if src[i] == 0 {
			zeroEven++
		}
		if src[i+1] == 0 {
			zeroOdd++
		}
	}
	switch {
	case zeroOdd > zeroEven && utf16Text(src, 0, 1):
		return "UTF-16LE"
	case zeroEven > zeroOdd && utf16Text(src, 1, 0):
		return "UTF-16BE"
	}
	return ""
}

// utf16Text reports whether src's code units, with their low byte at lo
// and high byte at hi within each pair, decode to text.
func utf16Text(src []byte, lo, hi int) bool {
	pendingHigh, lineBreak := false, false
	for i := 0; i < len(src); i += 2 {
		u := rune(src[i+lo]) | rune(src[i+hi])<<8
		switch {
		case utf16.IsSurrogate(u) && u < 0xDC00: // a high surrogate
			if pendingHigh {
				return false
			}
			pendingHigh = true
			continue
		case utf16.IsSurrogate(u): // a low surrogate
			if !pendingHigh {
				return false
			}
		case pendingHigh:
			return false
		case u == '\n' || u == '\r':
			lineBreak = true
		case u < 0x20 && u != '\t' && u != '\f', u == 0x7F, u == 0xFFFE, u == 0xFFFF:
			return false
		}
		pendingHigh = false
	}
	return !pendingHigh && lineBreak
}
