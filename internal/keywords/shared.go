package keywords

import (
	"strings"
	"sync"
	"sync/atomic"
	"weak"
)

// One pass, many automata. Several rules prefilter the same text (a
// document block) by their own words: risky-claim, uncited-claim,
// placeholder-text, affiliate-disclosure, evidence-strength... Scanning
// it once per rule costs one dependent table load per byte per rule, and
// merging their words into one automaton makes a table too big for the
// CPU's caches (a slower pass than the separate ones). A Found instead
// runs every shared Matcher's own automaton in the same loop over the
// text, five at a time: their states are independent, so the loads
// overlap, and each table stays as small as it was. Each Matcher's answer
// is exactly what its own Scan returns.
//
// A Gates joins the shared Matchers the first time it is asked to read a
// Found that does not cover it (Gates.ScanWith): texts scanned after that
// cover it too. The list is held weakly (the Gates of a configuration no
// longer used, in the language server, drop out) and bounded.

// maxShared bounds the Matchers scanned together.
const maxShared = 16

// lanes is how many automata one loop runs.
const lanes = 5

// shared is the list of shared Matchers, replaced (never changed) when a
// Matcher joins.
var shared struct {
	mu  sync.Mutex
	cur atomic.Pointer[sharedList]
}

// sharedList is one version of the shared Matchers.
type sharedList struct {
	ms []weak.Pointer[Matcher]
	// offs[i] is where Matcher i's words start in Found.words; offs[len]
	// is their total.
	offs []int
	// cls holds, for each run of lanes Matchers, their byte classes.
	cls []*[256][lanes]uint8
}

// share adds m to the shared Matchers, unless it is there or the list
// is full (after dropping the Matchers no longer in use).
func share(m *Matcher) {
	if l := shared.cur.Load(); l != nil && l.holds(m) {
		return
	}
	shared.mu.Lock()
	defer shared.mu.Unlock()
	old := shared.cur.Load()
	next := &sharedList{offs: []int{0}}
	if old != nil {
		for _, p := range old.ms {
			v := p.Value()
			if v == m {
				return
			}
			if v != nil {
				next.add(p, v)
			}
		}
	}
	if len(next.ms) >= maxShared {
		return
	}
	next.add(weak.Make(m), m)
	shared.cur.Store(next)
}

func (l *sharedList) holds(m *Matcher) bool {
	for _, p := range l.ms {
		if p.Value() == m {
			return true
		}
	}
	return false
}

func (l *sharedList) add(p weak.Pointer[Matcher], m *Matcher) {
	i := len(l.ms)
	l.ms = append(l.ms, p)
	l.offs = append(l.offs, l.offs[i]+m.width)
	if i%lanes == 0 {
		l.cls = append(l.cls, new([256][lanes]uint8))
	}
	cls := l.cls[i/lanes]
	for c := range cls {
		cls[c][i%lanes] = m.class[c]
	}
}

// Found is what one pass of the shared Matchers over a text found. The
// zero Found covers nothing.
type Found struct {
	list  *sharedList
	text  string
	words []uint64
	// nonASCII reports a byte >= 0x80 in text.
	nonASCII bool
}

// ScanShared runs the shared Matchers over text, in one pass.
func ScanShared(text string) Found {
	var f [1]Found
	ScanSharedAll([]string{text}, f[:])
	return f[0]
}

// ScanSharedAll sets out[i] to ScanShared(texts[i]) for each text (out is
// as long as texts). A document's blocks are scanned in one batch: the
// shared Matchers are looked up once, the passes' sets share one
// allocation, and the automata's tables are read from one text to the
// next rather than between the rules' other work.
func ScanSharedAll(texts []string, out []Found) {
	l := shared.cur.Load()
	if l == nil {
		clear(out)
		return
	}
	var live [maxShared]*Matcher
	ms := live[:len(l.ms)]
	for i, p := range l.ms {
		ms[i] = p.Value()
	}
	width := l.offs[len(l.offs)-1]
	words := make([]uint64, width*len(texts))
	for i, text := range texts {
		out[i] = Found{list: l, text: text, words: words[i*width : (i+1)*width : (i+1)*width]}
		out[i].scan(ms)
	}
}

