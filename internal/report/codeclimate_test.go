package report_test

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// ccIssue is what GitLab's Code Quality report reads of an issue.
type ccIssue struct {
	Type        string   `json:"type"`
	CheckName   string   `json:"check_name"`
	Description string   `json:"description"`
	Categories  []string `json:"categories"`
	Severity    string   `json:"severity"`
	Fingerprint string   `json:"fingerprint"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
			End   int `json:"end"`
		} `json:"lines"`
	} `json:"location"`
}

var ccFingerprintRE = regexp.MustCompile(`^[0-9a-f]{32}$`)

// checkCodeClimate fails t unless out is a JSON array of one complete
// issue per file error and finding of rep, with unique fingerprints.
func checkCodeClimate(t testing.TB, out []byte, rep *result.Report) []ccIssue {
	t.Helper()
	var issues []ccIssue
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatalf("Code Climate report is not a JSON array of issues: %v\n%s", err, out)
	}
	if issues == nil || len(issues) != len(rep.Errors)+len(rep.Findings) {
		t.Fatalf("%d issues, want one per error and finding (%d):\n%s", len(issues), len(rep.Errors)+len(rep.Findings), out)
	}
	severities := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	seen := map[string]bool{}
	for i, is := range issues {
		switch {
		case is.Type != "issue" || len(is.Categories) == 0:
			t.Fatalf("issue %d: type %q categories %v, want issue and a category", i, is.Type, is.Categories)
		case !severities[is.Severity]:
			t.Fatalf("issue %d: severity %q is not one of GitLab's", i, is.Severity)
		case !ccFingerprintRE.MatchString(is.Fingerprint) || seen[is.Fingerprint]:
			t.Fatalf("issue %d: fingerprint %q is not 32 hex digits or not unique", i, is.Fingerprint)
		case is.Location.Lines.Begin < 1 || is.Location.Lines.End < is.Location.Lines.Begin:
			t.Fatalf("issue %d: lines %d-%d", i, is.Location.Lines.Begin, is.Location.Lines.End)
		}
		seen[is.Fingerprint] = true
	}
	return issues
}

func TestCodeClimate(t *testing.T) {
	t.Parallel()
	rep := hostileReport()
	issues := checkCodeClimate(t, render(t, "codeclimate", rep, report.Options{WorkDir: "/repo", RepoRoot: "/repo"}), rep)
	// File errors first, then findings in report order.
	want := []struct{ check, severity, path string }{
		{"medlint", "critical", "bad.md"},
		{"duplicate-heading", "critical", "ünï.md"},
		{"duplicate-heading", "major", "a b/c:d%.md"},
		{"directive/verb", "info", "ünï.md"},
		{"no-such-rule", "minor", "/elsewhere/x.md"},
	}
	for i, w := range want {
		if got := issues[i]; got.CheckName != w.check || got.Severity != w.severity || got.Location.Path != w.path {
			t.Errorf("issue %d: %s %s %s, want %s %s %s", i, got.CheckName, got.Severity, got.Location.Path, w.check, w.severity, w.path)
		}
	}
	if got := issues[2].Description; got != rep.Findings[0].Message {
		t.Errorf("description %q, want the message as it is (JSON escapes it)", got)
	}
	// An end before the start is clamped to the start.
	if l := issues[4].Location.Lines; l.Begin != 2 || l.End != 2 {
		t.Errorf("lines %+v, want 2-2", l)
	}
	// Empty report: an empty array, not null.
	if got := string(render(t, "codeclimate", &result.Report{}, report.Options{})); got != "[]\n" {
		t.Errorf("empty report: %q, want []", got)
	}
}

// TestCodeClimateFingerprintsStable: a finding keeps its fingerprint when
// lines are added above it, and two identical findings get two.
func TestCodeClimateFingerprintsStable(t *testing.T) {
	t.Parallel()
	mk := func(line int) *result.Report {
		rep := hostileReport()
		rep.Errors = nil
		rep.Findings[0].Line, rep.Findings[0].EndLine = line, line
		twin := rep.Findings[0]
		twin.Line, twin.EndLine = line+5, line+5
		rep.Findings = append(rep.Findings, twin)
		return rep
	}
	opts := report.Options{WorkDir: "/repo", RepoRoot: "/repo"}
	a := checkCodeClimate(t, render(t, "codeclimate", mk(3), opts), mk(3))
	b := checkCodeClimate(t, render(t, "codeclimate", mk(30), opts), mk(30))
	for i := range a {
		if a[i].Fingerprint != b[i].Fingerprint {
			t.Errorf("issue %d: fingerprint changed when the finding moved down: %s, %s", i, a[i].Fingerprint, b[i].Fingerprint)
		}
	}
	if a[0].Fingerprint == a[3].Fingerprint {
		t.Error("two identical findings share a fingerprint; GitLab would show one")
	}
}
