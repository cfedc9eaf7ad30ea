package document

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/testsupport"
)

// diffNodes describes how got differs from want ("" when equal) in every
// field yaml.v3 fills.
func diffNodes(got, want *yaml.Node, path string) string {
	if got == nil || want == nil {
		if got != want {
			return fmt.Sprintf("%s: got %v, want %v", path, got, want)
		}
		return ""
	}
	type shape struct {
		Kind                                  yaml.Kind
		Style                                 yaml.Style
		Tag, Value, Anchor                    string
		HeadComment, LineComment, FootComment string
		Line, Column, Children                int
	}
	g := shape{got.Kind, got.Style, got.Tag, got.Value, got.Anchor, got.HeadComment, got.LineComment, got.FootComment, got.Line, got.Column, len(got.Content)}
	w := shape{want.Kind, want.Style, want.Tag, want.Value, want.Anchor, want.HeadComment, want.LineComment, want.FootComment, want.Line, want.Column, len(want.Content)}
	if g != w {
		return fmt.Sprintf("%s: got %+v, want %+v", path, g, w)
	}
	for i := range got.Content {
		if d := diffNodes(got.Content[i], want.Content[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFlat fails t when parseFlatYAML accepts body and builds anything
// but what yaml.v3 builds; it reports whether body was accepted.
func checkFlat(t *testing.T, body string) bool {
	t.Helper()
	got, ok := parseFlatYAML([]byte(body))
	if !ok {
		return false
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(body), &root); err != nil {
		t.Errorf("parseFlatYAML accepts %q, which yaml.v3 rejects: %v", body, err)
		return true
	}
	if len(root.Content) == 0 {
		t.Errorf("parseFlatYAML accepts %q, where yaml.v3 finds no document", body)
		return true
	}
	if d := diffNodes(got, root.Content[0], "root"); d != "" {
		t.Errorf("parseFlatYAML(%q) differs from yaml.v3: %s", body, d)
	}
	return true
}

var flatExamples = []struct {
	body string
	flat bool
}{
	{"title: Eczema\nms.date: 06/29/2022\n", true},
	{"title: \"Compiler Error C2065\"\nf1_keywords: [\"C2065\"]\nhelpviewer_keywords: [\"C2065\", C2066 ,x]\n", true},
	{"tags:\n  - skin\n  - 'itch'\nreviewed: 2025-01-02\n", true},
	{"tags:\n- a\n- b\n\nnext: 3\r\nempty: []\n", true},
	{"a: 1\nb: true\nc: ~\nd: null\ne: 1.5\nf: yes\ng: 0x1F\nh: .inf\n1: one\n", true},
	{"title: C# and F#, a [guide]\nurl: http://x.y/z?a=b\n", true},
	{"a: b\na: c\n", false},        // duplicate key
	{"a: # comment\n", false},      // comment
	{"# comment\na: b\n", false},   // comment
	{"a:\n", false},                // null by omission
	{"a: b\n  c\n", false},         // continuation
	{"a:\n  b: c\n", false},        // nesting
	{"a: \"x\\\"y\"\n", false},     // escape
	{"a: 'it''s'\n", false},        // quote escape
	{"a: &x 1\nb: *x\n", false},    // anchor
	{"a: !!str 1\n", false},        // tag
	{"a: |\n  text\n", false},      // literal block
	{"a:\n  - x\n   - y\n", false}, // ragged items
	{"a: \"b, c\"\nd: [\"b, c\", \"#x [C++]\" ,e ]\n", true},
	{"external help file: a-help.xml\n", true},
	{"a: [b\n", false},
	{"a: [\"b\" c]\n", false},
	{"a: [b,]\n", false},
	{"a: [] x\n", false},
	{"a  b: c\n", false},
	{strings.Repeat("k", 1100) + ": v\n", false}, // over YAML's 1024-character limit on implicit keys
	{"a: caf\xc3\xa9\n", false},                  // non-ASCII
	{"a:\tb\n", false},                           // tab
	{"", false},                                  // nothing
	{"---\n", false},                             // a document marker
	{"key: value:\n", false},                     // ends with a colon
	{"- a\n", false},                             // not a mapping
}

func TestParseFlatYAML(t *testing.T) {
	t.Parallel()
	for _, ex := range flatExamples {
		if got := checkFlat(t, ex.body); got != ex.flat {
			t.Errorf("parseFlatYAML(%q) accepted = %v, want %v", ex.body, got, ex.flat)
		}
	}
}

// TestParseFlatYAMLOnCorpora compares with yaml.v3 on the front matter of
// every file of the shared corpora (the large one when unpacked at
// $MEDLINT_LARGE_CORPUS) and says how much of it takes the fast path.
func TestParseFlatYAMLOnCorpora(t *testing.T) {
	t.Parallel()
	dirs := []string{testsupport.Shared(t, "corpus", "health"), testsupport.Shared(t, "corpus", "seed"), "../../testdata"}
	if d := os.Getenv("MEDLINT_LARGE_CORPUS"); d != "" {
		dirs = append(dirs, d)
	}
	total, flat := 0, 0
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			fm := splitFrontMatter(normalizeCR(src))
			if fm == nil || fm.Unclosed || fm.Format != "yaml" {
				return nil
			}
			body := src[fm.Start:fm.End]
			if i := strings.IndexByte(string(body), '\n'); i >= 0 {
				body = body[i+1:]
			}
			if i := strings.LastIndex(string(body), "\n---"); i >= 0 {
				body = body[:i+1]
			}
			total++
			if checkFlat(t, string(body)) {
				flat++
			}
			return nil
		})
	}
	t.Logf("%d of %d front matters took the flat path", flat, total)
}

func FuzzParseFlatYAML(f *testing.F) {
	for _, ex := range flatExamples {
		f.Add(ex.body)
	}
	f.Fuzz(func(t *testing.T, body string) { checkFlat(t, body) })
}
