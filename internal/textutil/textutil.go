// Package textutil holds small text helpers that several packages share:
// ASCII tests and whitespace folding, with no Markdown or matching in them.
package textutil

import "strings"

// IsASCII reports whether s holds only ASCII bytes.
func IsASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// CollapseSpaces replaces each run of the characters regexp's \s
// matches (tab, newline, form feed, carriage return, space) by one space.
func CollapseSpaces(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	// Fast path: nothing but single spaces.
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && isSpace(c) || c == ' ' && i+1 < len(s) && isSpace(s[i+1]) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if !isSpace(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteByte(' ')
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	return b.String()
}
