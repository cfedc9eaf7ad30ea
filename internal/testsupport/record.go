package testsupport

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Outcome is what a function run by Record did to its testing.TB.
type Outcome struct {
	// Failed and Skipped report calls of Fail/Error/Fatal and of Skip.
	Failed, Skipped bool
	// Log is everything logged, failures and skips included, a line each.
	Log string
}

// Record runs fn with a testing.TB that records failures, skips and logs
// instead of reporting them to tb, so that a test can check that a test
// helper fails (or skips) when it should. FailNow and SkipNow end fn as
// they end a test, with runtime.Goexit; everything else (TempDir, Cleanup,
// Name, Context) is tb's.
func Record(tb testing.TB, fn func(testing.TB)) Outcome {
	tb.Helper()
	r := &recorder{TB: tb}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(r)
	}()
	<-done
	r.mu.Lock()
	defer r.mu.Unlock()
	return Outcome{Failed: r.failed, Skipped: r.skipped, Log: r.log.String()}
}

// recorder is the testing.TB of Record.
type recorder struct {
	testing.TB
	mu              sync.Mutex
	failed, skipped bool
	log             strings.Builder
}

func (r *recorder) Helper() {}

func (r *recorder) Log(args ...any) { r.logf("%s", fmt.Sprint(args...)) }

func (r *recorder) Logf(format string, args ...any) { r.logf(format, args...) }

func (r *recorder) logf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log.WriteString(strings.TrimSuffix(fmt.Sprintf(format, args...), "\n") + "\n")
}

func (r *recorder) Fail() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
}

func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

func (r *recorder) FailNow() {
	r.Fail()
	runtime.Goexit()
}

func (r *recorder) Error(args ...any) { r.Log(args...); r.Fail() }

func (r *recorder) Errorf(format string, args ...any) { r.Logf(format, args...); r.Fail() }

func (r *recorder) Fatal(args ...any) { r.Log(args...); r.FailNow() }

func (r *recorder) Fatalf(format string, args ...any) { r.Logf(format, args...); r.FailNow() }

func (r *recorder) SkipNow() {
	r.mu.Lock()
	r.skipped = true
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) Skip(args ...any) { r.Log(args...); r.SkipNow() }

func (r *recorder) Skipf(format string, args ...any) { r.Logf(format, args...); r.SkipNow() }

func (r *recorder) Skipped() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.skipped
}
