package rules

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

// TestSupClaimIn checks which sentences make a claim about the product,
// and of which kind.
func TestSupClaimIn(t *testing.T) {
	t.Parallel()
	c, err := supplementClaim.Defaults().compile()
	if err != nil {
		t.Fatal(err)
	}
	opts := supplementClaim.Defaults()
	tests := []struct {
		text string
		want string // "" none, "sf", "disease"
	}{
		{"Supports healthy digestion*", "sf"},
		{"Supporting joint comfort every day.", "sf"},
		{"Benefits: promotes restful sleep.", "sf"},
		{"Our formula may naturally help to support immune health.", "sf"},
		{"Each capsule contains turmeric, which supports joint comfort.", "sf"},
		{"Zinc and vitamin C support immune function.", "sf"},
		{"Helps maintain healthy cholesterol levels already within the normal range.", "sf"},
		{"It contributes to normal energy metabolism.", "sf"},
		{"Regular exercise supports heart health.", ""},
		{"Found in green tea, L-theanine promotes relaxation without drowsiness.", "sf"},
		{"Research suggests vitamin C may actually support better sleep.", "sf"},
		{"Focus on nutrient-rich foods to support your immune system.", ""},
		{"By lowering risk factors, turmeric contributes to heart health, reducing the likelihood of heart attacks.", "sf"},
		{"Strengthen your leg muscles with squats.", ""},
		{"Boosting your vitamin D levels while protecting your skin.", ""},
		{"Read our guide for the non-supplement side of improving sleep.", ""},
		{"Does vitamin C support immune health?", ""},
		{"To prevent colds:", ""},
		{"To help prevent colds, wash your hands.", ""},
		{"Our capsules help prevent colds and flu.", "disease"},
		{"Cures arthritis pain naturally", "disease"},
		{"Our gummies support immune health and prevent colds.", "sf disease"},
		{"Exercise supports heart health and prevents strokes.", ""},
		{"Vitamin D may relieve symptoms of depression.", "disease"},
		{"Ginger can help lower cholesterol levels.", "disease"},
		{"Adequate calcium may reduce the risk of osteoporosis.", ""},
		{"Morning light, reducing cancer risk.", ""},
		{"This supplement does not cure any disease.", ""},
		{"It is not intended to diagnose, treat, cure, or prevent any disease.", ""},
		{"Some brands claim to cure diabetes.", ""},
		{"Pills that boost immunity don't work.", ""},
		{"Antibiotics treat bacterial infections.", ""},
		{"Your doctor may prescribe a cream to treat eczema.", ""},
		{"The flu shot is important because it helps reduce your chances of getting the flu.", ""},
		{`A customer wrote: "These drops cured my insomnia."`, ""},
		// A benefit frame: the subject stands before "is beneficial for",
		// "its potential to", and the verb may be a gerund.
		{"Vitamin D3 is beneficial for supporting bone health.", "sf"},
		{"Omega-3 fatty acids are very important in preventing and managing heart disease.", "disease"},
		{"It is widely used today for restoring physical and mental energy.", "sf"},
		{"One of the benefits of elderberry is its potential to boost the immune system.", "sf"},
		{"Essential for maintaining healthy bones and teeth*", "sf"},
		{"Regular exercise is important for maintaining healthy bones.", ""},
		{"Getting enough sleep is essential for supporting immune health.", ""},
		{"Sunlight has the ability to boost mood.", ""},
		{"Walking is good for maintaining healthy joints and protecting your heart.", ""},
		// More of the vocabulary: shortening a cold treats it, lowering
		// triglycerides treats a disease, DSHEA's "structure and function
		// of", "they" and "products" as the subject.
		{"Studies suggest it can help shorten the duration of colds and the flu.", "disease"},
		{"They can help lower triglyceride levels.", "disease"},
		{"Probiotics work because they promote a healthy balance of microflora.", "sf"},
		{"Chondroitin may support the structure and function of joint cartilage.", "sf"},
		{"The Wellness Family of products is designed to support the body's defense system.", "sf"},
		{"Doctors say they can help prevent colds.", ""},
		{"Ask your pharmacist whether they can shorten the duration of your cold.", ""},
		// A relative clause between the subject and the verb; a gerund as
		// the subject.
		{"A well-balanced diet that includes plenty of fiber can promote digestive health.", ""},
		{"A supplement that contains fiber can promote digestive health.", "sf"},
		{"Studies show that vitamin C supports immune health.", "sf"},
		{"Maintaining a healthy digestive system is important for overall well-being.", ""},
		{"Supporting joint comfort every day.", "sf"},
	}
	for _, tt := range tests {
		var kinds []string
		for _, cl := range supClaimIn(document.Sentence{Text: tt.text}, opts, c) {
			if cl.disease {
				kinds = append(kinds, "disease")
			} else {
				kinds = append(kinds, "sf")
			}
		}
		got := strings.Join(kinds, " ")
		if got != tt.want {
			t.Errorf("%q: claim %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSupDisclaimerWording checks the disclaimer's usual variations.
func TestSupDisclaimerWording(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text       string
		has1, has2 bool
	}{
		{"These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.", true, true},
		{"*This statement has not been evaluated by the FDA. This product is not intended to diagnose, treat, cure or prevent any disease.", true, true},
		{"These statements have not been evaluated by the U.S. Food & Drug Administration.", true, false},
		{"The claims on this page have not been approved by the FDA.", true, false},
		{"These products are not intended to diagnose, treat, cure, or prevent any diseases.", false, true},
		{"Our products are evaluated by the FDA.", false, false},
	} {
		doc, err := document.Parse("d.md", []byte(tt.text+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		d := findSupDisclaimer(doc)
		if d.has1 != tt.has1 || d.has2 != tt.has2 {
			t.Errorf("%q: sentences %v %v, want %v %v", tt.text, d.has1, d.has2, tt.has1, tt.has2)
		}
	}
}

func TestSupplementPage(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"# Vitamin D3 softgels\n\nTake one softgel a day.\n", true},
		{"# Sleep well\n\nTake two capsules per serving.\n", true},
		{"# Best sleep aids\n\nMelatonin supplements, magnesium supplements and herbal supplements: 3 mg, 200 mg, 500 mg.\n", true},
		{"# Best earplugs\n\nSome people take supplements.\n", false},
		{"# Vitamin C serum\n\nApply the serum with vitamin C extract.\n", false},
		{"# Ibuprofen tablets\n\nDrug Facts: take one tablet per serving.\n", false},
		{"# Omega-3 Soft Gel\n\nOmega-3 soft gel supplements contain fish oil.\n", true},
		{"# Vitamin D3 - 5,000 IU, 60 caps\n\nVitamin D3 is a nutrient.\n", true},
		{"# Collagen Peptides\n\nSupplementing with collagen peptides may improve skin hydration.\n", true},
		{"# Collagen Peptides\n\nCollagen is a protein in your skin.\n", false},
		{"# The Top Health Benefits of Ginger Revealed\n\nGinger supplements, ginger tea, ginger supplementation: " +
			"supplements are popular.\n", false},
		{"# Digestive Health\n\nA few simple supplements help: an enzyme supplement, a fiber supplement, " +
			"a probiotic supplement, and digestive enzymes with herbal extracts.\n", true},
		{"# Baseball caps\n\nOur caps keep the sun off. Vitamin D comes from sunlight.\n", false},
	} {
		doc, err := document.Parse("p.md", []byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := supplementPage(doc); got != tt.want {
			t.Errorf("%q: supplement page %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestSupplementClaimOptionErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		opts SupplementClaimOptions
		want string
	}{
		{SupplementClaimOptions{Market: "eu"}, "market must be us or off"},
		{SupplementClaimOptions{Market: "us", Diseases: []string{" "}}, "diseases: an empty name"},
	} {
		if err := tt.opts.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", tt.opts, err, tt.want)
		}
	}
}

// FuzzSupplementClaim fuzzes the rule with its diseases option: any
// names compile or give the option's error, and the rule reports in-range
// findings of its checks, the same on every run.
func FuzzSupplementClaim(f *testing.F) {
	f.Add("restless legs", "# Vitamin D softgels\n\nOur softgels relieve restless legs.* They support immune health.\n\n*These statements have not been evaluated by the FDA.\n")
	f.Add("a(b", "# Probiotic capsules\n\nEach capsule supports gut health.† Take one per serving.\n\n> It cures colds.\n")
	f.Add("", "- Supports healthy digestion\n- Fights infections\n\nTake two capsules per serving.\n")
	checks := map[string]bool{supMissing: true, supIncomplete: true, supUnlinked: true, supDisease: true}
	f.Fuzz(func(t *testing.T, disease, src string) {
		opts := supplementClaim.Defaults()
		if disease != "" {
			opts.Diseases = []string{disease}
		}
		check, err := supplementClaim.Prepare(opts, lint.Env{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "diseases: ") {
				t.Errorf("error %q is not the diseases option's", err)
			}
			return
		}
		doc, err := document.Parse("fuzz.md", []byte(src))
		if err != nil {
			return
		}
		run := func() []lint.Diagnostic {
			var out []lint.Diagnostic
			pass := lint.NewPass(doc, time.Time{}, func(d lint.Diagnostic) { out = append(out, d) })
			pass.Article = article.Compute(doc, article.Input{PathKind: article.KindProduct, PathRule: "fuzz"})
			if err := check(pass); err != nil {
				t.Fatal(err)
			}
			return out
		}
		first := run()
		for _, d := range first {
			if d.Pos < 0 || d.Pos > d.End || d.End > len(doc.Source) || !checks[d.Check] || d.Message == "" {
				t.Errorf("bad diagnostic %+v", d)
			}
		}
		if again := run(); !reflect.DeepEqual(first, again) {
			t.Errorf("two runs differ")
		}
	})
}

// BenchmarkSupplementClaim times the rule alone on the seed article and
// the health corpus, as if every page were a product page.
func BenchmarkSupplementClaim(b *testing.B) { benchRuleOnCorpus(b, supplementClaim) }
