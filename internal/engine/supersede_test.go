package engine_test

import (
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
)

func TestSupersede(t *testing.T) {
	t.Parallel()
	var active []config.Active
	for _, id := range []string{"risky-claim", "uncited-claim"} {
		r, ok := lint.Lookup(id)
		if !ok {
			t.Fatalf("rule %s is not registered", id)
		}
		active = append(active, config.Active{Rule: r, Options: r.NewOptions()})
	}
	tests := []struct {
		name, src string
		want      []string // rule/check of the findings, in order
	}{
		{"one problem, the error wins", "Our serum is clinically proven to clear skin.\n", []string{"risky-claim/clinically-proven"}},
		{"two problems, two findings", "Our serum is clinically proven. Studies show that 70% of adults snore.\n",
			[]string{"risky-claim/clinically-proven", "uncited-claim/research-claim"}},
		{"switched off, replaces nothing", "Our serum is clinically proven to clear skin. <!-- medlint-disable-line risky-claim -->\n",
			[]string{"uncited-claim/establishment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fr := engine.Lint("a.md", []byte("# Serum\n\n"+tt.src), active, ruletest.Now)
			var got []string
			for _, f := range fr.Findings {
				got = append(got, f.Rule+"/"+f.Check)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("finding %d = %s, want %s", i, got[i], tt.want[i])
				}
			}
		})
	}
}
