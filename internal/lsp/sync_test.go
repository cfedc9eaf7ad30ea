package lsp

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestIncrementalChanges: ranged changes, several in one notification,
// a full replacement, out-of-range and reversed ranges, in UTF-16.
func TestIncrementalChanges(t *testing.T) {
	t.Parallel()
	pos := func(l, ch uint32) Position { return Position{Line: l, Character: ch} }
	tests := []struct {
		name    string
		start   string
		changes []TextDocumentContentChangeEvent
		want    string
	}{
		{"insert", "# A\n\nText.\n", []TextDocumentContentChangeEvent{{Range: &Range{pos(2, 4), pos(2, 4)}, Text: " more"}}, "# A\n\nText more.\n"},
		{"delete across lines", "one\ntwo\nthree\n", []TextDocumentContentChangeEvent{{Range: &Range{pos(0, 1), pos(2, 2)}, Text: ""}}, "oree\n"},
		{"in order", "abc\n", []TextDocumentContentChangeEvent{
			{Range: &Range{pos(0, 0), pos(0, 1)}, Text: "X\n"},
			{Range: &Range{pos(1, 0), pos(1, 1)}, Text: "Y"},
		}, "X\nYc\n"},
		{"after an emoji", "🙂a\n", []TextDocumentContentChangeEvent{{Range: &Range{pos(0, 2), pos(0, 3)}, Text: "b"}}, "🙂b\n"},
		{"inside a surrogate pair", "🙂a\n", []TextDocumentContentChangeEvent{{Range: &Range{pos(0, 1), pos(0, 1)}, Text: "x"}}, "x🙂a\n"},
		{"CRLF", "a\r\nb\r\n", []TextDocumentContentChangeEvent{{Range: &Range{pos(1, 0), pos(1, 1)}, Text: "c"}}, "a\r\nc\r\n"},
		{"past the line's end", "ab\ncd\n", []TextDocumentContentChangeEvent{{Range: &Range{pos(0, 99), pos(0, 99)}, Text: "!"}}, "ab!\ncd\n"},
		{"past the last line", "ab\n", []TextDocumentContentChangeEvent{{Range: &Range{pos(99, 0), pos(120, 5)}, Text: "end"}}, "ab\nend"},
		{"reversed", "abcd", []TextDocumentContentChangeEvent{{Range: &Range{pos(0, 3), pos(0, 1)}, Text: ""}}, "ad"},
		{"full", "old\n", []TextDocumentContentChangeEvent{{Text: "new\n"}}, "new\n"},
	}
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	for i, tt := range tests {
		uri := "untitled:doc-" + strings.ReplaceAll(tt.name, " ", "-")
		c.open(uri, tt.start)
		c.notify(methodDidChange, DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: tt.changes})
		// A request after the notification sees it (messages are handled
		// in order).
		c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: uri}}, nil)
		if got := c.text(uri); got != tt.want {
			t.Errorf("%d %s: text %q, want %q", i, tt.name, got, tt.want)
		}
	}
}

// TestEditsRelint: every change is linted, and the diagnostics follow
// the text (not only on save).
func TestEditsRelint(t *testing.T) {
	t.Parallel()
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	uri := pathToURI(filepath.Join(repo(t), "a.md"))
	c.open(uri, "# A\n\nFine.\n")
	if d := c.diagnostics(uri, 1); len(d) != 0 {
		t.Fatalf("open: %+v", d)
	}
	c.change(uri, 2, &Range{Start: Position{Line: 2}, End: Position{Line: 2, Character: 4}}, "TODO")
	if d := c.diagnostics(uri, 2); len(d) != 1 || d[0].Code != "placeholder-text" {
		t.Fatalf("after typing TODO: %+v", d)
	}
	c.change(uri, 3, &Range{Start: Position{Line: 2}, End: Position{Line: 2, Character: 4}}, "Done")
	if d := c.diagnostics(uri, 3); len(d) != 0 {
		t.Errorf("after removing it: %+v", d)
	}
}

