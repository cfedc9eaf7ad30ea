package config

import (
	"strings"
	"sync"

	"github.com/medlint/medlint/internal/memo"
)

// resolveKey returns what Resolve's result depends on besides the
// configuration itself: which overrides and which custom rules' file globs
// match rel. Files with one key share one resolved rule set.
func (c *Config) resolveKey(rel string) string {
	var b strings.Builder
	for _, l := range c.chain() {
		lrel := c.relIn(l, rel)
		for _, o := range l.Overrides {
			b.WriteByte('0' + boolByte(matchesAny(o.Files, lrel)))
		}
	}
	b.WriteByte('|')
	for _, cr := range c.Custom {
		b.WriteByte('0' + boolByte(matchesAny(cr.Files(), c.relIn(c.customLayer(cr.Meta().ID), rel))))
	}
	return b.String()
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// ResolveCache resolves rule sets for many files, resolving each distinct
// combination of matching overrides once: on a large corpus Resolve built
// every rule's options (maps, defaults, validation) for every file. The
// returned slices and options are shared and must not be modified (rules
// treat their options as read-only already, since files run concurrently).
// It is safe for concurrent use.
type ResolveCache struct {
	c     *Config
	cache memo.Map[string, resolved]
}

type resolved struct {
	sel *Selection
	err error
	// prepared is sel.Prepare, once for the files that share sel.
	prepared func() ([]Active, error)
}

// NewResolveCache returns a cache over c. c must not change while it is
// used.
func NewResolveCache(c *Config) *ResolveCache {
	return &ResolveCache{c: c}
}

// Resolve is c.Resolve(rel), shared with the files that have the same
// matching overrides.
func (r *ResolveCache) Resolve(rel string) ([]Active, error) {
	res := r.get(rel)
	if res.err != nil {
		return nil, res.err
	}
	return res.prepared()
}

// Select is c.SelectRules(rel), shared like Resolve: the rules selected,
// unprepared (Selection.Active), and a function returning them prepared,
// which prepares them once for all the files that share them (what
// Resolve returns).
func (r *ResolveCache) Select(rel string) ([]Active, func() ([]Active, error), error) {
	res := r.get(rel)
	if res.err != nil {
		return nil, nil, res.err
	}
	return res.sel.Active(), res.prepared, nil
}

func (r *ResolveCache) get(rel string) resolved {
	return r.cache.Get(r.c.resolveKey(rel), func() resolved {
		sel, err := r.c.SelectRules(rel)
		if err != nil {
			return resolved{err: err}
		}
		return resolved{sel: sel, prepared: sync.OnceValues(sel.Prepare)}
	})
}
