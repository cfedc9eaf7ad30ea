package rules

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/match"
)

func init() { lint.Register(citationQuality) }

// citationQuality checks the identifiers a page cites: a DOI or PMID that
// is malformed, and (with a retraction list) a cited paper that was
// retracted or carries an expression of concern. It never goes on the
// network: the retraction list is a file read with the configuration.
var citationQuality = &lint.Definition[CitationQualityOptions]{
	Info:     citationQualityMeta,
	Defaults: func() *CitationQualityOptions { return &CitationQualityOptions{} },
	Build:    buildCitationQuality,
}

// CitationQualityOptions are the options of citation-quality.
type CitationQualityOptions struct {
	Retractions string `yaml:"retractions" doc:"path to a retraction list in the Retraction Watch CSV format that Crossref distributes (retraction_watch.csv, or a copy keeping at least its OriginalPaperDOI or OriginalPaperPubMedID column and RetractionNature), relative to the configuration file and inside its repository; a cited DOI or PMID listed as retracted is an error, one with an expression of concern a warning. Read once, when the configuration loads; never downloaded"`

	baseDir string
	// list is the retraction list ReadFiles read (nil without
	// retractions, or when ReadFiles did not run).
	list *retractionList
}

// SetBaseDir implements lint.BaseDirSetter: retractions is relative to dir.
func (o *CitationQualityOptions) SetBaseDir(dir string) { o.baseDir = dir }

// ReadFiles implements lint.FileReader: the retraction list is read and
// parsed when the configuration loads, so that a missing, escaping or
// malformed list is a configuration error and Run reads nothing.
func (o *CitationQualityOptions) ReadFiles(read func(path string) ([]byte, error)) error {
	o.list = nil
	if o.Retractions == "" {
		return nil
	}
	p, err := confinedOptionPath("retractions", o.Retractions, o.baseDir)
	if err != nil {
		return err
	}
	data, err := read(p)
	if err != nil {
		return fmt.Errorf("retractions: cannot read the retraction list: %w", err)
	}
	list, err := parseRetractionsCached(p, data)
	if err != nil {
		return err
	}
	o.list = list
	return nil
}

