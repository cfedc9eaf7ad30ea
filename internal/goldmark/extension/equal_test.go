package extension_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	upstream "github.com/yuin/goldmark/extension"

	"github.com/medlint/medlint/internal/goldmark/extension"
	"github.com/medlint/medlint/internal/testsupport"
)

var (
	theirs = goldmark.New(goldmark.WithExtensions(upstream.GFM, upstream.Footnote))
	ours   = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
)

// sameHTML fails when the copy renders src otherwise than goldmark's own
// extension package.
func sameHTML(t *testing.T, name string, src []byte) {
	t.Helper()
	var want, got bytes.Buffer
	errWant, errGot := theirs.Convert(src, &want), ours.Convert(src, &got)
	if (errWant == nil) != (errGot == nil) || !bytes.Equal(want.Bytes(), got.Bytes()) {
		t.Errorf("%s: the copy renders\n%s(err %v)\ngoldmark renders\n%s(err %v)", name, got.Bytes(), errGot, want.Bytes(), errWant)
	}
}

// TestCopyRendersAsGoldmark checks the copy against goldmark's package on
// the CommonMark examples, the test articles, the health corpus and
// markdownlint's fixtures, and on bare links of every shape linkify knows.
func TestCopyRendersAsGoldmark(t *testing.T) {
	t.Parallel()
	for _, e := range testsupport.CommonMarkExamples(t) {
		sameHTML(t, fmt.Sprintf("spec example %d", e.Example), []byte(e.Markdown))
	}
	files := testsupport.WalkMarkdown(t, func(p string, src []byte) { sameHTML(t, p, src) },
		"../../../testdata", "../../../../shared/corpus/health", "../../../../shared/markdownlint-fixtures")
	if files < 900 {
		t.Errorf("compared %d files, want the test articles, the health corpus and the fixtures", files)
	}
	for _, s := range linkShapes {
		sameHTML(t, s, []byte(s))
	}
}

// linkShapes are texts around each of linkify's branches: schemes, www.,
// the 256-character bound, trailing punctuation, parentheses, entities and
// e-mail addresses.
var linkShapes = []string{
	"see http://example.com now",
	"see https://example.com/a?b=c#d. Then",
	"ftp://files.example.org/x",
	"(https://example.com/a_(b))",
	"www.example.com/path,",
	"*www.example.com*",
	"~https://example.com~",
	"_http://a.b_",
	"https://example.com/&amp; x",
	"https://example.com/a&hl; x",
	"mail foo.bar@example.co.uk.",
	"a@b no dot",
	"x@y.z- and x@y.z_",
	"https://" + strings.Repeat("a", 256) + ".com",
	"https://" + strings.Repeat("a", 257) + ".com",
	"www." + strings.Repeat("b", 256) + ".org",
	"www." + strings.Repeat("b", 257) + ".org",
	"http://localhost:8080/x",
	"https://example.com:443/x",
	"[https://example.com](https://example.org)",
	"`https://example.com`",
	"http:// not a link, www. nor this",
}

// FuzzCopyRendersAsGoldmark checks the copy against goldmark's package on
// any input.
func FuzzCopyRendersAsGoldmark(f *testing.F) {
	for _, s := range linkShapes {
		f.Add([]byte(s))
	}
	f.Add([]byte("| a | b |\n|---|:-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo ~~gone~~[^1]\n\n[^1]: note\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sameHTML(t, "input", src)
	})
}

// TestMedlintLinksTheCopyOnly checks that the program no longer links
// goldmark's extension package, whose package init the copy exists to
// spare.
func TestMedlintLinksTheCopyOnly(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "github.com/medlint/medlint/cmd/medlint").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps cmd/medlint: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	linked := map[string]bool{}
	for _, d := range deps {
		linked[d] = true
	}
	if linked["github.com/yuin/goldmark/extension"] {
		t.Error("cmd/medlint links github.com/yuin/goldmark/extension: import github.com/medlint/medlint/internal/goldmark/extension instead")
	}
	if !linked["github.com/medlint/medlint/internal/goldmark/extension"] {
		t.Error("cmd/medlint does not link the copy: this test no longer guards anything")
	}
}
