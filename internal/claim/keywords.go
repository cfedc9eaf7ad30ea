package claim

import (
	"fmt"
	"strings"
)

// The patterns' prefilter words (need and also) are all looked for in one
// pass over the sentence with an Aho-Corasick automaton, instead of one
// substring search per word: the result is the same as
// strings.Contains(strings.ToLower(text), word) for every word, without
// lower-casing ASCII text into a new string.

var (
	digitWords = strings.Split("0 1 2 3 4 5 6 7 8 9", " ")
	// smallNumWords and bigNumWords are words every smallNum and bigNum
	// holds (a digit or a number word).
	smallNumWords = append(strings.Split("one two three four five six seven eight nine ten", " "), digitWords...)
	bigNumWords   = append(strings.Split("two three four five six seven eight nine ten eleven twelve fifteen twenty fifty hundred thousand million", " "), digitWords...)
	// verbWords are words every alternative of verbs holds.
	verbWords = strings.Split("show suggest found find indicat reveal demonstrat prove confirm agree link point conclud discovered report estimat observed noted say believ tell", " ")
)

// kwSet is a set of keyword numbers.
type kwSet [4]uint64

func (s *kwSet) add(o *kwSet) {
	for i := range s {
		s[i] |= o[i]
	}
}

func (s *kwSet) intersects(o *kwSet) bool {
	for i := range s {
		if s[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// kwMatcher is an Aho-Corasick automaton over byte classes, folded to lower
// case for ASCII letters.
type kwMatcher struct {
	ids    map[string]int
	class  [256]uint8
	nclass int
	delta  []int32 // state*nclass+class -> state
	out    []kwSet // keywords ending at each state
	hasOut []bool
}

func newKWMatcher(words []string) *kwMatcher {
	m := &kwMatcher{ids: map[string]int{}}
	for _, w := range words {
		if _, ok := m.ids[w]; !ok {
			m.ids[w] = len(m.ids)
		}
	}
	if len(m.ids) > 64*len(kwSet{}) {
		panic(fmt.Sprintf("claim: %d prefilter words, more than a kwSet holds", len(m.ids)))
	}
	m.nclass = 1 // class 0: bytes in no word
	for w := range m.ids {
		for i := range len(w) {
			if c := w[i]; m.class[c] == 0 {
				if c >= 'A' && c <= 'Z' || m.nclass == 255 {
					panic(fmt.Sprintf("claim: prefilter word %q is not lower case or too many byte classes", w))
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
		out  kwSet
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
	m.out = make([]kwSet, len(nodes))
	m.hasOut = make([]bool, len(nodes))
	fail := make([]int32, len(nodes))
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = nodes[s].out
		if s != 0 {
			m.out[s].add(&m.out[fail[s]])
		}
		m.hasOut[s] = m.out[s] != kwSet{}
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

// set returns the keyword set of words.
func (m *kwMatcher) set(words []string) kwSet {
	var s kwSet
	for _, w := range words {
		id := m.ids[w]
		s[id/64] |= 1 << (id % 64)
	}
	return s
}

// scan returns the words that text, lower-cased by strings.ToLower, holds.
func (m *kwMatcher) scan(text string) kwSet {
	var found kwSet
	if !isASCII(text) {
		text = strings.ToLower(text)
	}
	s := int32(0)
	for i := range len(text) {
		s = m.delta[int(s)*m.nclass+int(m.class[text[i]])]
		if m.hasOut[s] {
			found.add(&m.out[s])
		}
	}
	return found
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldTraps reports whether text holds a rune that (?i) matches as an
// ASCII letter but strings.ToLower does not turn into one.
func foldTraps(text string) bool {
	return !isASCII(text) && (strings.Contains(text, "\u017f") || strings.Contains(text, "\u212a"))
}

// gates are the patterns' prefilters compiled to keyword sets.
type gates struct {
	m      *kwMatcher
	need   []kwSet
	also   [][]kwSet
	digits kwSet
}

var patternGates = func() *gates {
	words := append([]string(nil), digitWords...)
	for _, p := range patterns {
		words = append(words, p.need...)
		for _, a := range p.also {
			words = append(words, a...)
		}
	}
	g := &gates{m: newKWMatcher(words)}
	g.digits = g.m.set(digitWords)
	for _, p := range patterns {
		g.need = append(g.need, g.m.set(p.need))
		var also []kwSet
		for _, a := range p.also {
			also = append(also, g.m.set(a))
		}
		g.also = append(g.also, also)
	}
	return g
}()

// candidates returns, for text (already passed through SameLengthSpaces),
// which patterns may match and whether it holds a digit.
func (g *gates) candidates(text string) (func(i int) bool, bool) {
	found := g.m.scan(text)
	traps := foldTraps(text)
	return func(i int) bool {
		if len(patterns[i].need) > 0 && !found.intersects(&g.need[i]) {
			return false
		}
		if !traps {
			for k := range g.also[i] {
				if !found.intersects(&g.also[i][k]) {
					return false
				}
			}
		}
		return patterns[i].gate == nil || patterns[i].gate(text)
	}, found.intersects(&g.digits)
}

// hasThousands reports whether text holds a digit, a comma and a digit
// ("37,000"), which a number with thousands separators needs.
func hasThousands(text string) bool {
	for i := strings.IndexByte(text, ','); i >= 0; {
		if i > 0 && isDigit(text[i-1]) && i+1 < len(text) && isDigit(text[i+1]) {
			return true
		}
		j := strings.IndexByte(text[i+1:], ',')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
