package rules

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/testsupport/corpusdocs"
)

// TestPlainTermsList checks the built-in list: enough entries, each with a
// known source, a plain word that differs from the term, and plurals that
// the matcher finds.
func TestPlainTermsList(t *testing.T) {
	t.Parallel()
	l := builtinPlainTerms()
	if len(l.entries) < 150 {
		t.Errorf("%d built-in terms, want at least 150", len(l.entries))
	}
	used := map[string]bool{}
	for _, e := range l.entries {
		if _, ok := l.sources[e.Source]; !ok {
			t.Errorf("%s: source %q is not listed", e.Term, e.Source)
		}
		used[e.Source] = true
		if e.Term != strings.ToLower(e.Term) || strings.TrimSpace(e.Term) != e.Term {
			t.Errorf("%q: terms are written in lower case, trimmed", e.Term)
		}
		for f, plural := range e.plural {
			if !e.re.MatchString(f) || !e.re.MatchString(strings.ToUpper(f[:1])+f[1:]) {
				t.Errorf("%s: the form %q does not match", e.Term, f)
			}
			if plural && e.plainPlural == "" {
				t.Errorf("%s: the plural %q has no plain plural", e.Term, f)
			}
		}
		if e.re.MatchString(e.Plain) {
			t.Errorf("%s: the plain word %q holds the term", e.Term, e.Plain)
		}
	}
	for k := range l.sources {
		if !used[k] {
			t.Errorf("source %s is listed but no entry names it", k)
		}
	}
}

// plainVerifiedFloor is how many built-in entries carry a verified page
// (checked 2026-12-07): an edit that drops provenance fails the test.
const plainVerifiedFloor = 124

// plainProvenanceProblems lists what is wrong with the provenance of a term
// list: an entry whose source is not one of the sources, one with neither
// or both of verified and unverified, a verified address that is not an
// absolute http(s) URL, and fewer verified entries than floor.
func plainProvenanceProblems(l *plainLexicon, floor int) []string {
	var out []string
	verified := 0
	for _, e := range l.entries {
		if _, ok := l.sources[e.Source]; !ok {
			out = append(out, fmt.Sprintf("%s: source %q is not one of the sources", e.Term, e.Source))
		}
		switch {
		case e.Verified == "" && !e.Unverified:
			out = append(out, fmt.Sprintf("%s: neither verified nor marked unverified", e.Term))
		case e.Verified != "" && e.Unverified:
			out = append(out, fmt.Sprintf("%s: both verified and marked unverified", e.Term))
		case e.Verified != "":
			u, err := url.Parse(e.Verified)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				out = append(out, fmt.Sprintf("%s: verified %q is not an http(s) address", e.Term, e.Verified))
				continue
			}
			verified++
		}
	}
	if verified < floor {
		out = append(out, fmt.Sprintf("%d verified entries, want at least %d", verified, floor))
	}
	return out
}

// TestPlainTermsProvenance checks that every built-in entry names a listed
// source and either the page that verifies it or that it is unverified,
// and that the verified count does not fall; and that the check catches
// each of those faults.
func TestPlainTermsProvenance(t *testing.T) {
	t.Parallel()
	for _, p := range plainProvenanceProblems(builtinPlainTerms(), plainVerifiedFloor) {
		t.Error(p)
	}
	const head = "sources: {a: A}\nterms:\n"
	tests := []struct {
		name, terms string
		floor       int
		want        string
	}{
		{"good", `  - {term: x, plain: y, source: a, verified: "https://example.org/x"}` + "\n" +
			"  - {term: z, plain: w, source: a, unverified: true}\n", 1, ""},
		{"neither", "  - {term: x, plain: y, source: a}\n", 0, "neither verified nor marked unverified"},
		{"both", `  - {term: x, plain: y, source: a, verified: "https://example.org/x", unverified: true}` + "\n", 0, "both"},
		{"not a URL", "  - {term: x, plain: y, source: a, verified: example.org}\n", 0, "not an http(s) address"},
		{"count fell", "  - {term: x, plain: y, source: a, unverified: true}\n", 1, "0 verified entries, want at least 1"},
	}
	for _, tt := range tests {
		l, err := loadPlainTerms([]byte(head + tt.terms))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := strings.Join(plainProvenanceProblems(l, tt.floor), "; ")
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%s: problems %q, want %q", tt.name, got, tt.want)
		}
	}
	// A source missing from the sources is reported (the loader refuses
	// one in a built-in list, so the lexicon is built by hand).
	l := &plainLexicon{sources: map[string]string{}, entries: []*plainEntry{{PlainTerm: PlainTerm{Term: "x", Source: "gone", Unverified: true}}}}
	if got := strings.Join(plainProvenanceProblems(l, 0), "; "); !strings.Contains(got, `source "gone" is not one of the sources`) {
		t.Errorf("missing source: problems %q", got)
	}
}

