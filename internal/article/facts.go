package article

import (
	"fmt"
	"path"
	"strings"

	"github.com/medlint/medlint/internal/document"
)

// Config is the page-kind configuration of .medlint.yml (page-kinds:) and
// the providers (providers:). The zero value (or nil) is the default.
type Config struct {
	// KindKeys are front-matter keys whose value names the page kind
	// (such as layout or type), read in order after medlint.kind.
	KindKeys []string
	// KindValues maps values of KindKeys (folded to lower case) to kinds;
	// the names advice, product and other always map to themselves. A
	// value it does not map leaves the kind to the next source.
	KindValues map[string]Kind
	// Providers names what provides the disclaimer and the review byline.
	Providers Providers
}

// Input is what Compute needs besides the document.
type Input struct {
	// Config is the configuration (nil: the defaults).
	Config *Config
	// Path is the file's path relative to the configuration (forward
	// slashes), for file-name signals and partial directories; "" uses
	// the document's display path.
	Path string
	// PathKind is the kind the configuration's files globs give the file
	// (KindUnknown when none matches); PathRule says which entry.
	PathKind Kind
	PathRule string
}

// OptOut is a front-matter opt-out such as "disclaimer: none".
type OptOut struct {
	// Key is the key as written; Line its line; Pos and End delimit that
	// line in Source.
	Key       string
	Line      int
	Pos, End  int
	Reason    string
	ReasonKey string
}

// Facts are what medlint knows about a page as a whole.
type Facts struct {
	// Kind is the page's kind; Source says where it came from ("front
	// matter", "configuration", "classifier"), Reason why.
	Kind   Kind
	Source string
	Reason string
	// Signals are the classifier's counts (computed even when the kind
	// comes from elsewhere, for explain-file).
	Signals Signals
	// Partial reports a fragment included into other pages, which
	// page-level rules (disclaimer, review) skip; PartialReason says why.
	Partial       bool
	PartialReason string
	// DisclaimerOptOut and ReviewOptOut are the front matter's
	// "disclaimer: none" and "review: none", or nil.
	DisclaimerOptOut, ReviewOptOut *OptOut

	doc       *document.Document
	providers *Providers
}

// Providers returns the providers the facts were computed with.
func (f *Facts) Providers() *Providers { return f.providers }

// Review returns the page's review data read with bylineLines lines of
// bylines at each end of the body.
func (f *Facts) Review(bylineLines int) *Review { return ReadReview(f.doc, bylineLines, f.providers) }

// Disclaimer returns the page's disclaimer as m recognises it (nil: the
// built-in patterns).
func (f *Facts) Disclaimer(m *Matcher) *Disclaimer { return FindDisclaimer(f.doc, m, f.providers) }

// Applies reports whether a rule restricted to kinds runs on the page (an
// empty set: every kind).
func (f *Facts) Applies(kinds KindSet) bool { return kinds.Empty() || kinds.Has(f.Kind) }

// DefaultBylineLines is how many lines at each end of the body are read
// for review bylines when a rule does not say.
const DefaultBylineLines = 15

// Compute returns the facts of doc, computing them once per document and
// input.
func Compute(doc *document.Document, in Input) *Facts {
	return doc.Memo(factsKey{in.Config, in.Path, in.PathKind, in.PathRule}, func() any { return compute(doc, in) }).(*Facts)
}

type factsKey struct {
	cfg      *Config
	path     string
	kind     Kind
	pathRule string
}

// Of returns the facts of doc under the default configuration.
func Of(doc *document.Document) *Facts { return Compute(doc, Input{}) }

func compute(doc *document.Document, in Input) *Facts {
	cfg := in.Config
	if cfg == nil {
		cfg = &Config{}
	}
	filePath := in.Path
	if filePath == "" {
		filePath = doc.Path
	}
	f := &Facts{doc: doc, providers: &cfg.Providers}
	f.Partial, f.PartialReason = partial(doc, filePath)
	f.DisclaimerOptOut = optOut(doc, "disclaimer", "disclaimer_reason")
	f.ReviewOptOut = optOut(doc, "review", "review_reason")
	f.Signals = countSignals(doc)

	if k, why, ok := frontMatterKind(doc, cfg); ok {
		f.Kind, f.Source, f.Reason = k, "front matter", why
		return f
	}
	if in.PathKind != KindUnknown {
		f.Kind, f.Source, f.Reason = in.PathKind, "configuration", in.PathRule
		return f
	}
	f.Kind, f.Reason = classify(f, filePath)
	f.Source = "classifier"
	return f
}

