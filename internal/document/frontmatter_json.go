package document

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// JSON front matter (Hugo): the file opens with a JSON object whose closing
// brace ends a line. The object is read into Fields like YAML front matter,
// with a yaml.Node per value (Line and Column relative to the line of the
// opening brace, as for YAML they are relative to the line after "---"),
// so that rules read nested values the same way whatever the format.

// splitJSONFrontMatter finds a JSON object opening the file: "{" then,
// after white space, a '"' or "}" (so that a Liquid tag "{% ... %}" or a
// shortcode "{{< ... >}}" is not taken for one). It returns nil when src
// does not open so, and an Unclosed front matter when the object never
// ends.
func splitJSONFrontMatter(src []byte) *FrontMatter {
	if len(src) == 0 || src[0] != '{' {
		return nil
	}
	i := 1
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n') {
		i++
	}
	if i >= len(src) || src[i] != '"' && src[i] != '}' {
		return nil
	}
	end, ok := jsonObjectEnd(src)
	if !ok {
		return &FrontMatter{Format: "json", Unclosed: true}
	}
	// The rest of the closing brace's line must be blank.
	rest := end
	for rest < len(src) && (src[rest] == ' ' || src[rest] == '\t' || src[rest] == '\r') {
		rest++
	}
	if rest < len(src) && src[rest] != '\n' {
		return nil
	}
	if rest < len(src) {
		rest++ // the line break
	}
	return &FrontMatter{Format: "json", Start: 0, End: rest}
}

// jsonObjectEnd returns the offset just past the brace closing the object
// that opens src, skipping strings and their escapes.
func jsonObjectEnd(src []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

// parseJSON fills Fields from the JSON object in Source[Start:End).
func (fm *FrontMatter) parseJSON(d *Document) {
	body := d.Source[fm.Start:fm.End]
	firstLine := d.Line(fm.Start)
	if !json.Valid(body) {
		var v any
		err := json.Unmarshal(body, &v)
		line := firstLine
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = d.Line(fm.Start + max(int(se.Offset)-1, 0)) // Offset counts the bytes read, the bad one included
		}
		fm.Err = &FrontMatterError{Line: line, Message: strings.TrimPrefix(fmt.Sprint(err), "json: ")}
		return
	}
	p := jsonParser{src: body}
	root, err := p.value(0)
	if err != nil {
		fm.Err = &FrontMatterError{Line: firstLine, Message: err.Error()}
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		f := &Field{
			Key: k.Value, Line: firstLine + k.Line - 1, Column: k.Column,
			ValueLine: firstLine + v.Line - 1, ValueColumn: v.Column, Node: v,
		}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag != "!!null" {
				f.Value = v.Value
			}
		case yaml.SequenceNode:
			f.IsList = true
			for _, item := range v.Content {
				if item.Kind == yaml.ScalarNode {
					f.List = append(f.List, item.Value)
				}
			}
			f.Value = strings.Join(f.List, ", ")
		}
		fm.Fields = append(fm.Fields, f)
	}
}

// jsonParser builds yaml.Nodes from valid JSON, with 1-based lines and
// columns (in bytes) relative to the start of src.
type jsonParser struct {
	src       []byte
	pos       int
	line, col int // of pos, 0-based
}

// maxJSONDepth bounds nesting (json.Valid accepts deeper documents than
// rules need).
const maxJSONDepth = 64

func (p *jsonParser) skip() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '\n':
			p.line++
			p.col = 0
		case ' ', '\t', '\r':
			p.col++
		default:
			return
		}
		p.pos++
	}
}

// advance moves past n bytes; columns count characters (runes), as
// yaml.v3's do.
func (p *jsonParser) advance(n int) {
	for range n {
		switch c := p.src[p.pos]; {
		case c == '\n':
			p.line++
			p.col = 0
		case c&0xC0 != 0x80:
			p.col++
		}
		p.pos++
	}
}

func (p *jsonParser) value(depth int) (*yaml.Node, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("JSON nested deeper than %d levels", maxJSONDepth)
	}
	p.skip()
	if p.pos >= len(p.src) {
		return nil, fmt.Errorf("unexpected end of JSON")
	}
	n := &yaml.Node{Line: p.line + 1, Column: p.col + 1}
	switch p.src[p.pos] {
	case '{':
		n.Kind, n.Tag, n.Style = yaml.MappingNode, "!!map", yaml.FlowStyle
		p.advance(1)
		for {
			p.skip()
			if p.src[p.pos] == '}' {
				p.advance(1)
				return n, nil
			}
			if p.src[p.pos] == ',' {
				p.advance(1)
				continue
			}
			k, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			p.skip()
			p.advance(1) // ':'
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, k, v)
		}
	case '[':
		n.Kind, n.Tag, n.Style = yaml.SequenceNode, "!!seq", yaml.FlowStyle
		p.advance(1)
		for {
			p.skip()
			if p.src[p.pos] == ']' {
				p.advance(1)
				return n, nil
			}
			if p.src[p.pos] == ',' {
				p.advance(1)
				continue
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, v)
		}
	case '"':
		end := p.pos + 1
		for end < len(p.src) && p.src[end] != '"' {
			if p.src[end] == '\\' {
				end++
			}
			end++
		}
		var s string
		if err := json.Unmarshal(p.src[p.pos:end+1], &s); err != nil {
			return nil, fmt.Errorf("JSON string: %w", err)
		}
		n.Kind, n.Tag, n.Value, n.Style = yaml.ScalarNode, "!!str", s, yaml.DoubleQuotedStyle
		p.advance(end + 1 - p.pos)
		return n, nil
	default:
		end := p.pos
		for end < len(p.src) && !strings.ContainsRune(" \t\r\n,]}", rune(p.src[end])) {
			end++
		}
		lit := string(p.src[p.pos:end])
		n.Kind, n.Value = yaml.ScalarNode, lit
		switch lit {
		case "null":
			n.Tag, n.Value = "!!null", ""
		case "true", "false":
			n.Tag = "!!bool"
		default:
			if _, err := strconv.ParseFloat(lit, 64); err != nil {
				return nil, fmt.Errorf("JSON literal %q", lit)
			}
			n.Tag = "!!float"
			if !strings.ContainsAny(lit, ".eE") {
				n.Tag = "!!int"
			}
		}
		p.advance(end - p.pos)
		return n, nil
	}
}
