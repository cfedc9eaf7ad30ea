package engine_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/ruletest"
)

// planDir holds files that lint, one that does not parse (binary), one
// over max-file-size, which is not read, and one that an override gives
// other rules.
func planDir(t *testing.T) (string, *config.Config) {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), []byte("# A\n\n## S\n\n## S\n"))
	write(t, filepath.Join(dir, "sub", "b.md"), []byte("# B\n\nBuy now! Click here!\n\n## T\n\n## T\n"))
	write(t, filepath.Join(dir, "bin.md"), []byte("# Bin\x00\n"))
	write(t, filepath.Join(dir, "big.md"), []byte(strings.Repeat("text ", 300)))
	cfg, err := config.Parse(".medlint.yml", dir, []byte("max-file-size: 1KB\noverrides:\n  - files: [\"sub/**\"]\n    rules:\n      duplicate-heading: off\n"))
	if err != nil {
		t.Fatal(err)
	}
	return dir, cfg
}

// TestPlanCarriedOutByTheCaller: a Plan whose files a caller reads, lints
// and hands back itself, from several goroutines, in any order, gives
// Run's report (errors of unreadable files, kinds, rules that ran, paths,
// the order), and calls Progress once per file.
func TestPlanCarriedOutByTheCaller(t *testing.T) {
	t.Parallel()
	dir, cfg := planDir(t)
	want := engine.Run(engine.Options{Paths: []string{dir}, Config: cfg, Now: ruletest.Now, WorkDir: dir, Jobs: 1})
	if len(want.Errors) != 2 || len(want.Findings) == 0 || len(want.Kinds) != 2 {
		t.Fatalf("the test corpus does not cover what it should: %+v", want)
	}
	var mu sync.Mutex
	var progress []int
	p := engine.NewPlan(engine.Options{Paths: []string{dir}, Config: cfg, Now: ruletest.Now, WorkDir: dir, Jobs: 3,
		Progress: func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			progress = append(progress, done)
			if total != 4 {
				t.Errorf("Progress total %d, want 4", total)
			}
		}})
	if p.Len() != 4 || p.Workers() != 3 {
		t.Fatalf("Len %d, Workers %d; want 4 and 3", p.Len(), p.Workers())
	}
	var wg sync.WaitGroup
	for i := p.Len() - 1; i >= 0; i-- {
		wg.Go(func() {
			f, err := p.Read(i)
			if err != nil {
				if f.Active != nil || f.Source != nil || f.Display == "" {
					t.Errorf("Read(%d) failed (%v) but returned %+v", i, err, f)
				}
				p.Done(i, f, engine.Failed(f, err))
				return
			}
			if f.Now != ruletest.Now || f.Limits != cfg.Limits || len(f.Active) == 0 || f.Root == "" {
				t.Errorf("Read(%d) = %+v: not the file's settings", i, f)
			}
			p.Done(i, f, p.Lint(f))
		})
	}
	wg.Wait()
	got := p.Report()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the plan's report differs from Run's:\n got %+v\nwant %+v", got, want)
	}
	if len(progress) != 4 || progress[3] != 4 {
		t.Errorf("Progress called with %v, want 1..4", progress)
	}
}

// TestPlanReadErrors: Read's error is the file's report line, as Run
// gives it, and a file that cannot be read adds no rule to the report.
func TestPlanReadErrors(t *testing.T) {
	t.Parallel()
	dir, cfg := planDir(t)
	p := engine.NewPlan(engine.Options{Paths: []string{filepath.Join(dir, "big.md")}, Config: cfg, Now: ruletest.Now, WorkDir: dir})
	f, err := p.Read(0)
	if err == nil || f.Display != "big.md" {
		t.Fatalf("Read = %+v, %v; want big.md's error", f, err)
	}
	p.Done(0, f, engine.Failed(f, err))
	rep := p.Report()
	if want := []result.FileError{{Path: "big.md", Message: err.Error()}}; !reflect.DeepEqual(rep.Errors, want) || rep.Rules != nil {
		t.Errorf("errors %+v, rules %v; want %+v and none", rep.Errors, rep.Rules, want)
	}
	if run := engine.Run(engine.Options{Paths: []string{filepath.Join(dir, "big.md")}, Config: cfg, Now: ruletest.Now, WorkDir: dir}); !reflect.DeepEqual(run, rep) {
		t.Errorf("Run's report %+v differs", run)
	}
}