// citationQualityMeta is the rule's metadata: data, built once.
var citationQualityMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "citation-quality",
	Summary:  "Cited DOIs and PMIDs must be well formed, and must not point at retracted papers",
	Severity: lint.SeverityError,
	Rationale: "A citation is only as good as the paper it points at and the reader's ability to find it. A DOI " +
		"or PubMed ID with a typo (\"doi: 10.123/abc\", \"PMID: 1234567890\") leads nowhere, and a retracted paper " +
		"is no support at all: the ICMJE recommendations make authors responsible for checking that no reference " +
		"cites a retracted article except to refer to the retraction, yet retracted papers go on being cited for years. With retractions set to a copy of the " +
		"Retraction Watch database (the CSV that Crossref distributes free of charge), every DOI and PMID the page " +
		"cites (in links, \"doi:\" and \"PMID:\" references, doi.org and PubMed links, publisher URLs that hold a " +
		"DOI, footnotes and reference lists) is looked up in it. Nothing is fetched from the network.",
	Bad: "Zinc shortens colds ([Smith, 2020](https://doi.org/10.1093/)).\n\n" +
		"1. Smith J. Zinc and colds. J Nutr. 2020. doi: 10.123/jn.2020. PMID: 123456789\n",
	Good: "Zinc may shorten colds ([Hemilä, 2017](https://doi.org/10.1177/2054270417694291)).\n\n" +
		"1. Hemilä H. Zinc lozenges and the common cold. JRSM Open. 2017. doi:10.1177/2054270417694291. PMID: 28515951\n",
	Checks: []lint.CheckDoc{
		{Name: "malformed-doi", Summary: "a DOI marker (\"doi:\", \"DOI \", a doi.org or dx.doi.org link, or a bare 10.NNNN/ prefix) with no valid DOI after it: not 10.NNNN/suffix (4 to 9 registrant digits, then a suffix of letters, digits and -._;()/:, Crossref's recommended pattern; Wiley's older 10.1002/ DOIs may hold any non-space character), after trailing punctuation is removed (warning)"},
		{Name: "malformed-pmid", Summary: "\"PMID\" (\"PMID: 12345678\", \"PMID 123\") or a pubmed.ncbi.nlm.nih.gov/ or ncbi.nlm.nih.gov/pubmed/ link with no valid PubMed ID: 1 to 8 digits, not 0 (warning)"},
		{Name: "retracted", Summary: "with retractions set: a cited DOI or PMID is the original paper of a Retraction in the list (error)"},
		{Name: "expression-of-concern", Summary: "with retractions set: a cited DOI or PMID has an Expression of concern in the list (warning)"},
		{Name: "retractions", Summary: "retractions is set but the list was not read with the configuration: options built by hand, not by config.Load (error; a list that cannot be read or parsed is a configuration error)", WholeFile: true},
	},
	Notes: "Where identifiers are read: the text of paragraphs, list items, headings, table cells and footnotes " +
		"(code spans and blocks, HTML blocks and front matter are not read) and the destination of every link. A " +
		"DOI ends at a space or a quotation mark; trailing .,;:!?'\"]}> and an unbalanced ) are not part of it. " +
		"Link paths are percent-decoded (doi.org/10.1002/%28SICI%29... is 10.1002/(SICI)...). A DOI inside a " +
		"publisher's URL (nejm.org/doi/full/10.1056/..., biomedcentral.com/articles/10.1186/...) is looked up in the " +
		"retraction list, with the URL's trailing path segments removed one by one, but never reported as malformed, " +
		"as such URLs hold more than the DOI. \"DOI:\" followed by a word without digits is prose (\"the DOI: a " +
		"permanent link\"), not a reference.\n\n" +
		"The retraction list: the header names the columns, in any order and case; OriginalPaperDOI and " +
		"OriginalPaperPubMedID (at least one) and RetractionNature are read, and Record ID, RetractionDate and " +
		"Reason go into the message when present. DOIs are compared case-insensitively without a doi.org or doi: " +
		"prefix; a PubMed ID of 0 and a DOI of \"unavailable\" mean none. RetractionNature decides: Retraction is " +
		"an error, Expression of concern a warning; a Correction is not reported (the corrected paper stands); a " +
		"Reinstatement withdraws the notices of the same paper dated before it (an undated one withdraws them all); " +
		"other natures are ignored. With the list, \"[Lee, 2019](https://doi.org/10.5555/retracted.2019.001)\" is " +
		"an error when 10.5555/retracted.2019.001 is the OriginalPaperDOI of a Retraction row, unless the paragraph, " +
		"list item or footnote that cites it, or its section's heading, says so itself (\"retracted\", \"retraction\", \"withdrawn\", an Elsevier " +
		"title's \"RETRACTED:\"; \"expression of concern\" for a concern): a citation may refer to the retraction. A row " +
		"that does not parse as CSV is a configuration error naming the file and line. The list must stay inside " +
		"the repository holding the configuration file. The full retraction_watch.csv (about 60 MB) works as it is " +
		"(a file an option names may have up to 128 MB), but every run reads and parses it: keeping the columns the rule " +
		"reads, for example `csvcut -c 'Record ID,RetractionDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason' " +
		"retraction_watch.csv > retractions.csv` (a few MB), makes that faster. The result cache keys findings on the list's content.",
}

// buildCitationQuality returns the check; the options need no
// preparation beyond what ReadFiles did.
func buildCitationQuality(opts *CitationQualityOptions, _ lint.Env) (lint.Check, error) {
	return func(pass *lint.Pass) error { return checkCitationQuality(pass, opts) }, nil
}

// idKind says which identifier an occurrence is.
type idKind uint8

const (
	idDOI idKind = iota + 1
	idPMID
)

// Patterns of idSet.
const (
	idDOIMarker = iota
	idBareDOI
	idPMIDMarker
)

// citedID is one identifier the page cites, or tries to.
type citedID struct {
	kind idKind
	// raw is the identifier as written (after trailing punctuation is
	// removed); value is the normalised identifier when valid.
	raw, value string
	valid      bool
	// strict reports an occurrence whose marker claims a well-formed
	// identifier (doi:, doi.org, PMID:, a PubMed link); a DOI found in a
	// publisher's URL is looked up but not judged.
	strict bool
	// prefixes, for a DOI in a publisher's URL, are the shorter
	// candidates to look up (trailing path segments removed).
	prefixes []string
	pos, end int
}

