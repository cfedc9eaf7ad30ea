package report_test

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/report"
)

func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"50% off", "50%25 off", "50%25 off"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"%0A literal", "%250A literal", "%250A literal"},
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
	} {
		if got := report.EscapeGitHubData(tc.in); got != tc.data {
			t.Errorf("EscapeGitHubData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := report.EscapeGitHubProperty(tc.in); got != tc.prop {
			t.Errorf("EscapeGitHubProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
}

func TestGitHubCommands(t *testing.T) {
	t.Parallel()
	out := string(render(t, "github", hostileReport(), report.Options{WorkDir: "/repo/sub", RepoRoot: "/repo"}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		"::error file=sub/bad.md,title=medlint::permission denied (check the file's permissions)",
		"::error file=sub/ünï.md,line=4,title=duplicate-heading::internal error",
		`::error file=sub/a b/c%3Ad%25.md,line=3,col=2,endLine=3,endColumn=9,title=duplicate-heading::<script>alert("x")</script> 100%25 "quoted", a:b`,
		"::notice file=sub/ünï.md,line=1,col=1,endLine=1,endColumn=1,title=directive::line%0Abreak%0D%0Aand tab\t",
		"::warning file=/elsewhere/x.md,line=2,col=5,endLine=2,endColumn=5,title=no-such-rule::end before start",
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
