package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/testsupport"
)

// evil is an injection attempt put in every field a finding carries.
const evil = `"><script>document.title='pwned'</script><img src=x onerror="document.title='pwned'">`

// hostileHTMLReport adds findings whose every field is an injection
// attempt to the golden run (whose testdata holds a hostile article too).
func hostileHTMLReport(t *testing.T) (*result.Report, report.Options) {
	t.Helper()
	rep, opts := goldenRun(t)
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

// scriptTags are the page's own script elements: the findings' data,
// the review table's data and the script.
var scriptTags = regexp.MustCompile(`<script( type="application/json" id="(report|review)-data")?>`)

func TestHTMLEscapesArticleText(t *testing.T) {
	t.Parallel()
	rep, opts := hostileHTMLReport(t)
	out := string(render(t, "html", rep, opts))
	if n, own := strings.Count(out, "<script"), len(scriptTags.FindAllString(out, -1)); n != own || n < 2 {
		t.Errorf("%d <script elements, %d of them the report's own", n, own)
	}
	if n := strings.Count(out, "</script"); n != len(scriptTags.FindAllString(out, -1)) {
		t.Errorf("%d </script: article text closes a script element", n)
	}
	for _, raw := range []string{"<img", "onerror=\"", "<script>document", `<script>alert("owned")`, "</mark></pre></section>"} {
		if strings.Contains(out, raw) {
			t.Errorf("unescaped article text %q in the HTML", raw)
		}
	}
	for _, escaped := range []string{
		`&lt;script&gt;document.title=`,                  // the file error, in the HTML
		`\u003cimg src=x onerror=\"document.title=`,      // the finding's message, in the JSON data
		`\u003c/pre\u003e\u003c/li\u003e\u003c/ol\u003e`, // its source line
	} {
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
		`data-file="2">severe/hostile article.md</a>`, // worst file first: it has the error
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
	// The findings are data, once: no finding is written as markup too.
	if n := strings.Count(out, "---------------------"); strings.Contains(out, `<li class="finding"`) || n != 1 {
		t.Errorf("a flagged line is in the page %d times, want once, as data", n)
	}
}

// chromium returns the headless browser's path; without one the test is
// unavailable (a failure under CI=true).
func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	testsupport.Unavailable(t, "Chromium is not installed (Debian: apt-get install chromium): the HTML report's rendering is not tested")
	return ""
}

// writeHTML renders rep as HTML into a temporary file and returns its URL.
func writeHTML(t testing.TB, rep *result.Report, opts report.Options) string {
	t.Helper()
	f, err := report.New("html", opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, rep); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(path)
}

// pageView is what the tests read of the rendered findings.
type pageView struct {
	Ready  string     `json:"ready"`
	Title  string     `json:"title"`
	Count  string     `json:"count"`
	Images int        `json:"images"`
	Files  []fileView `json:"files"`
}

type fileView struct {
	Path   string        `json:"path"`
	Counts []string      `json:"counts"`
	Items  []findingView `json:"items"`
}

type findingView struct {
	Sev, Loc, Rule, Msg string
	Marks               []string
	Source              bool
}

// readView returns the rendered findings, after applying the filter the
// script (JavaScript statements) sets.
const viewJS = `(function () {
  var files = Array.prototype.map.call(document.querySelectorAll("#files section.file"), function (s) {
    return {
      path: s.querySelector(".file-h a").textContent,
      counts: Array.prototype.map.call(s.querySelectorAll(".file-h .badge"), function (b) { return b.className.replace("badge sev-", "") + ":" + b.textContent; }),
      items: Array.prototype.map.call(s.querySelectorAll("li.finding"), function (li) {
        return {
          Sev: li.getAttribute("data-sev"), Loc: li.querySelector(".loc").textContent,
          Rule: li.querySelector("code.rule").textContent, Msg: li.querySelector(".msg").textContent,
          Marks: Array.prototype.map.call(li.querySelectorAll("mark"), function (m) { return m.textContent; }),
          Source: li.querySelector("pre.src") !== null
        };
      })
    };
  });
  return { ready: document.documentElement.getAttribute("data-filter-ready") || "", title: document.title,
    count: (document.getElementById("filter-count") || {}).textContent || "",
    images: document.images.length, files: files };
})()`

func readView(t *testing.T, p *browserPage, setup string) pageView {
	t.Helper()
	if setup != "" {
		p.eval("(function () {"+setup+"; return true; })()", nil)
	}
	var v pageView
	p.eval(viewJS, &v)
	return v
}

// setFilter sets the filter as a user does: the search box, the rule or
// check menu and the severity boxes, each that changes followed by its
// event.
func setFilter(q, rule string, sevs ...string) string {
	js, _ := json.Marshal(map[string]any{"q": q, "rule": rule, "sevs": sevs})
	return `var f = ` + string(js) + `;
var q = document.getElementById("filter-q");
if (q.value !== f.q) { q.value = f.q; q.dispatchEvent(new Event("input")); }
var r = document.getElementById("filter-rule");
if (r.value !== f.rule) { r.value = f.rule; r.dispatchEvent(new Event("change")); }
document.querySelectorAll('input[name="sev"]').forEach(function (b) {
  var want = f.sevs === null || f.sevs.length === 0 || f.sevs.indexOf(b.value) >= 0;
  if (b.checked !== want) { b.checked = want; b.dispatchEvent(new Event("change")); }
})`
}

// TestHTMLInChromium renders the hostile golden report in headless
// Chromium: the script runs, no injected element exists, flagged text is
// marked by rune columns, and a filter in the URL fragment applies.
func TestHTMLInChromium(t *testing.T) {
	t.Parallel()
	browser := chromium(t)
	rep, opts := hostileHTMLReport(t)
	url := writeHTML(t, rep, opts)
	p := openBrowser(t, browser, 1400, 900)
	p.navigate(url)

	v := readView(t, p, "")
	if v.Ready != "true" {
		t.Fatalf("the report's script did not run: %+v", v)
	}
	if v.Images != 0 || strings.Contains(v.Title, "pwned") {
		t.Error("hostile article text became markup in the browser")
	}
	if v.Count != "6 findings in 4 files" || len(v.Files) != 4 {
		t.Errorf("unfiltered: %q, %d files, want 6 findings in 4 files", v.Count, len(v.Files))
	}
	found := map[string]bool{}
	for _, f := range v.Files {
		for _, it := range f.Items {
			for _, m := range it.Marks {
				found[f.Path+"|"+m] = true
			}
			if strings.Contains(f.Path, "evil") && it.Msg != "message "+evil {
				t.Errorf("the hostile message reads %q", it.Msg)
			}
		}
	}
	for _, want := range []string{"guide.md|Traitement à domicile", "guide.md|---------------------", "evil" + evil + ".md|" + `"><script`} {
		if !found[want] {
			t.Errorf("no mark %q in %v", want, found)
		}
	}

	p.navigate(url + "#sev=error")
	v = readView(t, p, "")
	if v.Count != "1 finding in 1 file (of 6)" {
		t.Errorf("#sev=error: %q", v.Count)
	}
	for _, f := range v.Files {
		for _, it := range f.Items {
			if it.Sev != "error" {
				t.Errorf("#sev=error shows a %s finding", it.Sev)
			}
		}
	}
	p.navigate(url + "#rule=directive")
	if v = readView(t, p, ""); len(v.Files) != 1 || v.Count != "1 finding in 1 file (of 6)" {
		t.Errorf("#rule=directive: %q in %d files, want the one directive finding", v.Count, len(v.Files))
	}
}

// reportData extracts the findings' JSON from a rendered page.
var reportData = regexp.MustCompile(`(?s)<script type="application/json" id="report-data">(.*?)</script>`)

// FuzzHTMLEscaping: whatever an article, path or message holds, the page
// keeps exactly its own script elements, and the findings' data, read
// back as a browser reads the script element's text, hold the path,
// message and line as they were.
func FuzzHTMLEscaping(f *testing.F) {
	f.Add("a.md", "## <script>alert(1)</script>", "msg </pre>", 1, 4)
	f.Add("<b>.md", "\x00\xff</mark>", "{{.}}", 0, 99)
	f.Add("x</script><script>alert(1)//.md", "<!--<script>", "</SCRIPT >\u2028", 2, 1)
	f.Fuzz(func(t *testing.T, path, line, msg string, col, endCol int) {
		// The engine's findings are UTF-8: it decodes and replaces invalid bytes.
		path, line, msg = strings.ToValidUTF8(path, "\uFFFD"), strings.ToValidUTF8(line, "\uFFFD"), strings.ToValidUTF8(msg, "\uFFFD")
		rep := &result.Report{
			Now: "2026-11-25", Files: 1, Paths: []string{path}, Rules: []string{"directive"},
			Findings: []result.Finding{{Path: path, Line: 1, Column: col, EndLine: 1, EndColumn: endCol,
				Rule: "directive", Severity: lint.SeverityWarning, Message: msg, Lines: []string{line}}},
		}
		out := string(render(t, "html", rep, report.Options{}))
		if n, own := strings.Count(strings.ToLower(out), "<script"), len(scriptTags.FindAllString(out, -1)); n != own || n != 2 {
			t.Fatalf("%d <script elements, %d of them the report's own, want 2", n, own)
		}
		if n := strings.Count(strings.ToLower(out), "</script"); n != 2 {
			t.Fatalf("%d </script, want 2", n)
		}
		if strings.Contains(out, "<!--") {
			t.Fatal("a comment opener in the page: it changes how a script element ends")
		}
		m := reportData.FindStringSubmatch(out)
		if m == nil {
			t.Fatal("no report data")
		}
		var data struct {
			Files []string `json:"files"`
			Msgs  []string `json:"msgs"`
			Lines []string `json:"lines"`
		}
		if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
			t.Fatalf("the report data is not JSON: %v", err)
		}
		if len(data.Files) != 1 || data.Files[0] != path || len(data.Msgs) != 1 || data.Msgs[0] != msg {
			t.Fatalf("data %q %q, want path %q and message %q", data.Files, data.Msgs, path, msg)
		}
		if want := strings.TrimRight(line, "\r"); len(data.Lines) != 1 || data.Lines[0] != want {
			t.Fatalf("lines %q, want %q", data.Lines, want)
		}
	})
}
