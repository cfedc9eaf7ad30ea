package readability_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/readability"
	"github.com/medlint/medlint/internal/testsupport"
)

// referenceDir holds the npm packages the tests compare with (package.json
// and package-lock.json committed; .ci/run installs them with npm ci).
const referenceDir = "testdata/reference"

// cmuDict returns the CMU Pronouncing Dictionary as npm's
// cmu-pronouncing-dictionary ships it (ISC licence; the dictionary itself
// is Carnegie Mellon University's, BSD-style): each word with the syllable
// counts of its pronunciations (a vowel phoneme carries a stress digit).
func cmuDict(tb testing.TB) map[string][]int {
	tb.Helper()
	cmuOnce.Do(func() {
		path := filepath.Join(referenceDir, "node_modules", "cmu-pronouncing-dictionary", "index.js")
		data, err := os.ReadFile(path)
		if err != nil {
			cmuErr = fmt.Errorf("%w (install the test references: npm ci --prefix internal/readability/%s)", err, referenceDir)
			return
		}
		cmu = parseCMU(data)
		if len(cmu) < 100000 {
			cmuErr = fmt.Errorf("%s: only %d words read", path, len(cmu))
		}
	})
	if cmuErr != nil {
		testsupport.Unavailable(tb, "CMU Pronouncing Dictionary: %v", cmuErr)
	}
	return cmu
}

var (
	cmuOnce sync.Once
	cmu     map[string][]int
	cmuErr  error
)