// scan fills f (list, text and words set) with the pass of ms, the live
// Matchers of f.list.
func (f *Found) scan(ms []*Matcher) {
	l, text := f.list, f.text
	var high byte
	for i := 0; i < len(ms); i += lanes {
		var found [lanes]Set
		if run := ms[i:min(i+lanes, len(ms))]; len(run) == 1 && run[0] != nil {
			var h byte
			found[0], h = run[0].scan(text) // alone, its own loop is faster
			high |= h
		} else {
			high |= scanLanes(run, l.cls[i/lanes], text, &found)
		}
		for k, m := range ms[i:min(i+lanes, len(ms))] {
			if m != nil {
				copy(f.words[l.offs[i+k]:l.offs[i+k+1]], found[k][:m.width])
			}
		}
	}
	f.nonASCII = high >= 0x80
	if f.nonASCII {
		f.lowerAgain(ms)
	}
}

// lowerAgain redoes, on strings.ToLower(text), the scans of the Matchers
// that scanHigh would redo.
func (f *Found) lowerAgain(ms []*Matcher) {
	folds := strings.Contains(f.text, "\u0130") || strings.Contains(f.text, "\u212a")
	lower := ""
	for i, m := range ms {
		if m == nil || !m.nonASCII && !folds {
			continue
		}
		if lower == "" {
			lower = strings.ToLower(f.text)
		}
		s, _ := m.scan(lower)
		copy(f.words[f.list.offs[i]:f.list.offs[i+1]], s[:m.width])
	}
}

// Current reports whether f covers every Matcher shared now: a Found
// made before another Matcher joined is still right for those it covers,
// but the newcomer would scan the text itself.
func (f Found) Current() bool { return f.list == shared.cur.Load() }

// lookup returns m's Set in f, if f covers m.
func (f *Found) lookup(m *Matcher) (Set, bool) {
	var s Set
	if f == nil || f.list == nil {
		return s, false
	}
	for i, p := range f.list.ms {
		if p.Value() == m {
			copy(s[:], f.words[f.list.offs[i]:f.list.offs[i+1]])
			return s, true
		}
	}
	return s, false
}

// dead is an automaton that never leaves its start state and finds
// nothing: the lane of a Matcher no longer in use, or of no Matcher
// (whatever the class, its table sends it back to state 0).
var dead = &Matcher{delta: make([]int32, 256), outStart: 1 << 30}

// scanLanes runs up to lanes Matchers (nil ones are skipped) over text in
// one loop, each into found[i] exactly as its scan does; cls holds their
// byte classes. It returns the OR of text's bytes.
func scanLanes(ms []*Matcher, cls *[256][lanes]uint8, text string, found *[lanes]Set) (high byte) {
	var m [lanes]*Matcher
	for i := range m {
		m[i] = dead
		if i < len(ms) && ms[i] != nil {
			m[i] = ms[i]
		}
	}
	m0, m1, m2, m3, m4 := m[0], m[1], m[2], m[3], m[4]
	d0, d1, d2, d3, d4 := m0.delta, m1.delta, m2.delta, m3.delta, m4.delta
	s0, s1, s2, s3, s4 := m0.start, m1.start, m2.start, m3.start, m4.start
	for i, s := range [lanes]int32{s0, s1, s2, s3, s4} {
		if s >= m[i].outStart {
			m[i].add(&found[i], s)
		}
	}
	for i := range len(text) {
		c := text[i]
		high |= c
		k := &cls[c]
		s0 = d0[s0+int32(k[0])]
		s1 = d1[s1+int32(k[1])]
		s2 = d2[s2+int32(k[2])]
		s3 = d3[s3+int32(k[3])]
		s4 = d4[s4+int32(k[4])]
		if s0 >= m0.outStart {
			m0.add(&found[0], s0)
		}
		if s1 >= m1.outStart {
			m1.add(&found[1], s1)
		}
		if s2 >= m2.outStart {
			m2.add(&found[2], s2)
		}
		if s3 >= m3.outStart {
			m3.add(&found[3], s3)
		}
		if s4 >= m4.outStart {
			m4.add(&found[4], s4)
		}
	}
	return high
}

// add adds the words ending at state s (premultiplied, >= outStart).
func (m *Matcher) add(found *Set, s int32) {
	r := m.outs[(s-m.outStart)>>m.shift]
	for _, w := range m.bits[r.lo:r.hi] {
		found[w.i] |= w.bits
	}
}
