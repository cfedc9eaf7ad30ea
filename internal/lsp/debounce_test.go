package lsp

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestDebouncer: triggers of a key within its delay make one call, after
// the last; keys do not wait for one another's delays; calls never
// overlap; close waits for the call in progress and drops the rest.
func TestDebouncer(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	calls := map[string]int{}
	running, overlapped := 0, false
	done := make(chan string, 100)
	d := newDebouncer(func(key string) {
		mu.Lock()
		running++
		overlapped = overlapped || running > 1
		calls[key]++
		mu.Unlock()
		time.Sleep(time.Millisecond)
		mu.Lock()
		running--
		mu.Unlock()
		done <- key
	})
	for range 50 {
		d.trigger("slow", 200*time.Millisecond)
	}
	d.trigger("now", 0)
	if got := <-done; got != "now" {
		t.Fatalf("first call %q, want the undelayed key", got)
	}
	if got := <-done; got != "slow" {
		t.Fatalf("second call %q", got)
	}
	d.trigger("late", time.Hour)
	d.close()
	d.close() // twice is fine
	mu.Lock()
	defer mu.Unlock()
	if calls["slow"] != 1 || calls["now"] != 1 || calls["late"] != 0 || overlapped {
		t.Errorf("calls %v (overlapped %v): want slow and now once, late never", calls, overlapped)
	}
	d.trigger("after close", 0) // must not block or panic
}

// TestNoGoroutineLeak: a session that ends, by exit or by the end of its
// input, leaves no goroutine of the server behind.
func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, end := range []string{"exit", "eof"} {
		c := startServer(t, Options{})
		c.initialize(`{"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}`, nil)
		c.open("untitled:leak", "# A\n\nTODO.\n")
		c.diagnostics("untitled:leak", 1)
		c.mustCall(methodCodeAction, CodeActionParams{TextDocument: TextDocumentIdentifier{URI: "untitled:leak"}}, nil)
		if end == "exit" {
			_ = c.shutdownAndExit()
		} else {
			c.toServer.Close()
			_ = c.serveErr()
		}
		_ = c.conn.Close()
	}
	deadline := time.Now().Add(waitTimeout)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after the sessions, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}
