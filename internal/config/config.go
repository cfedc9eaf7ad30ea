// Package config loads .medlint.yml: rule severities and options, ignore
// globs and per-path overrides. Every error names the file and line.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/custom"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

// FileNames are the names looked for when no --config is given.
var FileNames = []string{".medlint.yml", ".medlint.yaml"}

// Error is a configuration error located in a file.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	if e.Path != "" {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return e.Msg
}

// Config is a loaded configuration.
type Config struct {
	// Path is the file it came from ("" for the defaults).
	Path string
	// Dir is the directory globs are relative to.
	Dir string
	// Ignore lists globs of paths not to lint.
	Ignore []string
	// Rules holds the base settings per rule id.
	Rules map[string]*RuleConfig
	// Overrides apply, in order, to the files their globs match.
	Overrides []*Override
	// Custom holds the house rules defined under custom-rules.
	Custom []custom.Rule
	// MaxFileSize is the size in bytes above which a file is skipped with
	// an error (0: DefaultMaxFileSize).
	MaxFileSize int64
	// Article is the page-kind and provider configuration (page-kinds:,
	// providers:), or nil for the defaults.
	Article *article.Config
	// KindGlobs give files a page kind by path (page-kinds.files), in
	// order: the first match wins.
	KindGlobs []KindGlob
	// Limits bound what one file may ask of the parser (max-nesting,
	// max-table-cells, max-parse-cost); a file over one is not linted.
	Limits document.Limits
	// Source is the content of the file the configuration was parsed from
	// (nil for the defaults); the result cache keys on it, since custom
	// rules are defined by it.
	Source []byte
	// Root marks a file "root: true": the folders above it are not
	// searched for configuration files.
	Root bool
	// IgnoreFiles is ignore-files: false to read no .gitignore or
	// .medlintignore (nil: not set, they are read).
	IgnoreFiles *bool

	selection selection
	// keys are the top-level keys the file sets (nested.go).
	keys map[string]bool
	// layers are the files the configuration is made of, outermost first
	// (nested.go; nil: the configuration is its own only layer).
	layers []*layer
	// optDir, when set, is the folder the paths in options are relative
	// to, for a file extended from another folder than Dir.
	optDir string
	// sum is Sum, computed when the layers were merged.
	sum [32]byte
	// files holds the files the rules' options read (files.go).
	files *fileStore
}

// RuleConfig is one rule's entry under "rules:".
type RuleConfig struct {
	// Severity is the configured severity (SeverityUnset: the rule's own).
	Severity lint.Severity
	// Off switches the rule off ("severity: off").
	Off bool
	// On switches a rule back on (set by an override's severity).
	On bool
	// Options maps option names to their YAML values.
	Options map[string]*yaml.Node
	// Checks sets the severity of single checks of a rule with several
	// ("checks: {marker-style: off, fake-bullet: error}").
	Checks map[string]CheckSetting
	// Kinds, when KindsSet, are the page kinds the rule applies to
	// ("kinds: [advice, product]"), replacing the rule's own.
	Kinds    article.KindSet
	KindsSet bool
	// Line is the line of the rule's key.
	Line int
}

// CheckSetting is the configured severity of one check.
type CheckSetting struct {
	Off      bool
	Severity lint.Severity
}

// Override is one entry of "overrides:".
type Override struct {
	Files []string
	Rules map[string]*RuleConfig
	Line  int
}

// selection is the command line's --only, --enable and --disable
// (aliases.go).
type selection struct {
	only, enable, disable pick
}

// DefaultMaxFileSize bounds the articles medlint reads: 32 MB.
const DefaultMaxFileSize = 32 << 20

// Default returns the configuration used when there is no file.
func Default(dir string) *Config {
	return &Config{Dir: dir, Rules: map[string]*RuleConfig{}, MaxFileSize: DefaultMaxFileSize, files: newFileStore(), Limits: document.DefaultLimits}
}

// ParseSize parses a size such as "32MB", "512 KB", "1GiB" or "1048576"
// (bytes).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSuffix(t, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q is not a size such as 32MB, 512KB or 1048576 (bytes)", s)
	}
	return n * mult, nil
}

