package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/claim"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/match"
	"github.com/medlint/medlint/internal/textmemo"
)

func init() { lint.Register(evidenceStrength) }

// evidenceStrength flags claims whose only stated support is an animal,
// cell or test-tube study, or one tiny study, whether or not it is cited.
var evidenceStrength = &lint.Definition[EvidenceStrengthOptions]{
	Info: evidenceStrengthMeta,
	Defaults: func() *EvidenceStrengthOptions {
		return &EvidenceStrengthOptions{MinParticipants: 30, SourceSections: slices.Clone(defaultSourceSections)}
	},
	Build: buildEvidenceStrength,
}

// EvidenceStrengthOptions are the options of evidence-strength.
type EvidenceStrengthOptions struct {
	MinParticipants int      `yaml:"min-participants" doc:"a study of fewer people than this (\"a study of 12 adults\") is a tiny study: small-study flags a finding that rests on one, unless the text says it was small or cites other studies"`
	SourceSections  []string `yaml:"source-sections" doc:"heading texts (case-insensitive, whole heading text) of reference sections, skipped with their subsections (the titles of cited papers are not claims); setting it replaces the default list, the same as uncited-claim's"`
}

// Check names of evidence-strength.
const (
	evidenceAnimal  = "animal"
	evidenceInVitro = "in-vitro"
	evidenceSmall   = "small-study"
)

var evidenceStrengthMeta = lint.Meta{
	Category: lint.CategoryCompliance,
	ID:       "evidence-strength",
	Summary:  "A claim about people needs more than an animal, test-tube or one tiny study behind it",
	Severity: lint.SeverityWarning,
	Kinds:    article.SetOf(article.KindAdvice, article.KindProduct),
	Rationale: "The FTC's Health Products Compliance Guidance (2022) says that animal and in-vitro studies do not " +
		"substantiate health claims about people, and that a single small study rarely does: most results in " +
		"mice and cell cultures never carry over to humans. Health pages still write \"a study in mice found that " +
		"ashwagandha lowers anxiety\" or \"test-tube studies show garlic kills cancer cells\" as if the reader were " +
		"the mouse or the dish. A sentence that presents a finding (\"found\", \"shows\", \"suggests\", or an " +
		"effect: \"reduces\", \"kills\", \"may help\") resting on an animal, cell or test-tube study, or on one " +
		"study of fewer than min-participants people, is flagged whether or not it is cited: a citation proves " +
		"the study exists, not that it supports the claim. Say what the evidence is (\"this has only been shown " +
		"in mice\", \"a small study of 12 people\", \"human studies are needed\"), or cite human trials.",
	Bad: "A study in mice found that ashwagandha lowers anxiety.\n\n" +
		"Test-tube studies show that garlic extract kills cancer cells.\n\n" +
		"In a study of 12 adults, magnesium improved sleep.\n",
	Good: "A study in mice found that ashwagandha lowers anxiety, but it has not been tested in people.\n\n" +
		"Garlic extract killed cancer cells in test-tube studies; whether eating garlic does anything similar is unknown.\n\n" +
		"In a small study of 12 adults, magnesium improved sleep.\n",
	Checks: []lint.CheckDoc{
		{Name: evidenceAnimal, Summary: "a claim resting on animal research: \"a study in mice found that X lowers\", \"animal studies suggest\", \"has been shown to lower blood sugar in rats\", \"preclinical studies show\", \"in a mouse model\"; a study's own result (\"in rats, X lowered cortisol\") under a heading, or after a sentence, that claims the benefit"},
		{Name: evidenceInVitro, Summary: "a claim resting on cell or test-tube research: \"test-tube studies show\", \"in vitro, X kills\", \"in a petri dish\", \"cell studies suggest\", \"shown to kill breast cancer cells\", \"lab studies suggest\", \"a tissue culture study\""},
		{Name: evidenceSmall, Summary: "a finding resting on one study of fewer than min-participants people (\"a study of 12 people\", \"a 20-patient trial\", \"in 15 volunteers\"), with no other study in the paragraph"},
	},
	Notes: "Not flagged: (1) text that states the limitation, in the sentence, its paragraph or a paragraph near it " +
		"under the same heading: \"this has only been shown in mice\", \"more research in humans is needed\", \"human trials have " +
		"not confirmed it\", \"it is unclear whether this applies to people\", \"no direct evidence in humans\", " +
		"\"preliminary\", \"still to be proven\", \"a long way from\", \"a small study\", \"a pilot study\", \"only 12 people\"; a section whose heading names the " +
		"evidence (\"Animal studies\", \"Preclinical research\", \"Lab studies\") states it too. (2) Text that cites " +
		"human evidence alongside, in the same paragraph: \"human studies\", \"clinical trials\", \"randomized\", " +
		"\"placebo\", \"meta-analysis\", \"systematic review\", \"a study of 2,000 adults\", \"participants\", \"humans who " +
		"were given X\". (3) " +
		"Animal research reported as such. What counts as a claim about people: a general conclusion resting on the " +
		"animal or cell evidence (an effect in the present tense or with a modal, \"shown to\", \"has anti-inflammatory " +
		"properties\", or a research verb in the present: \"a study in mice found that X lowers anxiety\", \"animal " +
		"studies suggest it may protect the brain\", \"test-tube studies show\"). A study's own result, in the past " +
		"tense or with the animals as its subject (\"in rats, X reduced cortisol\", \"researchers reversed memory loss " +
		"in mice\", \"mice given X lived longer\"), is reported as such and flagged only when it is offered for a " +
		"claim about people: the sentence before states a general claim (\"Raspberries may protect against cancer. In " +
		"test-tube experiments, ...\"), the rest of its sentence or the next sentence carries it over (\"This means it " +
		"could help you lose weight\"), or its section heading claims the benefit (\"May reduce stress\", \"Benefits\"). A " +
		"sentence with no result (\"researchers tested it in rats\", \"the drug was developed in mice\") is never " +
		"flagged. Science news is read the same way: the report of what happened in the mice passes, the general " +
		"conclusion drawn from it does not. Caveats given once for a section count for the paragraphs near them (two " +
		"blocks before, three after, under the same heading). " +
		"(4) Veterinary pages: a page whose title is about animals' care (\"Joint supplements for dogs\", " +
		"\"Cat nutrition\", \"veterinary\"; not \"Horse chestnut\", \"Cat's claw\" or \"PET scan\"). (5) Reference lists (source-sections), footnote definitions, bibliography entries " +
		"(\"Smith J, et al. ... in mice. J Nutr. 2019\"), headings, code, HTML and disclaimers, and a myth that is " +
		"stated to be refuted (\"Myth: ...\").\n\n" +
		"\"In vitro fertilization\", \"in vitro diagnostics\", a computer mouse, \"lab tests\" (of a patient's blood) " +
		"\"in the lab\" outside research or cells wording, a thing described by where it is found (\"a protein overproduced in " +
		"tumour cells\") and \"rat\" outside research wording are not evidence. Naming the species is not a caveat on its own: " +
		"\"a study in mice found that X lowers blood sugar\" still offers mice as the support for a page read by " +
		"people. The rule is independent of uncited-claim: a cited mouse study is still a mouse study.",
}

