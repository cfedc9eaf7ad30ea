package article

import (
	"strings"
	"sync"
)

// The classifier's vocabulary: lower-case English words, each in one or
// more classes. A word not found is looked up again without a final "s"
// (so "symptoms" finds "symptom"); list other inflections explicitly.
// Keep the lists general: words any site of the kind would use, never
// words of one site.

// healthWords are the vocabulary of health information and advice:
// anatomy, conditions, symptoms, care, nutrition, medicines.
const healthWords = `
health healthy healthier unhealthy wellness wellbeing well-being medical medically medicine medicines clinical clinically
symptom symptomatic disease diseases illness illnesses condition disorder syndrome infection infections infectious
diagnosis diagnose diagnosed diagnostic treatment treat treated treating therapy therapies therapeutic cure remedy remedies
doctor doctors gp gps physician nurse pharmacist pharmacy clinician clinic hospital surgeon surgery specialist dermatologist
dietitian dietician nutritionist midwife paediatrician pediatrician psychiatrist psychologist therapist optometrist ophthalmologist dentist
patient patients prescription prescribed medication medications drug drugs dose doses dosage tablet tablets capsule capsules pill pills
antibiotic antibiotics vaccine vaccines vaccination vaccinations immunisation immunization injection injections side-effects
pain painful ache aches aching sore soreness fever temperature cough coughing headache headaches migraine migraines nausea
vomiting diarrhoea diarrhea constipation bloating cramps cramp rash rashes itch itchy itching swelling swollen inflammation
inflammatory fatigue tired tiredness dizziness dizzy insomnia sleep sleeping asleep sleepless drowsy snoring nap
stress stressed anxiety anxious depression depressed mental mood panic trauma ptsd suicide suicidal addiction alcohol smoking
blood pressure hypertension cholesterol heart cardiac cardiovascular stroke artery arteries vein veins circulation pulse
diabetes diabetic insulin glucose sugar obesity overweight weight bmi metabolism metabolic thyroid hormone hormones hormonal
cancer tumour tumor chemotherapy asthma allergy allergies allergic eczema dermatitis psoriasis acne skin scalp hair nails
lung lungs breathing breath breathless respiratory inhaler inhalers nebuliser nebulizer wheeze wheezing kidney kidneys liver gut stomach bowel bowels intestine intestinal digestion
digestive digest ibs colon bladder urine urinary pee poo stool bone bones joint joints muscle muscles arthritis osteoporosis
back neck shoulder knee hip ankle wrist spine tendon ligament sprain strain fracture injury injuries wound wounds bleeding bruise burn burns
eye eyes vision sight retina cataract cataracts glaucoma ear ears hearing tinnitus nose throat tonsils sinus sinuses mouth teeth tooth
dental gum gums oral brain nerve nerves neurological dementia alzheimer's seizure epilepsy
pregnancy pregnant fertility menstrual period periods menopause contraception baby babies infant infants newborn breastfeeding
immune immunity virus viral viruses bacteria bacterial fungal germs flu influenza covid cold colds measles chickenpox
diet diets dietary nutrition nutritional nutrient nutrients vitamin vitamins mineral minerals magnesium zinc iron calcium potassium
sodium salt protein proteins fibre fiber carbohydrate carbohydrates carbs fat fats calorie calories probiotic probiotics prebiotic
supplement supplements supplementation herbal herb herbs tea teas caffeine melatonin omega antioxidant antioxidants detox toxins
exercise exercises fitness workout physical activity stretching posture hydration dehydration dehydrated hydrated water
prevention prevent preventing risk risks screening checkup check-up emergency urgent a&e 999 911 ambulance
recovery recover heal healing relief relieve soothe soothing chronic acute severe mild tolerance dosing overdose
hernia heartburn reflux indigestion ulcer ulcers haemorrhoids hemorrhoids piles gout anaemia anemia cellulitis impetigo
shingles thrush tonsillitis conjunctivitis sinusitis laryngitis bronchitis pneumonia tuberculosis hepatitis hiv sti std
chlamydia herpes warts wart lice scabies verruca stye cyst cysts lump lumps mole moles melanoma rosacea dandruff hives
urticaria sunburn heatstroke concussion whiplash sciatica fibromyalgia lupus sclerosis parkinson's autism adhd bipolar
schizophrenia ocd anorexia bulimia angina arrhythmia palpitations leukaemia leukemia lymphoma endometriosis pcos prostate
cervical ovarian smear mammogram colonoscopy biopsy x-ray mri ultrasound nhs paracetamol ibuprofen aspirin antihistamine
antihistamines steroid steroids ointment emollient emollients antiseptic bandage stitches rehab rehabilitation physiotherapy
physio acupuncture mindfulness counselling counseling cbt psychotherapy gluten lactose intolerance coeliac celiac fasting
nicotine vaping cannabis opioid opioids testosterone estrogen oestrogen hrt contraceptive condom condoms sneezing itchy
allergen pollen hay-fever hayfever antibodies antibody pathogen outbreak epidemic pandemic quarantine
healthcare skincare self-care selfcare caregiver caregivers carer carers ageing aging menstruation puberty grief burnout
loneliness colic teething cortisol adrenal serotonin dopamine neurotransmitter collagen enzyme enzymes microbiome yeast
candida parasite parasites mites poison poisoning toxic
`

