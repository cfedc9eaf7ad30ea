package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/linttest"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/rules"
)

// beyondRules are the rules of issue 7.
var beyondRules = []string{"affiliate-disclosure", "risky-claim", "reviewer-credentials", "image-alt", "placeholder-text", "heading-structure"}

// TestBeyondSeedArticle checks the acceptance criterion of issue 7: the
// seed article gets exactly the findings its README table lists for these
// rules and no others from them.
func TestBeyondSeedArticle(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"affiliate-disclosure": {"missing@122"},
		"risky-claim":          {"breakthrough@9", "detox@93"},
		"reviewer-credentials": {"incomplete-name@5"},
		"image-alt":            {"file-name@1"},
		"placeholder-text":     nil,
		"heading-structure":    nil,
	}
	for _, id := range beyondRules {
		fs := lintCompliance(t, id, string(src), nil)
		if got, w := findingChecks(fs), strings.Join(want[id], " "); got != w {
			t.Errorf("%s: got %q, want %q", id, got, w)
		}
	}
	fs := lintCompliance(t, "risky-claim", string(src), nil)
	for _, f := range fs {
		if f.Severity != lint.SeverityWarning {
			t.Errorf("risky-claim %s: severity %v, want warning (tier B)", f.Check, f.Severity)
		}
	}
	if fs := lintCompliance(t, "risky-claim", string(src), nil); len(fs) == 2 &&
		(!strings.Contains(fs[0].Message, `"groundbreaking"`) || !strings.Contains(fs[1].Message, `"flushing out toxins"`)) {
		t.Errorf("risky-claim messages: %q / %q", fs[0].Message, fs[1].Message)
	}
}

func TestRiskyClaimTiers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, check string
		sev        lint.Severity
	}{
		{"# T\n\nIt cures acne.\n", "cure", lint.SeverityError},
		{"# T\n\nA cure-all tonic.\n", "cure", lint.SeverityError},
		{"# T\n\nIt is a superfood.\n", "superfood", lint.SeverityWarning},
		{"# T\n\nIt is clinically proven.\n", "clinically-proven", lint.SeverityError},
		{"# T\n\nIt is clinically proven ([trial](https://example.org/t)).\n", "", 0},
		{"# T\n\nIt is clinically proven[^1].\n\n[^1]: Trial.\n", "", 0},
		{"# T\n\nIt is clinically proven (doi:10.1000/182).\n", "", 0},
		{"# T\n\nIt is clinically proven (PMID: 12345678).\n", "", 0},
		{"# T\n\nIt is clinically proven<sup>3</sup>.\n", "", 0},
		{"# T\n\nOur vitamin gummies are FDA approved.\n", "fda-approved", lint.SeverityError},
		{"# T\n\nThis inhaler is FDA approved.\n", "", 0},
		{"# T\n\nIt is not a miracle, but it helps.\n", "", 0},
		{"# T\n\nIt never cures, but it helps.\n", "", 0},
		{"# T\n\nNo, but it cures acne.\n", "cure", lint.SeverityError},
	}
	for _, tt := range tests {
		fs := lintCompliance(t, "risky-claim", tt.src, nil)
		if tt.check == "" {
			if len(fs) != 0 {
				t.Errorf("%q: got %s, want none", tt.src, findingChecks(fs))
			}
			continue
		}
		if len(fs) != 1 || fs[0].Check != tt.check || fs[0].Severity != tt.sev {
			t.Errorf("%q: got %+v, want one %s %v", tt.src, fs, tt.check, tt.sev)
		}
	}
}

