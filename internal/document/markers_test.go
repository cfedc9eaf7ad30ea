package document

import (
	"regexp"
	"testing"
)

var (
	bracketMarkerRe = regexp.MustCompile(`^\[\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,8}\]`)
	digitMarkerRe   = regexp.MustCompile(`^\d{1,3}(?:[,–-]\d{1,3}){0,8}`)
)

var markerTexts = []string{
	"", "[", "[]", "[3]", "[3] x", "[12, 5]", "[4-6]", "[7–9]", "[1 , 2 ]", "[1234]", "[1,2,3,4,5,6,7,8,9]",
	"[1,2,3,4,5,6,7,8,9,10]", "[1,\t2\n-3]", "[1,]", "[1,,2]", "3", "2,5", "4-6 x", "1234", "1,2345",
	"1,2,3,4,5,6,7,8,9,10", "7–", "7–8", "a1", "[١]",
}

// TestMarkersMatchRegexp checks the hand-written marker scanners against
// the regular expressions they replace.
func TestMarkersMatchRegexp(t *testing.T) {
	t.Parallel()
	for _, s := range markerTexts {
		checkMarkers(t, s)
	}
}

func FuzzMarkersMatchRegexp(f *testing.F) {
	for _, s := range markerTexts {
		f.Add(s)
	}
	f.Fuzz(checkMarkers)
}

func checkMarkers(t *testing.T, s string) {
	if got, want := bracketMarker(s), bracketMarkerRe.FindString(s); got != want {
		t.Errorf("bracketMarker(%q) = %q, want %q", s, got, want)
	}
	if got, want := digitMarker(s), digitMarkerRe.FindString(s); got != want {
		t.Errorf("digitMarker(%q) = %q, want %q", s, got, want)
	}
}
