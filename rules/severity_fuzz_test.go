package rules_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/lint"
)

// FuzzParseSeverity checks the severity parser behind severities in the
// config and --fail-on: it accepts the three severities and their aliases
// in any case with spaces around, and nothing else; what it accepts prints
// and unmarshals back to itself; what it refuses it names, quoted.
func FuzzParseSeverity(f *testing.F) {
	for _, s := range []string{"error", "ERROR", " warning\t", "warn", "Info", "note", "", "unset", "none", "err", "errors", "\u00a0info\u00a0", "ınfo", "\x00error"} {
		f.Add(s)
	}
	aliases := map[string]lint.Severity{
		"error": lint.SeverityError, "warning": lint.SeverityWarning, "warn": lint.SeverityWarning,
		"info": lint.SeverityInfo, "note": lint.SeverityInfo,
	}
	f.Fuzz(func(t *testing.T, s string) {
		sev, err := lint.ParseSeverity(s)
		want, known := aliases[strings.ToLower(strings.TrimSpace(s))]
		if err != nil {
			if known || sev != lint.SeverityUnset || !strings.Contains(err.Error(), strconv.Quote(s)) || strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("ParseSeverity(%q) = %v, %q", s, sev, err)
			}
			var u lint.Severity
			if u.UnmarshalText([]byte(s)) == nil || u != lint.SeverityUnset {
				t.Fatalf("UnmarshalText(%q) accepted what ParseSeverity refuses, or changed the value to %v", s, u)
			}
			return
		}
		if !known || sev != want {
			t.Fatalf("ParseSeverity(%q) = %v, want %v (known %v)", s, sev, want, known)
		}
		text, err := sev.MarshalText()
		if err != nil || string(text) != sev.String() {
			t.Fatalf("%v.MarshalText() = %q, %v", sev, text, err)
		}
		var u lint.Severity
		if err := u.UnmarshalText(text); err != nil || u != sev {
			t.Fatalf("%v does not unmarshal back from %q: %v, %v", sev, text, u, err)
		}
	})
}
