package document

import (
	"encoding/json"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestJSONFrontMatter(t *testing.T) {
	t.Parallel()
	src := "{\n  \"title\": \"Eczema: a guide\",\n  \"tags\": [\"skin\", \"itch\"],\n  \"draft\": false,\n" +
		"  \"review\": {\"date\": \"2026-01-02\", \"by\": \"Jane Frank, MD\"},\n  \"note\": \"caf\u00e9 \\\"quoted\\\" \\u00e9\"\n}\n\n# Eczema\n\nText.\n"
	d, err := Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fm := d.FrontMatter
	if fm == nil || fm.Format != "json" || fm.Err != nil {
		t.Fatalf("front matter %+v, want JSON without error", fm)
	}
	if got := fm.Get("title"); got == nil || got.Value != "Eczema: a guide" || got.Line != 2 || got.ValueLine != 2 || got.ValueColumn != 12 {
		t.Errorf("title %+v", got)
	}
	if got := fm.Get("tags"); got == nil || !got.IsList || got.Value != "skin, itch" {
		t.Errorf("tags %+v", got)
	}
	if got := fm.Get("draft"); got == nil || got.Value != "false" || got.Node.Tag != "!!bool" {
		t.Errorf("draft %+v", got)
	}
	r := fm.Get("review")
	if r == nil || r.Node.Kind != yaml.MappingNode || len(r.Node.Content) != 4 || r.Node.Content[1].Value != "2026-01-02" || r.Node.Content[1].Line != 5 {
		t.Fatalf("review %+v", r)
	}
	if got := fm.Get("note"); got == nil || got.Value != "caf\u00e9 \"quoted\" \u00e9" {
		t.Errorf("note %+v", got)
	}
	// The JSON is not Markdown: the only heading is the body's, and the
	// front matter lines are marked.
	if len(d.Headings) != 1 || d.Headings[0].Text != "Eczema" || d.LineKinds[0] != LineFrontMatter || d.LineKinds[6] != LineFrontMatter {
		t.Errorf("headings %+v, line kinds %v", d.Headings, d.LineKinds[:8])
	}
}

func TestJSONFrontMatterNotJSON(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"{% include disclaimer.html %}\n\n# T\n",
		"{{< disclaimer >}}\n\n# T\n",
		"{ not json }\n",
		"{\"a\": 1} trailing text\n",
		"x {\"a\": 1}\n",
	} {
		d, err := Parse("a.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if d.FrontMatter != nil {
			t.Errorf("%q: front matter %+v, want none", src, d.FrontMatter)
		}
	}
}

func TestJSONFrontMatterErrors(t *testing.T) {
	t.Parallel()
	d, _ := Parse("a.md", []byte("{\n  \"title\": \"T\",\n  \"bad\": tru\n}\n\nText.\n"))
	if fm := d.FrontMatter; fm == nil || fm.Err == nil || fm.Err.Line != 3 {
		t.Errorf("invalid JSON: %+v, want an error on line 3", fm)
	}
	d, _ = Parse("a.md", []byte("{\n  \"title\": \"T\"\n\nText.\n"))
	if fm := d.FrontMatter; fm == nil || !fm.Unclosed {
		t.Errorf("unclosed JSON: %+v, want Unclosed", fm)
	}
	d, _ = Parse("a.md", []byte("{}\n\n# T\n"))
	if fm := d.FrontMatter; fm == nil || fm.Err != nil || len(fm.Fields) != 0 {
		t.Errorf("empty object: %+v", fm)
	}
}

func FuzzJSONFrontMatter(f *testing.F) {
	for _, s := range []string{`{"a": 1}`, `{"a": {"b": [1, "x", null]}}`, `{"t": "\u00e9\n\"", "n": -1.5e3}`, `{}`, `{"a": [[[]]]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, obj string) {
		src := obj + "\n\nText.\n"
		d, err := Parse("f.md", []byte(src))
		if err != nil || d.FrontMatter == nil || d.FrontMatter.Unclosed || d.FrontMatter.Err != nil {
			return
		}
		var m map[string]any
		if err := json.Unmarshal(d.Source[d.FrontMatter.Start:d.FrontMatter.End], &m); err != nil {
			t.Fatalf("%q parsed as JSON front matter but encoding/json rejects it: %v", obj, err)
		}
		for _, fl := range d.FrontMatter.Fields {
			v, ok := m[fl.Key]
			if !ok {
				t.Fatalf("%q: field %q not in encoding/json's object", obj, fl.Key)
			}
			if s, ok := v.(string); ok && fl.Value != s {
				t.Fatalf("%q: field %q = %q, encoding/json %q", obj, fl.Key, fl.Value, s)
			}
			if fl.ValueLine < 1 || fl.ValueLine > d.LineCount() || !strings.Contains(string(d.LineText(fl.Line)), "\"") {
				t.Fatalf("%q: field %q located on line %d", obj, fl.Key, fl.ValueLine)
			}
		}
	})
}
