package article

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
)

func parse(t *testing.T, path, src string) *document.Document {
	t.Helper()
	doc, err := document.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

const eczema = "Eczema makes the skin dry, itchy and sore. Emollients are the first treatment: apply them to your skin " +
	"several times a day, and see your GP if the rash is infected or the itch keeps you awake at night.\n"

func TestClassify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path, src string
		want            Kind
	}{
		{"health article", "eczema.md", "# Eczema\n\n" + eczema, KindAdvice},
		{"tiny health page", "a.md", "# Eczema\n\nEmollients are the first treatment.\n", KindAdvice},
		{"contact page", "a.md", "# Contact us - Skin Clinic\n\nEmail us at hello@example.com or call 0123 456 789.\n", KindOther},
		{"contact dermatitis is advice", "a.md", "# Contact dermatitis\n\n" + eczema, KindAdvice},
		{"about us", "a.md", "---\ntitle: About Us | Skin Clinic\n---\n\n" + eczema, KindOther},
		{"about a person", "a.md", "---\ntitle: About Kyle\n---\n\nI help people with eczema, fatigue and gut pain find the cause.\n", KindOther},
		{"about a condition", "a.md", "---\ntitle: About eczema\n---\n\n" + eczema, KindAdvice},
		{"privacy policy", "a.md", "# Privacy Policy\n\nWe collect your email address and cookies to improve the site.\n", KindOther},
		{"refund policy in the title", "a.md", "# Our refund policy for supplements\n\n" + eczema, KindOther},
		{"eligibility", "a.md", "# Eligibility for health care benefits\n\n" + eczema, KindOther},
		{"intake interview", "a.md", "# Information about the intake interview\n\n" + eczema, KindOther},
		{"sugar intake is advice", "a.md", "# Cutting your sugar intake\n\nToo much sugar raises your risk of diabetes, tooth decay and weight gain. Swap fizzy drinks for water.\n", KindAdvice},
		{"file name", "site/privacy-policy.md", "Some text about how the site handles data.\n", KindOther},
		{"index file is not a name", "eczema/index.md", "# Eczema\n\n" + eczema, KindAdvice},
		{"layout value", "a.md", "---\ntitle: Reach us\nlayout: contact\n---\n\n" + eczema, KindOther},
		{"note that is not about health", "a.md", "# Zettelkasten\n\nA slip box of linked notes, invented by a sociologist to compare ideas and spark creativity in writing.\n", KindOther},
		{"software docs", "a.md", "# Setting up the rig\n\nClone the repository with git, then run the install script:\n\n```sh\ngit clone https://example.com/rig\ncd rig\n./install.sh\nsudo reboot\nlog in\ncheck logs\nrun tests\nupdate\nconfigure wifi\nrestart\n```\n\nThe software then uploads your glucose data.\n", KindOther},
		{"product roundup", "a.md", "# Best earplugs for sleeping\n\nOur top picks, tested for comfort: the foam pick is cheap ($5), the silicone pick ($15) is the best value, " +
			"and the premium pick ($199) masks snoring. Check the price before you buy; shop brands with a warranty. Sleep and noise matter.\n", KindProduct},
		{"review data makes a thin page advice", "a.md", "---\ntitle: Notes on the clinic\nreviewed_by: Jane Frank, MD\nlast_reviewed: 2026-01-02\n---\n\nWe changed the wording of the leaflet on sleep.\n", KindAdvice},
		{"front matter kind", "a.md", "---\ntitle: Contact\nmedlint:\n  kind: advice\n---\n", KindAdvice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := Compute(parse(t, tt.path, tt.src), Input{Path: tt.path})
			if f.Kind != tt.want {
				t.Errorf("kind %s (%s: %s), want %s", f.Kind, f.Source, f.Reason, tt.want)
			}
		})
	}
}

func TestKindSources(t *testing.T) {
	t.Parallel()
	cfg := &Config{KindKeys: []string{"type"}, KindValues: map[string]Kind{"page": KindOther}}
	doc := parse(t, "a.md", "---\ntitle: Eczema\ntype: page\n---\n\n"+eczema)
	if f := Compute(doc, Input{Config: cfg}); f.Kind != KindOther || f.Source != "front matter" {
		t.Errorf("configured key: %s from %s, want other from front matter", f.Kind, f.Source)
	}
	doc = parse(t, "a.md", "# Eczema\n\n"+eczema)
	if f := Compute(doc, Input{PathKind: KindOther, PathRule: "page-kinds.files[0]"}); f.Kind != KindOther || f.Source != "configuration" {
		t.Errorf("glob: %s from %s, want other from configuration", f.Kind, f.Source)
	}
	doc = parse(t, "a.md", "---\nmedlint:\n  kind: product\n---\n\n"+eczema)
	if f := Compute(doc, Input{PathKind: KindOther}); f.Kind != KindProduct {
		t.Errorf("front matter over glob: %s, want product", f.Kind)
	}
	doc = parse(t, "a.md", "+++\nmedlint.kind = \"other\"\n+++\n\n# Eczema\n\n"+eczema)
	if f := Of(doc); f.Kind != KindOther {
		t.Errorf("TOML dotted key: %s, want other", f.Kind)
	}
}

