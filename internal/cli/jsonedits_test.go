package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// editsArticle has list-format findings that one pass of --fix repairs:
// marker styles (per-item), a marker without its space, pasted bullets.
const editsArticle = "# Fever in children\n\n* fever\n- cough\n\nSigns:\n\n+ headache\n* sore throat\n\n" +
	"•\tpasted bullet\n• another one\n\nÉtapes à suivre :\n\n* boire\n- dormir\n"

// jsonEditsReport is what another tool reads of the JSON report's fixes.
type jsonEditsReport struct {
	Findings []struct {
		Path    string `json:"path"`
		Fixable bool   `json:"fixable"`
		Fix     *struct {
			Edits []struct {
				Pos, End                         int
				Line, Column, EndLine, EndColumn int
				NewText                          string `json:"newText"`
			} `json:"edits"`
		} `json:"fix"`
	} `json:"findings"`
}

// TestJSONEditsMatchFix applies the JSON report's edits to the file as
// another tool would (every edit, from the last to the first) and gets
// the bytes `check --fix` writes, in an LF file, a CRLF one and one with a
// byte order mark; the positions name the bytes the offsets do.
func TestJSONEditsMatchFix(t *testing.T) {
	t.Parallel()
	for name, src := range map[string]string{
		"lf":       editsArticle,
		"crlf":     strings.ReplaceAll(editsArticle, "\n", "\r\n"),
		"bom-crlf": "\uFEFF" + strings.ReplaceAll(editsArticle, "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
			writeFile(t, dir, ".medlint.yml", "rules:\n  list-format:\n    style-checks: per-item\n")
			writeFile(t, dir, "a.md", src)
			r := medlint(t, dir, "", "check", "--only", "list-format", "--format", "json", "--now", "2026-11-25", "a.md")
			var rep jsonEditsReport
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
				t.Fatalf("exit %d: %v\n%s%s", r.code, err, r.stdout, r.stderr)
			}
			got := applyJSONEdits(t, []byte(src), &rep)
			// medlint merge reads the edits back and writes them unchanged.
			writeFile(t, dir, "report.json", r.stdout)
			if m := medlint(t, dir, "", "merge", "--format", "json", filepath.Join(dir, "report.json")); m.stdout != r.stdout {
				t.Fatalf("merge changed the report (exit %d, %s):\n%s\n---\n%s", m.code, m.stderr, m.stdout, r.stdout)
			}

			if fix := medlint(t, dir, "", "check", "--only", "list-format", "--fix", "--now", "2026-11-25", "a.md"); fix.code != 0 {
				t.Fatalf("--fix: exit %d\n%s%s", fix.code, fix.stdout, fix.stderr)
			}
			want, err := os.ReadFile(filepath.Join(dir, "a.md"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Fatalf("the JSON edits give\n%q\nbut --fix writes\n%q", got, want)
			}
			if string(want) == src {
				t.Fatal("--fix changed nothing: the test proves nothing")
			}
		})
	}
}

// applyJSONEdits checks that every fixable finding carries edits whose
// line and column name the bytes its offsets do, and applies them as the
// README tells another tool to: fixes in order of their first edit, each
// whole or not at all, a fix skipped when an edit of it overlaps one
// already taken (they share a byte, or one is an insertion at the other's
// start or end).
func applyJSONEdits(t *testing.T, src []byte, rep *jsonEditsReport) []byte {
	t.Helper()
	type edit struct {
		pos, end int
		text     string
	}
	var fixes [][]edit
	for i, f := range rep.Findings {
		if !f.Fixable {
			continue
		}
		if f.Fix == nil || len(f.Fix.Edits) == 0 {
			t.Fatalf("finding %d is fixable but the report has no edits", i)
		}
		var edits []edit
		for _, e := range f.Fix.Edits {
			if e.Pos < 0 || e.End < e.Pos || e.End > len(src) {
				t.Fatalf("edit [%d,%d) outside the file (%d bytes)", e.Pos, e.End, len(src))
			}
			if p := offsetOf(src, e.Line, e.Column); p != e.Pos {
				t.Fatalf("edit at %d:%d is byte %d, but pos is %d", e.Line, e.Column, p, e.Pos)
			}
			if p := offsetOf(src, e.EndLine, e.EndColumn); p != e.End {
				t.Fatalf("edit ending at %d:%d is byte %d, but end is %d", e.EndLine, e.EndColumn, p, e.End)
			}
			edits = append(edits, edit{e.Pos, e.End, e.NewText})
		}
		fixes = append(fixes, edits)
	}
	if len(fixes) < 4 {
		t.Fatalf("%d fixable findings, want at least 4 (the article changed?)", len(fixes))
	}
	sort.SliceStable(fixes, func(i, j int) bool { return fixes[i][0].pos < fixes[j][0].pos })
	overlap := func(a, b edit) bool {
		if a.pos < b.end && b.pos < a.end {
			return true
		}
		return (a.pos == a.end || b.pos == b.end) && max(a.pos, b.pos) <= min(a.end, b.end)
	}
	var taken []edit
	for _, fx := range fixes {
		conflict := false
		for _, e := range fx {
			for _, o := range taken {
				conflict = conflict || overlap(e, o)
			}
		}
		if !conflict {
			taken = append(taken, fx...)
		}
	}
	// From the first byte to the last: insertions at one offset keep the
	// order they are listed in.
	sort.SliceStable(taken, func(i, j int) bool { return taken[i].pos < taken[j].pos })
	var out []byte
	last := 0
	for _, e := range taken {
		out = append(append(out, src[last:e.pos]...), e.text...)
		last = e.end
	}
	return append(out, src[last:]...)
}

// offsetOf returns the byte offset of 1-based line and character column
// in src, a byte order mark skipped, as an editor counts them.
func offsetOf(src []byte, line, col int) int {
	off := 0
	if strings.HasPrefix(string(src), "\uFEFF") {
		off = 3
	}
	for l := 1; l < line; l++ {
		i := strings.IndexByte(string(src[off:]), '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	for c := 1; c < col; c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}
