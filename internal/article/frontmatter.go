package article

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/document"
)

// NormKey folds a front-matter key so that one spelling matches the
// snake, camel and kebab case of a name: lower case, without '_', '-',
// '.' and spaces ("last_reviewed", "lastReviewed", "last-reviewed" and
// "Last Reviewed" are all "lastreviewed").
func NormKey(k string) string {
	if !strings.ContainsAny(k, "_- .ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return k // already folded: most keys are
	}
	var b strings.Builder
	b.Grow(len(k))
	for i := range len(k) {
		c := k[i]
		switch {
		case c == '_' || c == '-' || c == ' ' || c == '.':
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Entry is one value of the front matter, at any depth: a top-level field
// or a key of a nested mapping ("review: {date: ..., by: ...}" gives the
// entries review.date and review.by).
type Entry struct {
	// Path is the keys from the top, as written.
	Path []string
	// Norm is Path folded by NormKey.
	Norm []string
	// Value is the scalar text; a list of scalars is joined by ", ".
	Value string
	// Items holds the scalars of a list.
	Items []string
	// Map reports a mapping (its keys are entries of their own); List a
	// sequence.
	Map, List bool
	// Null reports an explicit null (~, null, or nothing after the colon).
	Null bool
	// Line and Column locate the value in the file (1-based), or the key
	// when the value is empty.
	Line, Column int
	// Salvaged reports an entry read line by line from front matter that
	// does not parse: its value is the line's text after the colon.
	Salvaged bool
}

// Key returns the path joined by ".".
func (e *Entry) Key() string { return strings.Join(e.Path, ".") }

// maxEntryDepth bounds how deep nested mappings are read.
const maxEntryDepth = 4

// Entries returns every entry of doc's front matter in source order,
// nested ones after their parent. Front matter that does not parse is read
// line by line instead ("key: value" at the top level and one level of
// indented keys below a key without a value), so that a title with an
// unquoted colon does not hide the review date below it. Computed once
// per document.
func Entries(doc *document.Document) []Entry {
	return doc.Memo(entriesKey{}, func() any { return readEntries(doc) }).([]Entry)
}

type entriesKey struct{}

func readEntries(doc *document.Document) []Entry {
	fm := doc.FrontMatter
	if fm == nil || fm.Unclosed {
		return nil
	}
	if fm.Err != nil && len(fm.Fields) == 0 {
		return salvageEntries(doc)
	}
	if fm.Format == "toml" && fm.Err == nil {
		return tomlEntries(doc)
	}
	out := make([]Entry, 0, 2*len(fm.Fields)) // nested keys add some
	for _, f := range fm.Fields {
		line, col := f.ValueLine, f.ValueColumn
		if line == 0 {
			line, col = f.Line, f.Column
		}
		path := []string{f.Key}
		if f.Node == nil && strings.Contains(f.Key, ".") {
			path = strings.Split(f.Key, ".") // TOML dotted keys: review.date = ...
		}
		e := Entry{Path: path, Value: f.Value, Items: f.List, List: f.IsList, Line: line, Column: col}
		if f.Node != nil {
			addNode(&out, path, f.Node, line, col, f.Node.Line, 0)
			continue
		}
		e.Norm = normPath(path)
		out = append(out, e)
	}
	return out
}

// addNode appends the entry of node (whose value starts at line:col in the
// file; baseLine is the node's own line number, to translate the lines of
// its children) and of its children.
func addNode(out *[]Entry, path []string, n *yaml.Node, line, col, baseLine, depth int) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	e := Entry{Path: path, Norm: normPath(path), Line: line, Column: col}
	switch n.Kind {
	case yaml.ScalarNode:
		e.Null = n.Tag == "!!null"
		if !e.Null {
			e.Value = n.Value
		}
	case yaml.SequenceNode:
		e.List = true
		for _, it := range n.Content {
			if it.Kind == yaml.ScalarNode {
				e.Items = append(e.Items, it.Value)
			}
		}
		e.Value = strings.Join(e.Items, ", ")
	case yaml.MappingNode:
		e.Map = true
	case 0:
		e.Null = true
	}
	*out = append(*out, e)
	if n.Kind != yaml.MappingNode || depth+1 >= maxEntryDepth {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		child := append(append([]string(nil), path...), k.Value)
		addNode(out, child, v, line+v.Line-baseLine, v.Column, baseLine, depth+1)
	}
}

func normPath(path []string) []string {
	out := make([]string, len(path))
	for i, p := range path {
		out[i] = NormKey(p)
	}
	return out
}

// salvageEntries reads front matter that does not parse line by line.
func salvageEntries(doc *document.Document) []Entry {
	fm := doc.FrontMatter
	first, last := doc.Line(fm.Start)+1, doc.Line(max(fm.End-1, 0))-1
	if fm.Format == "json" {
		return nil
	}
	var out []Entry
	var parent []string // the last top-level key without a value
	for l := first; l <= last; l++ {
		text := string(doc.LineText(l))
		trimmed := strings.TrimLeft(text, " \t")
		indent := len(text) - len(trimmed)
		if trimmed == "" || trimmed[0] == '#' || trimmed[0] == '-' || trimmed[0] == '[' {
			continue
		}
		sep := ": "
		if fm.Format == "toml" {
			sep = "="
		}
		i := strings.Index(trimmed+" ", sep)
		if i <= 0 {
			continue
		}
		key := strings.Trim(strings.TrimSpace(trimmed[:i]), `"'`)
		if strings.ContainsAny(key, " \t{}[]") && fm.Format != "toml" {
			continue
		}
		value := strings.TrimSpace(trimmed[min(i+len(sep), len(trimmed)):])
		col := len(text) - len(strings.TrimLeft(text[min(indent+i+len(sep), len(text)):], " \t")) + 1
		path := []string{key}
		switch {
		case indent == 0:
			parent = nil
			if value == "" {
				parent = []string{key}
			}
		case parent != nil:
			path = append(append([]string(nil), parent...), key)
		default:
			continue
		}
		out = append(out, Entry{Path: path, Norm: normPath(path), Value: unquote(value), Null: value == "",
			Map: value == "" && indent == 0, Line: l, Column: col, Salvaged: true})
	}
	return out
}

// tomlEntries reads TOML front matter (which parsed) line by line, with
// its nesting: "[review]" tables and dotted keys ("review.date = ...")
// give nested paths, as YAML mappings do. Multi-line values are read as
// their first line.
func tomlEntries(doc *document.Document) []Entry {
	fm := doc.FrontMatter
	first, last := doc.Line(fm.Start)+1, doc.Line(max(fm.End-1, 0))-1
	var out []Entry
	var table []string
	for l := first; l <= last; l++ {
		text := string(doc.LineText(l))
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if trimmed[0] == '[' {
			name := strings.Trim(trimmed, "[] \t")
			table = tomlKeyPath(name)
			continue
		}
		i := strings.IndexByte(trimmed, '=')
		if i <= 0 {
			continue
		}
		path := append(append([]string(nil), table...), tomlKeyPath(trimmed[:i])...)
		value := strings.TrimSpace(trimmed[i+1:])
		if j := strings.Index(value, " #"); j >= 0 && value[0] != '"' && value[0] != '\'' {
			value = strings.TrimSpace(value[:j])
		}
		col := strings.Index(text, "=") + 2 + len(text[strings.Index(text, "=")+1:]) - len(strings.TrimLeft(text[strings.Index(text, "=")+1:], " \t"))
		e := Entry{Path: path, Norm: normPath(path), Value: unquote(value), Line: l, Column: col}
		if strings.HasPrefix(value, "[") {
			e.List = true
			for _, it := range strings.Split(strings.Trim(value, "[]"), ",") {
				if it = unquote(strings.TrimSpace(it)); it != "" {
					e.Items = append(e.Items, it)
				}
			}
			e.Value = strings.Join(e.Items, ", ")
		}
		out = append(out, e)
	}
	return out
}

// tomlKeyPath splits a TOML key ("review.date", `"medical review".by`) into
// its parts, unquoted.
func tomlKeyPath(key string) []string {
	var parts []string
	for _, p := range strings.Split(strings.TrimSpace(key), ".") {
		parts = append(parts, unquote(strings.TrimSpace(p)))
	}
	return parts
}

// unquote removes matching quotes around a scalar.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// Lookup returns the first entry whose folded path equals path (each
// element folded by NormKey), or nil.
func Lookup(doc *document.Document, path ...string) *Entry {
	es := Entries(doc)
	if len(es) == 0 {
		return nil
	}
	norm := normPath(path)
	for i := range es {
		if slices.Equal(es[i].Norm, norm) {
			return &es[i]
		}
	}
	return nil
}

// Title returns the page's front-matter title (title, or name for pages
// that use it), or "".
func Title(doc *document.Document) string {
	for _, k := range []string{"title", "linktitle", "pagetitle", "seotitle", "metatitle"} {
		if e := Lookup(doc, k); e != nil && strings.TrimSpace(e.Value) != "" {
			return strings.TrimSpace(e.Value)
		}
	}
	return ""
}