func TestPartial(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Emollients soothe dry and itchy skin. ", 30)
	tests := []struct {
		name, path, src string
		want            bool
	}{
		{"short fragment", "a.md", "## See your GP if:\n\n- your symptoms do not improve\n", true},
		{"long page with only h2", "a.md", "## Causes\n\n" + long + "\n\n## Treatment\n\n" + long + "\n", false},
		{"fragments directory", "site/fragments/flu/main.md", "## Causes\n\n" + long + "\n", true},
		{"includes directory", "_includes/footer.md", "## Causes\n\n" + long + "\n", true},
		{"underscore file", "docs/_callout.md", "## Causes\n\n" + long + "\n", true},
		{"hugo _index is a page", "docs/_index.md", "## Causes\n\n" + long + "\n", false},
		{"title", "fragments/a.md", "---\ntitle: Flu\n---\n\nShort.\n", false},
		{"title in broken front matter", "a.md", "---\ntitle: Flu: a guide\nx: [\n---\n\nShort.\n", false},
		{"h1", "fragments/a.md", "# Flu\n\nShort.\n", false},
		{"forced", "a.md", "---\nmedlint:\n  partial: true\ntitle: Flu\n---\n\nShort.\n", true},
		{"forced off", "a.md", "---\nmedlint:\n  partial: false\n---\n\nShort.\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := Compute(parse(t, tt.path, tt.src), Input{Path: tt.path})
			if f.Partial != tt.want {
				t.Errorf("partial %v (%s), want %v", f.Partial, f.PartialReason, tt.want)
			}
		})
	}
}

func TestOptOuts(t *testing.T) {
	t.Parallel()
	f := Of(parse(t, "a.md", "---\ntitle: T\ndisclaimer: None\ndisclaimerReason: opening hours only\nreview: none\n---\n"))
	if o := f.DisclaimerOptOut; o == nil || o.Reason != "opening hours only" || o.Line != 3 {
		t.Errorf("disclaimer opt-out %+v, want line 3 with the camelCase reason", o)
	}
	if o := f.ReviewOptOut; o == nil || o.Reason != "" {
		t.Errorf("review opt-out %+v, want one without a reason", o)
	}
	if f := Of(parse(t, "a.md", "---\ntitle: T\ndisclaimer: standard\n---\n")); f.DisclaimerOptOut != nil {
		t.Error("disclaimer: standard is not an opt-out")
	}
}

