package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/testsupport"
)

// applyWorkspaceEdit applies the edits of we to uri's text, as a client
// does.
func applyWorkspaceEdit(t *testing.T, text, uri string, we *WorkspaceEdit, e encoding) string {
	t.Helper()
	if we == nil {
		t.Fatal("no edit")
	}
	edits := we.Changes[uri]
	for _, dc := range we.DocumentChanges {
		if dc.TextDocument.URI == uri {
			edits = append(edits, dc.Edits...)
		}
	}
	li := newLineIndex(text)
	bes := make([]byteEdit, len(edits))
	for i, te := range edits {
		bes[i] = byteEdit{start: li.offset(text, te.Range.Start, e), end: li.offset(text, te.Range.End, e), text: te.NewText}
	}
	sort.SliceStable(bes, func(i, j int) bool { return bes[i].start < bes[j].start })
	return applyEdits(text, bes)
}

// codeActions asks for the actions on rng.
func (c *testClient) codeActions(uri string, rng Range, only ...string) []CodeAction {
	c.t.Helper()
	var out []CodeAction
	c.mustCall(methodCodeAction, CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: rng, Context: CodeActionContext{Only: only}}, &out)
	return out
}

// countByRule counts diagnostics per rule.
func countByRule(diags []Diagnostic) map[string]int {
	m := map[string]int{}
	for _, d := range diags {
		m[d.Code]++
	}
	return m
}

