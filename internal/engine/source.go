package engine

import (
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/textmemo"
)

// SourceOptions are what a caller that lints one buffer again and again,
// an editor, gives LintSource; the zero value lints as `medlint check`.
type SourceOptions struct {
	// Texts is the memo of the earlier lints of the same buffer
	// (document.Document.Texts): the caller keeps it between calls and
	// turns it after each (textmemo.Store.Turn).
	Texts *textmemo.Store
	// CPUs is how many CPUs besides the caller's the rules of a buffer of
	// editorParallelMin bytes or more may run on.
	CPUs int
}

// LintSource lints src, the text of the file at rel (relative to cfg.Dir),
// as Run lints that file once it has read it: cfg's max-file-size, the
// check for UTF-16 without a byte order mark, cfg's parse limits, the
// page-kind configuration for rel, and directives that may name any rule
// cfg knows. active is cfg.Resolve(rel), which the caller may keep
// between calls. An editor's unsaved text thus gets the findings
// `medlint check` reports for the same text.
func LintSource(display, rel string, src []byte, cfg *config.Config, active []config.Active, now time.Time, opts SourceOptions) FileResult {
	limit := cfg.MaxFileSize
	if limit <= 0 {
		limit = config.DefaultMaxFileSize
	}
	fail := func(err error) FileResult {
		return FileResult{Errors: []result.FileError{{Path: display, Message: err.Error()}}}
	}
	if int64(len(src)) > limit {
		return fail(tooLarge(limit))
	}
	if err := checkUTF16(src); err != nil {
		return fail(err)
	}
	doc, err := document.ParseLimited(display, src, cfg.Limits)
	if err != nil {
		return FileResult{Errors: []result.FileError{ParseError(display, err)}}
	}
	doc.Texts = opts.Texts
	var cpus *cpuPool
	if opts.CPUs > 0 {
		cpus = newCPUPoolFrom(opts.CPUs, editorParallelMin)
	}
	return lintDocument(doc, active, now, cfg.Known, cpus, cfg.ArticleInput(rel))
}
