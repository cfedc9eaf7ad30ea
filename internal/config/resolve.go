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
func (c *Config) Ignored(rel string) bool {
	for _, g := range c.Ignore {
		if match(g, rel) {
			return true
		}
	}
	return false
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
// config directory), with severities and options from the base settings,
// then every matching override in order, then the command-line selection.
func (c *Config) Resolve(rel string) ([]Active, error) {
	layers := []map[string]*RuleConfig{c.Rules}
	for _, o := range c.Overrides {
		if matchesAny(o.Files, rel) {
			layers = append(layers, o.Rules)
		}
	}
	var out []Active
	for _, r := range c.AllRules() {
		id := r.Meta().ID
		if cr, ok := r.(custom.Rule); ok && !matchesAny(cr.Files(), rel) {
			continue
		}
		enabled, line := true, 0
		a := Active{Rule: r, Explicit: map[string]bool{}, Kinds: r.Meta().Kinds, KindsSet: true}
		values := map[string]*yaml.Node{}
		for _, layer := range layers {
			rc, ok := layer[id]
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
				line = rc.Line
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
		enabled = c.selection.apply(id, enabled, &a)
		if !enabled {
			continue
		}
		if opts := r.NewOptions(); opts != nil {
			if err := applyOptions(r, opts, values); err != nil {
				return nil, &Error{Path: c.Path, Msg: fmt.Sprintf("rules.%s: %v", id, err)}
			}
			if bd, ok := opts.(lint.BaseDirSetter); ok {
				bd.SetBaseDir(c.Dir)
			}
			// Served by the store: the files were read when c was parsed.
			files, err := c.fileStore().readFiles(opts)
			if err != nil {
				return nil, &Error{Path: c.Path, Msg: fmt.Sprintf("rules.%s: %v", id, err)}
			}
			a.Options, a.Files = opts, files
		}
		explicit := a.Explicit
		check, err := r.Prepare(a.Options, lint.Env{Explicit: func(name string) bool { return explicit[name] }, KnownRule: c.Known, CheckOn: checkOn(a.Checks)})
		if err != nil {
			return nil, &Error{Path: c.Path, Line: line, Msg: fmt.Sprintf("rules.%s: %v", id, err)}
		}
		a.Check = check
		out = append(out, a)
	}
	return out, nil
}
