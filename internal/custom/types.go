package custom

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/dates"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/match"
)

// textRange is a part of a block's plain text that a scope covers.
type textRange struct {
	blk        *document.Block
	start, end int
}

// ranges returns the text a scope covers: prose (paragraphs, list items,
// table cells, link texts), headings, links (link texts only) or all.
func ranges(doc *document.Document, scope string) []textRange {
	var out []textRange
	for _, b := range doc.Blocks {
		heading := b.Kind == document.BlockHeading
		switch scope {
		case "links":
			for _, l := range b.Links() {
				if !l.Image && l.TextEnd > l.TextPos {
					out = append(out, textRange{b, l.TextPos, l.TextEnd})
				}
			}
			continue
		case "headings":
			if !heading {
				continue
			}
		case "prose":
			if heading {
				continue
			}
		}
		out = append(out, textRange{b, 0, len(b.Text)})
	}
	return out
}

// span maps a match in block text to source offsets; exact reports
// whether the source bytes are the matched text (so a fix may replace them).
func span(doc *document.Document, b *document.Block, start, end int) (pos, stop int, exact bool) {
	pos = b.SourceOffset(start)
	stop = pos
	if end > start {
		stop = b.SourceOffset(end-1) + 1
	}
	stop = min(max(stop, pos), len(doc.Source))
	exact = stop-pos == end-start && string(doc.Source[pos:stop]) == b.Text[start:end]
	return pos, stop, exact
}

// patternRule flags every match of its combined expression.
type patternRule struct {
	base
	matcher
}

func buildPattern(d *def) (Rule, error) {
	patterns, phrases := d.strings("patterns"), d.strings("phrases")
	if len(patterns) == 0 && len(phrases) == 0 {
		return nil, fmt.Errorf("a pattern rule needs patterns (regexps) or phrases")
	}
	ignoreCase := d.boolean("ignore-case", len(patterns) == 0)
	var alts []string
	for _, p := range patterns {
		if d.regexp(d.fields["patterns"], p, false) != nil {
			alts = append(alts, "(?:"+p+")")
		}
	}
	for _, p := range phrases {
		alts = append(alts, phraseExpr(p))
	}
	re := d.regexp(d.node, strings.Join(alts, "|"), ignoreCase)
	r := &patternRule{base: d.base, matcher: newMatcher(re, d.enum("scope", "prose", "prose", "headings", "links", "all"))}
	r.meta.Bad = "(text matching: " + strings.Join(append(patterns, phrases...), ", ") + ")"
	return prepared{r}, nil
}

