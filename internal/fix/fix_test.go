package fix_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/internal/testsupport/testrules"
)

func active(rs ...lint.Rule) []config.Active {
	out := make([]config.Active, len(rs))
	for i, r := range rs {
		out[i] = config.Active{Rule: r}
	}
	return out
}

func run(t *testing.T, src string, rs ...lint.Rule) *fix.Result {
	t.Helper()
	res, err := fix.Source([]byte(src), fix.Options{Path: "a.md", Active: active(rs...), Now: ruletest.Now})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSource(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		src       string
		rules     []lint.Rule
		want      string
		fixed     string // fix.Summary of the counts
		remaining int
		passes    int
		converged bool
	}{
		{"nothing to fix", "# Title\n\n- a\n", []lint.Rule{testrules.FakeBullet}, "# Title\n\n- a\n", "", 0, 0, true},
		{"fake bullets", "Tips:\n\n• one\n•two\n-   three\n", []lint.Rule{testrules.FakeBullet},
			"Tips:\n\n- one\n- two\n- three\n", "test-fake-bullet/fake-bullet 2, test-fake-bullet/marker-space 1", 0, 1, true},
		{"two rules at once", "• a", []lint.Rule{testrules.FakeBullet, testrules.AppendNote},
			"- a\n\n" + testrules.Note + "\n", "test-append-note 1, test-fake-bullet/fake-bullet 1", 0, 1, true},
		{"overlap waits for the next pass", "a x b", []lint.Rule{testrules.Overlap},
			"a [X] b", "test-overlap/upper 1, test-overlap/wrap 1", 0, 2, true},
		{"converges in 7 passes", "count=7", []lint.Rule{testrules.Countdown}, "count=0", "test-countdown 7", 0, 7, true},
		{"stops after 10 passes", "count=15", []lint.Rule{testrules.Countdown}, "count=5", "test-countdown 10", 1, 10, false},
		{"undoing itself stops at once", "ping", []lint.Rule{testrules.PingPong}, "pong", "test-ping-pong 1", 1, 1, false},
		{"invalid fix stays reported", "BAD • a\n", []lint.Rule{testrules.Invalid, testrules.FakeBullet}, "BAD • a\n", "", 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := run(t, tt.src, tt.rules...)
			if string(res.Output) != tt.want {
				t.Errorf("output %q, want %q", res.Output, tt.want)
			}
			if res.Changed != (tt.want != tt.src) {
				t.Errorf("Changed = %v", res.Changed)
			}
			if s := fix.Summary(res.Fixed); s != tt.fixed {
				t.Errorf("fixed %q, want %q", s, tt.fixed)
			}
			if len(res.Remaining) != tt.remaining {
				t.Errorf("remaining %d findings, want %d: %+v", len(res.Remaining), tt.remaining, res.Remaining)
			}
			if res.Passes != tt.passes || res.Converged != tt.converged {
				t.Errorf("passes %d converged %v, want %d %v", res.Passes, res.Converged, tt.passes, tt.converged)
			}
		})
	}
}

func TestInvalidFixIsAnError(t *testing.T) {
	t.Parallel()
	res := run(t, "one BAD line\n", testrules.Invalid)
	if res.Changed || len(res.Remaining) != 1 || !res.Remaining[0].Fixable {
		t.Fatalf("changed %v, remaining %+v", res.Changed, res.Remaining)
	}
	if len(res.Errors) != 1 || res.Errors[0].Rule != "test-invalid" || res.Errors[0].Line != 1 ||
		!strings.Contains(res.Errors[0].Message, "outside the file") {
		t.Fatalf("errors %+v", res.Errors)
	}
}

func TestRemainingFindingsArePositionedInTheOutput(t *testing.T) {
	t.Parallel()
	// The ping-pong finding on line 3 of the output, after the fake
	// bullets are fixed and the ping-pong rule is stopped from flipping
	// back (ping, pong, ping: pong again would repeat pass 1).
	res, err := fix.Source([]byte("• a\n• b\nping\n"), fix.Options{Path: "a.md", Active: active(testrules.FakeBullet, testrules.PingPong), Now: ruletest.Now, MaxPasses: 3})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Output) != "- a\n- b\nping\n" || len(res.Remaining) != 1 || res.Remaining[0].Line != 3 || !res.Cycled {
		t.Fatalf("output %q remaining %+v", res.Output, res.Remaining)
	}
}

