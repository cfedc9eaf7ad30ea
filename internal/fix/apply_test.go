package fix

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

func fx(edits ...lint.Edit) *lint.Fix { return &lint.Fix{Message: "test", Edits: edits} }

func ed(pos, end int, text string) lint.Edit { return lint.Edit{Pos: pos, End: end, NewText: text} }

// outcomeString renders outcomes as "A" (applied), "S" (skipped) or "I"
// (invalid), one letter per fix.
func outcomeString(outs []Outcome) string {
	var sb strings.Builder
	for _, o := range outs {
		switch {
		case o.Applied:
			sb.WriteByte('A')
		case o.Skipped():
			sb.WriteByte('S')
		default:
			sb.WriteByte('I')
		}
	}
	return sb.String()
}

func TestApply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		src      string
		crlf     bool
		fixes    []*lint.Fix
		want     string
		outcomes string
	}{
		{"none", "abc", false, nil, "abc", ""},
		{"replace", "abcdef", false, []*lint.Fix{fx(ed(1, 3, "XY"))}, "aXYdef", "A"},
		{"out of order fixes are sorted", "abcdef", false,
			[]*lint.Fix{fx(ed(4, 5, "E")), fx(ed(0, 1, "A"))}, "AbcdEf", "AA"},
		{"multi-edit fix", "abcdef", false, []*lint.Fix{fx(ed(5, 6, "F"), ed(0, 1, "A"))}, "AbcdeF", "A"},
		{"overlapping fix skipped whole", "abcdef", false,
			[]*lint.Fix{fx(ed(0, 3, "X")), fx(ed(2, 4, "Y"), ed(5, 6, "Z"))}, "Xdef", "AS"},
		{"earliest first edit wins", "abcdef", false,
			[]*lint.Fix{fx(ed(2, 4, "Y")), fx(ed(0, 3, "X"))}, "Xdef", "SA"},
		{"adjacent replacements both apply", "abcdef", false,
			[]*lint.Fix{fx(ed(0, 2, "1")), fx(ed(2, 4, "2"))}, "12ef", "AA"},
		{"two insertions at one offset conflict", "abc", false,
			[]*lint.Fix{fx(ed(1, 1, "x")), fx(ed(1, 1, "y"))}, "axbc", "AS"},
		{"insertion at a replacement's start conflicts", "abc", false,
			[]*lint.Fix{fx(ed(1, 1, "x")), fx(ed(1, 2, "y"))}, "axbc", "AS"},
		{"insertion at a replacement's end conflicts", "abc", false,
			[]*lint.Fix{fx(ed(0, 2, "y")), fx(ed(2, 2, "x"))}, "yc", "AS"},
		{"insertions of one fix at one offset keep order", "ab", false,
			[]*lint.Fix{fx(ed(1, 1, "1"), ed(1, 1, "2"))}, "a12b", "A"},
		{"insertion and replacement in one fix", "abc", false,
			[]*lint.Fix{fx(ed(1, 2, "B"), ed(1, 1, "+"))}, "a+Bc", "A"},
		{"identical fixes: second skipped", "abc", false,
			[]*lint.Fix{fx(ed(0, 1, "A")), fx(ed(0, 1, "A"))}, "Abc", "AS"},
		{"edit past the end is invalid", "abc", false, []*lint.Fix{fx(ed(2, 4, "x"))}, "abc", "I"},
		{"negative edit is invalid", "abc", false, []*lint.Fix{fx(ed(-1, 1, "x"))}, "abc", "I"},
		{"reversed edit is invalid", "abc", false, []*lint.Fix{fx(ed(2, 1, "x"))}, "abc", "I"},
		{"NUL insertion is invalid", "abc", false, []*lint.Fix{fx(ed(0, 0, "\x00"))}, "abc", "I"},
		{"self-overlapping fix is invalid", "abcdef", false,
			[]*lint.Fix{fx(ed(0, 3, "x"), ed(2, 4, "y")), fx(ed(5, 6, "F"))}, "abcdeF", "IA"},
		{"empty fix is invalid", "abc", false, []*lint.Fix{{Message: "nothing"}}, "abc", "I"},
		{"nil fix is invalid", "abc", false, []*lint.Fix{nil}, "abc", "I"},
		{"an invalid fix does not block others", "abc", false,
			[]*lint.Fix{fx(ed(0, 9, "x")), fx(ed(0, 1, "A"))}, "Abc", "IA"},
		{"LF file keeps LF", "a\nb\n", false, []*lint.Fix{fx(ed(2, 2, "x\n"))}, "a\nx\nb\n", "A"},
		{"CRLF: inserted line break becomes CRLF", "a\r\nb\r\n", true,
			[]*lint.Fix{fx(ed(3, 3, "x\n"))}, "a\r\nx\r\nb\r\n", "A"},
		{"CRLF: insertion at line end", "a\r\nb\r\n", true,
			[]*lint.Fix{fx(ed(1, 1, "\nx"))}, "a\r\nx\r\nb\r\n", "A"},
		{"CRLF: existing CRLF in text kept", "a\r\n", true,
			[]*lint.Fix{fx(ed(3, 3, "x\r\ny\n"))}, "a\r\nx\r\ny\r\n", "A"},
		{"CRLF: replacement ending inside CRLF keeps the CR", "- a\r\nb\r\n", true,
			[]*lint.Fix{fx(ed(0, 4, "* A"))}, "* A\r\nb\r\n", "A"},
		{"CRLF: insertion inside CRLF moves before it", "a\r\nb", true,
			[]*lint.Fix{fx(ed(2, 2, "\nx"))}, "a\r\nx\r\nb", "A"},
		{"CRLF: deleting a line break from its LF", "a\r\nb", true,
			[]*lint.Fix{fx(ed(2, 3, " "))}, "a b", "A"},
		{"CRLF: deleting a whole line", "a\r\nb\r\nc\r\n", true,
			[]*lint.Fix{fx(ed(3, 6, ""))}, "a\r\nc\r\n", "A"},
		{"CRLF: appending at the end", "a\r\n", true,
			[]*lint.Fix{fx(ed(3, 3, "\nDisclaimer.\n"))}, "a\r\n\r\nDisclaimer.\r\n", "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := []byte(tt.src)
			got, outs := Apply(src, tt.fixes, tt.crlf)
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if s := outcomeString(outs); s != tt.outcomes {
				t.Errorf("outcomes %s, want %s", s, tt.outcomes)
			}
			if string(src) != tt.src {
				t.Errorf("Apply modified its input: %q", src)
			}
			for i, o := range outs {
				if !o.Applied && !o.Skipped() && o.Err.Error() == "" {
					t.Errorf("fix %d: invalid without a reason", i)
				}
			}
		})
	}
}

