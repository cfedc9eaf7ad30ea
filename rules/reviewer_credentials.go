package rules

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/dates"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(reviewerCredentials) }

// reviewerCredentials checks that the medical reviewer named by an article
// is identifiable: a full name and a professional credential.
var reviewerCredentials = &lint.Definition[ReviewerCredentialsOptions]{
	Info: reviewerCredentialsMeta,
	Defaults: func() *ReviewerCredentialsOptions {
		return &ReviewerCredentialsOptions{Credentials: slices.Clone(defaultCredentials), BylineLines: 15, SkipPartials: true}
	},
	Build: buildReviewerCredentials,
}

// defaultCredentials are the credentials accepted by default, compared
// after removing dots ("M.D." is MD, "Ph.D." is PhD).
var defaultCredentials = []string{
	"MD", "DO", "MBBS", "MBChB", "MBBCh", "BMBS", "MRCP", "MRCGP", "FRCP", "FRCS", "FRCGP", "FAAP", "FACP",
	"FAAD", "FACOG", "FACS", "PharmD", "RPh", "MPharm", "RN", "BSN", "MSN", "DNP", "NP", "FNP", "FNP-BC", "APRN", "CNM",
	"PA-C", "PA", "RD", "RDN", "LD", "LDN", "CDE", "CDCES", "IBCLC", "PhD", "MPH", "DrPH", "DDS", "DMD", "OD", "DPT",
	"PsyD", "LCSW", "LPC", "CNS", "RM", "RGN",
}

// ReviewerCredentialsOptions are the options of reviewer-credentials.
type ReviewerCredentialsOptions struct {
	Credentials      []string `yaml:"credentials" doc:"the credentials that identify a qualified reviewer, compared case-sensitively after removing dots (M.D. is MD); setting this replaces the built-in list"`
	ExtraCredentials []string `yaml:"extra-credentials" doc:"credentials accepted in addition to credentials (e.g. a national qualification)"`
	Reviewers        string   `yaml:"reviewers" doc:"path to a YAML registry of approved reviewers (a list of {name, credentials, valid-until}), relative to the configuration file; a reviewer not in it, or whose valid-until has passed, is flagged. The path must stay inside the repository holding the configuration file"`
	BylineLines      int      `yaml:"byline-lines" doc:"how many lines at the start and at the end of the body are searched for a review byline (as in review-date)"`
	SkipPartials     bool     `yaml:"skip-partials" doc:"skip partials, fragments included into pages (as review-date decides them)"`

	baseDir string
	// registry is the registry ReadFiles read (nil without reviewers, or
	// when ReadFiles did not run).
	registry *reviewerRegistry
}

// reviewerRegistry is a parsed reviewers registry.
type reviewerRegistry struct {
	path    string
	entries []reviewerEntry
}

// SetBaseDir implements BaseDirSetter: reviewers is relative to dir.
func (o *ReviewerCredentialsOptions) SetBaseDir(dir string) { o.baseDir = dir }

// ReadFiles implements FileReader: it reads and parses the registry when
// the configuration loads, so that a missing, escaping or malformed
// registry is a configuration error and Run reads nothing.
func (o *ReviewerCredentialsOptions) ReadFiles(read func(path string) ([]byte, error)) error {
	o.registry = nil
	if o.Reviewers == "" {
		return nil
	}
	p, err := o.registryPath()
	if err != nil {
		return err
	}
	data, err := read(p)
	if err != nil {
		return fmt.Errorf("reviewers: cannot read the registry: %w", err)
	}
	entries, err := parseReviewerRegistry(p, data)
	if err != nil {
		return err
	}
	o.registry = &reviewerRegistry{path: p, entries: entries}
	return nil
}

// Validate checks byline-lines and the credentials.
func (o *ReviewerCredentialsOptions) Validate() error {
	if o.BylineLines < 1 {
		return fmt.Errorf("byline-lines must be at least 1, not %d", o.BylineLines)
	}
	for _, c := range append(slices.Clone(o.Credentials), o.ExtraCredentials...) {
		if strings.TrimSpace(c) == "" {
			return errors.New("credentials: empty credential")
		}
	}
	return nil
}

// reviewerEntry is one approved reviewer of the registry.
type reviewerEntry struct {
	Name        string   `yaml:"name"`
	Credentials []string `yaml:"credentials"`
	ValidUntil  string   `yaml:"valid-until"`

	key   string
	until time.Time
	line  int
}