// parseCMU reads the lines `  "word(2)": "W ER1 D",` of the package's
// index.js, keeping the words made of letters and apostrophes.
func parseCMU(data []byte) map[string][]int {
	out := map[string][]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		k, v, ok := strings.Cut(line, `": "`)
		if !ok || !strings.HasPrefix(k, `"`) {
			continue
		}
		word := strings.TrimPrefix(k, `"`)
		if i := strings.IndexByte(word, '('); i > 0 {
			word = word[:i]
		}
		if strings.IndexFunc(word, func(r rune) bool { return (r < 'a' || r > 'z') && r != '\'' }) >= 0 {
			continue
		}
		n := 0
		for _, p := range strings.Fields(strings.TrimRight(v, `",`)) {
			if c := p[len(p)-1]; c >= '0' && c <= '9' {
				n++
			}
		}
		if n > 0 && !containsInt(out[word], n) {
			out[word] = append(out[word], n)
		}
	}
	return out
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// corpusVocabulary returns the words of the prose of
// ../shared/corpus/health (paragraphs and list items, as the
// reading-level rule reads them), lower-cased, with how often each occurs;
// abbreviations in capitals, which the word scanner counts as one syllable
// whatever their letters, are left out.
func corpusVocabulary(tb testing.TB, corpus ...string) map[string]int {
	tb.Helper()
	root := testsupport.Shared(tb, corpus...)
	vocab := map[string]int{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := document.Parse(path, src)
		if err != nil {
			return nil //nolint:nilerr // a file the parser refuses has no prose to count
		}
		for _, b := range doc.Blocks {
			if b.Kind != document.BlockParagraph {
				continue
			}
			readability.Words(b.Text, func(w readability.Word) {
				for _, part := range strings.FieldsFunc(b.Text[w.Start:w.End], func(r rune) bool { return r == '-' || r == '.' || r == '‐' || r == '‑' }) {
					if word, ok := plainWord(part); ok {
						vocab[word]++
					}
				}
			})
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return vocab
}

// plainWord lower-cases a word of ASCII letters and apostrophes that is not
// written in capitals.
func plainWord(s string) (string, bool) {
	upper := 0
	for _, r := range s {
		switch {
		case r == '\'' || r == '’':
		case r >= 'a' && r <= 'z':
		case r >= 'A' && r <= 'Z':
			upper++
		default:
			return "", false
		}
	}
	if upper >= 2 && strings.IndexFunc(s, unicode.IsLower) < 0 {
		return "", false
	}
	return strings.ToLower(strings.ReplaceAll(s, "’", "'")), true
}

// minCMUAgreement is the share of a corpus's distinct words the counter
// must count as the CMU dictionary does (any of a word's pronunciations).
const minCMUAgreement = 0.95

// agreement is how the counter fares on a vocabulary.
type agreement struct {
	types, typesOK, tokens, tokensOK int
	misses                           []miss
}

type miss struct {
	word      string
	got, freq int
	want      []int
}

func (a agreement) share() float64 { return float64(a.typesOK) / float64(max(a.types, 1)) }

func measureAgreement(dict map[string][]int, vocab map[string]int) agreement {
	var a agreement
	for word, freq := range vocab {
		want, ok := dict[word]
		if !ok {
			continue
		}
		a.types++
		a.tokens += freq
		got := readability.Syllables(word)
		if containsInt(want, got) {
			a.typesOK++
			a.tokensOK += freq
			continue
		}
		a.misses = append(a.misses, miss{word, got, freq, want})
	}
	sort.Slice(a.misses, func(i, j int) bool {
		if a.misses[i].freq != a.misses[j].freq {
			return a.misses[i].freq > a.misses[j].freq
		}
		return a.misses[i].word < a.misses[j].word
	})
	return a
}

// TestSyllablesMatchCMU validates the syllable counter against the CMU
// Pronouncing Dictionary on the vocabulary of real health pages: every
// distinct word of the prose of ../shared/corpus/health (the corpus the
// counter's rules and exceptions were tuned on) and of
// ../shared/corpus/labelled (held out: not looked at while tuning) that
// the dictionary lists. Each must reach minCMUAgreement, on at least
// 5,000 words together. It also reports the agreement weighted by how
// often each word occurs and, without a threshold, over the whole
// dictionary (134,000 entries, most of them names).
func TestSyllablesMatchCMU(t *testing.T) {
	t.Parallel()
	dict := cmuDict(t)
	union := map[string]int{}
	for _, c := range []struct {
		name   string
		corpus []string
	}{
		{"corpus/health (tuned on)", []string{"corpus", "health"}},
		{"corpus/labelled (held out)", []string{"corpus", "labelled", "cases"}},
	} {
		vocab := corpusVocabulary(t, c.corpus...)
		for w, n := range vocab {
			union[w] += n
		}
		a := measureAgreement(dict, vocab)
		var worst []string
		for _, m := range a.misses[:min(len(a.misses), 25)] {
			worst = append(worst, fmt.Sprintf("%s=%d (CMU %v, %d×)", m.word, m.got, m.want, m.freq))
		}
		t.Logf("%s: %d of %d distinct words (%.2f%%) counted as CMU does; %.2f%% of %d occurrences; most frequent misses: %s",
			c.name, a.typesOK, a.types, 100*a.share(), 100*float64(a.tokensOK)/float64(max(a.tokens, 1)), a.tokens, strings.Join(worst, ", "))
		if a.share() < minCMUAgreement {
			t.Errorf("%s: the counter matches CMU on %.2f%% of the distinct words, want at least %.0f%%", c.name, 100*a.share(), 100*minCMUAgreement)
		}
	}
	a := measureAgreement(dict, union)
	t.Logf("both corpora: %d of %d distinct words (%.2f%%)", a.typesOK, a.types, 100*a.share())
	if a.types < 5000 {
		t.Errorf("only %d words of the corpora are in the dictionary: want at least 5,000 to validate on", a.types)
	}
	if a.share() < minCMUAgreement {
		t.Errorf("the counter matches CMU on %.2f%% of the corpora's distinct words, want at least %.0f%%", 100*a.share(), 100*minCMUAgreement)
	}
	all, allOK := 0, 0
	for word, want := range dict {
		all++
		if containsInt(want, readability.Syllables(word)) {
			allOK++
		}
	}
	t.Logf("whole dictionary: %.2f%% of %d words", 100*float64(allOK)/float64(max(all, 1)), all)
}
