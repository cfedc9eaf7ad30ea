package document

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseFlatYAML parses YAML front matter of the flat form nearly all of it
// takes, and returns the mapping node yaml.v3 would build for it, in a
// fraction of the time (yaml.v3 was a seventh of the run on the large
// corpus). Flat means: printable ASCII; top-level `key: value` lines with
// distinct simple keys; each value a plain scalar, a quoted scalar without
// escapes, a flow sequence of those (`[a, "b"]`), or, after an empty value,
// a block sequence of them (`- a` lines). Anything else (comments,
// multi-line scalars, escapes, anchors, tags, nesting, tabs) returns
// ok == false and goes to yaml.v3; so does a body with no key.
// frontmatter_flat_test.go checks, under the fuzzer too, that every body
// this accepts gives the node yaml.v3 gives.
func parseFlatYAML(body []byte) (m *yaml.Node, ok bool) { //nolint:gocyclo // one algorithm, a line-by-line reader of flat YAML
	for i, c := range body {
		if (c < 0x20 || c > 0x7e) && c != '\n' && (c != '\r' || i+1 >= len(body) || body[i+1] != '\n') {
			return nil, false
		}
	}
	m = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	keys := map[string]bool{}
	var open *yaml.Node // the value of a key with nothing after its colon yet
	openIndent := -1
	closeOpen := func() bool {
		if open != nil && open.Kind == 0 {
			return false // `key:` with no value: left to yaml.v3
		}
		open, openIndent = nil, -1
		return true
	}
	lineNo := 0
	for len(body) > 0 {
		lineNo++
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		text := string(line)
		trimmed := strings.TrimLeft(text, " ")
		switch {
		case trimmed == "":
			continue
		case trimmed[0] == '-':
			// A block sequence item of the open key.
			indent := len(text) - len(trimmed)
			if open == nil || !strings.HasPrefix(trimmed, "- ") || openIndent >= 0 && indent != openIndent {
				return nil, false
			}
			item := strings.TrimLeft(trimmed[2:], " ")
			col := len(text) - len(item) + 1
			n, ok := flatScalar(strings.TrimRight(item, " "), lineNo, col, false)
			if !ok {
				return nil, false
			}
			if open.Kind == 0 {
				*open = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: lineNo, Column: indent + 1}
				openIndent = indent
			}
			open.Content = append(open.Content, n)
			continue
		case text[0] == ' ':
			return nil, false // a continuation line or nesting
		}
		if !closeOpen() {
			return nil, false
		}
		colon := strings.IndexByte(text, ':')
		if colon <= 0 || colon+1 < len(text) && text[colon+1] != ' ' {
			return nil, false
		}
		key := text[:colon]
		if !flatKey(key) || keys[key] {
			return nil, false
		}
		keys[key] = true
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: key, Line: lineNo, Column: 1}
		k.Tag = k.ShortTag()
		value := strings.Trim(text[colon+1:], " ")
		var v *yaml.Node
		switch {
		case value == "":
			v, ok = &yaml.Node{}, true
			open = v
		case value[0] == '[':
			v, ok = flatFlowSequence(value, lineNo, len(text)-len(strings.TrimLeft(text[colon+1:], " "))+1)
		default:
			v, ok = flatScalar(value, lineNo, len(text)-len(strings.TrimLeft(text[colon+1:], " "))+1, false)
		}
		if !ok {
			return nil, false
		}
		if len(m.Content) == 0 {
			m.Line, m.Column = lineNo, 1
		}
		m.Content = append(m.Content, k, v)
	}
	if !closeOpen() || len(m.Content) == 0 {
		return nil, false
	}
	return m, true
}

// flatKey accepts the keys parseFlatYAML handles: letters, digits, '_',
// and inside the key '-', '.' and single spaces ("external help file"),
// shorter than YAML's limit on implicit keys (1024 characters; the
// fuzzer found a longer one, which yaml.v3 rejects).
func flatKey(k string) bool {
	if len(k) >= 1000 {
		return false
	}
	for i := range len(k) {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_':
		case (c == '-' || c == '.') && i > 0:
		case c == ' ' && i > 0 && i+1 < len(k) && k[i-1] != ' ':
		default:
			return false
		}
	}
	return k != ""
}

// flatScalar reads a plain scalar, or a quoted one without escapes, that
// starts at line:col; inFlow applies the flow-context restrictions.
func flatScalar(s string, line, col int, inFlow bool) (*yaml.Node, bool) {
	if s == "" {
		return nil, false
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: line, Column: col}
	switch q := s[0]; q {
	case '"', '\'':
		if len(s) < 2 || s[len(s)-1] != q {
			return nil, false
		}
		inner := s[1 : len(s)-1]
		if strings.IndexByte(inner, q) >= 0 || strings.IndexByte(inner, '\\') >= 0 {
			return nil, false
		}
		n.Value, n.Tag, n.Style = inner, "!!str", yaml.DoubleQuotedStyle
		if q == '\'' {
			n.Style = yaml.SingleQuotedStyle
		}
		return n, true
	}
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`<", s[0]) >= 0 || strings.Contains(s, ": ") || strings.Contains(s, " #") ||
		strings.HasSuffix(s, ":") || inFlow && strings.ContainsAny(s, ",[]{}#:\"'") {
		return nil, false
	}
	n.Value = s
	n.Tag = n.ShortTag()
	return n, true
}

// flatFlowSequence reads `[a, "b, c", d]` on one line, starting at
// line:col.
func flatFlowSequence(s string, line, col int) (*yaml.Node, bool) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: line, Column: col}
	i := 1 // after '['
	skip := func() {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	skip()
	if i < len(s) && s[i] == ']' {
		return n, i == len(s)-1
	}
	for {
		skip()
		start := i
		if i < len(s) && s[i] == '"' {
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, false
			}
			i += j + 2
		} else {
			for i < len(s) && s[i] != ',' && s[i] != ']' {
				i++
			}
		}
		it, ok := flatScalar(strings.TrimRight(s[start:i], " "), line, col+start, true)
		if !ok {
			return nil, false
		}
		n.Content = append(n.Content, it)
		skip()
		if i >= len(s) {
			return nil, false
		}
		if s[i] == ']' {
			return n, i == len(s)-1
		}
		if s[i] != ',' {
			return nil, false
		}
		i++
	}
}
