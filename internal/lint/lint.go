// Package lint is medlint's rule API: what a rule is (Rule, Meta), what it
// sees (Pass) and what it reports (Diagnostic, Fix, Edit, Severity). It
// imports no rule; the rules live in package rules, and the engine, the
// reports and the cache need only this package to speak of them.
//
// A rule is data plus a Run function, in the spirit of
// golang.org/x/tools/go/analysis: Meta describes it (id, documentation,
// default severity), NewOptions returns its typed options filled with their
// defaults for the configuration to decode into, Prepare checks and
// compiles them once per configuration, and the Check it returns inspects
// one parsed document through a Pass and reports Diagnostics with byte
// ranges and optional fixes. The engine, not the rule,
// turns byte offsets into lines and columns, applies inline directives and
// severities, and sorts the results.
package lint

import (
	"fmt"
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/document"
)

// Rule is implemented by every rule; a built-in rule is a Definition.
// Implementations must be safe for concurrent use: a prepared Check runs
// from several goroutines at once, each with its own Pass.
type Rule interface {
	// Meta describes the rule. It returns data built once (a package-level
	// value), the same every time: callers ask it freely.
	Meta() Meta
	// NewOptions returns a pointer to a fresh options struct holding the
	// defaults, or nil when the rule takes no options. Fields are exported,
	// tagged `yaml:"name"` and optionally `doc:"..."` and `enum:"a,b,c"`.
	// The configuration decodes its settings into it.
	NewOptions() any
	// Prepare checks options (a value NewOptions returned, with the
	// configuration applied; nil for the defaults) and compiles what the
	// rule needs to run (regular expressions, lexicons), once per
	// configuration. Its error is a configuration error. The Check it
	// returns inspects one document.
	Prepare(options any, env Env) (Check, error)
}

// Check is a prepared rule: it checks one document and reports through
// pass. It returns an error, and does not panic, when it cannot check:
// the engine reports the error as an internal error of the file and the
// rule, and runs the other rules. It opens no file.
type Check func(pass *Pass) error

// Env is what a rule's prepare step may know of the configuration beyond
// the rule's own options. Its functions are never nil once Prepare has
// them (see Env.orDefaults).
type Env struct {
	// Explicit reports whether the configuration set the option name (as
	// opposed to leaving its default), for defaults that follow other
	// options.
	Explicit func(option string) bool
	// KnownRule reports whether id names a rule, built-in or configured.
	KnownRule func(id string) bool
	// CheckOn reports whether the configuration switched the rule's named
	// check on by name (checks: {NAME: warning}, a markdownlint alias such
	// as MD004, --only RULE/NAME), for checks that are off unless asked
	// for.
	CheckOn func(check string) bool
}

// orDefaults returns env with its nil functions answering false.
func (env Env) orDefaults() Env {
	if env.Explicit == nil {
		env.Explicit = func(string) bool { return false }
	}
	if env.KnownRule == nil {
		env.KnownRule = func(string) bool { return false }
	}
	if env.CheckOn == nil {
		env.CheckOn = func(string) bool { return false }
	}
	return env
}

// NoOptions is the options type of a rule that takes none.
type NoOptions struct{}

// Definition is a rule as data, in the spirit of go/analysis's Analyzer:
// its metadata, the defaults of its typed options O, and either Run (the
// check, given the options as configured) or Build (which validates and
// compiles the options once per configuration and returns the check): its
// Prepare method calls one of them.
// The options reach the rule typed: no rule asserts an any.
type Definition[O any] struct {
	Info Meta
	// LazyInfo, if set, returns the full metadata instead of Info, built
	// on first use: for a rule whose documentation lists a built-in
	// lexicon (a long text built from its data). It must return the same
	// value on every call (wrap it in sync.OnceValue), must not compile
	// the lexicon (metadata is asked for by every run, which may not run
	// the rule), and Info must still hold the rule's ID, which
	// registering and sorting the rules read.
	LazyInfo func() Meta
	// Defaults returns fresh options holding the defaults; nil for a rule
	// without options (O is then NoOptions and Run and Prepare get nil).
	Defaults func() *O
	// Build, if set, checks the options and builds the check. Its error
	// is a configuration error.
	Build func(opts *O, env Env) (Check, error)
	// Run, when Build is nil, is the check of a rule whose options need
	// no preparation.
	Run func(pass *Pass, opts *O) error
}

