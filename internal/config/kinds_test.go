package config

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/article"
)

func TestPageKindsConfig(t *testing.T) {
	t.Parallel()
	c, err := Parse(".medlint.yml", "/repo", []byte(`page-kinds:
  keys: [layout, type]
  values: {Page: other, post: advice}
  files:
    - files: ["legal/**"]
      kind: other
    - files: ["reviews/**", "legal/products/**"]
      kind: product
providers:
  disclaimer: [med-note]
  review: [reviewed-by]
rules:
  medical-disclaimer:
    kinds: [advice]
overrides:
  - files: ["blog/**"]
    rules:
      uncited-claim: {kinds: [advice, product]}
`))
	if err != nil {
		t.Fatal(err)
	}
	a := c.Article
	if a == nil || strings.Join(a.KindKeys, ",") != "layout,type" || a.KindValues["page"] != article.KindOther || a.KindValues["post"] != article.KindAdvice {
		t.Fatalf("page-kinds %+v", a)
	}
	if strings.Join(a.Providers.Disclaimer, ",") != "med-note" || strings.Join(a.Providers.Review, ",") != "reviewed-by" {
		t.Errorf("providers %+v", a.Providers)
	}
	for rel, want := range map[string]article.Kind{"legal/terms.md": article.KindOther, "legal/products/x.md": article.KindOther,
		"reviews/a.md": article.KindProduct, "blog/a.md": article.KindUnknown} {
		if in := c.ArticleInput(rel); in.PathKind != want || in.Config != a || in.Path != rel {
			t.Errorf("%s: %+v, want kind %s", rel, in, want)
		}
	}
	kindsOf := func(rel, id string) article.KindSet {
		active, err := c.Resolve(rel)
		if err != nil {
			t.Fatal(err)
		}
		for i := range active {
			if active[i].Rule.Meta().ID == id {
				return active[i].AppliesTo()
			}
		}
		t.Fatalf("%s not active for %s", id, rel)
		return 0
	}
	if got := kindsOf("a.md", "medical-disclaimer"); got != article.SetOf(article.KindAdvice) {
		t.Errorf("medical-disclaimer kinds %s", got)
	}
	if got := kindsOf("a.md", "review-date"); got != article.SetOf(article.KindAdvice, article.KindProduct) {
		t.Errorf("review-date kinds %s, want the rule's own", got)
	}
	if got := kindsOf("a.md", "uncited-claim"); !got.Empty() {
		t.Errorf("uncited-claim kinds %s, want every kind", got)
	}
	if got := kindsOf("blog/a.md", "uncited-claim"); got != article.SetOf(article.KindAdvice, article.KindProduct) {
		t.Errorf("override: uncited-claim kinds %s", got)
	}
}

func TestPageKindsConfigErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ yaml, want string }{
		{"page-kinds: [a]\n", "page-kinds must be a mapping"},
		{"page-kinds:\n  glob: x\n", `unknown key "glob" in page-kinds`},
		{"page-kinds:\n  values: {page: article}\n", `unknown page kind "article"`},
		{"page-kinds:\n  files:\n    - files: [\"a/**\"]\n      kind: blog\n", `unknown page kind "blog"`},
		{"page-kinds:\n  files:\n    - kind: other\n", "needs files globs and a kind"},
		{"page-kinds:\n  keys: layout\n", "page-kinds.keys must be a list"},
		{"providers:\n  footer: [x]\n", `unknown key "footer" in providers`},
		{"providers:\n  disclaimer: [\"\"]\n", "non-empty string"},
		{"rules:\n  medical-disclaimer:\n    kinds: [advise]\n", `unknown page kind "advise"`},
		{"rules:\n  medical-disclaimer:\n    kinds: []\n", "non-empty list of page kinds"},
	}
	for _, tt := range tests {
		_, err := Parse(".medlint.yml", "/repo", []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.yaml, err, tt.want)
		}
	}
}
