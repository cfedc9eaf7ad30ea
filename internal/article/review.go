package article

import (
	"strings"

	"github.com/medlint/medlint/internal/document"
)

// Found is one piece of review data and where it is written.
type Found struct {
	// Text is the value as written (trimmed).
	Text string
	// Pos and End delimit it in Source.
	Pos, End int
	// Source says where it came from: "front matter last_reviewed",
	// "byline", "shortcode reviewed-by".
	Source string
}

// Review is what a page says about its medical review.
type Review struct {
	// Reviewed, Reviewer, Next and Updated are the review dates, the
	// reviewers, the next review dates and the update dates found, front
	// matter first, then bylines in document order.
	Reviewed, Reviewer, Next, Updated []Found
	// Provider is set when a shortcode, include, component or HTML block
	// configured as a review provider renders the review byline: the page
	// template shows the review, which medlint cannot read unless the
	// provider's attributes carry it (then they are in Reviewed and
	// Reviewer too).
	Provider *Provider
}

// Front-matter keys of the review, folded by NormKey: snake, camel and
// kebab case all match ("last_reviewed", "lastReviewed", "last-reviewed").
var (
	reviewedKeys = keySet("last_reviewed", "last_reviewed_at", "last_reviewed_on", "last_review_date", "last_review",
		"last_medical_review", "reviewed", "reviewed_on", "reviewed_at", "review_date", "date_reviewed",
		"medically_reviewed", "medically_reviewed_on", "medically_reviewed_at", "medical_review_date",
		"last_medically_reviewed", "clinically_reviewed", "clinically_reviewed_on", "clinical_review_date")
	reviewerKeys = keySet("reviewed_by", "reviewer", "reviewers", "medically_reviewed_by", "medical_reviewer",
		"medical_reviewers", "clinical_reviewer", "clinically_reviewed_by", "expert_reviewer", "review_by")
	nextKeys = keySet("next_review", "next_review_due", "next_review_date", "next_review_on", "review_due",
		"review_due_date", "due_for_review")
	updatedKeys = keySet("last_updated", "last_updated_at", "last_updated_on", "lastupdate", "updated", "updated_on",
		"updated_at", "last_modified", "last_modified_at", "lastmod", "modified", "modified_at", "modified_on",
		"date_modified", "date_updated")
	// reviewContainers hold the review as a mapping: review: {date, by}.
	reviewContainers = keySet("review", "medical_review", "medically_reviewed", "reviewed", "clinical_review",
		"review_info", "medical")
	// Keys inside a review container.
	containerDateKeys     = keySet("date", "on", "at", "last", "when", "reviewed", "last_reviewed", "reviewed_on", "reviewed_at", "review_date")
	containerReviewerKeys = keySet("by", "reviewer", "reviewers", "name", "reviewed_by", "who")
	containerNextKeys     = keySet("next", "next_review", "due", "next_review_due", "review_due", "next_date")
)

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[NormKey(k)] = true
	}
	return m
}

// IsReviewKey reports whether a front-matter key (any case style) holds
// review data: a review date, reviewer, next review date or a review
// mapping.
func IsReviewKey(key string) bool {
	k := NormKey(key)
	return reviewedKeys[k] || reviewerKeys[k] || nextKeys[k] || reviewContainers[k]
}

// ReadReview returns what doc says about its medical review: the front
// matter (any depth, any case style: last_reviewed, lastReviewedAt,
// review: {date, by}, medically_reviewed: {by, on}), then bylines in the
// first and last bylineLines lines of the body, then the attributes of a
// review provider. Computed once per document and bylineLines; the value
// is shared and must not be modified.
func ReadReview(doc *document.Document, bylineLines int, providers *Providers) *Review {
	return doc.Memo(reviewKey{bylineLines, providers.key()}, func() any {
		rd := &Review{}
		frontMatterReview(doc, rd)
		bylineReview(doc, bylineLines, rd)
		if p := providers.find(doc, providerReview); p != nil {
			rd.Provider = p
			for _, a := range p.Attrs {
				f := Found{Text: a.Value, Pos: a.Pos, End: a.End, Source: p.What + " " + p.Name}
				switch k := NormKey(a.Key); {
				case containerDateKeys[k] || reviewedKeys[k]:
					rd.Reviewed = append(rd.Reviewed, f)
				case containerReviewerKeys[k] || reviewerKeys[k]:
					rd.Reviewer = append(rd.Reviewer, f)
				case containerNextKeys[k] || nextKeys[k]:
					rd.Next = append(rd.Next, f)
				}
			}
		}
		return rd
	}).(*Review)
}

