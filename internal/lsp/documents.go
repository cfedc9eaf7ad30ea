package lsp

import (
	"strings"
	"sync"

	"github.com/medlint/medlint/internal/textmemo"
)

// document is one version of an open text document. It is never
// modified: a change makes a new document, so that a lint running on a
// version keeps reading that version while edits arrive.
type document struct {
	uri string
	// path is the file's path, or "" when the URI names no file (an
	// untitled buffer).
	path    string
	version int32
	text    string
	lines   lineIndex
	// texts is the memo that the lints of every version of this buffer
	// share (engine.LintSource): a re-lint recomputes only the sentences
	// and blocks an edit changed.
	texts *textmemo.Store
}

// newDocument returns the document at uri holding text.
func newDocument(uri string, version int32, text string) *document {
	return &document{uri: uri, path: uriToPath(uri), version: version, text: text, lines: newLineIndex(text), texts: textmemo.New()}
}

// withChanges returns the document after changes, applied in order (each
// to the text the previous one left, as the protocol says), at version.
// A change without a range replaces the whole text. Positions are in e;
// out-of-range positions are clamped (see lineIndex.offset), and a range
// whose end comes before its start is read the right way round.
func (d *document) withChanges(version int32, changes []TextDocumentContentChangeEvent, e encoding) *document {
	text, lines := d.text, d.lines
	for i := range changes {
		c := &changes[i]
		if c.Range == nil {
			text = c.Text
		} else {
			start := lines.offset(text, c.Range.Start, e)
			end := lines.offset(text, c.Range.End, e)
			if end < start {
				start, end = end, start
			}
			text = splice(text, start, end, c.Text)
		}
		lines = newLineIndex(text)
	}
	return &document{uri: d.uri, path: d.path, version: version, text: text, lines: lines, texts: d.texts}
}

// splice returns text with the bytes from start to end replaced by with,
// in one allocation.
func splice(text string, start, end int, with string) string {
	var b strings.Builder
	b.Grow(len(text) - (end - start) + len(with))
	b.WriteString(text[:start])
	b.WriteString(with)
	b.WriteString(text[end:])
	return b.String()
}

// openDocument is an open document with the last lint of it.
type openDocument struct {
	// doc is the latest version, guarded by documents.mu.
	doc *document
	// lintMu serialises the lints of this document, so that the push
	// worker and a request asking for the same version lint it once.
	lintMu sync.Mutex
	// last is the latest lint (guarded by lintMu).
	last *lintResult
}

// documents are the open documents by URI; safe for concurrent use.
type documents struct {
	mu   sync.Mutex
	open map[string]*openDocument
}

func newDocuments() *documents { return &documents{open: map[string]*openDocument{}} }

// put opens (or reopens) d.
func (ds *documents) put(d *document) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	ds.open[d.uri] = &openDocument{doc: d}
}

// change applies changes to the open document at uri; it returns false
// when no document is open there.
func (ds *documents) change(uri string, version int32, changes []TextDocumentContentChangeEvent, e encoding) bool {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	od, ok := ds.open[uri]
	if !ok {
		return false
	}
	od.doc = od.doc.withChanges(version, changes, e)
	return true
}

// replace sets the whole text of the open document at uri (didSave with
// its text), keeping its version.
func (ds *documents) replace(uri, text string) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if od, ok := ds.open[uri]; ok && od.doc.text != text {
		d := newDocument(uri, od.doc.version, text)
		d.texts = od.doc.texts
		od.doc = d
	}
}

// close forgets the document at uri.
func (ds *documents) close(uri string) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	delete(ds.open, uri)
}

// get returns the open document at uri and its latest version.
func (ds *documents) get(uri string) (*openDocument, *document, bool) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	od, ok := ds.open[uri]
	if !ok {
		return nil, nil, false
	}
	return od, od.doc, true
}

// uris returns the URIs of the open documents.
func (ds *documents) uris() []string {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	out := make([]string, 0, len(ds.open))
	for uri := range ds.open {
		out = append(out, uri)
	}
	return out
}