// Find looks for a config file in dir and its parents, stopping at the
// repository root (a directory holding .git) or the file-system root. It
// returns "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding config: %w", err)
	}
	for {
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, nil
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and validates the config file at path, and the files it
// extends.
func Load(path string) (*Config, error) {
	layers, err := loadLayers(path, nil)
	if err != nil {
		return nil, err
	}
	return withLayers(layers), nil
}

// loadLayers reads the config file at path and returns its layers (see
// parseLayers), with inherit the configuration of the folders above.
func loadLayers(path string, inherit *Config) ([]*layer, error) {
	data, err := readConfigFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	dir := filepath.Dir(abs)
	return parseLayers(source{path: path, globDir: dir, optDir: dir, data: data}, inherit, nil)
}

// Parse validates config data read from path, with globs relative to dir,
// and loads the files it extends (relative to path's folder).
func Parse(path, dir string, data []byte) (*Config, error) {
	layers, err := parseLayers(source{path: path, globDir: dir, optDir: dir, data: data}, nil, nil)
	if err != nil {
		return nil, err
	}
	return withLayers(layers), nil
}

// source is a configuration file to parse: its path, content, the folder
// its globs are relative to and the folder the paths its options name are
// relative to (the same but for a file extended from another folder).
type source struct {
	path, globDir, optDir string
	data                  []byte
}

// parseLayers parses src and the files it extends, and returns its layers:
// those of the files it extends, in order, then its own. inherit, when
// set, is the configuration of the folders above, whose custom rules src
// may configure; stack holds the files that extend src, for cycles.
func parseLayers(src source, inherit *Config, stack []string) ([]*layer, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src.data, &root); err != nil {
		return nil, yamlSyntaxError(src.path, err)
	}
	c := Default(src.globDir)
	c.Path, c.Source, c.keys = src.path, src.data, map[string]bool{}
	if src.optDir != src.globDir {
		c.optDir = src.optDir
	}
	if len(root.Content) == 0 {
		return []*layer{c}, nil // empty file
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, &Error{Path: src.path, Line: doc.Line, Msg: "config must be a mapping with keys rules, ignore, overrides"}
	}
	p := parser{path: src.path, dir: src.optDir, files: c.files}
	bases, err := p.loadExtends(doc, src, inherit, stack)
	if err != nil {
		return nil, err
	}
	p.lookup = lookupIn(c, bases, inherit)
	p.parseDoc(c, doc)
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return append(bases, c), nil
}

// lookupIn looks a rule up in c, then in the layers it extends (the last
// first), then in inherit.
func lookupIn(c *Config, bases []*layer, inherit *Config) func(string) (lint.Rule, bool) {
	return func(id string) (lint.Rule, bool) {
		if r, ok := c.Lookup(id); ok {
			return r, true
		}
		for i := len(bases) - 1; i >= 0; i-- {
			if r, ok := bases[i].Lookup(id); ok {
				return r, true
			}
		}
		if inherit != nil {
			return inherit.Lookup(id)
		}
		return nil, false
	}
}

// parseDoc reads the keys of the document doc into c.
func (p *parser) parseDoc(c *Config, doc *yaml.Node) {
	// Custom rules first: rules: and overrides: may configure them.
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if k, v := doc.Content[i], doc.Content[i+1]; k.Value == "custom-rules" {
			var errs []error
			c.Custom, errs = custom.Parse(v, func(id string) bool { _, ok := lint.Lookup(id); return ok })
			for _, err := range errs {
				var ce *custom.Error
				if errors.As(err, &ce) {
					p.errorf(ce.Line, "%s", ce.Msg)
				} else {
					p.errorf(v.Line, "%v", err)
				}
			}
		}
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		c.keys[k.Value] = true
		p.key(c, k, v)
	}
}

