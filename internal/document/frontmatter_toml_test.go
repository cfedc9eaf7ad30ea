package document

import (
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// tomlField is what a test expects of one TOML front-matter field.
type tomlField struct {
	key, value          string
	list                []string
	isList              bool
	line, col           int
	valueLine, valueCol int
}

func TestTOMLFrontMatterFields(t *testing.T) {
	t.Parallel()
	src := "+++\n" +
		"title = \"Eczema: \\\"causes\\\"\"   # a comment\n" + // line 2
		"  'last reviewed' = 2025-07-11\n" + // line 3
		"tags = [\"x\", 'y', [\"nested\"], { a = 1 }]\n" + // line 4
		"count = 1_000\n" + // line 5
		"draft = false\n" + // line 6
		"author.name = \"Dr. Lee\"\n" + // line 7
		"author.role = \"GP\"\n" + // line 8
		"summary = \"\"\"\nTwo\nlines\"\"\"\n" + // lines 9-11
		"empty = []\n" + // line 12
		"[reviewer]\n" + // line 13
		"name = \"inside a table\"\n" +
		"[[faq]]\n" + // line 15
		"q = \"?\"\n" +
		"+++\n# H\n"
	d := mustParse(t, src)
	fm := d.FrontMatter
	if fm == nil || fm.Format != "toml" || fm.Err != nil {
		t.Fatalf("front matter %+v, err %v", fm, fm.Err)
	}
	want := []tomlField{
		{key: "title", value: `Eczema: "causes"`, line: 2, col: 1, valueLine: 2, valueCol: 9},
		{key: "last reviewed", value: "2025-07-11", line: 3, col: 3, valueLine: 3, valueCol: 21},
		{key: "tags", value: "x, y", list: []string{"x", "y"}, isList: true, line: 4, col: 1, valueLine: 4, valueCol: 8},
		{key: "count", value: "1_000", line: 5, col: 1, valueLine: 5, valueCol: 9},
		{key: "draft", value: "false", line: 6, col: 1, valueLine: 6, valueCol: 9},
		{key: "author", line: 7, col: 1, valueLine: 7, valueCol: 1},
		{key: "summary", value: "Two\nlines", line: 9, col: 1, valueLine: 9, valueCol: 11},
		{key: "empty", isList: true, line: 12, col: 1, valueLine: 12, valueCol: 9},
		{key: "reviewer", line: 13, col: 2, valueLine: 13, valueCol: 2},
		{key: "faq", isList: true, line: 15, col: 3, valueLine: 15, valueCol: 3},
	}
	if len(fm.Fields) != len(want) {
		var keys []string
		for _, f := range fm.Fields {
			keys = append(keys, f.Key)
		}
		t.Fatalf("fields %q, want %d", keys, len(want))
	}
	for i, w := range want {
		f := fm.Fields[i]
		got := tomlField{key: f.Key, value: f.Value, list: f.List, isList: f.IsList, line: f.Line, col: f.Column, valueLine: f.ValueLine, valueCol: f.ValueColumn}
		if got.key != w.key || got.value != w.value || strings.Join(got.list, "|") != strings.Join(w.list, "|") || got.isList != w.isList ||
			got.line != w.line || got.col != w.col || got.valueLine != w.valueLine || got.valueCol != w.valueCol {
			t.Errorf("field %d:\n got  %+v\n want %+v", i, got, w)
		}
	}
	if f := fm.Get("name"); f != nil {
		t.Errorf("a key of [reviewer] is listed as a top-level field: %+v", f)
	}
}

// TestInvalidTOMLFrontMatterIsLocated checks that TOML the hand-written
// reader took without complaint (an unclosed string, a duplicated key, an
// impossible date...) is an error on its line.
func TestInvalidTOMLFrontMatterIsLocated(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		line       int
		msg        string
	}{
		{"unclosed string", "title = \"Eczema\nx = 1\n", 2, ""},
		{"duplicated key", "title = \"a\"\ntitle = \"b\"\n", 3, "title"},
		{"no value", "title =\n", 2, ""},
		{"impossible date", "reviewed = 2025-13-45\n", 2, ""},
		{"bad escape", "title = \"a\\qb\"\n", 2, ""},
		{"table twice", "a = 1\n[t]\nx = 1\n[t]\ny = 2\n", 5, ""},
		{"unclosed array", "tags = [\"a\",\n", 2, ""},
		{"key without =", "a = 1\njust words\n", 3, ""},
		{"trailing garbage", "a = 1 2\n", 2, ""},
		{"unclosed table header", "[t\n", 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := mustParse(t, "+++\n"+tc.body+"+++\n# H\n")
			fm := d.FrontMatter
			if fm == nil || fm.Err == nil {
				t.Fatalf("no error for %q (fields %+v)", tc.body, fm)
			}
			if fm.Err.Line != tc.line || fm.Err.Message == "" || !strings.Contains(fm.Err.Message, tc.msg) {
				t.Errorf("error %q on line %d, want line %d (and %q)", fm.Err.Message, fm.Err.Line, tc.line, tc.msg)
			}
		})
	}
}

