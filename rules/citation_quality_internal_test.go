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
	forGateTexts(t, check, true)
}

// forGateTexts calls check on every golden article of the rules and on
// every block of the health corpus (and, with links, every link
// destination): the texts a byte-level gate must never shut out wrongly.
func forGateTexts(t *testing.T, check func(string), links bool) {
	t.Helper()
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
			for _, l := range b.Links() {
				if links {
					check(l.Destination)
				}
			}
		}
	}
}

// citSaysNoticeUngated is citSaysNotice without the citMayNotice gate.
func citSaysNoticeUngated(text string) citSaid {
	text = citIdentifierRe.ReplaceAllString(text, " ")
	return citSaid{retracted: citRetractedRe.MatchString(text), concern: citConcernRe.MatchString(text)}
}

// TestCitMayNoticeIsSound checks citSaysNotice's gate: whatever the
// notice patterns find without it, they find with it.
func TestCitMayNoticeIsSound(t *testing.T) {
	t.Parallel()
	check := func(text string) {
		if got, want := citSaysNotice(text), citSaysNoticeUngated(text); got != want {
			t.Errorf("citSaysNotice(%q) = %+v, want %+v", text, got, want)
		}
	}
	for _, s := range []string{"RETRACTED: Ileal-lymphoid-nodular hyperplasia", "was Retracted in 2010", "(WithDrawn)",
		"an Expression of Concern", "EXPRESSIONS\tOF  CONCERN", "expression doi:10.1/x of concern", "10.5555/retracted.2019.001",
		"https://example.org/retraction", "retraction_watch", "retract", "concerned", "nothing here", ""} {
		check(s)
	}
	forGateTexts(t, check, false)
}

// FuzzCitMayNotice checks citSaysNotice's gate on any text.
func FuzzCitMayNotice(f *testing.F) {
	for _, s := range []string{"RETRACTED: x", "expression doi:1 of concern", "Withdrawn", "retraction_watch"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := citSaysNotice(text), citSaysNoticeUngated(text); got != want {
			t.Errorf("citSaysNotice(%q) = %+v, want %+v", text, got, want)
		}
	})
}