// key reads one top-level key.
func (p *parser) key(c *Config, k, v *yaml.Node) {
	switch k.Value {
	case "custom-rules", "extends":
	case "root":
		c.Root = p.boolValue(v, "root")
	case "ignore-files":
		b := p.boolValue(v, "ignore-files")
		c.IgnoreFiles = &b
	case "rules":
		c.Rules = p.rules(v)
	case "ignore":
		c.Ignore = p.globs(v, "ignore")
	case "overrides":
		c.Overrides = p.overrides(v)
	case "page-kinds":
		p.pageKinds(c, v)
	case "providers":
		p.providers(c, v)
	case "max-file-size":
		n, err := ParseSize(v.Value)
		if err != nil || v.Kind != yaml.ScalarNode {
			p.errorf(v.Line, "max-file-size: %v", err)
			return
		}
		c.MaxFileSize = n
	case "max-nesting":
		p.limit(&c.Limits.Nesting, k.Value, v)
	case "max-table-cells":
		p.limit(&c.Limits.TableCells, k.Value, v)
	case "max-parse-cost":
		p.limit(&c.Limits.ParseCost, k.Value, v)
	default:
		p.errorf(k.Line, "unknown key %q (want rules, custom-rules, ignore, overrides, page-kinds, providers, max-file-size, max-nesting, max-table-cells, max-parse-cost, root, extends or ignore-files)", k.Value)
	}
}

// limit sets one of the parse limits from a positive integer.
func (p *parser) limit(dst *int, key string, v *yaml.Node) {
	n, err := strconv.Atoi(strings.ReplaceAll(v.Value, "_", ""))
	if v.Kind != yaml.ScalarNode || err != nil || n <= 0 {
		p.errorf(v.Line, "%s: want a positive whole number, got %q", key, nodeText(v))
		return
	}
	*dst = n
}

func yamlSyntaxError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		_, rest, _ := strings.Cut(msg, ":")
		return &Error{Path: path, Line: line, Msg: "invalid YAML: " + strings.TrimSpace(rest)}
	}
	return &Error{Path: path, Msg: "invalid YAML: " + msg}
}

type parser struct {
	path   string
	dir    string
	errs   []error
	lookup func(id string) (lint.Rule, bool)
	files  *fileStore
}

// Lookup returns the built-in or custom rule with the given id.
func (c *Config) Lookup(id string) (lint.Rule, bool) {
	if r, ok := lint.Lookup(id); ok {
		return r, true
	}
	for _, r := range c.Custom {
		if r.Meta().ID == id {
			return r, true
		}
	}
	return nil, false
}

// AllRules returns the built-in and custom rules, sorted by id.
func (c *Config) AllRules() []lint.Rule {
	all := lint.Builtin()
	for _, r := range c.Custom {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Meta().ID < all[j].Meta().ID })
	return all
}

// Known reports whether id names a built-in or custom rule.
func (c *Config) Known(id string) bool {
	_, ok := c.Lookup(id)
	return ok
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{Path: p.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) globs(v *yaml.Node, key string) []string {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, "%s must be a list of globs", key)
		return nil
	}
	var out []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || item.Value == "" {
			p.errorf(item.Line, "%s: each entry must be a glob string", key)
			continue
		}
		if !doublestar.ValidatePattern(item.Value) {
			p.errorf(item.Line, "%s: invalid glob %q", key, item.Value)
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

func (p *parser) overrides(v *yaml.Node) []*Override {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, "overrides must be a list of {files, rules} entries")
		return nil
	}
	var out []*Override
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			p.errorf(item.Line, "each override must be a mapping with files and rules")
			continue
		}
		o := &Override{Line: item.Line}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, val := item.Content[i], item.Content[i+1]
			switch k.Value {
			case "files":
				o.Files = p.globs(val, "overrides.files")
			case "rules":
				o.Rules = p.rules(val)
			default:
				p.errorf(k.Line, "unknown key %q in override (want files or rules)", k.Value)
			}
		}
		if len(o.Files) == 0 {
			p.errorf(item.Line, "override has no files globs")
		}
		out = append(out, o)
	}
	return out
}

