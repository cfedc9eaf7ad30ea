package report_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// filterReport is a small report whose findings the filter tests count:
// three files, compliance and style rules, a whole-file finding and an
// injection attempt in a path and a message.
func filterReport() (*result.Report, report.Options) {
	f := func(path string, line int, rule, check string, sev lint.Severity, msg, text string) result.Finding {
		return result.Finding{Path: path, Line: line, Column: 1, EndLine: line, EndColumn: 5, Rule: rule, Check: check,
			Severity: sev, Message: msg, Lines: []string{text}}
	}
	eczema, vitd, sleep := "conditions/skin/eczema.md", "nutrition/vitamin-d.md", "sleep/insomnia"+evil+".md"
	rep := &result.Report{Now: "2026-12-07", Files: 4, Rules: []string{"list-format", "medical-disclaimer", "plain-language", "risky-claim", "uncited-claim"},
		Paths: []string{eczema, vitd, "nutrition/zinc.md", sleep}}
	rep.Findings = []result.Finding{ // sorted by path, line, as the engine sorts them
		f(eczema, 1, "medical-disclaimer", "missing", lint.SeverityError, "no medical disclaimer on an advice page", "# Eczema"),
		f(eczema, 3, "plain-language", "", lint.SeverityInfo, `"atopic dermatitis" is medical jargon`, "Atopic dermatitis is common."),
		f(eczema, 10, "risky-claim", "cure", lint.SeverityError, `"cures" is a claim regulators act on`, "Oatmeal cures eczema."),
		f(vitd, 2, "uncited-claim", "statistic", lint.SeverityWarning, "a statistic without a citation", "40% of adults lack it."),
		f(vitd, 5, "uncited-claim", "research", lint.SeverityWarning, `"studies show" without a citation`, "Studies show it helps."),
		f(vitd, 7, "plain-language", "", lint.SeverityInfo, `"deficiency" is medical jargon`, "A deficiency is common."),
		f(sleep, 4, "list-format", "fake-bullet", lint.SeverityWarning, "message "+evil, "• Keep a routine"),
	}
	return rep, report.Options{Rules: lint.Builtin()}
}

