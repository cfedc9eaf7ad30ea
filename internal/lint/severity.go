package lint

import (
	"fmt"
	"strings"
)

// Severity orders findings; a larger value is more severe.
type Severity int

// Severities, from least to most severe. SeverityUnset is the zero value: no
// severity given.
const (
	SeverityUnset Severity = iota
	SeverityInfo
	SeverityWarning
	SeverityError
)

// String returns the lower-case name used in configs and reports.
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	default:
		return "unset"
	}
}

// ParseSeverity parses "error", "warning" or "info" (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return SeverityError, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "info", "note":
		return SeverityInfo, nil
	}
	return SeverityUnset, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) {
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
