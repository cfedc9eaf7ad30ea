package report

import "testing"

func TestSplitLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text                string
		from, to            int
		before, mark, after string
	}{
		{"## Causes", 0, -1, "", "## Causes", ""},
		{"## Causes", 3, 9, "## ", "Causes", ""},
		{"héllo wörld", 6, 11, "héllo ", "wörld", ""},
		{"abc", 1, 1, "a", "", "bc"},
		{"abc", 5, 9, "abc", "", ""},    // past the end: clamped
		{"abc", -2, 2, "", "ab", "c"},   // before the start: clamped
		{"abc", 2, 1, "ab", "", "c"},    // inverted: empty
		{"abc\r", 0, -1, "", "abc", ""}, // CR dropped
	} {
		got := splitLine(1, tc.text, tc.from, tc.to)
		if got.Before != tc.before || got.Mark != tc.mark || got.After != tc.after {
			t.Errorf("splitLine(%q, %d, %d) = %q|%q|%q, want %q|%q|%q", tc.text, tc.from, tc.to,
				got.Before, got.Mark, got.After, tc.before, tc.mark, tc.after)
		}
	}
}
