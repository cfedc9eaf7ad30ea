package claim

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/testsupport"
)

// refFind is Find without any prefilter: every pattern runs, with package
// regexp, on the whole text. Find must agree with it.
func refFind(text string) []Signal {
	text = SameLengthSpaces(text)
	return find(text, func(i int) [][]int {
		return compiled().set.Regexp(i).Regexp().FindAllStringIndex(text, -1)
	})
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