func (p *parser) rules(v *yaml.Node) map[string]*RuleConfig {
	out := map[string]*RuleConfig{}
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "rules must map rule ids to settings")
		return out
	}
	var aliases []checkAlias
	from := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if t, ok := p.alias(k.Value); ok {
			if t.Check != "" {
				aliases = append(aliases, checkAlias{key: k, value: val, target: t})
				continue
			}
			k = renamed(k, t.Rule) // MD024: is duplicate-heading:
		}
		r, ok := p.lookup(k.Value)
		if !ok {
			p.errorf(k.Line, "%s", unknownRule(k.Value))
			continue
		}
		if p.sameRule(from, v.Content[i], k.Value) {
			continue
		}
		rc := &RuleConfig{Line: k.Line, Options: map[string]*yaml.Node{}}
		out[k.Value] = rc
		switch val.Kind {
		case yaml.ScalarNode:
			// Short form: `rule: warning` or `rule: off`.
			p.severity(rc, val, k.Value)
		case yaml.MappingNode:
			for j := 0; j+1 < len(val.Content); j += 2 {
				ok, ov := val.Content[j], val.Content[j+1]
				if ok.Value == "severity" {
					p.severity(rc, ov, k.Value)
					continue
				}
				if ok.Value == "checks" {
					rc.Checks = p.checks(r, ov)
					continue
				}
				if ok.Value == "kinds" {
					rc.Kinds, rc.KindsSet = p.kinds(ov, k.Value)
					continue
				}
				rc.Options[ok.Value] = ov
				if err := decodeOption(r, r.NewOptions(), ok.Value, ov); err != nil {
					p.errorf(errLine(ok, ov, err), "rules.%s.%s: %v", k.Value, ok.Value, err)
				}
			}
			if opts := r.NewOptions(); opts != nil {
				if err := applyOptions(r, opts, rc.Options); err == nil {
					if bd, ok := opts.(lint.BaseDirSetter); ok {
						bd.SetBaseDir(p.dir)
					}
					// The files every layer names are read here, once.
					if _, err := p.files.readFiles(opts); err != nil {
						p.errorf(k.Line, "rules.%s: %v", k.Value, err)
					} else if _, err := r.Prepare(opts, lint.Env{Explicit: setIn(rc.Options)}); err != nil {
						p.errorf(k.Line, "rules.%s: %v", k.Value, err)
					}
				}
			}
		default:
			p.errorf(val.Line, "rules.%s must be a severity or a mapping of settings", k.Value)
		}
	}
	p.applyCheckAliases(out, aliases)
	return out
}

// setIn returns whether the configuration set an option, from its values.
func setIn(values map[string]*yaml.Node) func(name string) bool {
	return func(name string) bool { _, ok := values[name]; return ok }
}

func errLine(k, v *yaml.Node, err error) int {
	var ue unknownOptionError
	if errors.As(err, &ue) {
		return k.Line
	}
	var fe *unknownFieldError
	if errors.As(err, &fe) {
		return fe.line
	}
	return v.Line
}

// unknownFieldError is a key of an option's entries ({term, plain, ...})
// that the entries do not have: a typo yaml would otherwise drop.
type unknownFieldError struct {
	line int
	msg  string
}

func (e *unknownFieldError) Error() string { return e.msg }

// unknownField returns an error naming the first key of v that the struct
// type t, or a struct t holds, has no field for.
func unknownField(v *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Slice && v.Kind == yaml.SequenceNode:
		for _, item := range v.Content {
			if err := unknownField(item, t.Elem()); err != nil {
				return err
			}
		}
	case t.Kind() == reflect.Map && v.Kind == yaml.MappingNode:
		for i := 1; i < len(v.Content); i += 2 {
			if err := unknownField(v.Content[i], t.Elem()); err != nil {
				return err
			}
		}
	case t.Kind() == reflect.Struct && v.Kind == yaml.MappingNode:
		return unknownStructField(v, t)
	}
	return nil
}

