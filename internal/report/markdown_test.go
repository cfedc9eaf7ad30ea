package report_test

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

const testSourceURL = "https://github.com/o/r/blob/0123abc"

var (
	mdRow     = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	mdCell    = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	mdTag     = regexp.MustCompile(`<[a-zA-Z/!?][^>]*>`)
	mdOurLink = regexp.MustCompile(`^<a href="` + regexp.QuoteMeta(testSourceURL) + `/[^"<>]*">$`)
)

// gfmHTML renders Markdown as GitHub does, GitHub Flavored Markdown with
// raw HTML allowed through (GitHub sanitizes it; a test that it never
// appears must let it through to see it).
func gfmHTML(t testing.TB, md string) string {
	t.Helper()
	var buf bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	if err := gm.Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// checkMarkdown fails t unless the summary of rep renders to HTML whose
// only tags are the summary's own (tables, headings, paragraphs, the note,
// code for rule ids, links to testSourceURL), and whose findings table
// shows each listed finding's message, escaped, in its own cell.
func checkMarkdown(t testing.TB, out string, rep *result.Report) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("markdown: not UTF-8")
	}
	checkNoControl(t, "markdown", out)
	h := gfmHTML(t, out)
	allowed := map[string]bool{"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
		"h2": true, "h3": true, "p": true, "blockquote": true, "code": true, "a": true}
	for _, tag := range mdTag.FindAllString(h, -1) {
		name := strings.TrimLeft(strings.Fields(strings.Trim(tag, "<>/"))[0], "/")
		if !allowed[name] {
			t.Fatalf("markdown renders a <%s> the summary does not write: %s\n%s", name, tag, out)
		}
		if name == "a" && !strings.HasPrefix(tag, "</") && !mdOurLink.MatchString(tag) {
			t.Fatalf("markdown renders a link that is not the summary's: %s\n%s", tag, out)
		}
	}
	// The findings table is the one whose header starts with "severity"
	// and has a "where" column.
	_, findingsTable, ok := strings.Cut(h, "<th>where</th>")
	if rep.Summary().Findings == 0 {
		return
	}
	if !ok {
		t.Fatalf("markdown: no findings table:\n%s", h)
	}
	findingsTable, _, _ = strings.Cut(findingsTable, "</table>")
	rows := mdRow.FindAllStringSubmatch(findingsTable, -1)
	if want := min(len(rep.Findings), report.MarkdownFindings); len(rows) != want {
		t.Fatalf("markdown: %d findings rows, want %d\n%s", len(rows), want, out)
	}
	messages := map[string]bool{}
	for _, f := range rep.Findings {
		messages[strings.TrimSpace(visibleCut(f.Message))] = true // a cell is trimmed
	}
	for i, r := range rows {
		cells := mdCell.FindAllStringSubmatch(r[1], -1)
		if len(cells) != 4 {
			t.Fatalf("markdown: findings row %d has %d cells, want 4: %s", i, len(cells), r[0])
		}
		if msg := strings.TrimSpace(html.UnescapeString(cells[3][1])); !messages[msg] {
			t.Fatalf("markdown: findings row %d shows message %q, which is no finding's (escaped) message\n%s", i, msg, out)
		}
	}
}

// visibleCut is what the summary shows of a message: control characters
// escaped, at most 400 characters.
func visibleCut(s string) string {
	s = report.EscapeControl(s)
	if r := []rune(s); len(r) > 400 {
		s = string(r[:400]) + "…"
	}
	return s
}

func TestMarkdownHostile(t *testing.T) {
	t.Parallel()
	rep := hostileReport()
	rep.Findings[0].Message = "| x | ![img](https://evil.example/p.png) [click](javascript:alert(1)) <img src=x onerror=alert(1)> *em* _u_ ~~s~~ `code` $x$ &amp; \\| <!-- c -->"
	rep.Findings[1].Path = "[a](https://evil.example)<b>.md"
	rep.Paths[1] = rep.Findings[1].Path
	opts := report.Options{WorkDir: "/repo", RepoRoot: "/repo", SourceURL: testSourceURL}
	out := string(render(t, "markdown", rep, opts))
	checkMarkdown(t, out, rep)
	if !strings.Contains(out, "("+testSourceURL+"/a%20b/c:d%25.md?plain=1#L3)") {
		t.Errorf("no link to the first finding's line, percent-encoded:\n%s", out)
	}
	if strings.Contains(out, "/elsewhere") && strings.Contains(out, testSourceURL+"/elsewhere") {
		t.Errorf("a file outside the repository is linked:\n%s", out)
	}
	// A base that would break out of the link destination is not used.
	opts.SourceURL = "https://x.example/a) [b](https://evil.example"
	if out := string(render(t, "markdown", rep, opts)); strings.Contains(out, "evil.example/") && strings.Contains(out, "](https://x.example") {
		t.Errorf("an unsafe SourceURL was used:\n%s", out)
	}
}

// TestMarkdownLimits: more findings than GitHub shows as annotations say
// so first; the findings table stops at MarkdownFindings, errors first; the
// worst files table at MarkdownWorstFiles.
func TestMarkdownLimits(t *testing.T) {
	t.Parallel()
	rep := &result.Report{Now: "2026-11-25"}
	for i := range 80 {
		path := fmt.Sprintf("f%02d.md", i%20)
		sev := lint.SeverityWarning
		if i%8 == 0 {
			sev = lint.SeverityError
		}
		rep.Findings = append(rep.Findings, result.Finding{Path: path, Line: i + 1, Column: 1, EndLine: i + 1, EndColumn: 2,
			Rule: "duplicate-heading", Severity: sev, Message: fmt.Sprintf("message %d", i)})
	}
	for i := range 20 {
		rep.Paths = append(rep.Paths, fmt.Sprintf("f%02d.md", i))
	}
	rep.Files = len(rep.Paths)
	rep.Sort()
	out := string(render(t, "markdown", rep, report.Options{WorkDir: "/repo", RepoRoot: "/repo", SourceURL: testSourceURL}))
	checkMarkdown(t, out, rep)
	for _, want := range []string{
		"GitHub shows at most 10 error, 10 warning and 10 notice annotations of a step (and 50 of a job); this run has 10, 70 and 0",
		"### Findings (the first 50 of 80, errors first)",
		"### Worst files (10 of 20 with findings)",
		"| `duplicate-heading` | 10 | 70 | 0 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	// Errors first: the 10 errors are the first 10 rows.
	_, table, _ := strings.Cut(out, "| severity | where | rule | message |\n|---|---|---|---|\n")
	rows := strings.Split(table, "\n")
	for i := range 11 {
		if isErr := strings.HasPrefix(rows[i], "| error |"); isErr != (i < 10) {
			t.Errorf("findings row %d %q: errors should come first", i, rows[i])
		}
	}
	// Under the limits there is no note, and a clean run is one line.
	small := &result.Report{Findings: rep.Findings[:3], Paths: rep.Paths, Files: rep.Files}
	if out := string(render(t, "markdown", small, report.Options{})); strings.Contains(out, "annotations") {
		t.Errorf("a note under the limits:\n%s", out)
	}
	if out := string(render(t, "markdown", &result.Report{Files: 3}, report.Options{})); out != "## medlint: 0 findings in 3 files\n\n" {
		t.Errorf("clean run: %q", out)
	}
}
