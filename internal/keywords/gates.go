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
	// open is set when some need is empty (its gate is always open);
	// any is the union of one group of each need (its smallest): a text
	// holding none of its words opens no gate.
	open bool
	any  Set
}

// NewGates compiles needs; Open.May(i) answers for needs[i].
func NewGates(needs ...Need) *Gates {
	count := 0
	for _, n := range needs {
		for _, group := range n {
			count += len(group)
		}
	}
	words := make([]string, 0, count)
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
		if len(n) == 0 {
			g.open = true
			continue
		}
		smallest := 0
		for i, group := range n {
			if len(group) < len(n[smallest]) {
				smallest = i
			}
		}
		g.any.Add(&sets[smallest])
	}
	return g
}

// Matcher returns the automaton of every word of the needs: its Set of
// any of them (Matcher.Set) tells, after a Scan, whether a text holds it.
func (g *Gates) Matcher() *Matcher { return g.m }

// Open is what one scan of a text found.
type Open struct {
	g     *Gates
	found Set
	all   bool
}

// Scan reads text once. Text holding a FoldTraps rune opens every gate: a
// case-insensitive pattern may match it without the words.
func (g *Gates) Scan(text string) Open {
	found, nonASCII := g.m.scanHigh(text)
	return Open{g: g, found: found, all: nonASCII && FoldTraps(text)}
}

// May reports whether the text scanned holds need i: false means the
// pattern cannot match. The zero Open (no Gates) opens every gate.
func (o *Open) May(i int) bool {
	if o.all || o.g == nil {
		return true
	}
	for k := range o.g.needs[i] {
		if !o.found.intersects(&o.g.needs[i][k], o.g.m.width) {
			return false
		}
	}
	return true
}

// Any reports whether some gate is open.
func (o *Open) Any() bool {
	if o.all || o.g == nil || o.g.open {
		return true
	}
	if !o.found.intersects(&o.g.any, o.g.m.width) {
		return false // most texts: none of the words every gate needs one of
	}
	for i := range o.g.needs {
		if o.May(i) {
			return true
		}
	}
	return false
}

// ScanWith is Scan, reading f (ScanShared's pass over text) instead of
// the text when f covers g: the same Open for one pass shared with other
// Gates. When it does not, g joins the Matchers that later ScanShared
// passes run, and scans text itself. f may be nil.
func (g *Gates) ScanWith(text string, f *Found) Open {
	if f != nil && f.text == text {
		if found, ok := f.lookup(g.m); ok {
			return Open{g: g, found: found, all: f.nonASCII && FoldTraps(text)}
		}
	}
	share(g.m)
	return g.Scan(text)
}
