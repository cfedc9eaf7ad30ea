package cache

import (
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/memo"
)

// settings is what Lookup derives from a file's active rules.
type settings struct {
	digest Digest
	err    error
	// dated are the active rules that depend on the date, and datedIDs
	// their ids.
	dated    []config.Active
	datedIDs map[string]bool
}

func settingsOf(active []config.Active) *settings {
	s := &settings{}
	s.digest, s.err = ActiveDigest(active)
	for _, a := range active {
		if m := a.Rule.Meta(); m.DependsOnDate {
			s.dated = append(s.dated, a)
			if s.datedIDs == nil {
				s.datedIDs = map[string]bool{}
			}
			s.datedIDs[m.ID] = true
		}
	}
	return s
}

// settingsMemo remembers settings per active-rule slice: a resolver that
// shares one slice among the files with the same configuration (the
// engine's) then pays for the digest once per configuration instead of
// once per file. Keys are the slices' first elements, so a remembered
// slice stays alive and its address cannot be reused by another; the memo
// is emptied when it holds maxSettings slices.
type settingsMemo struct {
	m memo.Map[activeKey, *settings]
}

type activeKey struct {
	first *config.Active
	n     int
}

const maxSettings = 256

func (sm *settingsMemo) get(active []config.Active) *settings {
	if len(active) == 0 {
		return settingsOf(active)
	}
	return sm.m.Get(activeKey{&active[0], len(active)}, func() *settings { return settingsOf(active) })
}
