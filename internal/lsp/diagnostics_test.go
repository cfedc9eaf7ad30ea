package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/testsupport"
)

// utf32Caps: a client counting code points, as the CLI's columns do.
const utf32Caps = `{"general": {"positionEncodings": ["utf-32"]}}`

// cliReport is what `medlint check PATH`, run from PATH's directory,
// reports: engine.Run with the configuration config.Find finds there.
func cliReport(t *testing.T, path string) *result.Report {
	t.Helper()
	dir := filepath.Dir(path)
	// As check run in dir finds them: each folder's nearest file merged
	// over its parents'.
	folders := config.NewFolders(config.Default(dir))
	cfg, err := folders.For(dir)
	if err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.DateOnly, testNow)
	return engine.Run(engine.Options{Paths: []string{path}, Config: cfg, Folders: folders, Now: now, Jobs: 1, WorkDir: dir})
}

// wantCLIFindings checks that diags, in code points, are rep's findings.
func wantCLIFindings(t *testing.T, name string, diags []Diagnostic, rep *result.Report) {
	t.Helper()
	if len(diags) != len(rep.Findings)+len(rep.Errors) {
		t.Errorf("%s: %d diagnostics, the CLI reports %d findings and %d errors", name, len(diags), len(rep.Findings), len(rep.Errors))
		return
	}
	for i, f := range rep.Findings {
		d := diags[i]
		want := Range{Start: Position{Line: uint32(f.Line - 1), Character: uint32(f.Column - 1)}, End: Position{Line: uint32(f.EndLine - 1), Character: uint32(f.EndColumn - 1)}}
		if d.Range != want || d.Code != f.Rule || d.Message != f.Message || d.Severity != severity(f.Severity) || d.Source != "medlint" {
			t.Errorf("%s: diagnostic %d is %+v, the CLI's finding %s %d:%d-%d:%d %s %q", name, i, d, f.Rule, f.Line, f.Column, f.EndLine, f.EndColumn, f.Severity, f.Message)
		}
		if d.CodeDescription == nil || d.CodeDescription.Href == "" {
			t.Errorf("%s: diagnostic %d has no documentation link", name, i)
		}
	}
}

