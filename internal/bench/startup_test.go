package bench

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/testsupport"
)

// BenchmarkStartup measures what a user waits for when medlint starts
// (issue 21 item 3): fresh processes of a built medlint binary, against a
// Go hello-world built the same way,
//
//   - hello: the hello-world program;
//   - version: medlint version (package initialisation and the command
//     line, nothing else);
//   - check-seed: medlint check --no-cache --no-config - with the seed
//     article (../shared/corpus/seed/gut-skin-connection.md) on stdin:
//     every rule prepared for the default configuration and run once;
//   - check-seed-cached: the same with the result cache (in a directory of
//     its own, filled by a first run), as a repeated check runs by
//     default: the cache answers, and no rule is prepared.
//
// Each reports, per process, its median wall time (wall-ms), its median
// CPU time (user and system, cpu-ms) and its page faults (faults: the
// heap it grew into); ns/op is the mean wall time. Run it on a quiet
// machine with
//
//	go test ./internal/bench -run '^$' -bench Startup -benchtime 40x
//
// MEDLINT_BENCH_BINARY names a medlint binary to measure instead of the
// one built from this tree (to compare two builds).
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	medlint := os.Getenv("MEDLINT_BENCH_BINARY")
	if medlint == "" {
		medlint = filepath.Join(dir, "medlint")
		goBuild(b, medlint, "github.com/medlint/medlint/cmd/medlint")
	}
	hello := filepath.Join(dir, "hello")
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	goBuild(b, hello, src)
	seed, err := os.ReadFile(testsupport.Shared(b, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		stdin []byte
		argv  []string
	}{
		{"hello", nil, []string{hello}},
		{"version", nil, []string{medlint, "version"}},
		{"check-seed", seed, []string{medlint, "check", "--no-cache", "--no-config", "-"}},
		{"check-seed-cached", seed, []string{medlint, "check", "--cache-dir", filepath.Join(dir, "cache"), "--no-config", "-"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if _, err := runProcess(bc.argv, bc.stdin); err != nil {
				b.Fatal(err) // a first run: a cached run's cache filled
			}
			var walls, cpus []time.Duration
			var faults []int64
			for b.Loop() {
				start := time.Now()
				cmd, err := runProcess(bc.argv, bc.stdin)
				walls = append(walls, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					faults = append(faults, ru.Minflt+ru.Majflt)
				}
			}
			b.ReportMetric(median(walls), "wall-ms")
			b.ReportMetric(median(cpus), "cpu-ms")
			if len(faults) > 0 {
				sort.Slice(faults, func(i, j int) bool { return faults[i] < faults[j] })
				b.ReportMetric(float64(faults[len(faults)/2]), "faults")
			}
		})
	}
}

// runProcess runs argv with stdin, failing only when it could not run
// (findings exit 1).
func runProcess(argv []string, stdin []byte) (*exec.Cmd, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(stdin)
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return nil, err
	}
	return cmd, nil
}

// goBuild builds pkg (an import path or a file) into out.
func goBuild(b *testing.B, out, pkg string) {
	b.Helper()
	if msg, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput(); err != nil {
		b.Fatalf("go build %s: %v\n%s", pkg, err, msg)
	}
}

// median returns the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return float64(s[len(s)/2]) / float64(time.Millisecond)
}
