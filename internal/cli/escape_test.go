package cli

import (
	"strings"
	"testing"
)

// TestControlCharactersInFileNamesAreEscaped lints files whose names hold
// an OSC title sequence, a BEL and a newline that would forge a workflow
// command: the text report and the error lines on standard error show them
// escaped, one line per finding or error.
func TestControlCharactersInFileNamesAreEscaped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	evil := "evil\x1b]0;owned\x07\n::error file=x.md::forged.md"
	writeFile(t, dir, evil, dupArticle)
	big := "big\x1b[2J\n::error::x.md"
	writeFile(t, dir, big, "# Big\n\n"+strings.Repeat("Text. ", 400)+"\n")
	r := medlint(t, dir, "", "check", "--only", "duplicate-heading", "--max-file-size", "1KB", "--now", "2026-11-25", ".")
	if r.code != ExitError {
		t.Fatalf("exit %d, want 2 (one file too large):\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for name, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		for _, c := range out {
			if (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) {
				t.Errorf("%s holds the raw control character %U:\n%q", name, c, out)
				break
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "::") {
				t.Errorf("%s: a file name forged the line %q", name, line)
			}
		}
	}
	if want := `evil\x1b]0;owned\x07\n::error file=x.md::forged.md:11:1: warning duplicate-heading`; !strings.Contains(r.stdout, want) {
		t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
	}
	if want := `medlint: big\x1b[2J\n::error::x.md: `; !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr should be one line starting %q:\n%s", want, r.stderr)
	}
}

// TestErrorLinesAreEscaped checks the error line of a failed command
// (here merge naming a report whose name holds escape sequences) and that
// the several problems of a config still get a line each.
func TestErrorLinesAreEscaped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	r := medlint(t, dir, "", "merge", "no\x1b]0;x\x07such\n::error::.json")
	if r.code != ExitError || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, `no\x1b]0;x\x07such\n::error::.json`) {
		t.Errorf("merge of a missing report: exit %d, stderr %q; want exit 2 and one escaped line", r.code, r.stderr)
	}
	writeFile(t, dir, ".medlint.yml", "bogus: 1\nalso-bogus: 2\n")
	writeFile(t, dir, "a.md", "# A\n")
	r = medlint(t, dir, "", "check", "a.md")
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != ExitError || len(lines) != 2 || !strings.Contains(lines[0], `"bogus"`) || !strings.Contains(lines[1], `"also-bogus"`) {
		t.Errorf("a config with two problems: exit %d, stderr %q; want two lines", r.code, r.stderr)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "medlint: ") {
			t.Errorf("error line %q lacks the medlint: prefix", l)
		}
	}
}

// TestFixLinesEscapeFileNames checks the lines --fix writes per file.
func TestFixLinesEscapeFileNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "evil\x1b]0;owned\x07\n::error::x.md", "# Title\n\n• one\n• two\n")
	r := medlint(t, dir, "", "check", "--fix", "--only", "list-format", "--now", "2026-11-25", ".")
	if !strings.Contains(r.stderr, `medlint: evil\x1b]0;owned\x07\n::error::x.md: fixed `) {
		t.Fatalf("exit %d, stderr %q: want the fixed file named with its control characters escaped", r.code, r.stderr)
	}
	for _, c := range r.stderr {
		if c < 0x20 && c != '\n' && c != '\t' {
			t.Fatalf("stderr holds the raw control character %U: %q", c, r.stderr)
		}
	}
}
