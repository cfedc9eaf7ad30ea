package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// fuzzReport builds a report of two files from fuzzed parts: a finding in
// each, a read error for a third file and a rule's internal error.
func fuzzReport(path, path2, rule, check, msg string, line, col, endLine, endCol int, sev uint8, fixable bool) *result.Report {
	if path2 == path {
		path2 += "/2" // a report lists a path once
	}
	severity := lint.Severity(1 + int(sev)%3)
	rep := &result.Report{
		Now: "2026-11-25", Files: 2, Paths: []string{path, path2}, Rules: []string{rule, "directive"},
		Findings: []result.Finding{
			{Path: path, Line: line, Column: col, EndLine: endLine, EndColumn: endCol, Rule: rule, Check: check,
				Severity: severity, Message: msg, Fixable: fixable, Lines: []string{msg}},
			{Path: path2, Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Rule: "directive", Severity: lint.SeverityInfo, Message: path},
		},
		Errors: []result.FileError{
			{Path: path2 + msg, Message: msg},
			{Path: path, Line: line, Rule: rule, Message: check},
		},
	}
	rep.Sort()
	return rep
}

// addWriterSeeds gives a writer's fuzzer the strings that broke writers
// before: control characters, escape sequences, forged workflow commands,
// percent signs, XML and HTML syntax, invalid UTF-8.
func addWriterSeeds(f *testing.F) {
	f.Add("a.md", "b.md", "duplicate-heading", "", "plain message", 3, 1, 3, 9, uint8(0), false)
	f.Add("a b/c:d%.md", "ünï.md", "list-format", "marker", "100% \"quoted\", a:b <script>&amp;</script>", 1, 2, 0, 0, uint8(1), true)
	f.Add("x\n::error file=y.md::forged", "\x1b]0;t\x07.md", "r\r\nx", "c,d", "line\nbreak\r\n::warning::fake\x1b[2J\u009b\x9b\xff", -1, 0, -5, -7, uint8(2), false)
	f.Add("/abs/path.md", "-", "id", "]]>", "\x00\x01\x7f\u2028\u2029 ]]> --> %0A%25", 1<<40, 1<<31, 1, 1, uint8(5), true)
	f.Add("", "<stdin>", "", "", "", 0, 0, 0, 0, uint8(0), false)
}

// renderTB is render for any testing.TB.
func renderTB(t testing.TB, name string, rep *result.Report, opts report.Options) string {
	t.Helper()
	f, err := report.New(name, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, rep); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return buf.String()
}

// FuzzSARIFWriter: whatever a finding holds, the SARIF log is JSON valid
// against the SARIF 2.1.0 schema, with one result per finding.
func FuzzSARIFWriter(f *testing.F) {
	addWriterSeeds(f)
	sch := sarifSchema(f)
	// Two rules, not the registry: the rules' help texts would be most of
	// every log, and they are constant.
	var pinned []lint.Rule
	for _, id := range goldenRules {
		r, ok := lint.Lookup(id)
		if !ok {
			f.Fatalf("no rule %s", id)
		}
		pinned = append(pinned, r)
	}
	f.Fuzz(func(t *testing.T, path, path2, rule, check, msg string, line, col, endLine, endCol int, sev uint8, fixable bool) {
		rep := fuzzReport(path, path2, rule, check, msg, line, col, endLine, endCol, sev, fixable)
		out := renderTB(t, "sarif", rep, report.Options{WorkDir: "/repo/sub", RepoRoot: "/repo", Rules: pinned})
		checkSARIF(t, out, rep)
		if err := validateSARIF(t, sch, []byte(out)); err != nil {
			t.Fatalf("SARIF does not validate: %v\n%s", err, out)
		}
	})
}

// checkSARIF fails t unless out is one JSON value with a result per
// finding of rep.
func checkSARIF(t testing.TB, out string, rep *result.Report) {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("SARIF is not JSON: %v\n%s", err, out)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		t.Fatalf("SARIF: data after the log")
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != len(rep.Findings) {
		t.Fatalf("SARIF: %d runs, want 1 with %d results:\n%s", len(log.Runs), len(rep.Findings), out)
	}
}

