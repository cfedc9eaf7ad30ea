package engine

import (
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/result"
)

// supersede drops the findings that a finding of another rule replaces
// (lint.Meta.Supersedes) where their byte ranges overlap, so that one
// problem gets one finding. It runs after the directives: a finding a
// writer switched off replaces nothing.
func supersede(active []config.Active, findings []result.Finding) []result.Finding {
	by := map[string][]string{} // rule id -> what it supersedes
	for _, a := range active {
		m := a.Rule.Meta()
		if len(m.Supersedes) > 0 {
			by[m.ID] = m.Supersedes
		}
	}
	if len(by) == 0 || len(findings) < 2 {
		return findings
	}
	replaced := make([]bool, len(findings))
	for i := range findings {
		sup := by[findings[i].Rule]
		if sup == nil {
			continue
		}
		for j := range findings {
			if i != j && !replaced[j] && namedIn(sup, &findings[j]) && overlaps(&findings[i], &findings[j]) {
				replaced[j] = true
			}
		}
	}
	out := findings[:0]
	for i, f := range findings {
		if !replaced[i] {
			out = append(out, f)
		}
	}
	return out
}

// namedIn reports whether one of list ("rule" or "rule/check") names f.
func namedIn(list []string, f *result.Finding) bool {
	for _, s := range list {
		if s == f.Rule || f.Check != "" && s == f.Rule+"/"+f.Check {
			return true
		}
	}
	return false
}

// overlaps reports whether two findings' byte ranges share a byte (an
// empty range counts as its position).
func overlaps(a, b *result.Finding) bool {
	return a.Pos < max(b.End, b.Pos+1) && b.Pos < max(a.End, a.Pos+1)
}
