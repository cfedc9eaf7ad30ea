// Package memo remembers computed values by key, for concurrent callers:
// the one memo mechanism of medlint (a document's derived facts, the
// configuration resolved per set of matching overrides, the cache's
// settings per rule set).
package memo

import "sync"

// Map remembers one value per key. The zero Map is empty and ready;
// with Bound > 0 it is emptied when it holds Bound keys, so that a
// long run with ever new keys does not grow it without end. It is safe
// for concurrent use.
type Map[K comparable, V any] struct {
	// Bound is the most keys the map holds (0: no bound). Set it before
	// the map is first used.
	Bound int
	mu    sync.Mutex
	m     map[K]V
}

// Get returns the value remembered for key, or computes it with compute,
// remembers it and returns it. compute runs without the lock held (it may
// call Get); when two callers compute one key at once, the first value
// stored wins and both get it.
func (m *Map[K, V]) Get(key K, compute func() V) V {
	m.mu.Lock()
	v, ok := m.m[key]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.m[key]; ok {
		return old
	}
	if m.m == nil || m.Bound > 0 && len(m.m) >= m.Bound {
		m.m = map[K]V{}
	}
	m.m[key] = v
	return v
}

// Len is the number of keys held.
func (m *Map[K, V]) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.m)
}
