package lsp

import (
	"context"
	"encoding/json"
	"strings"

	"go.lsp.dev/jsonrpc2"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruledoc"
)

// hover answers textDocument/hover: over a finding, its message and its
// rule's explanation (what `medlint explain RULE` prints, up to its
// options); elsewhere nothing.
func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, error) {
	var p HoverParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	od, d, ok := s.docs.get(p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	jsonrpc2.Async(ctx)
	r := s.results(od, d)
	h := r.hoverAt(s.sess.Load(), p.Position)
	if h == nil {
		return nil, nil // a null result, not an empty hover
	}
	return h, nil
}

// hoverAt returns the hover for position p, or nil when no finding is
// there.
func (r *lintResult) hoverAt(sess *session, p Position) *Hover {
	d := r.doc
	off := d.lines.offset(d.text, p, sess.enc) - r.bom
	var parts []string
	var rng *Range
	explained := map[string]bool{}
	for i := range r.findings {
		f := &r.findings[i]
		if off < f.Pos || off > f.End {
			continue
		}
		if rng == nil {
			fr := r.diags[i].Range
			rng = &fr
		}
		part := findingLine(sess.markdown, f.Rule, f.Severity.String(), f.Message)
		if !explained[f.Rule] {
			explained[f.Rule] = true
			if rule, ok := r.lookup(f.Rule); ok {
				part += "\n\n" + explainShort(rule, sess.markdown, r.ruleDocs(f.Rule), f.Check)
			}
		}
		parts = append(parts, part)
	}
	if parts == nil {
		return nil
	}
	kind, sep := markupPlainText, "\n\n"
	if sess.markdown {
		kind, sep = markupMarkdown, "\n\n---\n\n"
	}
	return &Hover{Contents: MarkupContent{Kind: kind, Value: strings.Join(parts, sep)}, Range: rng}
}

// lookup finds a rule, custom ones included, in the lint's
// configuration.
func (r *lintResult) lookup(id string) (lint.Rule, bool) {
	if r.dc.cfg == nil {
		return nil, false
	}
	return r.dc.cfg.Lookup(id)
}

// findingLine is the hover's line about one finding.
func findingLine(markdown bool, rule, severity, message string) string {
	if markdown {
		return "**medlint** `" + rule + "` (" + severity + "): " + escapeMarkdown(message)
	}
	return "medlint " + rule + " (" + severity + "): " + message
}

// escapeMarkdown keeps a message's text from being read as Markdown.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// explainShort is `medlint explain RULE` (ruledoc.Markdown) shortened
// for a hover: the summary, default severity and page kinds, the
// rationale, and of the checks only the one that fired; the options and
// examples are left to the full text and the documentation link.
func explainShort(rule lint.Rule, markdown bool, docs *CodeDescription, check string) string {
	md := ruledoc.Markdown(rule)
	if !strings.Contains(md, "\n- `"+check+"`:") {
		check = ""
	}
	var kept []string
	section := ""
	for _, l := range strings.Split(strings.TrimSpace(md), "\n") {
		if strings.HasPrefix(l, "## ") {
			section = strings.TrimPrefix(l, "## ")
			if section == "Checks" && check == "" {
				section = "skip"
			}
		}
		switch {
		case section == "" || section == "Why":
		case section == "Checks" && (strings.HasPrefix(l, "## ") || l == "" || strings.HasPrefix(l, "- `"+check+"`:")):
		default:
			continue
		}
		kept = append(kept, headingLine(l, markdown))
	}
	text := strings.TrimSpace(strings.Join(kept, "\n"))
	more := "`medlint explain " + rule.Meta().ID + "` prints its options and examples."
	switch {
	case docs != nil && markdown:
		more = "[Documentation](" + docs.Href + ") · " + more
	case docs != nil:
		more = "Documentation: " + docs.Href + " · " + more
	}
	return text + "\n\n" + more
}

// headingLine shows a heading of ruledoc's Markdown as bold text (a
// hover is too small for headings), or plain text as ruledoc.Text does.
func headingLine(l string, markdown bool) string {
	for _, marker := range []string{"## ", "# "} {
		if title, ok := strings.CutPrefix(l, marker); ok {
			if markdown {
				return "**" + title + "**"
			}
			if marker == "## " {
				return title + ":"
			}
			return title
		}
	}
	return l
}
