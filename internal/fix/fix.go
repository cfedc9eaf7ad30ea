package fix

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

// DefaultMaxPasses bounds the lint-and-fix passes over one file: fixes
// that keep producing fixable findings (two rules undoing each other's
// work) stop there.
const DefaultMaxPasses = 10

// Options configures Source.
type Options struct {
	// Path is the file's display path, as in reports.
	Path string
	// Active are the rules that run on the file.
	Active []config.Active
	// Now is the date rules treat as today.
	Now time.Time
	// MaxPasses bounds the passes that apply fixes (0: DefaultMaxPasses).
	MaxPasses int
	// Article is the page-kind configuration of the file (the zero value:
	// the defaults), so that --fix runs the rules check runs.
	Article article.Input
	// Limits bound what the file may ask of the parser (zero fields: the
	// defaults).
	Limits document.Limits
}

// Count is how many fixes of one rule (and sub-check) were applied.
type Count struct {
	Rule  string `json:"rule"`
	Check string `json:"check,omitempty"`
	N     int    `json:"n"`
}

// Name is "rule" or "rule/check".
func (c Count) Name() string {
	if c.Check == "" {
		return c.Rule
	}
	return c.Rule + "/" + c.Check
}

// Result is what fixing one file produced.
type Result struct {
	// Output is the fixed file, byte order mark included when the input had
	// one. It equals the input when nothing was fixed.
	Output []byte
	// Changed reports whether Output differs from the input.
	Changed bool
	// Fixed counts the applied fixes per rule and check, sorted.
	Fixed []Count
	// Remaining are the findings of the last lint, positioned in Output.
	Remaining []result.Finding
	// Kind is the page kind of Output (engine.FileResult.Kind).
	Kind string
	// Errors are the rules' internal errors and the invalid fixes met on
	// the way (each once).
	Errors []result.FileError
	// Passes counts the passes that changed the text.
	Passes int
	// Converged is false when fixable findings remain: the pass limit was
	// reached, or the remaining fixes overlap, are invalid or change
	// nothing, or the file is not fixed at all (Refused).
	Converged bool
	// Cycled reports that the fixes undo each other: a pass would have
	// brought the text back to what an earlier pass produced, so the
	// fixer stopped before it (Converged is false).
	Cycled bool
	// Refused says why no fix was applied to a file that has fixable
	// findings (a UTF-16 file: writing the fixed text would re-encode
	// it); it is also in Errors. Empty otherwise.
	Refused string
}

// FixedTotal returns the number of fixes applied.
func (r *Result) FixedTotal() int {
	n := 0
	for _, c := range r.Fixed {
		n += c.N
	}
	return n
}

// Source lints src, applies every fix, and repeats on the result until no
// fixable finding is left or opts.MaxPasses passes have changed the text.
// It returns an error (an *Error) only when src, or a fixed version of it,
// cannot be parsed; the input is never modified.
func Source(src []byte, opts Options) (*Result, error) {
	maxPasses := opts.MaxPasses
	if maxPasses <= 0 {
		maxPasses = DefaultMaxPasses
	}
	res := &Result{Output: src}
	counts := map[Count]int{}
	// Each error once, though passes repeat it (a panicking rule's message
	// carries a stack excerpt that may vary from pass to pass).
	seenErr := map[string]bool{}
	addErr := func(e result.FileError) {
		key := fmt.Sprintf("%s\x00%d\x00%.100s", e.Rule, e.Line, e.Message)
		if !seenErr[key] {
			seenErr[key] = true
			res.Errors = append(res.Errors, e)
		}
	}
	cur := src
	// The texts the passes produced (without the byte order mark): fixes
	// that undo each other show up as a text seen before.
	seen := map[string]bool{}
	var next *document.Document // cur, parsed by the structure check
	for {
		doc, err := next, error(nil)
		if doc == nil {
			doc, err = document.ParseLimited(opts.Path, cur, opts.Limits)
		}
		if err != nil {
			if res.Passes == 0 {
				return nil, &Error{Path: opts.Path, Err: err}
			}
			return nil, &Error{Path: opts.Path, Err: fmt.Errorf("the text after fix pass %d does not parse (a rule's fix is broken): %w", res.Passes, err)}
		}
		fr := engine.LintDocumentWith(doc, opts.Active, opts.Now, opts.Article)
		for _, e := range fr.Errors {
			addErr(e)
		}
		var fixes []*lint.Fix
		var owners []*result.Finding
		for i := range fr.Findings {
			if f := &fr.Findings[i]; f.Fixable {
				fixes = append(fixes, f.Fix)
				owners = append(owners, f)
			}
		}
		res.Remaining, res.Kind = fr.Findings, fr.Kind
		if len(fixes) == 0 {
			res.Converged = true
			break
		}
		if doc.Encoding != "UTF-8" {
			// Offsets are in the decoded text, and writing it would turn
			// the file into UTF-8: leave it as it is.
			res.Refused = fmt.Sprintf("not fixed: the file is encoded as %s and writing the fixes would re-encode it as UTF-8; re-save it as UTF-8 to fix it", doc.Encoding)
			addErr(result.FileError{Path: opts.Path, Message: res.Refused})
			break
		}
		if res.Passes == maxPasses {
			break
		}
		out, outcomes := Apply(doc.Source, fixes, doc.CRLF)
		var docBOM []byte
		if doc.HasBOM {
			docBOM = bom
		}
		broken, parsed := keepStructure(doc, fixes, outcomes, docBOM, opts.Limits)
		if broken != nil {
			out = withhold(doc, fixes, outcomes, broken)
		}
		for i, o := range outcomes {
			if o.Err != nil {
				f := owners[i]
				addErr(result.FileError{Path: opts.Path, Line: f.Line, Rule: f.Rule,
					Message: fmt.Sprintf("invalid fix from rule %s (%s), not applied: %v", f.Rule, f.Message, o.Err)})
			}
		}
		if bytes.Equal(out, doc.Source) {
			break // the fixes left change nothing: more passes would not either
		}
		seen[string(doc.Source)] = true
		if seen[string(out)] {
			res.Cycled = true
			break
		}
		for i, o := range outcomes {
			if o.Applied {
				counts[Count{Rule: owners[i].Rule, Check: owners[i].Check}]++
			}
		}
		res.Passes++
		if doc.HasBOM {
			cur = append(append(make([]byte, 0, len(bom)+len(out)), bom...), out...)
		} else {
			cur = out
		}
		next = parsed
	}
	res.Output = cur
	res.Changed = !bytes.Equal(cur, src)
	for c, n := range counts {
		c.N = n
		res.Fixed = append(res.Fixed, c)
	}
	sort.Slice(res.Fixed, func(i, j int) bool { return res.Fixed[i].Name() < res.Fixed[j].Name() })
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Line < res.Errors[j].Line })
	return res, nil
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// Error is Source's error about one file.
type Error struct {
	// Path is the file's display path.
	Path string
	// Err is the cause.
	Err error
}

func (e *Error) Error() string { return "fixing " + e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Summary renders counts as "rule/check 3, other 1".
func Summary(counts []Count) string {
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%s %d", c.Name(), c.N)
	}
	return strings.Join(parts, ", ")
}