var (
	// idSet holds the identifier patterns: one keyword pass over a block
	// tells which can match it (most blocks: none). Pattern idDOIMarker
	// finds "doi:", "DOI " or "doi.org/" (what follows is the DOI),
	// idBareDOI a DOI without a marker, idPMIDMarker "PMID", "PMID:" or
	// "PubMed ID:". It is built on first use rather than at start-up.
	idSet = sync.OnceValue(func() *match.Set {
		return match.MustCompile(
			`(?i)\b(?:(?:https?://)?(?:dx\.)?doi\.org/|doi\s*[:：]\s*|doi\s+(?:1|l)[0oO]?)`,
			`\b10\.\d{4,9}/`,
			`(?i)\b(?:pmid|pubmed\s+id)\b\s*[:：#]?\s*`,
		)
	})
	// validDOIRe is Crossref's recommended DOI pattern (it matches 74.4 of
	// 74.9 million DOIs).
	validDOIRe = lazyre.New(`(?i)^10\.\d{4,9}/[-._;()/:A-Z0-9]+$`)
	// wileyDOIRe are Wiley's older DOIs, whose suffixes (SICI) hold <, >
	// and # among others.
	wileyDOIRe  = lazyre.New(`^10\.1002/\S+$`)
	validPMIDRe = lazyre.New(`^[1-9]\d{0,7}$`)
	urlDOIRe    = lazyre.New(`10\.\d{4,9}/[^?#&\s"<>]+`)
)

func checkCitationQuality(pass *lint.Pass, opts *CitationQualityOptions) error {
	doc := pass.Doc
	if opts.Retractions != "" && opts.list == nil {
		pass.Report(lint.Diagnostic{Pos: 0, End: doc.LineEnd(1), Check: "retractions", Severity: lint.SeverityError,
			Message: fmt.Sprintf("cannot check citations against the retraction list %q: it was not read with the configuration (options built without config.Load or config.Parse)", opts.Retractions)})
		return nil
	}
	for _, b := range doc.Blocks {
		ids := blockIDs(doc, b)
		if len(ids) == 0 {
			continue
		}
		said := citSaysNotice(b.Text)
		if b.Section != nil {
			// A page or section about the paper: "# RETRACTED: Ileal-...".
			h := citSaysNotice(b.Section.Text)
			said.retracted, said.concern = said.retracted || h.retracted, said.concern || h.concern
		}
		for _, id := range ids {
			reportID(pass, id, opts.list, said)
		}
	}
	return nil
}

// citSaid is what a block says of the notices on the papers it cites.
type citSaid struct{ retracted, concern bool }

// citSaysNotice reads a block for a retraction or an expression of concern
// it states itself: a reference whose title Elsevier prefixed with
// "RETRACTED:", "the paper was later retracted", "(withdrawn)". A
// citation that says so refers to the retraction, as the ICMJE allows.
// Identifiers and URLs are not read ("10.5555/retracted.2019.001" says
// nothing).
func citSaysNotice(text string) citSaid {
	// Removing identifiers only blanks text out, so a notice's wording is
	// in the text before: most blocks have none and skip the replacement.
	if !citMayNotice(text) {
		return citSaid{}
	}
	text = citIdentifierRe.ReplaceAllString(text, " ")
	return citSaid{retracted: citRetractedRe.MatchString(text), concern: citConcernRe.MatchString(text)}
}

// citNoticeWords are the words, lower-case, without which neither
// citRetractedRe nor citConcernRe can match: each of their letters folds
// only to itself and its ASCII capital (unlike k and s).
var citNoticeWords = [...]string{"retract", "withdrawn", "concern"}

// citMayNotice reports whether text holds one of citNoticeWords in any
// ASCII case.
func citMayNotice(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i] | 0x20
		for _, w := range citNoticeWords {
			if c == w[0] && hasPrefixFoldASCII(text[i:], w) {
				return true
			}
		}
	}
	return false
}

