package fastre

import (
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"testing"
)

// exprs are expressions with the features the start filter must get
// right: word boundaries on either side, case folding to non-ASCII runes
// (k, s), one-byte matches, line and text anchors, non-ASCII classes,
// alternations of words, and expressions that can match "".
var exprs = []string{
	`(?i)\b(?:(?:many|several|recent)\s+)*(?:studies|research|scientists)\s+(?:show|suggests?|found)\b`,
	`(?i)\bkeep\b`,
	`(?i)sk`,
	`\b(?:I|I'm|my)\b|(?i:\bin our (?:experience|practice)\b)`,
	`\B\d+`,
	`(?m)^- \w+`,
	`^\w+`,
	`\w+$`,
	`x*`,
	`a|`,
	`\d{1,3}(?:,\d{3})+`,
	`[\p{L}\p{N}'’]+`,
	`\p{Lu}[\p{L}.&'’-]*`,
	`(?i)\b\d+\s*(?:%|percent\b)`,
	`é+`,
	`(?s:.)b`,
	`[^a]b`,
	`\x00a`,
	`a\x00?`,
	`(?i)#1\s+doctor`,
	`\b#`,
	`(?U)a+`,
	`(?:^|\s)no\b`,
	`\b`,
	`(a)|(b)c|(\w+)(x)?`,
	`\[\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,8}\]`,
	`(?i)\b(?:doi:\s*)?10\.\d{4,9}/[^\s"<>]+`,
	`\b(?:PMID:?\s*\d{4,9}|PMCID:?\s*PMC\d{4,9}|PMC\d{4,9})\b`,
	`\{\{[^{}\n]{0,200}?[^{}\n/]\s*\}\}`,
	`\((\p{Lu}\w*),?\s+(?:19|20)\d{2}\)`,
	`[ab]*a[ab]{12}c`,      // more states than maxStates: the automaton gives up
	`(?i)s[^\n]{2}k|’\w+’`, // non-ASCII runes inside and around a match
	`[^\x00-\x7f]+\b`,
}

var texts = []string{
	"",
	"a",
	"Studies show that many scientists found nothing; recent research suggests more.",
	"keep KEEP Keep kEEp \u212aeep ſk sk xkeep",
	"I think my practice, in our experience I'm right. In Our Practice",
	"12345 a1 1,000,000 and 12,34",
	"- one\n- two\n-three\n",
	"word\nend",
	"caf\xe9 \xff\xfe b \xe2\x82 b é éé",
	"\x00a\x00 a\x00",
	"#1 doctor x#1 doctor",
	"aaa ab ba",
	"Ünïcödé Wörds and O’Brien's Lu-Ck",
	"20% of people, 30 percent less, 5percent",
	"no no-no know no\tno",
	"abababababbbaaabababbabababbbabababbaababc abbbbbbbbbbbaa\u00e9c",
	"\u017f\u00e9\u00e9k ’quoted’ s\xe2\x80k \u212a \u00e9\u00e9a \u00e9_ \ufffd\xff\u00e9\n",
	"[3] [2, 5] [4-6] [7–9] [1234] doi:10.1234/abc.def DOI: 10.12345/x) PMID: 12345 PMC123456 {{ name }} {{/x}}",
}

func TestMatchesRegexp(t *testing.T) {
	t.Parallel()
	for _, expr := range exprs {
		re := regexp.MustCompile(expr)
		f := New(re)
		for _, text := range texts {
			check(t, re, f, text)
		}
	}
}

