package lsp

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"

	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

// maxActionFindings bounds the findings a code action request looks at:
// a selection of the whole of a huge article must not lint it once per
// finding (disable actions are checked by linting, see directives.go).
const maxActionFindings = 50

// actionCache holds what a lint's code actions cost to make, made once
// per lint: the fix-all text and each finding's disable edit.
type actionCache struct {
	mu         sync.Mutex
	fixAllDone bool
	fixAll     []byteEdit
	disable    map[int]*disableEdit
}

// codeAction answers textDocument/codeAction: for each finding in the
// range, its fix (quickfix) and an edit that switches its rule off for
// its line; for the document, "Fix all medlint problems"
// (source.fixAll.medlint, which editors run on save).
func (s *Server) codeAction(ctx context.Context, params json.RawMessage) (any, error) {
	var p CodeActionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	od, d, ok := s.docs.get(p.TextDocument.URI)
	if !ok {
		return []CodeAction{}, nil
	}
	jsonrpc2.Async(ctx)
	r := s.results(od, d)
	return r.codeActions(s.sess.Load(), p.Range, p.Context.Only), nil
}

// wants reports whether a request whose context asks for only these
// kinds wants an action of kind (a kind asked for includes its
// sub-kinds: "source" includes "source.fixAll.medlint").
func wants(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// codeActions returns r's actions for the range rng.
func (r *lintResult) codeActions(sess *session, rng Range, only []string) []CodeAction {
	out := []CodeAction{}
	if wants(only, kindQuickFix) {
		d := r.doc
		lo := d.lines.offset(d.text, rng.Start, sess.enc) - r.bom
		hi := d.lines.offset(d.text, rng.End, sess.enc) - r.bom
		if hi < lo {
			lo, hi = hi, lo
		}
		seen := map[string]bool{}
		n := 0
		for i := range r.findings {
			f := &r.findings[i]
			if f.Pos > hi || f.End < lo {
				continue
			}
			if n++; n > maxActionFindings {
				break
			}
			if a, ok := r.quickFix(sess, i); ok {
				out = append(out, a)
			}
			if key := f.Rule + "\x00" + strconv.Itoa(f.Line); !seen[key] {
				seen[key] = true
				if a, ok := r.disableAction(sess, i); ok {
					out = append(out, a)
				}
			}
		}
	}
	if wants(only, kindFixAll) {
		if edits := r.fixAllEdits(); len(edits) > 0 {
			out = append(out, CodeAction{Title: "Fix all medlint problems", Kind: kindFixAll, Edit: r.workspaceEdit(sess, edits)})
		}
	}
	return out
}

// quickFix is the action applying finding i's own fix.
func (r *lintResult) quickFix(sess *session, i int) (CodeAction, bool) {
	f := &r.findings[i]
	if !f.Fixable {
		return CodeAction{}, false
	}
	src := r.doc.text[r.bom:]
	out, outcomes := fix.Apply([]byte(src), []*lint.Fix{f.Fix}, firstBreakIsCRLF(src))
	if len(outcomes) != 1 || !outcomes[0].Applied {
		return CodeAction{}, false
	}
	edits := editsBetween(src, string(out))
	if len(edits) == 0 {
		return CodeAction{}, false
	}
	for j := range edits {
		edits[j].start += r.bom
		edits[j].end += r.bom
	}
	return CodeAction{
		Title:       fixTitle(f),
		Kind:        kindQuickFix,
		Diagnostics: []Diagnostic{r.diags[i]},
		IsPreferred: true,
		Edit:        r.workspaceEdit(sess, edits),
	}, true
}

// fixTitle is a quick fix's title: the fix's own message ("Turn the lines
// into a Markdown list"), else the rule's.
func fixTitle(f *result.Finding) string {
	msg := strings.TrimSpace(f.Fix.Message)
	if msg == "" {
		return "Fix this " + f.Rule + " problem"
	}
	r, n := utf8.DecodeRuneInString(msg)
	return string(unicode.ToUpper(r)) + msg[n:] + " (" + f.Rule + ")"
}

// fixAllEdits returns the edits that `medlint check --fix` would make to
// the document (fix.Source: every fix, pass after pass, with the fixer's
// checks), or none.
func (r *lintResult) fixAllEdits() []byteEdit {
	r.actions.mu.Lock()
	defer r.actions.mu.Unlock()
	if r.actions.fixAllDone {
		return r.actions.fixAll
	}
	r.actions.fixAllDone = true
	if r.dc.cfg == nil || !hasFixable(r.findings) {
		return nil
	}
	res, err := fix.Source([]byte(r.doc.text), fix.Options{
		Path: r.dc.rel, Active: r.dc.active, Now: r.now,
		Article: r.dc.cfg.ArticleInput(r.dc.rel), Limits: r.dc.cfg.Limits,
	})
	if err != nil || !res.Changed {
		return nil
	}
	r.actions.fixAll = editsBetween(r.doc.text, string(res.Output))
	return r.actions.fixAll
}

func hasFixable(findings []result.Finding) bool {
	for i := range findings {
		if findings[i].Fixable {
			return true
		}
	}
	return false
}

// workspaceEdit turns edits of r's text into the protocol's, versioned
// when the client takes that.
func (r *lintResult) workspaceEdit(sess *session, edits []byteEdit) *WorkspaceEdit {
	tes := make([]TextEdit, len(edits))
	for i, e := range edits {
		tes[i] = TextEdit{Range: r.byteRange(e.start, e.end, sess.enc), NewText: e.text}
	}
	if sess.docChanges {
		v := r.doc.version
		return &WorkspaceEdit{DocumentChanges: []TextDocumentEdit{{TextDocument: OptionalVersionedTextDocumentIdentifier{URI: r.doc.uri, Version: &v}, Edits: tes}}}
	}
	return &WorkspaceEdit{Changes: map[string][]TextEdit{r.doc.uri: tes}}
}

// firstBreakIsCRLF reports whether the first line break of text is
// "\r\n" (document.Document.CRLF): fixes then insert "\r\n".
func firstBreakIsCRLF(text string) bool {
	i := strings.IndexByte(text, '\n')
	return i > 0 && text[i-1] == '\r'
}
