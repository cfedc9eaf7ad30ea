package diff

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/testsupport"
)

func TestUnifiedExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n",
			"--- a/x.md\n+++ b/x.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"insert into empty", "", "new\n",
			"--- a/x.md\n+++ b/x.md\n@@ -0,0 +1 @@\n+new\n"},
		{"delete all", "old\n", "",
			"--- a/x.md\n+++ b/x.md\n@@ -1 +0,0 @@\n-old\n"},
		{"no newline at end", "a\nb", "a\nc",
			"--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
		{"newline added at end", "a", "a\n",
			"--- a/x.md\n+++ b/x.md\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
		{"crlf kept in lines", "a\r\nb\r\n", "a\r\nc\r\n",
			"--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "X\n2\n3\n4\n5\n6\n7\n8\n9\nY\n",
			"--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n-1\n+X\n 2\n@@ -9,2 +9,2 @@\n 9\n-10\n+Y\n"},
		{"close changes share a hunk", "1\n2\n3\n4\n5\n", "X\n2\n3\n4\nY\n",
			"--- a/x.md\n+++ b/x.md\n@@ -1,5 +1,5 @@\n-1\n+X\n 2\n 3\n 4\n-5\n+Y\n"},
		{"insertion in the middle", "a\nb\nc\nd\n", "a\nb\nnew\nc\nd\n",
			"--- a/x.md\n+++ b/x.md\n@@ -2,2 +2,3 @@\n b\n+new\n c\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			context := 3
			if strings.HasPrefix(tt.name, "two") || strings.HasPrefix(tt.name, "insertion") {
				context = 1
			}
			got := Unified("a/x.md", "b/x.md", tt.a, tt.b, context)
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// lcs returns the length of the longest common subsequence by dynamic
// programming: the reference that Myers' result must match.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// check verifies that ops is a valid, shortest edit script from a to b.
func check(t *testing.T, a, b []string, ops []Op, wantMinimal bool) {
	t.Helper()
	var gotB []string
	ai, bi := 0, 0
	changes := 0
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			if op.A != ai || op.B != bi || a[op.A] != b[op.B] {
				t.Fatalf("bad equal op %+v at a=%d b=%d", op, ai, bi)
			}
			gotB = append(gotB, a[op.A])
			ai++
			bi++
		case Delete:
			if op.A != ai || op.B != bi {
				t.Fatalf("bad delete op %+v at a=%d b=%d", op, ai, bi)
			}
			ai++
			changes++
		case Insert:
			if op.A != ai || op.B != bi {
				t.Fatalf("bad insert op %+v at a=%d b=%d", op, ai, bi)
			}
			gotB = append(gotB, b[op.B])
			bi++
			changes++
		}
	}
	if ai != len(a) || bi != len(b) || strings.Join(gotB, "") != strings.Join(b, "") {
		t.Fatalf("script does not turn a into b: %q -> %q, got %q", a, b, gotB)
	}
	if want := len(a) + len(b) - 2*lcs(a, b); wantMinimal && changes != want {
		t.Fatalf("script has %d changes, the shortest has %d (a=%q b=%q)", changes, want, a, b)
	}
}

func randomLines(r *rand.Rand, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = string(rune('a'+r.IntN(4))) + "\n"
	}
	return out
}

func TestLinesShortest(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a, b := randomLines(r, r.IntN(12)), randomLines(r, r.IntN(12))
		check(t, a, b, Lines(a, b), true)
	}
}

func TestLinesBeyondLimitStillCorrect(t *testing.T) {
	t.Parallel()
	var a, b []string
	for i := range 2000 {
		a = append(a, fmt.Sprintf("a%d\n", i))
		b = append(b, fmt.Sprintf("b%d\n", i))
	}
	check(t, a, b, Lines(a, b), true) // all different: delete all, insert all is shortest
	a = append([]string{"same\n"}, a...)
	b = append(b, "same\n")
	check(t, a, b, Lines(a, b), false)
}

