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

import "sync"

// Kind names one function whose values a Store holds: entries of two
// kinds never meet, even for the same text. Declare one per function, as
// a package variable.
type Kind struct {
	name string
}

// NewKind returns a new Kind; name is for reading.
func NewKind(name string) *Kind { return &Kind{name: name} }

// String returns the name of k.
func (k *Kind) String() string { return k.name }

type key struct {
	kind *Kind
	text string
}

// Store holds the values computed by the lints of one document. It is safe
// for concurrent use (the rules of a large file run in parallel).
type Store struct {
	mu sync.Mutex
	m  map[key]*entry
	// gen numbers the current lint: an entry read in it carries it.
	gen uint64
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
	s.mu.Lock()
	if s.m == nil {
		s.m = map[key]*entry{}
	}
	s.m[k] = &entry{v: v, gen: s.gen}
	s.mu.Unlock()
	return v
}

// lookup returns the value of k, marking it read by the current lint.
func (s *Store) lookup(k key) (any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.m[k]
	if e == nil {
		return nil, false
	}
	e.gen = s.gen
	return e.v, true
}

// Turn starts the next lint: call it after each lint of the document. The
// entries the finished lint did not read are dropped.
func (s *Store) Turn() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, e := range s.m {
		if e.gen != s.gen {
			delete(s.m, k)
		}
	}
	s.gen++
}

// Len returns how many entries the Store holds.
func (s *Store) Len() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
