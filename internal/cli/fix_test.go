package cli

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/testsupport"
)

// The end-to-end tests of check --fix with the test-only rules are in
// ./fixcli, a test binary of their own.

// listFormatFix is check --fix with list-format alone, at a fixed date.
func listFormatFix(more ...string) []string {
	return append([]string{"check", "--no-config", "--no-color", "--now", "2026-11-25", "--only", "list-format", "--fix"}, more...)
}

// TestSeedArticleFix is the acceptance test: --fix on the seed
// article turns every "•" line into a real list item, and a second run
// fixes nothing.
func TestSeedArticleFix(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "gut-skin-connection.md", string(src))
	p := filepath.Join(dir, "gut-skin-connection.md")
	r := medlint(t, dir, "", listFormatFix("--fail-on", "none", "gut-skin-connection.md")...)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	read := func() string {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	fixed := read()
	for i, line := range strings.Split(fixed, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "•") {
			t.Errorf("line %d still starts with a bullet character: %q", i+1, line)
		}
	}
	// Every former "•" line is now the first line of a list item.
	doc, err := document.Parse(p, []byte(fixed))
	if err != nil {
		t.Fatal(err)
	}
	itemLines := map[int]bool{}
	for _, l := range doc.Lists {
		for _, it := range l.Items {
			itemLines[it.Line] = true
		}
	}
	fixedLines := strings.Split(fixed, "\n")
	bullets := 0
	for _, line := range strings.Split(string(src), "\n") {
		content, ok := strings.CutPrefix(strings.TrimSpace(line), "•")
		if !ok {
			continue
		}
		bullets++
		content = strings.TrimSpace(content)
		found := false
		for i, fl := range fixedLines {
			if strings.HasSuffix(strings.TrimRight(fl, "\r"), content) && itemLines[i+1] {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("the bullet line %q is not a list item after --fix", line)
		}
	}
	if bullets == 0 {
		t.Fatal("the seed article has no bullet lines: wrong file?")
	}
	r = medlint(t, dir, "", listFormatFix("--fail-on", "none", "gut-skin-connection.md")...)
	if !strings.Contains(r.stderr, "fixed 0 findings") || read() != fixed {
		t.Errorf("a second --fix changed something:\n%s", r.stderr)
	}
}

// encodeUTF16 returns s as UTF-16 with a byte order mark.
func encodeUTF16(s string, order binary.AppendByteOrder) []byte {
	var b []byte
	b = order.AppendUint16(b, 0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

// TestCheckFixUTF16File: --fix lints a UTF-16 file but writes nothing
// (the fixer refuses to re-encode it), reports the refusal as the file's
// error and not as fixes that did not settle, and prints standard input's
// text back unchanged.
func TestCheckFixUTF16File(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := encodeUTF16("# Tips\n\n• one\n• two\n", binary.LittleEndian)
	p := filepath.Join(dir, "utf16.md")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	r := medlint(t, dir, "", listFormatFix("utf16.md")...)
	want := "medlint: utf16.md: not fixed: the file is encoded as UTF-16LE"
	if r.code != ExitError || !strings.Contains(r.stderr, want) || !strings.Contains(r.stdout, "list-format") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stderr, "fixable finding left") {
		t.Errorf("the refusal is not a fix that failed to settle:\n%s", r.stderr)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, src) {
		t.Errorf("UTF-16 file written: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the directory: %v", entries)
	}
	// Standard input: the text goes back out unchanged.
	r = medlint(t, dir, string(src), listFormatFix("-")...)
	if r.code != ExitError || r.stdout != string(src) || !strings.Contains(r.stderr, "UTF-16LE") {
		t.Errorf("stdin: exit %d\nstdout %q\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}
