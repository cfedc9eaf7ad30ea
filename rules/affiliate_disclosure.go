package rules

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/match"
	"github.com/medlint/medlint/internal/textmemo"
)

func init() { lint.Register(affiliateDisclosure) }

// affiliateDisclosure checks that commercial relationships are disclosed
// before every affiliate link or call to buy.
var affiliateDisclosure = &lint.Definition[AffiliateDisclosureOptions]{
	Info:     affiliateDisclosureMeta,
	Defaults: func() *AffiliateDisclosureOptions { return &AffiliateDisclosureOptions{CallsToBuy: true} },
	Build:    buildAffiliateDisclosure,
}

// AffiliateDisclosureOptions are the options of affiliate-disclosure.
type AffiliateDisclosureOptions struct {
	OwnShopDomains     []string `yaml:"own-shop-domains" doc:"the site's own shop domains (shop.example.com; subdomains included): a link to them is commerce and needs a disclosure (\"we sell the products we recommend\")"`
	AffiliateHosts     []string `yaml:"affiliate-hosts" doc:"extra affiliate-network or link-shortener hosts, added to the built-in ones (amzn.to, shareasale.com, awin1.com, prf.hn, CJ's domains, skimlinks, rover.ebay.com, ...)"`
	AffiliateParams    []string `yaml:"affiliate-params" doc:"extra query parameters that mark an external link as an affiliate link, added to the built-in ones (aff, affid, aff_id, affiliate, ref, irclickid, ...)"`
	DisclosurePatterns []string `yaml:"disclosure-patterns" doc:"extra case-insensitive regular expressions that recognise a disclosure (e.g. your house wording), added to the built-in ones"`
	CallsToBuy         bool     `yaml:"calls-to-buy" doc:"also treat calls to buy in prose (\"shop now\", \"buy now\", \"use code\", \"discount code\", \"check out our ... products\") as commerce that needs a disclosure"`
}

// Validate compiles the disclosure patterns and checks the domain lists.
func (o *AffiliateDisclosureOptions) Validate() error {
	_, err := o.compile()
	return err
}

// compile compiles the disclosure patterns, checks the domain lists and
// returns the lists in force.
func (o *AffiliateDisclosureOptions) compile() (*affiliateLists, error) {
	discl, err := o.disclosures()
	if err != nil {
		return nil, err
	}
	for _, list := range []struct {
		name  string
		items []string
	}{{"own-shop-domains", o.OwnShopDomains}, {"affiliate-hosts", o.AffiliateHosts}, {"affiliate-params", o.AffiliateParams}} {
		for _, d := range list.items {
			if strings.TrimSpace(d) == "" || strings.ContainsAny(d, " /?#") {
				return nil, fmt.Errorf("%s: %q must be a bare host name or parameter (no scheme, path or spaces)", list.name, d)
			}
		}
	}
	return &affiliateLists{
		discl:     discl,
		disclosed: textmemo.NewKind("affiliate-disclosure disclosures"),
		linked:    textmemo.NewKind("affiliate-disclosure links"),
		hosts:     append(slices.Clone(affiliateHosts), o.AffiliateHosts...),
		params:    append(slices.Clone(affiliateParams), o.AffiliateParams...),
	}, nil
}

func (o *AffiliateDisclosureOptions) disclosures() (*match.Set, error) {
	if len(o.DisclosurePatterns) == 0 {
		return builtinDisclosures(), nil
	}
	out := slices.Clone(disclosureExprs)
	for i, p := range o.DisclosurePatterns {
		if _, err := regexp.Compile("(?i)" + p); err != nil {
			return nil, fmt.Errorf("disclosure-patterns[%d] %q: %w", i, p, err)
		}
		out = append(out, "(?i)"+p)
	}
	return match.MustCompile(out...), nil
}

// builtinDisclosures are disclosureExprs in one match set, built on first
// use rather than at start-up (each expression compiled when first used).
var builtinDisclosures = sync.OnceValue(func() *match.Set { return match.MustCompile(disclosureExprs...) })

