package config

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/markdownlint"
)

// Names in rules:, --only, --enable and --disable: a rule id, and for a
// user coming from markdownlint the number or alias of a markdownlint rule
// medlint covers (MD024, no-duplicate-heading: a rule; MD004, ul-style:
// one check of a rule, see internal/markdownlint). The command line also
// takes RULE/CHECK.

// alias returns the medlint rule or check a markdownlint name under
// rules: stands for; ok is false for a medlint rule id or an unknown name.
func (p *parser) alias(name string) (markdownlint.Target, bool) {
	if _, ok := p.lookup(name); ok {
		return markdownlint.Target{}, false
	}
	m, ok := markdownlint.Lookup(name)
	return m.Target, ok
}

// renamed returns a copy of key naming rule instead, so that `MD024:` is
// read as `duplicate-heading:`.
func renamed(key *yaml.Node, rule string) *yaml.Node {
	k := *key
	k.Value = rule
	return &k
}

// checkAlias is a markdownlint name under rules: that stands for one check
// of a rule (MD004: off), applied once the rule's own entry is read.
type checkAlias struct {
	key, value *yaml.Node
	target     markdownlint.Target
}

// applyCheckAliases sets the checks that markdownlint names stand for, as
// if written under the rule's checks: (MD004: off is list-format's
// checks: {marker-style: off}). A check set twice is an error.
func (p *parser) applyCheckAliases(out map[string]*RuleConfig, aliases []checkAlias) {
	for _, a := range aliases {
		rule, check := a.target.Rule, a.target.Check
		setting, ok := p.checkAliasSetting(a)
		if !ok {
			continue
		}
		rc := out[rule]
		if rc == nil {
			rc = &RuleConfig{Line: a.key.Line, Options: map[string]*yaml.Node{}}
			out[rule] = rc
		}
		if rc.Checks == nil {
			rc.Checks = map[string]CheckSetting{}
		}
		if _, dup := rc.Checks[check]; dup {
			p.errorf(a.key.Line, "rules.%s: %s is %s's check %s, which this configuration already sets: keep one", a.key.Value, a.key.Value, rule, check)
			continue
		}
		rc.Checks[check] = setting
	}
}

// checkAliasSetting reads the value of a check alias: a severity, off or
// on (true, false), or a mapping holding only severity.
func (p *parser) checkAliasSetting(a checkAlias) (CheckSetting, bool) {
	v := a.value
	if v.Kind == yaml.MappingNode {
		var sev *yaml.Node
		for i := 0; i+1 < len(v.Content); i += 2 {
			if k := v.Content[i]; k.Value != "severity" {
				p.errorf(k.Line, "rules.%s: %s is %s's check %s, which takes only a severity here; its options are %s's (`medlint explain %s`)", a.key.Value, a.key.Value, a.target.Rule, a.target.Check, a.target.Rule, a.target.Rule)
				return CheckSetting{}, false
			}
			sev = v.Content[i+1]
		}
		if sev == nil {
			return CheckSetting{}, true
		}
		v = sev
	}
	rc := &RuleConfig{}
	before := len(p.errs)
	p.severity(rc, v, a.key.Value)
	if len(p.errs) > before {
		return CheckSetting{}, false
	}
	return CheckSetting{Off: rc.Off, Severity: rc.Severity}, true
}

// sameRule reports a second key naming a rule already configured (MD024
// and duplicate-heading).
func (p *parser) sameRule(from map[string]*yaml.Node, key *yaml.Node, rule string) bool {
	if prev, ok := from[rule]; ok {
		p.errorf(key.Line, "rules: %s and %s (line %d) both configure %s: keep one", key.Value, prev.Value, prev.Line, rule)
		return true
	}
	from[rule] = key
	return false
}

// unknownRule says that name names no rule, with what it may have meant.
func unknownRule(name string) string {
	if strings.HasPrefix(strings.ToUpper(name), "MD") && len(name) == 5 {
		var ids []string
		for _, m := range markdownlint.Rules {
			ids = append(ids, m.ID)
		}
		return fmt.Sprintf("%q is a markdownlint rule medlint does not cover (it covers %s)", name, strings.Join(ids, ", "))
	}
	return fmt.Sprintf("unknown rule %q%s (run `medlint rules` for the list)", name, suggest(name))
}