func seedArticle(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestQuickFix: a fixable finding's action applies its fix only (one
// finding fewer, the others kept), in LF and CRLF documents.
func TestQuickFix(t *testing.T) {
	t.Parallel()
	for _, crlf := range []bool{false, true} {
		t.Run(map[bool]string{false: "LF", true: "CRLF"}[crlf], func(t *testing.T) {
			t.Parallel()
			text := seedArticle(t)
			if crlf {
				text = strings.ReplaceAll(text, "\n", "\r\n")
			}
			c := startServer(t, Options{})
			c.initialize(pushCaps, nil)
			uri := pathToURI(filepath.Join(repo(t), "seed.md"))
			c.open(uri, text)
			diags := c.diagnostics(uri, 1)
			i := slices.IndexFunc(diags, func(d Diagnostic) bool { return d.Code == "list-format" })
			if i < 0 {
				t.Fatal("no list-format finding in the seed article")
			}
			actions := c.codeActions(uri, diags[i].Range, kindQuickFix)
			var qf *CodeAction
			for k := range actions {
				if actions[k].IsPreferred {
					qf = &actions[k]
				}
			}
			if qf == nil || qf.Kind != kindQuickFix || !strings.Contains(qf.Title, "(list-format)") || len(qf.Diagnostics) != 1 {
				t.Fatalf("actions %+v: want a preferred list-format quick fix", actions)
			}
			fixed := applyWorkspaceEdit(t, text, uri, qf.Edit, encUTF16)
			if crlf && strings.Count(fixed, "\n") != strings.Count(fixed, "\r\n") {
				t.Error("the fix wrote a bare LF into a CRLF document")
			}
			c.change(uri, 2, nil, fixed)
			after := countByRule(c.diagnostics(uri, 2))
			before := countByRule(diags)
			before["list-format"]--
			if !mapsEqual(after, before) {
				t.Errorf("after the quick fix %v, want %v", after, before)
			}
		})
	}
}

func mapsEqual(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

// TestFixAll: source.fixAll.medlint makes the text `medlint check --fix`
// makes (fix.Source), in each position encoding, and is offered to
// requests for source actions, not to those for quick fixes only.
func TestFixAll(t *testing.T) {
	t.Parallel()
	text := seedArticle(t)
	now, _ := time.Parse(time.DateOnly, testNow)
	cfg := config.Default(".")
	active, err := cfg.Resolve("seed.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := fix.Source([]byte(text), fix.Options{Path: "seed.md", Active: active, Now: now, Article: cfg.ArticleInput("seed.md"), Limits: cfg.Limits})
	if err != nil || !want.Changed {
		t.Fatalf("fix.Source: %v (changed %v)", err, want.Changed)
	}
	for _, enc := range []encoding{encUTF16, encUTF8, encUTF32} {
		t.Run(enc.String(), func(t *testing.T) {
			t.Parallel()
			c := startServer(t, Options{})
			c.initialize(`{"general": {"positionEncodings": ["`+enc.String()+`"]}, "workspace": {"workspaceEdit": {"documentChanges": true}}}`, nil)
			uri := pathToURI(filepath.Join(repo(t), "seed.md"))
			c.open(uri, text)
			c.diagnostics(uri, 1)
			whole := Range{End: Position{Line: 1000}}
			for _, only := range [][]string{{kindFixAll}, {"source.fixAll"}, {"source"}} {
				actions := c.codeActions(uri, whole, only...)
				if len(actions) != 1 || actions[0].Kind != kindFixAll || actions[0].Title != "Fix all medlint problems" {
					t.Fatalf("only %v: %+v, want the fix-all action alone", only, actions)
				}
				we := actions[0].Edit
				if len(we.DocumentChanges) != 1 || we.DocumentChanges[0].TextDocument.Version == nil || *we.DocumentChanges[0].TextDocument.Version != 1 {
					t.Fatalf("edit %+v: want one versioned document change", we)
				}
				if got := applyWorkspaceEdit(t, text, uri, we, enc); got != string(want.Output) {
					t.Errorf("only %v: the fixed text differs from fix.Source's", only)
				}
			}
			for _, a := range c.codeActions(uri, whole, kindQuickFix) {
				if a.Kind != kindQuickFix {
					t.Errorf("a quickfix request got %s", a.Kind)
				}
			}
		})
	}
}

// TestDisableActions: "Disable RULE for this line" inserts the
// directive where it switches the finding off and changes nothing else;
// in front matter, where no line directive fits, the file's.
func TestDisableActions(t *testing.T) {
	t.Parallel()
	seed := seedArticle(t)
	tests := []struct {
		name, text, rule, wantTitle, wantDirective string
	}{
		{"first line", seed, "image-alt", "Disable image-alt for this line", "medlint-disable-next-line image-alt"},
		{"in a paragraph", seed, "uncited-claim", "Disable uncited-claim for this line", "medlint-disable"},
		{"a line inside a paragraph", "# A\n\nFirst line of a paragraph\nand TODO on its second line.\n", "placeholder-text", "Disable placeholder-text for this line", "medlint-disable-line placeholder-text"},
		{"front matter", "---\ntitle: A\nauthor: TBD\n---\n\n# A\n\nText.\n", "placeholder-text", "Disable placeholder-text for this file", "medlint-disable-file placeholder-text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := startServer(t, Options{})
			c.initialize(pushCaps, nil)
			uri := pathToURI(filepath.Join(repo(t), "a.md"))
			c.open(uri, tt.text)
			diags := c.diagnostics(uri, 1)
			i := slices.IndexFunc(diags, func(d Diagnostic) bool { return d.Code == tt.rule })
			if i < 0 {
				t.Fatalf("no %s finding in %+v", tt.rule, diags)
			}
			var disable *CodeAction
			for _, a := range c.codeActions(uri, diags[i].Range) {
				if strings.HasPrefix(a.Title, "Disable ") {
					disable = &a
					break
				}
			}
			if disable == nil || disable.Title != tt.wantTitle {
				t.Fatalf("disable action %+v, want %q", disable, tt.wantTitle)
			}
			fixed := applyWorkspaceEdit(t, tt.text, uri, disable.Edit, encUTF16)
			if !strings.Contains(fixed, "<!-- "+tt.wantDirective) {
				t.Errorf("edited text has no %q directive:\n%s", tt.wantDirective, fixed)
			}
			c.change(uri, 2, nil, fixed)
			after := c.diagnostics(uri, 2)
			want := countByRule(diags)
			for _, d := range diags {
				if d.Code == tt.rule && (d.Range.Start.Line == diags[i].Range.Start.Line || strings.HasSuffix(tt.wantTitle, "file")) {
					want[tt.rule]--
				}
			}
			if got := countByRule(after); !mapsEqual(got, want) {
				t.Errorf("after the directive %v, want %v", got, want)
			}
		})
	}
}

// TestCodeActionsOutOfRange: a range past the document's end, or
// reversed, and a document that is not open, are answered.
func TestCodeActionsOutOfRange(t *testing.T) {
	t.Parallel()
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	uri := pathToURI(filepath.Join(repo(t), "a.md"))
	c.open(uri, "# A\n\nTODO.\n")
	far := Position{Line: 1 << 30, Character: 1 << 30}
	for _, rng := range []Range{{Start: far, End: far}, {Start: far, End: Position{}}} {
		c.codeActions(uri, rng)
	}
	if got := c.codeActions("file:///not/open.md", Range{}); len(got) != 0 {
		t.Errorf("a document that is not open: %+v", got)
	}
}

// TestHover: over a finding, its message and the rule's explanation
// (without the options); elsewhere, null.
func TestHover(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, caps string
		markdown   bool
	}{
		{"markdown", pullCaps, true},
		{"plain text", `{"textDocument": {"hover": {"contentFormat": ["plaintext"]}}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := startServer(t, Options{})
			c.initialize(tt.caps, nil)
			uri := pathToURI(filepath.Join(repo(t), "a.md"))
			c.open(uri, "# Notes\n\nSome TODO here.\n")
			var h *Hover
			c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: Position{Line: 2, Character: 6}}, &h)
			if h == nil || h.Range == nil || h.Range.Start != (Position{Line: 2, Character: 5}) {
				t.Fatalf("hover %+v, want the finding's", h)
			}
			v := h.Contents.Value
			if (h.Contents.Kind == markupMarkdown) != tt.markdown || !strings.Contains(v, "placeholder-text") || !strings.Contains(v, "medlint explain placeholder-text") || strings.Contains(v, "Options") {
				t.Errorf("hover contents (%s):\n%s", h.Contents.Kind, v)
			}
			if tt.markdown && !strings.Contains(v, RuleDocsURL) {
				t.Errorf("no documentation link in:\n%s", v)
			}
			h = nil
			c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: Position{Line: 0, Character: 1}}, &h)
			if h != nil {
				t.Errorf("hover off any finding: %+v, want null", h)
			}
			c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: Position{Line: 1 << 31, Character: 5}}, &h)
		})
	}
}

// TestExplainShort: a hover's explanation keeps the rule's summary and
// rationale and only the check that fired, never the options.
func TestExplainShort(t *testing.T) {
	t.Parallel()
	rule, ok := lint.Lookup("list-format")
	if !ok {
		t.Fatal("no list-format rule")
	}
	docs := &CodeDescription{Href: RuleDocsURL}
	tests := []struct {
		check    string
		markdown bool
		want     []string
		not      []string
	}{
		{"fake-bullet", true, []string{"**list-format**", "**Why**", "`fake-bullet`", RuleDocsURL}, []string{"`missing-space`", "Options", "## "}},
		{"", true, []string{"**Why**"}, []string{"Checks", "`fake-bullet`"}},
		{"no-such-check", false, []string{"Why:", "Documentation: " + RuleDocsURL}, []string{"Checks", "**"}},
	}
	for _, tt := range tests {
		got := explainShort(rule, tt.markdown, docs, tt.check)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("check %q: no %q in\n%s", tt.check, w, got)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("check %q: %q in\n%s", tt.check, n, got)
			}
		}
	}
}
