package article

import (
	"regexp"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/testsupport/corpusdocs"
)

// refNormalizeDisclaimerText is normalizeDisclaimerText as it was before
// the fast version: the reference it must equal.
func refNormalizeDisclaimerText(s string) string {
	s = refDisclaimerReplacer.Replace(s)
	return strings.TrimSpace(refSpaces.ReplaceAllString(strings.ToLower(s), " "))
}

// The reference's replacer and expression are built once: built on every
// call, they made FuzzNormalizeDisclaimerText compile a regexp twice per
// input.
var (
	refDisclaimerReplacer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`, "\u00a0", " ", "*", "", "_", " ")
	refSpaces             = regexp.MustCompile(`\s+`)
)

var disclaimerSamples = []string{
	"", " ", "a", "This is NOT medical advice.", "  two  spaces\t\ttabs\n\nnewlines\r\n\f ",
	"Sub*stitute_for \u00a0 medical advice", "Don\u2019t replace your doctor\u2019s visit",
	"\u212aELVIN \u0130STANBUL", "\v vertical tab \v", "trailing \u2003", "*", "__init__",
	"For informational purposes only. Talk to your GP.", "\xff\xfe invalid \xc3",
}

func TestNormalizeDisclaimerTextMatchesReference(t *testing.T) {
	t.Parallel()
	for _, s := range disclaimerSamples {
		if got, want := normalizeDisclaimerText(s), refNormalizeDisclaimerText(s); got != want {
			t.Errorf("normalizeDisclaimerText(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormalizeDisclaimerText(f *testing.F) {
	for _, s := range disclaimerSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalizeDisclaimerText(s), refNormalizeDisclaimerText(s); got != want {
			t.Fatalf("normalizeDisclaimerText(%q) = %q, want %q", s, got, want)
		}
		checkDisclaimerPrefilter(t, s)
	})
}

// checkDisclaimerPrefilter fails when the prefilter would skip text that a
// built-in pattern or the label matches.
func checkDisclaimerPrefilter(t *testing.T, text string) {
	t.Helper()
	norm := refNormalizeDisclaimerText(text)
	m := builtinDisclaimer()
	sc := m.scan(text)
	for i := range m.set.Len() {
		if m.set.Regexp(i).MatchString(norm) && !sc.May(i) {
			t.Errorf("prefilter skips %q, which pattern %s matches", text, m.set.Regexp(i))
		}
	}
	if got, want := IsDisclaimer(text), refIsDisclaimer(norm); got != want {
		t.Errorf("IsDisclaimer(%q) = %v, want %v", text, got, want)
	}
}

func refIsDisclaimer(norm string) bool {
	anyMatch := func(res []*regexp.Regexp) bool {
		for _, re := range res {
			if re.MatchString(norm) {
				return true
			}
		}
		return false
	}
	return anyMatch(notAdviceRE()) || (disclaimerLabel.MatchString(norm) && anyMatch(consultRE()))
}

// TestDisclaimerPrefilterOnCorpus checks the prefilter against every block
// of the real corpora: no skipped block matches a pattern.
func TestDisclaimerPrefilterOnCorpus(t *testing.T) {
	t.Parallel()
	blocks, skipped := 0, 0
	for _, doc := range corpusdocs.Health(t) {
		for _, b := range doc.Blocks {
			blocks++
			if sc := builtinDisclaimer().scan(b.Text); !builtinDisclaimer().relevant(&sc) {
				skipped++
			}
			checkDisclaimerPrefilter(t, b.Text)
		}
	}
	t.Logf("%d blocks, %d skipped by the prefilter", blocks, skipped)
}

// TestBylinePrefilterOnCorpus checks that readByline finds nothing in the
// lines mayHoldByline skips, on every line of every block of the corpora.
func TestBylinePrefilterOnCorpus(t *testing.T) {
	t.Parallel()
	lines, skipped := 0, 0
	for _, doc := range corpusdocs.Health(t) {
		for _, b := range doc.Blocks {
			for _, line := range blockSourceLines(doc, b) {
				lines++
				if mayHoldByline(line.text) {
					continue
				}
				skipped++
				var rd Review
				readByline(nil, b, line, &rd)
				if len(rd.Reviewed)+len(rd.Reviewer)+len(rd.Updated)+len(rd.Next) > 0 {
					t.Errorf("%s: the prefilter skips %q, where readByline finds %+v", doc.Path, line.text, rd)
				}
			}
		}
	}
	t.Logf("%d lines, %d skipped", lines, skipped)
}

func FuzzBylinePrefilter(f *testing.F) {
	for _, s := range []string{"Medically reviewed by Dr. Lee on 2025-01-02", "Last UPDATED: 1 May 2024", "Next review due 2027", "Written by X | Modified 2020", "nothing here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := document.Parse("f.md", []byte("# T\n\n"+s+"\n"))
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			for _, line := range blockSourceLines(doc, b) {
				if mayHoldByline(line.text) {
					continue
				}
				var rd Review
				readByline(nil, b, line, &rd)
				if len(rd.Reviewed)+len(rd.Reviewer)+len(rd.Updated)+len(rd.Next) > 0 {
					t.Fatalf("the prefilter skips %q, where readByline finds %+v", line.text, rd)
				}
			}
		}
	})
}
