package engine_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/ruletest"
)

// FuzzLint runs every registered rule with its defaults over random input:
// no rule may panic (a recovered panic is an internal error entry, which
// fails here), every finding must lie inside the file, fixes must stay
// inside it too, and two runs must agree.
func FuzzLint(f *testing.F) {
	_ = filepath.WalkDir("../../testdata", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && engine.IsMarkdown(path) {
			if data, err := os.ReadFile(path); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	f.Add([]byte("---\nlast_reviewed: 2020-01-01\n---\n# A\n\n## A\n\n- a\n* b\n"))
	active, err := config.Default(".").Resolve("fuzz.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		a := engine.Lint("fuzz.md", src, active, ruletest.Now)
		if err := ruletest.CheckPositions(src, a); err != nil {
			t.Fatal(err)
		}
		b := engine.Lint("fuzz.md", src, active, ruletest.Now)
		if !reflect.DeepEqual(a.Findings, b.Findings) {
			t.Fatalf("non-deterministic findings")
		}
	})
}
