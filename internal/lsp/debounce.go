package lsp

import (
	"sync"
	"time"
)

// debouncer calls fn(key) on a single goroutine once key has gone its
// delay without a new trigger: a burst of edits to a document is linted
// once, after the burst, and two lints never run at once. Its memory is
// one entry per key waiting, whatever the number of triggers.
type debouncer struct {
	fn func(key string)

	mu  sync.Mutex
	due map[string]time.Time

	wake      chan struct{} // buffered: a trigger never blocks
	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

// newDebouncer starts the goroutine that calls fn; close stops it.
func newDebouncer(fn func(key string)) *debouncer {
	d := &debouncer{fn: fn, due: map[string]time.Time{}, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go d.loop()
	return d
}

// trigger asks for fn(key) once delay has passed without another
// trigger of key (0: as soon as the goroutine is free).
func (d *debouncer) trigger(key string, delay time.Duration) {
	d.mu.Lock()
	d.due[key] = time.Now().Add(delay)
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// close stops the goroutine, dropping the keys still waiting, and waits
// for the call of fn in progress, if any, to return.
func (d *debouncer) close() {
	d.closeOnce.Do(func() { close(d.stop) })
	<-d.done
}

func (d *debouncer) loop() {
	defer close(d.done)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-d.stop:
			return
		default:
		}
		key, wait, ok := d.next()
		if ok && wait <= 0 {
			d.fn(key)
			continue
		}
		if ok {
			timer.Reset(wait)
		}
		select {
		case <-d.stop:
			timer.Stop()
			return
		case <-d.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// next returns the key due first and how long until it is due; a key
// already due is taken off the list.
func (d *debouncer) next() (key string, wait time.Duration, ok bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var first time.Time
	for k, t := range d.due {
		if !ok || t.Before(first) {
			key, first, ok = k, t, true
		}
	}
	if !ok {
		return "", 0, false
	}
	wait = time.Until(first)
	if wait <= 0 {
		delete(d.due, key)
	}
	return key, wait, true
}
