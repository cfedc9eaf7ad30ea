package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/rules"
)

// TestReadingLevelExamples checks that `medlint explain reading-level`
// shows a Bad example the rule flags and a Good one it passes.
func TestReadingLevelExamples(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("reading-level")
	m := r.Meta()
	if fs := lintCompliance(t, "reading-level", m.Bad, nil); len(fs) != 1 || fs[0].Check != "article" {
		t.Errorf("Bad example: %d findings, want one article finding: %v", len(fs), fs)
	}
	if fs := lintCompliance(t, "reading-level", m.Good, nil); len(fs) != 0 {
		t.Errorf("Good example flagged: %s", fs[0].Message)
	}
}

// TestReadingLevelOptions checks that options are validated when the
// configuration loads.
func TestReadingLevelOptions(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("reading-level")
	for _, tt := range []struct {
		opts rules.ReadingLevelOptions
		want string
	}{
		{rules.ReadingLevelOptions{MaxGrade: 0, Formula: "smog", MinWords: 100}, "max-grade must be"},
		{rules.ReadingLevelOptions{MaxGrade: 8, Formula: "fog", MinWords: 100}, "formula must be"},
		{rules.ReadingLevelOptions{MaxGrade: 8, Formula: "smog", MinWords: 0}, "min-words must be"},
		{rules.ReadingLevelOptions{MaxGrade: 8, Formula: "smog", MinWords: 100, MaxGradeByKind: map[string]float64{"blog": 9}}, `unknown page kind "blog"`},
		{rules.ReadingLevelOptions{MaxGrade: 8, Formula: "smog", MinWords: 100, MaxGradeByKind: map[string]float64{"product": -1}}, "max-grade-by-kind.product must be"},
	} {
		opts := tt.opts
		if _, err := r.Prepare(&opts, lint.Env{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", tt.opts, err, tt.want)
		}
	}
}

// TestReadingLevelPerKind checks max-grade-by-kind: the target of the
// page's kind replaces max-grade, other kinds' targets do not.
func TestReadingLevelPerKind(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("reading-level")
	m := r.Meta()
	for _, tt := range []struct {
		byKind map[string]float64
		want   string
	}{
		{nil, "above the target of 8:"},
		{map[string]float64{"product": 12.5}, "above the target of 8:"},
		{map[string]float64{"advice": 12.5}, "above the target of 12.5:"},
	} {
		opts := r.NewOptions().(*rules.ReadingLevelOptions)
		opts.MaxGradeByKind = tt.byKind
		fs := lintCompliance(t, "reading-level", m.Bad, opts)
		if len(fs) != 1 || !strings.Contains(fs[0].Message, tt.want) {
			t.Errorf("max-grade-by-kind %v: %v, want one finding with %q", tt.byKind, fs, tt.want)
		}
	}
}

func FuzzReadingLevel(f *testing.F) {
	fuzzRule(f, "reading-level",
		"# T\n\n"+strings.Repeat("Pathophysiological considerations necessitate individualised evaluation. ", 12),
		"## S\n\n"+strings.Repeat("- Immunomodulatory [3] https://x.y/z e.g. 2,000 NHS\n", 30))
}

// readingLevelCorpus returns the seed article, or the files of
// ../shared/corpus/health.
func readingLevelCorpus(b *testing.B, health bool) [][]byte {
	b.Helper()
	if !health {
		src, err := os.ReadFile(testsupport.Shared(b, "corpus", "seed", "gut-skin-connection.md"))
		if err != nil {
			b.Fatal(err)
		}
		return [][]byte{src}
	}
	var out [][]byte
	root := testsupport.Shared(b, "corpus", "health")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, src)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkReadingLevel times what the rule adds to a parse: each file
// is parsed afresh and its page facts computed (parse-only, the floor:
// the engine does both for every file), so that the sentence splitting
// the rule asks for is paid, then checked with the rule's defaults.
func BenchmarkReadingLevel(b *testing.B) {
	r, _ := lint.Lookup("reading-level")
	for _, c := range []struct {
		name   string
		health bool
	}{{"seed", false}, {"health", true}} {
		files := readingLevelCorpus(b, c.health)
		size := 0
		for _, f := range files {
			size += len(f)
		}
		for _, mode := range []string{"parse-only", "parse+rule"} {
			b.Run(c.name+"/"+mode, func(b *testing.B) {
				check := prepared(b, r, nil)
				b.SetBytes(int64(size))
				b.ReportAllocs()
				for b.Loop() {
					for _, src := range files {
						doc, err := document.Parse("a.md", src)
						if err != nil {
							continue
						}
						// The engine computes the page's facts once for
						// every rule: the floor includes them.
						pass := lint.NewPass(doc, ruletest.Now, func(lint.Diagnostic) {})
						pass.Facts()
						if mode == "parse-only" {
							continue
						}
						if err := check(pass); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}

// BenchmarkReadingLevelShare times medlint's whole lint of
// ../shared/corpus/health (parse, page facts, every default rule) with
// and without reading-level: what the rule costs a real run.
func BenchmarkReadingLevelShare(b *testing.B) {
	files := readingLevelCorpus(b, true)
	size := 0
	for _, f := range files {
		size += len(f)
	}
	for _, tt := range []struct {
		name    string
		disable []string
	}{{"all-rules", nil}, {"without-reading-level", []string{"reading-level"}}} {
		b.Run(tt.name, func(b *testing.B) {
			cfg := config.Default(".")
			if err := cfg.Select(nil, nil, tt.disable); err != nil {
				b.Fatal(err)
			}
			active, err := cfg.Resolve("article.md")
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, src := range files {
					engine.Lint("article.md", src, active, ruletest.Now)
				}
			}
		})
	}
}
