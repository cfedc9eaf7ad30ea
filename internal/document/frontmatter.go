package document

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FrontMatter is the metadata block at the top of a file, delimited by
// "---" (YAML) or "+++" (TOML) lines, or a JSON object (see
// frontmatter_json.go).
type FrontMatter struct {
	// Format is "yaml", "toml" or "json".
	Format string
	// Start and End delimit the whole block in Source, delimiters included.
	Start, End int
	// Fields lists the top-level keys in source order.
	Fields []*Field
	// Err is set when the block could not be parsed; Fields then holds what
	// was read before the error.
	Err *FrontMatterError
	// Unclosed reports an opening delimiter with no closing one: the file
	// is then parsed as Markdown from its first line.
	Unclosed bool
}

// FrontMatterError locates a front-matter syntax error.
type FrontMatterError struct {
	Line    int
	Message string
}

func (e *FrontMatterError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Message)
}

// Field is one top-level front-matter key.
type Field struct {
	Key string
	// Value is the scalar text of the value ("" for maps; the items joined
	// by ", " for a list of scalars).
	Value string
	// List holds the items of a sequence of scalars.
	List []string
	// IsList reports whether the value is a sequence.
	IsList bool
	// Line and Column locate the key in the file.
	Line, Column int
	// ValueLine and ValueColumn locate the value.
	ValueLine, ValueColumn int
	// Node is the YAML value node (JSON values too; nil for TOML).
	Node *yaml.Node
}

// Get returns the first field whose key equals one of keys.
func (fm *FrontMatter) Get(keys ...string) *Field {
	if fm == nil {
		return nil
	}
	for _, k := range keys {
		for _, f := range fm.Fields {
			if f.Key == k {
				return f
			}
		}
	}
	return nil
}

// splitFrontMatter finds a front matter block opening on the first line.
func splitFrontMatter(src []byte) *FrontMatter {
	var delim, format string
	switch {
	case hasDelimLine(src, "---"):
		delim, format = "---", "yaml"
	case hasDelimLine(src, "+++"):
		delim, format = "+++", "toml"
	default:
		return splitJSONFrontMatter(src)
	}
	pos := 0
	for pos < len(src) {
		nl := bytes.IndexByte(src[pos:], '\n')
		lineEnd := len(src)
		next := len(src)
		if nl >= 0 {
			lineEnd = pos + nl
			next = lineEnd + 1
		}
		line := strings.TrimRight(string(src[pos:lineEnd]), " \t\r")
		if pos > 0 && (line == delim || (format == "yaml" && line == "...")) {
			return &FrontMatter{Format: format, Start: 0, End: next}
		}
		pos = next
	}
	// Never closed: not front matter. The first line is then Markdown (a
	// thematic break), as CommonMark says; rules may warn about it.
	return &FrontMatter{Format: format, Unclosed: true}
}

func hasDelimLine(src []byte, delim string) bool {
	if !bytes.HasPrefix(src, []byte(delim)) {
		return false
	}
	rest := src[len(delim):]
	rest = bytes.TrimLeft(rest, " \t")
	return len(rest) == 0 || rest[0] == '\n' || rest[0] == '\r'
}

// parse fills Fields from the block's content.
func (fm *FrontMatter) parse(d *Document) {
	if fm.Format == "json" {
		fm.parseJSON(d)
		return
	}
	firstLine := d.Line(fm.Start) + 1 // the line after the opening delimiter
	bodyStart := d.LineStart(firstLine)
	bodyEnd := d.LineStart(d.Line(fm.End - 1)) // start of the closing delimiter line
	if bodyEnd < bodyStart {
		bodyEnd = bodyStart
	}
	body := d.Source[bodyStart:bodyEnd]
	if fm.Format == "toml" {
		fm.parseTOML(body, firstLine)
		return
	}
	fm.parseYAML(body, firstLine)
}

func (fm *FrontMatter) parseYAML(body []byte, firstLine int) {
	m, ok := parseFlatYAML(body)
	if !ok {
		var root yaml.Node
		if err := yaml.Unmarshal(body, &root); err != nil {
			fm.Err = yamlError(err, body, firstLine)
			return
		}
		if len(root.Content) == 0 {
			return
		}
		m = root.Content[0]
	}
	if m.Kind != yaml.MappingNode {
		fm.Err = &FrontMatterError{Line: firstLine + m.Line - 1, Message: "front matter is not a mapping of keys to values"}
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		f := &Field{
			Key: k.Value, Line: firstLine + k.Line - 1, Column: k.Column,
			ValueLine: firstLine + v.Line - 1, ValueColumn: v.Column, Node: v,
		}
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
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

// yamlError turns a yaml.v3 error ("yaml: line 3: ...") into a located one.
// Some errors carry no line: the first line at which a growing prefix of
// the body fails to parse is then taken (front matter is short; the search
// is capped).
func yamlError(err error, body []byte, firstLine int) *FrontMatterError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		if i := strings.Index(msg, ":"); i >= 0 {
			msg = strings.TrimSpace(msg[i+1:])
		}
		return &FrontMatterError{Line: firstLine + line - 1, Message: msg}
	}
	lines := bytes.SplitAfter(body, []byte("\n"))
	end := 0
	for i, l := range lines[:min(len(lines), 200)] {
		end += len(l)
		var n yaml.Node
		if yaml.Unmarshal(body[:end], &n) != nil {
			return &FrontMatterError{Line: firstLine + i, Message: msg}
		}
	}
	return &FrontMatterError{Line: firstLine - 1, Message: msg}
}
