package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/lint"
)

// flagSeeds are values of the flags that take one: valid, limits, and the
// shapes a careless user or a CI template leaves (empty variables, signs,
// spaces, case, other separators).
var flagSeeds = []string{
	"", " ", "1/1", "2/4", " 3 / 4 ", "0/4", "5/4", "1/10000", "1/10001", "-1/2", "+1/2", "1/", "/2", "1/2/3", "$CI_NODE_INDEX/$CI_NODE_TOTAL",
	"2026-11-25", "2024-02-29", "2023-02-29", "2026-1-5", "26-11-25", "2026/11/25", "2026-11-25T00:00:00Z", "0000-01-01", "9999-12-31",
	"error", "WARNING", " warn ", "info", "note", "none", "None", "unset", "err",
	"32MB", "512 KB", "1GiB", "1048576", "0", "-1", "1TB", "1024G", "1025G", "9223372036854775807", "1.5MB", "k",
	"\x00", "\xff", "é", "1\n/2",
}

// FuzzParseShard: --shard accepts exactly I/N with 1 <= I <= N <= maxShards
// (spaces around the numbers allowed), and every file then falls in
// exactly one of the N shards.
func FuzzParseShard(f *testing.F) {
	for _, s := range flagSeeds {
		f.Add(s, "docs/a b.md")
	}
	f.Fuzz(func(t *testing.T, s, path string) {
		sh, err := parseShard(s)
		if err != nil {
			checkUsageMessage(t, "--shard", s, err)
			return
		}
		if s == "" {
			if sh != nil {
				t.Fatalf("parseShard(\"\") = %+v, want no sharding", sh)
			}
			return
		}
		if sh == nil || sh.index < 1 || sh.index > sh.total || sh.total > maxShards {
			t.Fatalf("parseShard(%q) = %+v", s, sh)
		}
		is, ns, _ := strings.Cut(strings.TrimSpace(s), "/")
		if i, err := strconv.Atoi(strings.TrimSpace(is)); err != nil || i != sh.index {
			t.Fatalf("parseShard(%q): index %d, but the text before / is %q", s, sh.index, is)
		}
		if n, err := strconv.Atoi(strings.TrimSpace(ns)); err != nil || n != sh.total {
			t.Fatalf("parseShard(%q): total %d, but the text after / is %q", s, sh.total, ns)
		}
		if sh.total <= 64 {
			in := 0
			for i := 1; i <= sh.total; i++ {
				if (&shard{index: i, total: sh.total}).contains(path) {
					in++
				}
			}
			if in != 1 {
				t.Fatalf("%q is in %d of %d shards, want exactly one", path, in, sh.total)
			}
		}
	})
}

// FuzzParseNow: --now accepts exactly the YYYY-MM-DD dates that exist, as
// UTC midnight, and "" is today.
func FuzzParseNow(f *testing.F) {
	for _, s := range flagSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseNow(s)
		if err != nil {
			checkUsageMessage(t, "--now", s, err)
			return
		}
		if got.Location() != time.UTC || got.Hour()+got.Minute()+got.Second()+got.Nanosecond() != 0 {
			t.Fatalf("parseNow(%q) = %v, want UTC midnight", s, got)
		}
		if s == "" {
			if y, m, d := time.Now().Date(); got.Year() != y || got.Month() != m || got.Day() != d {
				if y2, m2, d2 := time.Now().Add(-time.Minute).Date(); got.Year() != y2 || got.Month() != m2 || got.Day() != d2 {
					t.Fatalf("parseNow(\"\") = %v, want today", got)
				}
			}
			return
		}
		if round := got.Format(time.DateOnly); round != s {
			t.Fatalf("parseNow(%q) = %s: accepted text that is not that date in YYYY-MM-DD", s, round)
		}
	})
}

