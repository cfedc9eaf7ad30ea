package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/readability"
)

// TestReadingLevelReadsOnlyProse checks what the golden not-read.md hides
// from the grade: every word the rule grades comes from its plain
// paragraphs, none from its front matter, headings, image alt text, HTML
// comments and blocks, code, link destinations, URLs, e-mail addresses,
// table, footnote definition, reference section, navigation list (items
// that are only a link) or disclaimer.
func TestReadingLevelReadsOnlyProse(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../testdata/rules/reading-level/not-read.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Parse("not-read.md", src)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, s := range readingSentences(doc, newReadingSubject(doc)) {
		readability.Words(s.s.Text, func(w readability.Word) { words = append(words, s.s.Text[w.Start:w.End]) })
	}
	got := " " + strings.Join(words, " ") + " "
	for _, want := range []string{" Dry skin is common ", " Use a thick cream ", " Use only if a doctor ", " Read more in our guide or at or write to ", " A pharmacist can also help ", " Your skin keeps water in "} {
		if !strings.Contains(got, want) {
			t.Errorf("graded words lack %q:\n%s", want, got)
		}
	}
	for _, hidden := range []string{"Xerosis", "xerosis", "pathophysiological", "hyperkeratotic", "Editorial", "Immunomodulatory", "hydroxypropyl",
		"example", "dermatological", "Occlusive", "Comprehensive", "Proksch", "Augustin", "Moncrieff", "References",
		"mechanisms", "Transepidermal", "methodologies", "informational", "practitioner", "circumstances"} {
		if strings.Contains(got, hidden) {
			t.Errorf("graded words hold %q:\n%s", hidden, got)
		}
	}
}

// TestReadingLevelSubjectWords checks that the long words of the title
// and of the headings a sentence falls under count one syllable, plurals
// and possessives included, and that no other word does.
func TestReadingLevelSubjectWords(t *testing.T) {
	t.Parallel()
	src := "---\ntitle: ignored when there is a level-1 heading\n---\n\n# Ashwagandha for sleep\n\n" +
		"Ashwagandha's effects on melatonin vary.\n\n## Melatonin and magnesium\n\nMelatonins and magnesium help. Ashwagandha is an herb.\n\n" +
		"## Other\n\nMagnesium is a mineral.\n"
	doc, err := document.Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []readability.Counts
	for _, s := range readingSentences(doc, newReadingSubject(doc)) {
		got = append(got, s.c)
	}
	want := []readability.Counts{
		// "Ashwagandha's" is the title's word: 1, not 4; melatonin (4) is not
		// a subject word before its heading.
		{Sentences: 1, Words: 5, Syllables: 1 + 2 + 1 + 4 + 2, Polysyllables: 1},
		// Under "Melatonin and magnesium": both count one.
		{Sentences: 1, Words: 4, Syllables: 1 + 1 + 1 + 1, Polysyllables: 0},
		{Sentences: 1, Words: 4, Syllables: 1 + 1 + 1 + 1, Polysyllables: 0},
		// Under "Other": magnesium (4) counts in full again.
		{Sentences: 1, Words: 4, Syllables: 4 + 1 + 1 + 3, Polysyllables: 2},
	}
	if len(got) != len(want) {
		t.Fatalf("sentences: got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestReadingLevelFrontMatterTitle checks that without a level-1 heading
// the front matter's title names the subject.
func TestReadingLevelFrontMatterTitle(t *testing.T) {
	t.Parallel()
	doc, err := document.Parse("a.md", []byte("---\ntitle: Endometriosis\n---\n\nEndometriosis hurts.\n"))
	if err != nil {
		t.Fatal(err)
	}
	ss := readingSentences(doc, newReadingSubject(doc))
	if len(ss) != 1 || ss[0].c.Syllables != 1+1 {
		t.Errorf("got %+v, want one sentence of 2 syllables", ss)
	}
}

// TestReadingLevelAbove checks the comparison with the target: a grade
// meets the target while its school year (its whole part, as the message
// rounds it) is not above it.
func TestReadingLevelAbove(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		grade, target float64
		want          bool
	}{
		{8.94, 8, false}, {8.95, 8, true}, {9.0, 8, true}, {7.2, 8, false},
		{12.9, 12.5, false}, {13.0, 12.5, true}, {0, 1, false},
	} {
		if got := readingAbove(tt.grade, tt.target); got != tt.want {
			t.Errorf("readingAbove(%v, %v) = %v, want %v", tt.grade, tt.target, got, tt.want)
		}
	}
}

// TestReadingLevelStem checks the folding of subject words.
func TestReadingLevelStem(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Vitamins": "vitamin", "vitamin's": "vitamin", "Vitamin’s": "vitamin", "illness": "illness",
		"psoriasis": "psoriasi", "Psoriasis": "psoriasi", "gas": "gas", "ADHD": "adhd",
	} {
		if got := readingStem(in); got != want {
			t.Errorf("readingStem(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReadingLevelMentions checks that a short quoted term counts one
// syllable a word (it is named, not used), and a longer quotation in full.
func TestReadingLevelMentions(t *testing.T) {
	t.Parallel()
	rs := &readingSubject{headings: map[*document.Heading]map[string]bool{}}
	for _, tt := range []struct {
		text string
		want readability.Counts
	}{
		// words(1) like(1) "emulsifiers"(1) "flavor enhancers"(1+1)
		{`Words like "emulsifiers", "flavor enhancers".`, readability.Counts{Sentences: 1, Words: 5, Syllables: 5}},
		{`Words like “emulsifiers”.`, readability.Counts{Sentences: 1, Words: 3, Syllables: 3}},
		// Four words in quotes are a quotation, read as written.
		{`She said "emulsifiers are common now".`, readability.Counts{Sentences: 1, Words: 6, Syllables: 1 + 1 + 5 + 1 + 2 + 1, Polysyllables: 1}},
		{`Emulsifiers are common.`, readability.Counts{Sentences: 1, Words: 3, Syllables: 5 + 1 + 2, Polysyllables: 1}},
	} {
		if got := rs.count(tt.text, nil); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.text, got, tt.want)
		}
	}
}
