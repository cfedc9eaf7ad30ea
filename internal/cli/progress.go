package cli

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress draws "linted 120/556 files (85 files/s)" on one terminal line
// of standard error while a long run goes on, and erases it before the
// report is written. It is used only when standard error is a terminal,
// so it never ends up in logs, pipes or the report.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	// delay is how long a run goes before the line appears (short runs
	// never show it); every is the minimum time between redraws.
	delay, every time.Duration

	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	return &progress{w: w, now: now, start: now(), delay: 500 * time.Millisecond, every: 100 * time.Millisecond}
}

// update is engine.Options.Progress.
func (p *progress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	elapsed := t.Sub(p.start)
	if elapsed < p.delay || (p.drawn && t.Sub(p.last) < p.every && done < total) {
		return
	}
	p.last = t
	p.drawn = true
	rate := float64(done) / elapsed.Seconds()
	fmt.Fprintf(p.w, "\r\x1b[Kmedlint: linted %d/%d files (%.0f files/s)", done, total, rate)
}

// finish erases the line, if one was drawn.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