// TestDiagnosticsAreTheCLIs: the diagnostics of an opened document are
// the findings `medlint check` reports for the same file, whatever the
// configuration: none, custom rules limited by globs, overrides, nested
// configurations, ignore globs.
func TestDiagnosticsAreTheCLIs(t *testing.T) {
	t.Parallel()
	seed, err := os.ReadFile(testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		t.Fatal(err)
	}
	clinic := map[string]string{}
	err = filepath.WalkDir("../../testdata/config/clinic", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel("../../testdata/config/clinic", p)
		clinic[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	mdx, err := os.ReadFile("../../testdata/examples/eczema-babies.mdx")
	if err != nil {
		t.Fatal(err)
	}
	overrides := "rules:\n  image-alt: error\noverrides:\n  - files: [\"news/**\"]\n    rules:\n      uncited-claim: {severity: off}\n      risky-claim: info\nignore: [\"drafts/**\"]\n"
	tests := []struct {
		name  string
		files map[string]string
		open  []string
	}{
		{"no configuration", map[string]string{"a.md": string(seed)}, []string{"a.md"}},
		{"custom rules", clinic, []string{"articles/bad.md", "articles/missing.md", "outside.md"}},
		{"overrides", map[string]string{".medlint.yml": overrides, "news/a.md": string(seed), "b.md": string(seed)}, []string{"news/a.md", "b.md"}},
		{"nested configuration", map[string]string{".medlint.yml": overrides, "sub/.medlint.yml": "rules:\n  list-format: off\n", "sub/a.md": string(seed)}, []string{"sub/a.md"}},
		{"ignored", map[string]string{".medlint.yml": overrides, "drafts/a.md": string(seed)}, []string{"drafts/a.md"}},
		{"MDX", map[string]string{"a.mdx": string(mdx)}, []string{"a.mdx"}},
		{"directive naming a custom rule", map[string]string{".medlint.yml": clinic[".medlint.yml"], "x.md": "<!-- medlint-disable no-content-farms -->\n" + string(seed)}, []string{"x.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := repo(t)
			for rel, content := range tt.files {
				writeFile(t, dir, rel, content)
			}
			c := startServer(t, Options{})
			c.initialize(utf32Caps, nil)
			for _, rel := range tt.open {
				p := filepath.Join(dir, filepath.FromSlash(rel))
				uri := pathToURI(p)
				c.open(uri, tt.files[rel])
				rep := cliReport(t, p)
				wantCLIFindings(t, rel, c.diagnostics(uri, 1), rep)
			}
		})
	}
}

// TestDiagnosticsOfTheCorpus: on the shared health corpus, the server's
// diagnostics are the CLI's findings.
func TestDiagnosticsOfTheCorpus(t *testing.T) {
	t.Parallel()
	dir := testsupport.Shared(t, "corpus", "health")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := startServer(t, Options{})
	c.initialize(utf32Caps, nil)
	n, findings := 0, 0
	for _, e := range entries {
		if !engine.IsMarkdown(e.Name()) || n == 12 {
			continue
		}
		n++
		p, err := filepath.Abs(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		uri := pathToURI(p)
		c.open(uri, string(data))
		rep := cliReport(t, p)
		findings += len(rep.Findings)
		wantCLIFindings(t, e.Name(), c.diagnostics(uri, 1), rep)
	}
	if n == 0 || findings == 0 {
		t.Fatalf("%d articles with %d findings in the corpus: nothing compared", n, findings)
	}
}

// TestPositionEncodings: a finding after emoji, CJK and accented text is
// placed in each encoding's units.
func TestPositionEncodings(t *testing.T) {
	t.Parallel()
	// "TODO" is placeholder-text's; the prefix holds a 4-byte emoji (two
	// UTF-16 units), CJK (3 bytes, one unit each) and é (2 bytes).
	prefix := "Café 🙂 健康 "
	text := "# Notes\n\n" + prefix + "TODO fill in.\n"
	tests := []struct {
		caps  string
		start uint32
	}{
		{`{}`, 11}, // C a f é, space, 🙂 (2), space, 健 康, space
		{`{"general": {"positionEncodings": ["utf-16"]}}`, uint32(len(utf16.Encode([]rune(prefix))))},
		{`{"general": {"positionEncodings": ["utf-8"]}}`, uint32(len(prefix))},
		{utf32Caps, uint32(len([]rune(prefix)))},
	}
	for _, tt := range tests {
		t.Run(tt.caps, func(t *testing.T) {
			t.Parallel()
			c := startServer(t, Options{})
			c.initialize(tt.caps, nil)
			uri := pathToURI(filepath.Join(repo(t), "e.md"))
			c.open(uri, text)
			diags := c.diagnostics(uri, 1)
			i := slices.IndexFunc(diags, func(d Diagnostic) bool { return d.Code == "placeholder-text" })
			if i < 0 {
				t.Fatalf("no placeholder-text diagnostic in %+v", diags)
			}
			want := Range{Start: Position{Line: 2, Character: tt.start}, End: Position{Line: 2, Character: tt.start + 4}}
			if diags[i].Range != want {
				t.Errorf("range %+v, want %+v", diags[i].Range, want)
			}
		})
	}
}

func TestSeverities(t *testing.T) {
	t.Parallel()
	for sev, want := range map[lint.Severity]int{lint.SeverityError: 1, lint.SeverityWarning: 2, lint.SeverityInfo: 3} {
		if got := severity(sev); got != want {
			t.Errorf("severity(%s) = %d, want %d", sev, got, want)
		}
	}
}

// TestDocumentsOffDisk: a file that is not on disk yet takes the
// configuration of its directory; an untitled one the workspace
// folder's.
func TestDocumentsOffDisk(t *testing.T) {
	t.Parallel()
	dir := repo(t)
	writeFile(t, dir, ".medlint.yml", "rules:\n  placeholder-text: info\n")
	c := startServer(t, Options{})
	c.initialize(pushCaps, map[string]any{"workspaceFolders": []WorkspaceFolder{{URI: pathToURI(dir), Name: "w"}}})
	text := "# Notes\n\nTODO write this.\n"
	for _, uri := range []string{pathToURI(filepath.Join(dir, "new", "unsaved.md")), "untitled:Untitled-1"} {
		c.open(uri, text)
		diags := c.diagnostics(uri, 1)
		if len(diags) != 1 || diags[0].Code != "placeholder-text" || diags[0].Severity != severityInformation {
			t.Errorf("%s: %+v, want one placeholder-text at info (the workspace's configuration)", uri, diags)
		}
	}
}

// TestConfigurationErrors: a configuration that does not load is an
// error on the document's first line, as the CLI's exit 2; once fixed
// (a watched-file event), the findings come back.
func TestConfigurationErrors(t *testing.T) {
	t.Parallel()
	dir := repo(t)
	cfgPath := writeFile(t, dir, ".medlint.yml", "rules:\n  no-such-rule: error\n")
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	uri := pathToURI(filepath.Join(dir, "a.md"))
	c.open(uri, "# A\n\nTODO.\n")
	diags := c.diagnostics(uri, 1)
	if len(diags) != 1 || diags[0].Severity != severityError || !strings.Contains(diags[0].Message, "no-such-rule") || diags[0].Range.Start.Line != 0 {
		t.Fatalf("diagnostics %+v, want the configuration's error", diags)
	}
	writeFile(t, dir, ".medlint.yml", "rules:\n  placeholder-text: warning\n")
	before := c.publishedCount()
	c.notify(methodDidChangeWatched, DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(cfgPath), Type: 2}}})
	c.waitFor("diagnostics after the fix", func() bool {
		for _, p := range c.published[before:] {
			if p.URI == uri && len(p.Diagnostics) == 1 && p.Diagnostics[0].Code == "placeholder-text" && p.Diagnostics[0].Severity == severityWarning {
				return true
			}
		}
		return false
	})
}