// FuzzJUnitWriter: the JUnit report is well-formed XML with a failure per
// finding and an error per file error.
func FuzzJUnitWriter(f *testing.F) {
	addWriterSeeds(f)
	f.Fuzz(func(t *testing.T, path, path2, rule, check, msg string, line, col, endLine, endCol int, sev uint8, fixable bool) {
		rep := fuzzReport(path, path2, rule, check, msg, line, col, endLine, endCol, sev, fixable)
		checkJUnit(t, renderTB(t, "junit", rep, report.Options{WorkDir: "/repo/sub", RepoRoot: "/repo"}), rep)
	})
}

// checkJUnit fails t unless out is well-formed XML whose failure and
// error elements count rep's findings and errors (errors of unreadable
// files replace the rules' testcases of their file).
func checkJUnit(t testing.TB, out string, rep *result.Report) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(out))
	failures, errs, depth := 0, 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("JUnit is not well-formed XML: %v\n%s", err, out)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			switch el.Name.Local {
			case "failure":
				failures++
			case "error":
				errs++
			}
		case xml.EndElement:
			depth--
		}
	}
	if depth != 0 {
		t.Fatalf("JUnit: unbalanced elements")
	}
	unreadable := map[string]bool{}
	for _, fe := range rep.Errors {
		if fe.Rule == "" {
			unreadable[fe.Path] = true
		}
	}
	want := 0
	for _, f := range rep.Findings {
		if !unreadable[f.Path] {
			want++
		}
	}
	if failures != want || errs != len(rep.Errors) {
		t.Fatalf("JUnit: %d failures and %d errors, want %d and %d:\n%s", failures, errs, want, len(rep.Errors), out)
	}
}

// FuzzTextWriter: the text report is one line per finding and a summary,
// whatever a path or message holds, with no control character but TAB
// (and, with colour, the writer's own SGR sequences).
func FuzzTextWriter(f *testing.F) {
	addWriterSeeds(f)
	f.Fuzz(func(t *testing.T, path, path2, rule, check, msg string, line, col, endLine, endCol int, sev uint8, fixable bool) {
		rep := fuzzReport(path, path2, rule, check, msg, line, col, endLine, endCol, sev, fixable)
		for _, color := range []bool{false, true} {
			out := renderTB(t, "text", rep, report.Options{Color: color})
			if color {
				out = stripSGR(out)
			}
			checkText(t, out, rep)
		}
	})
}

// checkText fails t unless out has a line per finding of rep, each
// starting with its escaped path and position, then the summary.
func checkText(t testing.TB, out string, rep *result.Report) {
	t.Helper()
	checkNoControl(t, "text", out)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if !strings.HasSuffix(out, "\n") || len(lines) != len(rep.Findings)+1 {
		t.Fatalf("text: %d lines, want %d findings and the summary:\n%s", len(lines), len(rep.Findings), out)
	}
	for i, f := range rep.Findings {
		if want := report.EscapeControl(f.Path) + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + ": "; !strings.HasPrefix(lines[i], want) {
			t.Fatalf("text line %d %q does not start with %q", i+1, lines[i], want)
		}
	}
	if lines[len(lines)-1] != report.Summarize(rep) {
		t.Fatalf("text: last line %q is not the summary", lines[len(lines)-1])
	}
}

// checkNoControl fails t if out holds a control character other than TAB
// and LF, or is not UTF-8.
func checkNoControl(t testing.TB, name, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%s: not UTF-8: %q", name, out)
	}
	if i := strings.IndexFunc(out, func(r rune) bool {
		return (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r <= 0x9f)
	}); i >= 0 {
		t.Fatalf("%s: control character or invalid UTF-8 at byte %d: %q", name, i, out)
	}
}

// FuzzGitHubWriter: the GitHub format is one workflow command per finding
// and file error, whose properties and message the runner decodes back to
// the text (control characters shown escaped, line breaks kept).
func FuzzGitHubWriter(f *testing.F) {
	addWriterSeeds(f)
	f.Fuzz(func(t *testing.T, path, path2, rule, check, msg string, line, col, endLine, endCol int, sev uint8, fixable bool) {
		rep := fuzzReport(path, path2, rule, check, msg, line, col, endLine, endCol, sev, fixable)
		checkGitHub(t, renderTB(t, "github", rep, report.Options{}), rep)
	})
}

var (
	githubLine     = regexp.MustCompile(`^::(error|warning|notice) ([^:]*)::(.*)$`)
	githubUndoData = strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n")
	githubUndoProp = strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")
)