func unknownStructField(v *yaml.Node, t reflect.Type) error {
	fields := map[string]reflect.Type{}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name != "" && name != "-" && f.IsExported() {
			fields[name] = f.Type
			names = append(names, name)
		}
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i]
		if k.Tag == "!!merge" {
			continue // <<: *entry merges a mapping yaml already decoded
		}
		ft, ok := fields[k.Value]
		if !ok {
			return &unknownFieldError{line: k.Line, msg: fmt.Sprintf("unknown key %q in an entry (want %s)", k.Value, strings.Join(names, ", "))}
		}
		if err := unknownField(v.Content[i+1], ft); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) severity(rc *RuleConfig, v *yaml.Node, rule string) {
	s := v.Value
	if v.Kind != yaml.ScalarNode {
		p.errorf(v.Line, "rules.%s.severity must be error, warning, info or off", rule)
		return
	}
	switch strings.ToLower(s) {
	case "off", "false", "none", "disabled":
		rc.Off = true
		return
	case "on", "true":
		rc.On = true
		return
	}
	sev, err := lint.ParseSeverity(s)
	if err != nil {
		p.errorf(v.Line, "rules.%s.severity: unknown severity %q (want error, warning, info or off)", rule, s)
		return
	}
	rc.Severity = sev
	rc.On = true
}

// checks reads a rule's `checks:` mapping of check names to severities.
func (p *parser) checks(r lint.Rule, v *yaml.Node) map[string]CheckSetting {
	meta := r.Meta()
	out := map[string]CheckSetting{}
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "rules.%s.checks must map check names to error, warning, info or off", meta.ID)
		return out
	}
	var names []string
	for _, c := range meta.Checks {
		names = append(names, c.Name)
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if !slices.Contains(names, k.Value) {
			if len(names) == 0 {
				p.errorf(k.Line, "rules.%s.checks: the rule has no named checks", meta.ID)
			} else {
				p.errorf(k.Line, "rules.%s.checks: unknown check %q (want %s)", meta.ID, k.Value, strings.Join(names, ", "))
			}
			continue
		}
		if strings.EqualFold(val.Value, "off") {
			out[k.Value] = CheckSetting{Off: true}
			continue
		}
		sev, err := lint.ParseSeverity(val.Value)
		if err != nil || val.Kind != yaml.ScalarNode {
			p.errorf(val.Line, "rules.%s.checks.%s: unknown severity %q (want error, warning, info or off)", meta.ID, k.Value, val.Value)
			continue
		}
		out[k.Value] = CheckSetting{Severity: sev}
	}
	return out
}

type unknownOptionError struct{ msg string }

func (e unknownOptionError) Error() string { return e.msg }

// decodeOption sets option name of opts (a pointer to r's options struct)
// from v.
func decodeOption(r lint.Rule, opts any, name string, v *yaml.Node) error {
	docs := lint.Options(r)
	if opts == nil {
		return unknownOptionError{fmt.Sprintf("unknown option %q: rule %s takes no options besides severity", name, r.Meta().ID)}
	}
	idx := slices.IndexFunc(docs, func(o lint.OptionDoc) bool { return o.Name == name })
	if idx < 0 {
		names := []string{"severity"}
		for _, o := range docs {
			names = append(names, o.Name)
		}
		return unknownOptionError{fmt.Sprintf("unknown option %q (rule %s takes %s)", name, r.Meta().ID, strings.Join(names, ", "))}
	}
	od := docs[idx]
	field := reflect.ValueOf(opts).Elem().Field(od.Field)
	fresh := reflect.New(field.Type())
	if err := v.Decode(fresh.Interface()); err != nil {
		return fmt.Errorf("want %s, got %q", od.Type, nodeText(v))
	}
	if err := unknownField(v, field.Type()); err != nil {
		return err
	}
	if len(od.Enum) > 0 && field.Kind() == reflect.String && !slices.Contains(od.Enum, fresh.Elem().String()) {
		return fmt.Errorf("want one of %s, got %q", strings.Join(od.Enum, ", "), fresh.Elem().String())
	}
	field.Set(fresh.Elem())
	return nil
}

func nodeText(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		return v.Value
	}
	out, _ := yaml.Marshal(v)
	return strings.TrimSpace(string(out))
}

// applyOptions decodes every option in order onto opts.
func applyOptions(r lint.Rule, opts any, values map[string]*yaml.Node) error {
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := decodeOption(r, opts, n, values[n]); err != nil {
			return err
		}
	}
	return nil
}

// suggest returns " (did you mean X?)" for a near-miss rule id.
func suggest(id string) string {
	best, bestD := "", 4
	for _, r := range lint.Builtin() {
		if d := distance(id, r.Meta().ID); d < bestD {
			best, bestD = r.Meta().ID, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance of a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
