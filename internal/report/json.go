package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/version"
)

func init() { register("json", func(Options) Formatter { return JSON{} }) }

// JSONSchemaVersion is the version of the JSON report's shape. It changes
// only when a field is removed or changes meaning; new fields may be added
// within a version.
const JSONSchemaVersion = 1

// JSON writes the editors' report: a versioned, documented contract.
type JSON struct{}

// NeedsEdits implements EditConsumer: each fixable finding carries its
// fix's edits (a later addition within schema 1).
func (JSON) NeedsEdits() bool { return true }

// JSONReport is the shape of the JSON report.
type JSONReport struct {
	SchemaVersion int                `json:"schemaVersion"`
	Tool          JSONTool           `json:"tool"`
	Now           string             `json:"now"`
	Summary       result.Summary     `json:"summary"`
	Findings      []result.Finding   `json:"findings"`
	Errors        []result.FileError `json:"errors"`
	// Rules lists the ids of the rules that ran, sorted (a later addition:
	// absent from reports of earlier builds).
	Rules []string `json:"rules"`
	// Paths lists every file linted, sorted, clean ones included (a later
	// addition), so that `medlint merge` rebuilds a run's report from its
	// shards' reports.
	Paths []string `json:"paths"`
	// Shard is set in the report of one shard of a run (check --shard
	// I/N, a later addition), so that merge can tell a shard missing or
	// given twice; absent from a whole run's report.
	Shard *result.Shard `json:"shard,omitempty"`
	// Kinds maps every file linted to its page kind: "advice", "product"
	// or "other" (a later addition).
	Kinds map[string]string `json:"kinds"`
}

// JSONTool names the tool that wrote a report.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Format implements Formatter.
func (JSON) Format(w io.Writer, rep *result.Report) error {
	out := JSONReport{
		SchemaVersion: JSONSchemaVersion,
		Tool:          JSONTool{Name: version.Name, Version: version.Version},
		Now:           rep.Now,
		Summary:       rep.Summary(),
		Findings:      rep.Findings,
		Errors:        rep.Errors,
		Rules:         rep.Rules,
		Paths:         rep.Paths,
		Shard:         rep.Shard,
		Kinds:         rep.Kinds,
	}
	if out.Findings == nil {
		out.Findings = []result.Finding{}
	}
	if out.Errors == nil {
		out.Errors = []result.FileError{}
	}
	if out.Rules == nil {
		out.Rules = []string{}
	}
	if out.Paths == nil {
		out.Paths = []string{}
	}
	if out.Kinds == nil {
		out.Kinds = map[string]string{}
	}
	return writeJSONReport(w, &out)
}