func TestReviewFrontMatter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src          string
		reviewed, reviewer string
	}{
		{"snake", "---\nlast_reviewed: 2026-01-02\nreviewed_by: Jane Frank, MD\n---\n", "2026-01-02", "Jane Frank, MD"},
		{"camel", "---\nlastReviewedAt: 2026-01-02\nmedicallyReviewedBy: Jane Frank, MD\n---\n", "2026-01-02", "Jane Frank, MD"},
		{"kebab", "---\nlast-reviewed: 2026-01-02\nreviewed-by: Jane Frank, MD\n---\n", "2026-01-02", "Jane Frank, MD"},
		{"nested", "---\nreview:\n  date: 2026-01-02\n  by: Jane Frank, MD\n---\n", "2026-01-02", "Jane Frank, MD"},
		{"nested medically_reviewed", "---\nmedically_reviewed: {by: Jane Frank MD, on: 2026-01-02}\n---\n", "2026-01-02", "Jane Frank MD"},
		{"reviewer mapping", "---\nreviewed: 2026-01-02\nreviewer:\n  name: Jane Frank\n  credentials: MD\n---\n", "2026-01-02", "Jane Frank, MD"},
		{"reviewer list", "---\nreviewed: 2026-01-02\nreviewers: [Jane Frank MD, Sam Lee RN]\n---\n", "2026-01-02", "Jane Frank MD; Sam Lee RN"},
		{"json", "{\n  \"title\": \"Eczema\",\n  \"review\": {\"date\": \"2026-01-02\", \"by\": \"Jane Frank, MD\"}\n}\n\nText.\n", "2026-01-02", "Jane Frank, MD"},
		{"json camel", "{\"lastReviewed\": \"2026-01-02\", \"reviewedBy\": \"Jane Frank, MD\"}\n", "2026-01-02", "Jane Frank, MD"},
		{"toml", "+++\nlast_reviewed = 2026-01-02\nreviewedBy = \"Jane Frank, MD\"\n+++\n", "2026-01-02", "Jane Frank, MD"},
		{"toml dotted", "+++\nreview.date = 2026-01-02\nreview.by = \"Jane Frank, MD\"\n+++\n", "2026-01-02", "Jane Frank, MD"},
		{"salvaged from invalid yaml", "---\ntitle: Flu: what to do\nlast_reviewed: 2026-01-02\nreviewer: Jane Frank, MD\nsources:\n  - name: NHS: Flu\n---\n", "2026-01-02", "Jane Frank, MD"},
		{"boolean flag is no review", "---\nmedicalReview: true\n---\n", "", ""},
		{"updated is no review", "---\nlastUpdated: 2026-01-02\n---\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parse(t, "a.md", tt.src)
			rd := ReadReview(doc, DefaultBylineLines, nil)
			if got := firstText(rd.Reviewed); got != tt.reviewed {
				t.Errorf("reviewed %q, want %q", got, tt.reviewed)
			}
			if got := firstText(rd.Reviewer); got != tt.reviewer {
				t.Errorf("reviewer %q, want %q", got, tt.reviewer)
			}
			for _, f := range append(rd.Reviewed, rd.Reviewer...) {
				first := strings.Fields(f.Text)[0]
				if f.Pos < 0 || f.End > len(doc.Source) || f.Pos > f.End || !strings.Contains(string(doc.Source[f.Pos:f.End]), first) {
					t.Errorf("%s %q located at [%d,%d) %q", f.Source, f.Text, f.Pos, f.End, doc.Source[f.Pos:f.End])
				}
			}
		})
	}
}

func firstText(fs []Found) string {
	if len(fs) == 0 {
		return ""
	}
	return fs[0].Text
}

func TestBylineEndsAtItsDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line, reviewed, reviewer string
	}{
		{"Last reviewed: March 3, 2026 · Photos on Unsplash by Kate Lee", "March 3, 2026", ""},
		{"Medically reviewed by Jane Frank, MD on March 3, 2026. Photos on Unsplash by Kate Lee", "March 3, 2026", "Jane Frank, MD"},
		{"Reviewed by Jane Frank, MD — Photo by Kate Lee on Unsplash", "", "Jane Frank, MD"},
		{"Reviewed July 11, 2026 by Dr. Lee, MD", "July 11, 2026", "Dr. Lee, MD"},
		{"Reviewed on 2026-08-20 by Dr. Lee, MD · Photo by Sam", "2026-08-20", "Dr. Lee, MD"},
		{"Reviewed by Dr. Lee on yesterday", "yesterday", "Dr. Lee"},
	}
	for _, tt := range tests {
		doc := parse(t, "a.md", "# Eczema\n\n"+tt.line+"\n")
		rd := ReadReview(doc, DefaultBylineLines, nil)
		if got := firstText(rd.Reviewed); got != tt.reviewed {
			t.Errorf("%q: reviewed %q, want %q", tt.line, got, tt.reviewed)
		}
		if got := firstText(rd.Reviewer); got != tt.reviewer {
			t.Errorf("%q: reviewer %q, want %q", tt.line, got, tt.reviewer)
		}
	}
}

