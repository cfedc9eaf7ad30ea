package cache

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// lockSuffix names the lock file of a cache file: its name plus the
// suffix. A save holds it from re-reading the cache file to renaming the
// new one over it, so that concurrent saves merge instead of replacing
// each other's entries. The lock is the operating system's (flock,
// LockFileEx), released when the process dies, so a killed run never
// leaves a lock behind.
const lockSuffix = ".lock"

// lockTimeout bounds the wait for another run's save: a stopped process
// holding the lock must not hang a CI runner.
const lockTimeout = 30 * time.Second

// errLocked is returned when another run held the lock for lockTimeout.
var errLocked = errors.New("another medlint run holds the cache lock")

// fileLock is a held lock file.
type fileLock struct{ f *os.File }

// lockFile takes the lock file at path, waiting up to timeout.
func lockFile(path string, timeout time.Duration) (*fileLock, error) {
	deadline := time.Now().Add(timeout)
	wait := time.Millisecond
	for {
		l, err := tryLockFile(path)
		if l != nil || err != nil {
			return l, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w (%s) for %v: results not saved", errLocked, path, timeout)
		}
		time.Sleep(wait)
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// tryLockFile takes the lock file at path if no one holds it, and returns
// nil, nil if someone does. The file is created when missing. A lock on a
// file that was removed (by removeStale) and maybe recreated between the
// open and the lock is not the lock of path: it is dropped and taken again.
func tryLockFile(path string) (*fileLock, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
		if err != nil {
			return nil, fmt.Errorf("cache lock: %w", err)
		}
		ok, err := tryLock(f)
		if err != nil || !ok {
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("cache lock %s: %w", path, err)
			}
			return nil, nil
		}
		held, herr := f.Stat()
		now, nerr := os.Stat(path)
		if herr == nil && nerr == nil && os.SameFile(held, now) {
			return &fileLock{f}, nil
		}
		_ = unlock(f)
		f.Close()
	}
}

// release gives the lock back.
func (l *fileLock) release() {
	_ = unlock(l.f)
	l.f.Close()
}