// checkGitHub fails t unless out is a workflow command per file error and
// finding of rep (given report.Options{}, paths as they are), in order,
// that decode to their escaped texts.
func checkGitHub(t testing.TB, out string, rep *result.Report) {
	t.Helper()
	checkNoControl(t, "github", out)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if out == "" {
		lines = nil
	}
	if len(lines) != len(rep.Errors)+len(rep.Findings) {
		t.Fatalf("github: %d lines, want %d commands:\n%s", len(lines), len(rep.Errors)+len(rep.Findings), out)
	}
	for i, l := range lines {
		m := githubLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("github line %d is not a workflow command: %q", i+1, l)
		}
		props := map[string]string{}
		for _, kv := range strings.Split(m[2], ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("github line %d: property %q is not key=value", i+1, kv)
			}
			props[k] = githubUndoProp.Replace(v)
		}
		var file, title, msg string
		if i < len(rep.Errors) {
			fe := rep.Errors[i]
			file, title, msg = fe.Path, fe.Rule, fe.Message
			if title == "" {
				title = "medlint"
			}
		} else {
			f := rep.Findings[i-len(rep.Errors)]
			file, title, msg = f.Path, f.Rule, f.Message
			if props["line"] != strconv.Itoa(f.Line) || props["col"] != strconv.Itoa(f.Column) {
				t.Fatalf("github line %d: line=%s col=%s, want %d and %d", i+1, props["line"], props["col"], f.Line, f.Column)
			}
		}
		if props["file"] != visible(file) || props["title"] != visible(title) || githubUndoData.Replace(m[3]) != visible(msg) {
			t.Fatalf("github line %d decodes to file %q title %q message %q, want %q %q %q",
				i+1, props["file"], props["title"], githubUndoData.Replace(m[3]), visible(file), visible(title), visible(msg))
		}
	}
}

// visible is what an annotation should show of s: s with its control
// characters escaped but its line breaks, which the workflow command
// carries %-encoded, kept.
func visible(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			b.WriteString(report.EscapeControl(s))
			return b.String()
		}
		b.WriteString(report.EscapeControl(s[:i]))
		b.WriteByte(s[i])
		s = s[i+1:]
	}
}

// FuzzCodeClimateWriter: the Code Climate report is a JSON array of one
// complete issue per file error and finding, with unique fingerprints.
func FuzzCodeClimateWriter(f *testing.F) {
	addWriterSeeds(f)
	f.Fuzz(func(t *testing.T, path, path2, rule, check, msg string, line, col, endLine, endCol int, sev uint8, fixable bool) {
		rep := fuzzReport(path, path2, rule, check, msg, line, col, endLine, endCol, sev, fixable)
		checkCodeClimate(t, []byte(renderTB(t, "codeclimate", rep, report.Options{WorkDir: "/repo/sub", RepoRoot: "/repo"})), rep)
	})
}

// FuzzCheckstyleWriter: the Checkstyle report is well-formed XML 1.0,
// control characters and all, with an error per file error and finding.
func FuzzCheckstyleWriter(f *testing.F) {
	addWriterSeeds(f)
	f.Fuzz(func(t *testing.T, path, path2, rule, check, msg string, line, col, endLine, endCol int, sev uint8, fixable bool) {
		rep := fuzzReport(path, path2, rule, check, msg, line, col, endLine, endCol, sev, fixable)
		checkCheckstyle(t, renderTB(t, "checkstyle", rep, report.Options{WorkDir: "/repo/sub", RepoRoot: "/repo"}), rep)
	})
}

// FuzzMarkdownWriter: whatever a path or message holds, the Markdown
// summary renders no tag, link or image of its own, and each finding's
// message stays in its cell.
func FuzzMarkdownWriter(f *testing.F) {
	addWriterSeeds(f)
	f.Add("[x](https://e.example).md", "<img src=x>.md", "r|x", "`c`", "| a | ![i](u) <b>*e*</b> ~~s~~ $m$ &lt; \\| <!--", 1, 1, 1, 2, uint8(0), true)
	f.Fuzz(func(t *testing.T, path, path2, rule, check, msg string, line, col, endLine, endCol int, sev uint8, fixable bool) {
		rep := fuzzReport(path, path2, rule, check, msg, line, col, endLine, endCol, sev, fixable)
		checkMarkdown(t, renderTB(t, "markdown", rep, report.Options{WorkDir: "/repo/sub", RepoRoot: "/repo", SourceURL: testSourceURL}), rep)
	})
}
