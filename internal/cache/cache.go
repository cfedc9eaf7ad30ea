// Package cache remembers medlint's findings per file between runs, so that
// a run over unchanged files parses nothing, and reads nothing of the files
// whose stamp it knows.
//
// An entry is keyed by the file's display path and the digest of its
// effective configuration (ActiveDigest: the rules, their options, and the
// bytes of the files the options read), and is valid while the SHA-256 of
// the file's bytes and its length are unchanged. It also records the
// file's stamp (engine.Stamp: size, modification and change times, inode),
// taken when the file was read and old enough not to be racy: while the
// file's stamp is the same, its bytes are the ones hashed, and the entry is
// used without reading the file (as git trusts its index). Findings of rules whose
// results depend on the date (lint.Meta.DependsOnDate) are also tied to the
// --now they were computed for: after a change of date only those rules run
// again. The whole file is tied to the medlint version and build and to the
// config file's content: a change of either discards every entry.
//
// All entries of a run set (a working directory and config file) live in
// one file, read at Open and rewritten at Save (to a temporary file renamed
// over it, so that concurrent runs never see a partial file), under a lock
// file, merging the entries concurrent runs saved meanwhile. A file that
// fails to decode or whose checksum differs is discarded whole: the cache
// is rebuilt, never trusted.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/result"
)

// MaxAge is how long an entry (or a cache file) that no run used is kept.
const MaxAge = 30 * 24 * time.Hour

// maxFileSize bounds the cache file read (a million articles take about
// 600 MB); a larger file is not read but replaced.
const maxFileSize = 2 << 30

// tempPrefix starts the names of cache files being written.
const tempPrefix = ".medlint-cache-"

// Options configures Open.
type Options struct {
	// Dir is the cache directory; it is created when missing.
	Dir string
	// RunSet names the runs that share one cache file (the CLI uses the
	// working directory and the config file's path), so that projects do
	// not evict each other's entries.
	RunSet string
	// Version identifies the medlint build (see BuildVersion): results of
	// another build are discarded.
	Version string
	// Config is the content of the configuration file (nil for the
	// defaults): results under another configuration are discarded.
	Config []byte
	// Clock returns the current time, for the expiry of unused entries
	// (nil: time.Now). It never affects findings.
	Clock func() time.Time
}

// Stats counts what a Cache did.
type Stats struct {
	// Hits are files answered from the cache without parsing.
	Hits int
	// Stamped are the hits answered by the file's stamp, without reading
	// the file.
	Stamped int
	// Partial are files whose date rules ran again (--now changed).
	Partial int
	// Misses are files linted from scratch.
	Misses int
	// Stored counts the results remembered.
	Stored int
	// Discarded says why the cache file was not used, if it was not.
	Discarded string
}

// Cache is an open cache. Lookup may be called from several goroutines.
type Cache struct {
	path  string
	hdr   header
	today uint64
	clock func() time.Time

	// lockTimeout bounds the wait for the lock file at Save.
	lockTimeout time.Duration

	mu      sync.Mutex
	entries map[string]*entry
	dirty   bool
	// settings memoizes the digests of active-rule slices.
	settings settingsMemo
	stats    Stats
}

// FileName returns the name of the cache file of a run set.
func FileName(runSet string) string {
	sum := sha256.Sum256([]byte(runSet))
	return "medlint-" + hex.EncodeToString(sum[:8]) + ".cache"
}

// Open reads the cache file of opts.RunSet in opts.Dir. A missing, corrupt
// or outdated file gives an empty cache (Stats.Discarded says why); only a
// directory that cannot be created is an error.
func Open(opts Options) (*Cache, error) {
	if opts.Dir == "" {
		return nil, errors.New("no cache directory")
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the cache directory: %w", err)
	}
	clock := opts.Clock
	if clock == nil {
		clock = time.Now
	}
	c := &Cache{
		path:    filepath.Join(opts.Dir, FileName(opts.RunSet)),
		hdr:     header{version: opts.Version, config: sha256.Sum256(opts.Config)},
		today:   uint64(max(clock().Unix(), 0) / 86400),
		clock:   clock,
		entries: map[string]*entry{},

		lockTimeout: lockTimeout,
	}
	c.settings.m.Bound = maxSettings
	h, entries, err := readCacheFile(c.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		c.stats.Discarded = err.Error()
	case h.version != c.hdr.version:
		c.stats.Discarded = fmt.Sprintf("written by medlint %s", h.version)
	case h.config != c.hdr.config:
		c.stats.Discarded = "the configuration changed"
	default:
		for _, e := range entries {
			c.entries[e.key()] = e
		}
	}
	return c, nil
}

