// Package claim finds the wording that makes a sentence a factual health
// claim needing a source: statistics ("70% of", "1 in 3 adults", "twice as
// likely"), research attribution ("studies show", "a 2023 review published
// in"), establishment claims ("clinically proven", "doctor recommended")
// and doses tied to an effect ("2,000 IU a day cuts the risk"). It works on
// plain sentence text; the uncited-claim rule combines it with package cite.
//
// A plain number is never a statistic on its own: "Step 3", "call 111",
// "24 hours a day", years, dates, phone numbers, ages ("adults aged 65 and
// over") and durations ("most people get better in 2 weeks") match none of
// the patterns, which all need a proportion, a comparison or a population.
package claim

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/textutil"
)

// Check names, as reported in the "check" field of uncited-claim findings.
const (
	CheckStatistic     = "statistic"
	CheckResearch      = "research-claim"
	CheckEstablishment = "establishment"
	CheckDose          = "dose"
)

// Checks lists the check names in documentation order.
var Checks = []string{CheckStatistic, CheckResearch, CheckEstablishment, CheckDose}

// Signal is one piece of claim wording found in a sentence.
type Signal struct {
	// Check is the kind of claim (CheckStatistic, ...).
	Check string
	// Weight is how strongly the wording marks a claim: 2 is a claim on its
	// own, 1 needs support (a dose without an effect, an anaphoric "the
	// study found" that usually refers to a study cited just before).
	Weight int
	// Start and End delimit the wording in the sentence text.
	Start, End int
	// Text is the wording, extended by up to three following words for
	// context ("70% of your immune system").
	Text string
	// Attribution reports a named source without a reference ("As Dr. Lee
	// says", "according to the CDC"); it has Weight 0 unless the caller
	// asks for attributions to be treated as claims.
	Attribution bool
}

type pattern struct {
	check  string
	weight int
	expr   string // compiled when it first runs (package match)
	// negatable patterns are skipped after "not", "no", "never", "n't".
	negatable bool
	attrib    bool
	// post, when set, vets a match (text, start, end).
	post func(text string, start, end int) bool
	// demote, when set and true, lowers the match's weight to 1.
	demote func(text string) bool
}

const (
	num      = `(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`
	numRange = num + `(?:\s*(?:-|–|to)\s*` + num + `)?`
	smallNum = `(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)`
	bigNum   = `(?:\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty|(?:a|one) (?:hundred|thousand|million))`
	// population nouns make a count or a fraction a statistic about people.
	population = `(?:people|persons|individuals|adults|children|kids|teens|teenagers|adolescents|babies|infants|newborns|` +
		`women|men|girls|boys|patients|americans|britons|brits|canadians|australians|europeans|seniors|older adults|` +
		`smokers|drinkers|users|deaths|cases|diagnoses|veterans|workers|students|pregnancies|births|mothers|survivors|` +
		`residents|participants|sufferers|population|cancers|infections|hospitalizations|hospitalisations|admissions|` +
		`americans|u\.s\. adults|uk adults|households|deaths)`
	// people are the population nouns that name persons, not events.
	people = `(?:people|persons|individuals|adults|children|kids|teens|teenagers|adolescents|babies|infants|` +
		`women|men|girls|boys|patients|americans|britons|canadians|australians|europeans|seniors|older adults|` +
		`smokers|drinkers|users|veterans|workers|students|mothers|survivors|participants|sufferers|consumers|customers|doctors|physicians|clinicians)`
	verbs = `(?:shows?|showed|shown|suggests?|suggested|found|finds?|indicates?|indicated|reveals?|revealed|` +
		`demonstrates?|demonstrated|proves?|proved|proven|confirms?|confirmed|agrees?|agreed|links?|linked|` +
		`points? to|concludes?|concluded|discovered|reports?|reported|estimates?|estimated|observed|noted|says|say|believes?|tells? us)`
	researchSubject = `(?:(?:many|several|numerous|recent|new|some|multiple|clinical|scientific|other|more|large|small|` +
		`various|countless|independent|peer-reviewed|medical|human|animal|observational|published|emerging|current|a growing body of|a body of)\s+)*` +
		`(?:studies|research|researchers|scientists|trials|clinical trials|evidence|experts|scientific evidence|meta-analyses|reviews|` +
		`(?:a|an|one)\s+(?:(?:recent|new|large|small|major|landmark|clinical|\d{4}|randomi[sz]ed|controlled|double-blind|placebo-controlled|harvard|published|systematic|british|american|swedish|danish|japanese|australian|canadian|german|french|italian|chinese|korean|european)\s+)*` +
		`(?:study|trial|review|meta-analysis|survey|analysis|report|paper|experiment))`
	// professionals are the authorities an unsourced consensus or
	// recommendation is attributed to ("dermatologists recommend").
	professionals = `(?:doctors|physicians|dermatologists|clinicians|specialists|experts|nutritionists|dietitians|dieticians|dentists|` +
		`pediatricians|paediatricians|cardiologists|psychiatrists|psychologists|therapists|surgeons|` +
		`(?:health|healthcare|health care|medical|mental health)\s+(?:professionals|experts|providers|practitioners)|practitioners|scientists|researchers)`
	// bodies are named organisations whose word is cited without a source
	// ("the World Health Organization classifies", "the Sleep Foundation").
	body = `(?:(?:\p{Lu}[\p{L}'’-]+\s+){1,4}(?:Foundation|Association|Institute|Institutes|Society|Organi[sz]ation|Academy|College|Council|Agency|Centers?|Centres?|Department|Administration|Service|Board|Commission|Clinic))`
	// acronyms name a body too, but an acronym is as often a measure ("BG
	// estimates", "COB notes"): they need "the" or an unambiguous verb.
	acronym = `(?:\p{Lu}{2,6})`
	// attributionVerbs report what a body says.
	attributionVerbs = `(?:notes?|says?|states?|reports?|recommends?|estimates?|advises?|warns?|classifies|classify|lists?|suggests?|endorses?|considers?|confirms?|urges?)`
	// orgAdverbs may stand between a body and its verb.
	orgAdverbs = `(?:also|now|consistently|strongly|highly|currently|officially|generally)`
	// anaphoric subjects usually refer to a study cited in an earlier sentence.
	anaphoricSubject = `(?:the|this|that|these|those|their|its|such)\s+(?:(?:same|latest|new|recent|\d{4})\s+)?(?:study|studies|trial|trials|review|survey|analysis|research|researchers|authors|scientists|findings|results|data|paper|report|meta-analysis)`
	effectVerb       = `(?:reduces|reduced|lowers|lowered|cuts|improves|improved|boosts|boosted|prevents|prevented|protects|treats|cures|` +
		`relieves|decreases|decreased|increases|increased|halves|halved|doubles|doubled|strengthens|shortens|shortened|speeds up|` +
		`(?:may|might|can|could|will|does|did|would|helps?|helped)\s+(?:help\s+(?:to\s+)?)?` +
		`(?:reduce|lower|cut|improve|boost|prevent|protect|treat|cure|relieve|decrease|increase|halve|double|strengthen|shorten|speed up|clear|heal|ease|fight|calm|restore|repair)|` +
		// A purpose or a verdict also states the effect of a dose.
		`works?\s+(?:best|well|better|wonders)|(?:is|are)\s+(?:most\s+)?effective|recommended\s+for\s+(?:health|the\s+best)|` +
		`for\s+(?:better\s+|deeper\s+|restful\s+)?(?:calm|calming|sleep|relaxation|immune\s+support|immunity|energy|focus|stress\s+relief|anxiety|mood|recovery|weight\s+loss|heart\s+health|brain\s+health|gut\s+health|joint\s+health|inflammation))`
)