// declared reports whether the page declares review data or carries a
// complete medical disclaimer (read once, on first use: most pages are
// decided without them).
func (f *Facts) declared() bool {
	s := &f.Signals
	if !s.Checked {
		rd := f.Review(DefaultBylineLines)
		s.Reviewed = len(rd.Reviewer) > 0 || len(rd.Reviewed) > 0 || rd.Provider != nil
		s.Disclaimer = f.Disclaimer(nil).Found()
		s.Checked = true
	}
	return s.Reviewed || s.Disclaimer
}

// reviewed reports whether the page declares review data.
func (f *Facts) reviewed() bool {
	f.declared()
	return f.Signals.Reviewed
}

// Declared is declared for callers that show the signals (explain-file):
// it fills Signals.Reviewed and Signals.Disclaimer.
func (f *Facts) Declared() bool { return f.declared() }

// frontMatterKind reads medlint.kind, then the configured keys.
func frontMatterKind(doc *document.Document, cfg *Config) (Kind, string, bool) {
	if e := Lookup(doc, "medlint", "kind"); e != nil {
		if k, err := ParseKind(e.Value); err == nil {
			return k, fmt.Sprintf("front matter %s: %s", e.Key(), e.Value), true
		}
	}
	for _, key := range cfg.KindKeys {
		e := Lookup(doc, strings.Split(key, ".")...)
		if e == nil || e.Map {
			continue
		}
		v := strings.ToLower(strings.TrimSpace(e.Value))
		k, ok := cfg.KindValues[v]
		if !ok {
			if pk, err := ParseKind(v); err == nil {
				k, ok = pk, true
			}
		}
		if ok {
			return k, fmt.Sprintf("front matter %s: %s (page-kinds.keys)", e.Key(), e.Value), true
		}
	}
	return KindUnknown, "", false
}

// optOut reads "key: none" with its reason (reasonKey in any case style).
func optOut(doc *document.Document, key, reasonKey string) *OptOut {
	e := Lookup(doc, key)
	if e == nil || e.Map || !strings.EqualFold(strings.TrimSpace(e.Value), "none") {
		return nil
	}
	o := &OptOut{Key: e.Key(), Line: e.Line, Pos: doc.LineStart(e.Line), End: doc.LineEnd(e.Line)}
	if r := Lookup(doc, reasonKey); r != nil {
		o.Reason, o.ReasonKey = strings.TrimSpace(r.Value), r.Key()
	}
	return o
}

// partialDirs are directory names that hold fragments included into pages.
var partialDirs = map[string]bool{
	"_includes": true, "includes": true, "_partials": true, "partials": true, "snippets": true, "_snippets": true,
	"fragments": true, "_fragments": true, "_shared": true, "_components": true,
}

// maxPartialWords is the most words a title-less fragment has: longer
// text without a title or a level-1 heading is a page whose title the
// template supplies (or that lacks one), not a fragment.
const maxPartialWords = 120

// partial reports whether doc is a fragment included into pages rather
// than a page of its own, and why:
//
//   - front matter medlint: {partial: true} (false forces a page);
//   - a page with a title (front matter, even front matter that does not
//     parse) or a level-1 heading is never a partial;
//   - its file name starts with "_" (not Hugo's _index) or it lies in a
//     directory of fragments (_includes, includes, partials, snippets,
//     fragments, ...);
//   - or it has at most maxPartialWords words.
func partial(doc *document.Document, filePath string) (bool, string) {
	if e := Lookup(doc, "medlint", "partial"); e != nil {
		switch strings.ToLower(strings.TrimSpace(e.Value)) {
		case "true", "yes":
			return true, "front matter " + e.Key() + ": " + e.Value
		case "false", "no":
			return false, ""
		}
	}
	if Title(doc) != "" {
		return false, ""
	}
	for _, h := range doc.Headings {
		if h.Level == 1 {
			return false, ""
		}
	}
	if filePath != "" {
		dir, base := path.Split(filePath)
		if strings.HasPrefix(base, "_") && !strings.HasPrefix(base, "_index.") {
			return true, fmt.Sprintf("no title or level-1 heading, and the file name %q starts with _", base)
		}
		for _, seg := range strings.Split(strings.Trim(dir, "/"), "/") {
			if partialDirs[strings.ToLower(seg)] {
				return true, fmt.Sprintf("no title or level-1 heading, in the %s/ directory", seg)
			}
		}
	}
	words := 0
	for _, b := range doc.Blocks {
		words += countWords(b.Text)
		if words > maxPartialWords {
			return false, ""
		}
	}
	return true, fmt.Sprintf("no title or level-1 heading and only %d words", words)
}

// countWords counts the runs of non-space bytes of s.
func countWords(s string) int {
	n, in := 0, false
	for i := range len(s) {
		space := s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
