package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/medlint/medlint/internal/testsupport/corpusdocs"
)

// TestMayHoldIDIsSound checks the byte-level gate of citation-quality:
// a text that any identifier pattern matches, or whose link destination
// names an identifier, passes mayHoldID.
func TestMayHoldIDIsSound(t *testing.T) {
	t.Parallel()
	check := func(text string) {
		for i := range idSet().Len() {
			if idSet().Regexp(i).MatchString(text) && !mayHoldID(text) {
				t.Errorf("pattern %d matches %q, which the gate shuts out", i, text)
			}
		}
		if _, ok := linkID(text); ok && !mayHoldID(text) {
			t.Errorf("linkID reads %q, which the gate shuts out", text)
		}
	}
	for _, s := range []string{"doi:10.1/x", "DOI 10.1000/x", "Doi：10.1/x", "PMID: 1", "PubMed ID: 3", "see 10.1234/abc",
		"https://DOI.org/10.1/x", "https://pubmed.ncbi.nlm.nih.gov/123/", "doi 1O.1/x", "HTTPS://DX.DOI.ORG/10.1/X", "pmid"} {
		if !mayHoldID(s) {
			t.Errorf("the gate shuts out %q", s)
		}
		check(s)
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*.md"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(string(b))
	}
	for _, doc := range corpusdocs.Health(t) {
		for _, b := range doc.Blocks {
			check(b.Text)
			for _, l := range b.Links {
				check(l.Destination)
			}
		}
	}
}
