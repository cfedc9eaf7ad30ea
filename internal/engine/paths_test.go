//go:build unix

package engine_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/ruletest"
)

const dupBody = "# Good\n\n## A\n\n## A\n"

// repoDir makes a repository (a directory with .git) and, beside it, a
// directory of secrets; both real paths.
func repoDir(t *testing.T) (repo, secret string) {
	t.Helper()
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo, secret = filepath.Join(base, "repo"), filepath.Join(base, "secret")
	write(t, filepath.Join(repo, ".git", "HEAD"), []byte("ref: refs/heads/main\n"))
	write(t, filepath.Join(secret, "credentials"), []byte("aws_secret_access_key = hunter2\n"))
	write(t, filepath.Join(secret, "notes.md"), []byte("# Secret\n\n## A\n\n## A\n\naws_secret_access_key = hunter2\n"))
	return repo, secret
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// runPaths lints paths from workDir, failing the test instead of hanging
// when something blocks.
func runPaths(t *testing.T, workDir string, opts engine.Options, paths ...string) *result.Report {
	t.Helper()
	if opts.Config == nil {
		opts.Config = config.Default(workDir)
	}
	opts.Paths, opts.WorkDir, opts.Now = paths, workDir, ruletest.Now
	done := make(chan *result.Report, 1)
	go func() { done <- engine.Run(opts) }()
	select {
	case rep := <-done:
		return rep
	case <-time.After(20 * time.Second):
		t.Fatalf("linting %v blocked", paths)
		return nil
	}
}

// TestSymlinkedDirectoryArgument: a link to a directory named on the
// command line is linted as the directory (v0.1.0 linted 0 files and
// exited 0); links to directories met while walking are still not
// followed.
func TestSymlinkedDirectoryArgument(t *testing.T) {
	t.Parallel()
	repo, _ := repoDir(t)
	write(t, filepath.Join(repo, "docs", "a.md"), []byte(dupBody))
	link(t, "docs", filepath.Join(repo, "LINK"))
	for _, arg := range []string{filepath.Join(repo, "LINK"), filepath.Join(repo, "LINK") + "/"} {
		rep := runPaths(t, repo, engine.Options{}, arg)
		if rep.Files != 1 || !slices.Equal(rep.Paths, []string{"LINK/a.md"}) || !hasFinding(rep, "LINK/a.md", "duplicate-heading") || len(rep.Errors) != 0 {
			t.Errorf("%s: files %d, paths %v, errors %+v", arg, rep.Files, rep.Paths, rep.Errors)
		}
	}
	rep := runPaths(t, repo, engine.Options{}, repo)
	if !slices.Equal(rep.Paths, []string{"docs/a.md"}) {
		t.Errorf("walking the repository: paths %v (a directory link was followed)", rep.Paths)
	}
}

// TestArgumentWithoutMarkdown: a directory argument that yields no file
// is an error, not a clean run; an explicitly named file that the ignore
// globs match is skipped and reported through Options.Ignored.
func TestArgumentWithoutMarkdown(t *testing.T) {
	t.Parallel()
	repo, _ := repoDir(t)
	write(t, filepath.Join(repo, "docs", "a.md"), []byte(dupBody))
	write(t, filepath.Join(repo, "drafts", "b.md"), []byte(dupBody))
	write(t, filepath.Join(repo, "drafts", "c.md"), []byte(dupBody))
	write(t, filepath.Join(repo, "assets", "logo.txt"), []byte("x"))
	write(t, filepath.Join(repo, "deps", "node_modules", "x.md"), []byte(dupBody))
	if err := os.Mkdir(filepath.Join(repo, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(filepath.Join(repo, ".medlint.yml"), repo, []byte("ignore: [\"drafts/**\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		paths   []string
		files   int
		errors  map[string]string
		ignored []string
	}{
		{paths: []string{"empty"}, errors: map[string]string{"empty": "no Markdown files in empty (no .md, .markdown or .mdx file"}},
		{paths: []string{"assets"}, errors: map[string]string{"assets": "no Markdown files in assets"}},
		{paths: []string{"deps"}, errors: map[string]string{"deps": "no Markdown files in deps"}},
		{paths: []string{"drafts"}, errors: map[string]string{"drafts": "no Markdown files in drafts: its 2 Markdown files match the ignore globs"}},
		{paths: []string{"docs", "empty"}, files: 1, errors: map[string]string{"empty": "no Markdown files in empty"}},
		{paths: []string{"docs", "docs"}, files: 1},
		{paths: []string{"drafts/b.md"}, ignored: []string{"drafts/b.md"}},
		{paths: []string{"drafts/b.md", "docs/a.md"}, files: 1, ignored: []string{"drafts/b.md"}},
		{paths: nil},
	}
	for _, tt := range tests {
		var ignored []string
		var abs []string
		for _, p := range tt.paths {
			abs = append(abs, filepath.Join(repo, p))
		}
		rep := runPaths(t, repo, engine.Options{Config: cfg, Ignored: func(d string) { ignored = append(ignored, d) }}, abs...)
		if rep.Files != tt.files || len(rep.Errors) != len(tt.errors) || !slices.Equal(ignored, tt.ignored) {
			t.Errorf("%v: files %d, errors %+v, ignored %v; want %d, %v, %v", tt.paths, rep.Files, rep.Errors, ignored, tt.files, tt.errors, tt.ignored)
			continue
		}
		for path, want := range tt.errors {
			if got := errorFor(rep, path); !strings.HasPrefix(got, want) {
				t.Errorf("%v: error of %s %q, want it to start %q", tt.paths, path, got, want)
			}
		}
	}
}

// TestNonRegularFilesNeverBlock: a named pipe given as a path, a *.md link
// to one, a pipe called *.md met while walking, and a link to a device
// are each an error naming the file; v0.1.0 blocked forever opening the
// pipes. Standard input ("-") is still read.
func TestNonRegularFilesNeverBlock(t *testing.T) {
	t.Parallel()
	repo, _ := repoDir(t)
	write(t, filepath.Join(repo, "good.md"), []byte(dupBody))
	for _, p := range []string{"pipe", "walked/pipe.md"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(repo, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(repo, p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link(t, "pipe", filepath.Join(repo, "to-pipe.md"))
	link(t, "/dev/null", filepath.Join(repo, "null.md"))
	link(t, "/dev/stdin", filepath.Join(repo, "stdin.md"))
	// errors maps paths to the start of their error ("": any error).
	tests := []struct {
		name   string
		paths  []string
		errors map[string]string
	}{
		{name: "pipe argument", paths: []string{"pipe"}, errors: map[string]string{"pipe": "not a regular file (a named pipe): not read"}},
		{name: "link to a pipe", paths: []string{"to-pipe.md"}, errors: map[string]string{"to-pipe.md": "not a regular file (a named pipe)"}},
		{name: "walk", paths: []string{"."}, errors: map[string]string{
			"to-pipe.md":     "not a regular file (a named pipe)",
			"walked/pipe.md": "not a regular file (a named pipe)",
			"null.md":        "not a regular file (a character device)",
			"stdin.md":       "", // whatever the test's standard input is, an error
		}},
		{name: "device through a link", paths: []string{"null.md"}, errors: map[string]string{"null.md": "not a regular file (a character device)"}},
		{name: "device", paths: []string{"/dev/null"}, errors: map[string]string{"/dev/null": "not a regular file (a character device)"}},
		{name: "standard input by name", paths: []string{"/dev/stdin", "stdin.md"}, errors: map[string]string{"/dev/stdin": "", "stdin.md": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var abs []string
			for _, p := range tt.paths {
				if !filepath.IsAbs(p) {
					p = filepath.Join(repo, p)
				}
				abs = append(abs, p)
			}
			rep := runPaths(t, repo, engine.Options{}, abs...)
			if len(rep.Errors) != len(tt.errors) {
				t.Errorf("errors %+v, want %v", rep.Errors, tt.errors)
			}
			for path, want := range tt.errors {
				if got := errorFor(rep, path); got == "" || !strings.HasPrefix(got, want) {
					t.Errorf("error of %s %q, want it to start %q", path, got, want)
				}
				if !slices.Contains(rep.Paths, path) {
					t.Errorf("%s is not among the files %v", path, rep.Paths)
				}
			}
		})
	}
	rep := runPaths(t, repo, engine.Options{Stdin: strings.NewReader(dupBody)}, engine.StdinPath)
	if !hasFinding(rep, "<stdin>", "duplicate-heading") {
		t.Errorf("standard input not linted: %+v", rep)
	}
}

// TestExternalSymlinks: a link whose target lies outside the repository
// (or the working directory outside git) is not read unless
// FollowExternalSymlinks; the file's lines never reach the report.
func TestExternalSymlinks(t *testing.T) {
	t.Parallel()
	repo, secret := repoDir(t)
	write(t, filepath.Join(repo, "docs", "a.md"), []byte(dupBody))
	link(t, filepath.Join(secret, "credentials"), filepath.Join(repo, "notes.md"))
	link(t, "../secret/notes.md", filepath.Join(repo, "relative.md"))
	link(t, "docs/a.md", filepath.Join(repo, "inside.md"))
	link(t, "../secret", filepath.Join(repo, "secret-dir"))
	link(t, "../../secret/notes.md", filepath.Join(repo, "docs", "deep.md"))
	plain := filepath.Join(filepath.Dir(repo), "plain")
	write(t, filepath.Join(plain, "a.md"), []byte(dupBody))
	link(t, "../secret/notes.md", filepath.Join(plain, "out.md"))
	const refused = "a symbolic link to a file outside the repository: not read"
	tests := []struct {
		name     string
		workDir  string
		paths    []string
		follow   bool
		errors   map[string]string
		findings []string
	}{
		{name: "walk", workDir: repo, paths: []string{repo}, errors: map[string]string{
			"notes.md": refused, "relative.md": refused, "docs/deep.md": refused,
		}, findings: []string{"docs/a.md", "inside.md"}},
		{name: "file argument", workDir: repo, paths: []string{"notes.md", "relative.md", "inside.md"},
			errors: map[string]string{"notes.md": refused, "relative.md": refused}, findings: []string{"inside.md"}},
		{name: "file through a directory link", workDir: repo, paths: []string{"secret-dir/notes.md"},
			errors: map[string]string{"secret-dir/notes.md": refused}},
		{name: "directory argument", workDir: repo, paths: []string{"secret-dir"},
			errors: map[string]string{"secret-dir": "a symbolic link to a directory outside the repository: not read"}},
		{name: "followed", workDir: repo, paths: []string{"relative.md", "secret-dir"}, follow: true,
			findings: []string{"relative.md", "secret-dir/notes.md"}},
		{name: "outside git: the working directory", workDir: plain, paths: []string{plain},
			errors:   map[string]string{"out.md": "a symbolic link to a file outside the working directory: not read"},
			findings: []string{"a.md"}},
		{name: "a path named outside the tree is linted", workDir: repo, paths: []string{filepath.Join(secret, "notes.md")},
			findings: []string{filepath.ToSlash(filepath.Join(secret, "notes.md"))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var abs []string
			for _, p := range tt.paths {
				if !filepath.IsAbs(p) {
					p = filepath.Join(tt.workDir, p)
				}
				abs = append(abs, p)
			}
			rep := runPaths(t, tt.workDir, engine.Options{FollowExternalSymlinks: tt.follow, KeepLines: true}, abs...)
			if len(rep.Errors) != len(tt.errors) {
				t.Errorf("errors %+v, want %v", rep.Errors, tt.errors)
			}
			for path, want := range tt.errors {
				if got := errorFor(rep, path); !strings.HasPrefix(got, want) {
					t.Errorf("error of %s %q, want it to start %q", path, got, want)
				}
			}
			var got []string
			for _, f := range rep.Findings {
				if f.Rule == "duplicate-heading" {
					got = append(got, f.Path)
				}
				if !tt.follow && strings.Contains(strings.Join(f.Lines, "\n"), "hunter2") && !slices.Contains(tt.findings, f.Path) {
					t.Errorf("%s: the secret's lines are in the report", f.Path)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.findings) {
				t.Errorf("findings in %v, want %v", got, tt.findings)
			}
		})
	}
}

// TestUnreadableArgumentsAreCounted: a path argument that cannot be read
// is among the report's files, with its error (v0.1.0 left a missing path
// out of the count and of Paths).
func TestUnreadableArgumentsAreCounted(t *testing.T) {
	t.Parallel()
	repo, _ := repoDir(t)
	write(t, filepath.Join(repo, "a.md"), []byte(dupBody))
	link(t, "gone.md", filepath.Join(repo, "dangling.md"))
	rep := runPaths(t, repo, engine.Options{}, filepath.Join(repo, "a.md"), filepath.Join(repo, "missing.md"), filepath.Join(repo, "dangling.md"))
	if rep.Files != 3 || !slices.Equal(rep.Paths, []string{"a.md", "dangling.md", "missing.md"}) {
		t.Errorf("files %d, paths %v; want 3 with the unreadable ones", rep.Files, rep.Paths)
	}
	for _, p := range []string{"missing.md", "dangling.md"} {
		if !strings.Contains(errorFor(rep, p), "no such file") {
			t.Errorf("%s: error %q", p, errorFor(rep, p))
		}
	}
}

// TestUTF16WithoutBOM: UTF-16 text without a byte order mark is named as
// such, with the way out, instead of being called binary.
func TestUTF16WithoutBOM(t *testing.T) {
	t.Parallel()
	utf16 := func(s string, bigEndian bool) []byte {
		var out []byte
		for _, r := range s {
			lo, hi := byte(r), byte(r>>8)
			if bigEndian {
				out = append(out, hi, lo)
			} else {
				out = append(out, lo, hi)
			}
		}
		return out
	}
	text := "# Flu\n\n## Causes\n\nViruses — and ünïcödé.\n"
	tests := []struct {
		name string
		src  []byte
		err  string // prefix; "" for none
	}{
		{"UTF-16LE", utf16(text, false), "looks like UTF-16LE text without a byte order mark: not linted; save it as UTF-8"},
		{"UTF-16BE", utf16(text, true), "looks like UTF-16BE text without a byte order mark: not linted; save it as UTF-8"},
		{"UTF-16LE with BOM", append([]byte{0xFF, 0xFE}, utf16(text, false)...), ""},
		{"UTF-16BE with BOM", append([]byte{0xFE, 0xFF}, utf16(text, true)...), ""},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "not a text file"},
		{"UTF-8 with a stray NUL", []byte("• a\x00b\n"), "not a text file"},
		{"a NUL code unit", []byte("a\x00\x00\x00\n\x00"), "not a text file"},
		{"CJK with U+XX00 code units", utf16("# 一\n\n一二三 four.\n", false), "looks like UTF-16LE text without a byte order mark"},
		{"odd length", append(utf16(text, false), 'x'), "not a text file"},
		{"control characters", utf16("#\x01 T\n", false), "not a text file"},
		{"lone surrogate", append(utf16("# T\n", false), 0x00, 0xD8), "not a text file"},
		{"UTF-8", []byte(text), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			write(t, filepath.Join(dir, "a.md"), tt.src)
			for _, rep := range []*result.Report{
				runPaths(t, dir, engine.Options{}, filepath.Join(dir, "a.md")),
				runPaths(t, dir, engine.Options{Stdin: strings.NewReader(string(tt.src)), StdinFilename: "a.md"}, engine.StdinPath),
			} {
				got := errorFor(rep, "a.md")
				if tt.err == "" && got != "" || !strings.HasPrefix(got, tt.err) {
					t.Errorf("error %q, want %q", got, tt.err)
				}
			}
		})
	}
}