func buildEvidenceStrength(opts *EvidenceStrengthOptions, _ lint.Env) (lint.Check, error) {
	if opts.MinParticipants < 2 {
		return nil, fmt.Errorf("min-participants must be at least 2, got %d", opts.MinParticipants)
	}
	evidenceSet() // built with the other rules' preparation, not by the first document's check
	return func(pass *lint.Pass) error { return checkEvidenceStrength(pass, opts) }, nil
}

// ciRe compiles a case-insensitive pattern.
func ciRe(s string) *fastre.Regexp { return fastre.MustCompile(`(?i)` + s) }

// Word lists of the patterns (lower case: the patterns are
// case-insensitive).
const (
	// species are the animals of laboratory research.
	esSpecies = `(?:mice|mouse|rats?|rodents?|murine|hamsters?|guinea pigs?|rabbits?|monkeys?|primates|macaques|pigs?|piglets|` +
		`zebrafish|fruit flies|nematodes|dogs|cats|sheep|animals?)`
	esPlural = `(?:mice|rats|rodents|hamsters|guinea pigs|rabbits|monkeys|primates|macaques|pigs|piglets|zebrafish|fruit flies|nematodes|animals)`
	// research nouns.
	esResearch = `(?:stud(?:y|ies)|research|experiments?|investigations?|trials?|models?|data|evidence|findings)`
	// cells are what in-vitro research studies.
	esCells = `(?:cells|cell lines?|cell cultures?|tissues?|tumou?r cells|bacteria cultures)`
	// findings are the verbs that present a result.
	esFinding = `(?:finds?|found|shows?|showed|shown|suggests?|suggested|demonstrat(?:es|ed|e)|indicat(?:es|ed)|reveal(?:s|ed)?|` +
		`prov(?:es|ed|en)|confirm(?:s|ed)?|points? to|pointed to|observed|seen|reported|discovered|linked|hints?|hinted)`
	// effects are what a finding says a thing does.
	esEffect = `(?:reduc(?:es|ed|ing)|lower(?:s|ed|ing)|improv(?:es|ed|ing)|boost(?:s|ed|ing)?|prevent(?:s|ed|ing)?|protect(?:s|ed|ing)?|` +
		`treat(?:s|ed)|cur(?:es|ed)|reliev(?:es|ed)|eas(?:es|ed)|decreas(?:es|ed)|increas(?:es|ed)|kill(?:s|ed|ing)?|inhibit(?:s|ed|ing)?|` +
		`block(?:s|ed)|slow(?:s|ed)|stopp?(?:s|ed)|suppress(?:es|ed)|shrank|shrinks?|destroy(?:s|ed)|fight(?:s)?|fought|combat(?:s|ed)|` +
		`revers(?:es|ed)|enhanc(?:es|ed)|stimulates|stimulated|promot(?:es|ed)|regenerat(?:es|ed)|extend(?:s|ed)|heal(?:s|ed)|repair(?:s|ed)|` +
		`restor(?:es|ed)|strengthen(?:s|ed)|help(?:s|ed)|benefits?|beneficial|effective|works|worked|` +
		`anti-?(?:inflammatory|cancer|tumou?r|oxidant|microbial|bacterial|viral|aging|ageing|diabetic|obesity|anxiety|depressant)|` +
		`(?:can|could|may|might|would)\s+(?:\w+\s+)?(?:help|reduce|lower|improve|prevent|protect|treat|boost|fight|kill|slow|cure|ease|relieve|stop|block|benefit))`
	// people are the readers a claim may be carried over to.
	esPeople = `(?:people|humans?|persons|you|your|patients|adults|children|kids|women|men|us|our bodies|the human body|someone|anyone|sufferers|users)`
)

