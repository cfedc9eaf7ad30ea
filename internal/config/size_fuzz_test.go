package config

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzParseSize checks max-file-size and --max-file-size: an accepted size
// is positive, at most 1 TiB (so it never overflows), and the same number
// of bytes when written back as bytes or in its largest whole unit; a
// refused one is said in one line quoting the text.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{
		"32MB", "512 KB", "1GiB", "1048576", "1 k", "7b", "1mib", " 2 G ", "0", "-1", "+3", "1TB", "1024G", "1025G", "1099511627776",
		"1099511627777", "9223372036854775807", "9223372036854775808", "1.5MB", "MB", "", " ", "0x10", "1_000", "١٢", "\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err != nil {
			msg := err.Error()
			if !strings.Contains(msg, strconv.Quote(s)) || strings.ContainsAny(msg, "\n\r") || n != 0 {
				t.Fatalf("ParseSize(%q) = %d, %q: want 0 and one line quoting the text", s, n, msg)
			}
			return
		}
		if n <= 0 || n > 1<<40 {
			t.Fatalf("ParseSize(%q) = %d, outside 1 byte to 1 TiB", s, n)
		}
		if back, err := ParseSize(strconv.FormatInt(n, 10)); err != nil || back != n {
			t.Fatalf("ParseSize(%q) = %d, but %d bytes reads back as %d, %v", s, n, n, back, err)
		}
		for _, u := range []struct {
			suffix string
			mult   int64
		}{{"GiB", 1 << 30}, {"MB", 1 << 20}, {"k", 1 << 10}} {
			if n%u.mult == 0 {
				text := strconv.FormatInt(n/u.mult, 10) + u.suffix
				if back, err := ParseSize(text); err != nil || back != n {
					t.Fatalf("ParseSize(%q) = %d, but %q reads back as %d, %v", s, n, text, back, err)
				}
				break
			}
		}
	})
}
