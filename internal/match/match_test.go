package match

import (
	"reflect"
	"regexp"
	"testing"

	"github.com/medlint/medlint/internal/keywords"
)

func TestNeedOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		want [][]string
	}{
		{`(?i)\bclinically\s+proven\b`, [][]string{{"clinically"}, {"proven"}}},
		{`(?i)\b(?:studies|research)\s+(?:shows?|found)\b`, [][]string{{"research", "studies"}, {"found", "show"}}},
		{`\d+\s*%`, [][]string{{"%"}, {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}}},
		{`(?i)colou?r`, [][]string{{"colo"}}},
		{`(?i)(?:a|an)\s+study`, [][]string{{"study"}}},   // "a" is too common to look for
		{`(?i)(?:studies|)\s+show`, [][]string{{"show"}}}, // a branch that needs nothing
		{`(?i)x*yz?`, nil}, // "y" alone is too common
		{`(?i)µg`, nil},    // µ has three case variants: "g" is left, too common
		{`(?i)\bmicro(?:gram|µg)\b`, [][]string{{"micro"}}},
		{`(?i)(?:one|two|\d) in (?:three|\d)`, [][]string{{" in "}, {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "three"}, {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "one", "two"}}},
		{`.*`, nil},
		{`(?i)a{2,3}bcd`, [][]string{{"bcd"}, {"aa"}}}, // Simplify: aaa?bcd
	}
	for _, tt := range tests {
		got := [][]string(NeedOf(regexp.MustCompile(tt.expr)))
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("NeedOf(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func TestNeedsOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		want []keywords.Need
	}{
		// One need per branch, the \b the parser factors out ignored.
		{`(?i)\bshop now\b|\badd to (?:cart|bag)\b`, []keywords.Need{{{"shop now"}}, {{"add to bag", "add to cart"}, {"add to "}, {"bag", "cart"}}}},
		{`(?i)^(?:clinically proven|doctor recommended)`, []keywords.Need{{{"clinically proven"}}, {{"doctor recommended"}}}},
		// A branch that needs nothing: the whole needs nothing.
		{`(?i)\bproven\b|\bx*\b`, nil},
		// No top-level alternation: NeedOf's need.
		{`(?i)\b(?:studies|research) show`, []keywords.Need{{{"research", "studies"}, {" show"}}}},
	}
	for _, tt := range tests {
		if got := NeedsOf(regexp.MustCompile(tt.expr)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("NeedsOf(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

// soundExprs are expressions of the shapes the rules use; FuzzSound
// checks on them that a text a pattern matches always passes its gate.
var soundExprs = []string{
	`(?i)\bclinically\s+proven\b`,
	`(?i)\b(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)\s*of\b`,
	`(?i)\b(?:mg|mcg|µg|μg|g|IU)\b`,
	`(?i)\bſtudies show\b`,
	`(?i)\bkelvin\b`,
	`(?i)straße|STRASSE`,
	`(?i)\b(?:one|two|three|\d)\s+in\s+(?:every\s+)?(?:\d+|ten)\b`,
	`\b[Aa]ccording to\s+\p{Lu}\p{L}+`,
	`(?i)i̇stanbul|İzmir`,
	`(?i)(?:boost|strengthen)(?:s|ed|ing)?\s+(?:your\s+)?immun(?:e|ity)`,
	`(?i)ǆ|ǅ`,
	`(?i)ω|Ω`,
	`(?i)\b(?:shop|buy) (?:it )?now\b|\badd to (?:cart|basket)\b|\b(?:use|enter) (?:the )?code [A-Z0-9]{3,}\b`,
	`^(?:\bone\b|two)$|(three|fo+ur)`,
}

var soundSet = MustCompile(soundExprs...)

func checkSound(t *testing.T, text string) {
	t.Helper()
	sc := soundSet.Scan(text)
	for i := range soundSet.Len() {
		re := soundSet.Regexp(i).Regexp()
		if re.MatchString(text) && !sc.May(i) {
			t.Errorf("%q matches %q, but its gate is closed", soundExprs[i], text)
		}
		if got, want := sc.FindAll(i), re.FindAllStringIndex(text, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("FindAll(%q) on %q = %v, regexp %v", soundExprs[i], text, got, want)
		}
	}
}

func TestSound(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"It is CLINICALLY PROVEN.", "About 70 % of people", "2,000 percent of", "Take 400 µg or 5 μg or 2 G",
		"ſtudies show", "STUDIES SHOW", "\u212aelvin", "STRASSE", "straße", "One in TEN", "1 in every 3",
		"According to Éric", "İzmir", "i̇stanbul", "Boosts your immunity", "ǅ", "Ω", "ω", "\u2126", "",
		"SHOP IT NOW", "Add to basket", "enter the code SAVE10", "one", "two", "foooour", "three",
	} {
		checkSound(t, text)
	}
}

func FuzzSound(f *testing.F) {
	for _, s := range []string{"clinically proven", "70% of", "5 µg", "ſtudies ſhow", "one in ten", "\u212aELVIN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) { checkSound(t, text) })
}
