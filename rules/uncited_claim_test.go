package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/rules"
)

func lintUncited(t testing.TB, src string, opts *rules.UncitedClaimOptions) []string {
	t.Helper()
	r, ok := lint.Lookup("uncited-claim")
	if !ok {
		t.Fatal("uncited-claim is not registered")
	}
	if opts == nil {
		opts = r.NewOptions().(*rules.UncitedClaimOptions)
	}
	fr := engine.Lint("t.md", []byte(src), []config.Active{{Rule: r, Options: opts}}, ruletest.Now)
	var out []string
	for _, f := range fr.Findings {
		out = append(out, fmt.Sprintf("%d:%s:%s", f.Line, f.Check, f.Message))
	}
	return out
}

func uncitedOpts(mutate func(*rules.UncitedClaimOptions)) *rules.UncitedClaimOptions {
	r, _ := lint.Lookup("uncited-claim")
	o := r.NewOptions().(*rules.UncitedClaimOptions)
	mutate(o)
	return o
}

// TestUncitedClaimSeed checks the seed article: uncited-claim at lines 9,
// 23 and 52 and nowhere else (the expert quote on line 54 is an
// attribution, flagged only with flag-attributions).
func TestUncitedClaimSeed(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		t.Fatal(err)
	}
	got := lintUncited(t, string(src), nil)
	want := []string{
		"9:research-claim:research claim with no source: 'science reveals a profound truth'; add a citation in the same sentence",
		"23:research-claim:research claim with no source: 'a 2023 review published in the Journal'; add a citation in the same sentence",
		"52:statistic:statistic with no source: '70% of your immune system'; add a citation in the same sentence",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("seed findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	opts := uncitedOpts(func(o *rules.UncitedClaimOptions) { o.FlagAttributions = true })
	got = lintUncited(t, string(src), opts)
	lines := map[string]bool{}
	for _, g := range got {
		lines[strings.SplitN(g, ":", 2)[0]] = true
	}
	if !lines["54"] || len(got) != 4 {
		t.Errorf("with flag-attributions, want lines 9, 23, 52 and 54, got:\n%s", strings.Join(got, "\n"))
	}
}

func TestUncitedClaimScoring(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		opts *rules.UncitedClaimOptions
		want int
	}{
		{"statistic", "About 70% of adults snore.\n", nil, 1},
		{"hedged", "Studies suggest it might help.\n", nil, 1},
		{"first person alone", "In my experience 70% of clients improve.\n", nil, 0},
		{"first person two kinds", "I read that studies show 70% of adults snore.\n", nil, 1},
		{"dose alone", "Take 400 mcg of folic acid.\n", nil, 0},
		{"dose with effect", "Taking 400 mcg of folic acid lowers the risk.\n", nil, 1},
		{"min-score 3 single", "About 70% of adults snore.\n", uncitedOpts(func(o *rules.UncitedClaimOptions) { o.MinScore = 3 }), 0},
		{"min-score 3 double", "Studies show that 70% of adults snore.\n", uncitedOpts(func(o *rules.UncitedClaimOptions) { o.MinScore = 3 }), 1},
		{"one finding per sentence", "Studies show 70% of adults and 1 in 3 children snore.\n", nil, 1},
		{"two sentences", "About 70% of adults snore. Studies show it.\n", nil, 2},
		{"disclaimer", "For informational purposes only: studies show 70% of readers skip this.\n", nil, 0},
		{"heading", "# Studies show 70% of adults snore\n", nil, 0},
		{"sources subsection", "## Sources\n\n### Sleep\n\nStudies show 70% of adults snore.\n", nil, 0},
		{"food sources is not a reference list", "## Food sources of iron\n\nStudies show 70% of adults lack iron.\n", nil, 1},
		{"allow phrase", "Studies show mixed results.\n", uncitedOpts(func(o *rules.UncitedClaimOptions) { o.AllowPhrases = []string{`studies show mixed`} }), 0},
		{"non-citation domain", "Studies show it works ([shop](https://shop.example.com)).\n", uncitedOpts(func(o *rules.UncitedClaimOptions) { o.NonCitationDomains = []string{"example.com"} }), 1},
		{"relative link cites", "Studies show it works ([guide](/guides/x)).\n", nil, 0},
		{"relative link off", "Studies show it works ([guide](/guides/x)).\n", uncitedOpts(func(o *rules.UncitedClaimOptions) { o.RelativeLinks = false }), 1},
		{"paragraph scope", "Studies show it works. See [the review](https://x.org).\n", uncitedOpts(func(o *rules.UncitedClaimOptions) { o.Scope = "paragraph" }), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := lintUncited(t, tt.src, tt.opts)
			if len(got) != tt.want {
				t.Errorf("%d findings %q, want %d", len(got), got, tt.want)
			}
		})
	}
}