func TestLineBreaksAndBOMKept(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"CRLF", "Tips:\r\n\r\n• one\r\n• two\r\n", "Tips:\r\n\r\n- one\r\n- two\r\n\r\n" + testrules.Note + "\r\n"},
		{"CRLF without final break", "• one\r\n• two", "- one\r\n- two\r\n\r\n" + testrules.Note + "\r\n"},
		{"BOM", "\uFEFF• one\n", "\uFEFF- one\n\n" + testrules.Note + "\n"},
		{"BOM and CRLF", "\uFEFF• one\r\n", "\uFEFF- one\r\n\r\n" + testrules.Note + "\r\n"},
		{"mixed breaks: CRLF first", "• one\r\n• two\n", "- one\r\n- two\n\r\n" + testrules.Note + "\r\n"},
		{"mixed breaks: LF first", "• one\n• two\r\n", "- one\n- two\r\n\n" + testrules.Note + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := run(t, tt.src, testrules.FakeBullet, testrules.AppendNote)
			if string(res.Output) != tt.want {
				t.Errorf("output %q, want %q", res.Output, tt.want)
			}
			again := run(t, string(res.Output), testrules.FakeBullet, testrules.AppendNote)
			if again.Changed {
				t.Errorf("second fix changed %q to %q", res.Output, again.Output)
			}
		})
	}
}

func TestBinaryInputIsAnError(t *testing.T) {
	t.Parallel()
	_, err := fix.Source([]byte("a\x00b"), fix.Options{Path: "bin.md", Active: active(testrules.FakeBullet)})
	var fe *fix.Error
	if !errors.As(err, &fe) || fe.Path != "bin.md" || !errors.Is(err, document.ErrBinary) || !strings.Contains(err.Error(), "bin.md") {
		t.Fatalf("err = %v", err)
	}
}

// TestDirectiveSuppressesFix: a finding switched off by an inline
// directive is not fixed.
func TestDirectiveSuppressesFix(t *testing.T) {
	t.Parallel()
	src := "<!-- medlint-disable-next-line test-fake-bullet -->\n• kept\n• fixed\n"
	res := run(t, src, testrules.FakeBullet)
	if want := "<!-- medlint-disable-next-line test-fake-bullet -->\n• kept\n- fixed\n"; string(res.Output) != want {
		t.Fatalf("output %q, want %q", res.Output, want)
	}
}

// FuzzFixIdempotent fixes random text with the idempotent test rules:
// fixing the output again changes nothing, the output parses, and every
// byte outside the fixed spots is kept (checked by undoing the fixes,
// which only ever turn "•" runs into "- " and append the note).
func FuzzFixIdempotent(f *testing.F) {
	f.Add([]byte("• one\n• two\n"))
	f.Add([]byte("\uFEFF• a\r\n-   b\r\n"))
	f.Add([]byte("Tips:\n\n•\t tabbed\n"))
	f.Add([]byte(""))
	fix.SeedFixInputs(f, func(src []byte) { f.Add(src) })
	sets := fix.RealRuleSets(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 || bytes.IndexByte(src, 0) >= 0 {
			return
		}
		checkRealFixes(t, src, sets[len(src)%len(sets)])
		rs := active(testrules.FakeBullet, testrules.AppendNote)
		res, err := fix.Source(src, fix.Options{Path: "f.md", Active: rs, Now: ruletest.Now})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := document.Parse("f.md", res.Output); err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
		again, err := fix.Source(res.Output, fix.Options{Path: "f.md", Active: rs, Now: ruletest.Now})
		if err != nil {
			t.Fatal(err)
		}
		if again.Changed {
			t.Fatalf("not idempotent: %q -> %q -> %q", src, res.Output, again.Output)
		}
		if bytes.HasPrefix(src, []byte("\uFEFF")) != bytes.HasPrefix(res.Output, []byte("\uFEFF")) {
			t.Fatalf("byte order mark not kept: %q -> %q", src, res.Output)
		}
		if !res.Changed {
			return
		}
		// Outside the fixed spots nothing changes: the output is the input
		// with the bullets normalized, then possibly the note appended.
		norm := strings.TrimPrefix(string(src), "\uFEFF")
		for {
			next := testrules.WideMarker.ReplaceAllString(testrules.BulletLine.ReplaceAllString(norm, "- "), "- $1")
			if next == norm {
				break
			}
			norm = next
		}
		if out := strings.TrimPrefix(string(res.Output), "\uFEFF"); !strings.HasPrefix(out, norm) ||
			(len(out) > len(norm) && !strings.Contains(out[len(norm):], testrules.Note)) {
			t.Fatalf("output %q is not %q plus the note", out, norm)
		}
	})
}

