package lsp

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/testsupport"
)

// TestMemoIsInvisible: a buffer's lints share a memo (document.texts) so
// that a re-lint recomputes only what an edit changed; after every edit of
// a sequence (typing, deleting, pasting a paragraph, retitling the page),
// the findings are exactly those of a lint without it, on the seed
// article, a generated 10,000-word article and every labelled page.
func TestMemoIsInvisible(t *testing.T) {
	t.Parallel()
	texts := map[string]string{"seed": seedArticle(t), "10k": article10k(t)}
	cases := testsupport.Shared(t, "corpus", "labelled", "cases")
	paths, err := filepath.Glob(filepath.Join(cases, "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no labelled pages in %s: %v", cases, err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(p)] = string(data)
	}
	now, _ := time.Parse(time.DateOnly, testNow)
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cfgs := newConfigs(dir)
			d := newDocument(pathToURI(filepath.Join(dir, "a.md")), 1, text)
			rng := rand.New(rand.NewPCG(uint64(len(text)), 7))
			for step := range 12 {
				if step > 0 {
					d = d.withChanges(d.version+1, []TextDocumentContentChangeEvent{memoEdit(rng, d)}, encUTF16)
				}
				dc := cfgs.forDocument(d)
				got := lintDocument(d, dc, now)
				want := engine.LintSource(dc.rel, dc.rel, []byte(d.text), dc.cfg, dc.active, now, engine.SourceOptions{})
				if !reflect.DeepEqual(got.findings, want.Findings) || !reflect.DeepEqual(got.errors, want.Errors) {
					t.Fatalf("step %d: with the memo %d findings, without %d:\n%v\n%v", step, len(got.findings), len(want.Findings), got.findings, want.Findings)
				}
			}
		})
	}
}

// memoEdit returns a random edit of d: a word typed, a line deleted, a
// paragraph pasted elsewhere, a claim typed, or the title replaced.
func memoEdit(rng *rand.Rand, d *document) TextDocumentContentChangeEvent {
	lines := strings.Split(d.text, "\n")
	line := uint32(rng.IntN(len(lines)))
	at := Position{Line: line}
	switch rng.IntN(5) {
	case 0:
		return TextDocumentContentChangeEvent{Range: &Range{Start: at, End: at}, Text: "clinically proven "}
	case 1:
		return TextDocumentContentChangeEvent{Range: &Range{Start: at, End: Position{Line: line + 1}}, Text: ""}
	case 2:
		from := lines[rng.IntN(len(lines))]
		return TextDocumentContentChangeEvent{Range: &Range{Start: at, End: at}, Text: from + "\n"}
	case 3:
		return TextDocumentContentChangeEvent{Range: &Range{Start: at, End: at}, Text: "\nStudies show that 45% of adults sleep better with magnesium.\n\n"}
	default:
		return TextDocumentContentChangeEvent{Range: &Range{Start: Position{}, End: Position{Line: 1}}, Text: "# Ashwagandha and cortisol: what the evidence says\n"}
	}
}
