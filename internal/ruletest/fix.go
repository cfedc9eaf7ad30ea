package ruletest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/diff"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
)

// This file is the golden harness of the fixer: each rule with fixes keeps
// testdata/fix/RULE/*.md and the expected text after --fix in
// FILE.md.golden.

// UpdateEnv names the environment variable that, set to 1, makes FixGolden
// write the .md.golden files from the current fixes instead of comparing.
const UpdateEnv = "MEDLINT_UPDATE_GOLDEN"

// FixGolden checks the fixes of rule id as `medlint check --fix` makes them:
// every root/id/**/*.md is copied to a temporary directory, fixed with only
// that rule (and the nearest .medlint.yml under root/id as the config, if
// any), and compared byte for byte with its FILE.md.golden. Each file is
// also fixed as CRLF and with a byte order mark (the golden converted the
// same way), and a second --fix must change nothing. id may also name a
// custom rule (custom-rules: in .medlint.yml) that root/id/.medlint.yml
// defines. The test fails when no rule id exists: a folder named after a
// misspelt, renamed or removed rule tests nothing.
func FixGolden(t *testing.T, root, id string) {
	t.Helper()
	dir := filepath.Join(root, id)
	requireRule(t, dir, id)
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && engine.IsMarkdown(path) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", dir, err)
	}
	if len(files) == 0 {
		t.Fatalf("no .md files under %s", dir)
	}
	update := os.Getenv(UpdateEnv) == "1"
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			cfg := nearestConfig(dir, path)
			if update {
				got := runFix(t, id, cfg, filepath.Base(path), src)
				if err := os.WriteFile(path+".golden", got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path + ".golden")
			if err != nil {
				t.Fatalf("%v (create it with %s=1 and review it)", err, UpdateEnv)
			}
			variants := []struct {
				name      string
				transform func([]byte) []byte
			}{
				{"as written", func(b []byte) []byte { return b }},
				{"CRLF", toCRLF},
				{"BOM", func(b []byte) []byte { return append([]byte("\uFEFF"), b...) }},
			}
			for _, v := range variants {
				if v.name == "CRLF" && bytes.Contains(src, []byte("\r")) {
					continue // already CRLF or mixed: as written covers it
				}
				got := runFix(t, id, cfg, filepath.Base(path), v.transform(src))
				if w := v.transform(want); !bytes.Equal(got, w) {
					t.Errorf("%s (%s): fixed text differs from %s.golden:\n%s", path, v.name, filepath.Base(path),
						diff.Unified("want", "got", string(w), string(got), 2))
				}
			}
		})
	}
}

func toCRLF(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
}

// nearestConfig returns the .medlint.yml closest to path, not above dir.
func nearestConfig(dir, path string) string {
	d := filepath.Dir(path)
	for {
		for _, name := range config.FileNames {
			p := filepath.Join(d, name)
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		if d == dir || d == filepath.Dir(d) {
			return ""
		}
		d = filepath.Dir(d)
	}
}

// requireRule fails t unless id is a built-in rule or a custom rule that
// the config file in dir defines.
func requireRule(t testing.TB, dir, id string) {
	t.Helper()
	if _, ok := lint.Lookup(id); !ok && !definesRule(t, dir, id) {
		t.Fatalf("%s: no rule %q: neither a built-in rule nor a custom rule of %s/.medlint.yml (a folder of fix golden tests is named after its rule)", dir, id, dir)
	}
}

// definesRule reports whether the config file in dir defines the custom
// rule id.
func definesRule(t testing.TB, dir, id string) bool {
	t.Helper()
	for _, name := range config.FileNames {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		cfg, err := config.Load(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		_, ok := cfg.Lookup(id)
		return ok
	}
	return false
}

// runFix writes src to a temporary file called name, runs check --fix on
// it twice and returns the fixed text; the second run must change nothing.
func runFix(t *testing.T, id, cfg, name string, src []byte) []byte {
	t.Helper()
	got := fixOnce(t, id, cfg, name, src)
	if again := fixOnce(t, id, cfg, name, got); !bytes.Equal(got, again) {
		t.Errorf("a second --fix changed the text again (fixes are not idempotent):\n%s",
			diff.Unified("first", "second", string(got), string(again), 2))
	}
	return got
}

// fixOnce fixes src, as file name of a temporary directory, with rule id
// alone and the configuration file cfg ("" for the defaults), as
// medlint check --fix --only id does (fix.Files, but without writing): the
// engine reads the file and resolves its rules and page facts, the fixer
// applies their fixes pass after pass. Any error of the file (an invalid
// fix, a rule's internal error, a file the fixer cannot read or parse, or
// refuses to fix) fails t.
func fixOnce(t testing.TB, id, cfgPath, name string, src []byte) []byte {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default(dir)
	if cfgPath != "" {
		var err error
		if cfg, err = config.Load(cfgPath); err != nil {
			t.Fatal(err)
		}
	}
	if err := cfg.Select([]string{id}, nil, nil); err != nil {
		t.Fatal(err)
	}
	rep, fixed := fix.Files(engine.Options{Paths: []string{file}, Config: cfg, Now: Now, Jobs: 1, WorkDir: dir}, fix.DryRun)
	for _, e := range rep.Errors {
		t.Errorf("%s:%d: %s", e.Path, e.Line, e.Message)
	}
	if len(fixed) != 1 {
		t.Fatalf("%s: the fixer fixed %d files, want 1", name, len(fixed))
	}
	out := fixed[0].Result.Output
	return out
}