// applyUnified applies a unified diff to a, as patch would, checking every
// context and deleted line.
func applyUnified(t *testing.T, a, patch string) string {
	t.Helper()
	if patch == "" {
		return a
	}
	old := SplitLines(a)
	lines := SplitLines(patch)
	if !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		t.Fatalf("missing header in %q", patch)
	}
	var out []string
	next := 0 // next line of old to copy
	i := 2
	for i < len(lines) {
		h := lines[i]
		var as, ac, bs, bc int
		if !parseHunk(h, &as, &ac, &bs, &bc) {
			t.Fatalf("bad hunk header %q", h)
		}
		if ac == 0 {
			as++ // "-N,0" names the line before
		}
		for next < as-1 {
			out = append(out, old[next])
			next++
		}
		i++
		gotA, gotB := 0, 0
		for i < len(lines) && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			body := l[1:]
			if i+1 < len(lines) && lines[i+1] == "\\ No newline at end of file\n" {
				body = strings.TrimSuffix(body, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(old) || old[next] != body {
					t.Fatalf("hunk %q: line %q does not match old line %d", h, body, next+1)
				}
				if l[0] == ' ' {
					out = append(out, body)
					gotB++
				}
				next++
				gotA++
			case '+':
				out = append(out, body)
				gotB++
			default:
				t.Fatalf("bad diff line %q", l)
			}
			i++
		}
		if gotA != ac || gotB != bc {
			t.Fatalf("hunk %q counts %d,%d lines", h, gotA, gotB)
		}
	}
	out = append(out, old[next:]...)
	return strings.Join(out, "")
}

func parseHunk(h string, as, ac, bs, bc *int) bool {
	f := strings.Fields(h)
	if len(f) != 4 || f[0] != "@@" || f[3] != "@@" || f[1][0] != '-' || f[2][0] != '+' {
		return false
	}
	parse := func(s string, start, count *int) bool {
		n, c, ok := strings.Cut(s, ",")
		var err error
		*count = 1
		if ok {
			if *count, err = strconv.Atoi(c); err != nil {
				return false
			}
		}
		*start, err = strconv.Atoi(n)
		return err == nil
	}
	return parse(f[1][1:], as, ac) && parse(f[2][1:], bs, bc)
}

func randomText(r *rand.Rand) string {
	lines := randomLines(r, r.IntN(15))
	s := strings.Join(lines, "")
	if s != "" && r.IntN(3) == 0 {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

func TestUnifiedRoundTrip(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		a, b := randomText(r), randomText(r)
		for _, ctx := range []int{0, 1, 3} {
			d := Unified("a/f", "b/f", a, b, ctx)
			if got := applyUnified(t, a, d); got != b {
				t.Fatalf("context %d: applying\n%s\nto %q gives %q, want %q", ctx, d, a, got, b)
			}
		}
	}
}

// TestUnifiedWithPatch feeds diffs to the system's patch program when there
// is one: the format must be what real tools read.
func TestUnifiedWithPatch(t *testing.T) {
	t.Parallel()
	patchBin, err := exec.LookPath("patch")
	if err != nil {
		testsupport.Unavailable(t, "no patch program on this machine: the diffs are not checked against a real patch")
	}
	r := rand.New(rand.NewPCG(5, 6))
	dir := t.TempDir()
	for i := range 40 {
		a, b := randomText(r), randomText(r)
		d := Unified("a/f.md", "b/f.md", a, b, 3)
		if d == "" {
			continue
		}
		name := filepath.Join(dir, fmt.Sprintf("f%d.md", i))
		if err := os.WriteFile(name, []byte(a), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(patchBin, "-s", "--no-backup-if-mismatch", name)
		cmd.Stdin = strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch failed on\n%s\n%s: %v", d, out, err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != b {
			t.Fatalf("patch made %q from %q, want %q\n%s", got, a, b, d)
		}
	}
}

func FuzzUnified(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd")
	f.Add("", "x")
	f.Add("x\r\ny\r\n", "x\r\nz\r\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 2000 || len(b) > 2000 {
			return
		}
		d := Unified("a/f", "b/f", a, b, 3)
		if (d == "") != (a == b) {
			t.Fatalf("diff %q for a=%q b=%q", d, a, b)
		}
		if got := applyUnified(t, a, d); got != b {
			t.Fatalf("round trip gives %q, want %q", got, b)
		}
	})
}
