package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/version"
)

func init() { register("codeclimate", func(o Options) Formatter { return &CodeClimate{opts: o} }) }

// CodeClimate writes a Code Climate issues array, the subset GitLab's
// Code Quality report reads (artifacts:reports:codequality): a
// description, check_name, fingerprint, severity and location (path
// relative to the repository root, lines.begin and lines.end) per finding,
// plus the type and categories the Code Climate specification requires.
// Files that could not be linted are issues too (check_name "medlint",
// severity "critical"), so that a merge request does not look clean
// because nothing was read.
//
// Fingerprints are stable across runs: they hash what SARIF's partial
// fingerprint hashes (Fingerprint: rule, sub-check, path, the flagged
// line's text and the message without its numbers, never the line
// number) and the occurrence of that hash in the file, so that GitLab
// tells a new finding from one that moved.
type CodeClimate struct{ opts Options }

// NeedsLines implements LineConsumer: fingerprints hash the flagged line.
func (*CodeClimate) NeedsLines() bool { return true }

type ccIssue struct {
	Type        string     `json:"type"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Categories  []string   `json:"categories"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
	Location    ccLocation `json:"location"`
}

type ccLocation struct {
	Path  string  `json:"path"`
	Lines ccLines `json:"lines"`
}

type ccLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// codeClimateSeverity maps a severity to Code Climate's scale (info,
// minor, major, critical, blocker): an error, which fails CI by default,
// is major.
func codeClimateSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "major"
	case lint.SeverityWarning:
		return "minor"
	default:
		return "info"
	}
}

// ccCategory is the Code Climate category of every medlint issue: the
// findings are about how an article reads and what it must say.
const ccCategory = "Clarity"

// Format implements Formatter.
func (c *CodeClimate) Format(w io.Writer, rep *result.Report) error {
	issues := make([]ccIssue, 0, len(rep.Errors)+len(rep.Findings))
	for _, fe := range rep.Errors {
		path, _ := c.opts.repoPath(fe.Path)
		name := version.Name
		if fe.Rule != "" {
			name = fe.Rule
		}
		line := max(fe.Line, 1)
		issues = append(issues, ccIssue{
			Type: "issue", CheckName: name, Description: fe.Message, Categories: []string{ccCategory},
			Severity: "critical", Fingerprint: ccFingerprint("error", name, path, fmt.Sprint(fe.Line), fe.Message),
			Location: ccLocation{Path: path, Lines: ccLines{Begin: line, End: line}},
		})
	}
	seen := map[string]int{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		path, _ := c.opts.repoPath(f.Path)
		hash := Fingerprint(f, path)
		seen[hash]++
		begin, end := max(f.Line, 1), f.EndLine
		if end > begin && f.EndColumn == 1 {
			end-- // the range stops at the start of the next line
		}
		issues = append(issues, ccIssue{
			Type: "issue", CheckName: ruleAndCheck(f), Description: f.Message, Categories: []string{ccCategory},
			Severity: codeClimateSeverity(f.Severity), Fingerprint: ccFingerprint(hash, fmt.Sprint(seen[hash])),
			Location: ccLocation{Path: path, Lines: ccLines{Begin: begin, End: max(end, begin)}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(issues); err != nil {
		return fmt.Errorf("encoding the Code Climate report: %w", err)
	}
	return nil
}

// ccFingerprint hashes parts into the 32 hexadecimal digits of an issue's
// fingerprint.
func ccFingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
