// Package textmemo remembers what pure functions of a text computed, from
// one lint of a changing document to the next: an editor re-lints a buffer
// after every keystroke, and the edit changes one sentence of hundreds, so
// a re-lint that looks up the claims, counts and keyword passes of the
// sentences and blocks it has seen recomputes only those the edit touched.
//
// A Store belongs to one document (one editor buffer). A lint reads the
// entries the one before it computed or read (Turn ends a lint), and what
// a lint did not read is forgotten at its Turn, so a Store holds at most
// two lints' worth of texts however long the buffer is edited. A nil Store
// remembers nothing: Get computes every time, at no cost beyond the call,
// which is what `medlint check` does (a run over many files sees each text
// once).
package textmemo

import (
	"sync"
	"sync/atomic"
)

// Kind names one function whose values a Store holds: entries of two
// kinds never meet, even for the same text. Declare one per function, as
// a package variable.
type Kind struct {
	name  string
	shard int
}

// kinds counts the Kinds made, to spread them over a Store's shards.
var kinds atomic.Int64

// NewKind returns a new Kind; name is for reading.
func NewKind(name string) *Kind {
	return &Kind{name: name, shard: int(kinds.Add(1)-1) % shards}
}

// String returns the name of k.
func (k *Kind) String() string { return k.name }

type key struct {
	kind *Kind
	text string
}

// shards is how many parts a Store's entries are kept in, by kind, each
// under its own lock: the rules of a large file run on every CPU, each
// asking after its own kinds, and one lock for all of them made the
// lookups of a 10,000-word re-lint wait on each other.
const shards = 16

// Store holds the values computed by the lints of one document. It is safe
// for concurrent use (the rules of a large file run in parallel).
type Store struct {
	shards [shards]shard
	// gen numbers the current lint: an entry read in it carries it.
	gen atomic.Uint64
}

// shard is the entries of some kinds.
type shard struct {
	mu sync.Mutex
	m  map[key]*entry
}

// entry is a remembered value and the last lint that read it.
type entry struct {
	v   any
	gen uint64
}

// New returns an empty Store.
func New() *Store { return &Store{} }

// Get returns compute(text), the value remembered for kind and text when
// the current or the previous lint computed or read it. compute must be a
// pure function of text (the same text always gives the same value), and
// the value must not be changed by those who get it: it is shared.
func Get[V any](s *Store, kind *Kind, text string, compute func(string) V) V {
	return GetIf(s, kind, text, nil, compute)
}

// GetIf is Get for a value that may go stale although text has not
// changed (a keyword pass made before more automata joined the pass): a
// remembered value for which valid returns false is computed again. A nil
// valid accepts every value.
func GetIf[V any](s *Store, kind *Kind, text string, valid func(V) bool, compute func(string) V) V {
	if s == nil {
		return compute(text)
	}
	k := key{kind, text}
	if v, ok := s.lookup(k); ok && (valid == nil || valid(v.(V))) {
		return v.(V)
	}
	v := compute(text)
	sh := &s.shards[kind.shard]
	sh.mu.Lock()
	if sh.m == nil {
		sh.m = map[key]*entry{}
	}
	sh.m[k] = &entry{v: v, gen: s.gen.Load()}
	sh.mu.Unlock()
	return v
}

// lookup returns the value of k, marking it read by the current lint.
func (s *Store) lookup(k key) (any, bool) {
	sh := &s.shards[k.kind.shard]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	e := sh.m[k]
	if e == nil {
		return nil, false
	}
	e.gen = s.gen.Load()
	return e.v, true
}

// Turn starts the next lint: call it after each lint of the document. The
// entries the finished lint did not read are dropped.
func (s *Store) Turn() {
	if s == nil {
		return
	}
	gen := s.gen.Load()
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.Lock()
		for k, e := range sh.m {
			if e.gen != gen {
				delete(sh.m, k)
			}
		}
		sh.mu.Unlock()
	}
	s.gen.Add(1)
}

// Len returns how many entries the Store holds.
func (s *Store) Len() int {
	if s == nil {
		return 0
	}
	n := 0
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.Lock()
		n += len(sh.m)
		sh.mu.Unlock()
	}
	return n
}
