package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/result"
)

// The two values a large report holds by the ten thousand, findings and
// paths, are written here without reflection, exactly as
// writeJSONReport's generic path (encoding/json without HTML escaping,
// then json.Indent) writes them: that path took 0.1 s for the large
// corpus's 28,000 findings, a fifth of a cached run. json_fast_test.go
// compares the two, under the fuzzer too.

// appendJSONString appends s quoted as encoding/json quotes a string with
// SetEscapeHTML(false).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendFindingJSON appends f as an indented object at prefix; severity is
// f.Severity's text.
func appendFindingJSON(b []byte, f *result.Finding, severity []byte, prefix string) []byte {
	key := func(name string) {
		b = append(b, '\n')
		b = append(b, prefix...)
		b = append(b, `  "`...)
		b = append(b, name...)
		b = append(b, `": `...)
	}
	num := func(name string, v int) {
		key(name)
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, ',')
	}
	b = append(b, '{')
	key("path")
	b = append(appendJSONString(b, f.Path), ',')
	num("line", f.Line)
	num("column", f.Column)
	num("endLine", f.EndLine)
	num("endColumn", f.EndColumn)
	key("rule")
	b = append(appendJSONString(b, f.Rule), ',')
	if f.Check != "" {
		key("check")
		b = append(appendJSONString(b, f.Check), ',')
	}
	key("severity")
	b = append(appendJSONString(b, string(severity)), ',')
	key("message")
	b = append(appendJSONString(b, f.Message), ',')
	key("fixable")
	b = strconv.AppendBool(b, f.Fixable)
	if f.FileFix != nil {
		b = append(b, ',')
		key("fix")
		b = appendFileFixJSON(b, f.FileFix, prefix+"  ")
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}')
}

// appendFileFixJSON appends fix as an indented object at prefix.
func appendFileFixJSON(b []byte, fix *result.FileFix, prefix string) []byte {
	b = append(b, "{\n"...)
	b = append(b, prefix...)
	b = append(b, `  "message": `...)
	b = append(appendJSONString(b, fix.Message), ",\n"...)
	b = append(b, prefix...)
	b = append(b, `  "edits": `...)
	switch {
	case fix.Edits == nil:
		b = append(b, "null"...)
	case len(fix.Edits) == 0:
		b = append(b, "[]"...)
	default:
		b = append(b, "[\n"...)
		for i := range fix.Edits {
			b = append(b, prefix...)
			b = append(b, "    "...)
			b = appendFileEditJSON(b, &fix.Edits[i], prefix+"    ")
			if i < len(fix.Edits)-1 {
				b = append(b, ',')
			}
			b = append(b, '\n')
		}
		b = append(b, prefix...)
		b = append(b, "  ]"...)
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}')
}

// appendFileEditJSON appends e as an indented object at prefix.
func appendFileEditJSON(b []byte, e *result.FileEdit, prefix string) []byte {
	b = append(b, '{')
	for _, kv := range [...]struct {
		name string
		v    int
	}{{"pos", e.Pos}, {"end", e.End}, {"line", e.Line}, {"column", e.Column}, {"endLine", e.EndLine}, {"endColumn", e.EndColumn}} {
		b = append(b, '\n')
		b = append(b, prefix...)
		b = append(b, `  "`...)
		b = append(b, kv.name...)
		b = append(b, `": `...)
		b = strconv.AppendInt(b, int64(kv.v), 10)
		b = append(b, ',')
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	b = append(b, `  "newText": `...)
	b = appendJSONString(b, e.NewText)
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}')
}
