package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxSeed bounds the length of a fuzz seed. The fuzzer minimizes every
// input that finds new coverage before it reports anything, and a
// minimization pass tries removing every substring: up to the square of
// the input's length in runs. Seeded with whole golden articles (up to
// 4 KB), a worker spent its whole -fuzzminimizetime (60 s) minimizing
// the first mutant, reporting 7 to 40 executions in the first 15 s.
const maxSeed = 256

// ruleSeeds returns the golden articles of rule id
// (testdata/rules/ID/*.md and one directory down), cut into seeds of at
// most maxSeed bytes by seedFragments. It fails tb when there are none:
// a renamed directory must not leave a fuzz target without seeds.
func ruleSeeds(tb testing.TB, id string) [][]byte {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", id, "*.md"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", id, "*", "*.md"))
	var seeds [][]byte
	for _, p := range append(files, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, seedFragments(b, maxSeed)...)
	}
	if len(seeds) == 0 {
		tb.Fatalf("no golden articles for %s under ../testdata/rules/%s", id, id)
	}
	return seeds
}

// seedFragments cuts src into pieces of at most limit bytes that join
// back into src: src itself when it fits, else runs of whole blocks (cut
// after blank lines, so the front matter stays with the first block), a
// block too long for one piece cut after line ends, and a line too long
// cut at a character boundary.
func seedFragments(src []byte, limit int) [][]byte {
	if len(src) <= limit {
		return [][]byte{src}
	}
	var out [][]byte
	var cur []byte
	for _, block := range cutAfter(src, []byte("\n\n"), limit) {
		if len(cur)+len(block) > limit && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, block...)
	}
	return append(out, cur)
}

// cutAfter cuts src after each sep, recutting a piece longer than limit
// after its line ends, and a line longer than limit at the last character
// boundary that fits.
func cutAfter(src, sep []byte, limit int) [][]byte {
	var out [][]byte
	for len(src) > 0 {
		n := len(src)
		if i := bytes.Index(src, sep); i >= 0 {
			n = i + len(sep)
		}
		piece := src[:n]
		src = src[n:]
		switch {
		case len(piece) <= limit:
			out = append(out, piece)
		case !bytes.Equal(sep, []byte("\n")):
			out = append(out, cutAfter(piece, []byte("\n"), limit)...)
		default:
			for len(piece) > limit {
				k := limit
				for k > 0 && !utf8.RuneStart(piece[k]) {
					k--
				}
				if k == 0 {
					k = limit
				}
				out = append(out, piece[:k])
				piece = piece[k:]
			}
			out = append(out, piece)
		}
	}
	return out
}

func TestSeedFragments(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("word ", 80) + "\n"
	tests := []struct {
		name, src string
		limit     int
		want      int // number of pieces
	}{
		{"fits", "# T\n\nText.\n", 64, 1},
		{"blocks packed", "# T\n\n" + strings.Repeat("A paragraph of text.\n\n", 10), 64, 5},
		{"front matter kept with the first block", "---\ntitle: T\n---\n\n# T\n\n" + strings.Repeat("x", 60) + "\n", 40, 3},
		{"long block cut at lines", strings.Repeat("a line of text\n", 20), 64, 5},
		{"long line cut", long, 64, 7},
		{"multi-byte characters not split", strings.Repeat("é", 100), 51, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := seedFragments([]byte(tt.src), tt.limit)
			if string(bytes.Join(got, nil)) != tt.src {
				t.Errorf("the pieces do not join back into the source")
			}
			for _, p := range got {
				if len(p) > tt.limit || len(p) == 0 {
					t.Errorf("piece of %d bytes (limit %d): %q", len(p), tt.limit, p)
				}
				if tt.name == "multi-byte characters not split" && !utf8.Valid(p) {
					t.Errorf("piece %q splits a character", p)
				}
			}
			if len(got) != tt.want {
				t.Errorf("%d pieces, want %d: %q", len(got), tt.want, got)
			}
			if tt.name == "front matter kept with the first block" && !bytes.HasPrefix(got[0], []byte("---\ntitle: T\n---\n\n# T\n")) {
				t.Errorf("first piece %q lost the front matter or its first block", got[0])
			}
		})
	}
}

// TestRuleSeedsAreSmall checks every rule's fuzz seeds: all within
// maxSeed and, joined, every byte of its golden articles.
func TestRuleSeedsAreSmall(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "rules", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no rule testdata: %v", err)
	}
	for _, dir := range dirs {
		id := filepath.Base(dir)
		total := 0
		for _, s := range ruleSeeds(t, id) {
			if len(s) > maxSeed {
				t.Errorf("%s: seed of %d bytes", id, len(s))
			}
			total += len(s)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		more, _ := filepath.Glob(filepath.Join(dir, "*", "*.md"))
		want := 0
		for _, f := range append(files, more...) {
			st, err := os.Stat(f)
			if err != nil {
				t.Fatal(err)
			}
			want += int(st.Size())
		}
		if total != want {
			t.Errorf("%s: seeds hold %d bytes, the golden articles %d", id, total, want)
		}
	}
}
