package lazyre_test

import (
	"regexp"
	"slices"
	"sync"
	"testing"

	"github.com/medlint/medlint/internal/lazyre"
)

func TestRegexpAnswersAsRegexp(t *testing.T) {
	t.Parallel()
	const expr = `(?i)\b(\w+)-(\d+)\b`
	const text = "see ABC-12 and x-3, not -4"
	lazy, eager := lazyre.New(expr), regexp.MustCompile(expr)
	if lazy.String() != expr {
		t.Errorf("String() = %q, want %q", lazy.String(), expr)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"MatchString", lazy.MatchString(text), eager.MatchString(text)},
		{"Match", lazy.Match([]byte(text)), eager.Match([]byte(text))},
		{"Find", string(lazy.Find([]byte(text))), string(eager.Find([]byte(text)))},
		{"FindString", lazy.FindString(text), eager.FindString(text)},
		{"FindStringIndex", lazy.FindStringIndex(text), eager.FindStringIndex(text)},
		{"FindStringSubmatch", lazy.FindStringSubmatch(text), eager.FindStringSubmatch(text)},
		{"FindStringSubmatchIndex", lazy.FindStringSubmatchIndex(text), eager.FindStringSubmatchIndex(text)},
		{"FindSubmatchIndex", lazy.FindSubmatchIndex([]byte(text)), eager.FindSubmatchIndex([]byte(text))},
		{"FindAllString", lazy.FindAllString(text, -1), eager.FindAllString(text, -1)},
		{"FindAllStringIndex", lazy.FindAllStringIndex(text, -1), eager.FindAllStringIndex(text, -1)},
		{"FindAllStringSubmatch", lazy.FindAllStringSubmatch(text, -1), eager.FindAllStringSubmatch(text, -1)},
		{"FindAllStringSubmatchIndex", lazy.FindAllStringSubmatchIndex(text, -1), eager.FindAllStringSubmatchIndex(text, -1)},
		{"FindAllSubmatchIndex", lazy.FindAllSubmatchIndex([]byte(text), -1), eager.FindAllSubmatchIndex([]byte(text), -1)},
		{"ReplaceAllString", lazy.ReplaceAllString(text, "<$1>"), eager.ReplaceAllString(text, "<$1>")},
		{"ReplaceAllStringFunc", lazy.ReplaceAllStringFunc(text, func(s string) string { return "[" + s + "]" }),
			eager.ReplaceAllStringFunc(text, func(s string) string { return "[" + s + "]" })},
		{"SubexpIndex", lazy.SubexpIndex("x"), eager.SubexpIndex("x")},
		{"Split", lazy.Split(text, -1), eager.Split(text, -1)},
		{"Regexp", lazy.Regexp().String(), expr},
	}
	for _, tt := range tests {
		if got, want := tt.got, tt.want; !equal(got, want) {
			t.Errorf("%s = %v, want %v", tt.name, got, want)
		}
	}
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []int:
		return slices.Equal(a, b.([]int))
	case []string:
		return slices.Equal(a, b.([]string))
	case [][]int:
		return slices.EqualFunc(a, b.([][]int), slices.Equal)
	case [][]string:
		return slices.EqualFunc(a, b.([][]string), slices.Equal)
	}
	return a == b
}

func TestCompilesOnceAcrossGoroutines(t *testing.T) {
	t.Parallel()
	r := lazyre.New(`a+`)
	var wg sync.WaitGroup
	res := make([]*regexp.Regexp, 8)
	for i := range res {
		wg.Go(func() { res[i] = r.Regexp() })
	}
	wg.Wait()
	for _, re := range res {
		if re != res[0] {
			t.Fatal("Regexp returned different compiled expressions")
		}
	}
}

func TestAllCompilesOnce(t *testing.T) {
	t.Parallel()
	all := lazyre.All(`a`, `b+`)
	first, second := all(), all()
	if len(first) != 2 || first[0] != second[0] || first[1].String() != `b+` {
		t.Errorf("All() = %v then %v", first, second)
	}
}

func TestBadExpressionPanicsOnFirstUse(t *testing.T) {
	t.Parallel()
	r := lazyre.New(`(`) // no panic yet
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic on first use")
		}
	}()
	r.MatchString("x")
}
