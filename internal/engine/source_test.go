package engine_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/testsupport"
)

// TestLintSourceIsRun: LintSource gives, for a file's bytes, what Run
// gives for the file, with the configuration `medlint check` finds for
// it: the clinic's custom rules (one limited by a files glob, which
// directives may still name), the examples and the seed article.
func TestLintSourceIsRun(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	paths := []string{testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md")}
	for _, dir := range []string{"../../testdata/config", "../../testdata/examples"} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && engine.IsMarkdown(p) {
				paths = append(paths, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range paths {
		cfg := config.Default(filepath.Dir(p))
		if found, err := config.Find(filepath.Dir(p)); err != nil {
			t.Fatal(err)
		} else if found != "" {
			if cfg, err = config.Load(found); err != nil {
				t.Fatal(err)
			}
		}
		rep := engine.Run(engine.Options{Paths: []string{p}, Config: cfg, Now: now, Jobs: 1, WorkDir: filepath.Dir(p)})
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel := cfg.Rel(p)
		active, err := cfg.Resolve(rel)
		if err != nil {
			t.Fatal(err)
		}
		fr := engine.LintSource(rep.Paths[0], rel, src, cfg, active, now, engine.SourceOptions{})
		if !reflect.DeepEqual(strip(fr.Findings), strip(rep.Findings)) || len(fr.Errors) != len(rep.Errors) {
			t.Errorf("%s: LintSource gives %d findings and %v, Run %d and %v", p, len(fr.Findings), fr.Errors, len(rep.Findings), rep.Errors)
		}
	}
}

// strip keeps what a report shows of findings.
func strip(fs []result.Finding) []result.Finding {
	out := make([]result.Finding, len(fs))
	for i, f := range fs {
		f.Fix = nil
		out[i] = f
	}
	return out
}
