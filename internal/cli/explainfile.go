package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	pagefacts "github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/rules"
)

// FileExplanation is what explain-file says about one file: its page
// kind and why, and every exemption that applies to it.
type FileExplanation struct {
	Path string `json:"path"`
	// Config lists the configuration files the file's settings come
	// from, outermost first (the nearest last; none: the defaults).
	Config []string `json:"config"`
	// Kind is the page kind; KindSource where it came from ("front
	// matter", "configuration", "classifier") and KindReason why.
	Kind       string            `json:"kind"`
	KindSource string            `json:"kindSource"`
	KindReason string            `json:"kindReason"`
	Signals    pagefacts.Signals `json:"signals"`
	// Partial says why the file is a partial ("" when it is a page).
	Partial string `json:"partial,omitempty"`
	// OptOuts are the front matter's disclaimer: none and review: none.
	OptOuts []string `json:"optOuts,omitempty"`
	// Disclaimer and Review describe what the page holds.
	Disclaimer string   `json:"disclaimer"`
	Review     []string `json:"review"`
	// Exempt lists the sections and paragraphs claim rules skip, and the
	// rules switched off by directives.
	Exempt []string `json:"exempt,omitempty"`
	// Rules are the rules that run on the file; Skipped those that do
	// not, with why.
	Rules   []string `json:"rules"`
	Skipped []string `json:"skipped,omitempty"`
}

func (e *env) explainFileCommand() *cobra.Command {
	var cf configFlags
	var format string
	cmd := &cobra.Command{
		Use:   "explain-file FILE...",
		Short: "Print a file's page kind and why, and every exemption that applies to it",
		Long: "explain-file says what medlint makes of a page: its kind (advice, product or other) and where it\n" +
			"came from (front matter, page-kinds in .medlint.yml, or the classifier and its counts), whether it is a\n" +
			"partial, its opt-outs, the disclaimer and review data found, the sections and paragraphs claim rules skip,\n" +
			"and which rules run on it.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError("--format %q: want text or json", format)
			}
			cfg, folders, err := e.loadConfigs(cf.path, cf.noConfig)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			var out []FileExplanation
			for _, p := range args {
				x, err := e.explainFile(cfg, folders, p)
				if err != nil {
					return &exitError{code: ExitError, err: err}
				}
				out = append(out, x)
			}
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			for i, x := range out {
				if i > 0 {
					fmt.Fprintln(e.stdout)
				}
				writeExplanation(e.stdout, x)
			}
			return nil
		},
	}
	cf.register(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "`FORMAT`: text or json")
	return cmd
}

// explainFile computes the explanation of one file.
func (e *env) explainFile(cfg *config.Config, folders *config.Folders, p string) (FileExplanation, error) {
	path := p
	if !filepath.IsAbs(path) {
		path = filepath.Join(e.workDir, p)
	}
	if folders != nil {
		var err error
		if cfg, err = folders.For(filepath.Dir(path)); err != nil {
			return FileExplanation{}, fmt.Errorf("explain-file %s: %w", p, err)
		}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return FileExplanation{}, fmt.Errorf("explain-file: %w", err)
	}
	rel := cfg.Rel(path)
	active, err := cfg.Resolve(rel)
	if err != nil {
		return FileExplanation{}, fmt.Errorf("explain-file %s: %w", p, err)
	}
	doc, err := document.Parse(filepath.ToSlash(p), src)
	if err != nil {
		return FileExplanation{}, fmt.Errorf("explain-file %s: %w", p, err)
	}
	f := pagefacts.Compute(doc, cfg.ArticleInput(rel))
	f.Declared()
	x := FileExplanation{Path: filepath.ToSlash(p), Config: e.displayPaths(cfg.Layers()), Kind: f.Kind.String(), KindSource: f.Source, KindReason: f.Reason, Signals: f.Signals,
		Partial: f.PartialReason}
	for _, o := range []*pagefacts.OptOut{f.DisclaimerOptOut, f.ReviewOptOut} {
		if o == nil {
			continue
		}
		s := fmt.Sprintf("%s: none (line %d)", o.Key, o.Line)
		if o.Reason != "" {
			s += fmt.Sprintf(", because %q", o.Reason)
		} else {
			s += ", without a reason (an error)"
		}
		x.OptOuts = append(x.OptOuts, s)
	}
	x.Disclaimer = describeDisclaimer(doc, f.Disclaimer(nil))
	x.Review = describeReview(doc, f.Review(pagefacts.DefaultBylineLines))
	x.Exempt = exemptions(doc, active)
	for _, a := range active {
		id := a.Rule.Meta().ID
		kinds := a.AppliesTo()
		switch {
		case !f.Applies(kinds):
			x.Skipped = append(x.Skipped, fmt.Sprintf("%s: applies to %s pages, not %s", id, kinds, f.Kind))
		case f.Partial && skipsPartials(a.Options):
			x.Skipped = append(x.Skipped, fmt.Sprintf("%s: a partial (skip-partials)", id))
			x.Rules = append(x.Rules, id)
		default:
			x.Rules = append(x.Rules, id)
		}
	}
	return x, nil
}

// skipsPartials reports whether a rule's options ask to skip partials.
func skipsPartials(opts any) bool {
	switch o := opts.(type) {
	case *rules.MedicalDisclaimerOptions:
		return o.SkipPartials
	case *rules.ReviewDateOptions:
		return o.SkipPartials
	case *rules.ReviewerCredentialsOptions:
		return o.SkipPartials
	}
	return false
}