// randomFixes builds fixes from fuzz bytes: valid edits (inside src, not
// overlapping within a fix) with short texts, possibly with line breaks.
func randomFixes(src []byte, seed []byte) []*lint.Fix {
	r := rand.New(rand.NewPCG(uint64(len(seed)), hash(seed)))
	n := r.IntN(6)
	var fixes []*lint.Fix
	texts := []string{"", "-", "x", "\n", "* ", "1. ", "a\nb", "\r\n", "•"}
	for range n {
		var edits []lint.Edit
		pos := 0
		for k := r.IntN(3) + 1; k > 0 && pos <= len(src); k-- {
			p := pos + r.IntN(len(src)-pos+1)
			e := p + r.IntN(min(4, len(src)-p)+1)
			edits = append(edits, lint.Edit{Pos: p, End: e, NewText: texts[r.IntN(len(texts))]})
			pos = e + 1
		}
		fixes = append(fixes, &lint.Fix{Message: "fuzz", Edits: edits})
	}
	return fixes
}

func hash(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// FuzzApply checks, for random sources and random valid edit sets, that
// applied fixes never touch a byte outside their edits, that every skipped
// fix really overlaps an applied one, that the result parses, and that the
// same plan applied twice gives the same text. It then checks the same on
// the real fixes that list-format (and medical-disclaimer) make on the
// source, which must moreover all be valid.
func FuzzApply(f *testing.F) {
	f.Add([]byte("- a\n- b\n"), []byte{1, 2, 3}, false)
	f.Add([]byte("• one\r\n• two\r\n"), []byte{9, 9}, true)
	f.Add([]byte("\xef\xbb\xbf# T\n\n1) x\n"), []byte{0}, false)
	seedFixInputs(f, func(src []byte) { f.Add(src, []byte{byte(len(src))}, false) })
	sets := realRuleSets(f)
	f.Fuzz(func(t *testing.T, src, seed []byte, crlf bool) {
		if len(src) > 4096 || bytes.IndexByte(src, 0) >= 0 {
			return
		}
		checkApply(t, src, randomFixes(src, seed), crlf, false)
		doc, fixes := realFixes(t, src, sets[len(seed)%len(sets)])
		if doc != nil && doc.Encoding == "UTF-8" {
			checkApply(t, doc.Source, fixes, doc.CRLF, true)
		}
	})
}

// checkApply applies fixes to src and checks the result against the
// applied edits alone; real fixes must all be valid.
func checkApply(t *testing.T, src []byte, fixes []*lint.Fix, crlf, real bool) {
	t.Helper()
	out, outs := Apply(src, fixes, crlf)
	again, outs2 := Apply(src, fixes, crlf)
	if !bytes.Equal(out, again) || outcomeString(outs) != outcomeString(outs2) {
		t.Fatal("Apply is not deterministic")
	}
	// Rebuild the expected output from the applied edits alone: every
	// byte between them must be the source's.
	var taken []edit
	for i, o := range outs {
		if o.Err != nil {
			if real {
				t.Fatalf("a rule's fix is invalid: %v (%+v)", o.Err, fixes[i])
			}
			t.Fatalf("a valid fix was called invalid: %v", o.Err)
		}
		if !o.Applied {
			continue
		}
		es, err := prepare(src, fixes[i], i, crlf)
		if err != nil {
			t.Fatal(err)
		}
		taken = append(taken, es...)
	}
	for i, o := range outs {
		if !o.Skipped() {
			continue
		}
		es, _ := prepare(src, fixes[i], i, crlf)
		if !conflictsWith(sortEdits(taken), es) {
			t.Fatalf("fix %d skipped without overlapping an applied fix", i)
		}
	}
	taken = sortEdits(taken)
	var want bytes.Buffer
	last := 0
	for _, e := range taken {
		if e.pos < last {
			t.Fatalf("applied edits overlap: %+v", taken)
		}
		if crlf && (splitsCRLF(src, e.pos) || splitsCRLF(src, e.end)) {
			t.Fatalf("edit %+v splits a CRLF", e)
		}
		want.Write(src[last:e.pos])
		want.WriteString(e.text)
		last = e.end
	}
	want.Write(src[last:])
	if !bytes.Equal(out, want.Bytes()) {
		t.Fatalf("output %q, want %q", out, want.Bytes())
	}
	if _, err := document.Parse("fuzz.md", out); err != nil {
		t.Fatalf("fixed text does not parse: %v", err)
	}
}

func sortEdits(es []edit) []edit {
	out := append([]edit(nil), es...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (out[j].pos < out[j-1].pos || (out[j].pos == out[j-1].pos && out[j].end < out[j-1].end)); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