func TestUncitedClaimValidate(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("uncited-claim")
	tests := []struct {
		name    string
		mutate  func(o *rules.UncitedClaimOptions)
		wantErr string
	}{
		{"defaults", func(*rules.UncitedClaimOptions) {}, ""},
		{"bad extra", func(o *rules.UncitedClaimOptions) { o.ExtraSignals = []string{"statistic:("} }, "extra-signals"},
		{"bad allow", func(o *rules.UncitedClaimOptions) { o.AllowPhrases = []string{"[a-"} }, "allow-phrases"},
		{"zero score", func(o *rules.UncitedClaimOptions) { o.MinScore = 0 }, "min-score"},
		{"good lists", func(o *rules.UncitedClaimOptions) {
			o.ExtraSignals = []string{"dose:\\bdrops\\b", "miracle"}
			o.AllowPhrases = []string{"studies show mixed"}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := r.NewOptions().(*rules.UncitedClaimOptions)
			tt.mutate(o)
			err := o.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestUncitedClaimConfigErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".medlint.yml")
	if err := os.WriteFile(cfg, []byte("rules:\n  uncited-claim:\n    allow-phrases: ['(']\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(cfg); err == nil || !strings.Contains(err.Error(), "allow-phrases") {
		t.Errorf("config.Load: %v, want an allow-phrases error", err)
	}
}

func FuzzUncitedClaim(f *testing.F) {
	for _, s := range ruleSeeds(f, "uncited-claim") {
		f.Add(string(s))
	}
	f.Add("Studies show 70% of adults.[^1] Next.<sup>2</sup>\n\n[^1]: x\n")
	r, _ := lint.Lookup("uncited-claim")
	// The rule is prepared once per scope, as a configuration prepares it.
	var checks []lint.Check
	for _, scope := range []string{"sentence", "paragraph"} {
		opts := r.NewOptions().(*rules.UncitedClaimOptions)
		opts.Scope = scope
		check, err := r.Prepare(opts, lint.Env{})
		if err != nil {
			f.Fatal(err)
		}
		checks = append(checks, check)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := document.Parse("f.md", []byte(src))
		if err != nil {
			return
		}
		for _, check := range checks {
			pass := lint.NewPass(doc, ruletest.Now, func(d lint.Diagnostic) {
				if d.Pos < 0 || d.Pos > d.End || d.End > len(doc.Source) {
					t.Fatalf("bad range %d:%d (len %d) for %q", d.Pos, d.End, len(doc.Source), d.Message)
				}
			})
			if err := check(pass); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestUncitedClaimMetaExamples keeps the documented examples honest.
func TestUncitedClaimMetaExamples(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("uncited-claim")
	m := r.Meta()
	if got := lintUncited(t, m.Bad, nil); len(got) != 2 {
		t.Errorf("Bad example: %d findings %q, want 2", len(got), got)
	}
	if got := lintUncited(t, m.Good, nil); len(got) != 0 {
		t.Errorf("Good example: findings %q, want none", got)
	}
	if len(m.Checks) != 4 {
		t.Errorf("want 4 documented checks, got %d", len(m.Checks))
	}
}