// hasPrefixFoldASCII reports whether s starts with lower, a lower-case
// ASCII letter string, in any ASCII case.
func hasPrefixFoldASCII(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if s[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

var (
	citRetractedRe  = lazyre.New(`(?i)\b(?:retract(?:ed|ion)|withdrawn)\b`)
	citConcernRe    = lazyre.New(`(?i)\bexpressions?\s+of\s+concern\b`)
	citIdentifierRe = lazyre.New(`(?i)[a-z][a-z0-9+.-]*://\S+|\b10\.\d{4,9}/\S+|\b(?:doi|pmid)\s*[:：]?\s*\S+`)
)

func reportID(pass *lint.Pass, id citedID, list *retractionList, said citSaid) {
	if !id.valid {
		if !id.strict {
			return
		}
		check, what, want := "malformed-doi", "DOI", "10.NNNN/suffix, e.g. 10.1093/ajcn/nqab123"
		if id.kind == idPMID {
			check, what, want = "malformed-pmid", "PubMed ID", "1 to 8 digits, e.g. PMID: 31234567"
		}
		shown := id.raw
		if shown == "" {
			shown = "nothing"
		} else {
			shown = fmt.Sprintf("%q", shorten(shown, 60))
		}
		msg := fmt.Sprintf("malformed %s: %s is not a valid %s (want %s); readers cannot follow it", what, shown, what, want)
		if inner := stripResolver(id.raw); id.kind == idDOI && strings.Contains(id.raw, "://") {
			msg = fmt.Sprintf("malformed DOI: the doi.org link holds a URL, %s, not a DOI", shown)
			if inner != id.raw && validDOI(inner) {
				msg += fmt.Sprintf(": the resolver is written twice; link https://doi.org/%s", inner)
			}
		}
		pass.Report(lint.Diagnostic{Pos: id.pos, End: id.end, Check: check, Severity: lint.SeverityWarning, Message: msg})
		// A doubled resolver still names a paper: look that one up.
		inner := stripResolver(id.raw)
		if id.kind != idDOI || inner == id.raw || !validDOI(inner) {
			return
		}
		id.raw, id.value, id.valid = inner, strings.ToLower(inner), true
	}
	if list == nil {
		return
	}
	n, key := list.lookup(id)
	if n == nil {
		return
	}
	if key == id.value {
		key = id.raw // as cited
	}
	what := "DOI " + key
	if id.kind == idPMID {
		what = "PMID " + key
	}
	detail := n.detail()
	switch {
	case n.nature == natureRetraction && !said.retracted:
		pass.Report(lint.Diagnostic{Pos: id.pos, End: id.end, Check: "retracted", Severity: lint.SeverityError,
			Message: fmt.Sprintf("cites a retracted paper: %s was retracted%s; remove the citation or say that it was retracted", what, detail)})
	case n.nature == natureConcern && !said.concern && !said.retracted:
		pass.Report(lint.Diagnostic{Pos: id.pos, End: id.end, Check: "expression-of-concern", Severity: lint.SeverityWarning,
			Message: fmt.Sprintf("cites a paper under an expression of concern: %s%s; check whether it still supports the claim", what, detail)})
	}
}

// blockIDs returns the identifiers of block b: those of its links'
// destinations, then those of its text outside links that already gave
// one.
func blockIDs(doc *document.Document, b *document.Block) []citedID {
	var out []citedID
	var linked [][2]int // text ranges of links whose destination gave an identifier
	for _, l := range b.Links() {
		if l.Image {
			continue
		}
		id, ok := linkID(l.Destination)
		if !ok {
			continue
		}
		id.pos, id.end = destinationSpan(doc, l)
		out = append(out, id)
		linked = append(linked, [2]int{l.TextPos, l.TextEnd})
	}
	// Most blocks hold none of the words the patterns need: one pass
	// over the bytes rules them out faster than the keyword scan.
	if !mayHoldID(b.Text) {
		return out
	}
	t := textScan{b: b, linked: linked, out: out}
	t.scan()
	return t.out
}

// textScan collects the identifiers of a block's text, outside the links
// whose destination already gave one.
type textScan struct {
	b      *document.Block
	linked [][2]int
	out    []citedID
}

func (t *textScan) inLinked(s int) bool {
	for _, r := range t.linked {
		if s >= r[0] && s < r[1] {
			return true
		}
	}
	return false
}

func (t *textScan) add(id citedID, s, e int) {
	if t.inLinked(s) {
		return
	}
	id.pos = t.b.SourceOffset(s)
	id.end = max(t.b.SourceOffset(max(e-1, s))+1, id.pos)
	t.out = append(t.out, id)
}

func (t *textScan) scan() {
	text := t.b.Text
	sc := idSet().Scan(text)
	if !sc.Any() {
		return
	}
	taken := 0 // text before taken was consumed by a marked DOI
	for _, m := range sc.FindAll(idDOIMarker) {
		from := m[1]
		if c := text[m[1]-1]; c != ':' && c != '/' && c != ' ' && !strings.HasSuffix(text[:m[1]], "：") {
			// "doi 10.1/x": the identifier starts after the spaces.
			from = m[0] + 3 + len(text[m[0]+3:m[1]]) - len(strings.TrimLeft(text[m[0]+3:m[1]], " \t"))
		}
		if t.inLinked(from) {
			continue // "DOI: [https://doi.org/10.1/x](...)": the link was read
		}
		tok, te := tokenAt(text, from)
		if strings.HasPrefix(strings.ToLower(text[m[0]:m[1]]), "doi") && !strings.Contains(text[m[0]:m[1]], ".org") {
			if tok != "" && !hasDigit(tok) {
				continue // "the DOI: a permanent link" is prose
			}
			tok = stripResolver(tok) // "DOI: https://doi.org/10.1/x"
		}
		t.add(doiID(tok, true), m[0], max(te, m[1]))
		taken = max(taken, te)
	}
	for _, m := range sc.FindAll(idBareDOI) {
		if m[0] < taken || precededByMarker(text, m[0]) {
			continue
		}
		tok, te := tokenAt(text, m[0])
		t.add(doiID(tok, true), m[0], te)
	}
	for _, m := range sc.FindAll(idPMIDMarker) {
		tok, te := tokenAt(text, m[1])
		if tok == "" || !hasDigit(tok) {
			continue // "the PMID of the paper" is prose
		}
		t.add(pmidID(tok, true), m[0], te)
	}
}

// mayHoldID reports whether text holds "doi" (not "doing"), "pmid" or
// "pubmed" in any case, or "10.": every identifier pattern needs one of
// them.
func mayHoldID(text string) bool {
	for i := 0; i+2 < len(text); i++ {
		switch text[i] | 0x20 {
		case 'd':
			if text[i+1]|0x20 == 'o' && text[i+2]|0x20 == 'i' && (i+3 == len(text) || !isASCIILetter(text[i+3])) {
				return true
			}
		case 'p':
			if hasFoldPrefix(text[i:], "pmid") || hasFoldPrefix(text[i:], "pubmed") {
				return true
			}
		case '1':
			if text[i+1] == '0' && text[i+2] == '.' {
				return true
			}
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// hasFoldPrefix reports whether s starts with the lower-case ASCII word
// w, ignoring case.
func hasFoldPrefix(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for i := range len(w) {
		if s[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// stripResolver removes a leading doi.org or dx.doi.org URL prefix.
func stripResolver(tok string) string {
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/"} {
		if len(tok) > len(p) && strings.EqualFold(tok[:len(p)], p) {
			return tok[len(p):]
		}
	}
	return tok
}

// precededByMarker reports whether the DOI at text[i:] follows a marker
// that doiMarkerRe consumed ("doi: " or "doi.org/").
func precededByMarker(text string, i int) bool {
	before := strings.ToLower(text[max(0, i-12):i])
	return strings.HasSuffix(strings.TrimRight(before, " \t:："), "doi") || strings.HasSuffix(before, "doi.org/")
}

// tokenAt returns the run of non-space characters at text[i:] (ending at
// a space, a quotation mark or angle bracket), trailing punctuation
// removed, and the offset where the kept token ends.
func tokenAt(text string, i int) (string, int) {
	j := i
	stop := " \t\n\"<>[“”"
	if strings.HasPrefix(text[i:], "10.1002/") {
		stop = " \t\n\"[“”" // Wiley's SICI DOIs hold < and >
	}
	for j < len(text) && !strings.ContainsRune(stop, rune(text[j])) {
		if text[j] >= 0x80 {
			// A typographic quote or any non-ASCII space ends the token too.
			if strings.HasPrefix(text[j:], "“") || strings.HasPrefix(text[j:], "”") || strings.HasPrefix(text[j:], "\u00a0") {
				break
			}
		}
		j++
	}
	tok := trimIDPunct(text[i:j])
	return tok, i + len(tok)
}

// trimIDPunct removes trailing punctuation that ends a sentence or a
// bracket around an identifier, and a closing parenthesis that has no
// opening one in the identifier ("(doi:10.1/x)").
func trimIDPunct(s string) string {
	for s != "" {
		c := s[len(s)-1]
		switch {
		case strings.IndexByte(".,;:!?'\"]}>*_", c) >= 0:
			s = s[:len(s)-1]
		case c == ')' && strings.Count(s, "(") < strings.Count(s, ")"):
			s = s[:len(s)-1]
		case strings.HasSuffix(s, "’") || strings.HasSuffix(s, "”"):
			s = s[:len(s)-len("’")]
		default:
			return s
		}
	}
	return s
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// doiID judges a DOI as written.
func doiID(raw string, strict bool) citedID {
	id := citedID{kind: idDOI, raw: raw, strict: strict}
	if validDOI(raw) {
		id.valid, id.value = true, strings.ToLower(raw)
	}
	return id
}

// validDOI reports whether s is a DOI by Crossref's pattern (or one of
// Wiley's older DOIs).
func validDOI(s string) bool {
	return validDOIRe.MatchString(s) || wileyDOIRe.MatchString(s)
}

// pmidID judges a PubMed ID as written.
func pmidID(raw string, strict bool) citedID {
	id := citedID{kind: idPMID, raw: raw, strict: strict}
	if validPMIDRe.MatchString(raw) {
		id.valid, id.value = true, raw
	}
	return id
}

// linkID returns the identifier a link destination names: a doi.org or
// dx.doi.org link (judged), a PubMed link (judged), or a DOI inside
// another URL (looked up, never judged).
func linkID(dest string) (citedID, bool) {
	dest = strings.TrimSpace(dest)
	if len(dest) >= 4 && strings.EqualFold(dest[:4], "doi:") {
		return doiID(trimIDPunct(strings.TrimSpace(dest[4:])), true), true
	}
	if !mayHoldID(dest) {
		return citedID{}, false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Host == "" {
		return citedID{}, false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	path := strings.TrimPrefix(u.EscapedPath(), "/")
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	switch {
	case host == "doi.org" || host == "dx.doi.org":
		return resolverDOI(path)
	case host == "pubmed.ncbi.nlm.nih.gov" || host == "ncbi.nlm.nih.gov" && strings.HasPrefix(path, "pubmed/"):
		return pubmedLinkID(path)
	}
	return publisherDOI(path, u.RawQuery)
}

// resolverDOI reads the path of a doi.org link. doi.org's own pages
// (/the-identifier/...) are not DOIs; a path that starts with a digit,
// holds "10." or is another URL glued to the resolver
// ("doi.org/https://...", "doi.org/www...") claims to be one.
func resolverDOI(path string) (citedID, bool) {
	glued := hasFoldPrefix(path, "http") || hasFoldPrefix(path, "www.")
	if path == "" || (path[0] < '0' || path[0] > '9') && !strings.Contains(path, "10.") && !glued {
		return citedID{}, false
	}
	path = strings.TrimPrefix(path, "doi:")
	return doiID(strings.TrimRight(path, "/"), true), true
}

// pubmedLinkID reads the path of a PubMed link: /NNN/ or /pubmed/NNN.
func pubmedLinkID(path string) (citedID, bool) {
	seg := strings.TrimPrefix(path, "pubmed/")
	seg, _, _ = strings.Cut(seg, "/")
	if seg == "" || seg[0] < '0' || seg[0] > '9' {
		return citedID{}, false // the search page, /?term=..., /clinical/
	}
	return pmidID(seg, true), true
}

// publisherDOI finds a DOI in another URL's path or query
// (nejm.org/doi/full/10.1056/X, plos ...?id=10.1371/...). Such URLs may
// hold more than the DOI (academic.oup.com/.../10.1093/a/b/123): the
// shorter candidates are looked up too.
func publisherDOI(path, rawQuery string) (citedID, bool) {
	full := path
	if rawQuery != "" {
		if q, err := url.QueryUnescape(rawQuery); err == nil {
			full += "?" + q
		}
	}
	m := urlDOIRe.FindString(full)
	if m == "" {
		return citedID{}, false
	}
	id := doiID(trimIDPunct(strings.TrimRight(m, "/")), false)
	if !id.valid {
		return citedID{}, false
	}
	for s := id.value; ; {
		i := strings.LastIndexByte(s, '/')
		if i <= strings.IndexByte(s, '/') {
			break
		}
		s = s[:i]
		id.prefixes = append(id.prefixes, s)
	}
	return id, true
}

// destinationSpan returns where a link's destination is written in the
// source, or the whole link when it cannot be found (a reference-style
// link's destination is in its definition).
func destinationSpan(doc *document.Document, l *document.Link) (int, int) {
	pos, end := max(l.Pos, 0), min(l.End, len(doc.Source))
	if pos >= end {
		return pos, max(pos, min(end, len(doc.Source)))
	}
	if i := strings.Index(string(doc.Source[pos:end]), l.Destination); i >= 0 && l.Destination != "" {
		return pos + i, pos + i + len(l.Destination)
	}
	return pos, end
}

// shorten cuts s to at most n bytes at a character boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// confinedOptionPath resolves an option's path against the configuration
// directory and refuses one outside the repository holding it, as the
// reviewers registry does.
func confinedOptionPath(option, value, baseDir string) (string, error) {
	base := baseDir
	if base == "" {
		base = "."
	}
	base, err := filepath.Abs(base)
	if err != nil {
		return "", fmt.Errorf("%s: %w", option, err)
	}
	p := value
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
		return "", fmt.Errorf("%s: %q resolves to %s, outside the repository %s: keep the file inside the repository", option, value, p, root)
	}
	return p, nil
}

// nature is what a notice of the retraction list says of a paper.
type nature uint8

const (
	natureNone nature = iota
	natureCorrection
	natureConcern
	natureRetraction
	natureReinstatement
)

// notice is one notice of the retraction list.
type notice struct {
	nature nature
	record string
	date   string // as YYYY-MM-DD when it parsed, else as written
	sort   string // YYYY-MM-DD, or "" when the date did not parse
	reason string
}

// detail renders the record's date, id and reason for a message.
func (n *notice) detail() string {
	var parts []string
	if n.date != "" {
		parts = append(parts, "on "+n.date)
	}
	var extra []string
	if n.record != "" {
		extra = append(extra, "Retraction Watch record "+n.record)
	}
	if n.reason != "" {
		extra = append(extra, "reason: "+shorten(n.reason, 100))
	}
	s := strings.Join(parts, " ")
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, "; ") + ")"
	}
	if s != "" {
		s = " " + s
	}
	return s
}

// retractionList is a parsed retraction list: notices by normalised DOI
// and by PubMed ID.
type retractionList struct {
	path   string
	byDOI  map[string]*notice
	byPMID map[string]*notice
}

// lookup returns the notice of a cited identifier and the key it matched.
func (l *retractionList) lookup(id citedID) (*notice, string) {
	if id.kind == idPMID {
		if n := l.byPMID[id.value]; n != nil {
			return n, id.value
		}
		return nil, ""
	}
	for _, k := range append([]string{id.value}, id.prefixes...) {
		if n := l.byDOI[k]; n != nil {
			return n, k
		}
	}
	return nil, ""
}

// reported reports whether the notice is one the rule reports: a
// retraction or an expression of concern.
func (n *notice) reported() bool {
	return n.nature == natureRetraction || n.nature == natureConcern
}

// Column names of the Retraction Watch CSV that the rule reads.
const (
	colRecord   = "record id"
	colDate     = "retractiondate"
	colDOI      = "originalpaperdoi"
	colPMID     = "originalpaperpubmedid"
	colNature   = "retractionnature"
	colReason   = "reason"
	maxListSize = 4 // parsed lists kept for reuse
)

// parsedLists keeps the last lists parsed, keyed by path and the very
// bytes the configuration loader read (it hands every options value the
// same slice): the loader calls ReadFiles for each layer of the
// configuration and each set of overrides, and a large list must not be
// parsed each time.
var parsedLists struct {
	sync.Mutex
	entries []parsedListEntry
}

type parsedListEntry struct {
	path string
	data *byte
	n    int
	list *retractionList
}

func parseRetractionsCached(path string, data []byte) (*retractionList, error) {
	if len(data) == 0 {
		return parseRetractions(path, data)
	}
	parsedLists.Lock()
	for _, e := range parsedLists.entries {
		if e.path == path && e.data == &data[0] && e.n == len(data) {
			parsedLists.Unlock()
			return e.list, nil
		}
	}
	parsedLists.Unlock()
	list, err := parseRetractions(path, data)
	if err != nil {
		return nil, err
	}
	parsedLists.Lock()
	defer parsedLists.Unlock()
	parsedLists.entries = append(parsedLists.entries, parsedListEntry{path: path, data: &data[0], n: len(data), list: list})
	if len(parsedLists.entries) > maxListSize {
		parsedLists.entries = parsedLists.entries[1:]
	}
	return list, nil
}

// parseRetractions reads a retraction list in the Retraction Watch CSV
// format. Its errors name the file and the line.
func parseRetractions(path string, data []byte) (*retractionList, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("retractions %s: the file is empty: want the Retraction Watch CSV (a header line naming OriginalPaperDOI, OriginalPaperPubMedID and RetractionNature, then one line per notice)", path)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, csvError(path, err)
	}
	cols := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if _, dup := cols[name]; !dup && name != "" {
			cols[name] = i
		}
	}
	_, hasDOI := cols[colDOI]
	_, hasPMID := cols[colPMID]
	if _, ok := cols[colNature]; !ok || !hasDOI && !hasPMID {
		return nil, fmt.Errorf("retractions %s:1: the header has no RetractionNature column or neither OriginalPaperDOI nor OriginalPaperPubMedID: want the Retraction Watch CSV that Crossref distributes (Record ID,Title,...,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,...)", path)
	}
	byDOI, byPMID := map[string][]notice{}, map[string][]notice{}
	field := func(rec []string, name string) string {
		if i, ok := cols[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		nat := parseNature(field(rec, colNature))
		if nat == natureNone {
			continue
		}
		date, sortKey := retractionDate(field(rec, colDate))
		n := notice{nature: nat, record: field(rec, colRecord), date: date, sort: sortKey, reason: listReasons(field(rec, colReason))}
		if doi := normalizeDOI(field(rec, colDOI)); doi != "" {
			byDOI[doi] = append(byDOI[doi], n)
		}
		if pmid := normalizePMID(field(rec, colPMID)); pmid != "" {
			byPMID[pmid] = append(byPMID[pmid], n)
		}
	}
	list := &retractionList{path: path, byDOI: map[string]*notice{}, byPMID: map[string]*notice{}}
	for k, ns := range byDOI {
		if v := verdict(ns); v != nil {
			list.byDOI[k] = v
		}
	}
	for k, ns := range byPMID {
		if v := verdict(ns); v != nil {
			list.byPMID[k] = v
		}
	}
	return list, nil
}

// listReasons renders Retraction Watch's "+A;+B;" as "A, B".
func listReasons(s string) string {
	var out []string
	for _, r := range strings.Split(s, ";") {
		if r = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(r), "+")); r != "" {
			out = append(out, r)
		}
	}
	return strings.Join(out, ", ")
}

// csvError names the file and line of a CSV error.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("retractions %s:%d: not valid CSV: %w", path, pe.Line, pe.Err)
	}
	return fmt.Errorf("retractions %s: %w", path, err)
}

// parseNature reads RetractionNature.
func parseNature(s string) nature {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "retraction":
		return natureRetraction
	case "expression of concern":
		return natureConcern
	case "correction":
		return natureCorrection
	case "reinstatement":
		return natureReinstatement
	}
	return natureNone
}

// verdict returns the notice the rule reports for a paper with these
// notices, or nil: the most severe retraction or expression of concern
// (the later of two alike) not withdrawn by a reinstatement dated after
// it (an undated notice or reinstatement counts as withdrawn when there
// is one).
func verdict(notices []notice) *notice {
	reinstated, hasReinstatement := "", false
	for _, n := range notices {
		if n.nature == natureReinstatement {
			hasReinstatement = true
			if n.sort == "" {
				reinstated = "9999-99-99"
			}
			reinstated = max(reinstated, n.sort)
		}
	}
	var best *notice
	for i := range notices {
		n := &notices[i]
		if !n.reported() || hasReinstatement && (n.sort == "" || n.sort <= reinstated) {
			continue
		}
		if best == nil || n.nature > best.nature || n.nature == best.nature && n.sort > best.sort {
			best = n
		}
	}
	return best
}

// retractionDate reads RetractionDate ("8/16/2023 0:00", or ISO) as
// YYYY-MM-DD; the text as written, and no sort key, when it does not parse.
func retractionDate(s string) (string, string) {
	if s == "" {
		return "", ""
	}
	day, _, _ := strings.Cut(s, " ")
	if t, err := time.Parse("1/2/2006", day); err == nil {
		d := t.Format("2006-01-02")
		return d, d
	}
	if t, err := time.Parse("2006-01-02", day); err == nil {
		d := t.Format("2006-01-02")
		return d, d
	}
	return s, ""
}

// normalizeDOI returns a DOI of the list in the form cited DOIs are
// compared in: lower case, without a resolver or doi: prefix; "" for none
// ("unavailable", "0", anything that is not a DOI).
func normalizeDOI(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"} {
		lower = strings.TrimPrefix(lower, p)
	}
	lower = strings.TrimSpace(lower)
	if !strings.HasPrefix(lower, "10.") || !strings.Contains(lower, "/") {
		return ""
	}
	return lower
}

// normalizePMID returns a PubMed ID of the list without leading zeros; ""
// for none (0, empty, not a number).
func normalizePMID(s string) string {
	s = strings.TrimLeft(strings.TrimSpace(s), "0")
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return ""
	}
	return s
}
