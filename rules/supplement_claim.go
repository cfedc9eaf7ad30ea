package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/match"
)

func init() { lint.Register(supplementClaim) }

// supplementClaim checks the claims of dietary-supplement pages: a
// structure/function claim needs the DSHEA disclaimer, linked to it; a
// disease claim is not allowed at all.
var supplementClaim = &lint.Definition[SupplementClaimOptions]{
	Info: supplementClaimMeta,
	Defaults: func() *SupplementClaimOptions {
		return &SupplementClaimOptions{Market: "us", DetectSupplement: true, AllowInQuotes: true}
	},
	Build: buildSupplementClaim,
}

// SupplementClaimOptions are the options of supplement-claim.
type SupplementClaimOptions struct {
	Market           string   `yaml:"market" enum:"us,off" doc:"us: structure/function claims need the FDA disclaimer (DSHEA, 21 CFR 101.93); off: a market without that rule, where only disease claims are reported (the EU, the UK and most markets forbid them for foods and supplements too; switch the check off under checks if yours does not)"`
	DetectSupplement bool     `yaml:"detect-supplement" doc:"check only pages about a dietary supplement (words such as supplement, capsules, softgels, gummies, probiotic, Supplement Facts, per serving; not pages with Drug Facts); false checks every page of the kinds the rule runs on (a shop that sells only supplements)"`
	AllowInQuotes    bool     `yaml:"allow-in-quotes" doc:"skip claims in quotation marks and block quotes (a claim reported or refuted); set false to check quoted testimonials, which the FTC and FDA treat as the seller's claims"`
	Diseases         []string `yaml:"diseases" doc:"more disease names (plain phrases, matched in any case) for disease-claim, added to the built-in list"`
}

// Checks of supplement-claim.
const (
	supMissing    = "missing-disclaimer"
	supIncomplete = "incomplete-disclaimer"
	supUnlinked   = "unlinked-disclaimer"
	supDisease    = "disease-claim"
)

// The claim vocabulary. A structure/function claim is a verb of support
// followed, within four words, by a body function or system; a disease
// claim a verb of treatment followed, within five words, by a disease.
const (
	supSFVerbs = `(?:support(?:s|ing)?|promot(?:e|es|ing)|maintain(?:s|ing)?|boost(?:s|ing)?|enhanc(?:e|es|ing)|strengthen(?:s|ing)?|` +
		`nourish(?:es|ing)?|optimi[sz](?:e|es|ing)|balanc(?:e|es|ing)|improv(?:e|es|ing)|encourag(?:e|es|ing)|contribut(?:e|es|ing) to|` +
		`aids?|aiding|fuels?|fuel(?:s|ing)|revitali[sz](?:e|es|ing)|protect(?:s|ing)?|sharpens?|energi[sz](?:e|es|ing)|restor(?:e|es|ing))`
	supSFObjects = `(?:immun(?:e|ity)|digesti(?:on|ve)|gut|heart|cardiovascular|circulation|brain|cognitive|cognition|memory|focus|` +
		`concentration|mood|energy|sleep|relaxation|stress|joints?|cartilage|bones?|muscles?|skin|hair|nails|metaboli(?:sm|c)|liver|` +
		`kidneys?|urinary|bladder|prostate|eyes?|vision|blood sugar|glucose|cholesterol|blood pressure|hormon(?:e|es|al)|thyroid|` +
		`adrenals?|detox(?:ification)?|respiratory|lungs?|teeth|gums|vitality|wellness|well-?being|(?:overall|general|optimal|total|whole-body) health|defen[cs]es?|` +
		`microbiome|(?:micro)?flora|bowels?|regularity|libido|fertility|menopaus(?:e|al)|recovery|endurance|stamina|weight management|` +
		`appetite|inflammatory response|antioxidant)(?:\s+(?:health|system|systems|function|functions|response|levels?|tract|comfort|balance|wellness|support|defen[cs]es?))?`
	supDiseaseVerbs = `(?:cur(?:e|es|ed|ing)|treat(?:s|ed|ing)?|prevent(?:s|ed|ing)?|heal(?:s|ed|ing)?|revers(?:e|es|ed|ing)|` +
		`fight(?:s|ing)?|eliminat(?:e|es|ing)|combat(?:s|ing)?|alleviat(?:e|es|ing)|reliev(?:e|es|ing)|protect(?:s|ing)? against|` +
		`wards? off|get(?:s)? rid of|reduc(?:e|es|ing)|lower(?:s|ing)?|beat(?:s|ing)?|shorten(?:s|ing)?)`
	supDiseases = `(?:cancers?|tumou?rs?|carcinomas?|leuka?emia|lymphomas?|diabetes|arthritis|osteoarthritis|rheumatism|` +
		`alzheimer'?s|dementia|parkinson'?s|depression|anxiety disorders?|panic attacks?|insomnia|hypertension|` +
		`high blood pressure|high cholesterol|heart disease|heart attacks?|strokes?|atherosclerosis|infections?|utis?|` +
		`common cold|colds|flu|influenza|covid(?:-19)?|coronavirus|viral infections?|viruses|asthma|allerg(?:y|ies)|` +
		`hay fever|eczema|psoriasis|acne|rosacea|ibs|irritable bowel syndrome|crohn'?s|colitis|ulcers?|gerd|acid reflux|` +
		`osteoporosis|obesity|migraines?|headaches?|autism|adhd|multiple sclerosis|hiv|hepatitis|kidney disease|` +
		`kidney stones|liver disease|fatty liver|cirrhosis|gout|ana?emia|erectile dysfunction|impotence|candida|` +
		`yeast infections?|herpes|shingles|lyme disease|cataracts?|macular degeneration|glaucoma|gum disease|gingivitis|` +
		`periodontitis|diseases?|illness(?:es)?|disorders?|tinnitus|fibromyalgia|chronic fatigue|lupus|epilepsy|seizures|` +
		`neuropathy|sepsis|pneumonia|bronchitis|sinusitis|tuberculosis|malaria)`
	// supGap is up to n words between a verb and its object.
	supGap = `(?:\s+[^\s.;:!?(),]+){0,%d}?\s+`
	// supStructure is DSHEA's own wording between the verb and the body
	// part: "supports the structure and function of joint cartilage".
	supStructure = `(?:structure\s+(?:and|or|&)\s+function\s+of\s+(?:the\s+)?)?`
)

