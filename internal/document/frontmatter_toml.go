package document

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// parseTOML reads TOML front matter with go-toml: the decoder validates
// the whole block (an invalid one sets Err, located on its line), and the
// parser's syntax tree gives the top-level keys in source order with the
// lines and columns of keys and values. A table ([author], a dotted key
// author.name = ...) is a field with no value, as a YAML mapping is; an
// array of tables ([[faq]]) is a list with no scalar items. Fields keep
// what was read before a syntax error.
func (fm *FrontMatter) parseTOML(body []byte, firstLine int) {
	defer func() {
		// A reader for any file must not take the run down with it.
		if p := recover(); p != nil {
			fm.Err = &FrontMatterError{Line: firstLine, Message: fmt.Sprintf("cannot read it (internal error in the TOML reader: %v)", p)}
		}
	}()
	var doc map[string]any
	if err := toml.Unmarshal(body, &doc); err != nil {
		fm.Err = tomlError(err, firstLine)
	}
	fm.Fields = tomlFields(body, firstLine)
}

// tomlError locates a go-toml error in the file.
func tomlError(err error, firstLine int) *FrontMatterError {
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return &FrontMatterError{Line: firstLine + max(row, 1) - 1, Message: msg}
	}
	return &FrontMatterError{Line: firstLine, Message: msg}
}

// tomlFields returns the top-level fields of body, whose first line is
// line firstLine of the file.
func tomlFields(body []byte, firstLine int) []*Field {
	var p unstable.Parser
	p.Reset(body)
	var fields []*Field
	seen := map[string]bool{}
	inTable := false // key-values after a table header belong to it
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind == unstable.KeyValue && inTable {
			continue
		}
		if e.Kind != unstable.KeyValue && e.Kind != unstable.Table && e.Kind != unstable.ArrayTable {
			continue
		}
		inTable = inTable || e.Kind != unstable.KeyValue
		keys := e.Key()
		keys.Next()
		key := keys.Node()
		dotted := !keys.IsLast()
		name := string(key.Data)
		if seen[name] {
			continue // another part of a table already listed
		}
		seen[name] = true
		at := p.Shape(key.Raw).Start
		f := &Field{Key: name, Line: firstLine + at.Line - 1, Column: at.Column}
		f.ValueLine, f.ValueColumn = f.Line, f.Column
		switch {
		case e.Kind == unstable.ArrayTable:
			f.IsList = !dotted
		case e.Kind == unstable.KeyValue && !dotted:
			tomlValue(f, e.Value())
			if v := valueStart(body, e); v >= 0 {
				pos := p.Shape(unstable.Range{Offset: uint32(v)}).Start //nolint:gosec // front matter is far below 4 GB
				f.ValueLine, f.ValueColumn = firstLine+pos.Line-1, pos.Column
			}
		}
		fields = append(fields, f)
	}
	return fields
}

// tomlValue sets the value of f from the TOML value v: the text of a
// scalar (a string unescaped, anything else as written), the scalar items
// of an array.
func tomlValue(f *Field, v *unstable.Node) {
	switch v.Kind {
	case unstable.Array:
		f.IsList = true
		items := v.Children()
		for items.Next() {
			if n := items.Node(); n.Kind != unstable.Array && n.Kind != unstable.InlineTable {
				f.List = append(f.List, string(n.Data))
			}
		}
		f.Value = strings.Join(f.List, ", ")
	case unstable.InlineTable:
	default:
		f.Value = string(v.Data)
	}
}

// valueStart returns the offset in body of the value of the key-value e:
// the first byte after the '=' that follows its last key part, past
// spaces and tabs; -1 if there is none.
func valueStart(body []byte, e *unstable.Node) int {
	keys := e.Key()
	end := -1
	for keys.Next() {
		r := keys.Node().Raw
		end = int(r.Offset + r.Length)
	}
	if end < 0 {
		return -1
	}
	i := end
	for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
		i++
	}
	if i >= len(body) || body[i] != '=' {
		return -1
	}
	i++
	for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
		i++
	}
	return i
}