func TestRiskyClaimOptionsValidate(t *testing.T) {
	t.Parallel()
	r, _ := rules.Lookup("risky-claim")
	tests := []struct {
		name string
		edit func(*rules.RiskyClaimOptions)
		ok   bool
	}{
		{"defaults", func(*rules.RiskyClaimOptions) {}, true},
		{"disable id and tier", func(o *rules.RiskyClaimOptions) { o.Disable = []string{"superfood", "B"} }, true},
		{"disable unknown", func(o *rules.RiskyClaimOptions) { o.Disable = []string{"nope"} }, false},
		{"bad tier", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "x", Tier: "C", Phrases: []string{"x"}, Message: "m"}}
		}, false},
		{"bad regexp", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "x", Tier: "A", Pattern: "(", Message: "m"}}
		}, false},
		{"no phrases", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "x", Tier: "A", Message: "m"}}
		}, false},
		{"no message", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "x", Tier: "A", Phrases: []string{"x"}}}
		}, false},
		{"bad id", func(o *rules.RiskyClaimOptions) {
			o.Extra = []rules.RiskyClaimEntry{{ID: "Bad Id", Tier: "A", Phrases: []string{"x"}, Message: "m"}}
		}, false},
		{"negation window", func(o *rules.RiskyClaimOptions) { o.NegationWindow = 99 }, false},
	}
	for _, tt := range tests {
		o := r.NewOptions().(*rules.RiskyClaimOptions)
		tt.edit(o)
		if err := o.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

// TestRiskyClaimMetaListsLexicon checks that explain documents every
// built-in entry with its source.
func TestRiskyClaimMetaListsLexicon(t *testing.T) {
	t.Parallel()
	r, _ := rules.Lookup("risky-claim")
	m := r.Meta()
	if len(m.Checks) < 10 {
		t.Fatalf("%d checks, want the whole lexicon", len(m.Checks))
	}
	for _, c := range m.Checks {
		if !strings.Contains(m.Notes, "- "+c.Name+" (tier ") {
			t.Errorf("notes do not document entry %s", c.Name)
		}
	}
	if strings.Count(m.Notes, "Source: ") != len(m.Checks) {
		t.Errorf("every entry needs a source")
	}
}

// TestReviewerRegistryConfig loads configurations naming a registry: a
// path inside the repository works relative to the config file; one that
// escapes it, or a missing or malformed registry, is a configuration error.
func TestReviewerRegistryConfig(t *testing.T) {
	t.Parallel()
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(repo, "site")
	if err := os.MkdirAll(filepath.Join(site, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, "data", "reviewers.yml"), "- name: Jane Frank\n  credentials: [MD]\n  valid-until: 2027-01-01\n")
	write(filepath.Join(repo, "shared.yml"), "- name: Sam Lee\n")
	write(filepath.Join(site, "data", "bad.yml"), "- name: X\n  valid-until: someday\n")
	outside := filepath.Join(filepath.Dir(repo), "outside-reviewers.yml")
	tests := []struct {
		path string
		want string // "" for success, else a substring of the error
	}{
		{"data/reviewers.yml", ""},
		{"../shared.yml", ""}, // up to the repository root is inside
		{"../../outside.yml", "outside the repository"},
		{outside, "outside the repository"},
		{"data/missing.yml", "cannot read the registry"},
		{"data/bad.yml", "valid-until"},
	}
	for _, tt := range tests {
		cfgPath := filepath.Join(site, ".medlint.yml")
		c, err := config.Parse(cfgPath, site, []byte("rules:\n  reviewer-credentials:\n    reviewers: "+tt.path+"\n"))
		if tt.want != "" {
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), ".medlint.yml:2") {
				t.Errorf("%s: err = %v, want a config error at the rule (line 2) containing %q", tt.path, err, tt.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		active, err := c.Resolve("a.md")
		if err != nil {
			t.Fatal(err)
		}
		var a config.Active
		for _, x := range active {
			if x.Rule.Meta().ID == "reviewer-credentials" {
				a = x
			}
		}
		fr := engine.Lint("a.md", []byte("# T\n\nMedically reviewed by Dr. Jane Frank, MD on 2026-10-01\n"), []config.Active{a}, linttest.Now)
		wantChecks := ""
		if tt.path == "../shared.yml" {
			wantChecks = "not-in-registry@3"
		}
		if got := findingChecks(fr.Findings); got != wantChecks || len(fr.Errors) > 0 {
			t.Errorf("%s: got %q %v, want %q", tt.path, got, fr.Errors, wantChecks)
		}
	}
}

func TestReviewerCredentialsParsing(t *testing.T) {
	t.Parallel()
	tests := []struct{ byline, want string }{
		{"Dr. Jane Frank, MD", ""},
		{"Jane Frank, M.D., FAAD", ""},
		{"Jane Frank MD", ""},
		{"Jane Frank, Ph.D.", ""},
		{"Jane Frank (RN)", ""},
		{"Jane Frank, PA-C", ""},
		{"Jane Frank, MBChB", ""},
		{"Dr. Frank", "incomplete-name@3"},
		{"Frank, MD", "incomplete-name@3"},
		{"Dr. Jane Frank", "no-credential@3"},
		{"Jane Frank, FRACP", "no-credential@3"},
		{"Dr. X", "placeholder@3"},
		{"TBD", "placeholder@3"},
		{"[Name]", "placeholder@3"},
		{"{{ reviewer }}", "placeholder@3"},
		{"Jane Frank, MD and Sam Lee, RD", ""},
		{"Jane Frank, MD & Dr. Lee", "incomplete-name@3"},
	}
	for _, tt := range tests {
		src := "# T\n\nMedically reviewed by " + tt.byline + " on 2026-10-01\n"
		if got := findingChecks(lintCompliance(t, "reviewer-credentials", src, nil)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.byline, got, tt.want)
		}
	}
}

func TestAffiliateDisclosureOptionsValidate(t *testing.T) {
	t.Parallel()
	r, _ := rules.Lookup("affiliate-disclosure")
	for _, tt := range []struct {
		edit func(*rules.AffiliateDisclosureOptions)
		ok   bool
	}{
		{func(*rules.AffiliateDisclosureOptions) {}, true},
		{func(o *rules.AffiliateDisclosureOptions) { o.OwnShopDomains = []string{"shop.example.com"} }, true},
		{func(o *rules.AffiliateDisclosureOptions) { o.OwnShopDomains = []string{"https://shop.example.com/"} }, false},
		{func(o *rules.AffiliateDisclosureOptions) { o.DisclosurePatterns = []string{"("} }, false},
	} {
		o := r.NewOptions().(*rules.AffiliateDisclosureOptions)
		tt.edit(o)
		if err := o.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: Validate() = %v, want ok %v", o, err, tt.ok)
		}
	}
}