// secondPersonWords address the reader.
const secondPersonWords = `you your yours yourself yourselves you're you'll you've you'd`

// commerceWords sell or recommend products.
const commerceWords = `
buy buying bought purchase purchasing price prices priced pricing cheap cheaper cheapest affordable expensive budget premium
deal deals discount discounts coupon coupons sale shop shopping store stores retailer brand brands product products
pick picks verdict winner runner-up rated rating ratings tested reviewed reviewing worth value warranty shipping subscription
amazon affiliate affiliates commission sponsored checkout cart order ordering pros cons bestseller best-selling
`

// adminWords belong to contact, account, application and policy pages.
const adminWords = `
email e-mail emails phone telephone fax postcode zip office monday tuesday wednesday thursday friday saturday sunday
appointment appointments booking reschedule cancellation enroll enrol enrolled enrollment enrolment registration
signup login log-in password username submit eligible eligibility copay copays deductible coverage insurance
billing invoice payment payments refund refunds policy policies privacy gdpr consent liability copyright trademark
benefit benefits apply applying qualify qualifies
disclaimer legal newsletter subscribe unsubscribe portal careers jobs volunteer donate inquiries enquiries
`

// softwareWords belong to software documentation.
const softwareWords = `
install installing installation installed uninstall setup configure configuration config configured software firmware hardware
command commands terminal shell script scripts sudo npm pip git github repository repo clone branch commit code coding
compile build debug debugging log logs api json yaml cli ssh wifi wi-fi bluetooth usb raspberry linux windows macos
android ios version versions release download upload server browser plugin algorithm algorithms parameter parameters
settings preferences documentation docs developer developers open-source interface computer laptop file files folder
directory database
`

// Word classes (a word may be in several).
const (
	classHealth uint8 = 1 << iota
	classYou
	classCommerce
	classAdmin
	classSoftware
)

// lexicon maps a word to its classes and, for health words, a number for
// counting distinct terms.
type lexEntry struct {
	class uint8
	id    uint16 // health term number, for distinct counting
}

// lexicon returns the word lists by word, built on first use (not at
// program start), and fills lexiconBloom: call it before reading the
// filter.
var lexicon = sync.OnceValue(func() map[string]lexEntry {
	m := map[string]lexEntry{}
	n := 0
	add := func(list string, class uint8) {
		for _, w := range strings.Fields(list) {
			e := m[w]
			if class == classHealth && e.class&classHealth == 0 {
				e.id = uint16(n)
				n++
			}
			e.class |= class
			m[w] = e
		}
	}
	add(healthWords, classHealth)
	add(secondPersonWords, classYou)
	add(commerceWords, classCommerce)
	add(adminWords, classAdmin)
	add(softwareWords, classSoftware)
	if n > maxHealthTerms {
		panic("article: more health words than maxHealthTerms")
	}
	for w := range m {
		lexiconBloom.add(wordHash(w))
	}
	return m
})

// lexiconBloom holds the hashes of the lexicon's words: a word whose hash
// it lacks is not in the lexicon, as most words of a page are not, and
// costs one bit test instead of a map lookup (counter.flush was a third
// of the classifier's time).
var lexiconBloom bloom

