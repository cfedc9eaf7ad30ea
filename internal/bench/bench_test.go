package bench

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/testsupport"
)

// Run with, for instance:
//
//	go test ./internal/bench -run '^$' -bench . -benchmem
//	go test ./internal/bench -run '^$' -bench 'Large' -benchtime 1x
//	go test ./internal/bench -run '^$' -bench 'Size' -benchtime 3x
//
// The Large benchmarks unpack ../shared/corpus/large/*.tar.gz (beside the
// repository) into a temporary directory; without it they are
// unavailable (skipped, or failed under CI=true).

var now = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

type corpusFile struct {
	path string
	src  []byte
}

type corpus struct {
	dir   string
	files []corpusFile
	size  int64
}

func readCorpus(tb testing.TB, dir string) *corpus {
	tb.Helper()
	c := &corpus{dir: dir}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		c.files = append(c.files, corpusFile{path: p, src: src})
		c.size += int64(len(src))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

var (
	largeOnce sync.Once
	largeDir  string
	largeErr  error
)

// large unpacks the large corpus once per test binary; TestMain removes it.
func large(b *testing.B) *corpus {
	b.Helper()
	tarball := testsupport.Shared(b, "corpus", "large", "microsoft-docs.tar.gz")
	largeOnce.Do(func() {
		largeDir, largeErr = os.MkdirTemp("", "medlint-bench-large-")
		if largeErr != nil {
			return
		}
		out, err := exec.Command("tar", "-xzf", tarball, "-C", largeDir).CombinedOutput()
		if err != nil {
			largeErr = fmt.Errorf("unpacking %s: %w: %s", tarball, err, out)
		}
	})
	if largeErr != nil {
		b.Fatal(largeErr)
	}
	return readCorpus(b, largeDir)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if largeDir != "" {
		os.RemoveAll(largeDir)
	}
	os.Exit(code)
}

func generated(b *testing.B) *corpus { return readCorpus(b, "testdata/corpus") }

// report adds throughput metrics over size bytes and files files per op.
func report(b *testing.B, size int64, files int) {
	sec := b.Elapsed().Seconds() / float64(b.N)
	if sec > 0 {
		b.ReportMetric(float64(size)/1e6/sec, "MB/s")
		b.ReportMetric(float64(files)/sec, "files/s")
	}
}

func defaultActive(b *testing.B, only ...string) []config.Active {
	cfg := config.Default(".")
	if err := cfg.Select(only, nil, nil); err != nil {
		b.Fatal(err)
	}
	active, err := cfg.Resolve("article.md")
	if err != nil {
		b.Fatal(err)
	}
	return active
}

func benchParse(b *testing.B, c *corpus) {
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range c.files {
			if _, err := document.Parse(f.path, f.src); err != nil && !errors.Is(err, document.ErrBinary) {
				b.Fatal(err)
			}
		}
	}
	report(b, c.size, len(c.files))
}

