// Command gencorpus writes the benchmark corpus of package bench: a fixed
// set of generated articles (sizes 2 KB to 32 KB, fixed seeds).
//
//	go run ./internal/bench/gencorpus -o internal/bench/testdata/corpus
//
// With -article MB it writes one generated article of at least MB
// megabytes (seed 42, as BenchmarkSize) to the file -o names instead:
//
//	go run ./internal/bench/gencorpus -article 10 -o /tmp/a10mb.md
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/medlint/medlint/internal/bench"
)

func main() {
	out := flag.String("o", "testdata/corpus", "output `DIR`, or FILE with -article")
	article := flag.Int("article", 0, "write one article of this many `MB` to the -o file")
	flag.Parse()
	if err := run(*out, *article); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(out string, article int) error {
	if article > 0 {
		return os.WriteFile(out, bench.Article(42, article<<20), 0o644)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, f := range bench.CorpusFiles() {
		if err := os.WriteFile(filepath.Join(out, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
