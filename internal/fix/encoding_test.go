package fix_test

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
)

// encodeUTF16 returns s as UTF-16 with a byte order mark.
func encodeUTF16(s string, order binary.AppendByteOrder) []byte {
	var b []byte
	b = order.AppendUint16(b, 0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

// listFormat is list-format with its default options.
func listFormat(t *testing.T) []config.Active {
	t.Helper()
	r, ok := lint.Lookup("list-format")
	if !ok {
		t.Fatal("list-format is not registered")
	}
	return []config.Active{{Rule: r, Options: r.NewOptions()}}
}

// TestUTF16IsNotFixed: a UTF-16 file is linted from its decoded text, but
// its fixes are not applied, since the fixed text would be written as
// UTF-8; the refusal is an error naming the file, and its findings stay
// reported.
func TestUTF16IsNotFixed(t *testing.T) {
	t.Parallel()
	const text = "# Tips\n\n• one\n• two\n"
	for _, order := range []binary.AppendByteOrder{binary.LittleEndian, binary.BigEndian} {
		src := encodeUTF16(text, order)
		res, err := fix.Source(src, fix.Options{Path: "utf16.md", Active: listFormat(t), Now: ruletest.Now})
		if err != nil {
			t.Fatal(err)
		}
		if res.Changed || !bytes.Equal(res.Output, src) || res.FixedTotal() != 0 {
			t.Errorf("%v: UTF-16 input changed: %q", order, res.Output)
		}
		if !strings.Contains(res.Refused, "UTF-16") || len(res.Errors) != 1 || res.Errors[0].Path != "utf16.md" || res.Errors[0].Message != res.Refused {
			t.Errorf("%v: refused %q, errors %+v", order, res.Refused, res.Errors)
		}
		if len(res.Remaining) == 0 || !res.Remaining[0].Fixable {
			t.Errorf("%v: the fixable findings should stay reported: %+v", order, res.Remaining)
		}
	}
	// Nothing to fix, nothing to refuse.
	res, err := fix.Source(encodeUTF16("# Tips\n\n- one\n", binary.LittleEndian), fix.Options{Path: "ok.md", Active: listFormat(t), Now: ruletest.Now})
	if err != nil || res.Refused != "" || len(res.Errors) != 0 {
		t.Errorf("clean UTF-16 file: err %v, refused %q, errors %+v", err, res.Refused, res.Errors)
	}
}

// TestInvalidUTF8KeptOutsideEdits: bytes that are not valid UTF-8
// (Windows-1252 pasted into a file) survive --fix untouched, even on the
// lines whose bullets are fixed.
func TestInvalidUTF8KeptOutsideEdits(t *testing.T) {
	t.Parallel()
	src := "# Caf\xe9 tips\n\nBring:\n\x95 not a bullet in UTF-8\n• caf\xe9 au lait\n• cr\xe8me \xff\xfe br\xfbl\xe9e\n+ na\xefve\n\n-\xa0x\n\n1. first \x93quoted\x94\n3. third\xe9\n"
	want := "# Caf\xe9 tips\n\nBring:\n\x95 not a bullet in UTF-8\n\n+ caf\xe9 au lait\n+ cr\xe8me \xff\xfe br\xfbl\xe9e\n+ na\xefve\n\n-\xa0x\n\n1. first \x93quoted\x94\n2. third\xe9\n"
	res, err := fix.Source([]byte(src), fix.Options{Path: "cp1252.md", Active: listFormat(t), Now: ruletest.Now})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Output) != want {
		t.Errorf("output\n%q\nwant\n%q", res.Output, want)
	}
	again, err := fix.Source(res.Output, fix.Options{Path: "cp1252.md", Active: listFormat(t), Now: ruletest.Now})
	if err != nil || again.Changed {
		t.Errorf("second fix: err %v, changed to %q", err, again.Output)
	}
}
