package report_test

import (
	"encoding/xml"
	"testing"

	"github.com/medlint/medlint/internal/report"
)

type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Name  string `xml:"name,attr"`
		Cases []struct {
			Name     string `xml:"name,attr"`
			File     string `xml:"file,attr"`
			Failures []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnitStructure(t *testing.T) {
	t.Parallel()
	rep := hostileReport()
	rep.Findings[0].Message += " \x01\x1b control <&>"
	var doc junitDoc
	if err := xml.Unmarshal(render(t, "junit", rep, report.Options{WorkDir: "/repo", RepoRoot: "/repo"}), &doc); err != nil {
		t.Fatalf("JUnit output is not well-formed XML: %v", err)
	}
	if len(doc.Suites) != 4 {
		t.Fatalf("%d testsuites, want one per file (4)", len(doc.Suites))
	}
	bySuite := map[string]int{}
	for _, s := range doc.Suites {
		bySuite[s.Name] = len(s.Cases)
	}
	// a b/c:d%.md: the two rules that ran; ünï.md: two rules plus the
	// rule's internal error; /elsewhere/x.md: two rules plus the unknown
	// rule that reported; bad.md: only the read error.
	want := map[string]int{"a b/c:d%.md": 2, "ünï.md": 3, "/elsewhere/x.md": 3, "bad.md": 1}
	for name, n := range want {
		if bySuite[name] != n {
			t.Errorf("suite %q has %d testcases, want %d", name, bySuite[name], n)
		}
	}
	if doc.Tests != 9 || doc.Failures != 3 || doc.Errors != 2 {
		t.Errorf("totals tests=%d failures=%d errors=%d, want 9, 3, 2", doc.Tests, doc.Failures, doc.Errors)
	}
	first := doc.Suites[0]
	if first.Name != "a b/c:d%.md" || first.Cases[1].Name != "duplicate-heading" || len(first.Cases[1].Failures) != 1 {
		t.Fatalf("first suite = %+v", first)
	}
	f := first.Cases[1].Failures[0]
	if f.Type != "error" || f.Message != "line 3, column 2: <script>alert(\"x\")</script> 100% \"quoted\", a:b \uFFFD\uFFFD control <&>" {
		t.Errorf("failure = %+v", f)
	}
}
