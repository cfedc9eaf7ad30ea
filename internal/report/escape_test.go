package report_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

func TestEscapeControl(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"plain ünï text", "plain ünï text"},
		{"tab\tkept", "tab\tkept"},
		{`back\slash kept`, `back\slash kept`},
		{"a\nb", `a\nb`},
		{"a\r\nb", `a\r\nb`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x1b]0;pwned\x07title", `\x1b]0;pwned\x07title`},
		{"\x1b]8;;https://evil.example\x1b\\link", `\x1b]8;;https://evil.example\x1b\link`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1 \u009b31m and \u0085 next line", `c1 \u009b31m and \u0085 next line`},
		{"raw \x9b byte", `raw \x9b byte`},
		{"x\n::error file=a.md::forged", `x\n::error file=a.md::forged`},
		{"", ""},
	} {
		if got := report.EscapeControl(tc.in); got != tc.want {
			t.Errorf("EscapeControl(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// controlReport is a report whose paths, rule ids and messages hold every
// kind of control character an attacker would put in a file name or an
// article.
func controlReport() *result.Report {
	path := "evil\x1b]0;owned\x07\n::error file=x.md::forged\r.md"
	return &result.Report{
		Now: "2026-11-25", Files: 2,
		Paths: []string{path, "ok.md"},
		Rules: []string{"duplicate-heading"},
		Findings: []result.Finding{
			{Path: path, Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Rule: "duplicate-heading", Severity: lint.SeverityError,
				Message: "quoted \"\x1b[2J\x1b[H\u009b31m\" then\n::warning::fake\x9b"},
			{Path: "ok.md", Line: 2, Column: 3, EndLine: 2, EndColumn: 4, Rule: "bad\nrule", Severity: lint.SeverityWarning,
				Message: "tab\tstays"},
		},
		Errors: []result.FileError{{Path: "bad\n::error::x.md", Line: 2, Message: "cannot read:\x1b[8m hidden"}},
	}
}

// assertNoControl fails if out holds a control character other than TAB
// and the newlines that end its lines, or a byte that is not UTF-8.
func assertNoControl(t *testing.T, name, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s: output is not UTF-8: %q", name, out)
	}
	for _, r := range out {
		if (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r <= 0x9f) {
			t.Errorf("%s: raw control character %U in %q", name, r, out)
			return
		}
	}
}

func TestTextEscapesControlCharacters(t *testing.T) {
	t.Parallel()
	for _, color := range []bool{false, true} {
		out := string(render(t, "text", controlReport(), report.Options{Color: color}))
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 3 { // two findings and the summary
			t.Fatalf("color %v: %d lines, want 3:\n%s", color, len(lines), out)
		}
		if color {
			out = stripSGR(out)
		} else {
			assertNoControl(t, "text", out)
		}
		assertNoControl(t, "text (SGR removed)", out)
		if want := `evil\x1b]0;owned\x07\n::error file=x.md::forged\r.md:1:1: error duplicate-heading quoted "\x1b[2J\x1b[H\u009b31m" then\n::warning::fake\x9b`; !strings.Contains(out, want) {
			t.Errorf("color %v: want the line\n%s\nin\n%s", color, want, out)
		}
		if want := "ok.md:2:3: warning bad\\nrule tab\tstays"; !strings.Contains(out, want) {
			t.Errorf("color %v: want %q in\n%s", color, want, out)
		}
	}
}

// stripSGR removes the colour sequences the text format writes itself.
func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] == ';' || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestGitHubEscapesControlCharacters(t *testing.T) {
	t.Parallel()
	out := string(render(t, "github", controlReport(), report.Options{}))
	assertNoControl(t, "github", out)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		`::error file=bad%0A%3A%3Aerror%3A%3Ax.md,line=2,title=medlint::cannot read:\x1b[8m hidden`,
		`::error file=evil\x1b]0;owned\x07%0A%3A%3Aerror file=x.md%3A%3Aforged%0D.md,line=1,col=1,endLine=1,endColumn=2,title=duplicate-heading::quoted "\x1b[2J\x1b[H\u009b31m" then%0A::warning::fake\x9b`,
		"::warning file=ok.md,line=2,col=3,endLine=2,endColumn=4,title=bad%0Arule::tab\tstays",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d commands, want %d:\n%s", len(lines), len(want), out)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("command %d:\n got  %s\n want %s", i, lines[i], want[i])
		}
	}
}
