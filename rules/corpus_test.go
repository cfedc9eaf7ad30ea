package rules

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
)

// corpusDocs parses the shared health and seed corpora (skipping the test
// when they are absent): real text for checking that a prefilter never
// skips a block its patterns would match.
func corpusDocs(t *testing.T) []*document.Document {
	t.Helper()
	var docs []*document.Document
	for _, dir := range []string{"../../shared/corpus/health", "../../shared/corpus/seed"} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
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
	}
	if len(docs) == 0 {
		t.Skip("../shared/corpus not found beside the repository")
	}
	return docs
}
