package lsp

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/testsupport"
)

// The clients' tests run `medlint lsp` under editors' LSP clients that
// nobody here wrote: Neovim's built-in client and Microsoft's client
// libraries (the ones VS Code's language client is made of). A missing
// client skips them, except under CI=true, where .ci/run installs both.

// clientTimeout bounds one client's whole session.
const clientTimeout = 3 * time.Minute

// run runs a client's command, failing the test with its output.
func run(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out.String())
	}
	return out.String()
}

// clientArticle is the seed article with lines of emoji and CJK before
// findings, so that UTF-16 positions differ from code points.
func clientArticle(t *testing.T) string {
	return seedArticle(t) + "\n## 健康 notes 🙂\n\n🙂 TODO 🙂 write this, 健康 TBD.\n"
}

func TestNodeClient(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		testsupport.Unavailable(t, "node is not installed: Microsoft's LSP client libraries are not run against medlint lsp")
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "node"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "vscode-languageserver-protocol")); err != nil {
		testsupport.Unavailable(t, "vscode-languageserver-protocol is not installed: run npm ci in internal/lsp/testdata/node (.ci/run does)")
	}
	bin := testsupport.BuildMedlint(t)
	work := repo(t)
	doc := writeFile(t, work, "article.md", clientArticle(t))
	report := filepath.Join(t.TempDir(), "report.json")
	check := exec.Command(bin, "check", "--format", "json", "--now", testNow, "--no-cache", "--fail-on", "none", "-o", report, doc)
	check.Dir = work
	run(t, check)
	ctx, cancel := context.WithTimeout(context.Background(), clientTimeout)
	defer cancel()
	out := run(t, exec.CommandContext(ctx, node, filepath.Join(dir, "client.js"), bin, doc, report, testNow))
	if !strings.Contains(out, "ok: ") {
		t.Fatalf("the node client did not finish:\n%s", out)
	}
	t.Log(strings.TrimSpace(out))
}

func TestNeovimClient(t *testing.T) {
	t.Parallel()
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		testsupport.Unavailable(t, "Neovim is not installed (Debian: apt-get install neovim): its LSP client is not run against medlint lsp")
	}
	script, err := filepath.Abs(filepath.Join("testdata", "nvim", "client.lua"))
	if err != nil {
		t.Fatal(err)
	}
	bin := testsupport.BuildMedlint(t)
	work := repo(t)
	text := clientArticle(t)
	doc := writeFile(t, work, "article.md", text)
	// What `medlint check --fix` makes of the same text.
	fixed := writeFile(t, t.TempDir(), "fixed.md", text)
	fixCmd := exec.Command(bin, "check", "--fix", "--now", testNow, "--no-cache", "--fail-on", "none", "--quiet", fixed)
	fixCmd.Dir = filepath.Dir(fixed)
	run(t, fixCmd)
	want, err := os.ReadFile(fixed)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "buffer.md")
	ctx, cancel := context.WithTimeout(context.Background(), clientTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "MEDLINT="+bin, "MEDLINT_DOC="+doc, "MEDLINT_OUT="+out, "MEDLINT_NOW="+testNow, "HOME="+t.TempDir(), "XDG_STATE_HOME="+t.TempDir())
	run(t, cmd)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("Neovim wrote no buffer: %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("the buffer after Neovim applied the fixes differs from medlint check --fix:\n--- buffer\n%s\n--- check --fix\n%s", got, want)
	}
}
