package cache

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
)

var (
	day1 = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	// day2 is far enough after day1 for review dates to go stale.
	day2 = time.Date(2029, 6, 1, 0, 0, 0, 0, time.UTC)
)

// corpus copies the repository's rule testdata (every construct, hostile
// files included) into a temporary directory and returns it: the
// directories of the rules named, or all of them.
func corpus(t testing.TB, ruleDirs ...string) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("..", "..", "testdata", "rules")
	n := 0
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !engine.IsMarkdown(path) {
			return err
		}
		if rel, _ := filepath.Rel(src, path); len(ruleDirs) > 0 && !slices.Contains(ruleDirs, strings.Split(filepath.ToSlash(rel), "/")[0]) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d testdata files: wrong directory?", n)
	}
	return dst
}

type runner struct {
	t       testing.TB
	dir     string // linted
	cache   string // cache directory
	cfgData []byte
	version string
	now     time.Time
	only    []string
	// clock, if set, is the engine's clock for judging stamps racy.
	clock func() time.Time
}

func newRunner(t testing.TB) *runner {
	// The rules with fixes, dates, directives and options to vary; the
	// date-rule guard (date_test.go) lints the whole testdata.
	return &runner{t: t, dir: corpus(t, "list-format", "review-date", "duplicate-heading", "directive"), cache: t.TempDir(), version: "test-1", now: day1}
}

func (r *runner) config() *config.Config {
	r.t.Helper()
	cfg := config.Default(r.dir)
	if r.cfgData != nil {
		var err error
		cfg, err = config.Parse(filepath.Join(r.dir, ".medlint.yml"), r.dir, r.cfgData)
		if err != nil {
			r.t.Fatal(err)
		}
	}
	if err := cfg.Select(r.only, nil, nil); err != nil {
		r.t.Fatal(err)
	}
	return cfg
}

// fresh lints without a cache.
func (r *runner) fresh() *result.Report {
	return engine.Run(engine.Options{Paths: []string{r.dir}, Config: r.config(), Now: r.now, WorkDir: r.dir, Jobs: 2})
}

