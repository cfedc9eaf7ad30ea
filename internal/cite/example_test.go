package cite_test

import (
	"fmt"
	"strings"

	"github.com/medlint/medlint/internal/cite"
	"github.com/medlint/medlint/internal/document"
)

// A rule that needs "X without a citation in the sentence" walks the
// sentences of each prose block and asks Cited.
func ExampleCited() {
	src := "Our cream is clinically proven.[^1] This serum is clinically proven too.\n\n[^1]: Lee K. Trial of a cream. 2021.\n"
	doc, err := document.Parse("a.md", []byte(src))
	if err != nil {
		panic(err)
	}
	for _, b := range doc.Blocks {
		for _, s := range doc.Sentences(b) {
			if strings.Contains(s.Text, "clinically proven") {
				fmt.Printf("%q cited: %v\n", s.Text, cite.Cited(doc, s, cite.Options{}))
			}
		}
	}
	// Output:
	// "Our cream is clinically proven." cited: true
	// "This serum is clinically proven too." cited: false
}

// Find lists every citation of a block with its kind and position.
func ExampleFind() {
	src := "Sleep matters (Smith et al., 2020), see [the review](https://example.org) and PMID: 12345678.\n"
	doc, err := document.Parse("a.md", []byte(src))
	if err != nil {
		panic(err)
	}
	for _, c := range cite.Find(doc, doc.Blocks[0], cite.Options{}) {
		fmt.Println(c.Kind, c.Text)
	}
	// Output:
	// author-year (Smith et al., 2020)
	// link https://example.org
	// pubmed PMID: 12345678
}
