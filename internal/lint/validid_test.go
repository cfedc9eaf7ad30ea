package lint

import (
	"math/rand"
	"regexp"
	"testing"
)

// TestValidIDIsThePattern checks the hand-written ValidID against the
// expression it implements, on chosen and random strings.
func TestValidIDIsThePattern(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	ids := []string{"", "a", "A", "1a", "-a", "a-", "a--b", "a-b", "a-1", "a1-b2-c3", "plain-language", "a_b", "é", "a-B", "ab-", "a-b-"}
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		b := make([]byte, r.Intn(7))
		for i := range b {
			b[i] = "ab1-Z_"[r.Intn(6)]
		}
		ids = append(ids, string(b))
	}
	for _, id := range ids {
		if got, want := ValidID(id), re.MatchString(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}