// TestFileErrors: a document over max-file-size is not linted (an error
// diagnostic), as the CLI skips such a file; a large one under it is.
func TestFileErrors(t *testing.T) {
	t.Parallel()
	dir := repo(t)
	writeFile(t, dir, ".medlint.yml", "max-file-size: 64KB\n")
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	big := strings.Repeat("Plain words in a long paragraph.\n\n", 3000)
	uri := pathToURI(filepath.Join(dir, "big.md"))
	c.open(uri, big)
	diags := c.diagnostics(uri, 1)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "max-file-size") {
		t.Fatalf("diagnostics %+v, want the size error", diags)
	}
	c.change(uri, 2, nil, big[:60000])
	if diags := c.diagnostics(uri, 2); len(diags) != 0 {
		t.Errorf("under the limit: %+v, want none", diags)
	}
}

// TestPullDiagnostics: a client that pulls is not pushed diagnostics;
// its pulls get the latest version's, "unchanged" when it has them, and
// an empty list for a document that is not open.
func TestPullDiagnostics(t *testing.T) {
	t.Parallel()
	c := startServer(t, Options{})
	c.initialize(pullCaps, nil)
	uri := pathToURI(filepath.Join(repo(t), "a.md"))
	c.open(uri, "# A\n\nTODO.\n")
	first := c.pullFull(uri)
	if len(first.Items) != 1 || first.Items[0].Code != "placeholder-text" || first.ResultID == "" {
		t.Fatalf("first pull %+v", first)
	}
	var unchanged UnchangedDocumentDiagnosticReport
	if err := json.Unmarshal(c.pull(uri, first.ResultID), &unchanged); err != nil || unchanged.Kind != reportUnchanged || unchanged.ResultID != first.ResultID {
		t.Errorf("pull with the current result id: %+v, %v", unchanged, err)
	}
	c.change(uri, 2, &Range{Start: Position{Line: 2}, End: Position{Line: 2, Character: 4}}, "Done")
	second := c.pullFull(uri)
	if len(second.Items) != 0 || second.ResultID == first.ResultID {
		t.Errorf("pull after the fix: %+v", second)
	}
	if got := c.pullFull("file:///not/open.md"); len(got.Items) != 0 {
		t.Errorf("a document that is not open: %+v", got)
	}
	raw := string(c.pull("file:///not/open.md", ""))
	if !strings.Contains(raw, `"items":[]`) {
		t.Errorf("an empty full report must list its items: %s", raw)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.published) != 0 {
		t.Errorf("a pulling client was pushed %d diagnostics", len(c.published))
	}
}

// TestHugeDocument: a document over the default max-file-size (32 MB) is
// not linted, and says so, without stalling the server; edits of it are
// still applied.
func TestHugeDocument(t *testing.T) {
	t.Parallel()
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	uri := pathToURI(filepath.Join(repo(t), "huge.md"))
	line := strings.Repeat("word ", 2000) + "\n"
	c.open(uri, strings.Repeat(line, (33<<20)/len(line)+1))
	diags := c.diagnostics(uri, 1)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "max-file-size") {
		t.Fatalf("diagnostics %+v, want the size error", diags)
	}
	c.change(uri, 2, &Range{Start: Position{Line: 5000, Character: 3}, End: Position{Line: 5000, Character: 4}}, "🙂")
	c.diagnostics(uri, 2)
	var h *Hover
	c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: Position{Line: 5000, Character: 3}}, &h)
	if h != nil {
		t.Errorf("hover on a document that was not linted: %+v", h)
	}
}
