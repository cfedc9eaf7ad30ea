package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/pflag"
)

// addProfileFlags declares check's hidden --cpuprofile and --memprofile,
// for measuring medlint itself (go tool pprof FILE).
func addProfileFlags(fl *pflag.FlagSet, f *checkFlags) {
	fl.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE`")
	fl.StringVar(&f.memProfile, "memprofile", "", "write a heap profile (allocations and live memory at the end) to `FILE`")
	_ = fl.MarkHidden("cpuprofile")
	_ = fl.MarkHidden("memprofile")
}

// startProfiles starts the profiles the flags ask for. The returned stop
// function finishes them; it returns the first error writing them.
func startProfiles(f checkFlags) (stop func() error, err error) {
	var cpu *os.File
	if f.cpuProfile != "" {
		cpu, err = os.Create(f.cpuProfile)
		if err != nil {
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	return func() error {
		var errs []error
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				errs = append(errs, fmt.Errorf("--cpuprofile: %w", err))
			}
		}
		if f.memProfile != "" {
			errs = append(errs, writeHeapProfile(f.memProfile))
		}
		return errors.Join(errs...)
	}, nil
}

func writeHeapProfile(path string) error {
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	runtime.GC() // up-to-date live-heap statistics
	if err := pprof.Lookup("allocs").WriteTo(out, 0); err != nil {
		out.Close()
		return fmt.Errorf("--memprofile: %w", err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	return nil
}
