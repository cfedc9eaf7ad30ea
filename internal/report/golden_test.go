package report_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/version"
)

var update = flag.Bool("update", false, "rewrite internal/report/testdata/*.golden from the current output")

// goldenVersion replaces the real version in golden outputs, so that a
// release does not change them.
const goldenVersion = "0.0.0-golden"

func TestMain(m *testing.M) {
	version.Version = goldenVersion
	os.Exit(m.Run())
}

// goldenRules are the rules of the golden run, sorted.
var goldenRules = []string{"directive", "duplicate-heading"}

// goldenNow is the fixed --now of the golden run.
var goldenNow = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// goldenRun lints testdata/input (with its .medlint.yml) the way
// `medlint check` run in that directory would, keeping the flagged lines.
func goldenRun(t *testing.T) (*result.Report, report.Options) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "input"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(dir, ".medlint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	// Pin the rules, so that rules added later change neither the findings
	// nor the SARIF rule list of the golden files.
	if err := cfg.Select(goldenRules, nil, nil); err != nil {
		t.Fatal(err)
	}
	var pinned []lint.Rule
	for _, id := range goldenRules {
		r, ok := lint.Lookup(id)
		if !ok {
			t.Fatalf("rule %s is not registered", id)
		}
		pinned = append(pinned, r)
	}
	rep := engine.Run(engine.Options{Paths: []string{dir}, Config: cfg, Now: goldenNow, Jobs: 1, WorkDir: dir, KeepLines: true})
	return rep, report.Options{WorkDir: dir, RepoRoot: root, Rules: pinned}
}

// render formats rep with the named format.
func render(t *testing.T, name string, rep *result.Report, opts report.Options) []byte {
	t.Helper()
	f, err := report.New(name, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, rep); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return buf.Bytes()
}

// TestGolden renders the same run in every format and compares each with
// testdata/NAME.golden; go test ./internal/report -run Golden -update
// rewrites them (review the diff).
func TestGolden(t *testing.T) {
	rep, opts := goldenRun(t)
	if len(rep.Findings) != 5 || len(rep.Paths) != 4 {
		t.Fatalf("golden testdata changed: %d findings in %d files, want 5 in 4", len(rep.Findings), len(rep.Paths))
	}
	for _, name := range report.Names() {
		t.Run(name, func(t *testing.T) {
			got := render(t, name, rep, opts)
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (run with -update and review the diff):\n%s", name, path, firstDiff(string(want), string(got)))
			}
			// Deterministic: a second rendering is identical.
			if again := render(t, name, rep, opts); !bytes.Equal(got, again) {
				t.Errorf("%s output is not deterministic", name)
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(no line differs)"
}