// Meta implements Rule.
func (d *Definition[O]) Meta() Meta {
	if d.LazyInfo != nil {
		return d.LazyInfo()
	}
	return d.Info
}

// ruleID returns the rule's id without building lazy metadata.
func (d *Definition[O]) ruleID() string { return d.Info.ID }

// NewOptions implements Rule.
func (d *Definition[O]) NewOptions() any {
	if d.Defaults == nil {
		return nil
	}
	return d.Defaults()
}

// Prepare implements Rule: the one place where options meet their type.
func (d *Definition[O]) Prepare(options any, env Env) (Check, error) {
	var opts *O
	switch o := options.(type) {
	case nil:
		if d.Defaults != nil {
			opts = d.Defaults()
		}
	case *O:
		opts = o
	default:
		return nil, fmt.Errorf("rule %s: options of type %T, want %T", d.Info.ID, options, opts)
	}
	switch {
	case d.Build != nil:
		return d.Build(opts, env.orDefaults())
	case d.Run != nil:
		return func(pass *Pass) error { return d.Run(pass, opts) }, nil
	default:
		return nil, fmt.Errorf("rule %s defines neither Run nor Build", d.Info.ID)
	}
}

// Meta is the documentation and identity of a rule.
type Meta struct {
	// ID is the rule's permanent kebab-case identifier.
	ID string
	// Summary is a one-line description.
	Summary string
	// Rationale says why the rule exists.
	Rationale string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Bad is a short Markdown example the rule flags.
	Bad string
	// Good is the corrected example.
	Good string
	// Checks names the sub-checks of a rule that has several, for docs and
	// for the "check" field of findings.
	Checks []CheckDoc
	// Fixable reports that some of the rule's findings carry fixes.
	Fixable bool
	// DependsOnDate reports that the rule's findings depend on Pass.Now
	// (review dates going stale): the result cache then keys them on --now
	// as well as on the file and the configuration. A rule that reads
	// Pass.Now must set it.
	DependsOnDate bool
	// Supersedes names the findings this rule's findings replace where
	// they overlap: "rule" or "rule/check". One problem gets one finding:
	// risky-claim's "clinically proven" (an error) replaces
	// uncited-claim's establishment warning on the same words.
	Supersedes []string
	// Notes is free-form extra documentation (markdownlint equivalents,
	// behaviour over time, ...).
	Notes string
	// Kinds are the page kinds the rule applies to (article.Kind: advice,
	// product, other); empty means every kind. The engine does not run the
	// rule on a page of another kind; the configuration can set a rule's
	// kinds (rules: {ID: {kinds: [advice]}}).
	Kinds article.KindSet
	// Category is CategoryCompliance for a rule about what regulators,
	// quality raters and medical editors act on (claims, disclaimers,
	// reviews, disclosures, citations), CategoryStyle for one about how
	// the page is written or renders. Reports put compliance first; a
	// rule that leaves it empty (a custom rule) counts as style.
	Category string
}

// Rule categories (Meta.Category).
const (
	CategoryCompliance = "compliance"
	CategoryStyle      = "style"
)

// IsCompliance reports whether m is a compliance rule.
func (m Meta) IsCompliance() bool { return m.Category == CategoryCompliance }