var (
	supSFClaim = lazyre.New(`(?i)\b` + supSFVerbs + fmt.Sprintf(supGap, 4) + supStructure + supSFObjects + `\b`)
	// supLowering is a disease claim by the FDA's reading: lowering a
	// risk factor treats its disease ("lowers cholesterol"), where
	// maintaining it is a structure/function claim.
	supLowering = lazyre.New(`(?i)\b(?:lower(?:s|ing)?|reduc(?:e|es|ing)|decreas(?:e|es|ing))` + fmt.Sprintf(supGap, 2) +
		`(?:cholesterol|blood pressure|blood sugar|blood glucose|triglycerides?)\b`)
	// supProduct, among the last words before a claim's verb, names what
	// the claim is about: the product, a dosage form or an ingredient.
	supProduct = fastre.MustCompile(`(?i)^(?:supplements?|capsules?|caps|softgels?|tablets?|caplets?|gumm(?:y|ies)|lozenges?|` +
		`powders?|drops|tinctures?|formula(?:s|tion)?|blend|products?|serving|dose|it|they|this|these|our|each|vitamins?|` +
		`multivitamins?|minerals?|probiotics?|prebiotics?|omega-?3s?|oils?|collagen|melatonin|magnesium|zinc|iron|calcium|` +
		`selenium|potassium|iodine|biotin|folate|folic|niacin|riboflavin|thiamine?|b12|b6|d3|k2|coq10|q10|turmeric|` +
		`curcumin|ashwagandha|elderberry|echinacea|ginseng|ginkgo|ginger|garlic|tea|spirulina|chlorella|maca|rhodiola|` +
		`valerian|palmetto|thistle|glucosamine|chondroitin|msm|l-theanine|theanine|creatine|protein|whey|fiber|fibre|psyllium|` +
		`electrolytes|extracts?|herbs?|herbal|botanicals?|ingredients?|nutrients?|antioxidants?|enzymes?|lutein|` +
		`acids|peptides|compounds|properties|supplement(?:ation|ing)|` +
		`zeaxanthin|resveratrol|quercetin|glutathione|berberine|cranberry|vinegar|moringa|mushrooms?|mane|reishi|` +
		`cordyceps|chaga|cbd|hemp|pollen|propolis|jelly|strains?|cfus?)$`)
	// supToken is a word of a claim's subject, hyphenated compounds whole
	// ("nutrient-rich foods" is about foods).
	supToken = lazyre.New(`[\p{L}\p{N}'’]+(?:-[\p{L}\p{N}'’]+)*`)
	// supFiller are words that may stand between the product and the
	// verb of its claim ("Our formula may naturally help to support").
	supFiller = map[string]bool{"may": true, "might": true, "can": true, "could": true, "will": true, "would": true,
		"also": true, "naturally": true, "gently": true, "further": true, "effectively": true, "actively": true,
		"to": true, "help": true, "helps": true, "helping": true, "designed": true, "formulated": true, "made": true,
		"shown": true, "proven": true, "clinically": true, "scientifically": true, "which": true, "that": true,
		"is": true, "are": true, "and": true, "plus": true, "daily": true, "every": true, "day": true,
		"actually": true, "really": true, "even": true, "significantly": true, "greatly": true, "additionally": true,
		"specifically": true, "particularly": true, "directly": true, "potentially": true, "possibly": true,
		"likely": true, "typically": true, "generally": true, "usually": true, "often": true, "reportedly": true}
	// supDSHEA1 and supDSHEA2 are the two sentences of the disclaimer
	// (21 CFR 101.93(c)), with the variations labels use.
	supDSHEA1 = fastre.MustCompile(`(?i)\b(?:statements?|claims?|information)\b[^.]{0,80}?\b(?:ha(?:ve|s)|were|was)\s+not\s+been\s+` +
		`(?:evaluated|approved|reviewed)\s+by\s+the\s+(?:u\.?\s?s\.?\s+)?(?:food\s*(?:and|&)\s*drug\s+administration|fda)\b`)
	supDSHEA2 = fastre.MustCompile(`(?i)\bnot\s+intended\s+to\s+diagnose\W+treat\W+(?:or\s+)?cure\W+(?:(?:or|and|nor)\s+)?prevent\s+any\s+diseases?\b`)
	// supPageStrong and supPageWeak are the words of a supplement page;
	// supDrug a drug's label.
	supPageStrong = fastre.MustCompile(`(?i)\b(?:dietary supplements?|supplement facts|supplement(?:s|ation|ing)?|soft ?gels?|` +
		`per serving|serving size|multivitamins?|probiotics?|nutraceuticals?|capsules?|gumm(?:y|ies)|caplets?|` +
		`\d+\s?(?:v?caps|tabs))\b`)
	supPageWeak = fastre.MustCompile(`(?i)\b(?:vitamins?|enzymes?|herbal|extracts?|botanicals?|formula|cfus?|` +
		`\d+\s?(?:mg|mcg|µg|iu))\b`)
	supDrug = fastre.MustCompile(`(?i)\bdrug facts\b`)
	// supNamed are the strong words that name supplements rather than
	// label one (a roundup says "supplements"; a label says "capsules").
	supNamed = fastre.MustCompile(`(?i)^(?:supplement(?:s|ation|ing)?|dietary supplements?|multivitamins?|probiotics?|nutraceuticals?)$`)
	// supTitle is a title that names a supplement product.
	supTitle = fastre.MustCompile(`(?i)\b(?:supplements?|capsules?|soft ?gels?|gumm(?:y|ies)|caplets?|tablets?|probiotics?|` +
		`multivitamins?|vitamins?|powders?|extracts?|formula|tinctures?|drops|\d+\s?(?:v?caps|tabs))\b`)
	// supFrame, at the end of the words before a claim's verb, puts the
	// product's benefit in a frame: "Vitamin D3 is beneficial for
	// supporting", "omega-3s are essential for maintaining", "its
	// potential to boost", "widely used today for restoring". The
	// subject is before the frame, and the verb may be a gerund.
	supFrame = fastre.MustCompile(`(?i)(?:(?:\b(?:is|are|be|been|was|were|being)\s+)?(?:\b(?:very|so|really|extremely|` +
		`particularly|especially|highly|also|therefore|thus|often|widely|traditionally|commonly)\s+)*` +
		`\b(?:beneficial|good|great|helpful|useful|important|essential|vital|ideal|effective|excellent|key|crucial|` +
		`necessary|needed|used)(?:\s+[\p{L}-]+)??\s+(?:for|in|to)|` +
		`(?:\b(?:is|are|was|were|has|have|had|shows?|showed|shown|with|its|their|the|an?)\s+)*` +
		`\b(?:ability|potential|capacity|power)\s+to)\s+(?:[\p{L}-]+ing(?:\s*,\s*|\s+and\s+|\s+or\s+))*$`)
	// supRisk is a health claim's "risk" ("reduces the risk of", "reducing
	// cancer risk").
	supRisk = fastre.MustCompile(`(?i)\b(?:risks?|likelihood|chances?|odds)\b`)
	// supDrugSubject, in the clause before a claim, makes a medicine, a
	// vaccine or a treatment its subject: drugs may treat diseases.
	supDrugSubject = fastre.MustCompile(`(?i)\b(?:antibiotics?|antifungals?|antivirals?|medicines?|medications?|drugs?|` +
		`prescriptions?|vaccines?|vaccinations?|shots?|jabs?|insulin|statins?|metformin|surgery|operations?|` +
		`chemotherapy|radiotherapy|therapy|treatments?|creams?|ointments?|inhalers?|doctors?|gps?|pharmacists?|nurses?)\b`)
	// supPrepositions before a verb make it a noun or a gerund ("the
	// side of improving sleep", "a boost to").
	supPrepositions = map[string]bool{"of": true, "for": true, "in": true, "on": true, "with": true, "by": true,
		"about": true, "without": true, "from": true, "at": true, "into": true, "the": true, "a": true, "an": true,
		"its": true, "their": true, "while": true, "when": true, "after": true, "before": true, "than": true}
	// supMarkers link a claim to a disclaimer away from it.
	supMarkers = "*†‡§"
)