// newPatterns returns the claim patterns (see compiled).
func newPatterns() []pattern {
	return []pattern{
		// Statistics.
		{check: CheckStatistic, weight: 2, expr: ci(`\b` + numRange + `\s*(?:%|percent\b|per cent\b)\s*(?:of\b|more\b|less\b|fewer\b|higher\b|lower\b|greater\b|increase|decrease|reduction|drop\b|rise\b|` +
			`(?:increased |reduced |lower |higher |greater )?(?:risk|chance|likelihood|odds)\b|(?:success|survival|response|cure|death|mortality|recurrence|relapse|failure) rates?\b|` +
			`(?:improvement|faster|slower|better|worse|effective|likely|less likely|more likely)\b)`), post: percentOK},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:by|in|among|for|affects?|affecting|affected)\s+(?:up to |nearly |almost |about |around |roughly |approximately |over |more than |less than |as much as |as many as )?` + numRange + `\s*(?:%|percent\b|per cent\b)`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b` + smallNum + `\s+(?:in|out of)\s+(?:every\s+)?` + bigNum + `\b`), post: ratioOK},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:twice|three times|four times|five times|ten times|double|triple|half|(?:(?:\d+(?:\.\d+)?|two|three)\s*(?:-|–|to)\s*)?(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)[- ]?(?:times|fold))\s+(?:as|more|less|higher|lower|greater|the)\s+(?:likely|common|risk|often|effective|prevalent|frequently|chance)\b`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:doubles?|doubled|doubling|triples?|tripled|tripling|halves|halved|halving|quadruples?|quadrupled)\s+(?:the|your|their|a person's|one's)\s+(?:\w+\s+)?(?:risk|chance|odds|likelihood)\b`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter|three[- ]quarters|a fifth|one[- ]fifth|a tenth|one[- ]tenth|(?:one|a|two|three)[- ]fourths?)\s+of\s+(?:all\s+|the\s+|those\s+)?(?:[\w.'-]+\s+){0,2}?` + population + `\b`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:` + num + `\s*(?:million|billion|thousand)|millions|billions|thousands|hundreds of thousands|tens of (?:thousands|millions)|hundreds of millions)\s+(?:of\s+)?(?:[\w.'-]+\s+){0,2}?` + population + `\b`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b\d{1,3}(?:,\d{3})+\s+(?:[\w.'-]+\s+){0,2}?` + population + `\b`)},

		// Research attribution.
		{check: CheckResearch, weight: 2, expr: ci(`\b` + researchSubject + `\s+(?:(?:has|have|had|also|now|consistently|repeatedly|clearly|even|all|generally|largely|increasingly|strongly|have also|has also|have consistently|has consistently)\s+)*(?:been\s+)?` + verbs + `\b`)},
		{check: CheckResearch, weight: 1, expr: ci(`\b` + anaphoricSubject + `\s+(?:(?:has|have|had|also|all)\s+)*` + verbs + `\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\baccording to\s+(?:(?:a|an|one|some|several|many|recent|new|the latest|latest|current|\d{4}|large|small|published|scientific|medical|clinical)\s+)*` +
			`(?:study|studies|research|survey|surveys|review|reviews|report|reports|trial|trials|analysis|meta-analysis|data|statistics|estimates|figures|researchers|scientists|experts|evidence)\b`)},
		// A consensus of professionals ("doctors agree"); "doctors recommend"
		// is left alone, being how guidance pages phrase advice.
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:most\s+|many\s+|all\s+)?(?:doctors|physicians|dermatologists|nutritionists|dietitians|dietician|dentists|pediatricians|paediatricians|health professionals|medical professionals|scientists)\s+(?:now\s+|generally\s+|all\s+|widely\s+)?(?:agree|agreed)\b`)},
		{check: CheckResearch, weight: 1, expr: ci(`\baccording to\s+` + anaphoricSubject + `\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:a|an|one)\s+(?:(?:recent|new|large|small|major|landmark|\d{4}|randomi[sz]ed|controlled|systematic|clinical)\s+)*(?:study|trial|review|meta-analysis|survey|analysis|report|paper)\s+(?:(?:was\s+)?published|conducted|carried out|appearing|in the journal|from the university|by researchers|of \d[\d,]* (?:people|adults|women|men|patients|participants))\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:in|from)\s+a\s+(?:(?:recent|new|large|small|major|landmark|\d{4}|randomi[sz]ed|controlled|systematic|clinical|double-blind)\s+)*(?:study|trial|review|meta-analysis|survey)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\bpublished in (?:the )?(?:journal\b|(?:[A-Z][\w&-]*\s+){0,3}(?:Journal|Lancet|BMJ|JAMA|Nature|Science|Medicine|Pediatrics|Cell|PLOS|Diabetes|Cardiology|Nutrition)\b)`)},
		{check: CheckResearch, weight: 2, expr: ci(`\bscience\s+(?:now\s+|also\s+|clearly\s+)?(?:reveals?|shows?|says|proves?|suggests?|confirms?|tells us|has shown|has proven|backs)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\bthere(?:\s+is|'s|’s|\s+are)\s+(?:(?:some|growing|strong|good|increasing|mounting|compelling|convincing|clear|emerging|solid|substantial|considerable|robust|scientific|clinical|moderate|ample|plenty of)\s+)+(?:scientific |clinical |research )?(?:evidence|research|studies|data)\b`)},
		// "evidence-based habits" describes advice rather than stating a finding.
		{check: CheckResearch, weight: 1, expr: ci(`\b(?:research|studies|evidence|science|data)[- ](?:backed|based|proven|supported)\b`)},

		// Establishment claims.
		{check: CheckEstablishment, weight: 2, negatable: true, expr: ci(`\b(?:clinically|scientifically|medically)\s+(?:proven|tested|shown|validated|studied|backed)\b`)},
		{check: CheckEstablishment, weight: 2, negatable: true, expr: ci(`\b(?:#1\s+|number one\s+)?(?:doctor|physician|dermatologist|pediatrician|paediatrician|dentist|gynecologist|nutritionist|pharmacist)s?[- ](?:recommended|approved|tested|formulated|trusted|developed)\b`)},
		{check: CheckEstablishment, weight: 2, negatable: true, expr: ci(`\brecommended by\s+(?:(?:most|many|leading|top|\d+ out of \d+|\d+%(?: of)?)\s+)*(?:doctors|physicians|dermatologists|dentists|pediatricians|paediatricians|experts|nutritionists|pharmacists)\b`)},
		{check: CheckEstablishment, weight: 2, negatable: true, expr: ci(`\bproven to\s+(?:work\s+(?:for|in|against|on|to)|reduce|help|improve|boost|lower|prevent|treat|increase|cure|relieve|heal|support|strengthen|burn|fight|protect|speed)\b`)},

		// Passive attribution: the finding is stated, the finder left out.
		{check: CheckResearch, weight: 2, negatable: true, expr: ci(`\b(?:has|have|had)\s+(?:also\s+|long\s+|repeatedly\s+|consistently\s+|recently\s+|even\s+)?been\s+(?:(?:clinically|scientifically|repeatedly|consistently|widely|strongly|closely)\s+)?` +
			`(?:shown|found|proven|demonstrated|reported|observed|documented|confirmed|established)\s+(?:to|with|in|that)\b`)},
		// An association is a finding when it links to an outcome ("is
		// associated with weight gain"), not to a setting ("is associated with
		// class B").
		{check: CheckResearch, weight: 2, negatable: true, post: outcomeAfter, expr: ci(`\b(?:(?:has|have|had)\s+(?:also\s+|long\s+|consistently\s+|recently\s+)?been|is|are|was|were|being)\s+(?:(?:strongly|closely|consistently|also|often|directly|significantly|positively|negatively|inversely|independently|widely)\s+)?(?:associated|linked|correlated|tied|connected)\s+(?:with|to)\b|\bcorrelates?\s+(?:strongly\s+)?with\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:studies|research|trials|experiments)\s+(?:have|has)\s+been\s+(?:done|conducted|carried out|published|performed)\b`)},
		// Weight of evidence.
		{check: CheckResearch, weight: 2, negatable: true, expr: ci(`\b(?:backed|supported|validated|confirmed|proven)\s+by\s+(?:(?:decades|years|a wealth|a growing body|a body|plenty|lots|hundreds|dozens|thousands)\s+of\s+)?` +
			`(?:[\w'’-]+\s+){0,4}?(?:research|science|studies|evidence|clinical trials|trials)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:studies|research|evidence|data|trials|science)\s+(?:(?:is|are)\s+(?:increasingly\s+)?)?(?:showing|indicating|suggesting|confirming|demonstrating|proving|linking|revealing)\b`)},
		{check: CheckResearch, weight: 2, negatable: true, expr: ci(`\b(?:studies|research|evidence|science|trials)\s+(?:(?:now|also|strongly|clearly|consistently)\s+)?(?:supports?|backs?\s+(?:this|it|these|up|the))\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:(?:over|more than|nearly|almost|about|some)\s+)?(?:hundreds of|dozens of|thousands of|\d[\d,]*\+?)\s+(?:(?:clinical|scientific|published|peer-reviewed|human|independent)\s+)?(?:studies|trials|clinical trials|papers|experiments)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\bmost\s+(?:(?:clinical|human|published|scientific)\s+)?(?:studies|research|trials)\b`)},
		{check: CheckResearch, weight: 2, negatable: true, expr: ci(`\b(?:real|solid|good|strong|supporting|scientific|clinical|hard)\s+(?:research|evidence|science|data)\s+behind\b|\b(?:more|much|strong|solid|good)\s+supporting\s+(?:research|evidence|data)\b`)},
		{check: CheckResearch, weight: 2, negatable: true, expr: ci(`\b(?:scientific|clinical|research|medical)\s+(?:backing|validation|support|proof|consensus)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:early|preliminary|initial|emerging|new|recent|current|existing|available)\s+(?:evidence|research|studies|data|findings|results)\s+(?:is|are|seems?|looks?)\s+(?:very\s+)?(?:promising|encouraging|strong|compelling|positive)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:the\s+)?(?:science|research|evidence|data)\s+is\s+(?:now\s+)?(?:clear|conclusive|unequivocal|overwhelming|settled)\b`)},
		{check: CheckResearch, weight: 2, negatable: true, expr: ci(`\b(?:better|extensively|widely|thoroughly|clinically|scientifically)[- ]documented\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\bscience\s+(?:has\s+)?(?:begun|started|begins|starts)\s+to\s+(?:reveal|unravel|show|confirm|uncover|explain|prove)\b`)},
		// A study named by its year ("a 2025 Northwestern study").
		{check: CheckResearch, weight: 2, expr: (`(?i:\b(?:the|a|an|this|that)\s+(?:(?:latest|recent|new|landmark)\s+)?(?:19|20)\d\d\s+)(?:\p{Lu}[\p{L}'’-]*\s+){0,3}(?i:(?:study|studies|research|trial|review|report|survey|paper|analysis|meta-analysis|findings))\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:in|from)\s+(?:one|another)\s+(?:(?:recent|new|large|small|major|\d{4}|clinical)\s+)*(?:study|trial|review|survey|experiment|analysis)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:a|an|one)\s+(?:(?:significant|notable|pivotal|groundbreaking|famous|well-known|seminal|important|key|large-scale|long-term|recent|new)\s+)+(?:study|trial|review|meta-analysis|survey|analysis|experiment)\s+(?:(?:has|have|also)\s+)*` + verbs + `\b`)},
		// Research subject and verb with a few words between ("research cited
		// by the Sleep Foundation suggests").
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:studies|research|trials|evidence)\s+(?:[\w'’-]+\s+){1,6}?(?:shows|showed|suggests|suggested|found|indicates|indicated|reveals|revealed|demonstrates|demonstrated|confirms|confirmed|proves|proved)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\b(?:researchers|scientists|investigators)\s+(?:[\w'’-]+\s+){0,8}?(?:compared|tracked|studied|followed|analy[sz]ed|examined|measured|tested|published|investigated|recruited|surveyed|monitored)\b`)},
		{check: CheckResearch, weight: 2, expr: ci(`\bour\s+(?:own\s+)?(?:tests?|testing|trials?|research|study|studies|survey|data|analysis|experiments?)\s+(?:[\w'’*-]+\s+){0,8}?(?:showed|shows|found|revealed|suggests|suggested|indicated|demonstrated|confirmed)\b`)},
		// A named source without a link ("according to NIH data").
		{check: CheckResearch, weight: 2, expr: (`\b[Aa]ccording to\s+(?:the\s+)?(?:\p{Lu}[\p{L}&.'’-]*\s+){1,5}(?i:data|research|studies|study|figures|statistics|guidelines|report|survey|estimates|findings)\b`)},

		// Establishment and authority.
		{check: CheckEstablishment, weight: 2, negatable: true, expr: ci(`\b(?:(?:most|many|some|all|leading|top|esteemed|expert|\w+)\s+)?` + professionals + `\s+(?:(?:now|often|generally|usually|strongly|widely|also|commonly|typically|highly|all)\s+)?` +
			`(?:recommend|believe|agree|suggest|advise|prescribe|swear by|endorse|consider|use|say|urge)\b`)},
		{check: CheckEstablishment, weight: 2, negatable: true, expr: (`\b(?:[Tt]he\s+)?` + body + `(?:\s+(?:and|&)\s+(?:the\s+)?(?:` + body + `|` + acronym + `))?` +
			`\s+(?:` + orgAdverbs + `\s+)?` + attributionVerbs + `\b`)},
		{check: CheckEstablishment, weight: 2, negatable: true, post: notDotted, expr: (`\b(?:[Tt]he\s+)?` + acronym + `(?:\s+(?:and|&)\s+(?:the\s+)?(?:` + body + `|` + acronym + `))?` +
			`\s+(?:(?:` + orgAdverbs + `\s+)?(?:recommends|advises|warns|classifies|urges|endorses)|` + orgAdverbs + `\s+` + attributionVerbs + `|(?:notes|says|states|reports|estimates|suggests|confirms)\s+that)\b`)},
		{check: CheckEstablishment, weight: 2, negatable: true, expr: ci(`\b(?:widely|generally|universally|broadly)\s+(?:accepted|recogni[sz]ed|regarded|considered|believed|acknowledged|agreed)\b`)},
		{check: CheckEstablishment, weight: 2, negatable: true, expr: ci(`\b(?:endorsed|approved|backed|trusted|used|favou?red|preferred)\s+by\s+(?:(?:most|many|leading|top|\d+ out of \d+|\d+%(?: of)?)\s+)*` + professionals + `\b`)},
		{check: CheckEstablishment, weight: 2, expr: ci(`\b(?:the\s+)?(?:medical|scientific|research)\s+community\b`)},
		{check: CheckEstablishment, weight: 1, expr: ci(`\b(?:it(?:'s|’s|\s+is)|is|are)\s+(?:(?:generally|often|widely|commonly|usually|highly|strongly)\s+)?recommended\b`)},

		// Statistics without a percent sign.
		{check: CheckStatistic, weight: 2, post: notAudience, expr: ci(`\b(?:most|the majority of|a majority of|nearly all|almost all|virtually all)\s+(?:[\w'’-]+\s+)?` + people + `\b`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:affects?|affecting|affected|impacts?|strikes?|plagues?)\s+(?:an estimated\s+|nearly\s+|over\s+|more than\s+|about\s+|around\s+|roughly\s+|approximately\s+|up to\s+|as many as\s+)?` +
			`(?:` + num + `\s*(?:million|billion|thousand)|millions|billions|thousands|hundreds of thousands|(?:one|1) in (?:every\s+)?\w+)\b`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:the\s+)?average\s+(?:[\w'’-]+\s+){0,2}?(?:person|adult|american|man|woman|child|kid|teen|teenager|consumer|household|patient|briton)\s+(?:[\w'’-]+\s+){0,3}?` + num + `\b|\ban average of\s+` + num + `\b`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:is|are|contains?|consists? of|made up of|comprises?)\s+(?:about |around |approximately |roughly |nearly |almost |over |up to |more than |at least )?` + numRange + `\s*(?:%|percent\b|per cent\b)`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)[- ]?(?:fold|x)\s+(?:(?:increased?|higher|greater|lower|reduced|more|less|rise|drop|reduction|risk|stronger|more potent|as)\b)`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twice)\s*(?:x|times)\s+(?:as\s+(?:much|many|likely|high|fast|effective|potent|strong|common|often)|more\s+(?:likely|potent|effective|common|often|powerful|absorbable)|less\s+likely|higher|lower|greater|stronger)\b`)},
		{check: CheckStatistic, weight: 2, expr: ci(`\b(?:doubles?|doubled|doubling|triples?|tripled|tripling|quadruples?|quadrupled|halves|halved)\s+(?:the\s+|your\s+|their\s+|a\s+person's\s+|one's\s+)?(?:[\w'’-]+\s+){0,2}?(?:risk|chance|odds|likelihood)\b|\b(?:risk|chance|odds|likelihood)\s+(?:that\s+|to\s+|which\s+)?(?:doubles|triples|quadruples|double|triple|quadruple|doubled|tripled)\b`)},
		{check: CheckStatistic, weight: 2, post: notCompound, expr: ci(`\bby\s+(?:(?:about|around|nearly|almost|roughly|over|more than)\s+)?(?:a|one|two)[- ](?:third|quarter|half|fifth|tenth|fourth)s?\b|\b(?:reduce[sd]?|cuts?|lowers?|lowered|raises?|raised|increase[sd]?|decrease[sd]?)\s+(?:\w+\s+){0,3}?by\s+half\b`)},
		{check: CheckStatistic, weight: 2, post: notPerUnit, expr: ci(`\b(?:reduces?|reduced|reducing|lowers?|lowered|lowering|cuts?|drops?|dropped|raises?|raised|increases?|increased|decreases?|decreased|improves?|improved)\s+(?:[\w'’-]+\s+){0,3}?by\s+(?:about |around |up to |as much as |nearly |over |roughly |approximately )?` + numRange +
			`\s*(?:%|percent\b|per cent\b|mg\b|mg/dl\b|mmhg\b|mmol\b|kg\b|kilos?\b|pounds\b|lbs?\b|points?\b|beats\b|bpm\b|hours?\b|minutes?\b|cm\b|inches\b|years?\b)`)},

		// Named attributions (weight 0 unless asked for).
		{check: CheckResearch, weight: 0, attrib: true, expr: (`\b[Aa]ccording to\s+(?:the\s+)?(?:Dr\.?\s+)?\p{Lu}[\p{L}.&'’-]*(?:\s+(?:of|for|and|&|the|\p{Lu}[\p{L}.&'’-]*)){0,8}`)},
		{check: CheckResearch, weight: 0, attrib: true, expr: (`\b(?:[Aa]s\s+)?(?:Dr\.?|Professor|Prof\.)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?,?(?:\s+[\p{L},'’ -]{0,60}?)?\s+(?:says|said|explains|explained|emphasi[sz]es|emphasi[sz]ed|notes|noted|adds|added|advises|advised|recommends|recommended|points out|pointed out|told|tells|puts it|warns|warned|stresses|stressed|agrees|believes)\b`)},
		{check: CheckResearch, weight: 0, attrib: true, expr: (`\b(?:says|said|explains|explained|notes|noted|adds|added|according to)\s+(?:Dr\.?|Professor|Prof\.)\s+\p{Lu}[\p{L}'’-]*`)},
	}
}

// newDosePattern returns the pattern of an amount with a pharmacological
// unit.
func newDosePattern() string {
	return ci(`\b(?:at least |up to |no more than |more than |less than |over |about |around )?` + numRange +
		`\s*(?:million|billion|trillion)?\s*(?:mg|milligrams?|mcg|µg|μg|micrograms?|g|grams?|IU|CFUs?|ml|millilit(?:er|re)s?|mmol|ng|kg|glasses|cups|servings|portions)\b(?:\s*(?:/|per|a|an|each)\s*(?:day|daily|dose|kg|week))?`)
}

var (
	// concentrationAfter follows the unit of a lab value or a ratio.
	concentrationAfter = lazyre.New(`(?i)^\s*/\s*(?:dl|l|ml|u|unit|kg/min)\b|^\s+per\s+(?:dl|decilit(?:er|re)|lit(?:er|re)|l)\b`)
	telecomAfter       = lazyre.New(`(?i)^\s+(?:lte|network|coverage|signal|data|phone|mobile)\b`)
	effectPattern      = fastre.MustCompile(`(?i)\b` + effectVerb + `\b`)
	negation           = fastre.MustCompile(`(?i)(?:\bnot|\bno|\bnever|n't|n’t|\bnor|\bwithout)\s+(?:\w+\s+){0,2}$`)
	// firstPerson marks personal experience ("I found", "my skin"); the "I"
	// of "CBT-I" is no pronoun, nor that of "Type I" (romanNumeral).
	firstPerson    = fastre.MustCompile(`(?:^|[\s"“‘'(\[])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll)\b|(?i:\b(?:my|me|myself|mine)\b)|(?i:\bin our (?:experience|practice|clinic)\b)`)
	excerptStopper = ",.;:!?()[]\"“”"
)

var (
	rangeAfter = lazyre.New(`^\s*(?:-|–|to|or|and)\s*\d`)
	nextWord   = lazyre.New(`^\s+([\p{L}]+)`)
	// notPeople are words after "N in M" that make it a duration, a
	// dilution or a position rather than a proportion.
	notPeople = map[string]bool{
		"second": true, "seconds": true, "minute": true, "minutes": true, "hour": true, "hours": true,
		"day": true, "days": true, "night": true, "nights": true, "week": true, "weeks": true,
		"month": true, "months": true, "year": true, "years": true, "decade": true, "decades": true,
		"litre": true, "litres": true, "liter": true, "liters": true, "ml": true, "cups": true, "cup": true,
		"glasses": true, "parts": true, "steps": true, "step": true, "doses": true, "dose": true,
		"times": true, "goes": true, "attempts": true, "tries": true, "turns": true, "pages": true, "places": true,
	}
)

var (
	pronounAfterOf    = fastre.MustCompile(`(?i)\bof\s+(?:that|this|it|these|those|them|which|what|the (?:difference|change|remainder|total|amount|dose|value|setting))\b`)
	conditionalBefore = fastre.MustCompile(`(?i)\b(?:when|once|until|if|after|before|whenever|unless)\s+(?:about\s+|around\s+|only\s+)?$`)
	// dailyValue follows a label percentage ("20% of the Daily Value").
	dailyValue = fastre.MustCompile(`(?i)%\s*(?:of\s+)?(?:the\s+|your\s+)?(?:daily value|dv|rda|rdi|reference intake|recommended (?:daily|dietary) (?:allowance|intake|amount))\b`)
	// audienceBefore ends with the word before an audience or a comparison.
	audienceBefore = fastre.MustCompile(`(?i)\b(?:for|than|to|suits?|fits?)\s+$`)
	// outcomeWords name health outcomes and changes, for associations.
	outcomeWords = fastre.MustCompile(`(?i)^\W*(?:\S+\s+){0,5}?(?:(?:higher|lower|greater|increased|reduced|decreased|elevated|poor|poorer|better|worse|improved|more|less|fewer|lasting)\b|` +
		`(?:risks?|disease|diseases|cancers?|death|deaths|mortality|illness|conditions?|disorders?|symptoms?|pain|obesity|weight|diabetes|dementia|depression|anxiety|stress|sleep|insomnia|inflammation|infections?|asthma|eczema|acne|heart|stroke|blood|cholesterol|immune|immunity|health|healthier|longevity|lifespan|outcomes?|benefits?|damage|deficiency|fatigue|memory|mood|cognitive|fertility|pregnancy|birth|allergies|allergy|hypertension|attacks?)\b)`)
	// modalAfter starts with a modal verb.
	modalAfter = fastre.MustCompile(`(?i)^\s+(?:will|should|shouldn't|can|could|may|might|would|need to|must|won't)\b`)
	// perUnitBefore ends with a single unit of a dose ("1 U", "each gram").
	perUnitBefore = fastre.MustCompile(`(?i)\b(?:1|one|each|every|per)\s+(?:u|units?|grams?|g|mg|ml)\b(?:\s+of\s+\w+)?\s*$`)
)

// percentOK rejects a percentage that is a parameter ("applies 20% of that
// change"), a hypothetical ("when 50% of carbs have absorbed") or a
// nutrition label's share of the daily value ("20% of the DV").
func percentOK(text string, start, end int) bool {
	if pronounAfterOf.MatchString(text[start:min(len(text), end+40)]) || dailyValue.MatchString(text[start:min(len(text), end+40)]) {
		return false
	}
	return !conditionalBefore.MatchString(text[max(0, start-30):start])
}

// outcomeAfter accepts an association whose object, in the next few
// words, is a health outcome or a change ("with weight gain", "to a higher
// risk of"), not a thing it is attached to ("with class B").
func outcomeAfter(text string, _, end int) bool {
	return outcomeWords.MatchString(text[end:min(len(text), end+80)])
}

// notCompound rejects a match glued by a hyphen to the next word ("by a
// third-party server").
func notCompound(text string, _, end int) bool {
	return end >= len(text) || text[end] != '-'
}

// notDotted rejects an acronym that is part of a dotted name (".NET").
func notDotted(text string, start, _ int) bool {
	return start == 0 || text[start-1] != '.'
}

// notAudience rejects "most people" naming whom advice is for ("for most
// people, foam plugs are the best pick") or a comparison ("more than most
// people expect"), rather than stating what most people do or have.
// A modal after it ("most people will never need this") gives advice or a
// prediction, not a finding.
func notAudience(text string, start, end int) bool {
	return !audienceBefore.MatchString(text[max(0, start-12):start]) && !modalAfter.MatchString(text[end:])
}

// notPerUnit rejects an effect stated per unit of a dose ("1 U of insulin
// lowers glucose by 40 mg/dL"): a conversion factor, not a claim.
func notPerUnit(text string, start, _ int) bool {
	return !perUnitBefore.MatchString(text[max(0, start-30):start])
}

// ratioOK accepts "1 in 3" as a proportion unless it is part of a range
// ("in 7 to 10 days") or followed by a unit of time or volume.
func ratioOK(text string, _, end int) bool {
	rest := text[end:]
	if rangeAfter.MatchString(rest) {
		return false
	}
	if m := nextWord.FindStringSubmatch(rest); m != nil {
		return !notPeople[strings.ToLower(m[1])]
	}
	return true
}

// ci makes expression s case-insensitive.
func ci(s string) string { return `(?i)` + s }

// SameLengthSpaces replaces Unicode spaces that regular expressions' \s
// does not match (no-break, thin, narrow no-break space, ...) by as many
// ASCII spaces as they have bytes, so that offsets stay valid.
func SameLengthSpaces(text string) string {
	if textutil.IsASCII(text) || !strings.ContainsFunc(text, isOddSpace) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isOddSpace(r) {
			b.WriteString(strings.Repeat(" ", size))
		} else {
			b.WriteString(text[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isOddSpace(r rune) bool {
	return r > 0x7f && unicode.IsSpace(r) || r == '\u200b'
}

// FirstPerson reports whether text speaks of personal experience ("I",
// "my", "in our experience"), which makes a claim an anecdote rather than
// an assertion of fact.
//
// Quoted speech does not count: in `As Dr. Lee says, “I advise my
// patients...”` the "I" is the expert, not the writer. A sentence that
// holds only part of a quotation (the opening or the closing mark) counts
// the text after the opening or before the closing mark as quoted.
func FirstPerson(text string) bool {
	text = Unquoted(text)
	for _, m := range firstPerson.FindAllStringIndex(text, -1) {
		if !romanNumeral(text, m[0], m[1]) {
			return true
		}
	}
	return false
}

// numberedWords are the words a Roman numeral I follows ("type I
// diabetes", "stage I", "phase I trial", "Class I carcinogen").
var numberedWords = map[string]bool{
	"type": true, "stage": true, "grade": true, "class": true, "phase": true, "level": true,
	"part": true, "vitamin": true, "chapter": true, "category": true, "tier": true, "step": true,
}

// romanNumeral reports whether the match text[start:end] is a lone "I"
// after a word that numbers things.
func romanNumeral(text string, start, end int) bool {
	if strings.TrimSpace(text[start:end]) != "I" {
		return false
	}
	before := strings.TrimRight(text[:start+strings.Index(text[start:end], "I")], " \t")
	word := before[strings.LastIndexAny(before, " \t\n(\"“")+1:]
	return numberedWords[strings.ToLower(word)]
}

// Unquoted returns text with the parts inside double quotation marks
// (straight or curly) blanked.
func Unquoted(text string) string {
	if !strings.ContainsAny(text, "\"“”") {
		return text
	}
	var b strings.Builder
	in := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '“' || (r == '"' && !in):
			in = true
		case r == '”' || r == '"':
			if !in {
				b.Reset() // a closing mark with no opening one: all before it was quoted
			}
			in = false
		case !in:
			b.WriteString(text[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Find returns the claim signals of a sentence, ordered by position.
// Overlapping matches keep the heavier (then earlier, then longer) one.
func Find(text string) []Signal {
	text = SameLengthSpaces(text)
	sc := compiled().set.Scan(text)
	return find(text, sc.FindAll)
}

// find is Find over the matches that matches(i) returns of pattern i
// (doseIndex: the dose pattern) in text.
func find(text string, matches func(i int) [][]int) []Signal {
	var out []Signal
	c := compiled()
	for i, p := range c.patterns {
		for _, m := range matches(i) {
			if p.negatable && negation.MatchString(text[max(0, m[0]-40):m[0]]) {
				continue
			}
			if p.post != nil && !p.post(text, m[0], m[1]) {
				continue
			}
			w := p.weight
			if p.demote != nil && p.demote(text) {
				w = min(w, 1)
			}
			out = append(out, Signal{Check: p.check, Weight: w, Start: m[0], End: m[1], Attribution: p.attrib})
		}
	}
	doses := matches(c.doseIndex())
	effect := len(doses) > 0 && effectPattern.MatchString(text)
	for _, m := range doses {
		if concentrationAfter.MatchString(text[m[1]:]) || telecomAfter.MatchString(text[m[1]:]) {
			continue // a lab value ("80 mg/dL", "4 mmol/L"), not a dose
		}
		w := 1
		if effect {
			w = 2
		}
		out = append(out, Signal{Check: CheckDose, Weight: w, Start: m[0], End: m[1]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End-out[i].Start > out[j].End-out[j].Start
	})
	var kept []Signal
	for _, s := range out {
		overlap := false
		for _, k := range kept {
			if s.Start < k.End && k.Start < s.End {
				overlap = true
				break
			}
		}
		if !overlap {
			s.Text = Excerpt(text, s.Start, s.End)
			kept = append(kept, s)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	if isQuestion(text) {
		// A question asserts no finding or consensus ("How does the WHO
		// classify tanning beds?"); a number in it is still a statistic.
		kept = slices.DeleteFunc(kept, func(s Signal) bool { return s.Check != CheckStatistic })
	}
	return kept
}

// isQuestion reports whether a sentence is a question.
func isQuestion(text string) bool {
	t := strings.TrimRight(text, " \t\n\"'”’)*_")
	return strings.HasSuffix(t, "?")
}

// Excerpt returns text[start:end] extended by up to three following words
// that do not cross punctuation, with whitespace collapsed and at most 80
// bytes long.
func Excerpt(text string, start, end int) string {
	e := end
	words := 0
	for e < len(text) && words < 3 {
		r, size := utf8.DecodeRuneInString(text[e:])
		if strings.ContainsRune(excerptStopper, r) {
			break
		}
		if unicode.IsSpace(r) {
			// A word ends at the next space; count it when it starts.
			j := e + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += s2
			}
			if j >= len(text) {
				break
			}
			r2, _ := utf8.DecodeRuneInString(text[j:])
			if strings.ContainsRune(excerptStopper, r2) {
				break
			}
			words++
			k := j
			for k < len(text) {
				r3, s3 := utf8.DecodeRuneInString(text[k:])
				if unicode.IsSpace(r3) || strings.ContainsRune(excerptStopper, r3) {
					break
				}
				k += s3
			}
			e = k
			continue
		}
		e += size
	}
	s := strings.TrimSpace(textutil.CollapseSpaces(text[start:e]))
	if len(s) > 80 {
		cut := 80
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = strings.TrimSpace(s[:cut]) + "…"
	}
	return s
}