type reviewKey struct {
	bylineLines int
	providers   string
}

// frontMatterReview reads the review entries of the front matter.
func frontMatterReview(doc *document.Document, rd *Review) {
	es := Entries(doc)
	for i := range es {
		e := &es[i]
		k := e.Norm[len(e.Norm)-1]
		inContainer := len(e.Norm) >= 2 && reviewContainers[e.Norm[len(e.Norm)-2]]
		if e.Map {
			if reviewerKeys[k] || inContainer && containerReviewerKeys[k] {
				// reviewer: {name: Jane Frank, credentials: MD}
				if name := reviewerMapping(doc, es, i); name.Text != "" {
					rd.Reviewer = append(rd.Reviewer, name)
				}
			}
			continue
		}
		value := strings.TrimSpace(e.Value)
		switch {
		case reviewerKeys[k] || inContainer && containerReviewerKeys[k]:
			if value != "" && !isBoolean(value) {
				f := entryFound(doc, e)
				if e.List {
					f.Text = strings.Join(e.Items, "; ") // one reviewer per item
				}
				rd.Reviewer = append(rd.Reviewer, f)
			}
		case nextKeys[k] || inContainer && containerNextKeys[k]:
			rd.Next = append(rd.Next, entryFound(doc, e))
		case reviewedKeys[k] || inContainer && containerDateKeys[k]:
			if isBoolean(value) {
				continue // medically_reviewed: true says nothing about when
			}
			rd.Reviewed = append(rd.Reviewed, entryFound(doc, e))
		case updatedKeys[k] && len(e.Norm) == 1:
			if value != "" {
				rd.Updated = append(rd.Updated, entryFound(doc, e))
			}
		}
	}
}

// reviewerMapping joins the name and credentials of a reviewer written as
// a mapping (entry i) into one reviewer text located at the name.
func reviewerMapping(doc *document.Document, es []Entry, i int) Found {
	parent := es[i].Norm
	var name, creds []string
	var at *Entry
	for j := i + 1; j < len(es) && len(es[j].Norm) > len(parent); j++ {
		e := &es[j]
		if len(e.Norm) != len(parent)+1 || strings.TrimSpace(e.Value) == "" {
			continue
		}
		switch e.Norm[len(e.Norm)-1] {
		case "name", "fullname", "displayname":
			name = append(name, strings.TrimSpace(e.Value))
			at = e
		case "credentials", "credential", "qualifications", "degree", "degrees", "suffix", "title":
			creds = append(creds, strings.TrimSpace(e.Value))
		}
	}
	if at == nil {
		return Found{}
	}
	text := strings.Join(append(name, creds...), ", ")
	return locateAt(doc, at.Line, at.Column, text, "front matter "+strings.Join(at.Path[:len(at.Path)-1], "."))
}

func isBoolean(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "false", "yes", "no", "on", "off":
		return true
	}
	return false
}

// entryFound locates a front-matter entry's value.
func entryFound(doc *document.Document, e *Entry) Found {
	return locateAt(doc, e.Line, e.Column, e.Value, "front matter "+e.Key())
}

// locateAt returns value located at line:col up to the end of its line.
func locateAt(doc *document.Document, line, col int, value, source string) Found {
	if line < 1 || line > doc.LineCount() {
		line, col = 1, 1
	}
	pos := doc.Offset(document.Position{Line: line, Column: max(col, 1)})
	return Found{Text: strings.TrimSpace(value), Pos: pos, End: max(doc.LineEnd(line), pos), Source: source}
}
