package keywords

import (
	"sync"
	"sync/atomic"
	"weak"
)

// An Index is one Matcher over the words of every Gates the program has
// made (up to maxIndexWords words): one pass over a text answers for all
// of them. A document keeps the Index's scan of each of its blocks
// (document.Block.Keywords), so that the rules that prefilter a block by
// their words (risky-claim, uncited-claim, placeholder-text,
// affiliate-disclosure, evidence-strength, plain-language) read it once
// instead of once each.
//
// Gates register themselves when they are made (NewGates); CurrentIndex
// covers those registered before it was built and is rebuilt when more
// have been. Rules make their gates when they are built for a
// configuration, so that the first document sees an Index covering them
// all; a Gates the Index does not cover scans the text itself (ScanWith),
// with the same answer.
//
// The Index's answer for a Gates is a superset of what the Gates' own
// scan finds in the same text: the Index lower-cases a non-ASCII text
// with strings.ToLower when any of its words needs it, which finds every
// word an ASCII-folding scan of the raw text finds and perhaps more. A
// gate it opens that the Gates' own scan would have kept closed only runs
// the pattern behind it, which then finds nothing: results are the same.
type Index struct {
	m *Matcher
	// gen is the number of registrations the Index was built after.
	gen int64
	// needs holds, by Gates id, the Gates' needs in the Index's word
	// numbers; a Gates without an entry is not covered.
	needs map[uint64][][]sparseSet
}

// registry lists the Gates made so far, weakly: the Gates of a
// configuration no longer in use (the language server rebuilds rules
// when a configuration changes) drop out of the next Index.
var registry struct {
	mu    sync.Mutex
	gates []weak.Pointer[Gates]
	ids   uint64
	gen   atomic.Int64
	index atomic.Pointer[Index]
}

func register(g *Gates) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	registry.ids++
	g.id = registry.ids
	registry.gates = append(registry.gates, weak.Make(g))
	registry.gen.Add(1)
}

// CurrentIndex returns the Index of the Gates made so far, building it
// when Gates were made since the last one was built.
func CurrentIndex() *Index {
	if ix := registry.index.Load(); ix != nil && ix.gen == registry.gen.Load() {
		return ix
	}
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if ix := registry.index.Load(); ix != nil && ix.gen == registry.gen.Load() {
		return ix
	}
	ix := buildIndex()
	registry.index.Store(ix)
	return ix
}

// buildIndex builds the Index of the live registered Gates, in the order
// they were made, as many as fit in maxIndexWords words; the caller holds
// registry.mu.
func buildIndex() *Index {
	ix := &Index{gen: registry.gen.Load(), needs: map[uint64][][]sparseSet{}}
	var live []*Gates
	kept := registry.gates[:0]
	for _, p := range registry.gates {
		if g := p.Value(); g != nil {
			live = append(live, g)
			kept = append(kept, p)
		}
	}
	clear(registry.gates[len(kept):])
	registry.gates = kept
	seen := map[string]bool{}
	var words []string
	var covered []*Gates
	for _, g := range live {
		var fresh []string
		for w := range g.m.ids {
			if !seen[w] {
				fresh = append(fresh, w)
			}
		}
		if len(seen)+len(fresh) > maxIndexWords {
			continue
		}
		for _, w := range fresh {
			seen[w] = true
		}
		words = append(words, fresh...)
		covered = append(covered, g)
	}
	if len(covered) == 0 {
		return ix
	}
	ix.m = newMatcher(words, maxIndexWords)
	for _, g := range covered {
		byID := make([]string, len(g.m.ids))
		for w, id := range g.m.ids {
			byID[id] = w
		}
		needs := make([][]Set, len(g.needs))
		for i, n := range g.needs {
			needs[i] = make([]Set, len(n))
			for k, group := range n {
				needs[i][k] = ix.m.Set(group.words(byID))
			}
		}
		ix.needs[g.id] = sparseNeeds(needs)
	}
	return ix
}

// words returns the words of s, numbered as in byID.
func (s *Set) words(byID []string) []string {
	var out []string
	for id, w := range byID {
		if s[id/64]&(1<<(id%64)) != 0 {
			out = append(out, w)
		}
	}
	return out
}

// Found is what one scan of a text by an Index found. The zero Found
// covers no Gates.
type Found struct {
	ix    *Index
	found Set
	all   bool
}

// Scan reads text once for every Gates ix covers. A nil Index finds
// nothing and covers nothing.
func (ix *Index) Scan(text string) Found {
	if ix == nil || ix.m == nil {
		return Found{}
	}
	found, nonASCII := ix.m.scanHigh(text)
	return Found{ix: ix, found: found, all: nonASCII && FoldTraps(text)}
}

// ScanWith is Scan, reading f, the Index's scan of the same text, when
// f's Index covers g instead of reading the text again. f may be nil.
func (g *Gates) ScanWith(text string, f *Found) Open {
	if f != nil && f.ix != nil {
		if needs, ok := f.ix.needs[g.id]; ok {
			return Open{g: g, groups: needs, found: f.found, all: f.all}
		}
	}
	return g.Scan(text)
}