func TestPlaceholderTextOptionsValidate(t *testing.T) {
	t.Parallel()
	r, _ := rules.Lookup("placeholder-text")
	o := r.NewOptions().(*rules.PlaceholderTextOptions)
	o.Disable = []string{"tk", "date-format"}
	if err := o.Validate(); err != nil {
		t.Errorf("valid disable list: %v", err)
	}
	o.Disable = []string{"tbd"}
	if err := o.Validate(); err == nil {
		t.Error("unknown check in disable: no error")
	}
}

// TestBeyondBadGoodExamples checks that each rule flags its Bad example and
// accepts its Good one, so `medlint explain` never shows a wrong example.
func TestBeyondBadGoodExamples(t *testing.T) {
	t.Parallel()
	for _, id := range beyondRules {
		r, _ := rules.Lookup(id)
		m := r.Meta()
		if fs := lintCompliance(t, id, m.Bad, nil); len(fs) == 0 {
			t.Errorf("%s: Bad example not flagged", id)
		}
		if fs := lintCompliance(t, id, m.Good, nil); len(fs) != 0 {
			t.Errorf("%s: Good example flagged: %s", id, findingChecks(fs))
		}
		for _, o := range lint.Options(r) {
			if o.Doc == "" {
				t.Errorf("%s: option %s has no doc", id, o.Name)
			}
		}
	}
}

func fuzzBeyond(f *testing.F, id string, extra ...string) {
	seedRuleCorpus(f, id)
	for _, s := range extra {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRuleDiagnostics(t, id, src, linttest.Now)
	})
}

func FuzzAffiliateDisclosure(f *testing.F) {
	fuzzBeyond(f, "affiliate-disclosure", "<a href='https://amzn.to/x'>", "[x](http://[::1]:namedport?ref=1) shop now")
}

func FuzzRiskyClaim(f *testing.F) {
	fuzzBeyond(f, "risky-claim", "“miracle", "no\u00a0cure. Cures! ‘detox’", "# \xff cure")
}

func FuzzReviewerCredentials(f *testing.F) {
	fuzzBeyond(f, "reviewer-credentials", "# T\n\nReviewed by , , and & ; on 2026-01-01\n", "---\ntitle: T\nreviewed_by: [a, b]\n---\n")
}

func FuzzImageAlt(f *testing.F) {
	fuzzBeyond(f, "image-alt", "<img alt=>", "![](<>)", "<!-- <img", "![IMG_1](%zz)")
}

func FuzzPlaceholderText(f *testing.F) {
	fuzzBeyond(f, "placeholder-text", "{{}}", "TK", "---\na: {b: [TODO]}\n---\n", "---\nx: |\n  TK\n  TODO\n---\n")
}

func FuzzHeadingStructure(f *testing.F) {
	fuzzBeyond(f, "heading-structure", "#\n######\n#", "---\ntitle: x\n---\n# a\n")
}

// TestBeyondDocumentParses guards the fuzz helper's assumption that the
// seeds parse.
func TestBeyondDocumentParses(t *testing.T) {
	t.Parallel()
	if _, err := document.Parse("x.md", []byte("# T\n")); err != nil {
		t.Fatal(err)
	}
}
