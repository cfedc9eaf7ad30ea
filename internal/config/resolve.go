package config

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/custom"
	"github.com/medlint/medlint/internal/lint"
)

// Active is a rule as configured for one file.
type Active struct {
	Rule lint.Rule
	// Severity is the configured severity, or SeverityUnset to keep the
	// rule's (and each diagnostic's) own.
	Severity lint.Severity
	// Options holds the decoded options (nil for rules without options).
	Options any
	// Explicit lists the options the configuration set.
	Explicit map[string]bool
	// Check is the rule prepared with Options (lint.Rule.Prepare), once
	// per configuration; nil in an Active built by hand, which the engine
	// prepares for each document it lints.
	Check lint.Check
	// Checks holds per-check settings (severity or off) by check name.
	Checks map[string]CheckSetting
	// Files are the files the options read (lint.FileReader), with the
	// bytes the rule uses: the result cache keys on them.
	Files []FileRead
	// Kinds, when KindsSet, are the page kinds the rule runs on as
	// configured; otherwise the rule's Meta.Kinds apply.
	Kinds    article.KindSet
	KindsSet bool
}

// AppliesTo returns the page kinds the rule runs on (empty: every kind).
func (a *Active) AppliesTo() article.KindSet {
	if a.KindsSet {
		return a.Kinds
	}
	return a.Rule.Meta().Kinds
}

// Ignored reports whether the config's ignore globs match rel, a path
// relative to the config directory with forward slashes.
// Every layer's globs apply, relative to its folder.
func (c *Config) Ignored(rel string) bool {
	_, ok := c.IgnoredBy(rel)
	return ok
}

// IgnoredBy returns the path of the configuration file whose ignore globs
// match rel ("" for a configuration built by hand), and whether one does.
func (c *Config) IgnoredBy(rel string) (string, bool) {
	for _, l := range c.chain() {
		lrel := c.relIn(l, rel)
		for _, g := range l.Ignore {
			if match(g, lrel) {
				return l.Path, true
			}
		}
	}
	return "", false
}

// matchesAny reports whether rel matches one of globs (no globs: all).
func matchesAny(globs []string, rel string) bool {
	if len(globs) == 0 {
		return true
	}
	for _, g := range globs {
		if match(g, rel) {
			return true
		}
	}
	return false
}

func match(glob, rel string) bool {
	if ok, _ := doublestar.Match(glob, rel); ok {
		return true
	}
	// A glob without a slash matches a base name anywhere, as in .gitignore.
	if !strings.Contains(glob, "/") {
		ok, _ := doublestar.Match(glob, filepath.Base(rel))
		return ok
	}
	return false
}

// Rel returns path relative to the config directory, with forward slashes.
func (c *Config) Rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// Resolve returns the rules that run on the file at rel (relative to the
// config directory), with severities and options from each layer's base
// settings then its matching overrides (nested.go), outermost first, then
// the command-line selection.
func (c *Config) Resolve(rel string) ([]Active, error) {
	sel, err := c.SelectRules(rel)
	if err != nil {
		return nil, err
	}
	return sel.Prepare()
}

// Selection is the rules in force for a file with their options, not yet
// prepared (their Check is nil): what a result cache keys on, so that a
// run whose files it answers prepares no rule (issue 21 item 3: preparing
// them was a quarter of a cached check of one article).
type Selection struct {
	c      *Config
	active []Active
	preps  []preparation
}

// SelectRules is Resolve without the preparation of the rules: their options
// are decoded and checked, and the files they read read; Prepare does the
// rest.
func (c *Config) SelectRules(rel string) (*Selection, error) {
	layers := c.ruleLayers(rel)
	sel := &Selection{c: c}
	for _, r := range c.AllRules() {
		id := r.Meta().ID
		if cr, ok := r.(custom.Rule); ok && !matchesAny(cr.Files(), c.relIn(c.customLayer(id), rel)) {
			continue
		}
		a := Active{Rule: r, Explicit: map[string]bool{}, Kinds: r.Meta().Kinds, KindsSet: true}
		enabled, values, set := applyLayers(&a, id, layers)
		from := c
		if set.layer != nil {
			from = set.layer
		}
		if err := c.finish(&a, &enabled, values, set, from); err != nil {
			// The rules before it are prepared first: an error of theirs
			// comes first, as it would one rule at a time.
			if _, perr := sel.Prepare(); perr != nil {
				return nil, perr
			}
			return nil, err
		}
		if enabled {
			sel.active = append(sel.active, a)
			sel.preps = append(sel.preps, preparation{len(sel.active) - 1, set, from})
		}
	}
	return sel, nil
}

// Active returns the rules selected, unprepared: for reading their
// settings, never for linting. The slice is shared and must not be
// modified.
func (s *Selection) Active() []Active { return s.active }

