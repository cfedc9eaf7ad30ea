// Package corpusdocs parses the shared corpora for tests that check a
// prefilter or a rule against real text. It is apart from testsupport,
// which the document package's own tests use, so that it may parse
// documents.
package corpusdocs

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/testsupport"
)

// Health returns the parsed Markdown files of the shared health and seed
// corpora (see testsupport.Shared for when they are absent), parsed once
// per test binary: real text for checking that a prefilter never skips a
// block its patterns would match. Files that do not parse are left out.
func Health(t testing.TB) []*document.Document {
	t.Helper()
	dirs := []string{testsupport.Shared(t, "corpus", "health"), testsupport.Shared(t, "corpus", "seed")}
	once.Do(func() { docs, err = parseAll(dirs) })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no Markdown files in the shared corpora")
	}
	return docs
}

var (
	once sync.Once
	docs []*document.Document
	err  error
)

func parseAll(dirs []string) ([]*document.Document, error) {
	var out []*document.Document
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if doc, err := document.Parse(p, src); err == nil {
				out = append(out, doc)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
