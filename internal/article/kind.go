// Package article computes what medlint knows about a page as a whole, once
// per document, for every rule to read: its kind (advice, product or other)
// and why, whether it is a partial included into other pages, the opt-outs
// its front matter declares, its medical review (front matter fields and
// bylines) and whether it carries a medical disclaimer (its own prose, or a
// shortcode, include, component or HTML block that provides one).
//
// Rules read these facts instead of calling each other's helpers, so that
// medical-disclaimer, review-date, reviewer-credentials and the claim rules
// agree on what a page is and says.
package article

import (
	"fmt"
	"strings"
)

// Kind says what a page is, which decides the rules that apply to it.
type Kind uint8

// The kinds of page. KindUnknown is the zero value: not computed.
const (
	KindUnknown Kind = iota
	// KindAdvice gives health or medical information or advice.
	KindAdvice
	// KindProduct sells or recommends products (a roundup, a review).
	KindProduct
	// KindOther is everything else: contact, about, policies, legal pages,
	// software documentation, notes that are not about health.
	KindOther
)

// Kinds lists the kinds in their documented order.
var Kinds = []Kind{KindAdvice, KindProduct, KindOther}

var kindNames = [...]string{KindUnknown: "", KindAdvice: "advice", KindProduct: "product", KindOther: "other"}

// String returns the kind's name ("advice", "product", "other"; "" for
// KindUnknown).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// ParseKind parses a kind name, case-insensitively.
func ParseKind(s string) (Kind, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, k := range Kinds {
		if kindNames[k] == t {
			return k, nil
		}
	}
	return KindUnknown, fmt.Errorf("unknown page kind %q (want advice, product or other)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// KindSet is a set of kinds; the zero value holds none.
type KindSet uint8

// SetOf returns the set holding kinds.
func SetOf(kinds ...Kind) KindSet {
	var s KindSet
	for _, k := range kinds {
		s |= 1 << k
	}
	return s
}

// Has reports whether s holds k.
func (s KindSet) Has(k Kind) bool { return s&(1<<k) != 0 }

// Empty reports whether s holds no kind.
func (s KindSet) Empty() bool { return s == 0 }

// List returns the kinds of s in their documented order.
func (s KindSet) List() []Kind {
	var out []Kind
	for _, k := range Kinds {
		if s.Has(k) {
			out = append(out, k)
		}
	}
	return out
}

// String returns the kinds joined by ", ".
func (s KindSet) String() string {
	names := make([]string, 0, 3)
	for _, k := range s.List() {
		names = append(names, k.String())
	}
	return strings.Join(names, ", ")
}