// supCompiled is the claim vocabulary in force.
type supCompiled struct {
	// set holds the claim patterns (disease, lowering, structure/
	// function) for one keyword pass per block.
	set *match.Set
}

func (o *SupplementClaimOptions) compile() (*supCompiled, error) {
	if o.Market != "us" && o.Market != "off" {
		return nil, fmt.Errorf("market must be us or off, not %q", o.Market)
	}
	if len(o.Diseases) == 0 {
		return defaultSupCompiled()
	}
	return o.compileDiseases()
}

// defaultSupCompiled is the built-in vocabulary, compiled once per
// process for every configuration that keeps it.
var defaultSupCompiled = sync.OnceValues((&SupplementClaimOptions{}).compileDiseases)

// compileDiseases compiles the vocabulary with the diseases in force; each
// expression compiles when first used (a user's diseases are quoted
// words, and the built-in ones compile: the tests run them).
func (o *SupplementClaimOptions) compileDiseases() (*supCompiled, error) {
	diseases := supDiseases
	if len(o.Diseases) > 0 {
		alts := make([]string, 0, len(o.Diseases))
		for _, d := range o.Diseases {
			if strings.TrimSpace(d) == "" {
				return nil, fmt.Errorf("diseases: an empty name")
			}
			alts = append(alts, phraseExpr(d))
		}
		diseases = `(?:` + supDiseases[3:len(supDiseases)-1] + `|` + strings.Join(alts, "|") + `)`
	}
	set, err := match.Compile(`(?i)\b`+supDiseaseVerbs+fmt.Sprintf(supGap, 5)+diseases+`\b`, supLowering.String(), supSFClaim.String())
	if err != nil {
		return nil, fmt.Errorf("diseases: %w", err)
	}
	return &supCompiled{set: set}, nil
}

// Validate checks the options.
func (o *SupplementClaimOptions) Validate() error {
	_, err := o.compile()
	return err
}

func buildSupplementClaim(opts *SupplementClaimOptions, _ lint.Env) (lint.Check, error) {
	c, err := opts.compile()
	if err != nil {
		return nil, err
	}
	return func(pass *lint.Pass) error {
		checkSupplementClaim(pass, opts, c)
		return nil
	}, nil
}

var supplementClaimMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "supplement-claim",
	Summary:  "Dietary-supplement claims: a structure/function claim needs the FDA disclaimer, linked to it; a disease claim is not allowed",
	Severity: lint.SeverityWarning,
	Rationale: "Under the Dietary Supplement Health and Education Act (DSHEA) a supplement may say how it affects the " +
		"body's structure or function (\"supports immune health\", \"promotes healthy digestion\") only with the FDA " +
		"disclaimer: \"These statements have not been evaluated by the Food and Drug Administration. This product is not " +
		"intended to diagnose, treat, cure, or prevent any disease.\" (21 U.S.C. 343(r)(6), 21 CFR 101.93(c)), next to the " +
		"claim or linked to it by a symbol such as † (21 CFR 101.93(d)). A claim that it cures, treats, prevents or " +
		"mitigates a disease (\"prevents colds\", \"lowers cholesterol\") makes it an unapproved drug whatever the " +
		"disclaimer says (21 CFR 101.93(g)), and the FTC treats it as an unsubstantiated health claim.",
	Bad: "# Elderberry gummies\n\nOur elderberry gummies support immune health and prevent colds.\n\n" +
		"Each serving has 100 mg of elderberry extract.\n",
	Good: "# Elderberry gummies\n\nOur elderberry gummies support immune health.†\n\n" +
		"Each serving has 100 mg of elderberry extract.\n\n" +
		"† These statements have not been evaluated by the Food and Drug Administration. This product is not intended " +
		"to diagnose, treat, cure, or prevent any disease.\n",
	Checks: []lint.CheckDoc{
		{Name: supMissing, Summary: "a structure/function claim (supports, promotes, maintains, boosts, enhances, contributes to ... + a body function or system) on a page without the FDA disclaimer; one finding, on the first claim, naming the others' lines"},
		{Name: supIncomplete, Summary: "the disclaimer has one of its two sentences (\"have not been evaluated by the Food and Drug Administration\" / \"not intended to diagnose, treat, cure, or prevent any disease\") but not the other"},
		{Name: supUnlinked, Summary: "a structure/function claim neither next to the disclaimer (the same or the next paragraph, list or table) nor linked to it by a symbol: mark the claim with † (or *, ‡, §; a symbol ending its paragraph or list item marks that block's claims) and begin the disclaimer with the same symbol, or cite it as a footnote whose text is the disclaimer"},
		{Name: supDisease, Summary: "an error: the supplement cures, treats, prevents, heals, reverses, fights, relieves or lowers a disease or its marker (\"prevents colds\", \"relieves arthritis\", \"lowers cholesterol\"), whatever the disclaimer"},
	},
	Notes: "The rule runs on product pages (kinds) and checks a page only when it is about a dietary supplement " +
		"(detect-supplement): it carries the FDA disclaimer; or its title names a supplement product (supplement, capsules, " +
		"softgels, soft gels, gummies, tablets, probiotic, vitamin, extract, powder, formula, \"60 caps\", ...) or is a product " +
		"name of at most five words naming an ingredient (\"Collagen Peptides\") and its text a supplement word; or its " +
		"text has two label words (a dosage form such as capsules, softgels, gummies or caplets, a serving, Supplement " +
		"Facts); or it names supplements, probiotics or multivitamins three times beside three doses, vitamins, enzymes or " +
		"extracts (a roundup). A page with Drug Facts is a drug's. A claim counts when it is about the " +
		"product: the sentence starts with the claim (\"Supports joint comfort*\", a feature list; not a gerund that is the " +
		"subject: \"Maintaining a healthy gut is important\"), or one of the three words before the verb names the " +
		"product, a dosage form or an ingredient (\"our formula\", \"each capsule\", \"vitamin D\", \"it\", \"they\"), also " +
		"before a benefit frame (\"Vitamin D3 is beneficial for supporting\", \"its potential to boost\") and not across a " +
		"relative clause (\"a diet that includes fiber can promote\" is about the diet); a list item's verb counts when " +
		"the paragraph before the list is a lead-in about the product (\"Fish oil may help to:\" then \"- lower " +
		"triglycerides\"). \"Regular exercise supports heart health\" is not about the product. Not claims: " +
		"negated and debunked uses (\"does not cure\", \"claims to cure\"), questions, the disclaimer itself and medical " +
		"disclaimers, headings and table headers, code and HTML, and with allow-in-quotes (the default) quotations and " +
		"block quotes; a page whose title or a heading debunks (\"Myth: ...\") is not checked. \"May reduce the risk of\" " +
		"is a health claim (21 CFR 101.14), which FDA authorises case by case: it is not reported. The disclaimer is " +
		"recognised in any paragraph, list item, table cell, block quote or footnote, or in the page's HTML, with its " +
		"wording's usual variations (FDA for Food and Drug Administration, \"this statement has\", \"or\" and commas " +
		"dropped). Where a disease claim and risky-claim's cure entry cover the same words, only supplement-claim reports.",
	Kinds:      article.SetOf(article.KindProduct),
	Supersedes: []string{"risky-claim/cure"},
}

// supClaim is a claim found in a sentence.
type supClaim struct {
	b          *document.Block
	s          document.Sentence
	start, end int // in s.Text
	disease    bool
}

// supDisclaimer is where the page's disclaimer sentences are.
type supDisclaimer struct {
	has1, has2 bool
	// pos is the source offset of the first sentence found, line its line.
	pos, line int
	// markers are the symbols before it.
	markers string
	// footnotes are the indexes of footnotes that hold it.
	footnotes map[int]bool
}