// TestHTMLFiltersInChromium types in the search box, picks checks and
// severities as a user does, and reads what the page shows.
func TestHTMLFiltersInChromium(t *testing.T) {
	t.Parallel()
	browser := chromium(t)
	rep, opts := filterReport()
	p := openBrowser(t, browser, 1400, 900)
	p.navigate(writeHTML(t, rep, opts))

	v := readView(t, p, "")
	if v.Images != 0 || strings.Contains(v.Title, "pwned") {
		t.Fatal("hostile text became markup")
	}
	var paths []string
	for _, f := range v.Files {
		paths = append(paths, f.Path)
	}
	if want := []string{"conditions/skin/eczema.md", "nutrition/vitamin-d.md", "sleep/insomnia" + evil + ".md"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("files %q, want %q", paths, want)
	}
	eczema := v.Files[0]
	var rules []string
	for _, it := range eczema.Items {
		rules = append(rules, it.Rule)
	}
	if want := []string{"medical-disclaimer/missing", "risky-claim/cure", "plain-language"}; !reflect.DeepEqual(rules, want) {
		t.Errorf("eczema.md lists %q, want compliance first (in line order), then style: %q", rules, want)
	}
	whole := eczema.Items[0]
	if whole.Loc != "whole file" || whole.Source || len(whole.Marks) != 0 {
		t.Errorf("whole-file finding: %+v, want \"whole file\" and no excerpt", whole)
	}
	if it := eczema.Items[1]; it.Loc != "line 10, column 1" || !it.Source || !reflect.DeepEqual(it.Marks, []string{"Oatm"}) {
		t.Errorf("located finding: %+v", it)
	}
	if want := []string{"error:2", "info:1"}; !reflect.DeepEqual(eczema.Counts, want) {
		t.Errorf("eczema.md counts %q, want %q", eczema.Counts, want)
	}

	for _, tc := range []struct {
		name, q, rule string
		sevs          []string
		count         string
		files         map[string][]string // path: badge counts
	}{
		{"path", "VITAMIN", "", nil, "3 findings in 1 file (of 7)",
			map[string][]string{"nutrition/vitamin-d.md": {"warning:2", "info:1"}}},
		{"message", "jargon", "", nil, "2 findings in 2 files (of 7)",
			map[string][]string{"conditions/skin/eczema.md": {"info:1"}, "nutrition/vitamin-d.md": {"info:1"}}},
		{"hostile text", "onerror=", "", nil, "1 finding in 1 file (of 7)",
			map[string][]string{"sleep/insomnia" + evil + ".md": {"warning:1"}}},
		{"check", "", "uncited-claim/statistic", nil, "1 finding in 1 file (of 7)",
			map[string][]string{"nutrition/vitamin-d.md": {"warning:1"}}},
		{"rule", "", "uncited-claim", nil, "2 findings in 1 file (of 7)",
			map[string][]string{"nutrition/vitamin-d.md": {"warning:2"}}},
		{"severity", "", "", []string{"error", "info"}, "4 findings in 2 files (of 7)",
			map[string][]string{"conditions/skin/eczema.md": {"error:2", "info:1"}, "nutrition/vitamin-d.md": {"info:1"}}},
		{"search and severity", "nutrition", "", []string{"warning"}, "2 findings in 1 file (of 7)",
			map[string][]string{"nutrition/vitamin-d.md": {"warning:2"}}},
		{"nothing", "no such text", "", nil, "0 findings in 0 files (of 7)", map[string][]string{}},
		{"cleared", "", "", nil, "7 findings in 3 files", nil},
	} {
		v := readView(t, p, setFilter(tc.q, tc.rule, tc.sevs...))
		if v.Count != tc.count {
			t.Errorf("%s: %q, want %q", tc.name, v.Count, tc.count)
		}
		if tc.files == nil {
			continue
		}
		got := map[string][]string{}
		for _, f := range v.Files {
			got[f.Path] = f.Counts
			if len(f.Items) == 0 {
				t.Errorf("%s: %s shown without findings", tc.name, f.Path)
			}
		}
		if !reflect.DeepEqual(got, tc.files) {
			t.Errorf("%s: files and counts %q, want %q", tc.name, got, tc.files)
		}
	}
}

// TestHTMLMarksRunesInChromium: columns count runes, so a line with a
// character outside the BMP (two UTF-16 units in JavaScript) is marked
// where the finding says; a worst-file link shows its file even when the
// filter hid it.
func TestHTMLMarksRunesInChromium(t *testing.T) {
	t.Parallel()
	browser := chromium(t)
	rep, opts := filterReport()
	rep.Findings = append(rep.Findings, result.Finding{Path: "z.md", Line: 2, Column: 3, EndLine: 3, EndColumn: 3,
		Rule: "risky-claim", Check: "cure", Severity: lint.SeverityError, Message: "cure claim",
		Lines: []string{"😀 Vitamin D cures 😀 colds", "ab😀cd"}})
	rep.Paths = append(rep.Paths, "z.md")
	p := openBrowser(t, browser, 1400, 900)
	p.navigate(writeHTML(t, rep, opts))
	v := readView(t, p, setFilter("z.md", ""))
	if len(v.Files) != 1 || len(v.Files[0].Items) != 1 {
		t.Fatalf("search z.md: %+v", v.Files)
	}
	if got, want := v.Files[0].Items[0].Marks, []string{"Vitamin D cures 😀 colds", "ab"}; !reflect.DeepEqual(got, want) {
		t.Errorf("marks %q, want %q", got, want)
	}
	var shown struct {
		Count   string `json:"count"`
		Section bool   `json:"section"`
	}
	p.eval(`(function () {
  var a = Array.prototype.filter.call(document.querySelectorAll("#worst a[data-file]"), function (a) { return a.textContent === "nutrition/vitamin-d.md"; })[0];
  a.click();
  var s = document.getElementById("file-" + a.getAttribute("data-file"));
  return { count: document.getElementById("filter-count").textContent, section: s !== null && s.querySelector("li.finding") !== null };
})()`, &shown)
	if !shown.Section || shown.Count != "8 findings in 4 files" {
		t.Errorf("a worst-file link under a filter that hides it: %+v, want the filter cleared and the file shown", shown)
	}
}
