package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeArticle(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGitHubFormatAutoSelected(t *testing.T) {
	t.Parallel()
	dir := writeArticle(t)
	gh := map[string]string{"GITHUB_ACTIONS": "true"}
	code, out, errOut := runIn(t, dir, gh, "check", "--no-config", "--only", "duplicate-heading", filepath.Join(dir, "a.md"))
	if code != ExitClean || !strings.HasPrefix(out, "::warning file=a.md,line=7,col=1,") || !strings.Contains(out, "title=duplicate-heading::") {
		t.Errorf("GITHUB_ACTIONS=true without --format: exit %d, stdout %q; want workflow commands", code, out)
	}
	if errOut != "1 finding (0 errors, 1 warning, 0 info) in 1 file\n" {
		t.Errorf("stderr = %q, want the text summary", errOut)
	}
	// An explicit --format wins, and --quiet drops the summary.
	_, out, _ = runIn(t, dir, gh, "check", "--no-config", "--only", "duplicate-heading", "--format", "text", filepath.Join(dir, "a.md"))
	if !strings.HasPrefix(out, "a.md:7:1: warning") {
		t.Errorf("--format text under GitHub Actions: %q", out)
	}
	_, _, errOut = runIn(t, dir, gh, "check", "--no-config", "--only", "duplicate-heading", "--quiet", filepath.Join(dir, "a.md"))
	if errOut != "" {
		t.Errorf("--quiet: stderr %q, want nothing", errOut)
	}
	// Outside GitHub Actions the default stays text.
	_, out, _ = runIn(t, dir, map[string]string{"GITHUB_ACTIONS": "false"}, "check", "--no-config", "--only", "duplicate-heading", filepath.Join(dir, "a.md"))
	if !strings.HasPrefix(out, "a.md:7:1: warning") {
		t.Errorf("default format outside GitHub Actions: %q", out)
	}
}

func TestNoProgressWhenNotATerminal(t *testing.T) {
	t.Parallel()
	dir := writeArticle(t)
	_, _, errOut := runIn(t, dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--format", "json", dir)
	if errOut != "" {
		t.Errorf("stderr %q: nothing may be written when standard error is not a terminal", errOut)
	}
}

func TestProgressLine(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	clock := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	p := newProgress(&buf, func() time.Time { return clock })
	p.update(1, 100)
	if buf.Len() != 0 {
		t.Fatalf("short runs must not show progress, got %q", buf.String())
	}
	clock = clock.Add(time.Second)
	p.update(50, 100)
	if got := buf.String(); got != "\r\x1b[Kmedlint: linted 50/100 files (50 files/s)" {
		t.Errorf("progress line = %q", got)
	}
	buf.Reset()
	clock = clock.Add(10 * time.Millisecond)
	p.update(51, 100)
	if buf.Len() != 0 {
		t.Errorf("redrawn too often: %q", buf.String())
	}
	p.update(100, 100)
	if !strings.Contains(buf.String(), "100/100") {
		t.Errorf("the last file must be shown, got %q", buf.String())
	}
	buf.Reset()
	p.finish()
	if buf.String() != "\r\x1b[K" {
		t.Errorf("finish = %q, want the line erased", buf.String())
	}
	buf.Reset()
	p.finish()
	if buf.Len() != 0 {
		t.Error("finish erased twice")
	}
}