// phraseExpr matches a plain phrase on word boundaries, any run of spaces
// between its words.
func phraseExpr(p string) string {
	words := strings.Fields(p)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	expr := strings.Join(words, `\s+`)
	if r, _ := utf8.DecodeRuneInString(p); isWord(r) {
		expr = `\b` + expr
	}
	if r, _ := utf8.DecodeLastRuneInString(p); isWord(r) {
		expr += `\b`
	}
	return "(?:" + expr + ")"
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// matcher is the search shared by pattern and substitute rules: one
// combined expression, prefiltered by the words it needs (package match),
// and a scope.
type matcher struct {
	set   *match.Set // nil when the expression did not compile
	scope string
}

// newMatcher returns the matcher of re (nil: an invalid expression, already
// reported) in scope.
func newMatcher(re *regexp.Regexp, scope string) matcher {
	if re == nil {
		return matcher{scope: scope}
	}
	return matcher{set: match.FromRegexps(re), scope: scope}
}

// each calls fn for every non-empty match in the rule's scope, with the
// matched text and its source range; exact reports that the source bytes
// are the match itself.
func (m *matcher) each(doc *document.Document, fn func(match string, pos, end int, exact bool)) {
	if m.set == nil {
		return
	}
	for _, tr := range ranges(doc, m.scope) {
		text := tr.blk.Text[tr.start:tr.end]
		sc := m.set.Scan(text)
		for _, loc := range sc.FindAll(0) {
			if loc[1] == loc[0] {
				continue
			}
			pos, end, exact := span(doc, tr.blk, tr.start+loc[0], tr.start+loc[1])
			fn(text[loc[0]:loc[1]], pos, end, exact)
		}
	}
}

func (r *patternRule) Run(pass *lint.Pass) error {
	r.each(pass.Doc, func(match string, pos, end int, _ bool) {
		pass.Report(lint.Diagnostic{Pos: pos, End: end, Check: "pattern", Message: r.format(messageData{Match: match})})
	})
	return nil
}

// substituteRule flags words that have a preferred replacement and fixes
// them, keeping the original's capitalisation.
type substituteRule struct {
	base
	matcher
	swap map[string]string // lower-case phrase -> replacement
}

func buildSubstitute(d *def) (Rule, error) {
	n := d.fields["swap"]
	if n == nil {
		return nil, fmt.Errorf("a substitute rule needs swap: {\"phrase\": \"replacement\", ...}")
	}
	swap := map[string]string{}
	if err := n.Decode(&swap); err != nil || len(swap) == 0 {
		return nil, fmt.Errorf("swap must map phrases to their replacements")
	}
	keys := make([]string, 0, len(swap))
	lower := map[string]string{}
	for k, v := range swap {
		keys = append(keys, k)
		lower[strings.ToLower(strings.Join(strings.Fields(k), " "))] = v
	}
	// Longest first, so "heart attack risk" wins over "heart attack".
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
	})
	alts := make([]string, len(keys))
	for i, k := range keys {
		alts[i] = phraseExpr(k)
	}
	ignoreCase := d.boolean("ignore-case", true)
	r := &substituteRule{base: d.base, swap: lower, matcher: newMatcher(d.regexp(n, strings.Join(alts, "|"), ignoreCase),
		d.enum("scope", "prose", "prose", "headings", "links", "all"))}
	r.meta.Fixable = true
	for _, k := range keys[:min(len(keys), 3)] {
		r.meta.Bad += k + " → " + swap[k] + "\n"
	}
	return prepared{r}, nil
}

func (r *substituteRule) Run(pass *lint.Pass) error {
	r.each(pass.Doc, func(match string, pos, end int, exact bool) {
		repl := matchCase(match, r.swap[strings.ToLower(strings.Join(strings.Fields(match), " "))])
		diag := lint.Diagnostic{Pos: pos, End: end, Check: "substitute", Message: r.format(messageData{Match: match, Replacement: repl})}
		if exact {
			diag.Fix = &lint.Fix{Message: fmt.Sprintf("replace %q with %q", match, repl), Edits: []lint.Edit{{Pos: pos, End: end, NewText: repl}}}
		}
		pass.Report(diag)
	})
	return nil
}

// matchCase gives repl the capitalisation of orig: all caps, an initial
// capital, or as written.
func matchCase(orig, repl string) string {
	if orig == strings.ToUpper(orig) && orig != strings.ToLower(orig) && utf8.RuneCountInString(orig) > 1 {
		return strings.ToUpper(repl)
	}
	r, _ := utf8.DecodeRuneInString(orig)
	if unicode.IsUpper(r) {
		first, size := utf8.DecodeRuneInString(repl)
		return string(unicode.ToUpper(first)) + repl[size:]
	}
	return repl
}

// requiredSectionRule flags a document without a matching heading.
type requiredSectionRule struct {
	base
	name    string
	heading *regexp.Regexp
	text    string
	level   int
	after   string
}

