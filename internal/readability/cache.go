package readability

import "sync/atomic"

// cacheSlots is the number of folded words wordCache holds (a power of
// two): enough for an article's vocabulary, at most about 1 MB.
const cacheSlots = 1 << 14

// cachedWord is a folded word and its syllables, as word1 counts them.
type cachedWord struct {
	word string
	n    int
}

// wordCache remembers word1's count of the folded words seen last: a
// word is kept in one of two slots its hash picks (a later word replaces
// an earlier one there): an editor re-lints the same words again and
// again, and an article repeats its own. word1 depends on its word only,
// so a count from the cache is the one word1 gives; slots are replaced
// atomically, so goroutines share it safely.
var wordCache [cacheSlots]atomic.Pointer[cachedWord]

// countWord is word1(w), from wordCache when w was counted lately.
func countWord(w []byte) int {
	h := uint32(2166136261) // FNV-1a
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	first, second := &wordCache[h&(cacheSlots-1)], &wordCache[(h>>16^h*0x9E3779B1)&(cacheSlots-1)]
	e1 := first.Load()
	if e1 != nil && e1.word == string(w) {
		return e1.n
	}
	if e2 := second.Load(); e2 != nil && e2.word == string(w) {
		return e2.n
	}
	n := word1(w)
	slot := first
	if e1 != nil {
		slot = second
	}
	slot.Store(&cachedWord{word: string(w), n: n})
	return n
}
