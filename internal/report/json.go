package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

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
	s := (&result.Report{Files: rep.Summary.Files, Findings: rep.Findings}).Summary()
	if s != rep.Summary {
		return nil, fmt.Errorf("the summary (%d findings: %d errors, %d warnings, %d info) does not match the %d findings listed: truncated or edited report",
			rep.Summary.Findings, rep.Summary.Error, rep.Summary.Warning, rep.Summary.Info, len(rep.Findings))
	}
	for i, f := range rep.Findings {
		if f.Path == "" || f.Rule == "" || f.Line < 1 || f.Column < 1 {
			return nil, fmt.Errorf("finding %d lacks a path, rule, line or column", i+1)
		}
	}
	return &rep, nil
}

// Report returns the result.Report the JSON report was written from
// (without what the JSON format leaves out: byte offsets and fixes).
func (j *JSONReport) Report() *result.Report {
	rep := &result.Report{
		Now: j.Now, Files: j.Summary.Files,
		Findings: j.Findings, Errors: j.Errors, Rules: j.Rules, Paths: j.Paths, Kinds: j.Kinds,
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