// registryPath resolves the reviewers option against the configuration
// directory and refuses a path outside the repository holding it.
func (o *ReviewerCredentialsOptions) registryPath() (string, error) {
	base := o.baseDir
	if base == "" {
		base = "."
	}
	base, err := filepath.Abs(base)
	if err != nil {
		return "", fmt.Errorf("reviewers: %w", err)
	}
	p := o.Reviewers
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	p = filepath.Clean(p)
	root := repositoryRoot(base)
	real, rerr := filepath.EvalSymlinks(p)
	realRoot, rrerr := filepath.EvalSymlinks(root)
	if rerr != nil || rrerr != nil {
		real, realRoot = p, root
	}
	if rel, err := filepath.Rel(realRoot, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("reviewers: %q resolves to %s, outside the repository %s: keep the registry inside the repository", o.Reviewers, p, root)
	}
	return p, nil
}

// repositoryRoot returns the nearest directory at or above dir holding
// .git, or dir itself when there is none.
func repositoryRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// parseReviewerRegistry reads a registry: a list of reviewers, or a
// mapping whose "reviewers" key holds that list.
func parseReviewerRegistry(path string, data []byte) ([]reviewerEntry, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("reviewers %s: invalid YAML: %w", path, err)
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("reviewers %s: the registry is empty", path)
	}
	list := root.Content[0]
	if list.Kind == yaml.MappingNode {
		var found *yaml.Node
		for i := 0; i+1 < len(list.Content); i += 2 {
			if list.Content[i].Value == "reviewers" {
				found = list.Content[i+1]
			}
		}
		if found == nil {
			return nil, fmt.Errorf("reviewers %s:%d: want a list of reviewers or a mapping with key reviewers", path, list.Line)
		}
		list = found
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("reviewers %s:%d: want a list of {name, credentials, valid-until}", path, list.Line)
	}
	out := []reviewerEntry{} // an empty list approves no one
	for _, item := range list.Content {
		var e reviewerEntry
		if err := item.Decode(&e); err != nil {
			return nil, fmt.Errorf("reviewers %s:%d: want {name, credentials, valid-until}: %w", path, item.Line, err)
		}
		e.line = item.Line
		e.key = reviewerNameKey(e.Name)
		if e.key == "" {
			return nil, fmt.Errorf("reviewers %s:%d: a reviewer without a name", path, item.Line)
		}
		if strings.TrimSpace(e.ValidUntil) != "" {
			d, err := dates.Parse(e.ValidUntil, dates.MDY)
			if err != nil {
				return nil, fmt.Errorf("reviewers %s:%d: valid-until %q: %w", path, item.Line, e.ValidUntil, err)
			}
			e.until = d.Time
		}
		out = append(out, e)
	}
	return out, nil
}

// reviewerCredentialsMeta is the rule's metadata: data, built once.
var reviewerCredentialsMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "reviewer-credentials",
	Summary:  "The medical reviewer must be named in full with a professional credential",
	Severity: lint.SeverityWarning,
	// Registry entries expire (until:), compared with --now.
	DependsOnDate: true,
	Rationale: "HONcode's authority principle and Google's E-E-A-T guidance ask health content to say who reviewed " +
		"it and with which qualification: \"Medically reviewed by Dr. Frank\" tells a reader nothing they can check. " +
		"The reviewer is read exactly as review-date reads it (front matter reviewed_by, reviewedBy, " +
		"medically_reviewed_by, reviewer, review.by, in any case style; or a byline such as \"Medically reviewed by NAME on " +
		"DATE\" in the first or last byline-lines lines). Each named reviewer (\"A, MD and B, RD\" names two) needs a " +
		"name of at least two words and a credential from the allow-list (MD, DO, MBBS, MBChB, PharmD, RPh, RN, NP, " +
		"PA-C, RD, RDN, PhD, MPH, ...; \"Dr.\" is a title, not a credential: it does not say in what).",
	Bad:   "# Eczema\n\nMedically reviewed by Dr. Frank on November 2, 2026\n",
	Kinds: article.SetOf(article.KindAdvice, article.KindProduct),
	Good:  "# Eczema\n\nMedically reviewed by Dr. Jane Frank, MD, FAAD on November 2, 2026\n",
	Checks: []lint.CheckDoc{
		{Name: "placeholder", Summary: "the reviewer is a placeholder: \"Dr. X\", \"TBD\", \"[Name]\", \"{{ reviewer }}\" (error)"},
		{Name: "incomplete-name", Summary: "only \"Dr.\" (or nothing) and one name (warning)"},
		{Name: "no-credential", Summary: "a full name without a credential from the allow-list (warning)"},
		{Name: "not-in-registry", Summary: "with reviewers set: the reviewer is not in the registry (warning)"},
		{Name: "expired", Summary: "with reviewers set: the reviewer's valid-until date has passed (warning)"},
		{Name: "registry", Summary: "reviewers is set but the registry was not read with the configuration: options built by hand, not by config.Load (error; a registry that cannot be read is a configuration error)", WholeFile: true},
	},
	Notes: "A page without any reviewer is review-date's business (missing, no-reviewer), as are pages that opt " +
		"out with `review: none`. The registry is a YAML list:\n\n" +
		"    - name: Jane Frank\n      credentials: [MD, FAAD]\n      valid-until: 2027-06-30\n\n" +
		"Names are compared without titles, credentials, punctuation and case (\"Dr. Jane Frank, MD\" matches " +
		"\"Jane Frank\"). The registry path is relative to .medlint.yml and must stay inside its repository " +
		"(a configuration error otherwise); it is read once, when the configuration is loaded, and the result cache keys findings on its content. An empty list approves no one. The registry may also be a mapping whose reviewers key holds the list.",
}

