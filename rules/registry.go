package rules

import (
	"fmt"
	"regexp"
	"sort"
	"sync"

	"github.com/medlint/medlint/internal/lint"
)

// The registry is the only package-level mutable state in medlint: rules
// add themselves from init functions and it is read-only afterwards.
var (
	registryMu sync.RWMutex
	registry   = map[string]lint.Rule{}
)

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// ValidID reports whether id is a well-formed kebab-case rule id.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// Register adds r to the registry. It panics on a malformed or duplicate id:
// both are programming errors caught by the first test run.
func Register(r lint.Rule) {
	id := r.Meta().ID
	if !ValidID(id) {
		panic(fmt.Sprintf("rules: invalid rule id %q", id))
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[id]; dup {
		panic(fmt.Sprintf("rules: rule %q registered twice", id))
	}
	registry[id] = r
}

// Lookup returns the rule with the given id.
func Lookup(id string) (lint.Rule, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	r, ok := registry[id]
	return r, ok
}

// All returns every registered rule sorted by id.
func All() []lint.Rule {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]lint.Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Meta().ID < out[j].Meta().ID })
	return out
}
