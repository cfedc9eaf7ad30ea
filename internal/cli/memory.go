package cli

import (
	"sync"

	"github.com/medlint/medlint/internal/engine"
)

// processGovernor is the process's one garbage-collector governor: the
// collector's settings belong to the process, so the first command that
// wants them starts it and every later run shares it (concurrent runs
// restoring settings would undo each other's).
var processGovernor = sync.OnceValue(func() *engine.Governor {
	return engine.StartGovernor(engine.DefaultMemoryBudget)
})

// governor returns the process's governor, started on first use, or nil
// (Go's own pacing, no process-wide change) when the user tunes the
// collector with GOGC or GOMEMLIMIT.
func (e *env) governor() *engine.Governor {
	if e.memoryBudget() == 0 {
		return nil
	}
	return processGovernor()
}
