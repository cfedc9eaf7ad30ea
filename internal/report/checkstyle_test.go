package report_test

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

type checkstyleDoc struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

// checkCheckstyle fails t unless out is well-formed Checkstyle XML, with
// no character XML 1.0 forbids, holding an error per file error and
// finding of rep; it returns the document.
func checkCheckstyle(t testing.TB, out string, rep *result.Report) checkstyleDoc {
	t.Helper()
	if i := strings.IndexFunc(out, func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
	}); i >= 0 {
		t.Fatalf("Checkstyle XML holds a character XML 1.0 forbids at byte %d: %q", i, out)
	}
	var doc checkstyleDoc
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("Checkstyle output is not well-formed XML: %v\n%s", err, out)
	}
	n := 0
	for _, f := range doc.Files {
		for _, e := range f.Errors {
			if e.Line < 1 || e.Severity == "" || e.Source == "" {
				t.Fatalf("error in %s lacks a line, severity or source: %+v", f.Name, e)
			}
		}
		n += len(f.Errors)
	}
	if doc.Version != "4.3" || n != len(rep.Errors)+len(rep.Findings) {
		t.Fatalf("version %q with %d errors, want 4.3 with %d:\n%s", doc.Version, n, len(rep.Errors)+len(rep.Findings), out)
	}
	return doc
}

func TestCheckstyle(t *testing.T) {
	t.Parallel()
	rep := hostileReport()
	rep.Findings[0].Message += " \x01\x1b[2J \ufffe control <&>\n]]>"
	doc := checkCheckstyle(t, string(render(t, "checkstyle", rep, report.Options{WorkDir: "/repo/sub", RepoRoot: "/repo"})), rep)
	if len(doc.Files) != 4 {
		t.Fatalf("%d files, want one per path (4)", len(doc.Files))
	}
	names := []string{"sub/a b/c:d%.md", "sub/ünï.md", "/elsewhere/x.md", "sub/bad.md"}
	for i, f := range doc.Files {
		if f.Name != names[i] {
			t.Errorf("file %d is %q, want %q (relative to the repository root)", i, f.Name, names[i])
		}
	}
	first := doc.Files[0].Errors[0]
	if want := `<script>alert("x")</script> 100% "quoted", a:b \x01\x1b[2J ` + "\ufffd" + " control <&>\n]]>"; first.Message != want {
		t.Errorf("message decodes to %q, want %q", first.Message, want)
	}
	if first.Severity != "error" || first.Source != "medlint.duplicate-heading" || first.Line != 3 || first.Column != 2 {
		t.Errorf("first error %+v", first)
	}
	uni := doc.Files[1].Errors
	if len(uni) != 2 || uni[0].Source != "medlint.duplicate-heading" || uni[0].Line != 4 || uni[1].Source != "medlint.directive.verb" || uni[1].Severity != "info" {
		t.Errorf("ünï.md errors %+v: want the rule's internal error, then the info finding", uni)
	}
	if bad := doc.Files[3].Errors; len(bad) != 1 || bad[0].Source != "medlint" || bad[0].Line != 1 {
		t.Errorf("unreadable file's errors %+v", bad)
	}
	empty := checkCheckstyle(t, string(render(t, "checkstyle", &result.Report{}, report.Options{})), &result.Report{})
	if len(empty.Files) != 0 {
		t.Errorf("empty report has files: %+v", empty.Files)
	}
}
