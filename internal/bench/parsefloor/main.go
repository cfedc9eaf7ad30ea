// Command parsefloor is the floor medlint is measured against: it reads
// every Markdown file under the given paths and parses it with goldmark
// (GFM and footnotes, as medlint does) on a pool of workers, and nothing
// else. internal/bench/compare.sh times it beside medlint.
//
// By default the garbage collector is paced as medlint paces it (the
// engine's Governor with medlint's memory budget, told about each file
// being parsed), so that the comparison measures medlint's work, not a
// difference in collector settings; -gc default leaves Go's own pacing
// (GOGC=100), the figure earlier comparisons used. As in medlint, GOGC
// or GOMEMLIMIT in the environment hands the pacing back to Go
// (engine.MemoryBudget), so under either setting the two run alike.
//
//	go run ./internal/bench/parsefloor -j 2 [-gc medlint|default] DIR...
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/medlint/medlint/internal/engine"
)

func main() {
	jobs := flag.Int("j", runtime.GOMAXPROCS(0), "files parsed at once")
	gc := flag.String("gc", "medlint", "how the garbage collector is paced: medlint (medlint's memory budget) or default (GOGC)")
	flag.Parse()
	if flag.NArg() == 0 || *gc != "medlint" && *gc != "default" {
		fmt.Fprintln(os.Stderr, "usage: parsefloor [-j N] [-gc medlint|default] PATH...")
		os.Exit(2)
	}
	var governor *engine.Governor // nil: Go's own pacing
	if budget := engine.MemoryBudget(os.Getenv); *gc == "medlint" && budget > 0 {
		governor = engine.StartGovernor(budget)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	paths := make(chan string)
	var files, size, nodes atomic.Int64
	var wg sync.WaitGroup
	for range max(*jobs, 1) {
		wg.Go(func() {
			for p := range paths {
				src, err := os.ReadFile(p)
				if err != nil {
					fmt.Fprintln(os.Stderr, "parsefloor:", err)
					continue
				}
				governor.Enter(len(src))
				root := md.Parser().Parse(text.NewReader(src))
				governor.Leave(len(src))
				files.Add(1)
				size.Add(int64(len(src)))
				nodes.Add(int64(root.ChildCount()))
			}
		})
	}
	for _, arg := range flag.Args() {
		err := filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")) {
				paths <- p
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "parsefloor:", err)
		}
	}
	close(paths)
	wg.Wait()
	pacing := "Go's own pacing (GOGC)"
	if governor != nil {
		pacing = fmt.Sprintf("medlint's pacing (%d MiB budget)", engine.DefaultMemoryBudget>>20)
	}
	fmt.Printf("%d files, %d bytes, %d top-level blocks; collector: %s\n", files.Load(), size.Load(), nodes.Load(), pacing)
}