// TestFilters checks that the analysis keeps the fast path for the
// expressions it is made for, so that the differential test above tests
// something.
func TestFilters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		expr            string
		fast, wordStart bool
	}{
		{exprs[0], true, true},
		{`(?i)\bkeep\b`, true, true},
		{`\B\d+`, true, false},
		{`x*`, false, false},
		{`a|`, false, false},
		{`\b`, false, false},
		{`^\w+`, false, false},
		{`\Qa)`, false, false},
	} {
		f := MustCompile(tc.expr)
		f.once.Do(f.init)
		if f.fast != tc.fast || f.wordStart != tc.wordStart {
			t.Errorf("%s: fast %v wordStart %v, want %v %v", tc.expr, f.fast, f.wordStart, tc.fast, tc.wordStart)
		}
	}
	for expr, want := range map[string]string{`\[\d+\]`: "[", `(?i)\bp\d`: "Pp", `(?i)k\d`: "", exprs[0]: ""} {
		f := MustCompile(expr)
		f.once.Do(f.init)
		if f.skipTo != want { // (?i)k also matches U+212A: no skipping
			t.Errorf("%s: skipTo %q, want %q", expr, f.skipTo, want)
		}
	}
	f := MustCompile(exprs[0])
	f.once.Do(f.init)
	for _, tc := range []struct {
		text string
		end  int
		ok   bool
	}{
		{"studies show", 12, true},
		{"STUDIES SHOW that", 12, true},
		{"many recent research found", 26, true},
		{"study shows", -1, true},       // "study" is not in the list
		{"many doctors", -1, true},      // no subject after the adjective
		{"studies", -1, true},           // the text ends first
		{"studies \u017fhow", 13, true}, // (?i)s matches U+017F (two bytes), stepped as a rune
		{"studies “show”", -1, true},    // some thread could take a non-ASCII rune, none takes “
		{"Studies \u017f\u017fhow", -1, true},
		{"many \u017ftudie\u017f \u017fuggest \u2014", 23, true},
		{"many“", -1, true}, // no thread can take the quotation mark
		{"studies show\xff", 12, true},
		{"research\u00a0found", -1, true}, // \s is ASCII space only
		{"research \u212aeep", -1, true},
	} {
		budget := 1000
		end, ok := f.dfa.matchEnd(tc.text, 0, &budget)
		if end != tc.end || ok != tc.ok {
			t.Errorf("matchEnd(%q) = %d, %v; want %d, %v", tc.text, end, ok, tc.end, tc.ok)
		}
	}
}

func check(t *testing.T, re *regexp.Regexp, f *Regexp, text string) {
	t.Helper()
	if got, want := f.FindAllStringIndex(text, -1), re.FindAllStringIndex(text, -1); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q on %q: FindAllStringIndex = %v, want %v", re, text, got, want)
	}
	if got, want := f.FindAllStringIndex(text, 1), re.FindAllStringIndex(text, 1); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q on %q: FindAllStringIndex(1) = %v, want %v", re, text, got, want)
	}
	if got, want := f.FindAllStringSubmatchIndex(text, -1), re.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q on %q: FindAllStringSubmatchIndex = %v, want %v", re, text, got, want)
	}
	if got, want := f.FindStringIndex(text), re.FindStringIndex(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q on %q: FindStringIndex = %v, want %v", re, text, got, want)
	}
	if got, want := f.MatchString(text), re.MatchString(text); got != want {
		t.Fatalf("%q on %q: MatchString = %v, want %v", re, text, got, want)
	}
}

// FuzzMatchesRegexp compares every method with package regexp on fuzzed
// expressions and texts.
func FuzzMatchesRegexp(f *testing.F) {
	for i, expr := range exprs {
		f.Add(expr, texts[i%len(texts)])
	}
	f.Fuzz(func(t *testing.T, expr, text string) {
		if len(expr) > 80 || len(text) > 512 {
			return
		}
		re, err := regexp.Compile(expr)
		if err != nil || progSize(expr) > 2000 {
			return // counted repetitions can blow the program up
		}
		check(t, re, New(re), text)
	})
}

func progSize(expr string) int {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

func BenchmarkWordAlternation(b *testing.B) {
	text := strings.Repeat("The skin barrier week routine doctor said that many recent studies show results. ", 2)
	re := regexp.MustCompile(exprs[0])
	f := New(re)
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			re.FindAllStringIndex(text, -1)
		}
	})
	b.Run("fastre", func(b *testing.B) {
		for b.Loop() {
			f.FindAllStringIndex(text, -1)
		}
	})
}

// TestConcurrentUse runs fresh expressions from several goroutines at
// once, so that -race sees the automaton built while it is read.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	for _, expr := range exprs[:4] {
		re := regexp.MustCompile(expr)
		f := New(re)
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for i := range texts {
					text := texts[(i+g)%len(texts)]
					if got, want := f.FindAllStringIndex(text, -1), re.FindAllStringIndex(text, -1); !reflect.DeepEqual(got, want) {
						t.Errorf("%q on %q: %v, want %v", expr, text, got, want)
					}
				}
			})
		}
		wg.Wait()
	}
}
