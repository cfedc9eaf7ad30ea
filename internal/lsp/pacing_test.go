package lsp

import (
	"runtime/debug"
	"testing"
)

// TestPaceCollector checks that a language server's process gets its own
// pacing, that GOGC or GOMEMLIMIT keeps the user's, and that the settings
// replaced come back. It changes process-wide settings, so it does not
// run in parallel.
func TestPaceCollector(t *testing.T) {
	pacing := func() (int, int64) {
		gc := debug.SetGCPercent(100)
		debug.SetGCPercent(gc)
		return gc, debug.SetMemoryLimit(-1)
	}
	gc0, limit0 := pacing()
	for _, tc := range []struct {
		name      string
		env       map[string]string
		gc        int
		limit     int64
		userTuned bool
	}{
		{name: "default", env: map[string]string{}, gc: gcPercent, limit: memoryLimit},
		{name: "GOGC", env: map[string]string{"GOGC": "50"}, userTuned: true},
		{name: "GOMEMLIMIT", env: map[string]string{"GOMEMLIMIT": "1GiB"}, userTuned: true},
	} {
		restore := PaceCollector(func(k string) string { return tc.env[k] })
		gc, limit := pacing()
		if tc.userTuned {
			tc.gc, tc.limit = gc0, limit0
		}
		if gc != tc.gc || limit != tc.limit {
			t.Errorf("%s: GC percent %d, memory limit %d; want %d, %d", tc.name, gc, limit, tc.gc, tc.limit)
		}
		restore()
		if gc, limit := pacing(); gc != gc0 || limit != limit0 {
			t.Errorf("%s: restored GC percent %d, memory limit %d; want %d, %d", tc.name, gc, limit, gc0, limit0)
		}
	}
}
