package claim

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text    string
		check   string // "" when no signal of weight 2 is expected
		weight  int
		excerpt string // substring of the reported excerpt
	}{
		// Statistics.
		{"Approximately 70% of your immune system resides in your gut.", CheckStatistic, 2, "70% of your immune system"},
		{"It cuts the risk by 30 percent.", CheckStatistic, 2, "by 30 percent"},
		{"Zinc gives a 40% reduction in symptoms.", CheckStatistic, 2, "40% reduction"},
		{"About 1 in 3 adults has high blood pressure.", CheckStatistic, 2, "1 in 3 adults"},
		{"Around 1 in 20 hernias are femoral.", CheckStatistic, 2, "1 in 20 hernias"},
		{"There's a small risk (about 1 in 100) that it fails.", CheckStatistic, 2, "1 in 100"},
		{"One in five women will get it.", CheckStatistic, 2, "One in five women"},
		{"Smokers are twice as likely to get it.", CheckStatistic, 2, "twice as likely"},
		{"Men are 3 times more likely to die of it.", CheckStatistic, 2, "3 times more likely"},
		{"Obesity doubles the risk of diabetes.", CheckStatistic, 2, "doubles the risk"},
		{"Nearly half of all adults have gum disease.", CheckStatistic, 2, "half of all adults"},
		{"A third of older adults fall each year.", CheckStatistic, 2, "A third of older adults"},
		{"Millions of people live with eczema.", CheckStatistic, 2, "Millions of people"},
		{"37 million Americans have diabetes.", CheckStatistic, 2, "37 million Americans"},
		{"About 10,000 people are diagnosed every year.", CheckStatistic, 2, "10,000 people"},
		{"Short sleep raised blood pressure by\u00a0 350% to 500%.", CheckStatistic, 2, "350%"},
		// Plain numbers are not statistics.
		{"Step 3: call 111 if it gets worse.", "", 0, ""},
		// "Most people ..." generalises about a population: a statistic
		// by the editors' conventions, even with a duration in it.
		{"Most people get better in 2 weeks.", CheckStatistic, 2, "Most people"},
		{"It usually gets better in 7 to 10 days.", "", 0, ""},
		{"You shouldn't use it more than twice in 6 months.", "", 0, ""},
		{"Help is available 24 hours a day, 7 days a week.", "", 0, ""},
		{"Adults aged 65 and over can get the vaccine.", "", 0, ""},
		{"The clinic opened in 2019 and moved on 3 May 2021.", "", 0, ""},
		{"Call 0800 123 4567 or 1-877-927-8387.", "", 0, ""},
		{"Use a cream with 1% hydrocortisone.", "", 0, ""},
		{"Repellents containing 50% DEET are most effective.", "", 0, ""},
		{"Get 20% off your first order.", "", 0, ""},
		{"One orange gives 90% of the Daily Value of vitamin C.", "", 0, ""},
		{"A serving has 20% of your RDA.", "", 0, ""},
		{"It applies 20% of that change to the basal rate.", "", 0, ""},
		{"When 50% of carbs have absorbed, the line flattens.", "", 0, ""},
		{"BV causes no problems in the majority of pregnancies.", "", 0, ""},
		{"Put 1 in 2 litres of water.", "", 0, ""},
		{"The gut holds trillions of microorganisms.", "", 0, ""},
		{"We serve nearly 9 million Veterans each year.", CheckStatistic, 2, "9 million Veterans"},
		// Research attribution.
		{"Studies show that probiotics help.", CheckResearch, 2, "Studies show"},
		{"Research suggests it may help.", CheckResearch, 2, "Research suggests"},
		{"Scientists found a link.", CheckResearch, 2, "Scientists found"},
		{"Experts agree that sleep matters.", CheckResearch, 2, "Experts agree"},
		{"As a 2023 review published in the Journal of Clinical Medicine emphasizes, it matters.", CheckResearch, 2, "a 2023 review published"},
		{"According to a recent study, it works.", CheckResearch, 2, "According to a recent study"},
		{"Groundbreaking science reveals a profound truth.", CheckResearch, 2, "science reveals"},
		{"Many studies have consistently shown benefits.", CheckResearch, 2, "studies have consistently shown"},
		{"There’s some evidence that osteopathy can help.", CheckResearch, 2, "some evidence"},
		{"In a small trial, patients slept better.", CheckResearch, 2, "In a small trial"},
		{"The study found no difference.", "", 1, "The study found"},
		{"Start these evidence-based habits.", "", 1, "evidence-based"},
		{"There's little evidence that cranberry juice helps.", "", 0, ""},
		{"Research is ongoing.", "", 0, ""},
		// Establishment.
		{"Our serum is clinically proven to clear skin.", CheckEstablishment, 2, "clinically proven"},
		{"A doctor-recommended formula.", CheckEstablishment, 2, "doctor-recommended"},
		{"It is recommended by dermatologists.", CheckEstablishment, 2, "recommended by dermatologists"},
		{"Medicine proven to work for treating PTSD.", CheckEstablishment, 2, "proven to work for"},
		{"It has not been clinically proven.", "", 0, ""},
		{"Get care that's proven to work and meets your needs.", "", 0, ""},
		// Doses.
		{"Taking 2,000 IU of vitamin D daily reduces the risk of flu.", CheckDose, 2, "2,000 IU"},
		{"400 mcg of folic acid may lower the risk.", CheckDose, 2, "400 mcg"},
		{"Choose one with at least 10 billion CFUs.", "", 1, "at least 10 billion CFUs"},
		{"Aim for a daily fiber intake of 25-30 grams.", "", 1, "25-30 grams"},
		{"Aim for 8-10 glasses of water.", "", 1, "8-10 glasses"},
		{"Insulin 1 U lowers glucose by 40 mg/dL (2.2 mmol/L).", "", 0, ""},
		{"It needs 4g LTE coverage to sync.", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			sigs := Find(tt.text)
			top := Signal{}
			for _, s := range sigs {
				if s.Attribution {
					continue
				}
				if s.Weight > top.Weight {
					top = s
				}
			}
			if top.Weight != tt.weight {
				t.Fatalf("top weight %d (%+v), want %d", top.Weight, sigs, tt.weight)
			}
			if tt.check != "" && top.Check != tt.check {
				t.Errorf("check %q, want %q", top.Check, tt.check)
			}
			if !strings.Contains(strings.ToLower(top.Text), strings.ToLower(tt.excerpt)) {
				t.Errorf("excerpt %q does not contain %q", top.Text, tt.excerpt)
			}
			for _, s := range sigs {
				if s.Start < 0 || s.End > len(tt.text) || s.Start > s.End {
					t.Errorf("bad span %+v", s)
				}
			}
		})
	}
}