// checkOn returns whether the settings switch a named check on.
func checkOn(checks map[string]CheckSetting) func(string) bool {
	return func(name string) bool {
		cs, ok := checks[name]
		return ok && !cs.Off
	}
}

// Select applies the command line's --only, --enable and --disable lists
// on top of the file. Each name is a rule, RULE/CHECK, or a markdownlint
// rule medlint covers (MD004: list-format/marker-style).
func (c *Config) Select(only, enable, disable []string) error {
	for _, l := range []struct {
		flag  string
		names []string
		pick  *pick
	}{{"only", only, &c.selection.only}, {"enable", enable, &c.selection.enable}, {"disable", disable, &c.selection.disable}} {
		*l.pick = pick{}
		for _, name := range l.names {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			t, err := c.selectName(name)
			if err != nil {
				return fmt.Errorf("--%s: %w", l.flag, err)
			}
			l.pick.add(t)
		}
		if len(l.pick.rules) == 0 {
			*l.pick = pick{}
		}
	}
	return nil
}

// selectName resolves one name of --only, --enable or --disable.
func (c *Config) selectName(name string) (markdownlint.Target, error) {
	if c.Known(name) {
		return markdownlint.Target{Rule: name}, nil
	}
	if m, ok := markdownlint.Lookup(name); ok {
		return m.Target, nil
	}
	rule, check, ok := strings.Cut(name, "/")
	if !ok {
		return markdownlint.Target{}, fmt.Errorf("%s", unknownRule(name))
	}
	r, known := c.Lookup(rule)
	if !known {
		return markdownlint.Target{}, fmt.Errorf("%s", unknownRule(rule))
	}
	var names []string
	for _, cd := range r.Meta().Checks {
		names = append(names, cd.Name)
	}
	if !slices.Contains(names, check) {
		if len(names) == 0 {
			return markdownlint.Target{}, fmt.Errorf("%q: rule %s has no named checks", name, rule)
		}
		return markdownlint.Target{}, fmt.Errorf("%q: unknown check %q of %s (want %s)", name, check, rule, strings.Join(names, ", "))
	}
	return markdownlint.Target{Rule: rule, Check: check}, nil
}

// pick is the rules and checks one flag names: rules[id] is true when the
// whole rule is named, false when only some checks are.
type pick struct {
	rules  map[string]bool
	checks map[string][]string
}

func (p *pick) add(t markdownlint.Target) {
	if p.rules == nil {
		p.rules, p.checks = map[string]bool{}, map[string][]string{}
	}
	if t.Check == "" {
		p.rules[t.Rule] = true
		return
	}
	if _, ok := p.rules[t.Rule]; !ok {
		p.rules[t.Rule] = false
	}
	p.checks[t.Rule] = append(p.checks[t.Rule], t.Check)
}

// apply applies the selection to rule id, enabled or not by the file:
// whether it runs, and a's check settings for the checks named.
func (s selection) apply(id string, enabled bool, a *Active) bool {
	setCheck := func(name string, cs CheckSetting) {
		if a.Checks == nil {
			a.Checks = map[string]CheckSetting{}
		}
		a.Checks[name] = cs
	}
	// A check named to run keeps a severity the file gives it.
	on := func(name string) {
		cs := a.Checks[name]
		setCheck(name, CheckSetting{Severity: cs.Severity})
	}
	if s.only.rules != nil {
		whole, named := s.only.rules[id]
		if !named {
			return false
		}
		if !whole {
			for _, cd := range a.Rule.Meta().Checks {
				if !slices.Contains(s.only.checks[id], cd.Name) {
					setCheck(cd.Name, CheckSetting{Off: true})
				}
			}
			for _, name := range s.only.checks[id] {
				on(name)
			}
		}
		enabled = true
	}
	if _, named := s.enable.rules[id]; named {
		enabled = true
		for _, name := range s.enable.checks[id] {
			on(name)
		}
	}
	if whole, named := s.disable.rules[id]; named {
		if whole {
			return false
		}
		for _, name := range s.disable.checks[id] {
			setCheck(name, CheckSetting{Off: true})
		}
	}
	return enabled
}
