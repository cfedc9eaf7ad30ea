package fix_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
)

// filesOpts are the engine options of a fix.Files run over paths in dir
// with the rules only alone.
func filesOpts(t *testing.T, dir string, only []string, paths ...string) engine.Options {
	t.Helper()
	cfg := config.Default(dir)
	if err := cfg.Select(only, nil, nil); err != nil {
		t.Fatal(err)
	}
	return engine.Options{Paths: paths, Config: cfg, Now: ruletest.Now, WorkDir: dir}
}

func writeText(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readText(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func displays(files []fix.Fixed) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Display)
	}
	return out
}

// TestFilesWriteAndDryRun: Files fixes every file the options name, from
// several workers, and returns them sorted by display path with the text
// before and after; DryRun writes nothing, Write writes the changed files
// and leaves the others untouched. The report holds what remains.
func TestFilesWriteAndDryRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var want []string
	for i := range 12 {
		name := fmt.Sprintf("d%d/a%02d.md", i%3, i)
		text := "# A\n\n- fine\n"
		if i%2 == 0 {
			text = "# A\n\n• one\n• ping\n"
		}
		writeText(t, dir, name, text)
		want = append(want, name)
	}
	slices.Sort(want)
	only := []string{"test-fake-bullet", "test-ping-pong"}
	for _, mode := range []fix.Mode{fix.DryRun, fix.Write} {
		opts := filesOpts(t, dir, only, dir)
		opts.Jobs = 4
		opts.KeepLines = true
		rep, files := fix.Files(opts, mode)
		if got := displays(files); !slices.Equal(got, want) {
			t.Fatalf("mode %v: fixed %v, want %v", mode, got, want)
		}
		if len(rep.Errors) != 0 || rep.Files != 12 {
			t.Errorf("mode %v: report %+v", mode, rep)
		}
		for _, f := range files {
			p := filepath.Join(dir, f.Display)
			if strings.Contains(string(f.Before), "•") != f.Result.Changed {
				t.Errorf("mode %v: %s: changed %v from %q", mode, f.Display, f.Result.Changed, f.Before)
			}
			wantOnDisk := string(f.Before)
			if mode == fix.Write {
				wantOnDisk = string(f.Result.Output)
			}
			if got := readText(t, p); got != wantOnDisk {
				t.Errorf("mode %v: %s holds %q, want %q", mode, f.Display, got, wantOnDisk)
			}
		}
		// What remains: the ping-pong findings of the changed files, in
		// the fixed text, with its lines (SARIF fingerprints them).
		fixedLine := map[string]string{}
		for _, f := range files {
			fixedLine[f.Display] = strings.Split(string(f.Result.Output), "\n")[3]
		}
		for _, fd := range rep.Findings {
			if fd.Rule != "test-ping-pong" || fd.Line != 4 {
				t.Errorf("mode %v: remaining %+v", mode, fd)
			}
			if len(fd.Lines) != 1 || fd.Lines[0] != fixedLine[fd.Path] {
				t.Errorf("mode %v: %s: kept lines %q, want the fixed line %q", mode, fd.Path, fd.Lines, fixedLine[fd.Path])
			}
		}
		if len(rep.Findings) != 6 {
			t.Errorf("mode %v: %d findings remain, want 6", mode, len(rep.Findings))
		}
	}
}

// TestFilesLinkAndTargetFixedOnce: a symbolic link and its target, both
// named, are fixed one after the other: the target is written once, the
// link stays a link, and the second path starts from what the first
// wrote (nothing left to fix).
func TestFilesLinkAndTargetFixedOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := writeText(t, dir, "real.md", "• one\n• two\n")
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		testsupport.Unavailable(t, "no symbolic links: %v", err)
	}
	opts := filesOpts(t, dir, []string{"test-fake-bullet", "test-append-note"}, link, target)
	opts.Jobs = 2
	rep, files := fix.Files(opts, fix.Write)
	if len(rep.Errors) != 0 || len(rep.Findings) != 0 {
		t.Fatalf("report %+v", rep)
	}
	if got := readText(t, target); got != "- one\n- two\n\nNot medical advice.\n" {
		t.Errorf("real.md = %q", got)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.md is no longer a link: %v", err)
	}
	total := 0
	for _, f := range files {
		total += f.Result.FixedTotal()
	}
	if len(files) != 2 || total != 3 {
		t.Errorf("fixed %v with %d fixes, want both paths and 3 fixes in all", displays(files), total)
	}
}

// TestFilesStdin: standard input is fixed, never written; its fixed text
// is returned.
func TestFilesStdin(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	opts := filesOpts(t, dir, []string{"test-fake-bullet"}, engine.StdinPath)
	opts.Stdin, opts.StdinFilename = strings.NewReader("• one\r\n"), "new.md"
	rep, files := fix.Files(opts, fix.Write)
	if len(files) != 1 || files[0].Path != engine.StdinPath || files[0].Display != "new.md" || string(files[0].Result.Output) != "- one\r\n" {
		t.Fatalf("fixed %+v", files)
	}
	if len(rep.Errors) != 0 || rep.Files != 1 {
		t.Errorf("report %+v", rep)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
}

// TestFilesErrors: a file that cannot be read, parsed or written gets its
// error in the report and is not among the files fixed; an unwritten
// file's findings are those of its text as it is.
func TestFilesErrors(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	repo, outside := filepath.Join(base, "repo"), filepath.Join(base, "outside")
	writeText(t, repo, "bin.md", "• a\x00b\n")
	writeText(t, outside, "target.md", "• one\n")
	if err := os.Symlink(filepath.Join(outside, "target.md"), filepath.Join(repo, "out.md")); err != nil {
		testsupport.Unavailable(t, "no symbolic links: %v", err)
	}
	opts := filesOpts(t, repo, []string{"test-fake-bullet"}, repo)
	opts.FollowExternalSymlinks = true // read it, but write nothing outside the tree
	rep, files := fix.Files(opts, fix.Write)
	if len(files) != 0 {
		t.Errorf("fixed %v", displays(files))
	}
	byPath := map[string]result.FileError{}
	for _, e := range rep.Errors {
		byPath[e.Path] = e
	}
	if e := byPath["bin.md"]; !strings.Contains(e.Message, "not a text file") || strings.Contains(e.Message, "fixing") {
		t.Errorf("bin.md: %+v", e)
	}
	if e := byPath["out.md"]; !strings.HasPrefix(e.Message, "fixes not written: its real path is outside the tree being fixed") {
		t.Errorf("out.md: %+v", e)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Path != "out.md" || !rep.Findings[0].Fixable {
		t.Errorf("findings %+v, want out.md's unfixed one", rep.Findings)
	}
	if got := readText(t, filepath.Join(outside, "target.md")); got != "• one\n" {
		t.Errorf("the file outside the tree was written: %q", got)
	}
}
