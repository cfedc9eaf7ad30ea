package ignorefile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIgnored(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	files := map[string]string{
		".git/HEAD":            "",
		".git/info/exclude":    "secret.md\n",
		".gitignore":           "\ufeff# comment\r\nbuild/\r\n*.log.md\r\n!keep.log.md\r\n/anchored.md\r\ndocs/*.tmp.md\r\n",
		"sub/.gitignore":       "!again.log.md\n",
		"sub/.medlintignore":   "wip.md\n",
		"sub/inner/.gitignore": "!wip.md\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		path  string
		isDir bool
		want  bool
	}{
		{"a.md", false, false},
		{"secret.md", false, true},
		{"build", true, true},
		{"build", false, false}, // a file named build: the pattern is for folders
		{"build/x.md", false, true},
		{"x/build/y.md", false, true},
		{"a.log.md", false, true},
		{"keep.log.md", false, false},
		{"sub/again.log.md", false, false},
		{"sub/other.log.md", false, true},
		{"anchored.md", false, true},
		{"sub/anchored.md", false, false},
		{"docs/a.tmp.md", false, true},
		{"docs/x/a.tmp.md", false, false},
		{"sub/wip.md", false, true},
		{"sub/inner/wip.md", false, false},
		{"wip.md", false, false},
	}
	m := New()
	for _, tt := range tests {
		if got := m.Ignored(filepath.Join(root, filepath.FromSlash(tt.path)), tt.isDir); got != tt.want {
			t.Errorf("Ignored(%s, dir %v) = %v, want %v", tt.path, tt.isDir, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"build/\n!keep\n", "/a/**/b\n\\#x\n", "[\n*[!\n", "a\\ \n**\n", "\ufeff\r\n#\n"} {
		f.Add(s, "a/b/c.md")
	}
	f.Fuzz(func(t *testing.T, data, path string) {
		ps := Parse([]byte(data), []string{"d"})
		for _, p := range ps {
			p.Match([]string{"d", path}, false)
			p.Match([]string{"d", path}, true)
		}
	})
}
