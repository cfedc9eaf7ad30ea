package claim_test

import (
	"testing"

	"github.com/medlint/medlint/internal/bench"
	"github.com/medlint/medlint/internal/claim"
	"github.com/medlint/medlint/internal/document"
)

// BenchmarkFind scores every sentence of the paragraphs of a generated
// 1 MB article, as uncited-claim does (after claim.MayHold).
func BenchmarkFind(b *testing.B) {
	doc, err := document.Parse("a.md", bench.Article(42, 1<<20))
	if err != nil {
		b.Fatal(err)
	}
	var sentences []string
	size := 0
	for _, blk := range doc.Blocks {
		if blk.Kind != document.BlockParagraph || !claim.MayHold(blk.Text) {
			continue
		}
		for _, s := range doc.Sentences(blk) {
			sentences = append(sentences, s.Text)
			size += len(s.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sentences {
			claim.Find(s)
		}
	}
}
