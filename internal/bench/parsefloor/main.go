// Command parsefloor is the floor medlint is measured against: it reads
// every Markdown file under the given paths and parses it with goldmark
// (GFM and footnotes, as medlint does) on a pool of workers, and nothing
// else. internal/bench/compare.sh times it beside medlint.
//
//	go run ./internal/bench/parsefloor -j 2 DIR...
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
)

func main() {
	jobs := flag.Int("j", runtime.GOMAXPROCS(0), "files parsed at once")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor [-j N] PATH...")
		os.Exit(2)
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
				root := md.Parser().Parse(text.NewReader(src))
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
	fmt.Printf("%d files, %d bytes, %d top-level blocks\n", files.Load(), size.Load(), nodes.Load())
}
