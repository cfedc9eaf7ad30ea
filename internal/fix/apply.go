// Package fix applies the fixes that rules attach to their findings: all
// the fixes of a file at once, then it parses and lints the result again,
// until no fixable finding is left (or a pass limit is reached). It also
// writes fixed files atomically.
//
// Guarantees: bytes outside the edited ranges never change; a byte order
// mark stays; in a file whose first line break is "\r\n", every line break
// an edit inserts is "\r\n" too; a fix that overlaps an earlier one is
// skipped whole (and its finding stays reported, to be fixed in a later
// pass if it still applies).
//
// # What a rule's fixes must satisfy
//
//   - Edits are byte offsets into the Source of the document the rule ran
//     on (after the byte order mark): 0 <= Pos <= End <= len(Source).
//   - The edits of one Fix do not overlap (they may touch; insertions at
//     one offset are applied in the order given). A fix is applied whole or
//     not at all.
//   - NewText uses "\n" for line breaks: in a CRLF file the fixer writes
//     "\r\n". Edits should not start or end between a "\r" and its "\n"
//     (use Document.LineEnd, which stops before "\r\n"); if one does, the
//     boundary is moved before the "\r". NewText never contains a NUL byte.
//   - A fix repairs its finding: once applied, the rule does not report it
//     again (fixing twice changes nothing). Fixes that keep producing
//     findings stop after DefaultMaxPasses passes and are reported.
//   - A fix that sets KeepsStructure keeps the document's outline
//     (internal/mdstruct: what renders, list start numbers aside). After
//     each pass the fixer checks the promise for the promising fixes
//     applied together; those that break it are withheld and reported as
//     invalid (a rule checks its own fixes first, so that the finding has
//     none). Fixes meant to change what renders do not set it.
//   - Fixes stay small (the offending bytes only), so that the fixes of
//     neighbouring findings do not overlap; an overlapping fix waits for
//     the next pass, where the rule reports it again on the new text.
//   - The rule sets Meta.Fixable and has testdata/fix/RULE/*.md with their
//     .md.golden (see ruletest.FixGolden, which also fixes each file as CRLF
//     and with a byte order mark, and fixes it twice).
//
// Findings switched off by inline directives are not fixed.
package fix

import (
	"bytes"
	"sort"

	"github.com/medlint/medlint/internal/lint"
)

// Outcome says what Apply did with one fix.
type Outcome struct {
	// Applied reports that the fix's edits are in the output.
	Applied bool
	// Err says why the fix is invalid (an edit outside the source, reversed,
	// overlapping another edit of the same fix, or inserting a NUL byte).
	// It is nil for applied fixes and for fixes skipped because they
	// overlap an earlier fix.
	Err error
}

// Skipped reports a valid fix left out because it overlaps an earlier one.
func (o Outcome) Skipped() bool { return !o.Applied && o.Err == nil }

// edit is a validated edit with the index of its fix.
type edit struct {
	pos, end int
	text     string
	fix      int
}

// Apply applies fixes to src and returns the new text and what happened to
// each fix (indexes match fixes). Fixes are taken in order of their first
// edit (ties: the order given); a fix is applied whole or not at all, and
// skipped when any of its edits overlaps an edit already taken. Two edits
// overlap when their ranges share a byte, or when one is an insertion at
// the other's start or end (their order would be ambiguous). Edits of one
// fix may touch each other; insertions at one offset keep their order.
//
// When crlf is true (the document's line breaks are "\r\n"), every "\n" in
// a NewText that is not already preceded by "\r" becomes "\r\n", and an
// edit boundary that splits a "\r\n" is moved before the "\r", so that the
// file keeps its line-break style. src is not modified.
func Apply(src []byte, fixes []*lint.Fix, crlf bool) ([]byte, []Outcome) {
	outcomes := make([]Outcome, len(fixes))
	type candidate struct {
		first int
		index int
		edits []edit
	}
	cands := make([]candidate, 0, len(fixes))
	for i, f := range fixes {
		edits, err := prepare(src, f, i, crlf)
		if err != nil {
			outcomes[i].Err = err
			continue
		}
		cands = append(cands, candidate{first: edits[0].pos, index: i, edits: edits})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].first < cands[j].first })

	var taken []edit // sorted by (pos, end), pairwise non-overlapping
	for _, c := range cands {
		if conflictsWith(taken, c.edits) {
			continue
		}
		for _, e := range c.edits {
			i := sort.Search(len(taken), func(i int) bool {
				return taken[i].pos > e.pos || (taken[i].pos == e.pos && taken[i].end > e.end)
			})
			taken = append(taken, edit{})
			copy(taken[i+1:], taken[i:])
			taken[i] = e
		}
		outcomes[c.index].Applied = true
	}

	var out bytes.Buffer
	out.Grow(len(src))
	last := 0
	for _, e := range taken {
		out.Write(src[last:e.pos])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), outcomes
}

// overlap reports whether two edits cannot both be applied unambiguously.
func overlap(a, b edit) bool {
	if a.pos < b.end && b.pos < a.end {
		return true
	}
	insertion := a.pos == a.end || b.pos == b.end
	return insertion && max(a.pos, b.pos) <= min(a.end, b.end)
}

// conflictsWith reports whether any of edits overlaps an edit of taken.
func conflictsWith(taken []edit, edits []edit) bool {
	for _, e := range edits {
		// taken is sorted and non-overlapping, so its ends never decrease:
		// only the edits starting at or before e.end, walking back while
		// they end at or after e.pos, can overlap e.
		i := sort.Search(len(taken), func(i int) bool { return taken[i].pos > e.end })
		for j := i - 1; j >= 0 && taken[j].end >= e.pos; j-- {
			if overlap(taken[j], e) {
				return true
			}
		}
	}
	return false
}

// prepare validates the edits of fix number index, adapts them to a CRLF
// file and sorts them (lint.Fix.Resolve, which the JSON report's edits
// share).
func prepare(src []byte, f *lint.Fix, index int, crlf bool) ([]edit, error) {
	resolved, err := f.Resolve(src, crlf)
	if err != nil {
		return nil, err
	}
	edits := make([]edit, len(resolved))
	for i, e := range resolved {
		edits[i] = edit{pos: e.Pos, end: e.End, text: e.NewText, fix: index}
	}
	return edits, nil
}

// splitsCRLF reports whether offset off falls between a "\r" and a "\n".
func splitsCRLF(src []byte, off int) bool { return lint.SplitsCRLF(src, off) }
