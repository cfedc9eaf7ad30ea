package rules

import (
	"strings"

	"github.com/medlint/medlint/internal/document"
)

// IsPartial reports whether doc looks like a fragment included into pages
// rather than a page of its own: it has neither a level-1 heading nor a
// front-matter title. Page-level requirements (a disclaimer, a review
// date) belong to the page that includes a partial, not to the partial.
func IsPartial(doc *document.Document) bool {
	if f := doc.FrontMatter.Get("title"); f != nil && strings.TrimSpace(f.Value) != "" {
		return false
	}
	for _, h := range doc.Headings {
		if h.Level == 1 {
			return false
		}
	}
	return true
}
