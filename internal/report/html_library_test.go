package report_test

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/review"
)

// libraryFinding is a finding of the synthetic library: a rule, a check
// and a message as the rules write them.
type libraryFinding struct {
	rule, check, msg string
	sev              lint.Severity
	whole            bool
}

var libraryFindings = []libraryFinding{
	{"uncited-claim", "statistic", "a statistic (\"%d%% of adults\") without a citation in the same paragraph: link the source (a study, a guideline) or rephrase it without the number", lint.SeverityWarning, false},
	{"uncited-claim", "research", "\"studies show\" without a citation: name and link the study, or say what is known without claiming research", lint.SeverityWarning, false},
	{"risky-claim", "cure", "\"cures\" is a claim regulators act on (FTC/FDA tier A): no food, supplement or lifestyle change cures a disease; say what the evidence supports (\"may help relieve\")", lint.SeverityError, false},
	{"plain-language", "", "\"hypertension\" is medical jargon: readers use \"high blood pressure\"", lint.SeverityInfo, false},
	{"plain-language", "", "\"myocardial infarction\" is medical jargon: readers use \"heart attack\"", lint.SeverityInfo, false},
	{"reading-level", "article", "the article reads at grade %d (Flesch-Kincaid), above the target of 8 for advice pages: use shorter sentences and everyday words. Sections above the target: \"Causes\", \"Treatment\"", lint.SeverityWarning, true},
	{"list-format", "fake-bullet", "a pasted bullet (•) that Markdown renders as text, not as a list item: use \"- \" (fixable)", lint.SeverityWarning, false},
	{"medical-disclaimer", "missing", "no medical disclaimer: advice pages must say they are not medical advice and tell readers to consult a professional", lint.SeverityError, true},
	{"review-date", "stale", "the medical review (%d months ago) is older than warn-after (12 months): have the page reviewed again", lint.SeverityWarning, false},
	{"image-alt", "generic", "alt text \"image\" says nothing about the image: describe what it shows", lint.SeverityWarning, false},
	{"heading-structure", "skipped-level", "heading level 4 after level 2: do not skip levels (## then ###)", lint.SeverityWarning, false},
	{"affiliate-disclosure", "missing", "an affiliate link with no disclosure anywhere on the page: say that you earn a commission, before the first link", lint.SeverityError, false},
}

var libraryFolders = []string{"conditions/skin", "conditions/heart", "conditions/digestive", "nutrition/vitamins", "nutrition/diets",
	"supplements", "fitness/strength", "mental-health", "sleep", "parenting/babies", "womens-health", "mens-health", "medications", "ageing"}

// syntheticLibrary builds the report of a library of nFiles pages with
// nFindings findings, as a run over a real docs corpus gives: most pages
// have a few findings, some have dozens; messages and flagged lines of
// real length; every advice page on the review calendar.
func syntheticLibrary(nFiles, nFindings int, now time.Time) (*result.Report, report.Options) {
	rnd := rand.New(rand.NewSource(20))
	rep := &result.Report{Now: now.Format(time.DateOnly), Files: nFiles, Kinds: map[string]string{}}
	for i := 0; i < nFiles; i++ {
		folder := libraryFolders[i%len(libraryFolders)]
		rep.Paths = append(rep.Paths, fmt.Sprintf("%s/article-%05d-%s.md", folder, i, strings.Repeat("x", i%7)))
	}
	// Each finding goes to a file, skewed: a tenth of the files take half.
	perFile := make([][]int, nFiles)
	for k := 0; k < nFindings; k++ {
		f := rnd.Intn(nFiles)
		if k%2 == 0 {
			f = rnd.Intn(nFiles / 10)
		}
		perFile[f] = append(perFile[f], k)
	}
	for fi, ks := range perFile {
		path := rep.Paths[fi]
		for j := range ks {
			lf := libraryFindings[(fi+j*7)%len(libraryFindings)]
			msg := lf.msg
			if strings.Contains(msg, "%d") {
				msg = fmt.Sprintf(msg, 10+rnd.Intn(80))
			}
			line := 1
			if !lf.whole {
				line = 3 + j*4 + rnd.Intn(3)
			}
			text := fmt.Sprintf("Around %d%% of adults with this condition find that the symptoms ease within weeks; studies show that the right diet cures most cases (line %d).", 10+j, line)
			rep.Findings = append(rep.Findings, result.Finding{
				Path: path, Line: line, Column: 8, EndLine: line, EndColumn: 30, Rule: lf.rule, Check: lf.check,
				Severity: lf.sev, Message: msg, Fixable: lf.rule == "list-format", Lines: []string{text},
			})
		}
	}
	for _, p := range rep.Paths {
		rep.Kinds[p] = "advice"
		pg := review.Page{Path: p, Kind: "advice", Reviewer: "Dr. Ana Ruiz, MD"}
		switch n := rnd.Intn(100); {
		case n < 4: // never reviewed
			pg.Reviewer = ""
		case n < 6:
			pg.Provider = true
			pg.Note = "the byline is rendered by a template"
		default:
			last := now.AddDate(0, 0, -rnd.Intn(1300))
			pg.LastReviewed = last.Format(time.DateOnly)
			pg.Due = last.AddDate(1, 0, 0).Format(time.DateOnly)
			pg.DueFrom = review.DueWarnAfter
		}
		rep.Reviews = append(rep.Reviews, pg)
	}
	rep.Rules = []string{}
	for _, r := range lint.Builtin() {
		rep.Rules = append(rep.Rules, r.Meta().ID)
	}
	return rep, report.Options{Rules: lint.Builtin()}
}