func checkSupplementClaim(pass *lint.Pass, opts *SupplementClaimOptions, c *supCompiled) {
	doc := pass.Doc
	claims := findSupClaims(doc, opts, c)
	if len(claims) == 0 || debunksClaims(doc) {
		return
	}
	// The FDA disclaimer is a supplement's: a page that carries it is one.
	d := findSupDisclaimer(doc)
	if opts.DetectSupplement && !d.has1 && !d.has2 && !supplementPage(doc) {
		return
	}
	var sf []supClaim
	for _, cl := range claims {
		if cl.disease {
			reportSup(pass, cl, supDisease, lint.SeverityError, fmt.Sprintf("disease claim %q: a dietary supplement may not "+
				"claim to cure, treat, prevent or relieve a disease, with or without the FDA disclaimer; say what it does "+
				"for the body's normal structure or function instead", cl.s.Text[cl.start:cl.end]))
			continue
		}
		sf = append(sf, cl)
	}
	if len(sf) == 0 || opts.Market == "off" {
		return
	}
	switch {
	case !d.has1 && !d.has2:
		reportMissing(pass, sf)
		return
	case !d.has1 || !d.has2:
		missing := `"These statements have not been evaluated by the Food and Drug Administration."`
		if d.has1 {
			missing = `"This product is not intended to diagnose, treat, cure, or prevent any disease."`
		}
		end := d.pos + 1
		pass.Report(lint.Diagnostic{Pos: d.pos, End: min(end, len(doc.Source)), Check: supIncomplete,
			Message: "the FDA disclaimer for the page's structure/function claims lacks its other sentence: " + missing})
	}
	units := newSupUnits(doc)
	for _, cl := range sf {
		if units.adjacent(cl.b, d.pos) || supLinked(cl, d) {
			continue
		}
		sym := "†"
		if d.markers != "" {
			sym = d.markers[:len(string([]rune(d.markers)[0]))]
		}
		msg := fmt.Sprintf("structure/function claim %q is not next to the FDA disclaimer (line %d): mark the claim with %s "+
			"and begin the disclaimer with it", cl.s.Text[cl.start:cl.end], d.line, sym)
		if m := supClaimMarkers(cl); m != "" {
			msg = fmt.Sprintf("structure/function claim %q is marked %s, but the FDA disclaimer (line %d) does not begin "+
				"with %s", cl.s.Text[cl.start:cl.end], m, d.line, m)
		}
		reportSup(pass, cl, supUnlinked, 0, msg)
	}
}

// reportMissing reports a page's structure/function claims without a
// disclaimer: one finding, on the first, naming the others.
func reportMissing(pass *lint.Pass, sf []supClaim) {
	first := sf[0]
	msg := fmt.Sprintf("structure/function claim %q on a dietary supplement page without the FDA disclaimer: add "+
		"\"These statements have not been evaluated by the Food and Drug Administration. This product is not intended "+
		"to diagnose, treat, cure, or prevent any disease.\" next to the claim, or linked to it by a † after the claim",
		first.s.Text[first.start:first.end])
	if len(sf) > 1 {
		var lines []string
		seen := map[int]bool{}
		for _, cl := range sf[1:] {
			l := pass.Doc.Line(cl.b.SourceOffset(cl.s.Start + cl.start))
			if !seen[l] {
				seen[l] = true
				lines = append(lines, fmt.Sprint(l))
			}
		}
		if len(lines) > 10 {
			lines = append(lines[:10], fmt.Sprintf("and %d more", len(lines)-10))
		}
		msg += fmt.Sprintf(" (more claims on lines %s)", strings.Join(lines, ", "))
	}
	reportSup(pass, first, supMissing, 0, msg)
}

func reportSup(pass *lint.Pass, cl supClaim, check string, sev lint.Severity, msg string) {
	pos := cl.b.SourceOffset(cl.s.Start + cl.start)
	end := max(cl.b.SourceOffset(cl.s.Start+cl.end-1)+1, pos)
	pass.Report(lint.Diagnostic{Pos: pos, End: end, Check: check, Severity: sev, Message: msg})
}

// findSupClaims returns the page's claims about the product, one per
// sentence (a disease claim before a structure/function one).
func findSupClaims(doc *document.Document, opts *SupplementClaimOptions, c *supCompiled) []supClaim {
	var out []supClaim
	var leads supLeads
	for _, b := range doc.Blocks {
		lead := leads.next(b)
		if !claimBlock(b) || b.Quoted && opts.AllowInQuotes || inFootnote(b.Node) {
			continue
		}
		cands := c.candidates(b.Text)
		if len(cands) == 0 || article.IsDisclaimer(b.Text) {
			continue
		}
		// The candidates, in order, go to the sentences holding them.
		ss := doc.Sentences(b)
		for i, j := 0, 0; i < len(ss) && j < len(cands); i++ {
			s := ss[i]
			k := j
			for k < len(cands) && cands[k].start < s.End {
				k++
			}
			var in []supClaim
			for _, cl := range cands[j:k] {
				if cl.start >= s.Start && cl.end <= s.End {
					cl.start, cl.end = cl.start-s.Start, cl.end-s.Start
					in = append(in, cl)
				}
			}
			j = k
			for _, cl := range supJudge(s, in, opts, lead) {
				cl.b = b
				out = append(out, cl)
			}
		}
	}
	return out
}

// candidates returns the claim patterns' matches in text, by position,
// but the health claims ("may reduce the risk of").
func (c *supCompiled) candidates(text string) []supClaim {
	sc := c.set.Scan(text)
	if !sc.Any() {
		return nil
	}
	var out []supClaim
	for i, disease := range []bool{true, true, false} {
		for _, m := range sc.FindAll(i) {
			if disease && supRisk.MatchString(text[m[0]:min(m[1]+8, len(text))]) {
				continue // "may reduce the risk of": a health claim, authorised case by case
			}
			out = append(out, supClaim{start: m[0], end: m[1], disease: disease})
		}
	}
	slices.SortStableFunc(out, func(a, b supClaim) int { return a.start - b.start })
	return out
}

