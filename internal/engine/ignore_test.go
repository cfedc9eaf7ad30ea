package engine_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/gitchanges/gittest"
)

// ignoreTree is a tree of Markdown files with nested .gitignore files:
// negations, folder-only patterns, anchored patterns and "**".
var ignoreTree = map[string]string{
	".gitignore":                "# build output\nbuild/\n*.draft.md\n!keep.draft.md\n/top-only.md\ndocs/**/private-*.md\nnotes\n",
	"top-only.md":               "x",
	"sub/top-only.md":           "x",
	"a.md":                      "x",
	"x.draft.md":                "x",
	"keep.draft.md":             "x",
	"build/out.md":              "x",
	"sub/build/out.md":          "x",
	"build.md":                  "x",
	"docs/private-a.md":         "x",
	"docs/deep/er/private-b.md": "x",
	"docs/public.md":            "x",
	"notes/n.md":                "x",
	"sub/notes/n.md":            "x",
	"sub/.gitignore":            "!x.draft.md\n*.md\n!index.md\nlocal/\n",
	"sub/x.draft.md":            "x",
	"sub/index.md":              "x",
	"sub/other.md":              "x",
	"sub/local/index.md":        "x",
	"sub/deeper/index.md":       "x",
	"sub/deeper/.gitignore":     "/index.md\n",
	"sub/deeper/more/index.md":  "x",
	"lang/README.markdown":      "x",
	"lang/.gitignore":           "*.markdown\n!README.markdown\n",
	"lang/CHANGES.markdown":     "x",
	"excluded/e.md":             "x",
	"spaces/a b.md":             "x",
	"spaces/.gitignore":         "a\\ b.md\n",
	"deep/a/b/c/d.md":           "x",
	"deep/.gitignore":           "a/**/d.md\n",
}

// gitRepo writes files into a new git repository (nothing committed but
// a tracked a.md) and returns it.
func gitRepo(t *testing.T, files map[string]string) *gittest.Repo {
	t.Helper()
	r := gittest.New(t)
	for name, text := range files {
		r.Write(name, text)
	}
	r.Write(".git/info/exclude", "excluded/\n")
	r.Git("add", "a.md")
	return r
}

// gitListed returns the Markdown files git lists with args, sorted.
func gitListed(t *testing.T, r *gittest.Repo, args ...string) []string {
	t.Helper()
	out := r.Git(append([]string{"ls-files", "-z", "--others", "--cached"}, args...)...)
	var want []string
	for _, p := range strings.Split(out, "\x00") {
		if engine.IsMarkdown(p) {
			want = append(want, p)
		}
	}
	slices.Sort(want)
	return want
}

// walked returns the files medlint finds in dir, sorted.
func walked(t *testing.T, dir string, noIgnore bool) []string {
	t.Helper()
	p := engine.NewPlan(engine.Options{Paths: []string{dir}, Config: config.Default(dir), WorkDir: dir, NoIgnoreFiles: noIgnore})
	rep := p.Report()
	if len(rep.Errors) > 0 {
		t.Fatalf("errors: %v", rep.Errors)
	}
	got := slices.Clone(rep.Paths)
	slices.Sort(got)
	return got
}

func TestWalkMatchesGitExcludeStandard(t *testing.T) {
	t.Parallel()
	r := gitRepo(t, ignoreTree)
	want := gitListed(t, r, "--exclude-standard")
	got := walked(t, r.Dir, false)
	if !slices.Equal(got, want) {
		t.Errorf("walk found\n  %v\ngit ls-files lists\n  %v", got, want)
	}
	t.Logf("git and medlint list %v", want)
	// The test is not vacuous: git leaves out a good part of the tree.
	if all := walked(t, r.Dir, true); len(all) < len(want)+10 {
		t.Errorf("--no-ignore found %d files, ignore files %d: the tree ignores too little", len(all), len(want))
	}
}

func TestWalkMatchesGitMedlintignore(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for name, text := range ignoreTree {
		files[strings.ReplaceAll(name, ".gitignore", ".medlintignore")] = text
	}
	r := gitRepo(t, files)
	want := gitListed(t, r, "--exclude-per-directory=.medlintignore", "--exclude-from=.git/info/exclude")
	if got := walked(t, r.Dir, false); !slices.Equal(got, want) {
		t.Errorf("walk found\n  %v\ngit ls-files (.medlintignore as the per-directory file) lists\n  %v", got, want)
	}
}

func TestMedlintignoreOverGitignore(t *testing.T) {
	t.Parallel()
	r := gitRepo(t, map[string]string{
		".gitignore":     "gen/\n*.tmp.md\n",
		".medlintignore": "!keep.tmp.md\nwip.md\n",
		"keep.tmp.md":    "x", "drop.tmp.md": "x", "wip.md": "x", "gen/g.md": "x", "a.md": "x",
		// Outside git only .medlintignore is read: see TestIgnoreOutsideGit.
	})
	if got, want := walked(t, r.Dir, false), []string{"a.md", "keep.tmp.md"}; !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
}

func TestIgnoreOutsideGitAndNamedFiles(t *testing.T) {
	t.Parallel()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{".gitignore": "a.md\n", ".medlintignore": "b.md\n", "a.md": "x", "b.md": "x"} {
		write(t, filepath.Join(dir, name), []byte(text))
	}
	// Outside a git work tree git reads no .gitignore; .medlintignore is
	// medlint's own.
	if got, want := walked(t, dir, false), []string{"a.md"}; !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	// A file named on the command line is linted whatever the ignore
	// files say.
	p := engine.NewPlan(engine.Options{Paths: []string{filepath.Join(dir, "b.md")}, Config: config.Default(dir), WorkDir: dir})
	if got := p.Report().Paths; !slices.Equal(got, []string{"b.md"}) {
		t.Errorf("named b.md: found %v", got)
	}
	// ignore-files: false in the configuration turns them off.
	write(t, filepath.Join(dir, ".medlint.yml"), []byte("ignore-files: false\n"))
	folders := config.NewFolders(config.Default(dir))
	cfg, err := folders.For(dir)
	if err != nil {
		t.Fatal(err)
	}
	p = engine.NewPlan(engine.Options{Paths: []string{dir}, Config: cfg, Folders: folders, WorkDir: dir})
	got := slices.Clone(p.Report().Paths)
	slices.Sort(got)
	if want := []string{"a.md", "b.md"}; !slices.Equal(got, want) {
		t.Errorf("ignore-files: false: found %v, want %v", got, want)
	}
}

func TestIgnoreFilesUnreadable(t *testing.T) {
	t.Parallel()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "a.md"), []byte("x"))
	// A folder named .medlintignore is no ignore file: nothing breaks.
	if err := os.Mkdir(filepath.Join(dir, ".medlintignore"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := walked(t, dir, false); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("found %v", got)
	}
}
