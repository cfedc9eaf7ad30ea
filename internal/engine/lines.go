package engine

import (
	"bytes"

	"github.com/medlint/medlint/internal/result"
)

// maxKeptLineBytes bounds one kept line (a minified or generated file can
// hold megabytes on one line).
const maxKeptLineBytes = 4096

// AttachLines fills Finding.Lines for each finding from src, the file the
// findings were located in (after its byte order mark). Lines are cut at
// maxKeptLineBytes, on a UTF-8 boundary.
func AttachLines(src []byte, findings []result.Finding) {
	if len(findings) == 0 {
		return
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	// Offsets of line starts, computed once per file.
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	line := func(n int) string {
		if n < 1 || n > len(starts) {
			return ""
		}
		start, end := starts[n-1], len(src)
		if n < len(starts) {
			end = starts[n] - 1
		}
		text := src[start:end]
		text = bytes.TrimSuffix(text, []byte("\r"))
		if len(text) > maxKeptLineBytes {
			cut := maxKeptLineBytes
			for cut > 0 && text[cut]&0xC0 == 0x80 {
				cut--
			}
			text = text[:cut]
		}
		return string(text)
	}
	cache := map[int]string{}
	for i := range findings {
		f := &findings[i]
		last := max(f.EndLine, f.Line)
		if last > f.Line && f.EndColumn == 1 {
			last-- // the range ends at the start of the next line
		}
		last = min(last, f.Line+result.MaxKeptLines-1)
		f.Lines = make([]string, 0, last-f.Line+1)
		for n := f.Line; n <= last; n++ {
			s, ok := cache[n]
			if !ok {
				s = line(n)
				cache[n] = s
			}
			f.Lines = append(f.Lines, s)
		}
	}
}