func TestAttributions(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"As Dr. Anya Sharma emphasizes, “I frequently advise my patients to eat well.”",
		"According to the Centers for Disease Control, sleep matters.",
		"“Sleep matters,” says Dr. Lee.",
	} {
		found := false
		for _, s := range Find(text) {
			if s.Attribution && s.Weight == 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("no attribution in %q: %+v", text, Find(text))
		}
	}
}

func TestFirstPerson(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]bool{
		"I found 70% of my patients improved.":            true,
		"In my experience it works.":                      true,
		"In our experience, most improve.":                true,
		"We recommend fiber.":                             false,
		"Vitamin I is not a thing.":                       false, // a numeral after a numbering word
		"People with type I diabetes and stage I cancer.": false,
		"Therapy for insomnia (CBT-I) works.":             false,
		"Yes, I do.":                                      true,
		"(I tried it.)":                                   true,
		"Iodine matters.":                                 false,
	} {
		if got := FirstPerson(text); got != want {
			t.Errorf("FirstPerson(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	t.Parallel()
	text := "About 70% of your immune system resides in your gut."
	if got := Excerpt(text, 6, 12); got != "70% of your immune system" {
		t.Errorf("got %q", got)
	}
	long := strings.Repeat("word ", 40)
	if got := Excerpt(long, 0, len(long)-1); len(got) > 84 {
		t.Errorf("excerpt too long: %d", len(got))
	}
	if got := SameLengthSpaces("a\u00a0b\u202fc\xffd"); len(got) != len("a\u00a0b\u202fc\xffd") || !strings.HasPrefix(got, "a  b") {
		t.Errorf("SameLengthSpaces changed length: %q", got)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"Approximately 70% of your immune system", "1 in 3 adults", "Studies show", "2,000 IU reduces", "\u00a0 350% to 500%", "twice as likely", "clinically proven"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, s := range Find(text) {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("bad span %+v in %q", s, text)
			}
		}
		_ = FirstPerson(text)
	})
}

func TestUnquoted(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`As Dr. Lee says, “I advise my patients.”`:  "As Dr. Lee says, ",
		`He said "my view" today.`:                  "He said  today.",
		`As Dr. Lee says, “I advise my patients.`:   "As Dr. Lee says, ",
		`Calming matters, I prescribe.” Then more.`: " Then more.",
		`No quotes here.`:                           "No quotes here.",
	} {
		if got := Unquoted(in); got != want {
			t.Errorf("Unquoted(%q) = %q, want %q", in, got, want)
		}
	}
	if FirstPerson(`As Dr. Lee says, “I advise my patients.”`) {
		t.Error("quoted first person counted")
	}
}
