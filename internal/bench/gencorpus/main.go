// Command gencorpus writes the benchmark corpus of package bench: a fixed
// set of generated articles (sizes 2 KB to 32 KB, fixed seeds).
//
//	go run ./internal/bench/gencorpus -o internal/bench/testdata/corpus
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/medlint/medlint/internal/bench"
)

func main() {
	out := flag.String("o", "testdata/corpus", "output `DIR`")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	for _, f := range bench.CorpusFiles() {
		if err := os.WriteFile(filepath.Join(*out, f.Name), f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
}
