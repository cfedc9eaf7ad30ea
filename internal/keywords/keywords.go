// Package keywords finds which of a fixed list of words a text holds, in
// one pass (an Aho-Corasick automaton), case-insensitively. Rules use it as
// a prefilter: a regular expression that needs one of some words is tried
// only on text holding one of them.
package keywords

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/textutil"
)

// Set is a set of words, by their number in the Matcher.
type Set [16]uint64

// MaxWords is the most distinct words a Matcher takes.
const MaxWords = 64 * len(Set{})

// Add adds o's words to s.
func (s *Set) Add(o *Set) {
	for i := range s {
		s[i] |= o[i]
	}
}

// Intersects reports whether s and o share a word.
func (s *Set) Intersects(o *Set) bool { return s.intersects(o, len(s)) }

// intersects is Intersects over the first n words.
func (s *Set) intersects(o *Set, n int) bool {
	for i := range s[:n] {
		if s[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// Matcher is an Aho-Corasick automaton over byte classes, folded to lower
// case for ASCII letters. It is safe for concurrent use.
//
// States are numbered so that those where a keyword ends come last, and
// are kept premultiplied by the (power-of-two) row width: the inner loop of
// Scan is one table load and one comparison per byte.
type Matcher struct {
	ids    map[string]int
	class  [256]uint8
	nclass int
	shift  uint    // rows of delta are 1<<shift wide (>= nclass), so a state's number is its offset>>shift
	delta  []int32 // state<<shift+class -> next state<<shift; may be read-only (known.go): never written after New
	// outs[(offset-outStart)>>shift] delimits in bits the keywords ending
	// at a state: the non-zero words of their Set (usually one), so that
	// a hit costs one OR, not len(Set).
	outs     []outRange
	bits     []setWord
	width    int   // the words of a Set that can be non-zero: (keywords+63)/64
	start    int32 // the root, premultiplied
	outStart int32 // the first state with keywords, premultiplied
	// nonASCII is set when a word holds a non-ASCII rune that has other
	// cases (é, not – or £): text holding a byte >= 0x80 must then be
	// lower-cased with strings.ToLower before a scan.
	nonASCII bool
}

// outRange is a state's run of bits.
type outRange struct{ lo, hi int32 }

// setWord is one non-zero word of a Set: s[i] |= bits.
type setWord struct {
	i    int
	bits uint64
}

// New returns a Matcher for words, which must be lower case (at most MaxWords
// distinct words). The automaton of a built-in word list comes from the
// table built with the program (known.go); any other is built now.
func New(words []string) *Matcher {
	ids, order := dedupe(words)
	noteReached(order)
	if m := loadKnown(order); m != nil {
		m.ids = ids
		return m
	}
	return build(ids, order)
}

// dedupe numbers words' distinct words in order of first appearance: the
// ids of a Matcher, and its words by id.
func dedupe(words []string) (map[string]int, []string) {
	ids := make(map[string]int, len(words))
	order := make([]string, 0, len(words))
	for _, w := range words {
		if _, ok := ids[w]; !ok {
			ids[w] = len(order)
			order = append(order, w)
		}
	}
	if len(order) > MaxWords {
		panic(fmt.Sprintf("keywords: %d prefilter words, more than a Set holds", len(order)))
	}
	return ids, order
}

// build builds the Matcher of words (order, numbered by ids). Its states
// and byte classes are numbered by walking the words in id order, so the
// same words always give the same tables (the build-time table holds
// them).
func build(ids map[string]int, order []string) *Matcher {
	m := &Matcher{ids: ids}
	m.nclass = 1 // class 0: bytes in no word
	for _, w := range order {
		for _, r := range w {
			m.nonASCII = m.nonASCII || r >= utf8.RuneSelf && unicode.SimpleFold(r) != r
		}
		for i := range len(w) {
			if c := w[i]; m.class[c] == 0 {
				if c >= 'A' && c <= 'Z' || m.nclass == 255 {
					panic(fmt.Sprintf("keywords: prefilter word %q is not lower case or too many byte classes", w))
				}
				m.class[c] = uint8(m.nclass)
				m.nclass++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	for 1<<m.shift < m.nclass {
		m.shift++
	}
	nodes, sets, outOf := m.trie(order)
	byState := m.renumber(nodes, sets.next, outOf)
	m.width = (len(order) + 63) / 64
	m.outs = make([]outRange, len(byState))
	for k, o := range byState {
		m.outs[k].lo = int32(len(m.bits))
		for i, w := range sets.out[o] {
			if w != 0 {
				m.bits = append(m.bits, setWord{i, w})
			}
		}
		m.outs[k].hi = int32(len(m.bits))
	}
	return m
}

// automaton is the Aho-Corasick automaton before renumbering.
type automaton struct {
	// next[s<<shift+c] is the state after s on class c, failure links
	// folded in (rows are as wide as Matcher.delta's).
	next []int32
	// out[k] is a set of keywords; out[0] is empty.
	out []Set
}

// trie builds the automaton of m's words (order, by id), breadth first:
// it returns the number of states, the automaton, and for each state the
// index in out of the keywords ending there (0 for none).
func (m *Matcher) trie(order []string) (int, automaton, []int32) {
	nc, w := m.nclass, 1<<m.shift
	bound := states(order)
	a := automaton{out: []Set{{}}, next: make([]int32, 0, bound*w)}
	outOf := make([]int32, 0, bound)
	grow := func() int32 {
		s := int32(len(outOf))
		for range nc {
			a.next = append(a.next, -1)
		}
		for range w - nc {
			a.next = append(a.next, 0) // no byte has these classes
		}
		outOf = append(outOf, 0)
		return s
	}
	grow()
	for id, word := range order {
		s := int32(0)
		for i := range len(word) {
			c := s*int32(w) + int32(m.class[word[i]])
			if a.next[c] < 0 {
				t := grow()
				a.next[c] = t
			}
			s = a.next[c]
		}
		if outOf[s] == 0 {
			outOf[s] = int32(len(a.out))
			a.out = append(a.out, Set{})
		}
		a.out[outOf[s]][id/64] |= 1 << (id % 64)
	}
	// Breadth first: a state's failure state is shallower, so its row is
	// complete when the state's is filled.
	fail := make([]int32, len(outOf))
	queue := make([]int32, 1, len(outOf))
	for h := 0; h < len(queue); h++ {
		s := queue[h]
		if f := fail[s]; s != 0 && outOf[f] != 0 {
			if outOf[s] == 0 {
				outOf[s] = outOf[f] // the same keywords: share the set
			} else {
				a.out[outOf[s]].Add(&a.out[outOf[f]])
			}
		}
		row := a.next[int(s)*w : int(s)*w+nc]
		frow := a.next[int(fail[s])*w : int(fail[s])*w+nc]
		for c, t := range row {
			switch {
			case t >= 0:
				if s != 0 {
					fail[t] = frow[c]
				}
				queue = append(queue, t)
			case s == 0:
				row[c] = 0
			default:
				row[c] = frow[c]
			}
		}
	}
	return len(outOf), a, outOf
}

// renumber makes next (the automaton of m.trie, nodes states) m.delta,
// states without keywords first, premultiplied, renumbered in place (one
// table of the automaton's size, not two), and sets start and outStart.
// It returns, for each state with keywords from outStart on, its index in
// the automaton's out.
func (m *Matcher) renumber(nodes int, next []int32, outOf []int32) []int32 {
	renum := make([]int32, nodes)
	n := int32(0)
	for _, withOut := range []bool{false, true} {
		for s := range nodes {
			if (outOf[s] != 0) == withOut {
				renum[s] = n
				n++
			}
		}
		if !withOut {
			m.outStart = n << m.shift
		}
	}
	m.delta = next
	for i, t := range m.delta {
		m.delta[i] = renum[t] << m.shift
	}
	permuteRows(m.delta, renum, m.shift)
	m.start = renum[0] << m.shift
	byState := make([]int32, int(n-m.outStart>>m.shift))
	for s := range nodes {
		if o := outOf[s]; o != 0 {
			byState[renum[s]-m.outStart>>m.shift] = o
		}
	}
	return byState
}

// states returns the number of states of the trie of order's words: one
// per distinct prefix of them (the empty one is the root), so that the
// table is allocated once at its size.
func states(order []string) int {
	words := slices.Clone(order)
	slices.Sort(words)
	n, prev := 1, ""
	for _, w := range words {
		common := 0
		for common < len(w) && common < len(prev) && w[common] == prev[common] {
			common++
		}
		n += len(w) - common
		prev = w
	}
	return n
}

// permuteRows moves row s of t (rows 1<<shift wide) to row renum[s], in
// place, following the permutation's cycles.
func permuteRows(t []int32, renum []int32, shift uint) {
	w := 1 << shift
	done := make([]bool, len(renum))
	tmp := make([]int32, w)
	for s := range renum {
		if done[s] || int(renum[s]) == s {
			continue
		}
		// The cycle s -> renum[s] -> ...: carry each row to its place.
		copy(tmp, t[s*w:(s+1)*w])
		for j := int(renum[s]); ; j = int(renum[j]) {
			done[j] = true
			row := t[j*w : (j+1)*w]
			for k := range w {
				row[k], tmp[k] = tmp[k], row[k]
			}
			if j == s {
				break
			}
		}
	}
}

// Has reports whether w is one of m's words.
func (m *Matcher) Has(w string) bool {
	_, ok := m.ids[w]
	return ok
}

// Set returns the set of words (each must have been given to New).
func (m *Matcher) Set(words []string) Set {
	var s Set
	for _, w := range words {
		id := m.ids[w]
		s[id/64] |= 1 << (id % 64)
	}
	return s
}

// Scan returns the words that strings.ToLower(text) holds, without
// lower-casing text into a new string unless it must: when a word holds a
// non-ASCII byte, or text a rune that lower-cases to an ASCII letter
// (U+0130 to i, U+212A KELVIN SIGN to k).
func (m *Matcher) Scan(text string) Set {
	found, _ := m.scanHigh(text)
	return found
}

// scanHigh is Scan, also reporting whether text holds a non-ASCII byte.
func (m *Matcher) scanHigh(text string) (Set, bool) {
	found, high := m.scan(text)
	if high >= 0x80 && (m.nonASCII || strings.Contains(text, "\u0130") || strings.Contains(text, "\u212a")) {
		found, _ = m.scan(strings.ToLower(text))
	}
	return found, high >= 0x80
}

// scan runs the automaton over text, ASCII letters folded; high is the OR
// of text's bytes (>= 0x80 when some byte is not ASCII).
func (m *Matcher) scan(text string) (found Set, high byte) {
	add := func(s int32) {
		r := m.outs[(s-m.outStart)>>m.shift]
		for _, w := range m.bits[r.lo:r.hi] {
			found[w.i] |= w.bits
		}
	}
	if m.start >= m.outStart {
		add(m.start)
	}
	s := m.start
	for i := range len(text) {
		c := text[i]
		high |= c
		s = m.delta[s+int32(m.class[c])]
		if s >= m.outStart {
			add(s)
		}
	}
	return found, high
}

// FoldTraps reports whether text holds a rune that a case-insensitive
// regular expression matches as an ASCII letter but strings.ToLower does not
// turn into one (U+017F long s, U+212A Kelvin sign): in such text a word
// of a (?i) match may be missing from the lower-cased text.
func FoldTraps(text string) bool {
	return !textutil.IsASCII(text) && (strings.Contains(text, "\u017f") || strings.Contains(text, "\u212a"))
}