// FuzzParseFailOn: --fail-on accepts "none" (in any case) and the
// severities lint.ParseSeverity accepts, nothing else.
func FuzzParseFailOn(f *testing.F) {
	for _, s := range flagSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sev, never, err := parseFailOn(s)
		want, werr := lint.ParseSeverity(s)
		switch {
		case strings.EqualFold(s, "none"):
			if err != nil || !never || sev != lint.SeverityUnset {
				t.Fatalf("parseFailOn(%q) = %v, %v, %v; want never failing", s, sev, never, err)
			}
		case werr != nil:
			if err == nil {
				t.Fatalf("parseFailOn(%q) = %v, %v: accepts what ParseSeverity refuses (%v)", s, sev, never, werr)
			}
			checkUsageMessage(t, "--fail-on", s, err)
		case err != nil || never || sev != want:
			t.Fatalf("parseFailOn(%q) = %v, %v, %v; want %v", s, sev, never, err, want)
		}
	})
}

// checkUsageMessage fails t unless err, the error for value of flag, is one
// line that names the flag and quotes the value as given.
func checkUsageMessage(t *testing.T, flag, value string, err error) {
	t.Helper()
	msg := err.Error()
	if !strings.HasPrefix(msg, flag+": ") || !strings.Contains(msg, strconv.Quote(value)) || strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("error for %s %q: %q, want one line naming the flag and quoting the value", flag, value, msg)
	}
}

// valueFlags are the check flags that parse a value, with their parsers.
var valueFlags = []struct {
	name  string
	parse func(string) error
}{
	{"shard", func(s string) error { _, err := parseShard(s); return err }},
	{"now", func(s string) error { _, err := parseNow(s); return err }},
	{"fail-on", func(s string) error { _, _, err := parseFailOn(s); return err }},
	{"max-file-size", func(s string) error {
		if s == "" {
			return nil // unset: the config's or the default
		}
		_, err := config.ParseSize(s)
		return err
	}},
}

// FuzzCheckFlagValues runs `medlint check` with one flag set to the input:
// a value its parser refuses is exit 2 with one line on stderr naming the
// flag; a value it accepts lints (exit 0 or 1), or, for a max-file-size
// below the article's size, reports the article by name with exit 2.
// Never a panic, an internal error or a stack trace.
func FuzzCheckFlagValues(f *testing.F) {
	dir := f.TempDir()
	const article = "# A\n\n## B\n\n## B\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(article), 0o644); err != nil {
		f.Fatal(err)
	}
	for i, s := range flagSeeds {
		f.Add(uint8(i), s)
	}
	f.Fuzz(func(t *testing.T, which uint8, value string) {
		fl := valueFlags[int(which)%len(valueFlags)]
		r := medlint(t, dir, "", "check", "--no-config", "--no-cache", "--no-color", "--"+fl.name+"="+value, "a.md")
		if strings.Contains(r.stderr, "internal error") || strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
			t.Fatalf("--%s=%q: %s", fl.name, value, r.stderr)
		}
		perr := fl.parse(value)
		switch {
		case perr != nil:
			if r.code != ExitError || !strings.HasPrefix(r.stderr, "medlint: --"+fl.name+": ") {
				t.Fatalf("--%s=%q: exit %d, stderr %q; want exit 2 and one line naming the flag", fl.name, value, r.code, r.stderr)
			}
			if strings.Count(r.stderr, "\n") != 1 {
				t.Fatalf("--%s=%q: stderr %q, want one line", fl.name, value, r.stderr)
			}
		case fl.name == "max-file-size" && value != "":
			n, _ := config.ParseSize(value)
			if n < int64(len(article)) {
				if r.code != ExitError || !strings.Contains(r.stderr, "a.md") || !strings.Contains(r.stderr, "max-file-size") {
					t.Fatalf("--max-file-size=%q (%d bytes): exit %d, stderr %q; want exit 2 naming a.md", value, n, r.code, r.stderr)
				}
				return
			}
			fallthrough
		default:
			if r.code != ExitClean && r.code != ExitFindings {
				t.Fatalf("--%s=%q accepted by its parser: exit %d, stderr %q", fl.name, value, r.code, r.stderr)
			}
		}
	})
}