// supClaimIn returns the claims sentence s makes about the product (see
// supJudge).
func supClaimIn(s document.Sentence, opts *SupplementClaimOptions, c *supCompiled) []supClaim {
	return supJudge(s, c.candidates(s.Text), opts, false)
}

// supJudge returns, of the candidates of sentence s (offsets in s.Text),
// the claims it makes about the product: its first disease claim and its
// first structure/function claim. A claim whose verb shares the subject
// of an earlier claim of the sentence ("Our gummies support immune health
// and prevent colds") is about the product when that one is. lead reports
// a list item under a lead-in about the product ("Fish oil may help to:"),
// whose items' verbs have it as their subject ("- lower triglycerides").
func supJudge(s document.Sentence, cands []supClaim, opts *SupplementClaimOptions, lead bool) []supClaim {
	t := s.Text
	if len(cands) == 0 {
		return nil
	}
	if end := strings.TrimRight(t, " *†‡§\"'”’)"); strings.HasSuffix(end, "?") || strings.HasSuffix(end, ":") ||
		supDSHEA1.MatchString(t) || supDSHEA2.MatchString(t) {
		return nil
	}
	for i := range cands {
		cands[i].s = s
	}
	var out []supClaim
	about, disease, sf := false, false, false
	for i, cl := range cands {
		if i == supMaxCandidates || disease && sf {
			break // a run-on "sentence" of claims: its first ones tell
		}
		before, after := supWindow(t, cl.start, cl.end)
		if !supMade(t, before, after, cl.start, opts) || !about && !supAboutProduct(before, cl.start == len(before), t[cl.start:], lead) {
			continue
		}
		about = true
		if cl.disease && !disease || !cl.disease && !sf {
			out = append(out, cl)
			disease, sf = disease || cl.disease, sf || !cl.disease
		}
	}
	return out
}

// supMaxCandidates bounds the claims weighed per sentence, and supReach
// how far before and after a claim its context is read, so that a
// megabyte-long "sentence" costs linear time.
const (
	supMaxCandidates = 16
	supReach         = 300
)

// supWindow returns the text before the claim [at, end) of t and after it,
// each at most supReach bytes (cut at a rune boundary).
func supWindow(t string, at, end int) (before, after string) {
	lo, hi := aroundRange(t, at, end, supReach)
	return t[lo:at], t[end:hi]
}

// supMade reports whether a claim is made, given the text before and after
// it: not denied, debunked, quoted or said of a medicine. whole is the
// sentence, at the claim's offset in it, for quotation marks.
func supMade(whole, before, after string, at int, opts *SupplementClaimOptions) bool {
	return !riskyNegated(before, 8) && !supNegatedAfter(after) && !riskyDebunk.MatchString(before) &&
		(!opts.AllowInQuotes || !riskyInQuotes(whole[at-len(before):], len(before))) &&
		!supDrugSubject.MatchString(riskyClause(before))
}

// supNegatedAfter reports a negated verb in the three words after a
// claim, in its clause ("... boost immunity don't work"); "without" and
// "no" there qualify the claim ("promotes relaxation without drowsiness").
func supNegatedAfter(after string) bool {
	if loc := riskyClauseBreak.FindStringIndex(after); loc != nil {
		after = after[:loc[0]]
	}
	for _, w := range riskyWord.FindAllString(after, 3) {
		switch strings.ToLower(apostrophes.Replace(w)) {
		case "not", "never", "cannot", "dont", "doesnt", "didnt", "wont", "cant", "isnt", "arent", "wasnt", "werent":
			return true
		}
	}
	return false
}

// supAboutProduct reports whether a claim is about the product, given
// the text before it (whole: from the sentence's start) and the claim.
func supAboutProduct(before string, whole bool, claim string, lead bool) bool {
	verb := strings.ToLower(riskyWord.FindString(claim))
	if loc := supFrame.FindStringIndex(before); loc != nil {
		return supSubject(before[:loc[0]])
	}
	if whole && sentenceStart(before) {
		// A feature list's "Supports joint comfort*", "Supporting ...";
		// not an instruction ("Strengthen your legs"), unless a lead-in
		// makes the product the subject ("It may help to: - lower ...").
		if strings.HasSuffix(verb, "ing") && supGerundSubject.MatchString(claim) {
			return false // "Maintaining a healthy gut is important for ..."
		}
		return lead || strings.HasSuffix(verb, "s") || strings.HasSuffix(verb, "ing")
	}
	if strings.HasSuffix(verb, "ing") {
		return false // a gerund or participle: "while protecting your skin"
	}
	return supSubject(before)
}

// supSubject reports whether the words before a claim's verb make the
// product its subject: one of the three words before the verb names the
// product, a dosage form or an ingredient ("our formula may help",
// "vitamin D"), or only words such as "may help to" stand before it in
// its sentence; not an infinitive of purpose ("To prevent colds: ...")
// or a noun use ("the side of improving sleep").
func supSubject(before string) bool {
	strip := func(ws []string) []string {
		for len(ws) > 0 && supFiller[strings.ToLower(ws[len(ws)-1])] {
			ws = ws[:len(ws)-1]
		}
		return ws
	}
	words := strip(supToken.FindAllString(riskyClause(before), -1))
	if len(words) == 0 {
		// "..., which supports": the subject is before the clause break.
		all := supToken.FindAllString(before, -1)
		if words = strip(all); len(words) == 0 {
			return len(all) == 0 || !strings.EqualFold(all[0], "to")
		}
	}
	if supPrepositions[strings.ToLower(words[len(words)-1])] {
		return false
	}
	words = supMainSubject(words)
	for _, w := range words[max(len(words)-3, 0):] {
		if supProduct.MatchString(w) {
			return true
		}
	}
	return false
}

