package ruledoc_test

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruledoc"
)

func TestEveryRuleDocumented(t *testing.T) {
	t.Parallel()
	for _, r := range lint.Builtin() {
		m := r.Meta()
		md := ruledoc.Markdown(r)
		if !strings.HasPrefix(md, "# "+m.ID+"\n\n"+m.Summary+"\n") || !strings.Contains(md, "Default severity: "+m.Severity.String()) {
			t.Errorf("%s: Markdown lacks the title, summary or severity:\n%s", m.ID, md)
		}
		if m.Rationale != "" && !strings.Contains(md, "## Why\n\n"+m.Rationale) {
			t.Errorf("%s: Markdown lacks the rationale", m.ID)
		}
		text := ruledoc.Text(r)
		if strings.Contains(text, "```") || strings.Contains(text, "\n## ") || strings.HasPrefix(text, "#") {
			t.Errorf("%s: Text keeps Markdown syntax:\n%s", m.ID, text)
		}
		for _, l := range strings.Split(strings.TrimRight(m.Bad, "\n"), "\n") {
			if l != "" && !strings.Contains(text, "\n    "+l+"\n") {
				t.Errorf("%s: Text lacks the flagged example's line %q", m.ID, l)
			}
		}
		want := m.Summary
		if m.Rationale != "" {
			want = strings.TrimSuffix(m.Summary, ".") + ". " + m.Rationale
		}
		if desc := ruledoc.Description(r); desc != want {
			t.Errorf("%s: Description = %q, want %q", m.ID, desc, want)
		}
	}
}
