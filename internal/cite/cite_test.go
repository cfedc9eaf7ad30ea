package cite

import (
	"reflect"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
)

func parse(t testing.TB, src string) *document.Document {
	t.Helper()
	d, err := document.Parse("t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestFindKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want Kind // 0: no citation
		opts Options
	}{
		{"inline link", "Claim ([CDC](https://www.cdc.gov/x)).", KindLink, Options{}},
		{"reference link", "Claim [source][1].\n\n[1]: https://example.org/paper\n", KindLink, Options{}},
		{"shortcut reference", "Claim [WHO].\n\n[WHO]: https://who.int\n", KindLink, Options{}},
		{"autolink", "Claim <https://pubmed.ncbi.nlm.nih.gov/123/>.", KindLink, Options{}},
		{"bare url", "Claim https://example.org/study here.", KindLink, Options{}},
		{"relative link", "Claim ([guide](/guides/sleep/)).", KindLink, Options{}},
		{"relative link off", "Claim ([guide](/guides/sleep/)).", 0, Options{NoRelativeLinks: true}},
		{"absolute link with relative off", "Claim ([paper](https://example.org/p)).", KindLink, Options{NoRelativeLinks: true}},
		{"scheme-less www with relative off", "Claim ([paper](www.example.org/p)).", KindLink, Options{NoRelativeLinks: true}},
		{"anchor", "Claim ([below](#refs)).", 0, Options{}},
		{"numbered anchor", "Claim [[3]](#ref-3).", KindMarker, Options{}},
		{"mailto", "Claim ([mail us](mailto:a@b.c)).", 0, Options{}},
		{"tel", "Claim ([call](tel:111)).", 0, Options{}},
		{"image", "Claim ![chart](https://example.org/c.png).", 0, Options{}},
		{"own shop", "Claim ([buy](https://shop.example.com/p)).", 0, Options{NonCitationDomains: []string{"example.com"}}},
		{"own shop www", "Claim ([buy](https://www.example.com/p)).", 0, Options{NonCitationDomains: []string{"www.example.com"}}},
		{"other domain", "Claim ([paper](https://notexample.com/p)).", KindLink, Options{NonCitationDomains: []string{"example.com"}}},
		{"footnote", "Claim.[^1]\n\n[^1]: Smith 2020.\n", KindFootnote, Options{}},
		{"footnote undefined", "Claim.[^9]\n", 0, Options{}},
		{"marker", "Claim [3].", KindMarker, Options{}},
		{"marker list", "Claim [2, 5].", KindMarker, Options{}},
		{"marker range", "Claim [4–6].", KindMarker, Options{}},
		{"sup", "Claim.<sup>3</sup>", KindMarker, Options{}},
		{"sup bracket link", `Claim<sup><a href="#r3">[3]</a></sup>.`, KindMarker, Options{}},
		{"sup not number", "E = mc<sup>2x</sup> here.", 0, Options{}},
		{"doi", "Claim, doi:10.1000/xyz123.", KindDOI, Options{}},
		{"doi bare", "Claim 10.3390/nu13030886 here.", KindDOI, Options{}},
		{"pmid", "Claim (PMID: 12345678).", KindPubMed, Options{}},
		{"pmc", "Claim (PMC1234567).", KindPubMed, Options{}},
		{"author year", "Claim (Smith et al., 2020).", KindAuthorYear, Options{}},
		{"author year two", "Claim (Smith and Jones 2019a).", KindAuthorYear, Options{}},
		{"organisation year", "Claim (WHO, 2023).", KindAuthorYear, Options{}},
		{"several", "Claim (see Lee, 2018; Kim et al., 2021).", KindAuthorYear, Options{}},
		{"month year", "Updated (March 2020).", 0, Options{}},
		{"lower case", "It began (since 2020).", 0, Options{}},
		{"version", "Use version 1.3 now.", 0, Options{}},
		{"plain brackets", "Use [brackets] freely.", 0, Options{}},
		{"code span", "Claim `[3]` and `10.1000/x`.", 0, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := parse(t, tt.src)
			b := d.Blocks[0]
			cits := Find(d, b, tt.opts)
			if tt.want == 0 {
				if len(cits) != 0 {
					t.Fatalf("want no citation, got %+v", cits)
				}
				return
			}
			found := false
			for _, c := range cits {
				if c.Kind == tt.want {
					found = true
				}
				if c.Pos < 0 || c.End < c.Pos || c.End > len(d.Source) || c.TextPos < 0 || c.TextEnd < c.TextPos || c.TextEnd > len(b.Text) {
					t.Errorf("bad positions %+v", c)
				}
			}
			if !found {
				t.Fatalf("want a %v citation, got %+v", tt.want, cits)
			}
		})
	}
}

