package report_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/testsupport"
)

// hostileHTMLReport adds findings whose every field is an injection
// attempt to the golden run (whose testdata holds a hostile article too).
func hostileHTMLReport(t *testing.T) (*result.Report, report.Options) {
	t.Helper()
	rep, opts := goldenRun(t)
	evil := `"><script>document.title='pwned'</script><img src=x onerror="document.title='pwned'">`
	rep.Findings = append(rep.Findings, result.Finding{
		Path: "evil" + evil + ".md", Line: 1, Column: 3, EndLine: 1, EndColumn: 12,
		Rule: "duplicate-heading", Check: "x" + evil, Severity: lint.SeverityWarning,
		Message: "message " + evil, Lines: []string{"# " + evil + " </pre></li></ol></section>"},
	})
	rep.Paths = append(rep.Paths, "evil"+evil+".md")
	rep.Errors = append(rep.Errors, result.FileError{Path: "err" + evil, Message: "cannot read " + evil})
	rep.Files++
	return rep, opts
}

func TestHTMLEscapesArticleText(t *testing.T) {
	t.Parallel()
	rep, opts := hostileHTMLReport(t)
	out := string(render(t, "html", rep, opts))
	if n := strings.Count(out, "<script"); n != 1 {
		t.Errorf("%d <script elements, want only the report's own", n)
	}
	for _, raw := range []string{"<img", "onerror=\"", "<script>document", `<script>alert("owned")`, "</mark></pre></section>"} {
		if strings.Contains(out, raw) {
			t.Errorf("unescaped article text %q in the HTML", raw)
		}
	}
	for _, escaped := range []string{"&lt;img src=x onerror=alert(1)&gt;", "&lt;script&gt;document.title=", "&lt;/mark&gt;&lt;/pre&gt;&lt;/section&gt;"} {
		if !strings.Contains(out, escaped) {
			t.Errorf("escaped text %q missing", escaped)
		}
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	t.Parallel()
	rep, opts := goldenRun(t)
	out := string(render(t, "html", rep, opts))
	external := regexp.MustCompile(`(?i)(\ssrc\s*=|^<link\b|\shref\s*=\s*"(https?:)?//)`)
	for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(out, -1) {
		if m := external.FindString(tag); m != "" {
			t.Errorf("the report refers to an external asset: %s", tag)
		}
	}
	if m := regexp.MustCompile(`@import|url\(`).FindString(out); m != "" {
		t.Errorf("the style loads an external asset: %q", m)
	}
	if !strings.Contains(out, "Content-Security-Policy") || !strings.Contains(out, "default-src 'none'") {
		t.Error("the report has no content security policy forbidding external loads")
	}
	for _, want := range []string{
		`<span class="num" id="n-files">4</span>`, `<span class="num" id="n-with">3</span>`,
		`<span class="num" id="n-error">1</span>`, `<span class="num" id="n-warning">3</span>`, `<span class="num" id="n-info">1</span>`,
		`<a href="#file-3">severe/hostile article.md</a>`, // worst file first: it has the error
		`<mark>Traitement à domicile</mark>`,              // setext heading: both lines marked
		`<mark>---------------------</mark>`,
		`1 file without findings`, `<code>clean.md</code>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	_, worst, ok := strings.Cut(out, `id="worst"`)
	if !ok {
		t.Fatal("no worst-files table")
	}
	if strings.Index(worst, "hostile article.md") > strings.Index(worst, "guide.md") {
		t.Error("worst files: the file with an error is not listed first")
	}
}

// chromium returns the headless browser's path; without one the test is
// unavailable (a failure under CI=true).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	testsupport.Unavailable(t, "Chromium is not installed (Debian: apt-get install chromium): the HTML report's rendering is not tested")
	return ""
}

// dumpDOM loads page in headless Chromium and returns the DOM after its
// scripts ran.
func dumpDOM(t *testing.T, browser, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-extensions", "--user-data-dir="+t.TempDir(), "--virtual-time-budget=2000", "--dump-dom", url)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium --dump-dom %s: %v\n%s", url, err, stderr.String())
	}
	return stdout.String()
}

// TestHTMLInChromium renders the report in headless Chromium: the script
// runs (filter from the URL fragment applied), the findings of the other
// severities are hidden, and no injected element exists in the DOM.
func TestHTMLInChromium(t *testing.T) {
	t.Parallel()
	browser := chromium(t)
	rep, opts := hostileHTMLReport(t)
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, render(t, "html", rep, opts), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(path)

	dom := dumpDOM(t, browser, url)
	if !strings.Contains(dom, `data-filter-ready="true"`) {
		t.Fatalf("the report's script did not run:\n%.2000s", dom)
	}
	if strings.Contains(dom, "<img") || strings.Contains(dom, "pwned</title>") {
		t.Error("hostile article text became markup in the browser")
	}
	if !strings.Contains(dom, "6 findings shown") {
		t.Error("unfiltered view does not show all 6 findings")
	}
	if regexp.MustCompile(`<li class="finding"[^>]*hidden`).MatchString(dom) {
		t.Error("a finding is hidden without a filter")
	}

	filtered := dumpDOM(t, browser, url+"#sev=error")
	if !strings.Contains(filtered, "1 finding shown") {
		t.Errorf("#sev=error: count not updated:\n%s", regexp.MustCompile(`<output[^<]*</output>`).FindString(filtered))
	}
	for _, li := range regexp.MustCompile(`<li class="finding"[^>]*>`).FindAllString(filtered, -1) {
		isError := strings.Contains(li, `data-sev="error"`)
		hidden := strings.Contains(li, "hidden")
		if isError == hidden {
			t.Errorf("#sev=error: %s (hidden=%v)", li, hidden)
		}
	}

	byRule := dumpDOM(t, browser, url+"#rule=directive")
	if !strings.Contains(byRule, "1 finding shown") {
		t.Error("#rule=directive: want exactly the one directive finding shown")
	}
	sections := regexp.MustCompile(`<section class="file"[^>]*>`).FindAllString(byRule, -1)
	visible := 0
	for _, s := range sections {
		if !strings.Contains(s, "hidden") {
			visible++
		}
	}
	if visible != 1 {
		t.Errorf("#rule=directive: %d file sections visible, want 1", visible)
	}
}

// FuzzHTMLEscaping: whatever an article, path or message holds, the page
// keeps exactly its own script and its own markup around it.
func FuzzHTMLEscaping(f *testing.F) {
	f.Add("a.md", "## <script>alert(1)</script>", "msg </pre>", 1, 4)
	f.Add("<b>.md", "\x00\xff</mark>", "{{.}}", 0, 99)
	f.Fuzz(func(t *testing.T, path, line, msg string, col, endCol int) {
		rep := &result.Report{
			Now: "2026-11-25", Files: 1, Paths: []string{path}, Rules: []string{"directive"},
			Findings: []result.Finding{{Path: path, Line: 1, Column: col, EndLine: 1, EndColumn: endCol,
				Rule: "directive", Severity: lint.SeverityWarning, Message: msg, Lines: []string{line}}},
		}
		f, err := report.New("html", report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.Format(&buf, rep); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if n := strings.Count(out, "<script"); n != 1 {
			t.Fatalf("%d <script elements", n)
		}
		if n := strings.Count(out, "<mark>"); n != 1 {
			t.Fatalf("%d <mark> elements, want 1", n)
		}
		if n := strings.Count(out, "<li class=\"finding\""); n != 1 {
			t.Fatalf("%d findings rendered, want 1", n)
		}
	})
}
