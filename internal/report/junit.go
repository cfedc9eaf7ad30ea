package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/version"
)

func init() { register("junit", func(o Options) Formatter { return &JUnit{opts: o} }) }

// JUnit writes JUnit XML for GitLab's and Jenkins' test reports: a
// testsuite per file, a testcase per rule that ran, and a failure element
// per finding of that rule in that file (the failures counts count failed
// testcases, as JUnit defines them). A file that could not be linted gets
// an error testcase instead of the rules' testcases. The file attribute is
// relative to the repository root, for links from GitLab.
type JUnit struct{ opts Options }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	File      string         `xml:"file,attr,omitempty"`
	Line      int            `xml:"line,attr,omitempty"`
	Failures  []junitFailure `xml:"failure"`
	Error     *junitFailure  `xml:"error"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Format implements Formatter.
func (j *JUnit) Format(w io.Writer, rep *result.Report) error {
	byPath := map[string][]result.Finding{}
	for _, f := range rep.Findings {
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	errsByPath := map[string][]result.FileError{}
	for _, fe := range rep.Errors {
		errsByPath[fe.Path] = append(errsByPath[fe.Path], fe)
	}
	paths := append([]string(nil), rep.Paths...)
	known := map[string]bool{}
	for _, p := range paths {
		known[p] = true
	}
	// Paths that could not even be read are not in rep.Paths.
	for _, fe := range rep.Errors {
		if !known[fe.Path] {
			known[fe.Path] = true
			paths = append(paths, fe.Path)
		}
	}
	for _, f := range rep.Findings {
		if !known[f.Path] {
			known[f.Path] = true
			paths = append(paths, f.Path)
		}
	}
	out := junitSuites{Name: version.Name}
	for _, path := range paths {
		file, _ := j.opts.repoPath(path)
		s := junitSuite{Name: path}
		byRule := map[string][]result.Finding{}
		for _, f := range byPath[path] {
			byRule[f.Rule] = append(byRule[f.Rule], f)
		}
		ran := map[string]bool{}
		addCase := func(rule string) {
			c := junitCase{Name: rule, Classname: path, File: file}
			for _, f := range byRule[rule] {
				if c.Line == 0 {
					c.Line = f.Line
				}
				c.Failures = append(c.Failures, junitFailure{
					Message: fmt.Sprintf("line %d, column %d: %s", f.Line, f.Column, f.Message),
					Type:    f.Severity.String(),
					Text:    fmt.Sprintf("%s:%d:%d: %s %s %s", f.Path, f.Line, f.Column, f.Severity, ruleAndCheck(&f), f.Message),
				})
			}
			if len(c.Failures) > 0 {
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		unreadable := false
		for _, fe := range errsByPath[path] {
			unreadable = unreadable || fe.Rule == ""
		}
		if !unreadable {
			for _, rule := range rep.Rules {
				ran[rule] = true
				addCase(rule)
			}
			// Findings of rules not listed as run (a report built by hand).
			for _, f := range byPath[path] {
				if !ran[f.Rule] {
					ran[f.Rule] = true
					addCase(f.Rule)
				}
			}
		}
		for _, fe := range errsByPath[path] {
			name := version.Name
			if fe.Rule != "" {
				name = fe.Rule
			}
			s.Cases = append(s.Cases, junitCase{
				Name: name, Classname: path, File: file, Line: fe.Line,
				Error: &junitFailure{Message: fe.Message, Type: "error", Text: fe.Message},
			})
			s.Errors++
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Suites = append(out.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encoding JUnit XML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func ruleAndCheck(f *result.Finding) string {
	if f.Check != "" {
		return f.Rule + "/" + f.Check
	}
	return f.Rule
}
