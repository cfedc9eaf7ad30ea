package keywords

// Need is what every match of a pattern contains: for each group, at least
// one of the group's lower-case words (an AND of ORs). A text lacking a
// need cannot match the pattern, so the pattern need not be run on it.
type Need [][]string

// Gates are the needs of several patterns compiled into one Matcher: one
// pass over a text tells which of the patterns may match it.
type Gates struct {
	m     *Matcher
	needs [][]Set
	// groups are needs as the non-zero words of each group's Set, which
	// Open.May reads.
	groups [][]sparseSet
	id    uint64 // its number in the registry of the Index (index.go)
}

// NewGates compiles needs; Open.May(i) answers for needs[i].
func NewGates(needs ...Need) *Gates {
	var words []string
	for _, n := range needs {
		for _, group := range n {
			words = append(words, group...)
		}
	}
	g := &Gates{m: New(words)}
	for _, n := range needs {
		sets := make([]Set, len(n))
		for i, group := range n {
			sets[i] = g.m.Set(group)
		}
		g.needs = append(g.needs, sets)
	}
	g.groups = sparseNeeds(g.needs)
	register(g)
	return g
}

// Open is what one scan of a text found.
type Open struct {
	g *Gates
	// groups are g's, or an Index's for them (ScanWith).
	groups [][]sparseSet
	found  Set
	all   bool
}

// Scan reads text once. Text holding a FoldTraps rune opens every gate: a
// case-insensitive pattern may match it without the words.
func (g *Gates) Scan(text string) Open {
	found, nonASCII := g.m.scanHigh(text)
	return Open{g: g, groups: g.groups, found: found, all: nonASCII && FoldTraps(text)}
}

// May reports whether the text scanned holds need i: false means the
// pattern cannot match. The zero Open (no Gates) opens every gate.
func (o *Open) May(i int) bool {
	if o.all || o.g == nil {
		return true
	}
	for _, group := range o.groups[i] {
		if !o.found.meets(group) {
			return false
		}
	}
	return true
}

// Any reports whether some gate is open.
func (o *Open) Any() bool {
	if o.all || o.g == nil {
		return true
	}
	for i := range o.groups {
		if o.May(i) {
			return true
		}
	}
	return false
}

// sparseSet is a Set as its non-zero words.
type sparseSet []setWord

func sparse(s *Set) sparseSet {
	var out sparseSet
	for i, w := range s {
		if w != 0 {
			out = append(out, setWord{i, w})
		}
	}
	return out
}

func sparseNeeds(needs [][]Set) [][]sparseSet {
	out := make([][]sparseSet, len(needs))
	for i, n := range needs {
		out[i] = make([]sparseSet, len(n))
		for k := range n {
			out[i][k] = sparse(&n[k])
		}
	}
	return out
}

// meets reports whether s holds a word of o.
func (s *Set) meets(o sparseSet) bool {
	for _, w := range o {
		if s[w.i]&w.bits != 0 {
			return true
		}
	}
	return false
}