// affiliateDisclosureMeta is the rule's metadata: data, built once.
var affiliateDisclosureMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "affiliate-disclosure",
	Summary:  "Affiliate links, shop links and calls to buy need a disclosure of the commercial relationship before them",
	Severity: lint.SeverityError,
	Rationale: "The FTC Endorsement Guides (16 CFR 255.5) and the UK CAP Code require a clear and conspicuous " +
		"disclosure of any material connection: commissions on affiliate links, sponsorship, or selling the products " +
		"an article recommends. \"Clear and conspicuous\" means before the reader meets the link, not in a footer. " +
		"Commerce is: a link through an affiliate network or shortener (amzn.to, shareasale, awin1, prf.hn, CJ's " +
		"anrdoezrs/dpbolvw/jdoqocy/kqzyfj/tkqlhce, skimlinks, viglink, rover.ebay.com, linksynergy, ...), an Amazon " +
		"link with tag=, an external link with an affiliate query parameter (aff=, affid=, ref=, irclickid=, " +
		"utm_medium=affiliate, ...), a link to one of own-shop-domains, or with calls-to-buy a call to buy in the " +
		"text. A disclosure is wording such as \"affiliate link\", \"we may earn a commission\", \"sponsored\", " +
		"\"paid partnership\", \"we sell\", \"our own products\", \"as an Amazon Associate\"; it must come before the " +
		"commerce link or call, or in the same paragraph. Every commerce link or call it does not cover is reported, " +
		"one finding per line; a link to the site's own guide (\"check out our guide to ...\") is no call to buy.",
	Bad: "# Probiotics\n\nCheck out our [range of products](https://shop.example/probiotics?ref=blog).\n",
	Good: "# Probiotics\n\n*We sell the probiotics we mention and earn money if you buy them.*\n\n" +
		"Check out our [range of products](https://shop.example/probiotics?ref=blog).\n",
	Checks: []lint.CheckDoc{
		{Name: "missing", Summary: "commerce links or calls to buy and no disclosure anywhere (each is reported)"},
		{Name: "late", Summary: "a disclosure exists, but after these commerce links or calls"},
	},
	Notes: "tag= counts only on Amazon hosts or when it looks like an Associates tag (name-20), since elsewhere it is a " +
		"blog tag filter; ref= and the other parameters count only on external links and not on code hosts, " +
		"government, NHS, university or journal sites. A disclosure printed by the site template (a banner) is " +
		"invisible to medlint: switch the rule off for those files with an overrides entry.",
}

