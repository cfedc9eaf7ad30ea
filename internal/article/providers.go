package article

import (
	"bytes"
	"strings"

	"github.com/medlint/medlint/internal/document"
)

// Providers names the shortcodes, includes, components and HTML classes
// whose output carries the medical disclaimer or the review byline, so
// that a page using them is not reported for lacking what its template
// renders. A name matches when it contains one of the entries, ignoring
// case and the separators '-', '_', '.' and spaces ("medical-review"
// matches <MedicalReview />).
type Providers struct {
	// Disclaimer lists the names that provide the medical disclaimer;
	// nil means DefaultDisclaimerProviders.
	Disclaimer []string `yaml:"disclaimer"`
	// Review lists the names that provide the review byline (none by
	// default: a component's name rarely says whom it names).
	Review []string `yaml:"review"`
}

// DefaultDisclaimerProviders is the default of Providers.Disclaimer: any
// shortcode, include, component or HTML class whose name contains
// "disclaimer" ({{< disclaimer >}}, {% include medical-disclaimer.html %},
// <Disclaimer />, <div class="disclaimer">).
var DefaultDisclaimerProviders = []string{"disclaimer"}

func (p *Providers) names(kind providerKind) []string {
	switch {
	case kind == providerReview && p != nil:
		return p.Review
	case kind == providerReview:
		return nil
	case p == nil || p.Disclaimer == nil:
		return DefaultDisclaimerProviders
	}
	return p.Disclaimer
}

// key identifies the configuration for memoising per document.
func (p *Providers) key() string {
	if p == nil || p.Disclaimer == nil && p.Review == nil {
		return ""
	}
	return strings.Join(p.names(providerDisclaimer), "\x00") + "\x01" + strings.Join(p.names(providerReview), "\x00")
}

type providerKind uint8

const (
	providerDisclaimer providerKind = iota
	providerReview
)

// Provider is a shortcode, include, component or HTML element found in a
// page whose name matches a provider entry.
type Provider struct {
	// What is "shortcode", "include", "component", "HTML class",
	// "admonition" or "snippet".
	What string
	// Name is the shortcode, file, component or class name as written.
	Name string
	// Pos and End delimit the construct's opening in Source; Line is the
	// line of Pos.
	Pos, End, Line int
	// Attrs are the key="value" attributes of the construct.
	Attrs []Attr
}

// Attr is a key="value" attribute of a provider.
type Attr struct {
	Key, Value string
	// Pos and End delimit the value in Source.
	Pos, End int
}

// find returns the first construct in doc whose name contains one of the
// names of kind, outside code, front matter and HTML comments.
func (p *Providers) find(doc *document.Document, kind providerKind) *Provider {
	names := p.names(kind)
	if len(names) == 0 {
		return nil
	}
	var best *Provider
	for _, name := range names {
		want := NormKey(strings.TrimSpace(name))
		if want == "" {
			continue
		}
		// Search for the entry's first word; the construct's whole name is
		// compared folded.
		word := strings.ToLower(strings.TrimSpace(name))
		if i := strings.IndexAny(word, "-_. "); i > 0 {
			word = word[:i]
		}
		for off := 0; ; {
			i := indexFold(doc.Source, word, off)
			if i < 0 || best != nil && i >= best.Pos {
				break
			}
			off = i + len(word)
			if c := constructAt(doc, i, want); c != nil {
				best = c
				break
			}
		}
	}
	return best
}

// indexFold returns the offset of the first match of n (lower case) in
// src[from:], ASCII letters compared case-insensitively, or -1. It
// allocates nothing: most pages hold no provider name at all.
func indexFold(src []byte, n string, from int) int {
	if n == "" {
		return -1
	}
	lo, up := n[0], n[0]
	if lo >= 'a' && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	for from < len(src) {
		rest := src[from:]
		i := bytes.IndexByte(rest, lo)
		if up != lo {
			if j := bytes.IndexByte(rest, up); j >= 0 && (i < 0 || j < i) {
				i = j
			}
		}
		if i < 0 || len(rest)-i < len(n) {
			return -1
		}
		if asciiEqualFold(rest[i:i+len(n)], n) {
			return from + i
		}
		from += i + 1
	}
	return -1
}

