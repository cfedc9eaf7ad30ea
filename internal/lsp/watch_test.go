package lsp

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// registryConfig names a reviewers registry, which the configuration
// reads: a change of it must lint the documents again.
const registryConfig = "rules:\n  reviewer-credentials:\n    reviewers: reviewers.yml\n"

const reviewedArticle = "---\ntitle: Sleep\nreviewed_by: Jane Frank, MD\nlast_reviewed: 2025-12-01\n---\n\n# Sleep\n\nThis article is for information only and is not medical advice; talk to your doctor.\n"

// reviewerFindings returns the reviewer-credentials diagnostics.
func reviewerFindings(diags []Diagnostic) []Diagnostic {
	var out []Diagnostic
	for _, d := range diags {
		if d.Code == "reviewer-credentials" {
			out = append(out, d)
		}
	}
	return out
}

// TestWatchedFiles: the server registers watchers for the configuration
// files and the registry they name; a change of the registry lints the
// open documents again.
func TestWatchedFiles(t *testing.T) {
	t.Parallel()
	dir := repo(t)
	writeFile(t, dir, ".medlint.yml", registryConfig)
	registry := writeFile(t, dir, "reviewers.yml", "- name: Jane Frank\n  credentials: [MD]\n")
	c := startServer(t, Options{})
	c.initialize(`{"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true, "relativePatternSupport": true}}}`, nil)
	uri := pathToURI(filepath.Join(dir, "a.md"))
	c.open(uri, reviewedArticle)
	if got := reviewerFindings(c.diagnostics(uri, 1)); len(got) != 0 {
		t.Fatalf("a registered reviewer: %+v", got)
	}
	c.waitFor("the watchers of the registry", func() bool {
		for _, r := range c.requests {
			if r.method == methodRegisterCapability && strings.Contains(string(r.params), "reviewers.yml") && strings.Contains(string(r.params), "**/.medlint.yml") {
				return true
			}
		}
		return false
	})
	writeFile(t, dir, "reviewers.yml", "- name: Someone Else\n  credentials: [MD]\n")
	before := c.publishedCount()
	c.notify(methodDidChangeWatched, DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(registry), Type: 2}}})
	c.waitFor("the reviewer flagged after the registry changed", func() bool {
		for _, p := range c.published[before:] {
			if p.URI == uri && len(reviewerFindings(p.Diagnostics)) == 1 {
				return true
			}
		}
		return false
	})
	// An unrelated file changes nothing.
	c.notify(methodDidChangeWatched, DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(filepath.Join(dir, "notes.txt")), Type: 1}}})
	gen := c.srv.cfgs.generation()
	c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: uri}}, nil)
	if c.srv.cfgs.generation() != gen {
		t.Error("an unrelated file's change reloaded the configurations")
	}
}

// TestNewConfigurationFile: a .medlint.yml created nearer a document
// becomes its configuration.
func TestNewConfigurationFile(t *testing.T) {
	t.Parallel()
	dir := repo(t)
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	uri := pathToURI(filepath.Join(dir, "sub", "a.md"))
	c.open(uri, "# A\n\nTODO.\n")
	if d := c.diagnostics(uri, 1); len(d) != 1 || d[0].Severity != severityError {
		t.Fatalf("defaults: %+v", d)
	}
	p := writeFile(t, dir, "sub/.medlint.yml", "rules:\n  placeholder-text: off\n")
	before := c.publishedCount()
	c.notify(methodDidChangeWatched, DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(p), Type: 1}}})
	c.waitFor("no findings with the new configuration", func() bool {
		for _, p := range c.published[before:] {
			if p.URI == uri && len(p.Diagnostics) == 0 {
				return true
			}
		}
		return false
	})
}

// TestDidChangeConfiguration: a settings change lints the open documents
// again; a client that pulls is asked to pull again.
func TestDidChangeConfiguration(t *testing.T) {
	t.Parallel()
	dir := repo(t)
	writeFile(t, dir, ".medlint.yml", "rules:\n  placeholder-text: warning\n")
	c := startServer(t, Options{})
	c.initialize(pullCaps, nil)
	uri := pathToURI(filepath.Join(dir, "a.md"))
	c.open(uri, "# A\n\nTODO.\n")
	if got := c.pullFull(uri); len(got.Items) != 1 || got.Items[0].Severity != severityWarning {
		t.Fatalf("first pull: %+v", got)
	}
	writeFile(t, dir, ".medlint.yml", "rules:\n  placeholder-text: info\n")
	c.notify(methodDidChangeConfig, map[string]any{"settings": json.RawMessage(`{}`)})
	c.waitFor("a diagnostic refresh request", func() bool {
		for _, r := range c.requests {
			if r.method == methodDiagnosticRefresh {
				return true
			}
		}
		return false
	})
	if got := c.pullFull(uri); len(got.Items) != 1 || got.Items[0].Severity != severityInformation {
		t.Errorf("pull after the change: %+v", got)
	}
}

func TestWatchersFor(t *testing.T) {
	t.Parallel()
	deps := []string{"/w/.medlint.yml", "/w/data/reviewers.yml"}
	tests := []struct {
		relative bool
		want     string
	}{
		{false, `[{"globPattern":"**/.medlint.yml"},{"globPattern":"**/.medlint.yaml"},{"globPattern":"**/reviewers.yml"}]`},
		{true, `[{"globPattern":"**/.medlint.yml"},{"globPattern":"**/.medlint.yaml"},{"globPattern":{"baseUri":"file:///w","pattern":".medlint.yml"}},{"globPattern":{"baseUri":"file:///w/data","pattern":"reviewers.yml"}}]`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(watchersFor(deps, tt.relative))
		if err != nil || string(got) != tt.want {
			t.Errorf("relative %v: %s, want %s", tt.relative, got, tt.want)
		}
	}
}

// TestToday: without initializationOptions.now, date rules take today's
// date (Options.Today, the real date by default), as check without --now.
func TestToday(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		options any
		today   string
		stale   bool
	}{
		{"now pinned", map[string]any{"now": testNow}, "2031-01-01", false},
		{"today", nil, "2031-01-01", true},
		{"today, recent", nil, "2026-01-20", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			today, err := time.Parse(time.DateOnly, tt.today)
			if err != nil {
				t.Fatal(err)
			}
			c := startServer(t, Options{Today: func() time.Time { return today.Add(15 * time.Hour) }})
			c.initialize(pushCaps, map[string]any{"initializationOptions": tt.options})
			uri := pathToURI(filepath.Join(repo(t), "a.md"))
			c.open(uri, reviewedArticle)
			stale := false
			for _, d := range c.diagnostics(uri, 1) {
				stale = stale || d.Code == "review-date"
			}
			if stale != tt.stale {
				t.Errorf("review-date reported: %v, want %v", stale, tt.stale)
			}
		})
	}
}