// supLeads finds the lists that a lead-in about the product introduces:
// the paragraph before the list ends in "may help to:", "is designed to:"
// and names the product before it ("Omega-3 fish oil may help to:").
type supLeads struct {
	last     *document.Block
	lastList ast.Node
	lead     bool
}

// supLeadIn is the end of a lead-in: a verb of help or design, a colon.
var supLeadIn = fastre.MustCompile(`(?i)\b(?:help(?:s|ing)?|(?:designed|formulated|made|used|shown|known|proven|believed|thought)\s+to(?:\s+help)?)(?:\s+to)?\s*:\s*$`)

// next returns whether block b, taken in document order, is an item of a
// list introduced by a lead-in about the product.
func (l *supLeads) next(b *document.Block) bool {
	list := supUnitNode(b)
	if _, ok := list.(*ast.List); !ok {
		list = nil
	}
	if list != nil && list != l.lastList {
		l.lead = false
		if p := l.last; p != nil && p.Kind == document.BlockParagraph && supUnitNode(p) == nil {
			if loc := supLeadIn.FindStringIndex(p.Text); loc != nil {
				l.lead = supSubject(p.Text[:loc[0]])
			}
		}
	}
	l.last, l.lastList = b, list
	return list != nil && l.lead
}

// supGerundSubject is a sentence-opening gerund phrase followed by its
// verb: the gerund is the subject ("Maintaining a healthy digestive
// system is important"), not a feature's claim ("Supporting joint comfort
// every day").
var supGerundSubject = fastre.MustCompile(`(?i)^\S+(?:\s+[^\s.;:!?]+){1,6}?\s+(?:is|are|was|were|can|could|will|may|might|helps?|requires?|means|takes?|matters)\b`)

// supMainSubject returns, of the words before a claim's verb, those of its
// subject when a relative clause stands between them: "A well-balanced
// diet that includes plenty of fiber can promote" is about the diet. A
// "that" after a verb of saying or finding ("studies show that vitamin C")
// opens the claim, not a relative clause.
func supMainSubject(words []string) []string {
	for i := len(words) - 2; i > 0; i-- {
		switch strings.ToLower(words[i]) {
		case "that", "which", "who":
			if supComplementVerbs[strings.ToLower(words[i-1])] {
				return words
			}
			return words[:i]
		}
	}
	return words
}

// supComplementVerbs take a "that" clause.
var supComplementVerbs = map[string]bool{"show": true, "shows": true, "showed": true, "shown": true, "suggest": true,
	"suggests": true, "suggested": true, "find": true, "finds": true, "found": true, "indicate": true, "indicates": true,
	"indicated": true, "say": true, "says": true, "said": true, "believe": true, "believed": true, "know": true,
	"known": true, "mean": true, "means": true, "prove": true, "proves": true, "proved": true, "proven": true,
	"demonstrate": true, "demonstrates": true, "demonstrated": true, "reveal": true, "reveals": true, "revealed": true,
	"report": true, "reports": true, "reported": true, "confirm": true, "confirms": true, "confirmed": true,
	"think": true, "thought": true, "agree": true, "agrees": true, "note": true, "notes": true, "noted": true}

// supplementPage reports whether the page is about a dietary supplement:
// its title names one and its text a supplement word, or its text has two
// label words (a dosage form, a serving, Supplement Facts), or it names
// supplements three times with three doses or nutrients. A page with
// Drug Facts is a drug's.
func supplementPage(doc *document.Document) bool {
	label, named, weak := 0, 0, 0
	title := article.Title(doc)
	if title == "" && len(doc.Headings) > 0 && doc.Headings[0].Level == 1 {
		title = doc.Headings[0].Text
	}
	for _, b := range doc.Blocks {
		if supDrug.MatchString(b.Text) {
			return false
		}
		for _, m := range supPageStrong.FindAllStringIndex(b.Text, -1) {
			if supNamed.MatchString(b.Text[m[0]:m[1]]) {
				named++
			} else {
				label++
			}
		}
		weak += len(supPageWeak.FindAllStringIndex(b.Text, -1))
	}
	switch {
	case supTitle.MatchString(title) || supIngredientTitle(title):
		return label+named > 0
	case label >= 2:
		return true
	}
	return named >= 3 && weak >= 3
}

