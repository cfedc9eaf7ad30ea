// Package keywords finds which of a fixed list of words a text holds, in
// one pass (an Aho-Corasick automaton), case-insensitively. Rules use it as
// a prefilter: a regular expression that needs one of some words is tried
// only on text holding one of them.
package keywords

import (
	"fmt"
	"strings"
)

// Set is a set of words, by their number in the Matcher.
type Set [4]uint64

// MaxWords is the most distinct words a Matcher takes.
const MaxWords = 64 * len(Set{})

// Add adds o's words to s.
func (s *Set) Add(o *Set) {
	for i := range s {
		s[i] |= o[i]
	}
}

// Intersects reports whether s and o share a word.
func (s *Set) Intersects(o *Set) bool {
	for i := range s {
		if s[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// Matcher is an Aho-Corasick automaton over byte classes, folded to lower
// case for ASCII letters. It is safe for concurrent use.
type Matcher struct {
	ids    map[string]int
	class  [256]uint8
	nclass int
	delta  []int32 // state*nclass+class -> state
	out    []Set   // keywords ending at each state
	hasOut []bool
}

// New returns a Matcher for words, which must be lower case (at most 256
// distinct words).
func New(words []string) *Matcher {
	m := &Matcher{ids: map[string]int{}}
	for _, w := range words {
		if _, ok := m.ids[w]; !ok {
			m.ids[w] = len(m.ids)
		}
	}
	if len(m.ids) > MaxWords {
		panic(fmt.Sprintf("keywords: %d prefilter words, more than a Set holds", len(m.ids)))
	}
	m.nclass = 1 // class 0: bytes in no word
	for w := range m.ids {
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
	// Trie.
	type node struct {
		next []int32
		out  Set
	}
	newNode := func() node {
		n := node{next: make([]int32, m.nclass)}
		for i := range n.next {
			n.next[i] = -1
		}
		return n
	}
	nodes := []node{newNode()}
	for w, id := range m.ids {
		s := int32(0)
		for i := range len(w) {
			c := m.class[w[i]]
			if nodes[s].next[c] < 0 {
				nodes[s].next[c] = int32(len(nodes))
				nodes = append(nodes, newNode())
			}
			s = nodes[s].next[c]
		}
		nodes[s].out[id/64] |= 1 << (id % 64)
	}
	// Breadth-first: failure links folded into a full transition table.
	m.delta = make([]int32, len(nodes)*m.nclass)
	m.out = make([]Set, len(nodes))
	m.hasOut = make([]bool, len(nodes))
	fail := make([]int32, len(nodes))
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = nodes[s].out
		if s != 0 {
			m.out[s].Add(&m.out[fail[s]])
		}
		m.hasOut[s] = m.out[s] != Set{}
		for c := range m.nclass {
			t := nodes[s].next[c]
			switch {
			case t >= 0:
				if s == 0 {
					fail[t] = 0
				} else {
					fail[t] = m.delta[int(fail[s])*m.nclass+c]
				}
				m.delta[int(s)*m.nclass+c] = t
				queue = append(queue, t)
			case s == 0:
				m.delta[c] = 0
			default:
				m.delta[int(s)*m.nclass+c] = m.delta[int(fail[s])*m.nclass+c]
			}
		}
	}
	return m
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
// lower-casing ASCII text into a new string.
func (m *Matcher) Scan(text string) Set {
	var found Set
	if !IsASCII(text) {
		text = strings.ToLower(text)
	}
	s := int32(0)
	for i := range len(text) {
		s = m.delta[int(s)*m.nclass+int(m.class[text[i]])]
		if m.hasOut[s] {
			found.Add(&m.out[s])
		}
	}
	return found
}

// IsASCII reports whether s holds only ASCII bytes.
func IsASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// FoldTraps reports whether text holds a rune that a case-insensitive
// regular expression matches as an ASCII letter but strings.ToLower does not
// turn into one (U+017F long s, U+212A Kelvin sign): in such text a word
// of a (?i) match may be missing from the lower-cased text.
func FoldTraps(text string) bool {
	return !IsASCII(text) && (strings.Contains(text, "\u017f") || strings.Contains(text, "\u212a"))
}