func TestProviders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, what, provider string
	}{
		{"hugo shortcode", "# T\n\n{{< disclaimer >}}\n", "shortcode", "disclaimer"},
		{"hugo shortcode with percent", "# T\n\n{{% medical-disclaimer type=\"short\" %}}\n", "shortcode", "medical-disclaimer"},
		{"closing shortcode only", "# T\n\n{{< /disclaimer >}}\n", "", ""},
		{"jekyll include", "# T\n\n{% include disclaimer.html %}\n", "include", "disclaimer.html"},
		{"liquid render", "# T\n\n{% render 'partials/med-disclaimer' %}\n", "include", "partials/med-disclaimer"},
		{"hugo partial", "# T\n\n{{ partial \"disclaimer.html\" . }}\n", "include", "disclaimer.html"},
		{"mdx component", "# T\n\n<Disclaimer />\n", "component", "Disclaimer"},
		{"component with children", "# T\n\n<MedicalDisclaimer variant=\"full\">\n</MedicalDisclaimer>\n", "component", "MedicalDisclaimer"},
		{"custom element", "# T\n\n<medical-disclaimer></medical-disclaimer>\n", "component", "medical-disclaimer"},
		{"html class", "# T\n\n<div class=\"note disclaimer\">\nText\n</div>\n", "HTML class", "disclaimer"},
		{"jsx className", "# T\n\n<aside className=\"disclaimer-box\">Text</aside>\n", "HTML class", "disclaimer-box"},
		{"mkdocs admonition", "# T\n\n!!! disclaimer \"Not advice\"\n    Text\n", "admonition", "disclaimer"},
		{"snippet", "# T\n\n--8<-- \"disclaimer.md\"\n", "snippet", "disclaimer.md"},
		{"the word in prose", "# T\n\nSee our disclaimer page.\n", "", ""},
		{"a link", "# T\n\n[disclaimer](/disclaimer/)\n", "", ""},
		{"in a code block", "# T\n\n```\n{{< disclaimer >}}\n```\n", "", ""},
		{"in a comment", "# T\n\n<!-- {{< disclaimer >}} -->\n", "", ""},
		{"in front matter", "---\nlayout: \"{{< disclaimer >}}\"\n---\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := FindDisclaimer(parse(t, "a.md", tt.src), nil, nil)
			switch {
			case tt.what == "" && d.Provider != nil:
				t.Errorf("provider %+v, want none", d.Provider)
			case tt.what != "" && (d.Provider == nil || d.Provider.What != tt.what || d.Provider.Name != tt.provider):
				t.Errorf("provider %+v, want %s %s", d.Provider, tt.what, tt.provider)
			}
		})
	}
	// Configured names replace the default; review providers carry their
	// attributes.
	doc := parse(t, "a.md", "# T\n\n{{< med-note >}}\n\n{{< disclaimer >}}\n\n{{< reviewed-by name=\"Jane Frank, MD\" date=\"2026-01-02\" >}}\n")
	p := &Providers{Disclaimer: []string{"med-note"}, Review: []string{"reviewed-by"}}
	if d := FindDisclaimer(doc, nil, p); d.Provider == nil || d.Provider.Name != "med-note" || d.Provider.Line != 3 {
		t.Errorf("configured disclaimer provider %+v, want med-note on line 3", d.Provider)
	}
	rd := ReadReview(doc, DefaultBylineLines, p)
	if rd.Provider == nil || firstText(rd.Reviewed) != "2026-01-02" || firstText(rd.Reviewer) != "Jane Frank, MD" {
		t.Errorf("review provider %+v with %+v %+v, want reviewed-by with its date and reviewer", rd.Provider, rd.Reviewed, rd.Reviewer)
	}
	if d := FindDisclaimer(doc, nil, &Providers{Disclaimer: []string{}}); d.Provider != nil {
		t.Errorf("an empty list provides nothing, got %+v", d.Provider)
	}
}

func TestDisclaimerWordings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text     string
		complete bool
	}{
		{"Nothing on this site is a diagnosis. Please see a healthcare professional about your own symptoms.", true},
		{"This information should not replace advice from your own doctor or pharmacist.", true},
		{"This page is not a substitute for professional medical advice from your doctor or asthma nurse.", true},
		{"The content is not a substitute for professional medical advice. Users should seek professional medical advice for any symptoms.", true},
		{"It is not a replacement for a doctor. It helps you decide when to seek the right care.", true},
		{"Nothing in this article constitutes medical advice; talk to your GP.", true},
		{"Nothing on this site is a diagnosis.", false},
		{"Please see a healthcare professional about your symptoms.", false},
		{"Seek medical attention if the rash spreads.", false},
	}
	for _, tt := range tests {
		d := FindDisclaimer(parse(t, "a.md", "# Asthma\n\n"+tt.text+"\n"), nil, nil)
		if got := d.Complete >= 0; got != tt.complete {
			t.Errorf("%q: complete %v (hits %+v), want %v", tt.text, got, d.Hits, tt.complete)
		}
	}
}

func TestNormKey(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"last_reviewed", "lastReviewed", "last-reviewed", "Last Reviewed", "LAST_REVIEWED", "last.reviewed"} {
		if got := NormKey(k); got != "lastreviewed" {
			t.Errorf("NormKey(%q) = %q", k, got)
		}
	}
}

func TestParseKind(t *testing.T) {
	t.Parallel()
	for _, k := range Kinds {
		got, err := ParseKind(strings.ToUpper(k.String()))
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k, got, err)
		}
	}
	if _, err := ParseKind("page"); err == nil {
		t.Error("ParseKind(page) succeeded")
	}
	if s := SetOf(KindAdvice, KindOther); !s.Has(KindAdvice) || s.Has(KindProduct) || s.String() != "advice, other" {
		t.Errorf("SetOf: %v", s)
	}
}