// evidenceMarker is one pattern of animal or in-vitro evidence.
type evidenceMarker struct {
	check string
	re    *fastre.Regexp
	// needsResearch markers ("in mice") count only in a sentence that
	// speaks of research ("has been shown in mice", "studies in mice").
	needsResearch bool
}

var evidenceMarkers = []evidenceMarker{
	{check: evidenceAnimal, re: ciRe(`\b(?:animal|rodent|mouse|mice|murine|rat|rats|primate|monkey|pig|zebrafish|preclinical|pre-clinical)\s+` + esResearch + `\b`)},
	{check: evidenceAnimal, re: ciRe(`\b(?:stud(?:y|ies)|research|experiments?|trials?|tests|tested)\s+(?:\w+\s+)?(?:in|on|with|using|involving|of)\s+(?:(?:lab|laboratory|obese|diabetic|young|old|aged|healthy|male|female|pregnant|genetically\s+\w+|\w+-fed)\s+)*` + esSpecies + `\b`)},
	{check: evidenceAnimal, re: ciRe(`\b(?:in|among)\s+(?:(?:lab|laboratory|obese|diabetic|young|old|aged|healthy|male|female|pregnant|treated|untreated|infected|normal|transgenic|knockout)\s+)*(?:[\w/-]+\s+)??` + esPlural + `\b`), needsResearch: true},
	{check: evidenceAnimal, re: ciRe(`\b` + esPlural + `\s+(?:given|fed|treated\s+with|injected\s+with|exposed\s+to|receiving|dosed\s+with)\b`)},
	{check: evidenceAnimal, re: ciRe(`\b(?:given|administered|fed|injected|applied)\s+(?:\w+\s+)?to\s+(?:(?:lab|laboratory|obese|diabetic|young|old)\s+)*` + esPlural + `\b`)},
	{check: evidenceAnimal, re: ciRe(`\b(?:a|an|one|two|several|some|many)\s+(?:\w+\s+)?(?:mouse|rat|rodent|animal)\s+model\b`)},
	{check: evidenceInVitro, re: ciRe(`\bin\s+vitro\b`)},
	{check: evidenceInVitro, re: ciRe(`\btest[- ]tubes?\s+` + esResearch + `\b`)},
	{check: evidenceInVitro, re: ciRe(`\bin\s+(?:a\s+|the\s+)?(?:test[- ]tubes?|petri\s+dish(?:es)?|(?:lab|laboratory)\s+dish(?:es)?|cell\s+cultures?|(?:lab|laboratory)\s+(?:conditions|settings?|experiments?|tests|cultures?|studies))\b`)},
	// "kills cancer cells in the lab": research only where the sentence
	// speaks of it or of cells ("your sample is tested in the lab" is not).
	{check: evidenceInVitro, re: ciRe(`\bin\s+the\s+(?:lab|laboratory)\b`), needsResearch: true},
	{check: evidenceInVitro, re: ciRe(`\b(?:cell|cellular|cell[- ]culture|tissue[- ]culture|cell[- ]based|lab|laboratory|petri[- ]dish|bench)\s+(?:stud(?:y|ies)|research|experiments?)\b`)},
	{check: evidenceInVitro, re: ciRe(`\b(?:stud(?:y|ies)|research|experiments?)\s+(?:(?:done|conducted|carried\s+out|performed)\s+)?(?:in|on|with|using)\s+(?:\w+\s+){0,2}?` + esCells + `\b`)},
	{check: evidenceInVitro, re: ciRe(`\bin\s+(?:human|cancer|tumou?r|isolated|cultured|leuka?emia|\w+\s+cancer)\s+` + esCells + `\b`), needsResearch: true},
}