func TestCitedSentence(t *testing.T) {
	t.Parallel()
	src := "First claim here.[^1] Second claim has none. Third (Smith, 2020). Fourth.<sup>4</sup> Fifth. [5] Sixth [link](https://x.org). " +
		"Seventh. [^2] Eighth has none. Ninth. <sup>9</sup> Tenth has none.\n\n[^1]: A source.\n[^2]: Another.\n"
	d := parse(t, src)
	b := d.Blocks[0]
	want := map[string]bool{
		"First claim here.":      true,
		"Second claim has none.": false,
		"Third (Smith, 2020).":   true,
		"Fourth.4":               true,
		"Fifth. [5]":             true,
		"Sixth link.":            true,
		"Seventh.":               true,
		"Eighth has none.":       false,
		"Ninth.":                 true,
		"9 Tenth has none.":      false,
	}
	got := map[string]bool{}
	for _, s := range d.Sentences(b) {
		got[s.Text] = Cited(d, s, Options{})
	}
	for text, w := range want {
		g, ok := got[text]
		if !ok {
			t.Errorf("no sentence %q in %v", text, got)
			continue
		}
		if g != w {
			t.Errorf("Cited(%q) = %v, want %v", text, g, w)
		}
	}
	if !BlockCited(d, b, Options{}) {
		t.Error("BlockCited = false")
	}
	if Cited(d, document.Sentence{}, Options{}) {
		t.Error("zero sentence is cited")
	}
}

func TestKindString(t *testing.T) {
	t.Parallel()
	if KindDOI.String() != "doi" || Kind(99).String() != "unknown" {
		t.Error("Kind.String")
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Claim.[^1]\n\n[^1]: x\n", "Claim.<sup>3</sup> Next.", "Claim (Smith et al., 2020).", "doi:10.1000/x [3] PMID: 1234",
		"[a](#1) [b](mailto:x) <https://x.y>", "x<sup><a href=\"#r\">[1]</a></sup>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := document.Parse("f.md", []byte(src))
		if err != nil {
			return
		}
		for _, b := range d.Blocks {
			for _, c := range Find(d, b, Options{NonCitationDomains: []string{"x.y"}}) {
				if c.Pos < 0 || c.End < c.Pos || c.End > len(d.Source) || c.TextPos < 0 || c.TextEnd < c.TextPos || c.TextEnd > len(b.Text) {
					t.Fatalf("bad positions %+v in %q", c, src)
				}
			}
			for _, s := range d.Sentences(b) {
				_ = Cited(d, s, Options{})
			}
		}
	})
}

// refAuthorYears is authorYears as it was: the author group of every
// match read from the submatches.
func refAuthorYears(text string) [][]int {
	var out [][]int
	for _, m := range authorYearRe.Regexp().FindAllStringSubmatchIndex(text, -1) {
		if f, _, _ := strings.Cut(text[m[2]:m[3]], " "); monthWords[strings.TrimSuffix(f, ".")] {
			continue
		}
		out = append(out, m[:2])
	}
	return out
}

var authorYearTexts = []string{
	"(Smith, 2020) (March 2020) (see March, 2021) (e.g., Sept. 2019) (cf. Lee 2018) (Spring 2022)",
	"(e.g. Winter 2020; Smith 2021) (see Smith et al., 2020) (In 2020) (Mayo 2020) (Marching 2020)",
	"(Émile 2020) (WHO, 2023) (Fall\t2020) (since 2020) (Since 2020) (see  March 2020)",
}

// TestAuthorYearsMatchesSubmatches checks the date-word shortcut against
// reading every match's submatches.
func TestAuthorYearsMatchesSubmatches(t *testing.T) {
	t.Parallel()
	for _, text := range authorYearTexts {
		if got, want := authorYears(text), refAuthorYears(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
}

func FuzzAuthorYearsMatchesSubmatches(f *testing.F) {
	for _, text := range authorYearTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := authorYears(text), refAuthorYears(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	})
}
