package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/rules"
)

// writeTree writes files (slash paths relative to root) and returns root.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// ruleIn returns the settings of rule id for the file at rel (relative
// to root) through Folders, or nil when it does not run.
func ruleIn(t *testing.T, f *Folders, root, rel, id string) *Active {
	t.Helper()
	abs := filepath.Join(root, filepath.FromSlash(rel))
	c, err := f.For(filepath.Dir(abs))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	active, err := c.Resolve(c.Rel(abs))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	for i := range active {
		if active[i].Rule.Meta().ID == id {
			return &active[i]
		}
	}
	return nil
}

// describe is "off" or "SEVERITY/SCOPE" of duplicate-heading.
func describe(a *Active) string {
	if a == nil {
		return "off"
	}
	sev := "unset"
	if a.Severity != lint.SeverityUnset {
		sev = a.Severity.String()
	}
	return sev + "/" + a.Options.(*rules.DuplicateHeadingOptions).Scope
}

func TestFoldersNearestMerged(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  map[string]string // file -> describe(duplicate-heading)
	}{
		{
			name: "nearest wins by key, the rest inherited",
			files: map[string]string{
				".git/HEAD":          "",
				".medlint.yml":       "rules:\n  duplicate-heading: {severity: error, scope: document}\n",
				"a/.medlint.yml":     "rules:\n  duplicate-heading: {scope: siblings}\n",
				"a/b/.medlint.yml":   "rules:\n  duplicate-heading: warning\n",
				"c/.medlint.yaml":    "rules:\n  duplicate-heading: off\n",
				"c/d/.medlint.yml":   "rules:\n  duplicate-heading: info\n",
				"a/b/deep/x/keep.md": "",
			},
			want: map[string]string{
				"top.md":          "error/document",
				"a/x.md":          "error/siblings",
				"a/b/x.md":        "warning/siblings",
				"a/b/deep/x/y.md": "warning/siblings",
				"c/x.md":          "off",
				"c/d/x.md":        "info/document",
			},
		},
		{
			name: "root: true stops the search",
			files: map[string]string{
				".git/HEAD":      "",
				".medlint.yml":   "rules:\n  duplicate-heading: {severity: error, scope: document}\n",
				"a/.medlint.yml": "root: true\nrules:\n  duplicate-heading: warning\n",
			},
			want: map[string]string{"x.md": "error/document", "a/x.md": "warning/siblings"},
		},
		{
			name: "the repository root stops the search",
			files: map[string]string{
				".medlint.yml":        "rules:\n  duplicate-heading: {severity: error, scope: document}\n",
				"repo/.git/HEAD":      "",
				"repo/a/.medlint.yml": "rules:\n  duplicate-heading: warning\n",
			},
			want: map[string]string{"repo/a/x.md": "warning/siblings", "repo/x.md": "unset/siblings", "x.md": "error/document"},
		},
		{
			name: "overrides stay relative to their own folder",
			files: map[string]string{
				".git/HEAD":      "",
				".medlint.yml":   "overrides:\n  - files: [\"a/faq/**\"]\n    rules:\n      duplicate-heading: off\n",
				"a/.medlint.yml": "rules:\n  duplicate-heading: error\noverrides:\n  - files: [\"faq/*.md\"]\n    rules:\n      duplicate-heading: {scope: document}\n",
			},
			// The outer override switches it off, the nearer file's
			// base settings switch it back on (they come after).
			want: map[string]string{"a/faq/x.md": "error/document", "a/x.md": "error/siblings"},
		},
		{
			name: "extends: the extended file first, relative paths, lists",
			files: map[string]string{
				".git/HEAD":         "",
				"shared/base.yml":   "rules:\n  duplicate-heading: {severity: info, scope: siblings}\n",
				"shared/strict.yml": "extends: base.yml\nrules:\n  duplicate-heading: error\n",
				".medlint.yml":      "extends: [shared/strict.yml]\n",
				"a/.medlint.yml":    "extends: ../shared/base.yml\nrules:\n  duplicate-heading: {scope: document}\n",
			},
			want: map[string]string{"x.md": "error/siblings", "a/x.md": "info/document"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := writeTree(t, tt.files)
			f := NewFolders(Default(root))
			for rel, want := range tt.want {
				if got := describe(ruleIn(t, f, root, rel, "duplicate-heading")); got != want {
					t.Errorf("%s: duplicate-heading %s, want %s", rel, got, want)
				}
			}
		})
	}
}

func TestFoldersErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		dir   string
		want  []string
	}{
		{"cycle", map[string]string{".git/HEAD": "", ".medlint.yml": "extends: a.yml\n", "a.yml": "rules: {}\nextends: b.yml\n", "b.yml": "extends: [a.yml]\n"}, ".",
			[]string{"b.yml:1: extends: a cycle: ", "a.yml -> ", "b.yml -> ", "a.yml"}},
		{"self", map[string]string{".git/HEAD": "", ".medlint.yml": "extends: .medlint.yml\n"}, ".", []string{".medlint.yml:1: extends: a cycle"}},
		{"missing", map[string]string{".git/HEAD": "", ".medlint.yml": "\n\nextends: [nope.yml]\n"}, ".", []string{".medlint.yml:3: extends: ", "nope.yml: config file not found"}},
		{"bad root", map[string]string{".git/HEAD": "", "a/.medlint.yml": "root: maybe\n"}, "a", []string{".medlint.yml:1: root: want true or false"}},
		{"error in a parent", map[string]string{".git/HEAD": "", ".medlint.yml": "rules:\n  nope: error\n", "a/.medlint.yml": "{}\n"}, "a", []string{".medlint.yml:2: ", "nope"}},
		{"error in an extended file", map[string]string{".git/HEAD": "", ".medlint.yml": "extends: x/base.yml\n", "x/base.yml": "rules:\n  duplicate-heading:\n    scope: nowhere\n"}, ".", []string{"base.yml:3: rules.duplicate-heading.scope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := writeTree(t, tt.files)
			_, err := NewFolders(Default(root)).For(filepath.Join(root, tt.dir))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestFoldersCustomRulesAndScalars(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		".git/HEAD": "",
		".medlint.yml": `max-file-size: 1MB
max-nesting: 7
custom-rules:
  - id: house-word
    type: pattern
    message: say colour
    phrases: [color]
    files: ["docs/**"]
`,
		"docs/.medlint.yml":     "max-nesting: 9\nrules:\n  house-word: warning\n",
		"docs/sub/.medlint.yml": "ignore: [\"drafts/**\"]\nignore-files: false\n",
	})
	f := NewFolders(Default(root))
	c, err := f.For(filepath.Join(root, "docs", "sub"))
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxFileSize != 1<<20 || c.Limits.Nesting != 9 || c.IgnoreFiles == nil || *c.IgnoreFiles {
		t.Errorf("scalars: size %d nesting %d ignore-files %v", c.MaxFileSize, c.Limits.Nesting, c.IgnoreFiles)
	}
	if !c.Ignored(c.Rel(filepath.Join(root, "docs", "sub", "drafts", "x.md"))) || c.Ignored(c.Rel(filepath.Join(root, "docs", "sub", "x.md"))) {
		t.Error("ignore globs of the nearest file not relative to its folder")
	}
	if a := ruleIn(t, f, root, "docs/sub/x.md", "house-word"); a == nil || a.Severity != lint.SeverityWarning {
		t.Errorf("custom rule of the root configured in docs/: %+v", a)
	}
	if got := len(c.Layers()); got != 3 {
		t.Errorf("layers %v, want 3", c.Layers())
	}
	top, _ := f.For(root)
	if top.Sum() == c.Sum() {
		t.Error("the digests of different chains are equal")
	}
}
