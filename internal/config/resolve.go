package config

import (
	"fmt"
	"path/filepath"
	"strings"

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
	layers := c.ruleLayers(rel)
	var out []Active
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
			return nil, err
		}
		if enabled {
			out = append(out, a)
		}
	}
	return out, nil
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
// builds and prepares its options; from is the layer that set them, which
// errors name and whose folder paths in them are relative to.
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
	explicit := a.Explicit
	check, err := r.Prepare(a.Options, lint.Env{Explicit: func(name string) bool { return explicit[name] }, KnownRule: c.Known, CheckOn: checkOn(a.Checks)})
	if err != nil {
		return &Error{Path: from.Path, Line: set.line, Msg: fmt.Sprintf("rules.%s: %v", id, err)}
	}
	a.Check = check
	return nil
}
