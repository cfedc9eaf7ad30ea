package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/version"
)

func init() { register("checkstyle", func(o Options) Formatter { return &Checkstyle{opts: o} }) }

// Checkstyle writes Checkstyle XML (version 4.3), which Jenkins' Warnings
// plugin, reviewdog, SonarQube and many CI dashboards read:
//
//	<checkstyle version="4.3">
//	  <file name="articles/a.md">
//	    <error line="3" column="1" severity="warning" message="..." source="medlint.duplicate-heading"/>
//	  </file>
//	</checkstyle>
//
// Every file linted has a file element (clean ones empty), in the report's
// order, named relative to the repository root. A file that could not be
// linted gets an error of source "medlint" (or of the failing rule).
// Control characters, which XML 1.0 cannot hold even escaped, are shown as
// EscapeControl shows them (\x1b); line breaks are kept.
type Checkstyle struct{ opts Options }

type csRoot struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// CheckstyleVersion is the Checkstyle report version written.
const CheckstyleVersion = "4.3"

// checkstyleSeverity maps a severity to Checkstyle's (error, warning,
// info, ignore).
func checkstyleSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	default:
		return "info"
	}
}

// Format implements Formatter.
func (c *Checkstyle) Format(w io.Writer, rep *result.Report) error {
	root := csRoot{Version: CheckstyleVersion}
	index := map[string]int{}
	file := func(display string) *csFile {
		i, ok := index[display]
		if !ok {
			name, _ := c.opts.repoPath(display)
			i = len(root.Files)
			index[display] = i
			root.Files = append(root.Files, csFile{Name: xmlVisible(name)})
		}
		return &root.Files[i]
	}
	for _, p := range rep.Paths {
		file(p)
	}
	for _, fe := range rep.Errors {
		source := version.Name
		if fe.Rule != "" {
			source = version.Name + "." + fe.Rule
		}
		f := file(fe.Path)
		f.Errors = append(f.Errors, csError{Line: max(fe.Line, 1), Severity: "error", Message: xmlVisible(fe.Message), Source: xmlVisible(source)})
	}
	for i := range rep.Findings {
		fd := &rep.Findings[i]
		source := version.Name + "." + fd.Rule
		if fd.Check != "" {
			source += "." + fd.Check
		}
		f := file(fd.Path)
		f.Errors = append(f.Errors, csError{
			Line: max(fd.Line, 1), Column: max(fd.Column, 1), Severity: checkstyleSeverity(fd.Severity),
			Message: xmlVisible(fd.Message), Source: xmlVisible(source),
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("encoding Checkstyle XML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// xmlVisible returns s with the characters XML 1.0 cannot carry (C0
// controls but TAB, LF and CR; invalid UTF-8) and the C1 controls, which
// it discourages, shown as EscapeControl shows them; line breaks stay,
// for the encoder to escape.
func xmlVisible(s string) string {
	if firstControl(s) < 0 {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			b.WriteString(EscapeControl(s))
			return b.String()
		}
		b.WriteString(EscapeControl(s[:i]))
		b.WriteByte(s[i])
		s = s[i+1:]
	}
}
