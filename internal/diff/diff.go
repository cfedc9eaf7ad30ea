// Package diff computes line differences with Myers' O(ND) algorithm and
// prints them as unified diffs, the format of `diff -u` and `git diff`,
// which `patch -p1` and `git apply` read.
//
// A hand-written package rather than a module: of the candidates on the
// module proxy, github.com/pmezard/go-difflib (v1.0.0, archived) ports
// Python's SequenceMatcher, whose diffs are not shortest, and
// github.com/sergi/go-diff is character-based diff-match-patch, whose line
// mode needs glue and which prints no unified hunks. A line diff is small;
// the tests check it against a dynamic-programming LCS, a patch applier and
// the system's patch program.
package diff

import (
	"fmt"
	"strings"
)

// Kind says what an Op does with a line.
type Kind uint8

// Op kinds.
const (
	Equal  Kind = iota // the line is in both texts
	Delete             // the line is only in the old text
	Insert             // the line is only in the new text
)

// Op is one line of a line-by-line edit script. A is the 0-based index of
// the line in the old text (Equal, Delete), B in the new text (Equal,
// Insert).
type Op struct {
	Kind Kind
	A, B int
}

// maxD bounds the edit distance the exact algorithm explores; past it the
// differing middle is reported as deleted then inserted whole (a correct,
// non-minimal diff) so that memory stays bounded (O(maxD²)).
const maxD = 1500

// SplitLines splits s into lines, each keeping its "\n" (and any "\r"
// before it); a last line without a line break is kept as is.
func SplitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// Lines returns a shortest edit script turning the lines a into the lines b
// (shortest as long as the texts differ in at most 1500 lines).
func Lines(a, b []string) []Op {
	// Intern the lines so that comparisons are integer comparisons.
	ids := map[string]int{}
	intern := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	x, y := intern(a), intern(b)
	var ops []Op
	// Common prefix and suffix: fixes change few lines of long files.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		ops = append(ops, Op{Equal, pre, pre})
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	mid := myers(x[pre:len(x)-suf], y[pre:len(y)-suf])
	for _, op := range mid {
		op.A += pre
		op.B += pre
		ops = append(ops, op)
	}
	for i := suf; i > 0; i-- {
		ops = append(ops, Op{Equal, len(x) - i, len(y) - i})
	}
	return ops
}

// myers returns a shortest edit script from x to y, or delete-all then
// insert-all when the distance exceeds maxD.
func myers(x, y []int) []Op { //nolint:gocyclo // one algorithm, the Myers diff
	n, m := len(x), len(y)
	if n == 0 && m == 0 {
		return nil
	}
	limit := min(n+m, maxD)
	off := limit + 1
	v := make([]int, 2*limit+3)
	// trace[d] holds v[-d..d] as it was before step d.
	var trace [][]int
	found := -1
	for d := 0; d <= limit && found < 0; d++ {
		snap := make([]int, 2*d+1)
		copy(snap, v[off-d:off+d+1])
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var px int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				px = v[off+k+1] // move down: insert
			} else {
				px = v[off+k-1] + 1 // move right: delete
			}
			py := px - k
			for px < n && py < m && x[px] == y[py] {
				px++
				py++
			}
			v[off+k] = px
			if px >= n && py >= m {
				found = d
				break
			}
		}
	}
	if found < 0 {
		ops := make([]Op, 0, n+m)
		for i := range n {
			ops = append(ops, Op{Kind: Delete, A: i, B: 0})
		}
		for j := range m {
			ops = append(ops, Op{Kind: Insert, A: n, B: j})
		}
		return ops
	}
	// Walk back from (n, m) through the saved states.
	var rev []Op
	px, py := n, m
	for d := found; d >= 0; d-- {
		snap := trace[d]
		at := func(k int) int { return snap[k+d] }
		k := px - py
		var prevK int
		if d == 0 {
			prevK = 0
		} else if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		var prevX int
		if d > 0 {
			prevX = at(prevK)
		}
		prevY := prevX - prevK
		// The snake: equal lines back to the end of the previous move.
		for px > prevX && py > prevY {
			px--
			py--
			rev = append(rev, Op{Equal, px, py})
		}
		if d == 0 {
			break
		}
		if px == prevX {
			rev = append(rev, Op{Insert, px, prevY})
		} else {
			rev = append(rev, Op{Delete, prevX, py})
		}
		px, py = prevX, prevY
	}
	ops := make([]Op, len(rev))
	for i, op := range rev {
		ops[len(rev)-1-i] = op
	}
	return ops
}

// Unified returns the unified diff turning text a into text b, with
// context lines of context around each change, headed "--- oldName" and
// "+++ newName". It returns "" when the texts are equal.
func Unified(oldName, newName, a, b string, context int) string {
	if a == b {
		return ""
	}
	context = max(context, 0)
	la, lb := SplitLines(a), SplitLines(b)
	ops := Lines(la, lb)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", oldName, newName)
	for i := 0; i < len(ops); {
		if ops[i].Kind == Equal {
			i++
			continue
		}
		// A hunk starts context lines before the change and grows while
		// the next change is at most 2*context equal lines away.
		start := max(i-context, 0)
		end := i
		for end < len(ops) {
			if ops[end].Kind != Equal {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].Kind == Equal {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, run)
				break
			}
			end = run
		}
		writeHunk(&sb, ops[start:end], la, lb)
		i = end
	}
	return sb.String()
}

func writeHunk(sb *strings.Builder, ops []Op, a, b []string) {
	aStart, bStart := ops[0].A, ops[0].B
	aCount, bCount := 0, 0
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			aCount++
			bCount++
		case Delete:
			aCount++
		case Insert:
			bCount++
		}
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", hunkRange(aStart, aCount), hunkRange(bStart, bCount))
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			writeLine(sb, ' ', a[op.A])
		case Delete:
			writeLine(sb, '-', a[op.A])
		case Insert:
			writeLine(sb, '+', b[op.B])
		}
	}
}

// hunkRange prints a 0-based start and a count the way diff -u does: an
// empty range names the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	default:
		return fmt.Sprintf("%d,%d", start+1, count)
	}
}

func writeLine(sb *strings.Builder, prefix byte, line string) {
	sb.WriteByte(prefix)
	sb.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		sb.WriteString("\n\\ No newline at end of file\n")
	}
}
