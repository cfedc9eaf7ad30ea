package lsp

import (
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/result"
)

// utf8BOM is the byte order mark a document's text may start with: the
// findings' offsets count from after it.
const utf8BOM = "\uFEFF"

// lintResult is what linting one version of a document gave.
type lintResult struct {
	doc *document
	dc  docConfig
	now time.Time
	// bom is the length of the byte order mark the text starts with (0 or
	// 3): the findings' offsets are into the text after it.
	bom      int
	findings []result.Finding
	errors   []result.FileError
	// diags are the findings and errors as diagnostics (diagnostics.go),
	// made once per lint.
	diags []Diagnostic
	// seq numbers the lint (lintSeq).
	seq uint64
	// actions caches the code actions' costly parts (actions.go).
	actions actionCache
}

// current reports whether r is the lint of d with the configuration
// generation gen on the day now.
func (r *lintResult) current(d *document, gen uint64, now time.Time) bool {
	return r != nil && r.doc == d && r.dc.gen == gen && r.now.Equal(now)
}

// lintSeq numbers the lints of the process, for pull diagnostics'
// result ids.
var lintSeq atomic.Uint64

// resultID identifies r for pull diagnostics' previousResultId: unique
// to the lint, so that a document reopened at the same version is not
// taken for unchanged.
func (r *lintResult) resultID() string {
	return "medlint-" + strconv.FormatUint(r.seq, 10)
}

// lintDocument lints d with its configuration as `medlint check` lints
// the same text at the same path (engine.LintSource): an ignored file
// has no findings, and a configuration that cannot be loaded is an error
// of the document.
func lintDocument(d *document, dc docConfig, now time.Time) *lintResult {
	r := &lintResult{doc: d, dc: dc, now: now, seq: lintSeq.Add(1)}
	if strings.HasPrefix(d.text, utf8BOM) {
		r.bom = len(utf8BOM)
	}
	switch {
	case dc.err != nil:
		r.errors = []result.FileError{{Path: dc.rel, Message: dc.err.Error()}}
	case dc.ignored:
	default:
		fr := engine.LintSource(dc.rel, dc.rel, []byte(d.text), dc.cfg, dc.active, now, engine.SourceOptions{Texts: d.texts, CPUs: runtime.GOMAXPROCS(0) - 1})
		d.texts.Turn()
		r.findings, r.errors = fr.Findings, fr.Errors
	}
	return r
}
