package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

func init() { register("github", func(o Options) Formatter { return &GitHub{opts: o} }) }

// GitHub writes GitHub Actions workflow commands, one per finding, which
// the runner turns into annotations on the pull request:
//
//	::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
//
// Paths are relative to the repository root, as GitHub expects.
type GitHub struct{ opts Options }

// githubCommand maps a severity to its workflow command.
func githubCommand(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	default:
		return "notice"
	}
}

// Format implements Formatter.
func (g *GitHub) Format(w io.Writer, rep *result.Report) error {
	bw := bufio.NewWriter(w)
	for _, fe := range rep.Errors {
		path, _ := g.opts.repoPath(fe.Path)
		props := "file=" + EscapeGitHubProperty(path)
		if fe.Line > 0 {
			props += fmt.Sprintf(",line=%d", fe.Line)
		}
		title := "medlint"
		msg := fe.Message
		if fe.Rule != "" {
			title = fe.Rule
		}
		props += ",title=" + EscapeGitHubProperty(title)
		fmt.Fprintf(bw, "::error %s::%s\n", props, EscapeGitHubData(msg))
	}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		path, _ := g.opts.repoPath(f.Path)
		title := f.Rule
		endLine, endCol := f.EndLine, f.EndColumn
		if endLine < f.Line || (endLine == f.Line && endCol < f.Column) {
			endLine, endCol = f.Line, f.Column
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubCommand(f.Severity), EscapeGitHubProperty(path), f.Line, f.Column, endLine, endCol,
			EscapeGitHubProperty(title), EscapeGitHubData(f.Message))
	}
	return bw.Flush()
}

var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// EscapeGitHubData escapes a workflow command's message as the Actions
// toolkit does (escapeData: %, CR and LF, which the runner turns back into
// a multi-line message), then shows the other control characters as
// EscapeControl does, so that no escape sequence reaches the job's log.
func EscapeGitHubData(s string) string { return EscapeControl(githubData.Replace(s)) }

// EscapeGitHubProperty escapes a workflow command's property value as the
// Actions toolkit does (escapeProperty: %, CR, LF, colon and comma), then
// shows the other control characters as EscapeControl does.
func EscapeGitHubProperty(s string) string { return EscapeControl(githubProperty.Replace(s)) }