// Prepare returns the rules selected, prepared (a new slice each call).
func (s *Selection) Prepare() ([]Active, error) {
	out := slices.Clone(s.active)
	if err := s.c.prepareAll(out, s.preps); err != nil {
		return nil, err
	}
	return out, nil
}

// preparation is a rule of Resolve's answer still to be prepared: out[i],
// whose options the layer from set.
type preparation struct {
	i    int
	set  optionsSet
	from *layer
}

// prepareAll prepares the rules of preps (Rule.Prepare, which compiles
// their options: most of the work of resolving a configuration, once per
// configuration) on as many goroutines as the process has CPUs, and
// returns the error of the first rule in out's order that fails, if any.
// Prepare is safe to call concurrently (its caches are sync.Once values),
// and each rule's Check is set in its own element of out.
func (c *Config) prepareAll(out []Active, preps []preparation) error {
	errs := make([]error, len(preps))
	var next atomic.Int64
	work := func() {
		for k := int(next.Add(1) - 1); k < len(preps); k = int(next.Add(1) - 1) {
			errs[k] = c.prepare(&out[preps[k].i], preps[k].set, preps[k].from)
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(preps)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ruleSettings is one layer of rule settings: a file's rules: or one of
// its overrides, and the file.
type ruleSettings struct {
	rules map[string]*RuleConfig
	layer *layer
}

// optionsSet says which layer last set options of a rule, and on which
// line.
type optionsSet struct {
	layer *layer
	line  int
}

// ruleLayers returns the rule settings that apply to rel, in order.
func (c *Config) ruleLayers(rel string) []ruleSettings {
	var out []ruleSettings
	for _, l := range c.chain() {
		out = append(out, ruleSettings{l.Rules, l})
		lrel := c.relIn(l, rel)
		for _, o := range l.Overrides {
			if matchesAny(o.Files, lrel) {
				out = append(out, ruleSettings{o.Rules, l})
			}
		}
	}
	return out
}

// applyLayers merges the settings of rule id over a, layer by layer.
func applyLayers(a *Active, id string, layers []ruleSettings) (bool, map[string]*yaml.Node, optionsSet) {
	enabled := true
	values := map[string]*yaml.Node{}
	var set optionsSet
	for _, layer := range layers {
		rc, ok := layer.rules[id]
		if !ok {
			continue
		}
		if rc.Off {
			enabled = false
		}
		if rc.On {
			enabled = true
		}
		if rc.Severity != lint.SeverityUnset {
			a.Severity = rc.Severity
		}
		for k, v := range rc.Options {
			values[k] = v
			a.Explicit[k] = true
			set = optionsSet{layer.layer, rc.Line}
		}
		if rc.KindsSet {
			a.Kinds, a.KindsSet = rc.Kinds, true
		}
		for k, v := range rc.Checks {
			if a.Checks == nil {
				a.Checks = map[string]CheckSetting{}
			}
			a.Checks[k] = v
		}
	}
	return enabled, values, set
}

// finish applies the command-line selection to a and, when it runs,
// builds its options (prepare then prepares them); from is the layer that
// set them, which errors name and whose folder paths in them are relative
// to.
func (c *Config) finish(a *Active, enabled *bool, values map[string]*yaml.Node, set optionsSet, from *layer) error {
	r, id := a.Rule, a.Rule.Meta().ID
	*enabled = c.selection.apply(id, *enabled, a)
	if !*enabled {
		return nil
	}
	if opts := r.NewOptions(); opts != nil {
		if err := applyOptions(r, opts, values); err != nil {
			return &Error{Path: from.Path, Line: set.line, Msg: fmt.Sprintf("rules.%s: %v", id, err)}
		}
		if bd, ok := opts.(lint.BaseDirSetter); ok {
			bd.SetBaseDir(from.optionDir())
		}
		// Served by the store: the files were read when c was parsed.
		files, err := from.fileStore().readFiles(opts)
		if err != nil {
			return &Error{Path: from.Path, Line: set.line, Msg: fmt.Sprintf("rules.%s: %v", id, err)}
		}
		a.Options, a.Files = opts, files
	}
	return nil
}

// prepare prepares a rule finish enabled (its Check); set and from are
// finish's.
func (c *Config) prepare(a *Active, set optionsSet, from *layer) error {
	explicit := a.Explicit
	check, err := a.Rule.Prepare(a.Options, lint.Env{Explicit: func(name string) bool { return explicit[name] }, KnownRule: c.Known, CheckOn: checkOn(a.Checks)})
	if err != nil {
		return &Error{Path: from.Path, Line: set.line, Msg: fmt.Sprintf("rules.%s: %v", a.Rule.Meta().ID, err)}
	}
	a.Check = check
	return nil
}