func (r *runner) open() *Cache {
	r.t.Helper()
	c, err := Open(Options{Dir: r.cache, RunSet: r.dir, Version: r.version, Config: r.cfgData})
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// cached lints through a freshly opened cache, saves it and returns the
// report and the cache's statistics.
func (r *runner) cached() (*result.Report, Stats) {
	r.t.Helper()
	c := r.open()
	rep := engine.Run(engine.Options{Paths: []string{r.dir}, Config: r.config(), Now: r.now, WorkDir: r.dir, Jobs: 2, Cache: c, Clock: r.clock})
	if err := c.Save(); err != nil {
		r.t.Fatal(err)
	}
	return rep, c.Stats()
}

// same fails unless two reports are identical, byte offsets and fixes
// included.
func same(t testing.TB, got, want *result.Report) {
	t.Helper()
	if len(got.Findings) == 0 {
		t.Fatal("no findings: the test corpus is wrong")
	}
	if !reflect.DeepEqual(got, want) {
		for i := range min(len(got.Findings), len(want.Findings)) {
			if !reflect.DeepEqual(got.Findings[i], want.Findings[i]) {
				t.Fatalf("finding %d differs:\n got %+v\nwant %+v", i, got.Findings[i], want.Findings[i])
			}
		}
		t.Fatalf("reports differ: %d findings, %d errors, %d files; want %d, %d, %d",
			len(got.Findings), len(got.Errors), got.Files, len(want.Findings), len(want.Errors), want.Files)
	}
}

func TestHitAfterMiss(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	want := r.fresh()
	got, st := r.cached()
	same(t, got, want)
	if st.Hits != 0 || st.Misses != want.Files || st.Stored != want.Files {
		t.Fatalf("first run: %+v, want %d misses stored", st, want.Files)
	}
	got, st = r.cached()
	same(t, got, want)
	if st.Hits != want.Files || st.Misses != 0 || st.Stored != 0 {
		t.Fatalf("second run: %+v, want %d hits", st, want.Files)
	}
	// A fixable finding comes back with its fix.
	fixes := 0
	for _, f := range got.Findings {
		if f.Fix != nil {
			fixes++
		}
	}
	if fixes == 0 {
		t.Error("no finding with a fix in the corpus: the fix round trip is untested")
	}
}

// TestStamps checks the stamp path: an unchanged file is answered without
// being read, a file rewritten to the same length and modification time is
// read again (its change time moved), and recently written files' stamps
// are not trusted.
func TestStamps(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are implemented on Linux only")
	}
	t.Parallel()
	r := newRunner(t)
	r.clock = func() time.Time { return time.Now().Add(time.Hour) } // every file is old
	want := r.fresh()
	r.cached()
	got, st := r.cached()
	same(t, got, want)
	if st.Stamped != want.Files || st.Hits != want.Files {
		t.Fatalf("second run: %+v, want all %d files answered by stamp", st, want.Files)
	}

	p := filepath.Join(r.dir, "duplicate-heading", "changed.md")
	if err := os.WriteFile(p, []byte("# A\n\n## B\n\n## B\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.cached()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("# A\n\n## B\n\n## C\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	got, st = r.cached()
	if st.Stamped != want.Files || st.Misses != 1 {
		t.Fatalf("after a same-size edit with the old mtime: %+v, want 1 miss", st)
	}
	same(t, got, r.fresh())

	// A run that starts as the files are written finds them all racy. The
	// clock is the oldest file's modification time, not time.Now: on a
	// loaded machine the files are more than RacyWindow old by now.
	var oldest time.Time
	if err := filepath.WalkDir(r.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil && (oldest.IsZero() || fi.ModTime().Before(oldest)) {
			oldest = fi.ModTime()
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	r.clock = func() time.Time { return oldest }
	if _, st = r.cached(); st.Stamped != 0 || st.Hits != want.Files+1 {
		t.Fatalf("with racy files: %+v, want every file read, hashed and found", st)
	}
}

func TestChangedFileIsLintedAgain(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	r.cached()
	p := filepath.Join(r.dir, "duplicate-heading", "changed.md")
	if err := os.WriteFile(p, []byte("# A\n\n## B\n\n## B\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, st := r.cached()
	if st.Misses != 1 || st.Stored != 1 {
		t.Fatalf("after adding a file: %+v, want 1 miss", st)
	}
	// Same length, other content: the hash, not the size, decides.
	if err := os.WriteFile(p, []byte("# A\n\n## B\n\n## C\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, st := r.cached()
	if st.Misses != 1 {
		t.Fatalf("after editing a file: %+v, want 1 miss", st)
	}
	same(t, got, r.fresh())
	// An inline directive is content: it invalidates too.
	if err := os.WriteFile(p, []byte("# A\n\n## B\n\n## B <!-- medlint-disable-line duplicate-heading -->\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ = r.cached()
	same(t, got, r.fresh())
}

func TestConfigChangeInvalidatesEverything(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	r.cfgData = []byte("rules:\n  duplicate-heading: {scope: siblings}\n")
	r.cached()
	r.cfgData = []byte("rules:\n  duplicate-heading: {scope: document}\n")
	got, st := r.cached()
	if st.Hits != 0 || st.Discarded != "the configuration changed" {
		t.Fatalf("after a config change: %+v", st)
	}
	same(t, got, r.fresh())
	// Even a comment counts: custom rules live in the file.
	r.cfgData = append(r.cfgData, "# comment\n"...)
	if _, st := r.cached(); st.Hits != 0 {
		t.Fatalf("after a comment: %+v", st)
	}
}

func TestVersionChangeInvalidatesEverything(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	r.cached()
	r.version = "test-2"
	got, st := r.cached()
	if st.Hits != 0 || !strings.Contains(st.Discarded, "test-1") {
		t.Fatalf("after a version change: %+v", st)
	}
	same(t, got, r.fresh())
	if _, st := r.cached(); st.Misses != 0 {
		t.Fatalf("third run: %+v", st)
	}
}

// The command-line selection changes the effective configuration of each
// file without changing the config file: each selection has its entries.
func TestSelectionIsPartOfTheKey(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	all, _ := r.cached()
	r.only = []string{"duplicate-heading"}
	got, st := r.cached()
	if st.Hits != 0 {
		t.Fatalf("--only after a full run: %+v, want only misses", st)
	}
	same(t, got, r.fresh())
	r.only = nil
	got, st = r.cached()
	if st.Misses != 0 {
		t.Fatalf("full run again: %+v, want only hits", st)
	}
	same(t, got, all)
}

func TestNowMattersOnlyForDateRules(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	r.only = []string{"duplicate-heading", "list-format", "uncited-claim"}
	r.cached()
	r.now = day2
	if _, st := r.cached(); st.Hits == 0 || st.Misses != 0 || st.Partial != 0 {
		t.Fatalf("undated rules after a change of --now: %+v, want only hits", st)
	}

	r.only = nil // review-date included
	r.now = day1
	first, _ := r.cached()
	r.now = day2
	want := r.fresh()
	if reflect.DeepEqual(first.Findings, want.Findings) {
		t.Fatal("the corpus's findings do not depend on --now: the test proves nothing")
	}
	got, st := r.cached()
	if st.Partial != want.Files || st.Hits != 0 || st.Misses != 0 {
		t.Fatalf("after a change of --now: %+v, want %d partial", st, want.Files)
	}
	same(t, got, want)
	got, st = r.cached()
	if st.Hits != want.Files {
		t.Fatalf("same --now again: %+v, want only hits", st)
	}
	same(t, got, want)
}

func TestCorruptCacheFileIsRebuilt(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	want := r.fresh()
	r.cached()
	path := filepath.Join(r.cache, FileName(r.dir))
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	// A file with a valid checksum whose first entry's findings are
	// garbage: decoding them fails, so the entry is a miss.
	h, entries, err := decodeFile(good)
	if err != nil {
		t.Fatal(err)
	}
	entries[0].findings = []byte{0xff, 0xff, 0xff}
	badEntry := encodeFile(h, entries)
	// A valid checksum over a body with a lying entry count.
	lying := []byte(magic)
	lying = binary.AppendUvarint(lying, formatVersion)
	lying = appendString(lying, r.version)
	lying = append(lying, h.config[:]...)
	lying = binary.AppendUvarint(lying, 1<<40)
	lying = binary.BigEndian.AppendUint32(lying, crc32.Checksum(lying, castagnoli()))
	for _, tc := range []struct {
		name     string
		data     []byte
		discards bool // the whole file is discarded
		misses   int
	}{
		{"garbage", []byte("this is not a cache file, just some text\n"), true, want.Files},
		{"empty", nil, true, want.Files},
		{"truncated", good[:len(good)*2/3], true, want.Files},
		{"wrong checksum", flipped, true, want.Files},
		{"lying entry count", lying, true, want.Files},
		{"garbage findings", badEntry, false, 1},
	} {
		if err := os.WriteFile(path, tc.data, 0o600); err != nil {
			t.Fatal(err)
		}
		got, st := r.cached()
		same(t, got, want)
		if st.Misses != tc.misses || (st.Discarded != "") != tc.discards {
			t.Errorf("%s: %+v, want %d misses, discarded %v", tc.name, st, tc.misses, tc.discards)
		}
		// The rebuilt file is whole again.
		if _, st := r.cached(); st.Hits != want.Files {
			t.Errorf("%s: after the rebuild %+v", tc.name, st)
		}
	}
}

// Separate Caches on one directory behave like separate processes: they
// never corrupt the file, and a run keeps the entries another saved
// meanwhile for files it did not lint.
func TestConcurrentRuns(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	want := r.fresh()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			c := r.open()
			rep := engine.Run(engine.Options{Paths: []string{r.dir}, Config: r.config(), Now: r.now, WorkDir: r.dir, Jobs: 2, Cache: c, Clock: r.clock})
			if !reflect.DeepEqual(rep, want) {
				t.Error("a concurrent run's report differs")
			}
			if err := c.Save(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, st := r.cached()
	same(t, got, want)
	if st.Discarded != "" || st.Hits != want.Files {
		t.Fatalf("after concurrent runs: %+v", st)
	}

	// Two runs open the cache, lint different directories and save one
	// after the other: the file keeps both.
	r2 := newRunner(t)
	a, b := r2.open(), r2.open()
	for _, x := range []struct {
		c   *Cache
		sub string
	}{{a, "list-format"}, {b, "review-date"}} {
		engine.Run(engine.Options{Paths: []string{filepath.Join(r2.dir, x.sub)}, Config: r2.config(), Now: r2.now, WorkDir: r2.dir, Cache: x.c})
		if err := x.c.Save(); err != nil {
			t.Fatal(err)
		}
	}
	c := r2.open()
	rep := engine.Run(engine.Options{Paths: []string{filepath.Join(r2.dir, "list-format"), filepath.Join(r2.dir, "review-date")}, Config: r2.config(), Now: r2.now, WorkDir: r2.dir, Cache: c})
	if st := c.Stats(); st.Misses != 0 || st.Hits != rep.Files {
		t.Fatalf("after two runs on two directories: %+v, want %d hits", st, rep.Files)
	}
}

func TestUnusedEntriesExpire(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	at := func(d time.Time) *Cache {
		c, err := Open(Options{Dir: r.cache, RunSet: r.dir, Version: r.version, Clock: func() time.Time { return d }})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	lint := func(c *Cache, sub string) Stats {
		engine.Run(engine.Options{Paths: []string{filepath.Join(r.dir, sub)}, Config: r.config(), Now: r.now, WorkDir: r.dir, Cache: c})
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		return c.Stats()
	}
	lint(at(day1), "list-format")
	lint(at(day1), "review-date")
	// 20 days later the list-format entries are used (and refreshed); 20
	// more days later the review-date entries, unused for 40 days, are gone.
	lint(at(day1.AddDate(0, 0, 20)), "list-format")
	lint(at(day1.AddDate(0, 0, 40)), "duplicate-heading")
	if st := lint(at(day1.AddDate(0, 0, 40)), "list-format"); st.Misses != 0 {
		t.Errorf("list-format, used 20 days ago: %+v", st)
	}
	if st := lint(at(day1.AddDate(0, 0, 40)), "review-date"); st.Hits != 0 {
		t.Errorf("review-date, unused for 40 days: %+v", st)
	}
}

func TestUnwritableDirectory(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(Options{Dir: filepath.Join(file, "sub"), Version: "x"}); err == nil {
		t.Fatal("Open under a regular file succeeded")
	}
}

func FuzzDecodeFile(f *testing.F) {
	fs := []result.Finding{{Line: 1, Column: 1, EndLine: 2, EndColumn: 3, Pos: 0, End: 9, Rule: "r", Check: "c", Message: "m", Severity: 2, Fixable: true,
		Fix: &lint.Fix{Message: "fix", Edits: []lint.Edit{{Pos: 1, End: 2, NewText: "x"}}}}}
	blob, _ := encodeFindings(fs)
	good := encodeFile(header{version: "v"}, []*entry{{path: "a.md", findings: blob, size: 10, now: "2026-11-25"}})
	f.Add(good)
	f.Add(good[:len(good)-5])
	f.Add([]byte(magic))
	f.Add(blob)
	f.Fuzz(func(t *testing.T, data []byte) {
		// As read, and with the checksum made valid, so that mutations
		// reach the decoder behind it; and the bytes as findings.
		fixed := bytes.Clone(data)
		if len(fixed) >= 4 {
			body := fixed[:len(fixed)-4]
			binary.BigEndian.PutUint32(fixed[len(fixed)-4:], crc32.Checksum(body, castagnoli()))
		}
		var blobs [][]byte
		for _, in := range [][]byte{data, fixed} {
			if _, entries, err := decodeFile(in); err == nil {
				for _, e := range entries {
					blobs = append(blobs, e.findings)
				}
			}
		}
		for _, b := range append(blobs, data) {
			out, err := decodeFindings(b, "a.md", 1<<20)
			if err != nil {
				continue
			}
			// What decodes re-encodes to the same findings (the bytes may
			// differ: varints have several encodings).
			again, ok := encodeFindings(out)
			if !ok {
				t.Fatalf("decoded findings cannot be encoded: %+v", out)
			}
			back, err := decodeFindings(again, "a.md", 1<<20)
			if err != nil || !reflect.DeepEqual(back, out) {
				t.Fatalf("findings do not round-trip: %v\n%+v\n%+v", err, back, out)
			}
		}
	})
}

// A reader never sees a partial cache file while another run saves it.
func TestSaveIsAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c, err := Open(Options{Dir: dir, RunSet: "atomic", Version: "v"})
	if err != nil {
		t.Fatal(err)
	}
	blob, _ := encodeFindings([]result.Finding{{Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Rule: "r", Message: strings.Repeat("m", 2000), Severity: 1}})
	for i := range 3000 { // about 6 MB
		e := &entry{path: fmt.Sprintf("f%d.md", i), findings: blob, used: c.today}
		c.entries[e.key()] = e
	}
	done := make(chan struct{})
	var reads, whole int
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			data, err := os.ReadFile(c.Path())
			if err != nil {
				continue // not written yet
			}
			reads++
			if _, _, err := decodeFile(data); err != nil {
				t.Errorf("read %d: %v", reads, err)
				return
			}
			whole++
		}
	})
	for range 30 {
		c.mu.Lock()
		c.dirty = true
		c.mu.Unlock()
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	if whole == 0 {
		t.Log("the reader never read the file: nothing checked")
	}
}
