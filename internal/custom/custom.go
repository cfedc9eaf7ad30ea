// Package custom builds house rules from the custom-rules section of
// .medlint.yml, so that an editor can add a rule in a few lines of YAML
// and get the same positions, directives, severities, reports and fixes as
// a built-in rule. Regular expressions use Go's RE2 syntax: matching time
// is linear in the input, so no pattern can backtrack catastrophically.
package custom

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/lint"
)

// Error is a located problem in a custom rule definition.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Rule is a custom rule: a lint.Rule with the globs of the files it
// applies to.
type Rule interface {
	lint.Rule
	// Files returns the globs of the files the rule applies to (none: all).
	Files() []string
}

// base holds what every custom rule type shares.
type base struct {
	meta    lint.Meta
	files   []string
	message *template.Template
	// fallback is the type's default message, used when message renders
	// blank (a template such as {{if .Max}}...{{end}}): a finding always
	// says something.
	fallback *template.Template
}

func (b *base) Meta() lint.Meta { return b.meta }
func (b *base) Files() []string { return b.files }

// checker is a custom rule of one type. Its patterns compiled when the
// configuration was parsed, so it needs no further preparation.
type checker interface {
	Meta() lint.Meta
	Files() []string
	Run(pass *lint.Pass) error
}

// prepared makes a checker a Rule without options.
type prepared struct{ checker }

func (prepared) NewOptions() any { return nil }

func (p prepared) Prepare(any, lint.Env) (lint.Check, error) { return p.Run, nil }

// messageData is what message templates can use.
type messageData struct {
	// Match is the matched text (pattern, substitute), heading or field
	// name, link host, or the over-long text's first words.
	Match string
	// Replacement is the preferred wording (substitute).
	Replacement string
	// Length and Max are the measured and allowed lengths (max-length).
	Length, Max int
	// Unit is "words" or "characters" (max-length).
	Unit string
}

func (b *base) format(data messageData) string {
	msg := b.execute(b.message, data)
	if strings.TrimSpace(msg) == "" {
		msg = b.execute(b.fallback, data)
	}
	return msg
}

func (b *base) execute(tmpl *template.Template, data messageData) string {
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return fmt.Sprintf("%s: %v", b.meta.ID, err)
	}
	return buf.String()
}

// kinds lists the rule types with their constructors and field names.
var kinds = map[string]struct {
	fields []string
	build  func(d *def) (Rule, error)
	doc    string
}{
	"pattern":          {[]string{"patterns", "phrases", "ignore-case", "scope"}, buildPattern, "flags each match of a regexp or phrase in prose"},
	"substitute":       {[]string{"swap", "ignore-case", "scope"}, buildSubstitute, "flags a word or phrase that has a preferred replacement; fixable"},
	"required-section": {[]string{"heading", "heading-pattern", "level", "after"}, buildRequiredSection, "flags a missing heading"},
	"required-field":   {[]string{"field", "pattern", "value-type"}, buildRequiredField, "flags a missing or malformed front-matter field"},
	"forbidden-link":   {[]string{"hosts"}, buildForbiddenLink, "flags links to listed hosts"},
	"max-length":       {[]string{"unit", "max", "of"}, buildMaxLength, "flags sentences, paragraphs or headings over a length"},
}

var commonFields = []string{"id", "type", "severity", "message", "files", "doc"}

// CommonFields lists the fields every custom rule takes.
func CommonFields() []string { return slices.Clone(commonFields) }

// TypeFields lists the fields a custom rule of type typ takes besides the
// common ones (nil for an unknown type).
func TypeFields(typ string) []string { return slices.Clone(kinds[typ].fields) }

// Types lists the custom rule types.
func Types() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// def is one entry of custom-rules being decoded.
type def struct {
	node   *yaml.Node
	fields map[string]*yaml.Node
	base   base
	errs   []error
}

func (d *def) errorf(n *yaml.Node, format string, args ...any) {
	line := d.node.Line
	if n != nil {
		line = n.Line
	}
	d.errs = append(d.errs, &Error{Line: line, Msg: fmt.Sprintf("custom rule %s: %s", d.base.meta.ID, fmt.Sprintf(format, args...))})
}

// str decodes field name as a string ("" when absent).
func (d *def) str(name string) string {
	n := d.fields[name]
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a string", name)
		return ""
	}
	return n.Value
}

func (d *def) required(name string) string {
	if d.fields[name] == nil {
		d.errorf(nil, "missing field %q", name)
		return ""
	}
	return d.str(name)
}

func (d *def) strings(name string) []string {
	n := d.fields[name]
	if n == nil {
		return nil
	}
	var out []string
	if err := n.Decode(&out); err != nil {
		d.errorf(n, "%s must be a list of strings", name)
	}
	return out
}

func (d *def) boolean(name string, def bool) bool {
	n := d.fields[name]
	if n == nil {
		return def
	}
	var v bool
	if err := n.Decode(&v); err != nil {
		d.errorf(n, "%s must be true or false", name)
	}
	return v
}

func (d *def) integer(name string) (int, bool) {
	n := d.fields[name]
	if n == nil {
		return 0, false
	}
	var v int
	if err := n.Decode(&v); err != nil || v <= 0 {
		d.errorf(n, "%s must be a positive whole number", name)
	}
	return v, true
}