// readCacheFile reads and decodes the cache file at path. A file larger
// than maxFileSize is not read.
func readCacheFile(path string) (header, []*entry, error) {
	st, err := os.Stat(path)
	if err != nil {
		return header{}, nil, err
	}
	if st.Size() > maxFileSize {
		return header{}, nil, fmt.Errorf("the cache file is larger than %d bytes", int64(maxFileSize))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return header{}, nil, err
	}
	return decodeFile(data)
}

// Path returns the cache file's path.
func (c *Cache) Path() string { return c.path }

// Stats returns what the cache did so far.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

func (e *entry) key() string { return entryKey(e.path, e.settings) }

// withConfig returns the settings digest of a file whose folder has its
// own configuration (engine.File.ConfigSum): its rules' settings and the
// configuration files they come from, which define its custom rules.
func withConfig(settings Digest, configSum [32]byte) Digest {
	if configSum == ([32]byte{}) {
		return settings
	}
	return sha256.Sum256(append(settings[:len(settings):len(settings)], configSum[:]...))
}

func entryKey(path string, settings Digest) string {
	return path + "\x00" + string(settings[:])
}

// Lookup implements engine.Cache.
func (c *Cache) Lookup(f engine.File) engine.CacheLookup {
	set := c.settings.get(f.Active)
	if set.err != nil {
		c.count(&c.stats.Misses)
		return engine.CacheLookup{} // not cacheable: lint, do not store
	}
	settings := withConfig(set.digest, f.ConfigSum)
	content := Digest(sha256.Sum256(f.Source))
	key := entryKey(f.Display, settings)
	dated := set.dated
	now := ""
	if len(dated) > 0 {
		now = f.Now.Format(time.DateOnly)
	}
	store := func(fr engine.FileResult) {
		blob, ok := encodeFindings(fr.Findings)
		if !ok {
			return
		}
		e := &entry{path: f.Display, settings: settings, content: content, size: uint64(len(f.Source)), stamp: f.Stamp, used: c.today, now: now, kind: fr.Kind, findings: blob, touched: true}
		c.mu.Lock()
		defer c.mu.Unlock()
		c.entries[key] = e
		c.dirty = true
		c.stats.Stored++
	}

	c.mu.Lock()
	e := c.entries[key]
	c.mu.Unlock()
	if e == nil || e.content != content || e.size != uint64(len(f.Source)) {
		c.count(&c.stats.Misses)
		return engine.CacheLookup{Store: store}
	}
	findings, err := decodeFindings(e.findings, f.Display, len(f.Source))
	if err != nil {
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key)
			c.dirty = true
		}
		c.stats.Misses++
		c.mu.Unlock()
		return engine.CacheLookup{Store: store}
	}
	c.mu.Lock()
	e.touched = true
	if e.used != c.today {
		e.used = c.today
		c.dirty = true
	}
	if f.Stamp != (engine.Stamp{}) && e.stamp != f.Stamp && c.entries[key] == e {
		// The same bytes under a new (trusted) stamp, say after a
		// checkout: remember it so that the next run need not read them.
		e.stamp = f.Stamp
		c.dirty = true
	}
	c.mu.Unlock()
	if e.now == now {
		c.count(&c.stats.Hits)
		return engine.CacheLookup{Hit: true, Result: engine.FileResult{Findings: findings, Kind: e.kind}}
	}
	// The date changed: keep the findings of the other rules and run the
	// date rules again.
	findings = slices.DeleteFunc(findings, func(fd result.Finding) bool { return set.datedIDs[fd.Rule] })
	c.count(&c.stats.Partial)
	return engine.CacheLookup{Hit: true, Result: engine.FileResult{Findings: findings, Kind: e.kind}, Rerun: dated, Store: store}
}

// LookupStamp implements engine.StampCache: a hit needs an entry for the
// file's path and settings, complete for its --now, stored or confirmed
// from a file with the same trusted stamp. Anything else (and a damaged
// entry) is left to Lookup.
func (c *Cache) LookupStamp(f engine.File) (engine.FileResult, bool) {
	if f.Stamp == (engine.Stamp{}) {
		return engine.FileResult{}, false
	}
	set := c.settings.get(f.Active)
	if set.err != nil {
		return engine.FileResult{}, false
	}
	now := ""
	if len(set.dated) > 0 {
		now = f.Now.Format(time.DateOnly)
	}
	key := entryKey(f.Display, withConfig(set.digest, f.ConfigSum))
	c.mu.Lock()
	e := c.entries[key]
	c.mu.Unlock()
	if e == nil || e.stamp != f.Stamp || e.size != uint64(f.Stamp.Size) || e.now != now {
		return engine.FileResult{}, false
	}
	findings, err := decodeFindings(e.findings, f.Display, int(e.size))
	if err != nil {
		return engine.FileResult{}, false
	}
	c.mu.Lock()
	e.touched = true
	if e.used != c.today {
		e.used = c.today
		c.dirty = true
	}
	c.stats.Hits++
	c.stats.Stamped++
	c.mu.Unlock()
	return engine.FileResult{Findings: findings, Kind: e.kind}, true
}