func TestEnglishPlural(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"heart attack": "heart attacks", "stitch": "stitches", "comorbidity": "comorbidities", "bruise": "bruises",
		"tonsillectomy": "tonsillectomies", "day": "days", "box": "boxes",
	} {
		if got := englishPlural(in); got != want {
			t.Errorf("englishPlural(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPlainExplained checks the explanations in place against single
// sentences; the term is the first match of the entry.
func TestPlainExplained(t *testing.T) {
	t.Parallel()
	tests := []struct {
		term, text string
		want       bool
	}{
		{"hypertension", "Hypertension (high blood pressure) is common.", true},
		{"hypertension", "Hypertension (HTN) is common.", false},
		{"hypertension", "Hypertension (Smith et al., 2020) is common.", false},
		{"hypertension", "Hypertension (see below) is common.", false},
		{"hypertension", "Hypertension (raised pressure in the arteries) is common.", true},
		{"hypertension", "High blood pressure (hypertension) is common.", true},
		{"hypertension", "Raised pressure (or hypertension) is common.", true},
		{"hypertension", "Hypertension, or raised pressure, is common.", true},
		{"hypertension", "Hypertension — raised pressure — is common.", true},
		{"hypertension", "Hypertension means your pressure is too high.", true},
		{"hypertension", "Hypertension is when your pressure is too high.", true},
		{"hypertension", "Hypertension is the medical term for raised pressure.", true},
		{"hypertension", "Hypertension is a condition in which pressure stays raised.", true},
		{"hypertension", "Doctors call this hypertension.", true},
		{"hypertension", "This is called hypertension.", true},
		{"hypertension", "Raised pressure, also known as hypertension, is common.", true},
		{"hypertension", "The medical term for it is hypertension.", true},
		{"hypertension", "Hypertension is common in older adults.", false},
		{"hypertension", "A condition called hypertension is common.", false},
		{"hypertension", "Untreated hypertension, diabetes and obesity are common.", false},
		{"analgesic", "An analgesic, which is a painkiller, helps.", true},
		{"analgesic", "Analgesics are painkillers.", true},
		{"diabetes mellitus", "Diabetes mellitus needs care.", false},
		{"myocardial infarction", "A myocardial infarction, the heart attack doctors fear most, ...", true},
	}
	for _, tt := range tests {
		e := plainEntryOf(t, tt.term)
		m := e.re.FindStringIndex(tt.text)
		if m == nil {
			t.Fatalf("%q does not match %q", tt.term, tt.text)
		}
		if got := plainExplained(tt.text, m[0], m[1], e); got != tt.want {
			t.Errorf("plainExplained(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestPlainIsUse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		term, text string
		want       bool
	}{
		{"hypertension", "Hypertension is common.", true},
		{"hypertension", "1. Hypertension is common.", true},
		{"hypertension", "Signs: Hypertension and more.", true},
		{"hypertension", "The Journal of Hypertension says so.", false},
		{"hypertension", "HYPERTENSION", false},
		{"myocardial infarction", "Myocardial Infarction Registry data.", false},
		{"myocardial infarction", "Myocardial infarction needs care.", true},
		{"lactation", "A lactation consultant helps.", false},
		{"lactation", "Lactation can hurt.", true},
		{"pruritus", `The leaflet says "pruritus".`, false},
		{"pruritus", "The leaflet says “pruritus”.", false},
	}
	for _, tt := range tests {
		e := plainEntryOf(t, tt.term)
		m := e.re.FindStringIndex(tt.text)
		if got := plainIsUse(tt.text, m[0], m[1], e); got != tt.want {
			t.Errorf("plainIsUse(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func plainEntryOf(t *testing.T, term string) *plainEntry {
	t.Helper()
	for _, e := range builtinPlainTerms().entries {
		if e.Term == term {
			return e
		}
	}
	t.Fatalf("no built-in term %q", term)
	return nil
}

func TestPlainLanguageOptionErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		opts PlainLanguageOptions
		want string
	}{
		{PlainLanguageOptions{Fix: "replace"}, "fix must be explain or none"},
		{PlainLanguageOptions{Fix: "explain", Disable: []string{"hypertenshun"}}, `disable: "hypertenshun" is not a term`},
		{PlainLanguageOptions{Fix: "explain", Extra: []PlainTerm{{Term: "x"}}}, "extra[0]: term \"x\": plain is required"},
		{PlainLanguageOptions{Fix: "explain", Extra: []PlainTerm{{Term: "x", Plain: "y", Plurals: []string{"xs"}}}}, "need countable"},
		{PlainLanguageOptions{Fix: "explain", Extra: []PlainTerm{{Term: "x", Plain: "y", Except: []string{"z"}}}}, "does not hold the term"},
		{PlainLanguageOptions{Fix: "explain", Extra: []PlainTerm{{Term: "a(b", Plain: "y"}}}, "is not a word or phrase"},
		{PlainLanguageOptions{Fix: "explain", Extra: []PlainTerm{{Term: "heart failure", Plain: "heart failure"}}}, "plain is the term itself"},
		{PlainLanguageOptions{Fix: "explain", Extra: []PlainTerm{{Term: "grippe", Plain: "flu", Spellings: []string{"oedema"}}}}, "is a form of both"},
	} {
		err := tt.opts.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", tt.opts, err, tt.want)
		}
	}
	ok := PlainLanguageOptions{Fix: "none", Disable: []string{"Oedema"}, Glossary: []string{"not a term"},
		Extra: []PlainTerm{{Term: "Hypertension", Plain: "raised blood pressure"}}}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid options: %v", err)
	}
}

// FuzzPlainLanguageTerms fuzzes the term-list reader with the rule:
// whatever a list holds, loadPlainTerms returns entries or an error that
// says it is the list's, never panics; terms that load are valid as the
// extra option too, and the rule run with them reports in-range findings
// whose fixes insert the plain word of a term in force, the same on every
// run.
func FuzzPlainLanguageTerms(f *testing.F) {
	f.Add(plainTermsYAML, "Untreated hypertension (HTN) and dyspnoea.")
	for _, s := range []struct{ list, text string }{
		{"sources: {a: A}\nterms:\n  - {term: grippe, plain: flu, source: a}\n", "The grippe (influenza) and Grippe."},
		{"sources: {a: A}\nterms:\n  - {term: nevus, plurals: [nevi], plain: mole, countable: true, source: a}\n", "Nevi and a nevus's edge."},
		{"sources: {a: A}\nterms:\n  - {term: x y, plain: z, except: [x y z], source: a}\n", "x  y z, x-y."},
		{"sources: {}\nterms:\n  - {term: a, plain: b, source: missing}\n", "a"},
		{"terms:\n  - {term: '', plain: b}\n", ""},
		{"terms: [1]\nextra: 2\n", ""},
		{"sources: {a: A}\nterms:\n  - {term: 'a(', plain: b, source: a}\n", "a("},
	} {
		f.Add([]byte(s.list), s.text)
	}
	f.Fuzz(func(t *testing.T, list []byte, text string) {
		l, err := loadPlainTerms(list)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "plain-language terms: ") {
				t.Errorf("the error %q does not say it is the list's", err)
			}
			return
		}
		opts := plainLanguage.Defaults()
		for _, e := range l.entries {
			pt := e.PlainTerm
			pt.Source = ""
			opts.Extra = append(opts.Extra, pt)
		}
		check, err := plainLanguage.Prepare(opts, lint.Env{})
		if err != nil {
			// A fuzzed list may reuse a built-in term's spelling for
			// another term: that is the option's error, not a crash.
			if !strings.HasPrefix(err.Error(), "extra") {
				t.Fatalf("terms that load are not valid as extra: %v", err)
			}
			return
		}
		doc, err := document.Parse("fuzz.md", []byte("# Page\n\n"+text+"\n"))
		if err != nil {
			return
		}
		run := func() []lint.Diagnostic {
			var out []lint.Diagnostic
			pass := lint.NewPass(doc, time.Time{}, func(d lint.Diagnostic) { out = append(out, d) })
			if err := check(pass); err != nil {
				t.Fatal(err)
			}
			return out
		}
		first := run()
		for _, d := range first {
			if d.Pos < 0 || d.Pos > d.End || d.End > len(doc.Source) {
				t.Errorf("range [%d,%d) outside the source", d.Pos, d.End)
			}
			if d.Fix != nil {
				for _, e := range d.Fix.Edits {
					paren := strings.HasPrefix(e.NewText, " (") && strings.HasSuffix(e.NewText, ")")
					if e.Pos != e.End || e.Pos < d.End || !paren && !strings.HasSuffix(e.NewText, ", ") {
						t.Errorf("fix %+v is not an insertion at the term", e)
					}
				}
			}
		}
		if again := run(); !reflect.DeepEqual(first, again) {
			t.Errorf("two runs differ: %v / %v", first, again)
		}
	})
}

// FuzzPlainLanguageFix applies the rule's fixes to fuzzed text and lints
// again: a term it explained is not reported again, and the fix inserts
// only its parenthesis.
func FuzzPlainLanguageFix(f *testing.F) {
	for _, s := range []string{
		"Untreated hypertension raises the risk of a myocardial infarction (MI).",
		"- Analgesics help.\n- Take them orally.\n",
		"| a | b |\n|---|---|\n| syncope | x |\n",
		"**pruritus** and *dyspnoea*",
		"Tachycardia\nat a line start, hypertension's cause.",
	} {
		f.Add(s)
	}
	check, err := plainLanguage.Prepare(nil, lint.Env{})
	if err != nil {
		f.Fatal(err)
	}
	lintText := func(t *testing.T, src string) []lint.Diagnostic {
		doc, err := document.Parse("fuzz.md", []byte(src))
		if err != nil {
			return nil
		}
		var out []lint.Diagnostic
		if err := check(lint.NewPass(doc, time.Time{}, func(d lint.Diagnostic) { out = append(out, d) })); err != nil {
			t.Fatal(err)
		}
		return out
	}
	f.Fuzz(func(t *testing.T, text string) {
		src := "# Heart\n\n" + text + "\n"
		ds := lintText(t, src)
		var edits []lint.Edit
		fixed := map[string]bool{}
		for _, d := range ds {
			if d.Fix != nil {
				edits = append(edits, d.Fix.Edits...)
				fixed[strings.ToLower(src[d.Pos:d.End])] = true
			}
		}
		if len(edits) == 0 {
			return
		}
		slices.SortFunc(edits, func(a, b lint.Edit) int { return b.Pos - a.Pos })
		out := src
		for _, e := range edits {
			out = out[:e.Pos] + e.NewText + out[e.End:]
		}
		for _, d := range lintText(t, out) {
			if fixed[strings.ToLower(out[d.Pos:d.End])] && d.Fix != nil {
				t.Errorf("after the fix %q, %q is reported again with a fix: %s", out, out[d.Pos:d.End], d.Message)
			}
		}
	})
}

// BenchmarkPlainLanguage times the rule alone on documents parsed
// beforehand: the seed article, and the health corpus with it.
func BenchmarkPlainLanguage(b *testing.B) { benchRuleOnCorpus(b, plainLanguage) }

// benchRuleOnCorpus times rule r with its defaults on the seed article and
// on the health corpus, every page checked whatever its kind, against
// parsing the same files (the floor medlint is measured from).
func benchRuleOnCorpus(b *testing.B, r lint.Rule) {
	docs := corpusdocs.Health(b)
	var seed []*document.Document
	for _, d := range docs {
		if strings.HasSuffix(d.Path, "gut-skin-connection.md") {
			seed = append(seed, d)
		}
	}
	check, err := r.Prepare(nil, lint.Env{})
	if err != nil {
		b.Fatal(err)
	}
	for _, set := range []struct {
		name string
		docs []*document.Document
	}{{"seed", seed}, {"health", docs}} {
		size := 0
		for _, d := range set.docs {
			size += len(d.Source)
			for _, blk := range d.Blocks {
				d.Sentences(blk) // split once, as the other rules would have
			}
		}
		b.Run(set.name+"/rule", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range set.docs {
					if err := check(lint.NewPass(d, time.Time{}, func(lint.Diagnostic) {})); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(size)/1e6/(b.Elapsed().Seconds()/float64(b.N)), "MB/s")
		})
		b.Run(set.name+"/parse", func(b *testing.B) {
			for b.Loop() {
				for _, d := range set.docs {
					if _, err := document.Parse(d.Path, d.Source); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(size)/1e6/(b.Elapsed().Seconds()/float64(b.N)), "MB/s")
		})
	}
}
