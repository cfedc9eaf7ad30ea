package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/version"
)

// RuleDocsURL is where the built-in rules are documented: the README's
// Rules section, one row per rule (`medlint explain RULE` prints the
// rest). A custom rule's diagnostics link the configuration defining it.
const RuleDocsURL = version.InformationURI + "/blob/main/README.md#rules"

// diagnosticSource is every diagnostic's source.
const diagnosticSource = "medlint"

// severity maps a finding's severity to the protocol's.
func severity(s lint.Severity) int {
	switch s {
	case lint.SeverityError:
		return severityError
	case lint.SeverityWarning:
		return severityWarning
	default:
		return severityInformation
	}
}

// diagnostics returns r's findings, in their order (so that
// diagnostics[i] is findings[i]), then its errors, with positions in e.
func (r *lintResult) diagnostics(e encoding) []Diagnostic {
	out := make([]Diagnostic, 0, len(r.findings)+len(r.errors))
	for i := range r.findings {
		f := &r.findings[i]
		out = append(out, Diagnostic{
			Range:           r.findingRange(f, e),
			Severity:        severity(f.Severity),
			Code:            f.Rule,
			CodeDescription: r.ruleDocs(f.Rule),
			Source:          diagnosticSource,
			Message:         f.Message,
		})
	}
	for _, fe := range r.errors {
		out = append(out, r.errorDiagnostic(fe, e))
	}
	return out
}

// findingRange is where f is, in e.
func (r *lintResult) findingRange(f *result.Finding, e encoding) Range {
	return r.byteRange(r.bom+f.Pos, r.bom+f.End, e)
}

// byteRange is the range of the text's bytes from start to end, in e.
func (r *lintResult) byteRange(start, end int, e encoding) Range {
	d := r.doc
	return Range{Start: d.lines.position(d.text, start, e), End: d.lines.position(d.text, end, e)}
}

// ruleDocs links a rule's documentation: the README's for a built-in
// rule, the configuration file for a custom one.
func (r *lintResult) ruleDocs(id string) *CodeDescription {
	if _, ok := lint.Lookup(id); ok {
		return &CodeDescription{Href: RuleDocsURL}
	}
	if r.dc.cfg != nil && r.dc.cfg.Path != "" {
		return &CodeDescription{Href: pathToURI(absPath(r.dc.cfg.Path))}
	}
	return nil
}

// errorDiagnostic reports a file the CLI could not lint (too large, over
// a parse limit, a configuration that does not load, a rule that
// failed), as an error on the line it names, else on the first.
func (r *lintResult) errorDiagnostic(fe result.FileError, e encoding) Diagnostic {
	d := r.doc
	line := 0
	if fe.Line > 0 {
		line = min(fe.Line-1, len(d.lines)-1)
	}
	start := d.lines[line]
	msg := "not linted: " + fe.Message
	if fe.Rule != "" {
		msg = fe.Message
	}
	return Diagnostic{
		Range:    r.byteRange(start, d.lines.lineEnd(d.text, line), e),
		Severity: severityError,
		Code:     fe.Rule,
		Source:   diagnosticSource,
		Message:  msg,
	}
}

// pullDiagnostics answers textDocument/diagnostic: the findings of the
// document's latest version, or "unchanged" when the client has them.
// A document that is not open has none.
func (s *Server) pullDiagnostics(ctx context.Context, params json.RawMessage) (any, error) {
	var p DocumentDiagnosticParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	od, d, ok := s.docs.get(p.TextDocument.URI)
	if !ok {
		return FullDocumentDiagnosticReport{Kind: reportFull, Items: []Diagnostic{}}, nil
	}
	// The version is taken; later edits may be read while this one lints.
	jsonrpc2.Async(ctx)
	r := s.results(od, d)
	id := r.resultID()
	if p.PreviousResultID == id {
		return UnchangedDocumentDiagnosticReport{Kind: reportUnchanged, ResultID: id}, nil
	}
	return FullDocumentDiagnosticReport{Kind: reportFull, ResultID: id, Items: r.diags}, nil
}

// absPath is p made absolute, or p when that fails.
func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