func buildRequiredSection(d *def) (Rule, error) {
	r := &requiredSectionRule{base: d.base, text: d.str("heading"), after: document.NormalizeHeading(d.str("after"))}
	if p := d.str("heading-pattern"); p != "" {
		r.heading = d.regexp(d.fields["heading-pattern"], p, true)
		r.name = p
	}
	if r.text == "" && r.heading == nil {
		return nil, fmt.Errorf("a required-section rule needs heading (text) or heading-pattern (regexp)")
	}
	if r.text != "" {
		r.name = r.text
		r.text = document.NormalizeHeading(r.text)
	}
	r.level, _ = d.integer("level")
	if r.level > 6 {
		d.errorf(d.fields["level"], "level must be 1 to 6")
	}
	r.meta.Bad = "(an article without a \"" + r.name + "\" heading)"
	return prepared{r}, nil
}

func (r *requiredSectionRule) matches(h *document.Heading) bool {
	if r.heading != nil {
		return r.heading.MatchString(h.Text)
	}
	return document.NormalizeHeading(h.Text) == r.text
}

func (r *requiredSectionRule) Run(pass *lint.Pass) error {
	doc := pass.Doc
	afterLine := 0
	for _, h := range doc.Headings {
		if r.after != "" && afterLine == 0 && document.NormalizeHeading(h.Text) == r.after {
			afterLine = h.Line
		}
		if !r.matches(h) {
			continue
		}
		switch {
		case r.level != 0 && h.Level != r.level:
			pass.Report(lint.Diagnostic{Pos: h.Pos, End: h.End, Check: "level",
				Message: fmt.Sprintf("%s (found at level %d, want level %d)", r.format(messageData{Match: r.name}), h.Level, r.level)})
		case r.after != "" && afterLine == 0:
			pass.Report(lint.Diagnostic{Pos: h.Pos, End: h.End, Check: "order",
				Message: fmt.Sprintf("%s (found, but it must come after the %q section)", r.format(messageData{Match: r.name}), r.after)})
		}
		return nil
	}
	pass.Report(lint.Diagnostic{Pos: 0, End: doc.LineEnd(1), Check: "missing", Message: r.format(messageData{Match: r.name})})
	return nil
}

// requiredFieldRule flags a missing or malformed front-matter field.
type requiredFieldRule struct {
	base
	field   string
	pattern *regexp.Regexp
	typ     string
}

func buildRequiredField(d *def) (Rule, error) {
	r := &requiredFieldRule{base: d.base, field: d.required("field"), typ: d.enum("value-type", "string", "string", "date", "list")}
	if p := d.str("pattern"); p != "" {
		r.pattern = d.regexp(d.fields["pattern"], p, false)
	}
	r.meta.Bad = "---\n# no " + r.field + " field\n---\n"
	return prepared{r}, nil
}

func (r *requiredFieldRule) Run(pass *lint.Pass) error {
	doc := pass.Doc
	f := doc.FrontMatter.Get(r.field)
	if f == nil {
		pass.Report(lint.Diagnostic{Pos: 0, End: doc.LineEnd(1), Check: "missing",
			Message: r.format(messageData{Match: fmt.Sprintf("missing required field %q", r.field)})})
		return nil
	}
	pos := doc.Offset(document.Position{Line: f.ValueLine, Column: f.ValueColumn})
	end := doc.LineEnd(f.ValueLine)
	bad := func(why string) {
		pass.Report(lint.Diagnostic{Pos: pos, End: max(end, pos), Check: "malformed",
			Message: r.format(messageData{Match: fmt.Sprintf("field %q %s", r.field, why)})})
	}
	switch {
	case r.typ == "list" && !f.IsList:
		bad("must be a list")
		return nil
	case r.typ != "list" && f.IsList:
		bad("must be a single value, not a list")
		return nil
	case strings.TrimSpace(f.Value) == "" && len(f.List) == 0:
		bad("is empty")
		return nil
	case r.typ == "date" && !isDate(f.Value):
		bad(fmt.Sprintf("is not a date: %q", f.Value))
		return nil
	}
	if r.pattern == nil {
		return nil
	}
	values := f.List
	if !f.IsList {
		values = []string{f.Value}
	}
	for _, v := range values {
		if !r.pattern.MatchString(v) {
			bad(fmt.Sprintf("value %q does not match %s", v, r.pattern))
			return nil
		}
	}
	return nil
}

