package lsp

import (
	"strings"
)

// disableEdit is an edit that inserts an inline directive switching a
// finding's rule off (internal/engine/directives.go: "<!--
// medlint-disable-next-line RULE -->" before the line,
// "<!-- medlint-disable-line RULE -->" at its end, or
// "<!-- medlint-disable-file RULE -->" after the front matter).
type disableEdit struct {
	title string
	edit  byteEdit
	// file: the directive covers the file, not the line.
	file bool
}

// disableAction is the action switching finding i's rule off for its
// line, when an edit that does so without changing any other finding
// exists.
func (r *lintResult) disableAction(sess *session, i int) (CodeAction, bool) {
	de := r.disableFor(i)
	if de == nil {
		return CodeAction{}, false
	}
	return CodeAction{
		Title:       de.title,
		Kind:        kindQuickFix,
		Diagnostics: []Diagnostic{r.diags[i]},
		Edit:        r.workspaceEdit(sess, []byteEdit{de.edit}),
	}, true
}

// disableFor returns the first placement of a directive for finding i
// that, once linted, removes the rule's findings on that line (or in the
// file) and changes no other finding: a directive line in the middle of
// a paragraph or list would split it, and one in the front matter would
// break it. Linting settles it where a rule of thumb would guess. nil
// when none does.
func (r *lintResult) disableFor(i int) *disableEdit {
	r.actions.mu.Lock()
	defer r.actions.mu.Unlock()
	if de, ok := r.actions.disable[i]; ok {
		return de
	}
	if r.actions.disable == nil {
		r.actions.disable = map[int]*disableEdit{}
	}
	var found *disableEdit
	for _, c := range r.disableCandidates(i) {
		if r.suppresses(c, i) {
			found = &c
			break
		}
	}
	r.actions.disable[i] = found
	return found
}

// disableCandidates are the placements to try for finding i, likeliest
// first: before the line when it starts a block, else at its end; the
// file when the line is in the front matter or neither works.
func (r *lintResult) disableCandidates(i int) []disableEdit {
	f := &r.findings[i]
	text, li := r.doc.text, r.doc.lines
	line := int(li.position(text, r.bom+f.Pos, encUTF8).Line)
	start, end := max(li[line], r.bom), li.lineEnd(text, line)
	eol := "\n"
	if firstBreakIsCRLF(text) {
		eol = "\r\n"
	}
	body := bodyStart(text, r.bom)
	file := disableEdit{
		title: "Disable " + f.Rule + " for this file",
		edit:  byteEdit{start: body, end: body, text: "<!-- medlint-disable-file " + f.Rule + " -->" + eol},
		file:  true,
	}
	if start < body {
		return []disableEdit{file} // a front matter line
	}
	title := "Disable " + f.Rule + " for this line"
	before := disableEdit{title: title, edit: byteEdit{start: start, end: start, text: linePrefix(text[start:end]) + "<!-- medlint-disable-next-line " + f.Rule + " -->" + eol}}
	after := disableEdit{title: title, edit: byteEdit{start: end, end: end, text: " <!-- medlint-disable-line " + f.Rule + " -->"}}
	if startsBlock(text, li, line, body) {
		return []disableEdit{before, after, file}
	}
	return []disableEdit{after, before, file}
}

// suppresses reports whether the document with c applied has the
// findings of r less those c should switch off: finding i's rule on its
// line (or everywhere, for the file), counted per rule, and the same
// errors.
func (r *lintResult) suppresses(c disableEdit, i int) bool {
	f := &r.findings[i]
	want := map[string]int{}
	for j := range r.findings {
		g := &r.findings[j]
		if g.Rule == f.Rule && (c.file || g.Line == f.Line) {
			continue
		}
		want[g.Rule]++
	}
	text := applyEdits(r.doc.text, []byteEdit{c.edit})
	d := &document{uri: r.doc.uri, path: r.doc.path, version: r.doc.version, text: text, lines: newLineIndex(text)}
	after := lintDocument(d, r.dc, r.now)
	if len(after.errors) != len(r.errors) {
		return false
	}
	got := map[string]int{}
	for j := range after.findings {
		got[after.findings[j].Rule]++
	}
	if len(got) != len(want) {
		return false
	}
	for rule, n := range want {
		if got[rule] != n {
			return false
		}
	}
	return true
}

// linePrefix is what a line's content must follow to stay where it is:
// its indentation and block quote markers.
func linePrefix(line string) string {
	n := len(line) - len(strings.TrimLeft(line, " \t>"))
	return line[:n]
}

// startsBlock reports whether line opens a block: the body's first
// line, a line after a blank one, or a heading. A directive line
// inserted before it splits nothing.
func startsBlock(text string, li lineIndex, line, body int) bool {
	start := li[line]
	if start <= body || strings.HasPrefix(strings.TrimLeft(text[start:li.lineEnd(text, line)], " "), "#") {
		return true
	}
	prev := text[li[line-1]:li.lineEnd(text, line-1)]
	return strings.TrimSpace(prev) == ""
}

// bodyStart returns the offset where the text after its front matter
// (YAML between "---" lines, TOML between "+++" lines) starts: bom when
// it has none.
func bodyStart(text string, bom int) int {
	rest := text[bom:]
	var fence string
	switch {
	case strings.HasPrefix(rest, "---\n"), strings.HasPrefix(rest, "---\r\n"):
		fence = "---"
	case strings.HasPrefix(rest, "+++\n"), strings.HasPrefix(rest, "+++\r\n"):
		fence = "+++"
	default:
		return bom
	}
	off := bom + strings.IndexByte(rest, '\n') + 1
	for off < len(text) {
		end := strings.IndexByte(text[off:], '\n')
		lineEnd := len(text)
		if end >= 0 {
			lineEnd = off + end + 1
		}
		l := strings.TrimRight(text[off:lineEnd], "\r\n")
		if l == fence || (fence == "---" && l == "...") {
			return lineEnd
		}
		off = lineEnd
	}
	return bom // never closed: no front matter
}
