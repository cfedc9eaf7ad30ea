//go:build unix

package lsp

import (
	"syscall"
	"testing"
	"time"
)

// processCPU is the CPU time (user and system) the process has used: on
// a machine other work shares, the CPU a re-lint costs varies much less
// than its wall time (which counts the time other processes hold the
// CPUs), so the benchmarks report it beside ns/op. It includes the
// collector's background work, part of a re-lint's cost.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