func (c *Cache) count(n *int) {
	c.mu.Lock()
	*n++
	c.mu.Unlock()
}

// Save writes the cache file if anything changed: the entries of this run,
// the entries concurrent runs saved meanwhile for other files, and the
// other entries used within MaxAge. It holds the cache's lock file from
// re-reading the file on disk to renaming the new one over it, so that
// runs saving at once merge each other's entries instead of replacing
// them; it waits at most 30 seconds for another run's save, then gives
// up (the cache is an optimisation: a stuck run must not hang this one).
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	lock, err := lockFile(c.path+lockSuffix, c.lockTimeout)
	if err != nil {
		return fmt.Errorf("saving the cache: %w", err)
	}
	defer lock.release()
	c.mergeSaved()
	oldest := c.today - min(c.today, uint64(MaxAge/(24*time.Hour)))
	keys := make([]string, 0, len(c.entries))
	for k, e := range c.entries {
		if e.used >= oldest {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	entries := make([]*entry, len(keys))
	for i, k := range keys {
		entries[i] = c.entries[k]
	}
	data := encodeFile(c.hdr, entries)
	if err := writeAtomic(c.path, data); err != nil {
		return err
	}
	c.dirty = false
	c.removeStale()
	return nil
}

// mergeSaved adds the entries on disk that this run did not store or use:
// those of concurrent runs, which saved since Open. A file under another
// version or configuration, or one that does not decode, is replaced.
// c.mu and the lock must be held.
func (c *Cache) mergeSaved() {
	h, entries, err := readCacheFile(c.path)
	if err != nil || h != c.hdr {
		return
	}
	for _, e := range entries {
		if k := e.key(); c.entries[k] == nil || !c.entries[k].touched {
			c.entries[k] = e
		}
	}
}

// removeStale deletes the cache files of other run sets that no run saved
// within MaxAge (a deleted checkout, a renamed config) with their lock
// files, lock files left without a cache file as long, and temporary
// files older than an hour (left by a run that was killed while saving).
func (c *Cache) removeStale() {
	dir := filepath.Dir(c.path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	now := c.clock()
	old := func(name string, age time.Duration) bool {
		info, err := os.Lstat(filepath.Join(dir, name))
		return err == nil && info.Mode().IsRegular() && now.Sub(info.ModTime()) > age
	}
	own := filepath.Base(c.path)
	for _, de := range entries {
		name := de.Name()
		switch {
		case name == own || name == own+lockSuffix:
		case isCacheName(name) && old(name, MaxAge):
			c.removeRunSet(filepath.Join(dir, name), func() bool { return old(name, MaxAge) })
		case strings.HasSuffix(name, lockSuffix) && isCacheName(strings.TrimSuffix(name, lockSuffix)) && old(name, MaxAge):
			cache := strings.TrimSuffix(name, lockSuffix)
			c.removeRunSet(filepath.Join(dir, cache), func() bool {
				_, err := os.Lstat(filepath.Join(dir, cache))
				return errors.Is(err, fs.ErrNotExist)
			})
		case strings.HasPrefix(name, tempPrefix) && old(name, time.Hour):
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// isCacheName reports the name of a cache file.
func isCacheName(name string) bool {
	return strings.HasPrefix(name, "medlint-") && strings.HasSuffix(name, ".cache")
}

// removeRunSet deletes the cache file at path and its lock file while
// holding the lock, if no run holds it and stale (checked under the lock)
// still holds: a run that is saving that run set keeps both.
func (c *Cache) removeRunSet(path string, stale func() bool) {
	lock, err := tryLockFile(path + lockSuffix)
	if err != nil || lock == nil {
		return
	}
	defer lock.release()
	if !stale() {
		return
	}
	os.Remove(path)
	os.Remove(path + lockSuffix)
}

// writeAtomic writes data to a temporary file in path's directory and
// renames it to path, so that readers see the old file or the new one.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*")
	if err != nil {
		return fmt.Errorf("writing the cache: %w", err)
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("writing the cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing the cache: %w", err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing the cache: %w", err)
	}
	return nil
}

// BuildVersion returns version followed by a digest of the running
// executable, so that a rebuilt medlint (a development build, where the
// version number does not change) never trusts results of another build.
func BuildVersion(version string) string {
	if id := buildOnce(); id != "" {
		return version + "+exe." + id
	}
	return version
}