func describeDisclaimer(doc *document.Document, d *pagefacts.Disclaimer) string {
	switch {
	case d.Provider != nil && d.Complete < 0:
		return fmt.Sprintf("provided by the %s %q on line %d", d.Provider.What, d.Provider.Name, d.Provider.Line)
	case d.Complete >= 0:
		b := doc.Blocks[d.Hits[d.Complete].Index]
		s := fmt.Sprintf("complete, line %d", b.Line)
		if d.Provider != nil {
			s += fmt.Sprintf("; also the %s %q on line %d", d.Provider.What, d.Provider.Name, d.Provider.Line)
		}
		return s
	case len(d.Hits) > 0:
		h := d.Hits[0]
		missing := "consult"
		if !h.NotAdvice {
			missing = "not advice"
		}
		return fmt.Sprintf("incomplete, line %d lacks the %q element", doc.Blocks[h.Index].Line, missing)
	}
	return "none"
}

func describeReview(doc *document.Document, rd *pagefacts.Review) []string {
	var out []string
	add := func(what string, fs []pagefacts.Found) {
		for _, f := range fs {
			out = append(out, fmt.Sprintf("%s %q (%s, line %d)", what, f.Text, f.Source, doc.Line(f.Pos)))
		}
	}
	add("reviewer", rd.Reviewer)
	add("reviewed", rd.Reviewed)
	add("next review", rd.Next)
	add("updated", rd.Updated)
	if rd.Provider != nil {
		out = append(out, fmt.Sprintf("review byline provided by the %s %q on line %d", rd.Provider.What, rd.Provider.Name, rd.Provider.Line))
	}
	if len(out) == 0 {
		out = append(out, "none")
	}
	return out
}

// exemptions lists what claim rules skip in doc and the rules directives
// switch off for the whole file.
func exemptions(doc *document.Document, active []config.Active) []string {
	var out []string
	var names map[string]bool
	for _, a := range active {
		if o, ok := a.Options.(*rules.UncitedClaimOptions); ok {
			names = map[string]bool{}
			for _, n := range o.SourceSections {
				names[document.NormalizeHeading(n)] = true
			}
		}
	}
	for _, h := range doc.Headings {
		if !names[document.NormalizeHeading(h.Text)] {
			continue
		}
		s := fmt.Sprintf("section %q (line %d): uncited-claim skips it as a reference list, with its subsections", h.Text, h.Line)
		if h.Level == 1 {
			s = fmt.Sprintf("heading %q (line %d) is the page's level-1 heading and matches source-sections: uncited-claim skips the whole page", h.Text, h.Line)
		}
		out = append(out, s)
	}
	for _, b := range doc.Blocks {
		if b.Kind == document.BlockParagraph && pagefacts.IsDisclaimer(b.Text) {
			out = append(out, fmt.Sprintf("paragraph on line %d is a disclaimer: claim rules skip it", b.Line))
		}
	}
	for _, d := range doc.Directives {
		if d.Kind != document.DirectiveDisableFile {
			continue
		}
		which := "every rule"
		if len(d.Rules) > 0 {
			which = strings.Join(d.Rules, ", ")
		}
		s := fmt.Sprintf("medlint-disable-file on line %d: %s", d.Line, which)
		if d.Reason != "" {
			s += fmt.Sprintf(" (%s)", d.Reason)
		}
		out = append(out, s)
	}
	return out
}

func writeExplanation(w io.Writer, x FileExplanation) {
	fmt.Fprintf(w, "%s\n", x.Path)
	config := "the defaults"
	if len(x.Config) > 0 {
		config = strings.Join(x.Config, " <- ")
	}
	fmt.Fprintf(w, "  config:     %s\n", config)
	fmt.Fprintf(w, "  kind:       %s (%s: %s)\n", x.Kind, x.KindSource, x.KindReason)
	s := x.Signals
	fmt.Fprintf(w, "  signals:    %d words: %d health (%d distinct), %d second person, %d commerce, %d prices, %d affiliate links, "+
		"%d admin, %d contact links, %d software; %d code and %d prose lines; review data %s, disclaimer %s\n",
		s.Words, s.Health, s.HealthTerms, s.You, s.Commerce, s.Prices, s.AffiliateLinks, s.Admin, s.ContactLinks, s.Software,
		s.CodeLines, s.ProseLines, yesNo(s.Reviewed), yesNo(s.Disclaimer))
	partial := "no"
	if x.Partial != "" {
		partial = "yes, " + x.Partial
	}
	fmt.Fprintf(w, "  partial:    %s\n", partial)
	list := func(label string, items []string) {
		if len(items) == 0 {
			fmt.Fprintf(w, "  %-11s none\n", label+":")
			return
		}
		for i, it := range items {
			if i == 0 {
				fmt.Fprintf(w, "  %-11s %s\n", label+":", it)
			} else {
				fmt.Fprintf(w, "  %-11s %s\n", "", it)
			}
		}
	}
	list("opt-outs", x.OptOuts)
	fmt.Fprintf(w, "  disclaimer: %s\n", x.Disclaimer)
	list("review", x.Review)
	list("exempt", x.Exempt)
	fmt.Fprintf(w, "  rules:      %s\n", strings.Join(x.Rules, ", "))
	list("skipped", x.Skipped)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// displayPaths returns paths as reports show them (relative to the
// working directory when inside it).
func (e *env) displayPaths(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		out = append(out, engine.DisplayPath(e.workDir, p))
	}
	return out
}