func (d *def) enum(name, def string, allowed ...string) string {
	v := d.str(name)
	if v == "" {
		return def
	}
	if !slices.Contains(allowed, v) {
		d.errorf(d.fields[name], "%s must be one of %s, got %q", name, strings.Join(allowed, ", "), v)
		return def
	}
	return v
}

func (d *def) regexp(n *yaml.Node, expr string, ignoreCase bool) *regexp.Regexp {
	if ignoreCase {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		d.errorf(n, "invalid regular expression %q: %v (RE2 syntax: see https://github.com/google/re2/wiki/Syntax)", expr, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		return nil
	}
	return re
}

// Parse builds the custom rules of a custom-rules sequence node. isBuiltin
// tells whether an id is taken by a built-in rule.
func Parse(n *yaml.Node, isBuiltin func(id string) bool) ([]Rule, []error) {
	if n.Kind != yaml.SequenceNode {
		return nil, []error{&Error{Line: n.Line, Msg: "custom-rules must be a list of rule definitions"}}
	}
	var out []Rule
	var errs []error
	seen := map[string]int{}
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			errs = append(errs, &Error{Line: item.Line, Msg: "each custom rule must be a mapping with id, type, message, ..."})
			continue
		}
		d := &def{node: item, fields: map[string]*yaml.Node{}}
		for i := 0; i+1 < len(item.Content); i += 2 {
			d.fields[item.Content[i].Value] = item.Content[i+1]
		}
		r := d.parse(item, isBuiltin, seen)
		errs = append(errs, d.errs...)
		if r != nil && len(d.errs) == 0 {
			out = append(out, r)
		}
	}
	return out, errs
}

func (d *def) parse(item *yaml.Node, isBuiltin func(string) bool, seen map[string]int) Rule {
	id := d.str("id")
	d.base.meta.ID = id
	switch {
	case d.fields["id"] == nil:
		d.errorf(nil, "missing field \"id\"")
		return nil
	case !lint.ValidID(id):
		d.errorf(d.fields["id"], "id %q must be kebab-case (lower-case words joined by hyphens)", id)
		return nil
	case isBuiltin(id):
		d.errorf(d.fields["id"], "id %q clashes with a built-in rule", id)
		return nil
	}
	if line, dup := seen[id]; dup {
		d.errorf(d.fields["id"], "id %q is already defined on line %d", id, line)
		return nil
	}
	seen[id] = d.fields["id"].Line
	typ := d.required("type")
	kind, ok := kinds[typ]
	if !ok {
		if typ != "" {
			d.errorf(d.fields["type"], "unknown type %q (want %s)", typ, strings.Join(Types(), ", "))
		}
		return nil
	}
	for i := 0; i+1 < len(item.Content); i += 2 {
		k := item.Content[i]
		if !slices.Contains(commonFields, k.Value) && !slices.Contains(kind.fields, k.Value) {
			d.errorf(k, "unknown field %q for type %s (want %s)", k.Value, typ, strings.Join(append(slices.Clone(commonFields), kind.fields...), ", "))
		}
	}
	d.base.meta.Severity = lint.SeverityWarning
	if s := d.str("severity"); s != "" {
		sev, err := lint.ParseSeverity(s)
		if err != nil {
			d.errorf(d.fields["severity"], "%v", err)
		}
		d.base.meta.Severity = sev
	}
	d.base.files = d.strings("files")
	for _, g := range d.base.files {
		if !doublestar.ValidatePattern(g) {
			d.errorf(d.fields["files"], "invalid glob %q", g)
		}
	}
	doc := d.str("doc")
	d.base.meta.Summary = fmt.Sprintf("Custom %s rule: %s", typ, kind.doc)
	if doc != "" {
		d.base.meta.Summary = doc
	}
	d.base.meta.Rationale = doc
	d.base.meta.Notes = fmt.Sprintf("A house rule defined in .medlint.yml (type %s).", typ)
	msg := d.str("message")
	if msg == "" {
		msg = defaultMessages[typ]
	}
	tmpl, err := template.New(id).Option("missingkey=error").Parse(msg)
	if err != nil {
		d.errorf(d.fields["message"], "invalid message template: %v", err)
		return nil
	}
	if err := tmpl.Execute(&bytes.Buffer{}, messageData{}); err != nil {
		d.errorf(d.fields["message"], "invalid message template: %v (placeholders: {{.Match}}, {{.Replacement}}, {{.Length}}, {{.Max}}, {{.Unit}})", err)
		return nil
	}
	d.base.message = tmpl
	d.base.fallback = template.Must(template.New(id).Parse(defaultMessages[typ]))
	r, err := kind.build(d)
	if err != nil {
		d.errorf(nil, "%v", err)
	}
	if len(d.errs) > 0 {
		return nil
	}
	return r
}

var defaultMessages = map[string]string{
	"pattern":          "{{.Match}}: not allowed by house style",
	"substitute":       "use {{printf \"%q\" .Replacement}} instead of {{printf \"%q\" .Match}}",
	"required-section": "missing required section {{printf \"%q\" .Match}}",
	"required-field":   "front matter: {{.Match}}",
	"forbidden-link":   "link to {{.Match}}, which is not accepted as a source",
	"max-length":       "{{.Length}} {{.Unit}}, more than the {{.Max}} allowed: {{printf \"%q\" .Match}}",
}