var (
	// reviewerPlaceholder matches a reviewer that is a placeholder, after
	// trimming.
	reviewerPlaceholder = lazyre.New(`(?i)^(?:(?:dr|prof|professor)\.?\s*)?(?:x{1,4}|y|tbd|tbc|tba|n/?a|none|name|reviewer|reviewer name|doctor|todo|\?+|\.{3}|…|_+|\[[^\]]*\]|<[^>]*>|\{\{.*\}\}|\{[^}]*\}|lorem ipsum.*)$`)
	// reviewerSplit separates several reviewers in one byline.
	reviewerSplit = lazyre.New(`\s*;\s*|\s+(?:and|&)\s+`)
	// reviewerTitles are courtesy and academic titles, not names.
	reviewerTitles = map[string]bool{"dr": true, "doctor": true, "prof": true, "professor": true, "mr": true,
		"mrs": true, "ms": true, "mx": true, "miss": true, "sir": true, "dame": true}
)

// buildReviewerCredentials validates the options and settles the
// credentials allowed.
func buildReviewerCredentials(opts *ReviewerCredentialsOptions, _ lint.Env) (lint.Check, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	allowed := map[string]bool{}
	for _, c := range append(slices.Clone(opts.Credentials), opts.ExtraCredentials...) {
		allowed[strings.ReplaceAll(strings.TrimSpace(c), ".", "")] = true
	}
	return func(pass *lint.Pass) error { return checkReviewerCredentials(pass, opts, allowed) }, nil
}

func checkReviewerCredentials(pass *lint.Pass, opts *ReviewerCredentialsOptions, allowed map[string]bool) error {
	doc := pass.Doc
	facts := pass.Facts()
	if (opts.SkipPartials && facts.Partial) || facts.ReviewOptOut != nil {
		return nil
	}
	rd := facts.Review(opts.BylineLines)
	if len(rd.Reviewer) == 0 {
		return nil
	}
	registry := opts.registry
	if opts.Reviewers != "" && registry == nil {
		pass.Report(lint.Diagnostic{Pos: 0, End: doc.LineEnd(1), Check: "registry", Severity: lint.SeverityError,
			Message: fmt.Sprintf("cannot check reviewers against the registry %q: it was not read with the configuration (options built without config.Load or config.Parse)", opts.Reviewers)})
		return nil
	}
	// The front matter and a byline often name the same person, once with
	// and once without the credential: judge each person by their most
	// complete mention.
	type mention struct {
		f     article.Found
		who   string
		score int
	}
	var order []string
	best := map[string]mention{}
	for _, f := range rd.Reviewer {
		for _, one := range splitReviewers(f.Text) {
			name, creds, _ := reviewerParts(one, allowed)
			key := strings.ToLower(strings.Join(name, " "))
			if key == "" || reviewerPlaceholder.MatchString(one) {
				key = "\x00" + one
			}
			score := len(creds)*2 + min(len(name), 2)
			if b, ok := best[key]; !ok || score > b.score {
				if !ok {
					order = append(order, key)
				}
				best[key] = mention{f, one, score}
			}
		}
	}
	for _, k := range order {
		m := best[k]
		checkReviewer(pass, m.f, m.who, allowed, registry)
	}
	return nil
}