func asciiEqualFold(b []byte, lower string) bool {
	for k := range len(lower) {
		c := b[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[k] {
			return false
		}
	}
	return true
}

// asciiLower returns b with ASCII letters lower-cased, byte for byte.
func asciiLower(b []byte) string {
	out := []byte(string(b))
	for i, c := range out {
		if c >= 'A' && c <= 'Z' {
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}

// constructAt returns the construct of the line holding offset i whose
// name spans i and, folded by NormKey, contains want, or nil.
func constructAt(doc *document.Document, i int, want string) *Provider {
	l := doc.Line(i)
	if l < 1 || l > len(doc.LineKinds) {
		return nil
	}
	switch doc.LineKinds[l-1] {
	case document.LineCode, document.LineFrontMatter:
		return nil
	}
	for _, c := range doc.Comments {
		if c.Pos <= i && i < c.End {
			return nil
		}
	}
	start, end := doc.LineStart(l), doc.LineEnd(l)
	if inCodeSpan(doc.Source[start:end], i-start) {
		return nil
	}
	for _, c := range scanConstructs(doc.Source[start:end], asciiLower(doc.Source[start:end]), start) {
		if c.namePos <= i && i < c.nameEnd && strings.Contains(NormKey(c.Name), want) {
			c.Line = l
			return &c.Provider
		}
	}
	return nil
}

// inCodeSpan reports whether offset i of line lies in a code span: between
// a run of backticks and the next run of the same length.
func inCodeSpan(line []byte, i int) bool {
	open := -1 // length of the open run
	for k := 0; k < len(line); {
		if line[k] != '`' {
			k++
			continue
		}
		n := 0
		for k+n < len(line) && line[k+n] == '`' {
			n++
		}
		switch {
		case open < 0:
			if k > i {
				return false
			}
			open = n
		case n == open:
			if k+n > i {
				return true
			}
			open = -1
		}
		k += n
	}
	return false
}

// construct is a provider candidate with the span of its name.
type construct struct {
	Provider
	namePos, nameEnd int
}

// scanConstructs finds the shortcodes, includes, components, classes,
// admonitions and snippets of one line (src and its lower-case copy, at
// offset base in Source).
func scanConstructs(src []byte, lower string, base int) []construct {
	sc := &constructScanner{src: src, lower: lower, base: base}
	sc.admonition()
	for i := 0; i < len(lower); i++ {
		rest := lower[i:]
		switch {
		case strings.HasPrefix(rest, "{{<") || strings.HasPrefix(rest, "{{%"):
			i = sc.shortcode(i) - 1
		case strings.HasPrefix(rest, "{%"):
			i = sc.liquid(i) - 1
		case strings.HasPrefix(rest, "{{") && strings.HasPrefix(strings.TrimLeft(lower[i+2:], " -"), "partial "):
			i = sc.partial(i) - 1
		case strings.HasPrefix(rest, "--8<--"):
			sc.snippet(i)
			return sc.out
		case lower[i] == '<' && i+1 < len(lower) && isNameStart(lower[i+1]):
			i = sc.element(i) - 1
		case strings.HasPrefix(rest, "class=") || strings.HasPrefix(rest, "classname="):
			// a class on a continuation line of a tag
			sc.out = append(sc.out, classes(src, lower, i, len(lower), base, i)...)
			i = len(lower)
		}
	}
	return sc.out
}

// constructScanner reads the constructs of one line; each method reads
// one kind at offset i of the line and returns the offset after it.
type constructScanner struct {
	src   []byte
	lower string
	base  int
	out   []construct
}

func (sc *constructScanner) add(what string, pos, end, ns, ne int, attrs []Attr) {
	sc.out = append(sc.out, construct{Provider: Provider{What: what, Name: string(sc.src[ns:ne]), Pos: sc.base + pos, End: sc.base + end, Attrs: attrs},
		namePos: sc.base + ns, nameEnd: sc.base + ne})
}

// closing returns the offset after the first closer at or after i, or the
// line's end.
func (sc *constructScanner) closing(i int, closer string) int {
	end := strings.Index(sc.lower[i:], closer)
	if end < 0 {
		return len(sc.lower)
	}
	return end + i + len(closer)
}

// admonition reads a MkDocs admonition: !!! disclaimer "Title".
func (sc *constructScanner) admonition() {
	lower := sc.lower
	trimmed := strings.TrimLeft(lower, " \t")
	ind := len(lower) - len(trimmed)
	if !strings.HasPrefix(trimmed, "!!!") && !strings.HasPrefix(trimmed, "???") {
		return
	}
	ns := ind + 3
	for ns < len(lower) && (lower[ns] == ' ' || lower[ns] == '+') {
		ns++
	}
	if ne := nameEnd(lower, ns); ne > ns {
		sc.add("admonition", ind, len(lower), ns, ne, nil)
	}
}

// shortcode reads a Hugo shortcode: {{< name key="value" >}}, {{% name %}}.
func (sc *constructScanner) shortcode(i int) int {
	lower := sc.lower
	closer := ">}}"
	if lower[i+2] == '%' {
		closer = "%}}"
	}
	end := sc.closing(i, closer)
	ns := skipSpace(lower, i+3)
	if ns < len(lower) && lower[ns] == '/' {
		return end // a closing shortcode
	}
	if ne := nameEnd(lower, ns); ne > ns {
		sc.add("shortcode", i, end, ns, ne, attrs(sc.src, lower, ne, end, sc.base))
	}
	return end
}

// liquid reads a Liquid or Nunjucks tag: {% include disclaimer.html %},
// {% render 'disclaimer' %}, or a custom tag {% disclaimer %}.
func (sc *constructScanner) liquid(i int) int {
	lower := sc.lower
	end := sc.closing(i, "%}")
	ws := skipSpace(lower, i+2)
	if ws < len(lower) && lower[ws] == '-' {
		ws = skipSpace(lower, ws+1)
	}
	we := nameEnd(lower, ws)
	switch lower[ws:we] {
	case "include", "include_relative", "render", "partial", "snippet", "component", "import", "insert":
		ns := skipSpace(lower, we)
		if ns < len(lower) && (lower[ns] == '"' || lower[ns] == '\'') {
			ns++
		}
		if ne := pathEnd(lower, ns); ne > ns {
			sc.add("include", i, end, ns, ne, attrs(sc.src, lower, ne, end, sc.base))
		}
	default:
		if we > ws {
			sc.add("shortcode", i, end, ws, we, attrs(sc.src, lower, we, end, sc.base))
		}
	}
	return end
}

// partial reads a Hugo partial in content: {{ partial "disclaimer.html" . }}.
func (sc *constructScanner) partial(i int) int {
	lower := sc.lower
	ns := i + 2 + (len(lower[i+2:]) - len(strings.TrimLeft(lower[i+2:], " -"))) + len("partial ")
	ns = skipSpace(lower, ns)
	if ns < len(lower) && lower[ns] == '"' {
		ns++
	}
	ne := pathEnd(lower, ns)
	end := sc.closing(i, "}}")
	if ne > ns {
		sc.add("include", i, end, ns, ne, nil)
	}
	return end
}

// snippet reads a pymdownx snippet: --8<-- "disclaimer.md".
func (sc *constructScanner) snippet(i int) {
	lower := sc.lower
	ns := skipSpace(lower, i+6)
	if ns < len(lower) && (lower[ns] == '"' || lower[ns] == '\'') {
		ns++
	}
	if ne := pathEnd(lower, ns); ne > ns {
		sc.add("snippet", i, ne, ns, ne, nil)
	}
}

// element reads an HTML element or a JSX component: <Disclaimer />,
// <div class="disclaimer">.
func (sc *constructScanner) element(i int) int {
	lower := sc.lower
	ns := i + 1
	ne := nameEnd(lower, ns)
	tag := sc.src[ns:ne]
	end := strings.IndexByte(lower[i:], '>')
	if end < 0 {
		end = len(lower)
	} else {
		end += i + 1
	}
	if tag[0] >= 'A' && tag[0] <= 'Z' || strings.IndexByte(lower[ns:ne], '-') > 0 {
		sc.add("component", i, end, ns, ne, attrs(sc.src, lower, ne, end, sc.base))
	}
	sc.out = append(sc.out, classes(sc.src, lower, ne, end, sc.base, i)...)
	return end
}

// classes returns a construct for every class of the class or className
// attribute in lower[from:to].
func classes(src []byte, lower string, from, to, base, tagPos int) []construct {
	var out []construct
	seg := lower[from:to]
	for _, attr := range []string{"class=", "classname="} {
		j := strings.Index(seg, attr)
		if j < 0 || j > 0 && isNameByte(seg[j-1]) {
			continue
		}
		vs := from + j + len(attr)
		if vs >= to || lower[vs] != '"' && lower[vs] != '\'' {
			continue
		}
		q := lower[vs]
		ve := strings.IndexByte(lower[vs+1:to], q)
		if ve < 0 {
			continue
		}
		ve += vs + 1
		for k := vs + 1; k < ve; {
			for k < ve && lower[k] == ' ' {
				k++
			}
			e := k
			for e < ve && lower[e] != ' ' {
				e++
			}
			if e > k {
				out = append(out, construct{Provider: Provider{What: "HTML class", Name: string(src[k:e]), Pos: base + tagPos, End: base + to},
					namePos: base + k, nameEnd: base + e})
			}
			k = e
		}
	}
	return out
}

// attrs reads key="value" and key='value' pairs in lower[from:to].
func attrs(src []byte, lower string, from, to, base int) []Attr {
	var out []Attr
	for i := from; i < to; i++ {
		if lower[i] != '=' || i+1 >= to || lower[i+1] != '"' && lower[i+1] != '\'' {
			continue
		}
		ks := i
		for ks > from && isNameByte(lower[ks-1]) {
			ks--
		}
		q := lower[i+1]
		ve := strings.IndexByte(lower[i+2:to], q)
		if ks == i || ve < 0 {
			continue
		}
		vs, ve := i+2, i+2+ve
		out = append(out, Attr{Key: string(src[ks:i]), Value: string(src[vs:ve]), Pos: base + vs, End: base + ve})
		i = ve
	}
	return out
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' }

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':'
}

// nameEnd returns the end of the name starting at i.
func nameEnd(s string, i int) int {
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	return i
}

// pathEnd returns the end of the file path starting at i.
func pathEnd(s string, i int) int {
	for i < len(s) && (isNameByte(s[i]) || s[i] == '/') {
		i++
	}
	return i
}