// TestBurstOfEdits: a burst of edits is linted once it stops (debounce):
// the last version's diagnostics arrive, and far fewer lints than edits
// ran.
func TestBurstOfEdits(t *testing.T) {
	t.Parallel()
	c := startServer(t, Options{})
	c.initialize(pushCaps, map[string]any{"initializationOptions": map[string]any{"now": testNow, "debounce": 50}})
	uri := "untitled:burst"
	c.open(uri, "# Burst\n\n")
	c.diagnostics(uri, 1)
	const edits = 500
	for v := int32(2); v <= edits+1; v++ {
		c.change(uri, v, &Range{Start: Position{Line: 2}, End: Position{Line: 2}}, "x")
	}
	c.diagnostics(uri, edits+1)
	if got := c.text(uri); got != "# Burst\n\n"+strings.Repeat("x", edits) {
		t.Errorf("text after the burst: %q", got)
	}
	if n := c.publishedCount(); n > edits/5 {
		t.Errorf("%d publications for %d edits: the burst was not debounced", n, edits)
	}
}

// TestCloseClearsDiagnostics: closing a document clears what was
// published for it, and forgets it.
func TestCloseClearsDiagnostics(t *testing.T) {
	t.Parallel()
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	uri := pathToURI(filepath.Join(repo(t), "a.md"))
	c.open(uri, "# A\n\nTODO.\n")
	if d := c.diagnostics(uri, 1); len(d) != 1 {
		t.Fatalf("open: %+v", d)
	}
	c.notify(methodDidClose, DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	c.waitFor("the diagnostics to clear", func() bool {
		last := c.published[len(c.published)-1]
		return last.URI == uri && last.Version == nil && len(last.Diagnostics) == 0
	})
	if _, _, ok := c.srv.docs.get(uri); ok {
		t.Error("the closed document is still open")
	}
}

// TestSave: didSave lints again (with the text when the client sends
// it), and saving a configuration file open in the editor lints the
// other documents with it.
func TestSave(t *testing.T) {
	t.Parallel()
	dir := repo(t)
	cfg := writeFile(t, dir, ".medlint.yml", "rules:\n  placeholder-text: warning\n")
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	uri := pathToURI(filepath.Join(dir, "a.md"))
	c.open(uri, "# A\n\nTODO.\n")
	if d := c.diagnostics(uri, 1); len(d) != 1 || d[0].Severity != severityWarning {
		t.Fatalf("open: %+v", d)
	}
	text := "# A\n\nTODO and TBD.\n"
	c.notify(methodDidSave, DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}, Text: &text})
	c.waitFor("two findings after the save", func() bool {
		last := c.published[len(c.published)-1]
		return len(last.Diagnostics) == 2
	})
	writeFile(t, dir, ".medlint.yml", "rules:\n  placeholder-text: error\n")
	c.notify(methodDidSave, DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: pathToURI(cfg)}})
	c.waitFor("errors after the configuration's save", func() bool {
		last := c.published[len(c.published)-1]
		return len(last.Diagnostics) == 2 && last.Diagnostics[0].Severity == severityError
	})
}

// TestMemoryStaysFlat: 10,000 edits of a document leave the heap where
// a few did (each version is dropped once the next one is linted).
func TestMemoryStaysFlat(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(pushCaps, map[string]any{"initializationOptions": map[string]any{"now": testNow, "debounce": 0}})
	uri := "untitled:memory"
	base := strings.Repeat("A paragraph of an article about sleep and its habits.\n\n", 200)
	c.open(uri, base)
	v := int32(1)
	edit := func(n int) {
		for range n {
			v++
			// Type a word, then delete it: the text stays the same size.
			at := Position{Line: uint32(v % 300), Character: 2}
			c.change(uri, v, &Range{Start: at, End: at}, "zz ")
			v++
			c.change(uri, v, &Range{Start: at, End: Position{Line: at.Line, Character: 5}}, "")
		}
		c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: uri}}, nil)
		c.diagnostics(uri, v)
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	edit(100)
	before := heap()
	edit(5000) // 10,000 edits
	after := heap()
	c.mu.Lock()
	c.published = nil // the client's record, not the server's memory
	c.mu.Unlock()
	after = min(after, heap())
	const bound = 32 << 20
	t.Logf("heap after 200 edits: %d KB; after 10,000 more: %d KB", before>>10, after>>10)
	if after > before+bound {
		t.Errorf("heap grew from %d to %d bytes over 10,000 edits (bound: %d more)", before, after, bound)
	}
	if got := c.text(uri); got != base {
		t.Errorf("text drifted after the edits")
	}
}