// supIngredientTitle reports whether a title is a product's name that
// names a supplement's ingredient ("Collagen Peptides", "Omega-3 Fish
// Oil"): at most five words, one of them an ingredient, not only words
// such as "product" or "our" that supProduct also takes. A headline ("The
// Top Health Benefits of Ginger Revealed") is not a product's name.
func supIngredientTitle(title string) bool {
	words := supToken.FindAllString(title, -1)
	if len(words) > 5 {
		return false
	}
	for _, w := range words {
		if supProduct.MatchString(w) && !supGeneric[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// supGeneric are the words supProduct takes that name no ingredient.
var supGeneric = map[string]bool{"it": true, "they": true, "this": true, "these": true, "our": true, "each": true,
	"product": true, "products": true, "serving": true, "dose": true, "blend": true, "acids": true,
	"compounds": true, "properties": true, "ingredient": true, "ingredients": true, "nutrient": true,
	"nutrients": true, "strain": true, "strains": true, "tea": true, "protein": true, "herb": true, "herbs": true,
	"oil": true, "oils": true, "supplementation": true, "supplementing": true}

// findSupDisclaimer finds the disclaimer's sentences in the page's blocks,
// or failing that in its source (HTML).
func findSupDisclaimer(doc *document.Document) supDisclaimer {
	d := supDisclaimer{pos: -1}
	for _, b := range doc.Blocks {
		m1, m2 := supDSHEA1.FindStringIndex(b.Text), supDSHEA2.FindStringIndex(b.Text)
		if m1 == nil && m2 == nil {
			continue
		}
		d.has1, d.has2 = d.has1 || m1 != nil, d.has2 || m2 != nil
		at := m1
		if at == nil || m2 != nil && m2[0] < m1[0] {
			at = m2
		}
		if d.pos < 0 {
			d.pos = b.SourceOffset(at[0])
			d.markers = supLeadMarkers(doc, b, at[0])
		}
		if n := footnoteIndex(b.Node); n > 0 {
			if d.footnotes == nil {
				d.footnotes = map[int]bool{}
			}
			d.footnotes[n] = true
		}
	}
	if !d.has1 && !d.has2 {
		src := string(doc.Source)
		m1, m2 := supDSHEA1.FindStringIndex(src), supDSHEA2.FindStringIndex(src)
		d.has1, d.has2 = m1 != nil, m2 != nil
		switch {
		case m1 != nil && (m2 == nil || m1[0] < m2[0]):
			d.pos = m1[0]
		case m2 != nil:
			d.pos = m2[0]
		}
		if d.pos >= 0 {
			ls := doc.LineStart(doc.Line(d.pos))
			d.markers = supMarkersIn(src[ls:d.pos])
		}
	}
	if d.pos >= 0 {
		d.line = doc.Line(d.pos)
	}
	return d
}

// supLeadMarkers returns the symbols in the block's source before the
// disclaimer's text at offset at: "† These", "\*These", "<sup>*</sup>".
func supLeadMarkers(doc *document.Document, b *document.Block, at int) string {
	pos := b.SourceOffset(at)
	start := b.Pos
	if ls := doc.LineStart(doc.Line(pos)); ls > start {
		start = ls
	}
	if pos < start {
		return ""
	}
	return supMarkersIn(string(doc.Source[start:pos]) + b.Text[:at])
}

// supMarkersIn returns the marker symbols in s.
func supMarkersIn(s string) string {
	var out strings.Builder
	for _, r := range supMarkers {
		if strings.ContainsRune(s, r) {
			out.WriteRune(r)
		}
	}
	return out.String()
}

// supClaimMarkers returns the marker symbols the claim's sentence carries
// as text (not emphasis) or in inline HTML (<sup>†</sup>); a symbol that
// ends its paragraph or list item marks that block's claims ("... and
// improve sleep quality. Some studies suggest ... ‡").
func supClaimMarkers(cl supClaim) string {
	m := supMarkersIn(cl.s.Text[cl.start:])
	if rest := strings.TrimRight(cl.b.Text, " \t\n\"'”’)"); rest != "" {
		if r, _ := utf8.DecodeLastRuneInString(rest); strings.ContainsRune(supMarkers, r) && !strings.ContainsRune(m, r) {
			m += string(r)
		}
	}
	for _, h := range cl.b.InlineHTML() {
		if h.Pos >= cl.s.Pos && h.Pos <= cl.s.EndPos+1 && !strings.HasPrefix(h.Text, "<!--") {
			m += supMarkersIn(h.Text)
		}
	}
	return m
}

// supLinked reports whether a claim is linked to the disclaimer by a
// symbol both carry, or by a footnote that holds the disclaimer.
func supLinked(cl supClaim, d supDisclaimer) bool {
	for _, r := range supClaimMarkers(cl) {
		if strings.ContainsRune(d.markers, r) {
			return true
		}
	}
	for _, f := range cl.b.FootnoteRefs() {
		if d.footnotes[f.Index] && f.TextPos >= cl.s.Start && f.TextPos <= cl.s.End+1 {
			return true
		}
	}
	return false
}

// footnoteIndex returns the index of the footnote holding n, or 0.
func footnoteIndex(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if f, ok := n.(*east.Footnote); ok {
			return f.Index
		}
	}
	return 0
}

// supUnits are the page's blocks grouped as a reader sees them: a list or
// a table is one unit, any other block its own; in source order.
type supUnits struct {
	spans [][2]int
	of    map[*document.Block]int
}

func newSupUnits(doc *document.Document) *supUnits {
	u := &supUnits{of: map[*document.Block]int{}}
	var last ast.Node
	for _, b := range doc.Blocks {
		key := supUnitNode(b)
		if key == nil || key != last {
			u.spans = append(u.spans, [2]int{b.Pos, b.End})
		}
		last = key
		i := len(u.spans) - 1
		u.spans[i][1] = max(u.spans[i][1], b.End)
		u.of[b] = i
	}
	return u
}

// supUnitNode returns the outermost list or table holding b, or nil.
func supUnitNode(b *document.Block) ast.Node {
	var out ast.Node
	for n := b.Node; n != nil; n = n.Parent() {
		switch n.(type) {
		case *ast.List, *east.Table:
			out = n
		}
	}
	return out
}

// adjacent reports whether source offset pos lies in b's unit, the unit
// before or after it, or between them.
func (u *supUnits) adjacent(b *document.Block, pos int) bool {
	i, ok := u.of[b]
	if !ok || pos < 0 {
		return false
	}
	lo, hi := max(i-1, 0), min(i+1, len(u.spans)-1)
	// The units before lo and after hi must not lie between.
	from := u.spans[lo][0]
	if lo > 0 {
		from = u.spans[lo-1][1]
	}
	to := u.spans[hi][1]
	if hi+1 < len(u.spans) {
		to = u.spans[hi+1][0]
	}
	return pos >= from && pos < to
}
