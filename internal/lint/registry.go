package lint

import (
	"fmt"
	"sort"
	"sync"
)

// The registry holds the built-in rules. Package rules adds each of its
// rules from an init function, as database/sql's drivers and image's
// formats do, so that the packages that only speak of rules (the
// configuration, the engine, the cache, the reports) need not link them:
// a program gets the built-in rules by importing package rules. It is the
// only package-level mutable state in medlint and is read-only once the
// program's init functions have run.
var (
	registryMu sync.RWMutex
	registry   = map[string]Rule{}
)

// ValidID reports whether id is a well-formed kebab-case rule id:
// ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ (checked by hand: every rule's init
// asks, and compiling the expression was start-up work).
func ValidID(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-' && i < len(id)-1:
		default:
			return false
		}
	}
	return true
}

// Register adds r to the built-in rules. It panics on a malformed or
// duplicate id: both are programming errors caught by the first test run.
func Register(r Rule) {
	id := registeredID(r)
	if !ValidID(id) {
		panic(fmt.Sprintf("lint: invalid rule id %q", id))
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[id]; dup {
		panic(fmt.Sprintf("lint: rule %q registered twice", id))
	}
	registry[id] = r
}

// Lookup returns the built-in rule with the given id.
func Lookup(id string) (Rule, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	r, ok := registry[id]
	return r, ok
}

// Builtin returns every built-in rule sorted by id.
func Builtin() []Rule {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	// By the registered id, which a Definition holds without building
	// metadata it builds lazily (sorting must not read a rule's data).
	sort.Slice(out, func(i, j int) bool { return registeredID(out[i]) < registeredID(out[j]) })
	return out
}

// registeredID returns r's id; for a Definition, without building
// metadata it builds lazily.
func registeredID(r Rule) string {
	if d, ok := r.(interface{ ruleID() string }); ok {
		return d.ruleID()
	}
	return r.Meta().ID
}