// isDate accepts every date form review-date understands (ISO, "July 11,
// 2025", "11 July 2025", ...); numeric dates may be month- or day-first.
func isDate(s string) bool {
	_, err := dates.Parse(s, dates.MDY)
	return err == nil
}

// forbiddenLinkRule flags links whose host is listed.
type forbiddenLinkRule struct {
	base
	hosts []string
}

func buildForbiddenLink(d *def) (Rule, error) {
	hosts := d.strings("hosts")
	if len(hosts) == 0 {
		return nil, fmt.Errorf("a forbidden-link rule needs hosts: [example.com, ...]")
	}
	for i, h := range hosts {
		hosts[i] = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(h)), "*.")
	}
	r := &forbiddenLinkRule{base: d.base, hosts: hosts}
	r.meta.Bad = "[a source](https://" + hosts[0] + "/article)"
	return prepared{r}, nil
}

// Host returns the lower-case host of a link destination, or "".
func Host(dest string) string {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Host == "" {
		if strings.HasPrefix(dest, "www.") {
			return strings.ToLower(strings.SplitN(dest, "/", 2)[0])
		}
		return ""
	}
	return strings.ToLower(u.Hostname())
}

func (r *forbiddenLinkRule) Run(pass *lint.Pass) error {
	for _, b := range pass.Doc.Blocks {
		for _, l := range b.Links() {
			if l.Image {
				continue
			}
			host := Host(l.Destination)
			if host == "" {
				continue
			}
			for _, h := range r.hosts {
				if host == h || strings.HasSuffix(host, "."+h) {
					pass.Report(lint.Diagnostic{Pos: l.Pos, End: l.End, Check: "forbidden-link", Message: r.format(messageData{Match: host})})
					break
				}
			}
		}
	}
	return nil
}

// maxLengthRule flags sentences, paragraphs or headings over a limit.
type maxLengthRule struct {
	base
	unit string
	max  int
	of   string
}

func buildMaxLength(d *def) (Rule, error) {
	limit, ok := d.integer("max")
	if !ok {
		return nil, fmt.Errorf("a max-length rule needs max (a positive whole number)")
	}
	r := &maxLengthRule{base: d.base, max: limit,
		unit: d.enum("unit", "words", "words", "characters"),
		of:   d.enum("of", "sentence", "sentence", "paragraph", "heading")}
	r.meta.Bad = fmt.Sprintf("(a %s longer than %d %s)", r.of, limit, r.unit)
	return prepared{r}, nil
}

func (r *maxLengthRule) measure(s string) int {
	if r.unit == "characters" {
		return utf8.RuneCountInString(strings.Join(strings.Fields(s), " "))
	}
	return len(strings.Fields(s))
}

func (r *maxLengthRule) Run(pass *lint.Pass) error {
	doc := pass.Doc
	report := func(text string, pos, end int) {
		n := r.measure(text)
		if n <= r.max {
			return
		}
		words := strings.Fields(text)
		excerpt := strings.Join(words[:min(len(words), 8)], " ")
		if len(words) > 8 {
			excerpt += " …"
		}
		pass.Report(lint.Diagnostic{Pos: pos, End: end, Check: r.of,
			Message: r.format(messageData{Match: excerpt, Length: n, Max: r.max, Unit: r.unit})})
	}
	for _, b := range doc.Blocks {
		switch {
		case r.of == "heading" && b.Kind == document.BlockHeading:
			report(b.Text, b.Pos, b.End)
		case r.of == "paragraph" && b.Kind == document.BlockParagraph:
			report(b.Text, b.Pos, b.End)
		case r.of == "sentence" && b.Kind != document.BlockHeading:
			for _, s := range doc.Sentences(b) {
				report(s.Text, s.Pos, s.EndPos)
			}
		}
	}
	return nil
}