// bloom is a one-hash Bloom filter of 64K bits.
type bloom [1 << 10]uint64

func (b *bloom) add(h uint32)      { b[h>>6&(1<<10-1)] |= 1 << (h & 63) }
func (b *bloom) has(h uint32) bool { return b[h>>6&(1<<10-1)]&(1<<(h&63)) != 0 }

// wordHash is the hash counter.words computes byte by byte (FNV-1a).
func wordHash(w string) uint32 {
	h := uint32(2166136261)
	for i := range len(w) {
		h = nextHash(h, w[i])
	}
	return h
}

func nextHash(h uint32, c byte) uint32 { return (h ^ uint32(c)) * 16777619 }

// otherPageNames are what the title (its first segment), the file name or
// a layout/type value of a non-advice page says it is. A title matches
// when its first segment (before " - ", " | ", ": ") is one of these, so
// "Contact Us - Clinic" does and "Contact dermatitis" does not.
var otherPageNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Split(`about|about us|about me|about the author|about the team|about this site|about this blog|
our story|our team|meet the team|the team|team|who we are|our mission|mission|
contact|contact us|contact me|get in touch|find us|location|locations|directions|opening hours|hours|
privacy|privacy policy|privacy notice|privacy statement|cookie policy|cookies|cookie notice|data protection|gdpr|
terms|terms of use|terms of service|terms and conditions|terms & conditions|tos|legal|legal notice|imprint|impressum|
disclaimer|medical disclaimer|disclaimers|editorial policy|editorial policies|editorial guidelines|advertising policy|
affiliate disclosure|disclosure|disclosures|accessibility|accessibility statement|copyright|licence|license|
refund|refunds|refund policy|returns|return policy|returns policy|shipping|shipping policy|delivery|
faq|faqs|help|support|sitemap|search|tags|categories|archive|archives|404|page not found|thank you|thanks|
home|homepage|home page|welcome|
login|log in|sign in|sign up|register|registration|account|my account|newsletter|subscribe|unsubscribe|
careers|jobs|press|media|partners|sponsors|advertise|donate|pricing|fees|insurance|billing|payment|payments|
services|our services|
policies|our policies|office policies|patient policies|forms|patient forms|new patients|new patient forms|
intake|onboarding|enrollment|enrolment|eligibility|how to apply|apply|application|
install|installation|installing|setup|set up|getting started|quick start|quickstart|changelog|release notes|
contributing|code of conduct|readme|troubleshooting|configuration|glossary`, "|") {
		m[strings.TrimSpace(n)] = true
	}
	return m
})

// otherTitleWords make a title administrative wherever they are in it
// ("Information about Intake Interview", "Apply for Health Care",
// "Eligibility for VA Health Care", "Installing the rig").
var otherTitleWords = map[string]bool{
	"onboarding": true, "enrollment": true, "enrolment": true, "enroll": true, "enrol": true,
	"eligibility": true, "eligible": true, "registration": true, "privacy": true, "refund": true, "refunds": true,
	"install": true, "installing": true, "installation": true, "setup": true, "login": true, "password": true,
	"booking": true, "insurance": true, "billing": true,
	"portal": true, "changelog": true, "disclaimer": true,
}

// otherTitlePhrases make a title administrative wherever they are in it:
// a practice's intake process, not the intake of a nutrient.
var otherTitlePhrases = []string{"intake interview", "intake form", "intake forms", "intake questionnaire", "intake process",
	"intake appointment", "intake call", "patient intake", "client intake", "new patient", "new patients", "discovery call",
	"terms of use", "terms of service", "terms and conditions", "privacy policy", "cookie policy", "refund policy",
	"return policy", "returns policy", "cancellation policy", "office policies", "sign up", "log in", "how to apply", "apply for"}

// productTitleWords mark a product roundup or review in a title.
var productTitleWords = map[string]bool{
	"best": true, "top": true, "review": true, "reviews": true, "reviewed": true, "vs": true, "versus": true,
	"buy": true, "buying": true, "picks": true, "deals": true, "tested": true, "compared": true, "comparison": true,
}
