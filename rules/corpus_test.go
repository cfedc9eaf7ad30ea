package rules

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/testsupport"
)

// corpusDocs parses the shared health and seed corpora (see testsupport
// for when they are absent): real text for checking that a prefilter never
// skips a block its patterns would match.
func corpusDocs(t *testing.T) []*document.Document {
	t.Helper()
	var docs []*document.Document
	for _, dir := range []string{testsupport.Shared(t, "corpus", "health"), testsupport.Shared(t, "corpus", "seed")} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if doc, err := document.Parse(p, src); err == nil {
				docs = append(docs, doc)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(docs) == 0 {
		t.Fatal("no Markdown files in ../shared/corpus")
	}
	return docs
}
