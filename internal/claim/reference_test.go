package claim

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/testsupport"
)

// refFind is Find as it was before the keyword automaton and the extra
// prefilters (also, gate): the reference Find must agree with.
func refFind(text string) []Signal {
	text = SameLengthSpaces(text)
	var out []Signal
	lower := strings.ToLower(text)
	for _, p := range patterns {
		if !refContainsAny(lower, p.need) {
			continue
		}
		for _, m := range p.re.FindAllStringIndex(text, -1) {
			if p.negatable && negation.Regexp().MatchString(text[max(0, m[0]-40):m[0]]) {
				continue
			}
			if p.post != nil && !p.post(text, m[0], m[1]) {
				continue
			}
			w := p.weight
			if p.demote != nil && p.demote(text) {
				w = min(w, 1)
			}
			out = append(out, Signal{Check: p.check, Weight: w, Start: m[0], End: m[1], Attribution: p.attrib})
		}
	}
	var doses [][]int
	if strings.ContainsAny(text, "0123456789") {
		doses = dosePattern.Regexp().FindAllStringIndex(text, -1)
	}
	effect := len(doses) > 0 && effectPattern.Regexp().MatchString(text)
	for _, m := range doses {
		if concentrationAfter.MatchString(text[m[1]:]) || telecomAfter.MatchString(text[m[1]:]) {
			continue // a lab value ("80 mg/dL", "4 mmol/L"), not a dose
		}
		w := 1
		if effect {
			w = 2
		}
		out = append(out, Signal{Check: CheckDose, Weight: w, Start: m[0], End: m[1]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End-out[i].Start > out[j].End-out[j].Start
	})
	var kept []Signal
	for _, s := range out {
		overlap := false
		for _, k := range kept {
			if s.Start < k.End && k.Start < s.End {
				overlap = true
				break
			}
		}
		if !overlap {
			s.Text = Excerpt(text, s.Start, s.End)
			kept = append(kept, s)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	return kept
}

func refContainsAny(s string, subs []string) bool {
	if len(subs) == 0 {
		return true
	}
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

var referenceSamples = []string{
	"Approximately 70% of your immune system resides in your gut.",
	"Studies show that probiotics clear acne.", "1 in 3 adults has high blood pressure.",
	"One in five people, 37,000 Americans, are twice as likely to get it.",
	"ſtudies ſhow it; \u212aey research found that.", "Dr. Lee says 2,000 IU a day cuts the risk.",
	"THE STUDY FOUND NOTHING", "According to the CDC, 1.7 million Veterans used it.",
	"It is clinically proven to reduce pain by 30 percent.", "Take 400\u00a0mcg daily; it may lower the risk.",
	"evidence-based care", "There is growing evidence that it helps.", "\xff\xfe 50% of cases",
	"A 2023 review published in the Lancet found it.", "", "in", "one in ten\u2003thousand",
}

func checkFindAgainstReference(t *testing.T, text string) {
	t.Helper()
	if got, want := Find(text), refFind(text); !reflect.DeepEqual(got, want) {
		t.Errorf("Find(%q) = %+v, reference %+v", text, got, want)
	}
}

// checkMayHold fails when MayHold(block) is false but a sentence of the
// block has signals.
func checkMayHold(t *testing.T, block string) {
	t.Helper()
	if MayHold(block) {
		return
	}
	for _, s := range document.SplitSentences(block) {
		if sigs := refFind(s.Text); len(sigs) > 0 {
			t.Errorf("MayHold(%q) = false, but sentence %q has signals %+v", block, s.Text, sigs)
		}
	}
}

func TestFindMatchesReference(t *testing.T) {
	t.Parallel()
	for _, s := range referenceSamples {
		checkFindAgainstReference(t, s)
		checkMayHold(t, s)
	}
	checkMayHold(t, strings.Join(referenceSamples, " "))
}

func FuzzFindMatchesReference(f *testing.F) {
	for _, s := range referenceSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFindAgainstReference(t, s)
		checkMayHold(t, s)
	})
}

// TestFindMatchesReferenceOnCorpus compares Find with the reference on
// every sentence of the shared corpora (and of MEDLINT_DIFF_CORPUS, a
// directory of Markdown files, when set).
func TestFindMatchesReferenceOnCorpus(t *testing.T) {
	t.Parallel()
	dirs := []string{testsupport.Shared(t, "corpus", "health"), testsupport.Shared(t, "corpus", "seed")}
	if d := os.Getenv("MEDLINT_DIFF_CORPUS"); d != "" {
		dirs = append(dirs, d)
	}
	n, withSignal := 0, 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			doc, err := document.Parse(p, src)
			if err != nil {
				return nil
			}
			for _, b := range doc.Blocks {
				checkMayHold(t, b.Text)
				for _, s := range doc.Sentences(b) {
					n++
					if len(refFind(s.Text)) > 0 {
						withSignal++
					}
					checkFindAgainstReference(t, s.Text)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("the shared corpora hold no sentence")
	}
	t.Logf("%d sentences, %d with signals", n, withSignal)
}
