package fix

import (
	"errors"
	"fmt"
	"slices"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/mdstruct"
	"github.com/medlint/medlint/rules"
)

// maxBreakers bounds the fixes that one pass's structure check singles out
// one by one; past it, the pass's other structure-keeping fixes are all
// withheld.
const maxBreakers = 8

// errStructure is the cause of a fix withheld because it changes the
// document's structure although it promised not to.
var errStructure = errors.New("it changes the document's structure, which it promises to keep")

// keepStructure enforces rules.Fix.KeepsStructure: among the fixes that
// Apply applied (outcomes), those that promise to keep the structure must,
// applied together, leave the document's outline (internal/mdstruct) as it
// is, list start numbers aside, and leave the outline that the other
// fixes applied give as it is too (the two kinds are applied in one pass).
// It returns the indexes of the fixes that break the promise (each found
// by a binary search over the promising fixes in order, each applied with
// the ones before it), with what they change; nil when the promise holds,
// as it should. The fixes that make no promise are not checked: they may
// change the structure.
func keepStructure(doc *document.Document, fixes []*rules.Fix, outcomes []Outcome) map[int]string {
	var keep, others []int
	for i, o := range outcomes {
		switch {
		case !o.Applied:
		case fixes[i].KeepsStructure:
			keep = append(keep, i)
		default:
			others = append(others, i)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	// outline returns the outline of the document with the fixes of sets
	// applied, or the error that keeps it from parsing.
	outline := func(sets ...[]int) (mdstruct.Outline, string) {
		// In the order of the pass, which decides between fixes whose
		// first edits start at one offset.
		index := slices.Sorted(slices.Values(slices.Concat(sets...)))
		sub := make([]*rules.Fix, len(index))
		for j, i := range index {
			sub[j] = fixes[i]
		}
		out, _ := Apply(doc.Source, sub, doc.CRLF)
		d, err := document.Parse(doc.Path, out)
		if err != nil {
			return nil, err.Error()
		}
		return mdstruct.FromAST(d.Root, d.Source), ""
	}
	before := mdstruct.FromAST(doc.Root, doc.Source)
	var restructured mdstruct.Outline
	if len(others) > 0 {
		var msg string
		if restructured, msg = outline(others); msg != "" {
			return nil // the other fixes break the parse: the next pass says so
		}
	}
	// diff returns what applying the fixes of set changes.
	diff := func(set []int) string {
		after, msg := outline(set)
		if msg != "" {
			return msg
		}
		if d := mdstruct.Diff(before, after, true); d != "" || others == nil {
			return d
		}
		after, msg = outline(set, others)
		if msg != "" {
			return msg
		}
		if d := mdstruct.Diff(restructured, after, true); d != "" {
			return "with the fixes that change the structure, " + d
		}
		return ""
	}
	if diff(keep) == "" {
		return nil
	}
	broken := map[int]string{}
	lo := 0 // keep[:lo] keeps the structure
	for {
		hi := len(keep) // keep[:hi] does not
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			if diff(keep[:mid]) == "" {
				lo = mid
			} else {
				hi = mid
			}
		}
		broken[keep[lo]] = diff(keep[:lo+1])
		keep = append(keep[:lo:lo], keep[lo+1:]...)
		if len(broken) == maxBreakers {
			for _, i := range keep[lo:] {
				broken[i] = fmt.Sprintf("withheld with the other fixes after %d that change the structure", maxBreakers)
			}
			return broken
		}
		if diff(keep) == "" {
			return broken
		}
	}
}

// withhold re-applies the fixes that outcomes says were applied, except
// those in broken, whose outcomes then carry the reason.
func withhold(doc *document.Document, fixes []*rules.Fix, outcomes []Outcome, broken map[int]string) []byte {
	var sub []*rules.Fix
	var index []int
	for i, o := range outcomes {
		if _, ok := broken[i]; ok {
			outcomes[i] = Outcome{Err: fmt.Errorf("%w: %s", errStructure, broken[i])}
			continue
		}
		if o.Applied {
			sub = append(sub, fixes[i])
			index = append(index, i)
		}
	}
	out, subOutcomes := Apply(doc.Source, sub, doc.CRLF)
	for j, o := range subOutcomes {
		outcomes[index[j]] = o
	}
	return out
}
