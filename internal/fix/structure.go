package fix

import (
	"errors"
	"fmt"
	"slices"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/mdstruct"
)

// maxBreakers bounds the fixes that one pass's structure check singles out
// one by one; past it, the pass's other structure-keeping fixes are all
// withheld.
const maxBreakers = 8

// errStructure is the cause of a fix withheld because it changes the
// document's structure although it promised not to.
var errStructure = errors.New("it changes the document's structure, which it promises to keep")

// keepStructure enforces lint.Fix.KeepsStructure: among the fixes that
// Apply applied (outcomes), those that promise to keep the structure must
// leave the document's outline (internal/mdstruct) as the other fixes
// applied with them leave it (as it is, when there are none), list start
// numbers aside. It returns the indexes of the fixes that break the
// promise (each found by a binary search over the promising fixes in
// order, each applied with the ones before it and the others), with what
// they change; nil when the promise holds, as it should. The fixes that
// make no promise are not checked: they may change the structure. When
// the promise holds, it also returns the parsed text of the pass (bom
// before it, as the next pass parses it, under lim), or nil when it did
// not parse it.
func keepStructure(doc *document.Document, fixes []*lint.Fix, outcomes []Outcome, bom []byte, lim document.Limits) (map[int]string, *document.Document) {
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
		return nil, nil
	}
	// parse parses the document with the fixes of sets applied.
	parse := func(sets ...[]int) (*document.Document, error) {
		// In the order of the pass, which decides between fixes whose
		// first edits start at one offset.
		index := slices.Sorted(slices.Values(slices.Concat(sets...)))
		sub := make([]*lint.Fix, len(index))
		for j, i := range index {
			sub[j] = fixes[i]
		}
		out, _ := Apply(doc.Source, sub, doc.CRLF)
		return document.ParseLimited(doc.Path, append(slices.Clip(bom), out...), lim)
	}
	ref := mdstruct.FromDocument(doc.Root, doc.Source, doc.Full)
	if len(others) > 0 {
		d, err := parse(others)
		if err != nil {
			return nil, nil // the other fixes break the parse: the next pass says so
		}
		ref = mdstruct.FromDocument(d.Root, d.Source, d.Full)
	}
	var whole *document.Document // the text of the pass, parsed
	// diff returns what applying the fixes of set (and the others)
	// changes.
	diff := func(set []int) string {
		d, err := parse(set, others)
		if err != nil {
			return err.Error()
		}
		if len(set) == len(keep) {
			whole = d
		}
		return mdstruct.Diff(ref, mdstruct.FromDocument(d.Root, d.Source, d.Full), true)
	}
	if diff(keep) == "" {
		return nil, whole
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
			return broken, nil
		}
		if diff(keep) == "" {
			return broken, nil
		}
	}
}

// withhold re-applies the fixes that outcomes says were applied, except
// those in broken, whose outcomes then carry the reason.
func withhold(doc *document.Document, fixes []*lint.Fix, outcomes []Outcome, broken map[int]string) []byte {
	var sub []*lint.Fix
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
