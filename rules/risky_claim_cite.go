package rules

import (
	"regexp"

	"github.com/medlint/medlint/internal/document"
)

// This file holds risky-claim's minimal in-sentence citation check. It is
// deliberately small and self-contained so that it can be replaced by the
// shared citation detector (package internal/cite) once that lands.

var (
	// riskyCiteNumeric is a numbered reference: [1], [2, 3], [4-6].
	riskyCiteNumeric = regexp.MustCompile(`\[\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\]`)
	// riskyCiteDOI is a DOI.
	riskyCiteDOI = regexp.MustCompile(`(?i)\b(?:doi:\s*)?10\.\d{4,9}/\S+`)
	// riskyCitePMID is a PubMed or PMC identifier.
	riskyCitePMID = regexp.MustCompile(`(?i)\bPMC?ID:?\s*\d{5,9}\b|\bPMC\d{5,9}\b`)
	// riskyCiteAuthorYear is an author-year reference: (Smith 2020),
	// (Smith et al., 2020), (Smith and Jones, 2019a), Smith et al. (2020).
	riskyCiteAuthorYear = regexp.MustCompile(`\(\s*[A-Z][\p{L}'’-]+(?:\s+et al\.?|\s+(?:and|&)\s+[A-Z][\p{L}'’-]+)?,?\s+(?:19|20)\d{2}[a-z]?\s*(?:[;,][^)]*)?\)|\b[A-Z][\p{L}'’-]+\s+et al\.?\s*\((?:19|20)\d{2}[a-z]?\)`)
)

// riskyClaimSentenceCited reports whether sentence s of block b carries a
// citation: a link (not an image), a footnote reference, a numbered
// reference such as [1], superscript inline HTML, a DOI, a PMID or an
// author-year reference.
func riskyClaimSentenceCited(b *document.Block, s document.Sentence) bool {
	for _, l := range b.Links {
		if !l.Image && l.TextPos < s.End && l.TextEnd > s.Start {
			return true
		}
	}
	for _, f := range b.FootnoteRefs {
		if f.TextPos >= s.Start && f.TextPos <= s.End {
			return true
		}
	}
	for _, h := range b.InlineHTML {
		if h.Pos >= s.Pos && h.Pos <= s.EndPos && len(h.Text) >= 4 && (h.Text[:4] == "<sup" || h.Text[:4] == "<SUP") {
			return true
		}
	}
	return riskyCiteNumeric.MatchString(s.Text) || riskyCiteDOI.MatchString(s.Text) ||
		riskyCitePMID.MatchString(s.Text) || riskyCiteAuthorYear.MatchString(s.Text)
}
