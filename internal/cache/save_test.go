package cache

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/result"
)

// TestConcurrentSavesKeepEveryEntry is issue 15's item 10: caches opened
// on one file that store different files and save at the same instant
// (as medlint processes linting the shards of one corpus do) must not
// lose each other's entries. v0.1.0 compared the file's stamp with the
// one seen at Open and merged only then, so that two saves that both saw
// the old file renamed over each other (1 of 6 rounds lost 53 entries).
func TestConcurrentSavesKeepEveryEntry(t *testing.T) {
	t.Parallel()
	const writers, perWriter = 6, 150
	blob, _ := encodeFindings([]result.Finding{{Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Rule: "r", Message: strings.Repeat("m", 500), Severity: 1}})
	for round := range 6 {
		dir := t.TempDir()
		opts := Options{Dir: dir, RunSet: "concurrent", Version: "v"}
		caches := make([]*Cache, writers)
		for w := range caches {
			c, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			for i := range perWriter {
				e := &entry{path: fmt.Sprintf("w%d/f%d.md", w, i), findings: blob, size: 10, used: c.today, touched: true}
				c.entries[e.key()] = e
			}
			c.dirty = true
			caches[w] = c
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, c := range caches {
			wg.Go(func() {
				<-start
				if err := c.Save(); err != nil {
					t.Error(err)
				}
			})
		}
		close(start)
		wg.Wait()
		c, err := Open(opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(c.entries); got != writers*perWriter || c.stats.Discarded != "" {
			t.Fatalf("round %d: %d entries after %d concurrent saves of %d each (%d lost; discarded %q)",
				round, got, writers, perWriter, writers*perWriter-got, c.stats.Discarded)
		}
	}
}

// savedEntries opens the cache of opts afresh and returns its entries'
// paths, sorted.
func savedEntries(t *testing.T, opts Options) []string {
	t.Helper()
	c, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range c.entries {
		out = append(out, e.path)
	}
	slices.Sort(out)
	return out
}

// storeEntry adds an entry for path to c as a run that linted it would.
func storeEntry(c *Cache, path string) {
	e := &entry{path: path, size: 1, used: c.today, touched: true}
	e.findings, _ = encodeFindings(nil)
	c.mu.Lock()
	c.entries[e.key()] = e
	c.dirty = true
	c.mu.Unlock()
}

// A save waits while another run holds the lock, then merges what that
// run saved; a lock held past the timeout makes Save fail without writing
// rather than hang.
func TestSaveWaitsForTheLock(t *testing.T) {
	t.Parallel()
	opts := Options{Dir: t.TempDir(), RunSet: "lock", Version: "v"}
	a, b := mustOpen(t, opts), mustOpen(t, opts)
	storeEntry(a, "a.md")
	storeEntry(b, "b.md")
	held, err := lockFile(a.Path()+lockSuffix, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	saved := make(chan error)
	go func() { saved <- b.Save() }()
	select {
	case err := <-saved:
		t.Fatalf("Save returned %v while another run held the lock", err)
	case <-time.After(100 * time.Millisecond):
	}
	// The holder saves (as a run in the middle of Save would) and lets go.
	held.release()
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	if err := <-saved; err != nil {
		t.Fatal(err)
	}
	if got := savedEntries(t, opts); !slices.Equal(got, []string{"a.md", "b.md"}) {
		t.Fatalf("entries after a waited-for save: %v", got)
	}

	stuck, err := lockFile(a.Path()+lockSuffix, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer stuck.release()
	c := mustOpen(t, opts)
	c.lockTimeout = 50 * time.Millisecond
	storeEntry(c, "c.md")
	if err := c.Save(); !errors.Is(err, errLocked) {
		t.Fatalf("Save under a stuck lock: %v, want errLocked", err)
	}
	if got := savedEntries(t, opts); !slices.Equal(got, []string{"a.md", "b.md"}) {
		t.Fatalf("a save that gave up wrote: %v", got)
	}
}

func mustOpen(t *testing.T, opts Options) *Cache {
	t.Helper()
	c, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Save removes the cache files of run sets no run saved within MaxAge, with
// their lock files, unless a run holds the lock; and lock files left alone
// as long.
func TestSaveRemovesStaleRunSets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	write := func(name string, age time.Duration) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := MaxAge + time.Hour
	write(FileName("gone"), old)
	write(FileName("gone")+lockSuffix, old)
	write(FileName("gone-nolock"), old)
	write(FileName("orphan")+lockSuffix, old)
	write(FileName("busy"), old)
	busy, err := lockFile(write(FileName("busy")+lockSuffix, old), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.release()
	write(FileName("recent"), time.Hour)
	write(FileName("recent-orphan")+lockSuffix, time.Hour)
	write(tempPrefix+"killed", 2*time.Hour)
	write(tempPrefix+"writing", time.Minute)
	write("unrelated.txt", old)

	c, err := Open(Options{Dir: dir, RunSet: "mine", Version: "v", Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	storeEntry(c, "a.md")
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	var got []string
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		got = append(got, de.Name())
	}
	want := []string{FileName("busy"), FileName("busy") + lockSuffix, FileName("mine"), FileName("mine") + lockSuffix,
		FileName("recent"), FileName("recent-orphan") + lockSuffix, tempPrefix + "writing", "unrelated.txt"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("after Save the directory holds\n%v\nwant\n%v", got, want)
	}
}
