package report

import (
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
	}
	if out.Findings == nil {
		out.Findings = []result.Finding{}
	}
	if out.Errors == nil {
		out.Errors = []result.FileError{}
	}
	return writeJSONReport(w, &out)
}
