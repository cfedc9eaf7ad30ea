package readability

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// cacheTestWords returns the exceptions, the compound heads and random
// letter strings (many more than wordCache has slots, so words replace
// each other).
func cacheTestWords() [][]byte {
	var words [][]byte
	for w := range exceptions {
		words = append(words, []byte(w))
	}
	for _, h := range compoundHeads {
		words = append(words, []byte(h.head+"time"), []byte(h.head+"one"))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3 * cacheSlots {
		w := make([]byte, 1+rng.IntN(12))
		for i := range w {
			w[i] = "aeiouybcdfghlmnrstw"[rng.IntN(19)]
		}
		words = append(words, w)
	}
	return words
}

// TestCountWordIsWord1 checks that the cache gives word1's count, for a
// word counted first and again, from goroutines sharing the cache.
func TestCountWordIsWord1(t *testing.T) {
	t.Parallel()
	words := cacheTestWords()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for round := range 2 {
				for i := range words {
					w := words[(i+g*977)%len(words)]
					if got, want := countWord(w), word1(w); got != want {
						t.Errorf("round %d: countWord(%q) = %d, word1 = %d", round, w, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