// checkRealFixes fixes src with real rules: the fixes settle without
// errors, the output parses, fixing it again changes nothing, the byte
// order mark and CRLF line breaks are kept, and no letter is added,
// dropped or moved (list-format's fixes change only markers, numbers,
// spaces and line breaks; medical-disclaimer's only appends its text).
func checkRealFixes(t *testing.T, src []byte, act []config.Active) {
	t.Helper()
	res, err := fix.Source(src, fix.Options{Path: "f.md", Active: act, Now: ruletest.Now})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		if res.Refused == "" {
			t.Fatalf("fix error: %s", e.Message)
		}
	}
	if !res.Converged && res.Refused == "" {
		t.Fatalf("fixes did not settle after %d passes: %q -> %q", res.Passes, src, res.Output)
	}
	if _, err := document.Parse("f.md", res.Output); err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	again, err := fix.Source(res.Output, fix.Options{Path: "f.md", Active: act, Now: ruletest.Now})
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed {
		t.Fatalf("not idempotent:\n%q\n->\n%q\n->\n%q", src, res.Output, again.Output)
	}
	if !res.Changed {
		return
	}
	if bytes.HasPrefix(src, []byte("\uFEFF")) != bytes.HasPrefix(res.Output, []byte("\uFEFF")) {
		t.Fatalf("byte order mark not kept: %q -> %q", src, res.Output)
	}
	if crlfOnly(src) && !crlfOnly(res.Output) {
		t.Fatalf("CRLF file got a bare line feed: %q -> %q", src, res.Output)
	}
	in, out := letters(src), letters(res.Output)
	if len(act) == 1 && in != out || !strings.HasPrefix(out, in) {
		t.Fatalf("letters changed:\n%q\n->\n%q", src, res.Output)
	}
}

// crlfOnly reports whether b has line breaks and all are "\r\n".
func crlfOnly(b []byte) bool {
	n := bytes.Count(b, []byte("\n"))
	return n > 0 && n == bytes.Count(b, []byte("\r\n"))
}

// letters returns the letters of b (invalid UTF-8 bytes count as letters,
// so that they are checked too).
func letters(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if unicode.IsLetter(r) || r == utf8.RuneError {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}

// TestPanickingRuleDuringFix: a rule that panics is reported once, and the
// other rules' fixes still apply over several passes.
func TestPanickingRuleDuringFix(t *testing.T) {
	t.Parallel()
	res := run(t, "count=3\n", testrules.Panic, testrules.Countdown)
	if string(res.Output) != "count=0\n" || res.Passes != 3 {
		t.Fatalf("output %q after %d passes", res.Output, res.Passes)
	}
	if len(res.Errors) != 1 || res.Errors[0].Rule != "test-panic" || !strings.Contains(res.Errors[0].Message, "boom") {
		t.Fatalf("errors %+v", res.Errors)
	}
}

// TestCorpusFixRoundTrip fixes every real article of the shared corpus
// with the test rules: fixing twice changes nothing, and outside the fixed
// spots every byte is kept.
func TestCorpusFixRoundTrip(t *testing.T) {
	t.Parallel()
	var files []string
	err := filepath.WalkDir(testsupport.Shared(t, "corpus"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("listing the shared corpus: %v (%d files)", err, len(files))
	}
	rs := active(testrules.FakeBullet, testrules.AppendNote)
	changed := 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		res, err := fix.Source(src, fix.Options{Path: p, Active: rs, Now: ruletest.Now})
		if err != nil {
			t.Fatal(err)
		}
		again, err := fix.Source(res.Output, fix.Options{Path: p, Active: rs, Now: ruletest.Now})
		if err != nil {
			t.Fatal(err)
		}
		if again.Changed || !res.Converged {
			t.Errorf("%s: not idempotent or not converged", p)
		}
		// Undo the note and compare the rest line by line.
		out := strings.TrimSuffix(string(res.Output), testrules.Note+"\n")
		out = strings.TrimSuffix(out, testrules.Note+"\r\n")
		inLines, outLines := strings.Split(string(src), "\n"), strings.Split(out, "\n")
		for i, l := range inLines {
			if i == len(inLines)-1 && i < len(outLines) && !strings.HasSuffix(l, "\r") {
				// The last line may have gained a line break before the note.
				outLines[i] = strings.TrimSuffix(outLines[i], "\r")
			}
			if i < len(outLines) && outLines[i] != l && testrules.BulletLine.ReplaceAllString(testrules.WideMarker.ReplaceAllString(l, "- $1"), "- ") != outLines[i] {
				t.Errorf("%s:%d: %q became %q", p, i+1, l, outLines[i])
				break
			}
		}
		if res.Changed {
			changed++
		}
	}
	t.Logf("%d of %d articles changed by the test rules", changed, len(files))
}