// splitReviewers splits "A, MD and B, RD" into its reviewers.
func splitReviewers(s string) []string {
	var out []string
	for _, p := range reviewerSplit.Split(s, -1) {
		if p = strings.Trim(p, " \t,.;:"); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// reviewerParts splits a reviewer into name words (titles removed) and
// the credentials found among allowed.
func reviewerParts(s string, allowed map[string]bool) (name []string, creds []string, title bool) {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' || r == '/' || r == '|'
	})
	for _, w := range fields {
		bare := strings.Trim(strings.ReplaceAll(w, ".", ""), "'\"“”‘’*:;")
		switch {
		case bare == "":
		case allowed[bare]:
			creds = append(creds, bare)
		case reviewerTitles[strings.ToLower(bare)] && len(name) == 0:
			title = true
		case isAllCapsCredential(bare):
			// An unknown credential (FRACP, MRCPCH): not a name word.
		default:
			name = append(name, bare)
		}
	}
	return name, creds, title
}

// isAllCapsCredential reports a token such as FRACP or MRCPCH: two to
// seven letters, all upper case, after at least one name word.
func isAllCapsCredential(s string) bool {
	if len(s) < 2 || len(s) > 7 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && r != '-' {
			return false
		}
	}
	return true
}

// reviewerNameKey normalises a name for comparison with the registry.
func reviewerNameKey(s string) string {
	name, _, _ := reviewerParts(s, credentialSet(defaultCredentials))
	return strings.ToLower(strings.Join(name, " "))
}

func credentialSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, c := range list {
		m[strings.ReplaceAll(c, ".", "")] = true
	}
	return m
}

func checkReviewer(pass *lint.Pass, f article.Found, who string, allowed map[string]bool, registry *reviewerRegistry) {
	where := f.Source
	if where == "byline" {
		where = "review byline"
	}
	if reviewerPlaceholder.MatchString(strings.TrimSpace(who)) || strings.Contains(who, "{{") {
		pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "placeholder", Severity: lint.SeverityError,
			Message: fmt.Sprintf("reviewer %q in the %s is a placeholder: name the professional who reviewed the article, with their credential (e.g. \"Jane Frank, MD\")", who, where)})
		return
	}
	name, creds, title := reviewerParts(who, allowed)
	switch {
	case len(name) <= 1:
		what := "one name"
		if title {
			what = "a title and one name"
		}
		msg := fmt.Sprintf("reviewer %q in the %s is only %s: give the full name", who, where, what)
		if len(creds) == 0 {
			msg += " and a credential (e.g. \"Dr. Jane Frank, MD\"), so readers can check who reviewed the article"
		}
		pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "incomplete-name", Message: msg})
	case len(creds) == 0:
		pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "no-credential",
			Message: fmt.Sprintf("reviewer %q in the %s has no credential: add the qualification (MD, RN, PharmD, RD, ...; set extra-credentials for others)", who, where)})
	}
	if registry == nil {
		return
	}
	key := strings.ToLower(strings.Join(name, " "))
	i := slices.IndexFunc(registry.entries, func(e reviewerEntry) bool { return e.key == key })
	if i < 0 {
		pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "not-in-registry",
			Message: fmt.Sprintf("reviewer %q is not in the reviewers registry: only approved reviewers may sign off articles", who)})
		return
	}
	if e := registry.entries[i]; !e.until.IsZero() && e.until.Before(civilDate(pass.Now)) {
		pass.Report(lint.Diagnostic{Pos: f.Pos, End: f.End, Check: "expired",
			Message: fmt.Sprintf("reviewer %q's approval in the reviewers registry expired on %s", who, isoDateText(e.until))})
	}
}

// reviewerSpans returns the spans of the page that name its reviewer and
// review dates, so that other rules can leave them to review-date and
// this rule.
func reviewerSpans(pass *lint.Pass) [][2]int {
	rd := pass.Facts().Review(article.DefaultBylineLines)
	var out [][2]int
	for _, l := range [][]article.Found{rd.Reviewer, rd.Reviewed, rd.Next} {
		for _, f := range l {
			out = append(out, [2]int{f.Pos, f.End})
		}
	}
	return out
}