var (
	// affiliateHosts are affiliate networks and their link shorteners.
	affiliateHosts = []string{"amzn.to", "amzn.eu", "amzn.asia", "a.co", "shareasale.com", "shrsl.com", "awin1.com",
		"prf.hn", "anrdoezrs.net", "dpbolvw.net", "jdoqocy.com", "kqzyfj.com", "tkqlhce.com", "emjcd.com", "qksrv.net",
		"apmebf.com", "skimresources.com", "redirectingat.com", "viglink.com", "rover.ebay.com", "linksynergy.com",
		"pntra.com", "pjtra.com", "pjatr.com", "avantlink.com", "shop-links.co", "howl.me", "howl.link", "geni.us",
		"sjv.io", "7eer.net", "evyy.net", "pxf.io", "hop.clickbank.net", "clk.tradedoubler.com", "track.webgains.com",
		"go2cloud.org", "refersion.com", "rstyle.me", "shopstyle.it", "ltk.app", "liketk.it"}
	// affiliateParams mark an external link as an affiliate link.
	affiliateParams = []string{"aff", "affid", "aff_id", "affiliate", "affiliate_id", "affiliateid", "ref", "irclickid",
		"irgwc", "ranmid", "ransiteid", "raneaid", "sscid", "clickref", "afftrack", "aff_sub", "partnerid"}
	// nonCommerceHosts never carry affiliate links (ref= on GitHub is a
	// branch).
	nonCommerceHosts = fastre.MustCompile(`(?i)(?:^|\.)(?:github\.com|gitlab\.com|bitbucket\.org|githubusercontent\.com|` +
		`readthedocs\.io|readthedocs\.org|doi\.org|nih\.gov|wikipedia\.org|who\.int|europa\.eu|gov|gov\.uk|nhs\.uk|edu|ac\.uk)$`)
	amazonHost   = lazyre.New(`(?i)(?:^|\.)amazon\.(?:com|co\.uk|ca|de|fr|it|es|in|com\.au|co\.jp|nl|se|pl|com\.mx|com\.br)$`)
	associateTag = lazyre.New(`-2[0-2]$`)
	// callsToBuy finds calls to buy in prose: callToBuyDirect, then
	// callToBuyVerb ("check out our"), which callToBuyObject must follow
	// within the sentence (two steps keep the expressions linear on long
	// paragraphs).
	callsToBuy = sync.OnceValue(func() *match.Set {
		return match.MustCompile(
			`(?i)\b(?:shop|buy|order) (?:it |them |yours )?now\b|\badd to (?:cart|basket|bag)\b|`+
				`\b(?:use|enter|apply) (?:the |my |our )?(?:code|coupon|coupon code|promo code|discount code|voucher code) (?-i:[A-Z0-9]{3,})\b|`+
				`\b(?:discount|promo|coupon|voucher|promotional) codes?\b|`+
				`\bavailable (?:on|at|from) amazon\b|\bvisit (?:our|my) (?:shop|store)\b`,
			`(?i)\b(?:check(?:ing)? out|shop|browse|explore|grab|buy|try) (?:our|the|my)\b`)
	})
	callToBuyObject = lazyre.New(`(?i)^[^.!?]{0,60}?\b(?:products|supplements|shop|store|kits|bundles)\b`)
	// editorialObject follows "check out our" for a page of the site, not
	// a product: an internal editorial link needs no disclosure.
	editorialObject = lazyre.New(`(?i)^\s*(?:(?:full|complete|ultimate|latest|free|in-depth|detailed)\s+)?(?:guides?|articles?|posts?|pages?|blog|reviews?|list|roundups?|resources?|series|podcasts?|videos?|newsletter|tips|faq)\b`)
	// disclosureExprs recognise a disclosure of a commercial relationship.
	disclosureExprs = []string{
		`(?i)\baffiliate (?:links?|commissions?|partners?|partnerships?|programs?|programmes?|marketing|relationships?|disclosure|income)\b|\baffiliates? of\b`,
		`(?i)\bas an? (?:amazon )?associate\b`,
		`(?i)\b(?:earn|earns|receive|receives|get|gets|make|makes|earned|received)\b[^.!?]{0,30}\b(?:commissions?|fees?|compensation|a share of (?:the )?sales|money)\b`,
		`(?i)\b(?:compensated|commissions? (?:from|on))\b`,
		`(?i)\bsponsored\b|\bpaid (?:partnership|promotion|advertisement|post|content)\b|\badvertisement\b|\bin partnership with\b|#ad\b|#sponsored\b`,
		`(?i)\bwe sell\b|\bour own (?:products?|brand|range|supplements?)\b|\bproducts? (?:that )?we (?:sell|make)\b|\bwe (?:make|manufacture|own) (?:the |these |this )?(?:products?|supplements?|brand)\b`,
		`(?i)\b(?:advertising |affiliate |financial )?disclosure\s*:|\bmaterial connection\b`,
	}
	// hrefAttr reads href attributes in HTML.
	hrefAttr = lazyre.New(`(?is)<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
)

// commerceHit is an affiliate link or a call to buy.
type commerceHit struct {
	pos, end int
	what     string
	block    *document.Block
}

// affiliateLists are the options' lists in force: the built-in hosts,
// parameters and disclosure patterns with the configured ones added.
type affiliateLists struct {
	discl         *match.Set
	hosts, params []string
	// disclosed is the entry in document.Document.Texts of where discl
	// first matches a block's text, linked that of why a link
	// destination is a commerce link (commerceLink).
	disclosed, linked *textmemo.Kind
}

// buildAffiliateDisclosure validates the options and compiles the
// disclosure patterns and the host and parameter lists once.
func buildAffiliateDisclosure(opts *AffiliateDisclosureOptions, _ lint.Env) (lint.Check, error) {
	lists, err := opts.compile()
	if err != nil {
		return nil, err
	}
	return func(pass *lint.Pass) error { return checkAffiliateDisclosure(pass, opts, lists) }, nil
}

func checkAffiliateDisclosure(pass *lint.Pass, opts *AffiliateDisclosureOptions, lists *affiliateLists) error {
	doc := pass.Doc
	discl, hosts, params := lists.discl, lists.hosts, lists.params
	linkWhy := func(dest string) string { return commerceLink(dest, hosts, params, opts.OwnShopDomains) }
	// firstDisclosure is where the first disclosure pattern that matches
	// a text starts, or -1.
	firstDisclosure := func(text string) int {
		sc := discl.Scan(text)
		if m := sc.FindFirst(); m != nil {
			return m[0]
		}
		return -1
	}
	var hits []commerceHit
	var disclosures []commerceHit
	for _, b := range doc.Blocks {
		for _, l := range b.Links() {
			if l.Image || l.Pos < 0 {
				continue
			}
			if why := textmemo.Get(doc.Texts, lists.linked, l.Destination, linkWhy); why != "" {
				hits = append(hits, commerceHit{pos: l.Pos, end: max(l.End, l.Pos), what: why, block: b})
			}
		}
		for _, h := range b.InlineHTML() {
			for _, m := range hrefAttr.FindAllStringSubmatch(h.Text, -1) {
				if why := commerceLink(m[1]+m[2]+m[3], hosts, params, opts.OwnShopDomains); why != "" {
					hits = append(hits, commerceHit{pos: h.Pos, end: h.End, what: why, block: b})
				}
			}
		}
		if opts.CallsToBuy {
			hits = append(hits, callsToBuyIn(doc, b)...)
		}
	}
	for _, r := range htmlBlockRanges(doc) {
		html := string(doc.Source[r[0]:r[1]])
		for _, m := range hrefAttr.FindAllStringSubmatchIndex(html, -1) {
			dest := ""
			for k := 2; k < 8; k += 2 {
				if m[k] >= 0 {
					dest = html[m[k]:m[k+1]]
				}
			}
			if inHTMLComment(html, m[0]) {
				continue
			}
			if why := commerceLink(dest, hosts, params, opts.OwnShopDomains); why != "" {
				hits = append(hits, commerceHit{pos: r[0] + m[0], end: r[0] + m[1], what: why})
			}
		}
	}
	if len(hits) == 0 {
		return nil // nothing to disclose: no need to look for disclosures
	}
	for _, b := range doc.Blocks {
		if at := textmemo.Get(doc.Texts, lists.disclosed, b.Text, firstDisclosure); at >= 0 {
			disclosures = append(disclosures, commerceHit{pos: b.SourceOffset(at), block: b})
		}
	}
	for _, r := range htmlBlockRanges(doc) {
		text := htmlTagRE.ReplaceAllString(string(doc.Source[r[0]:r[1]]), " ")
		if discl.MatchString(text) {
			disclosures = append(disclosures, commerceHit{pos: r[0]})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	reportUndisclosed(pass, hits, disclosures)
	return nil
}

// reportUndisclosed reports each commerce hit that no disclosure precedes
// (or shares its paragraph with): the FTC asks for the disclosure before
// the reader meets the link, so one at the end covers nothing above it.
func reportUndisclosed(pass *lint.Pass, hits, disclosures []commerceHit) {
	doc := pass.Doc
	covered := func(h commerceHit) bool {
		for _, d := range disclosures {
			if d.pos <= h.pos || d.block != nil && d.block == h.block {
				return true
			}
		}
		return false
	}
	firstLine := 0
	for i := 0; i < len(hits); i++ {
		h := hits[i]
		if covered(h) {
			continue
		}
		line := doc.Line(h.pos)
		if firstLine == 0 {
			firstLine = line
		}
		// Commerce on one line is one finding ("a link and a call to buy").
		for i+1 < len(hits) && doc.Line(hits[i+1].pos) == line {
			i++
			if !strings.Contains(h.what, hits[i].what) {
				h.what += " and " + hits[i].what
			}
		}
		if len(disclosures) > 0 {
			pass.Report(lint.Diagnostic{Pos: h.pos, End: h.end, Check: "late",
				Message: fmt.Sprintf("%s comes before the disclosure on line %d: move the disclosure above the first affiliate link or call to buy (line %d)",
					upperFirst(h.what), doc.Line(disclosures[0].pos), firstLine)})
			continue
		}
		pass.Report(lint.Diagnostic{Pos: h.pos, End: h.end, Check: "missing",
			Message: fmt.Sprintf("%s with no disclosure of the commercial relationship: say before it, above line %d, that you earn a commission, are sponsored or sell the product (e.g. \"We may earn a commission from links on this page\")",
				upperFirst(h.what), firstLine)})
	}
}

// callsToBuyIn returns the calls to buy in a block's text.
func callsToBuyIn(doc *document.Document, b *document.Block) []commerceHit {
	sc := callsToBuy().ScanWith(b.Text, doc.Keywords(b))
	calls := sc.FindAll(0)
	for _, m := range sc.FindAll(1) {
		rest := b.Text[m[1]:min(len(b.Text), m[1]+200)]
		if editorialObject.MatchString(rest) {
			continue
		}
		if o := callToBuyObject.FindStringIndex(rest); o != nil {
			calls = append(calls, []int{m[0], m[1] + o[1]})
		}
	}
	hits := make([]commerceHit, 0, len(calls))
	for _, m := range calls {
		pos := b.SourceOffset(m[0])
		hits = append(hits, commerceHit{pos: pos, end: max(b.SourceOffset(m[1]-1)+1, pos),
			what: fmt.Sprintf("a call to buy (%q)", b.Text[m[0]:m[1]]), block: b})
	}
	return hits
}

var htmlTagRE = lazyre.New(`<[^>]*>`)

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// commerceLink says why dest is a commerce link, or returns "".
func commerceLink(dest string, hosts, params, ownShops []string) string {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "") {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	hostIs := func(h string) bool {
		h = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(h)), "www.")
		// host is h or a subdomain of it ("."+h without building it).
		return h != "" && strings.HasSuffix(host, h) && (len(host) == len(h) || host[len(host)-len(h)-1] == '.')
	}
	for _, h := range ownShops {
		if hostIs(h) {
			return fmt.Sprintf("a link to the site's own shop (%s)", host)
		}
	}
	for _, h := range hosts {
		if hostIs(h) {
			return fmt.Sprintf("an affiliate link (%s)", host)
		}
	}
	if nonCommerceHosts.MatchString(host) {
		return ""
	}
	q := u.Query()
	if tag := q.Get("tag"); tag != "" && (amazonHost.MatchString(host) || associateTag.MatchString(tag)) {
		return fmt.Sprintf("an affiliate link (%s with tag=%s)", host, tag)
	}
	for k, vs := range q {
		lk := strings.ToLower(k)
		if slices.Contains(params, lk) || slices.ContainsFunc(params, func(p string) bool { return strings.EqualFold(p, k) }) {
			return fmt.Sprintf("an affiliate link (%s with %s=)", host, k)
		}
		if lk == "utm_medium" && slices.ContainsFunc(vs, func(v string) bool { return strings.HasPrefix(strings.ToLower(v), "affiliate") }) {
			return fmt.Sprintf("an affiliate link (%s with utm_medium=affiliate)", host)
		}
	}
	return ""
}