// FuzzTOMLFrontMatter: whatever the block holds, parsing never panics, an
// error lies on a line of the block, every field is located inside it, and
// a block go-toml decodes without error has exactly the decoded top-level
// keys as fields, once each.
func FuzzTOMLFrontMatter(f *testing.F) {
	for _, s := range []string{
		"title = \"Hi\"\nreviewed = 2025-07-11 # note\ntags = [\"x\", 'y']",
		"a.b = 1\na.c = 2\n[t]\nx = 1\n[[arr]]\ny = 2\n[t.sub]\n",
		"'quoted key' = \"\"\"\nmulti\nline\"\"\"\n\"k\\u00e9y\" = { x = [1, [2]] }",
		"title = \"unclosed\nx = ",
		"a = 1\na = 2\n[t]\n[t]\n",
		"d = 2025-13-45T25:61:00Z\nf = nan\ni = 0x_1\n",
		"\r\na = 1\r\nb = 'x'\r\n",
		"[[a]]\n[a]\n",
		"x = [" + strings.Repeat("[", 64) + strings.Repeat("]", 64) + "]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d, err := Parse("x.md", []byte("+++\n"+body+"\n+++\n# H\n"))
		if err != nil {
			return
		}
		fm := d.FrontMatter
		if fm == nil || fm.Format != "toml" || fm.Unclosed {
			return
		}
		closing := d.Line(fm.End - 1)
		if fm.Err != nil && (fm.Err.Line < 1 || fm.Err.Line > closing || fm.Err.Message == "") {
			t.Fatalf("error %q on line %d, outside the block (lines 1-%d)", fm.Err.Message, fm.Err.Line, closing)
		}
		keys := map[string]bool{}
		for _, fd := range fm.Fields {
			if fd.Line < 2 || fd.Line >= closing || fd.Column < 1 || fd.ValueLine < fd.Line || fd.ValueLine >= closing || fd.ValueColumn < 1 {
				t.Fatalf("field %+v is located outside the block (lines 2-%d)", fd, closing-1)
			}
			if keys[fd.Key] {
				t.Fatalf("field %q listed twice", fd.Key)
			}
			keys[fd.Key] = true
		}
		if fm.Err != nil {
			return
		}
		var doc map[string]any
		block := d.Source[d.LineStart(2):d.LineStart(closing)]
		if err := toml.Unmarshal(block, &doc); err != nil {
			t.Fatalf("no error reported for a block go-toml rejects: %v", err)
		}
		if len(doc) != len(keys) {
			t.Fatalf("fields %v, decoded keys %v", keys, doc)
		}
		for k := range doc {
			if !keys[k] {
				t.Fatalf("decoded key %q is not a field (fields %v)", k, keys)
			}
		}
	})
}