// benchRule runs one rule over documents parsed beforehand.
func benchRule(b *testing.B, c *corpus, id string) {
	active := defaultActive(b, id)
	var docs []*document.Document
	for _, f := range c.files {
		if doc, err := document.Parse(f.path, f.src); err == nil {
			docs = append(docs, doc)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, doc := range docs {
			engine.LintDocument(doc, active, now)
		}
	}
	report(b, c.size, len(c.files))
}

// benchLint parses and lints every file with every default rule, on one
// goroutine.
func benchLint(b *testing.B, c *corpus) {
	active := defaultActive(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range c.files {
			engine.Lint(f.path, f.src, active, now)
		}
	}
	report(b, c.size, len(c.files))
}

// benchRun is the whole engine as medlint check runs it: discovery,
// reading, the worker pool, sorting.
func benchRun(b *testing.B, c *corpus) {
	cfg := config.Default(c.dir)
	b.ReportAllocs()
	for b.Loop() {
		rep := engine.Run(engine.Options{Paths: []string{c.dir}, Config: cfg, Now: now, WorkDir: c.dir})
		if len(rep.Errors) > 0 && len(rep.Errors) == rep.Files {
			b.Fatalf("every file failed: %v", rep.Errors[0])
		}
	}
	report(b, c.size, len(c.files))
}

func BenchmarkParse(b *testing.B)      { benchParse(b, generated(b)) }
func BenchmarkParseLarge(b *testing.B) { benchParse(b, large(b)) }

func BenchmarkRule(b *testing.B) {
	c := generated(b)
	for _, r := range lint.Builtin() {
		b.Run(r.Meta().ID, func(b *testing.B) { benchRule(b, c, r.Meta().ID) })
	}
}

func BenchmarkRuleLarge(b *testing.B) {
	c := large(b)
	for _, r := range lint.Builtin() {
		b.Run(r.Meta().ID, func(b *testing.B) { benchRule(b, c, r.Meta().ID) })
	}
}

func BenchmarkLint(b *testing.B)      { benchLint(b, generated(b)) }
func BenchmarkLintLarge(b *testing.B) { benchLint(b, large(b)) }
func BenchmarkRun(b *testing.B)       { benchRun(b, generated(b)) }
func BenchmarkRunLarge(b *testing.B)  { benchRun(b, large(b)) }

// BenchmarkSize lints one generated article of 1, 2, 5 and 10 MB with
// every default rule: the time per MB must stay flat (linear cost).
func BenchmarkSize(b *testing.B) {
	active := defaultActive(b)
	for _, mb := range []int{1, 2, 5, 10} {
		src := Article(42, mb<<20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				engine.Lint("big.md", src, active, now)
			}
			report(b, int64(len(src)), 1)
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/float64(len(src))*(1<<20)*1e3, "ms/MB")
		})
	}
}

// TestCorpusUpToDate checks that testdata/corpus is what the generator
// makes, so that the committed corpus and Article never drift apart (run
// go generate ./internal/bench after changing the generator).
func TestCorpusUpToDate(t *testing.T) {
	t.Parallel()
	for _, f := range CorpusFiles() {
		got, err := os.ReadFile(filepath.Join("testdata/corpus", f.Name))
		if err != nil {
			t.Fatalf("%v (run go generate ./internal/bench)", err)
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("testdata/corpus/%s differs from the generator's output: run go generate ./internal/bench", f.Name)
		}
	}
}

// TestArticle checks the generator: deterministic, at least the size asked
// for, and carrying the constructs the benchmarks are meant to exercise.
func TestArticle(t *testing.T) {
	t.Parallel()
	a, b := Article(7, 64<<10), Article(7, 64<<10)
	if !bytes.Equal(a, b) {
		t.Fatal("Article is not deterministic")
	}
	if len(a) < 64<<10 {
		t.Fatalf("Article(7, 64 KB) is %d bytes", len(a))
	}
	doc, err := document.Parse("a.md", a)
	if err != nil {
		t.Fatal(err)
	}
	if doc.FrontMatter == nil || len(doc.Headings) < 10 || len(doc.Lists) < 5 || len(doc.Comments) == 0 || len(doc.Directives) == 0 || len(doc.Footnotes) == 0 {
		t.Errorf("article lacks constructs: front matter %v, %d headings, %d lists, %d comments, %d directives, %d footnotes",
			doc.FrontMatter != nil, len(doc.Headings), len(doc.Lists), len(doc.Comments), len(doc.Directives), len(doc.Footnotes))
	}
	kinds := map[document.LineKind]bool{}
	for _, k := range doc.LineKinds {
		kinds[k] = true
	}
	for _, k := range []document.LineKind{document.LineProse, document.LineCode, document.LineHTML, document.LineFrontMatter, document.LineTable, document.LineThematicBreak} {
		if !kinds[k] {
			t.Errorf("article has no line of kind %d", k)
		}
	}
	fr := engine.Lint("a.md", a, defaultActiveT(t), now)
	seen := map[string]bool{}
	for _, f := range fr.Findings {
		seen[f.Rule] = true
	}
	for _, id := range []string{"uncited-claim", "list-format", "duplicate-heading"} {
		if !seen[id] {
			t.Errorf("article triggers no %s finding", id)
		}
	}
}

func defaultActiveT(t *testing.T) []config.Active {
	active, err := config.Default(".").Resolve("article.md")
	if err != nil {
		t.Fatal(err)
	}
	return active
}