var (
	// evidenceSet prefilters blocks: one keyword pass tells which markers
	// (and the small-study pattern, last) can match. It is built on first
	// use rather than at start-up.
	// Only its scan is used (the markers run as themselves): nothing is
	// compiled for it.
	evidenceSet = sync.OnceValue(func() *match.Set {
		exprs := make([]string, 0, len(evidenceMarkers)+1)
		for _, m := range evidenceMarkers {
			exprs = append(exprs, m.re.String())
		}
		return match.MustCompileWords(append(exprs, smallStudyRe.String())...)
	})
	smallIndex = len(evidenceMarkers)

	// smallStudyRe is a study of a number of people: its groups are the
	// number written before the noun ("a 12-person study") or after it.
	smallStudyRe = ciRe(`\b(?:(?:a|an|one|the)\s+(?:\w+\s+){0,3}?(\d{1,3}|` + numberWords + `)[- ](?:person|people|participant|patient|subject|volunteer|adult|women|men|child|patient)s?\s+(?:stud(?:y|ies)|trial|experiment)|` +
		`(?:stud(?:y|ies)|trial|experiment|survey)\s+(?:\w+\s+){0,3}?(?:of|with|in|on|involving|including|among|that\s+(?:included|enrolled|followed|recruited)|enrolling|recruiting|followed)\s+(?:just\s+|only\s+|a\s+mere\s+)?(\d{1,3}(?:,\d{3})*|` + numberWords + `)\s+(?:\w+\s+){0,2}?(?:people|persons|participants|patients|subjects|volunteers|adults|women|men|children|kids|teens|adolescents|students|athletes|seniors|individuals)|` +
		`(?:in|among)\s+(?:just\s+|only\s+)?(\d{1,3}|` + numberWords + `)\s+(?:\w+\s+)?(?:volunteers|participants|subjects)|` +
		`(?:studied|followed|recruited|enrolled|gave\s+(?:\w+\s+){1,4}?to)\s+(?:just\s+|only\s+)?(\d{1,3}|` + numberWords + `)\s+(?:\w+\s+){0,2}?(?:people|persons|participants|patients|subjects|volunteers|adults|women|men|children|kids|teens|students|athletes|seniors|individuals))\b`)

	// research words make "in mice" evidence.
	researchCueRe = ciRe(`\b(?:stud(?:y|ies)|research|researchers|scientists|experiments?|trials?|tested|testing|evidence|data|shown|demonstrated|studied|` +
		`(?:cancer\s+|tumou?r\s+)?cells|tumou?rs|` +
		`been\s+(?:\w+\s+)?(?:found|seen|observed|reported))\b`)
	// frontedScopeRe is what may stand before a marker that opens its
	// sentence ("In rats, ...", "However, in mice ...").
	frontedScopeRe = ciRe(`^\W*(?:(?:however|but|and|also|for example|for instance|similarly|likewise|meanwhile|moreover|in addition|still)\W+)?$`)
	// describedInRe, before "in tumour cells", makes it describe a thing
	// rather than name research: "a protein that is overproduced in tumour
	// cells", "an enzyme found in mice".
	describedInRe = ciRe(`(?:\b(?:that|which)\s+(?:is|are|was|were)\s+(?:\w+ly\s+)?[\w-]+|\b(?:found|present|common|abundant|expressed|overproduced|made|produced))\s+$`)
	findingRe     = ciRe(`\b` + esFinding + `\b`)
	effectRe      = ciRe(`\b` + esEffect + `\b`)
	// asSuchSubjectRe is a finding whose subject is the animals or cells
	// themselves ("found that mice given X lived longer").
	asSuchSubjectRe = ciRe(`^\W*(?:that\s+)?(?:(?:the|these|those|treated|lab|laboratory|some|most|young|old|obese|diabetic|healthy|male|female|\d+%?\s+of(?:\s+the)?)\s+)*(?:` + esPlural + `|cells|cancer cells|tumou?r cells)\b`)
	// asSuchStartRe is a sentence whose subject is the animals or cells
	// ("Mice given X lived longer", "In one study, rats fed ...").
	asSuchStartRe = ciRe(`^\W*(?:in\s+(?:a|an|one|the|this|that)\s+(?:[\w-]+\s+){0,5}?[\w-]+,\s+)?(?:(?:the|some|treated|lab|laboratory|obese|diabetic|young|old|healthy|male|female)\s+)*` +
		`(?:` + esPlural + `|cells|cancer cells|tumou?r cells)\s+(?:given|fed|treated|that|which|who|exposed|injected|receiving|bred|engineered|lacking|without|with|had|have|lived|gained|lost|showed|developed|were|was|did|grew|became|ate|got|produced|died)\b`)
	// anaphoraRe opens a sentence that goes on from the one before.
	anaphoraRe = ciRe(`^\W*(?:this|that|these|such|it|which|so|if\s+so|the\s+same)\b|\b(?:humans?|in\s+people|for\s+people)\b`)
	// genericRe states a conclusion as general: an effect in the present
	// tense or with a modal ("lowers", "may protect", "has been shown to
	// reduce", "has anti-inflammatory properties"), or a research verb in
	// the present ("animal studies show").
	genericRe = ciRe(`\b(?:` +
		`(?:may|might|can|could|would|will)\s+(?:also\s+|even\s+|actually\s+|help\s+(?:to\s+)?)?(?:help|reduce|lower|improve|boost|prevent|protect|treat|fight|kill|slow|cure|ease|relieve|stop|block|benefit|inhibit|enhance|promote|reverse|increase|decrease|support|strengthen|heal|repair|restore|shrink|destroy|extend|have|be|lead|offer|work|trigger|cause)|` +
		`(?:shown|found|proven|proved|demonstrated|known|thought|believed|seems?|appears?|said)\s+to\s+\w+|` +
		`(?:reduces|lowers|improves|boosts|prevents|protects|treats|cures|relieves|eases|decreases|increases|kills|inhibits|blocks|slows|stops|suppresses|shrinks|destroys|fights|combats|reverses|enhances|stimulates|promotes|regenerates|extends|heals|repairs|restores|strengthens|helps|benefits|works|shapes|triggers|raises|supports)|` +
		`(?:has|have|is|are|possess(?:es)?|exhibits?)\s+(?:\w+\s+){0,2}?(?:anti-?\w+|cancer-fighting|effective|beneficial|protective|properties|benefits|potential|promise)|` +
		`(?:shows|suggests|finds|indicates|demonstrates|proves|reveals|confirms|points\s+to|hint|hints)|` +
		`(?:has|have)\s+(?:also\s+|consistently\s+|repeatedly\s+)?(?:improved|reduced|lowered|boosted|prevented|protected|eased|relieved|decreased|increased|killed|inhibited|blocked|slowed|stopped|suppressed|reversed|enhanced|promoted|extended|healed|repaired|restored|strengthened|helped|benefited)` +
		`)\b`)
	// headingClaimRe is a heading that claims a benefit ("May reduce
	// stress", "Fights inflammation", "Benefits of ginger").
	headingClaimRe = ciRe(`\b(?:may|might|can|could)\s+\w+|\b(?:helps?|benefits?|reduces?|lowers?|improves?|boosts?|prevents?|protects?|fights?|kills?|eases?|relieves?|treats?|cures?|slows?|blocks?|inhibits?|enhances?|promotes?|supports?|strengthens?|heals?|repairs?|restores?)\b|` +
		`\banti-?(?:inflammatory|cancer|oxidant|aging|ageing|microbial|bacterial|viral|diabetic|tumou?r)\b|\bcancer-fighting\b|\bproperties\b`)
	peopleClaimRe = ciRe(`\b` + esPeople + `\b`)
	modalRe       = ciRe(`\b(?:may|might|could|can|would|will|likely|suggests?|means?|promising)\b`)
	// limitationRe states that the evidence is weak or not about people.
	limitationRe = ciRe(`\b(?:` +
		`(?:more|further|future|additional|larger|bigger|better|longer|high-quality|well-designed|rigorous|human|clinical)\s+(?:\w+\s+){0,3}?(?:research|stud(?:y|ies)|trials?|evidence|data|investigation)\s+(?:\w+\s+){0,3}?(?:is|are|may\s+be|would\s+be|will\s+be)\s+(?:still\s+|urgently\s+|first\s+)?(?:needed|required|necessary|warranted|lacking|limited|scarce|sparse|missing|inconclusive|mixed)|` +
		`(?:needs?|requires?|call(?:s)?\s+for|warrants?)\s+(?:more|further|additional|larger)\s+(?:\w+\s+)?(?:research|stud(?:y|ies)|trials|investigation|testing)|` +
		`(?:no|few|little|limited|insufficient|not\s+enough|lack\s+of|lacking|scant|sparse|weak|inconclusive|mixed|conflicting)\s+(?:\w+\s+){0,3}?(?:evidence|research|stud(?:y|ies)|data|trials|proof)|` +
		`(?:not|never|yet\s+to|has\s+yet\s+to|have\s+yet\s+to|n't)\s+(?:\w+\s+){0,2}?(?:been\s+)?(?:tested|studied|shown|proven|proved|confirmed|replicated|demonstrated|established|investigated|examined|evaluated|seen|found|reproduced)|` +
		`(?:only|mostly|mainly|largely|primarily|so\s+far|exclusively)\b[^.;]{0,50}?\b(?:in|on|with|using)\s+(?:\w+\s+){0,2}?(?:` + esSpecies + `|cells|test[- ]tubes?|the\s+lab|labs?|laboratory|petri\s+dish(?:es)?|vitro)|` +
		`(?:may|might|does|do|did|will|would|can)\s*(?:not|n't)\s+(?:necessarily\s+|always\s+)?(?:apply|translate|carry\s+over|hold|generali[sz]e|work\s+the\s+same|have\s+the\s+same\s+effect|happen|occur)|` +
		`not\s+(?:yet\s+)?(?:in\s+)?(?:humans|people)|rather\s+than\s+(?:in\s+)?(?:humans|people)|` +
		`unclear|unknown|uncertain|in\s+the\s+future|one\s+day|some\s*day|eventually|not\s+yet|still\s+needs?|` +
		`needs?\s+to\s+(?:be\s+(?:tested|studied|confirmed|replicated)|go\s+through|undergo)|` +
		`not\s+clear|not\s+known|remains\s+to\s+be\s+seen|(?:still|yet)\s+to\s+be\s+(?:proven|proved|shown|confirmed|established|tested|seen)|` +
		`(?:a\s+)?long\s+way\s+(?:from|to\s+go|off)|far\s+from\s+(?:proven|proved|certain|clear|established)|too\s+early|preliminary|early[- ]stage|early\s+research|in\s+its\s+infancy|` +
		`not\s+conclusive|inconclusive|speculative|theoretical|hypothetical|caution|cautious|caveat|keep\s+in\s+mind|bear\s+in\s+mind|` +
		`(?:whether|if)\s+(?:\w+\s+){0,8}?(?:applies|apply|works?|translates?|holds?|happens?|is\s+true|are\s+true|the\s+same)\s+(?:\w+\s+){0,3}?(?:in|for|to)\s+(?:humans|people)` +
		`)\b`)
	// smallLimitRe states that a study was small.
	smallLimitRe = ciRe(`\b(?:small|smaller|tiny|pilot|preliminary|limited|modest|handful|only|just|mere|few|feasibility|exploratory|uncontrolled|case\s+series|case\s+report)\b`)
	// humanEvidenceRe is human research cited alongside.
	humanEvidenceRe = ciRe(`\b(?:` +
		`human\s+(?:clinical\s+)?(?:stud(?:y|ies)|trials?|research|data|evidence|participants|volunteers|subjects)|` +
		`(?:clinical|randomi[sz]ed|placebo[- ]controlled|double[- ]blind(?:ed)?|observational|cohort|population[- ]based|epidemiological)\s+(?:\w+\s+)?(?:stud(?:y|ies)|trials?|research|data|evidence)|` +
		`clinical\s+trials?|randomi[sz]ed|placebo|meta[- ]analys[ie]s|systematic\s+reviews?|cochrane|participants|volunteers|` +
		`(?:humans|people|patients|adults)\s+(?:who\s+(?:were|are|had\s+been)\s+)?(?:given|treated\s+with|taking|receiving)|` +
		`(?:stud(?:y|ies)|trials?|research)\s+(?:in|of|on|with|involving|among|including|that\s+(?:included|followed|enrolled))\s+(?:more\s+than\s+|over\s+|nearly\s+|about\s+|almost\s+|some\s+)?(?:[\d,]+\s+)?(?:\w+\s+){0,2}?(?:people|humans|adults|patients|women|men|children|kids|infants|seniors|subjects)` +
		`)\b`)
	// otherSupportRe is research beyond one small study.
	otherSupportRe = ciRe(`\b(?:studies|trials|reviews|meta[- ]analys[ie]s|systematic\s+review|another\s+(?:\w+\s+)?(?:study|trial)|other\s+(?:studies|research|trials)|(?:larger|bigger)\s+(?:study|trial)|research\s+(?:shows|suggests|has\s+shown))\b`)
	// framingHeadingRe is a heading that names the evidence of its section.
	framingHeadingRe = ciRe(`\b(?:animal|preclinical|pre-clinical|lab|laboratory|in\s+vitro|test[- ]tube|cell|mouse|rodent)\s+(?:stud(?:y|ies)|research|evidence|data|experiments|findings)\b|\b(?:studies|research|evidence)\s+in\s+(?:animals|mice|rats|cells)\b`)
	// vetTitleRe is the title of a veterinary page.
	// ("Joint supplements for dogs", "Cat nutrition"; not "Horse chestnut",
	// "Cat's claw", "PET scan").
	vetTitleRe = ciRe(`\bveterinar\w*|\b(?:for|in|of|with|and)\s+(?:your\s+|their\s+|our\s+|senior\s+|older\s+)?(?:dogs|cats|pets|puppies|kittens|horses|livestock|cattle|poultry)\b|` +
		`\b(?:dogs?|cats?|pets?|puppy|puppies|kittens?|canine|feline|equine)\s+(?:health|care|food|foods|nutrition|supplements?|owners?|diseases?|allergies|arthritis|anxiety|diets?|treats|breeds?|vaccines?|vaccinations)\b|^\W*(?:dogs|cats|pets|puppies|kittens)\b`)
	// notEvidenceRe are uses of the marker words that are no research.
	notEvidenceRe = ciRe(`\bin\s+vitro\s+(?:fertili[sz]ation|maturation|diagnostics?|fertility|ivf)|\bivf\b|\btest[- ]tube\s+bab(?:y|ies)|` +
		`\banimal\s+test(?:ing|s)\b|(?:cruelty[- ]free|not|never|no|n't|without|free\s+(?:of|from)|against)\s+(?:\w+\s+){0,3}?test(?:ed|ing)\s+on\s+animals`)
	// referenceEntryRe opens a bibliography entry ("Smith J, Lee K. ...",
	// or a Vancouver "2019;12(3):45").
	referenceEntryRe = fastre.MustCompile(`^\W*\p{Lu}[\p{L}'’-]+,?\s+(?:\p{Lu}{1,3}\.?,?\s*){1,3}(?:[,.]|et\s+al)|\b(?:19|20)\d\d\s*;\s*\d+\s*(?:\(\d+\))?\s*:\s*\d+`)

	numberWordRe = ciRe(`\b(?:` + numberWords + `)\b`)

	numberWords = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|two dozen|a hundred`
)

// evidenceFinding is one flagged sentence.
type evidenceFinding struct {
	check      string
	start, end int // the evidence wording in the sentence
	n          int // participants, for small-study
}

func checkEvidenceStrength(pass *lint.Pass, opts *EvidenceStrengthOptions) error {
	doc := pass.Doc
	if vetTitleRe.MatchString(pageTitle(doc)) {
		return nil
	}
	var sources *sourceSections
	for bi, b := range doc.Blocks {
		if !claimBlock(b) {
			continue
		}
		sc := evidenceSet().ScanWith(b.Text, pass.Doc.Keywords(b))
		if !sc.Any() {
			continue
		}
		if sources == nil {
			sources = newSourceSections(opts.SourceSections, doc)
		}
		if sources.contains(b) || inFootnote(b.Node) || textmemo.Get(doc.Texts, evidenceOutKind, b.Text, evidenceOutOfScope) {
			continue
		}
		sentences := doc.Sentences(b)
		claimHeading := b.Section != nil && headingClaimRe.MatchString(b.Section.Text)
		var found []evidenceFinding
		var at []int
		for i := range sentences {
			if f, ok := sentenceEvidence(doc.Texts, sentences, i, claimHeading, opts); ok {
				found = append(found, f)
				at = append(at, i)
			}
		}
		if len(found) == 0 {
			continue
		}
		if paragraphExcuses(doc, bi, b, sentences) {
			continue
		}
		framed := framedSection(b.Section)
		human := humanEvidenceRe.MatchString(claim.SameLengthSpaces(b.Text))
		for k, f := range found {
			s := sentences[at[k]]
			if f.check != evidenceSmall && (framed || human) {
				continue
			}
			if f.check == evidenceSmall && otherSupport(b.Text, s, f) {
				continue
			}
			reportEvidence(pass, b, s, f, opts)
		}
	}
	return nil
}

// evidenceOutOfScope reports whether a block's text is a disclaimer's
// extra wording or a reference-list entry, which offer no evidence.
func evidenceOutOfScope(text string) bool {
	return disclaimerExtraRe.MatchString(text) || referenceEntryRe.MatchString(text)
}

// evidence-strength's entries in document.Document.Texts.
var (
	evidenceOutKind   = textmemo.NewKind("evidence-strength out of scope")
	evidenceWordsKind = textmemo.NewKind("evidence-strength words")
)

// pageTitle returns the front-matter title, or the first level-1 heading.
func pageTitle(doc *document.Document) string {
	if t := article.Title(doc); t != "" {
		return t
	}
	for _, h := range doc.Headings {
		if h.Level == 1 {
			return h.Text
		}
	}
	return ""
}

// sentenceEvidence returns the weak evidence sentence i offers for a
// claim, if it does. One keyword scan tells whether any pattern can match
// the sentence (most sentences of a block that holds a marker word hold
// none); the rest runs only for those that may.
func sentenceEvidence(texts *textmemo.Store, sentences []document.Sentence, i int, claimHeading bool, opts *EvidenceStrengthOptions) (evidenceFinding, bool) {
	text := claim.SameLengthSpaces(sentences[i].Text)
	sc := textmemo.Get(texts, evidenceWordsKind, text, evidenceSet().Scan)
	if !sc.Any() {
		return evidenceFinding{}, false
	}
	next, prev := "", ""
	if i+1 < len(sentences) {
		next = claim.SameLengthSpaces(sentences[i+1].Text)
	}
	if i > 0 {
		prev = claim.SameLengthSpaces(sentences[i-1].Text)
	}
	f, ok := weakModelEvidence(&sc, text, prev, next, claimHeading)
	if !ok {
		f, ok = smallStudy(&sc, text, next, opts)
	}
	if !ok || textmemo.Get(texts, mythLabelKind, text, mythLabel.MatchString) || isDisclaimer(texts, text) || i > 0 && isDisclaimer(texts, sentences[i-1].Text) {
		return evidenceFinding{}, false
	}
	return f, true
}

// weakModelEvidence finds animal or in-vitro evidence offered for a
// claim about people in text: a general conclusion resting on it ("a
// study in mice found that X lowers anxiety"), or a study's own result
// ("in rats, X reduced cortisol", "mice given X lived longer") that is
// carried over to people in the next sentence, backs the claim of the
// sentence before (prev), or stands under a heading that claims the
// benefit (claimHeading).
func weakModelEvidence(sc *match.Scanned, text, prev, next string, claimHeading bool) (evidenceFinding, bool) {
	masked := text
	for _, m := range notEvidenceRe.FindAllStringIndex(text, -1) {
		masked = masked[:m[0]] + strings.Repeat(" ", m[1]-m[0]) + masked[m[1]:]
	}
	for i, em := range evidenceMarkers {
		if !sc.May(i) {
			continue
		}
		m := em.re.FindStringIndex(masked)
		if m == nil {
			continue
		}
		if em.needsResearch && (!researchCueRe.MatchString(masked) && !frontedScopeRe.MatchString(masked[:m[0]]) ||
			describedInRe.MatchString(masked[:m[0]])) {
			continue
		}
		outside := masked[:m[0]] + strings.Repeat(" ", m[1]-m[0]) + masked[m[1]:]
		asSuch := reportedAsSuch(masked, m)
		if !asSuch && !findingRe.MatchString(outside) && !effectRe.MatchString(outside) {
			continue // no result: "researchers tested it in rats"
		}
		if !asSuch && genericRe.MatchString(outside) ||
			carriedToPeople(masked[m[1]:], next) || claimHeading || prev != "" && backsClaim(prev) {
			return evidenceFinding{check: em.check, start: m[0], end: m[1]}, true
		}
	}
	return evidenceFinding{}, false
}

// backsClaim reports whether the sentence before a study's result states
// a general claim that the result is offered for ("Raspberries may
// protect against cancer. In test-tube experiments, ...").
func backsClaim(prev string) bool {
	if humanEvidenceRe.MatchString(prev) {
		return false
	}
	return genericRe.MatchString(prev)
}

// reportedAsSuch reports whether the finding of text is about the animals
// or cells themselves: the sentence opens with them as its subject
// ("Mice given X lived longer"), or the finding verb that follows the
// evidence has them as the subject of what it found ("a study found that
// mice fed X ...").
func reportedAsSuch(text string, m []int) bool {
	if asSuchStartRe.MatchString(text) {
		return true
	}
	fs := findingRe.FindAllStringIndex(text, -1)
	var f []int
	for _, x := range fs {
		if x[0] >= m[0] {
			f = x
			break
		}
	}
	if f == nil && len(fs) > 0 {
		f = fs[len(fs)-1]
	}
	if f == nil {
		return false
	}
	after := f[1]
	if m[0] >= f[1] && strings.TrimSpace(text[f[1]:m[0]]) == "" {
		after = m[1] // "it was shown in mice that ..."
	}
	return asSuchSubjectRe.MatchString(text[after:])
}

// carriedToPeople reports whether a finding about animals or cells is
// carried over to people in the rest of its sentence or in the next one
// ("..., which suggests it may help people too").
func carriedToPeople(rest, next string) bool {
	if peopleClaimRe.MatchString(rest) && (modalRe.MatchString(rest) || effectRe.MatchString(rest)) {
		return true
	}
	return anaphoraRe.MatchString(next) && peopleClaimRe.MatchString(next) && (modalRe.MatchString(next) || effectRe.MatchString(next))
}

// smallStudy finds a finding resting on one tiny study.
func smallStudy(sc *match.Scanned, text, next string, opts *EvidenceStrengthOptions) (evidenceFinding, bool) {
	if !sc.May(smallIndex) || !strings.ContainsAny(text, "0123456789") && !numberWordRe.MatchString(text) {
		return evidenceFinding{}, false
	}
	for _, m := range smallStudyRe.FindAllStringSubmatchIndex(text, -1) {
		g := 1
		for g < 4 && m[2*g] < 0 {
			g++
		}
		if g == 3 && ratioBefore(text, m[2*g]) {
			continue // "1 in 12 participants" is a ratio
		}
		n, ok := parseCount(text[m[2*g]:m[2*g+1]])
		if !ok || n >= opts.MinParticipants {
			continue
		}
		if smallLimitRe.MatchString(text) {
			return evidenceFinding{}, false
		}
		rest := text[:m[0]] + strings.Repeat(" ", m[1]-m[0]) + text[m[1]:]
		if !findingRe.MatchString(rest) && !effectRe.MatchString(rest) && !anaphoricFinding(next) {
			continue
		}
		return evidenceFinding{check: evidenceSmall, start: m[0], end: m[1], n: n}, true
	}
	return evidenceFinding{}, false
}

// ratioBefore reports whether the count at text[i:] follows "N in".
func ratioBefore(text string, i int) bool {
	before := strings.TrimRight(text[:i], " ")
	before = strings.TrimSuffix(strings.TrimSuffix(before, "in"), "among")
	before = strings.TrimRight(before, " ")
	return before != "" && (before[len(before)-1] >= '0' && before[len(before)-1] <= '9' || strings.HasSuffix(strings.ToLower(before), "one"))
}

// anaphoricFindingRe opens a sentence that reports what the study before
// it found ("The study found ...", "Participants who ...").
var anaphoricFindingRe = ciRe(`^\W*(?:the|this|that|these)\s+(?:\w+\s+)?(?:study|trial|researchers|results|findings|participants|volunteers|patients)\s+(?:\w+\s+){0,2}?` + esFinding + `\b|^\W*(?:participants|volunteers|those)\s+who\b`)

func anaphoricFinding(next string) bool { return next != "" && anaphoricFindingRe.MatchString(next) }

// parseCount reads a participant count: digits or a number word.
func parseCount(s string) (int, bool) {
	s = strings.ToLower(strings.ReplaceAll(s, ",", ""))
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	words := map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
		"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
		"eighty": 80, "ninety": 90, "a dozen": 12, "two dozen": 24, "a hundred": 100}
	n, ok := words[strings.Join(strings.Fields(s), " ")]
	return n, ok
}

// paragraphExcuses reports whether the paragraph, or a block near it in
// the same section (up to excuseBefore blocks before it and excuseAfter
// after it), states the limitation of its evidence: pages often give the
// caveat once, at the end of the section ("Before raspberries can be
// linked to cancer prevention, human trials are required").
func paragraphExcuses(doc *document.Document, bi int, b *document.Block, sentences []document.Sentence) bool {
	for _, s := range sentences {
		if limitationRe.MatchString(claim.SameLengthSpaces(s.Text)) {
			return true
		}
	}
	for j := max(bi-excuseBefore, 0); j <= min(bi+excuseAfter, len(doc.Blocks)-1); j++ {
		nb := doc.Blocks[j]
		if j == bi || nb.Kind == document.BlockHeading || nb.Section != b.Section {
			continue
		}
		if limitationRe.MatchString(claim.SameLengthSpaces(nb.Text)) {
			return true
		}
	}
	return false
}

// The blocks around a flagged one whose caveats count for it.
const (
	excuseBefore = 2
	excuseAfter  = 3
)

// framedSection reports whether a heading of the block's section, or one
// above it, names the evidence ("Animal studies").
func framedSection(h *document.Heading) bool {
	for ; h != nil; h = h.Parent {
		if framingHeadingRe.MatchString(h.Text) {
			return true
		}
	}
	return false
}

// otherSupport reports whether the paragraph of a small study cites other
// research besides it.
func otherSupport(text string, s document.Sentence, f evidenceFinding) bool {
	start := s.Start + f.start
	end := s.Start + f.end
	if start < 0 || end > len(text) || start > end {
		return false
	}
	rest := text[:start] + strings.Repeat(" ", end-start) + text[end:]
	return otherSupportRe.MatchString(claim.SameLengthSpaces(rest))
}

func reportEvidence(pass *lint.Pass, b *document.Block, s document.Sentence, f evidenceFinding, opts *EvidenceStrengthOptions) {
	start := b.SourceOffset(s.Start + f.start)
	end := max(b.SourceOffset(max(s.Start+f.end-1, s.Start+f.start))+1, start)
	excerpt := claim.Excerpt(s.Text, f.start, f.end)
	var msg string
	switch f.check {
	case evidenceAnimal:
		msg = fmt.Sprintf("claim resting on animal research ('%s'): results in animals often do not hold in people; say that it has only been shown in animals, or cite human studies", excerpt)
	case evidenceInVitro:
		msg = fmt.Sprintf("claim resting on test-tube or cell research ('%s'): what happens in a dish often does not happen in the body; say so, or cite human studies", excerpt)
	default:
		msg = fmt.Sprintf("claim resting on one study of %d people ('%s'), fewer than %d: say that the study was small, or cite larger trials", f.n, excerpt, opts.MinParticipants)
	}
	pass.Report(lint.Diagnostic{Pos: start, End: min(end, len(pass.Doc.Source)), Check: f.check, Message: msg})
}
