package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
)

// TestCommonMarkSpecAndHealthCorpus feeds every CommonMark spec example
// and every real page of the health corpus through every rule (the race
// detector is on in CI): no panic, valid positions, deterministic output.
func TestCommonMarkSpecAndHealthCorpus(t *testing.T) {
	t.Parallel()
	active, err := config.Default(".").Resolve("article.md")
	if err != nil {
		t.Fatal(err)
	}
	type input struct {
		name string
		src  []byte
	}
	var inputs []input
	for _, e := range testsupport.CommonMarkExamples(t) {
		inputs = append(inputs, input{fmt.Sprintf("spec example %d", e.Example), []byte(e.Markdown)})
	}
	err = filepath.WalkDir(testsupport.Shared(t, "corpus", "health"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && engine.IsMarkdown(p) {
			src, err := os.ReadFile(p)
			inputs = append(inputs, input{p, src})
			return err
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		fr := engine.Lint("article.md", in.src, active, ruletest.Now)
		if err := ruletest.CheckPositions(in.src, fr); err != nil {
			t.Errorf("%s: %v", in.name, err)
		}
		if again := engine.Lint("article.md", in.src, active, ruletest.Now); !reflect.DeepEqual(fr.Findings, again.Findings) {
			t.Errorf("%s: findings differ between two runs", in.name)
		}
	}
	t.Logf("checked %d inputs", len(inputs))
}
