package document

import (
	"strings"
	"testing"
)

// TestLinkifyFilterKeepsLinks parses the shapes of GFM's extended
// autolinks, after each trigger linkify is called at, through the filter
// and through goldmark's own linkify (sameAST): the filter must never
// answer nil where linkify finds a link.
func TestLinkifyFilterKeepsLinks(t *testing.T) {
	t.Parallel()
	links := []string{
		"http://example.com/a?b=c", "https://example.com.", "ftp://files.example.org/x",
		"www.example.com/path)", "(www.example.com)", "user@example.com", "a.b-c_d+e@mail.example.co.uk.",
		strings.Repeat("x", 63) + "@example.com", strings.Repeat("x", 64) + "@example.com",
		strings.Repeat("x", 65) + "@example.com", "x@y", "@example.com", "wwwexample.com", "hxxp://no",
	}
	for _, link := range links {
		for _, shape := range []string{"%s", "see %s", "see *%s*", "see _%s_", "see ~%s~", "see (%s)", "see\t%s", "a\n%s b"} {
			src := strings.Replace(shape, "%s", link, 1) + "\n"
			sameAST(t, src, []byte(src))
		}
	}
}
