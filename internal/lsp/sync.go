package lsp

import (
	"encoding/json"
	"fmt"
)

// The text synchronisation notifications: each updates the open
// documents at once, on the read loop, and leaves the linting to the
// lint goroutine (debounce.go), so that a burst of edits costs one lint.

func (s *Server) didOpen(params json.RawMessage) error {
	var p DidOpenTextDocumentParams
	if err := decode(params, &p); err != nil {
		return err
	}
	s.docs.put(newDocument(p.TextDocument.URI, p.TextDocument.Version, p.TextDocument.Text))
	s.lints.trigger(p.TextDocument.URI, 0)
	return nil
}

func (s *Server) didChange(params json.RawMessage) error {
	var p DidChangeTextDocumentParams
	if err := decode(params, &p); err != nil {
		return err
	}
	sess := s.sess.Load()
	if !s.docs.change(p.TextDocument.URI, p.TextDocument.Version, p.ContentChanges, sess.enc) {
		return fmt.Errorf("%s is not open", p.TextDocument.URI)
	}
	s.lints.trigger(p.TextDocument.URI, sess.debounce)
	return nil
}

func (s *Server) didClose(params json.RawMessage) error {
	var p DidCloseTextDocumentParams
	if err := decode(params, &p); err != nil {
		return err
	}
	s.docs.close(p.TextDocument.URI)
	// The lint goroutine clears the diagnostics it published.
	s.lints.trigger(p.TextDocument.URI, 0)
	return nil
}

func (s *Server) didSave(params json.RawMessage) error {
	var p DidSaveTextDocumentParams
	if err := decode(params, &p); err != nil {
		return err
	}
	if p.Text != nil {
		s.docs.replace(p.TextDocument.URI, *p.Text)
	}
	if path := uriToPath(p.TextDocument.URI); path != "" && s.cfgs.affects(path) {
		// A configuration (or a registry it names) edited in the editor.
		s.configChanged()
		return nil
	}
	s.lints.trigger(p.TextDocument.URI, 0)
	return nil
}

// results returns the lint of d, the latest version of od, with the
// current configuration and date: the last one when it is still that,
// else a new one.
func (s *Server) results(od *openDocument, d *document) *lintResult {
	gen, now := s.cfgs.generation(), s.today()
	od.lintMu.Lock()
	defer od.lintMu.Unlock()
	if od.last.current(d, gen, now) {
		return od.last
	}
	r := lintDocument(d, s.cfgs.forDocument(d), now)
	r.diags = r.diagnostics(s.sess.Load().enc)
	od.last = r
	s.syncWatchers()
	return r
}

// publish is the lint goroutine's work for one document: lint its latest
// version and, for a client that does not pull them, publish the
// diagnostics, unless the document changed meanwhile (a lint of the new
// version is then due). A closed document's diagnostics are cleared.
func (s *Server) publish(uri string) {
	defer func() {
		if p := recover(); p != nil {
			s.log.errorf("internal error linting %s: %v (please report this)", uri, p)
		}
	}()
	sess := s.sess.Load()
	od, d, ok := s.docs.get(uri)
	if !ok {
		if s.published[uri] {
			delete(s.published, uri)
			s.notifyDiagnostics(PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}})
		}
		return
	}
	r := s.results(od, d)
	if !sess.push {
		return // linted ahead of the client's pull
	}
	if _, latest, ok := s.docs.get(uri); !ok || latest != d {
		return
	}
	version := d.version
	s.notifyDiagnostics(PublishDiagnosticsParams{URI: uri, Version: &version, Diagnostics: r.diags})
	if len(r.diags) > 0 {
		s.published[uri] = true
	} else {
		delete(s.published, uri)
	}
}

func (s *Server) notifyDiagnostics(p PublishDiagnosticsParams) {
	if err := s.conn.Notify(s.bg, methodPublishDiagnostics, p); err != nil && s.bg.Err() == nil {
		s.log.warnf("publishing diagnostics of %s: %v", p.URI, err)
	}
}

// relintAll lints every open document again (after a configuration
// changed) and asks a client that pulls diagnostics to pull them again.
func (s *Server) relintAll() {
	for _, uri := range s.docs.uris() {
		s.lints.trigger(uri, 0)
	}
	if sess := s.sess.Load(); !sess.push && sess.refresh {
		s.goCall(func() { s.call(methodDiagnosticRefresh, nil) })
	}
}

// configChanged forgets every configuration and lints the open documents
// again.
func (s *Server) configChanged() {
	s.cfgs.invalidate()
	s.relintAll()
}