// DecodeJSON reads a report written by the JSON format. It checks that it
// is a medlint report of a schema version this build understands and that
// its summary matches its findings, so that a truncated or hand-edited
// report is an error rather than a silently wrong merge.
func DecodeJSON(r io.Reader) (*JSONReport, error) {
	var rep JSONReport
	dec := json.NewDecoder(r)
	if err := dec.Decode(&rep); err != nil {
		return nil, fmt.Errorf("not a medlint JSON report: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("not a medlint JSON report: data after the report")
	}
	switch {
	case rep.Tool.Name != version.Name || rep.SchemaVersion < 1:
		return nil, errors.New("not a medlint JSON report (no tool.name \"medlint\" and schemaVersion)")
	case rep.SchemaVersion > JSONSchemaVersion:
		return nil, fmt.Errorf("report schema version %d is newer than this medlint understands (%d): upgrade medlint", rep.SchemaVersion, JSONSchemaVersion)
	}
	if err := rep.check(); err != nil {
		return nil, fmt.Errorf("%w: truncated or edited report", err)
	}
	return &rep, nil
}

// check verifies what a report of this build always satisfies: counts are
// not negative and agree with the lists, every finding is complete, names
// a path the report lists and is listed once, and a shard is I of N.
func (j *JSONReport) check() error {
	if j.Shard != nil && (j.Shard.Index < 1 || j.Shard.Index > j.Shard.Total) {
		return fmt.Errorf("shard %d of %d is not I of N with 1 <= I <= N", j.Shard.Index, j.Shard.Total)
	}
	listed := make(map[string]bool, len(j.Paths))
	for _, p := range j.Paths {
		if listed[p] {
			return fmt.Errorf("path %q is listed twice", p)
		}
		listed[p] = true
	}
	if err := j.checkFindings(listed); err != nil {
		return err
	}
	s := (&result.Report{Files: j.Summary.Files, Findings: j.Findings}).Summary()
	if s != j.Summary {
		return fmt.Errorf("the summary (%d findings: %d errors, %d warnings, %d info) does not match the %d findings listed",
			j.Summary.Findings, j.Summary.Error, j.Summary.Warning, j.Summary.Info, len(j.Findings))
	}
	if j.Summary.Files != len(j.Paths) {
		return fmt.Errorf("the summary counts %d files but %d paths are listed", j.Summary.Files, len(j.Paths))
	}
	for i, fe := range j.Errors {
		if fe.Path == "" || fe.Message == "" || fe.Line < 0 {
			return fmt.Errorf("error %d lacks a path or message, or has a negative line", i+1)
		}
	}
	return nil
}

// checkFindings verifies that every finding is complete, names a listed
// path and is listed once.
func (j *JSONReport) checkFindings(listed map[string]bool) error {
	seen := make(map[findingKey]bool, len(j.Findings))
	for i := range j.Findings {
		f := &j.Findings[i]
		switch {
		case f.Path == "" || f.Rule == "" || f.Line < 1 || f.Column < 1 || f.Severity == lint.SeverityUnset:
			return fmt.Errorf("finding %d lacks a path, rule, severity, line or column", i+1)
		case f.EndLine < 0 || f.EndColumn < 0:
			return fmt.Errorf("finding %d (%s:%d) has a negative end", i+1, f.Path, f.Line)
		case !listed[f.Path]:
			return fmt.Errorf("finding %d is for %s, which is not among the paths the report lists", i+1, f.Path)
		}
		if err := checkFileFix(f.FileFix); err != nil {
			return fmt.Errorf("finding %d (%s:%d): %w", i+1, f.Path, f.Line, err)
		}
		k := keyOf(f)
		if seen[k] {
			return fmt.Errorf("finding %d (%s:%d:%d %s) is listed twice", i+1, f.Path, f.Line, f.Column, f.Rule)
		}
		seen[k] = true
	}
	return nil
}

// checkFileFix verifies what the edits of a finding's fix always satisfy:
// some edits, each a range of the file located at a line and column,
// sorted and not overlapping.
func checkFileFix(fix *result.FileFix) error {
	if fix == nil {
		return nil
	}
	if len(fix.Edits) == 0 {
		return errors.New("its fix has no edits")
	}
	last := 0
	for j, e := range fix.Edits {
		if e.Pos < last || e.End < e.Pos || e.Line < 1 || e.Column < 1 || e.EndLine < e.Line || e.EndColumn < 1 {
			return fmt.Errorf("edit %d of its fix is not a range after the previous edit's, located at a line and column", j+1)
		}
		last = e.End
	}
	return nil
}

// findingKey is what the JSON report says of a finding: two findings with
// the same key are one finding listed twice.
type findingKey struct {
	path, rule, check, message string
	line, column, endLine, end int
	severity                   lint.Severity
	fixable                    bool
}

func keyOf(f *result.Finding) findingKey {
	return findingKey{path: f.Path, rule: f.Rule, check: f.Check, message: f.Message,
		line: f.Line, column: f.Column, endLine: f.EndLine, end: f.EndColumn,
		severity: f.Severity, fixable: f.Fixable}
}

// Report returns the result.Report the JSON report was written from
// (without what the JSON format leaves out: byte offsets and fixes).
func (j *JSONReport) Report() *result.Report {
	rep := &result.Report{
		Now: j.Now, Files: j.Summary.Files,
		Findings: j.Findings, Errors: j.Errors, Rules: j.Rules, Paths: j.Paths, Kinds: j.Kinds,
		Shard: j.Shard,
	}
	if len(rep.Findings) == 0 {
		rep.Findings = nil
	}
	if len(rep.Errors) == 0 {
		rep.Errors = nil
	}
	if len(rep.Rules) == 0 {
		rep.Rules = nil
	}
	if len(rep.Paths) == 0 {
		rep.Paths = nil
	}
	if len(rep.Kinds) == 0 {
		rep.Kinds = nil
	}
	return rep
}

// ReadJSON reads a report written by the JSON format back into a
// result.Report (see DecodeJSON for the checks).
func ReadJSON(r io.Reader) (*result.Report, error) {
	j, err := DecodeJSON(r)
	if err != nil {
		return nil, err
	}
	return j.Report(), nil
}