// CheckDoc documents one named sub-check of a rule.
type CheckDoc struct {
	Name    string
	Summary string
	// Equivalent names the matching rule of another linter, if any.
	Equivalent string
	// WholeFile declares that the check's findings are about the page as
	// a whole (no disclaimer, no review, the article's reading grade): they
	// are placed at line 1 or the title only to have a place, and reports
	// say "whole file" instead of quoting that line.
	WholeFile bool
}

// Edit replaces the source bytes [Pos, End) with NewText. Offsets are byte
// offsets into document.Document.Source.
type Edit struct {
	Pos, End int
	NewText  string
}

// Fix is a suggested change made of non-overlapping edits.
type Fix struct {
	Message string
	Edits   []Edit
	// KeepsStructure declares that the fix changes only how the source
	// spells what it renders (a list marker, the spaces after it, a blank
	// line between blocks that stay apart, an item's number): the
	// document's outline (internal/mdstruct) stays the same, list start
	// numbers aside. The fixer checks the promise and refuses a fix that
	// breaks it. A fix meant to change what renders (pasted bullet lines
	// becoming list items, an appended paragraph) leaves it false.
	KeepsStructure bool
}

// Diagnostic is one problem reported by a rule, located by byte offsets into
// document.Document.Source.
type Diagnostic struct {
	// Pos and End delimit the offending bytes; End may equal Pos.
	Pos, End int
	// Message says what is wrong, and where it helps, what to do.
	Message string
	// Check names the sub-check that fired, if the rule has several.
	Check string
	// Severity overrides the rule's default severity for this diagnostic
	// (for rules whose severity depends on how bad the problem is). A
	// severity set in the configuration takes precedence over it.
	Severity Severity
	// Fix, when non-nil, repairs the problem.
	Fix *Fix
}

// Pass is the interface between one rule and one document.
type Pass struct {
	// Doc is the parsed document; rules must not modify it.
	Doc *document.Document
	// Now is the date the run treats as today (from --now). Rules never call
	// time.Now.
	Now time.Time
	// Article holds the page's facts (kind, partial, opt-outs, review,
	// disclaimer) as the engine computed them with the configuration; nil
	// when the pass was built by hand, and Facts then computes the
	// defaults.
	Article *article.Facts

	report func(Diagnostic)
}

// Facts returns the page's facts: Article, or the facts under the default
// configuration.
func (p *Pass) Facts() *article.Facts {
	if p.Article == nil {
		p.Article = article.Of(p.Doc)
	}
	return p.Article
}

// NewPass returns a Pass whose Report calls report.
func NewPass(doc *document.Document, now time.Time, report func(Diagnostic)) *Pass {
	return &Pass{Doc: doc, Now: now, report: report}
}

// Report records a diagnostic.
func (p *Pass) Report(d Diagnostic) {
	p.report(d)
}

// Reportf records a diagnostic for [pos, end) with a formatted message.
func (p *Pass) Reportf(pos, end int, format string, args ...any) {
	p.report(Diagnostic{Pos: pos, End: end, Message: fmt.Sprintf(format, args...)})
}

// BaseDirSetter is implemented by options structs whose values name files
// relative to the configuration file (such as reviewer-credentials'
// reviewers registry). The config loader calls SetBaseDir with the
// directory holding .medlint.yml before Prepare and before every run, so
// that relative paths resolve against the config file, not the working
// directory.
type BaseDirSetter interface {
	SetBaseDir(dir string)
}

// FileReader is implemented by options structs whose values name files to
// read (reviewer-credentials' reviewers registry; any lexicon or word
// list). The configuration loader calls ReadFiles for every options value
// it builds, after SetBaseDir and before Prepare, with read, which returns
// a file's content: the loader reads each file from disk once, when the
// configuration loads, and records what every options value read with its
// bytes, which the result cache keys findings on (so that an edited
// registry is never answered with findings computed from the old one).
// ReadFiles reads every file the options need through read, parses it
// and keeps the result for Run, which never opens files; its error is a
// configuration error.
type FileReader interface {
	ReadFiles(read func(path string) ([]byte, error)) error
}
