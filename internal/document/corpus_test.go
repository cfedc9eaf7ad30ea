package document_test

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
)

const shared = "../../../shared"

// corpusFile is one Markdown file of the shared corpora.
type corpusFile struct {
	name string
	src  []byte
}

// sharedCorpus calls fn with every Markdown file of ../shared/corpus
// (health, labelled, seed, and the files of large/microsoft-docs.tar.gz)
// and of the markdownlint fixtures.
func sharedCorpus(t *testing.T, fn func(corpusFile)) int {
	t.Helper()
	n := 0
	for _, dir := range []string{"corpus/health", "corpus/labelled", "corpus/seed", "markdownlint-fixtures"} {
		root := filepath.Join(shared, dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isMarkdown(p) {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			fn(corpusFile{p, src})
			return nil
		})
		if err != nil {
			t.Fatalf("reading %s: %v", root, err)
		}
	}
	tarball := filepath.Join(shared, "corpus/large/microsoft-docs.tar.gz")
	f, err := os.Open(tarball)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", tarball, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", tarball, err)
		}
		if h.Typeflag != tar.TypeReg || !isMarkdown(h.Name) {
			continue
		}
		src, err := io.ReadAll(tr)
		if err != nil {
			t.Fatalf("%s: %s: %v", tarball, h.Name, err)
		}
		n++
		fn(corpusFile{tarball + ":" + h.Name, src})
	}
	return n
}

func isMarkdown(p string) bool {
	return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")
}

// TestCorpusUnderLimits checks that the default limits are generous: no
// file of the shared corpora (13,000 real articles and docs pages, and
// markdownlint's fixtures) comes near any of them.
func TestCorpusUnderLimits(t *testing.T) {
	t.Parallel()
	var most document.Usage
	var at [3]string
	n := sharedCorpus(t, func(f corpusFile) {
		doc, err := document.Parse(f.name, f.src)
		var le *document.LimitError
		if errors.As(err, &le) {
			t.Errorf("%s:%d: %v", f.name, le.Line, err)
			return
		}
		if err != nil {
			return // binary fixtures
		}
		u := doc.Usage
		cost := u.ParseCost / max(len(f.src), 1)
		for i, v := range []struct{ got, most *int }{
			{&u.Nesting, &most.Nesting}, {&u.TableCells, &most.TableCells}, {&cost, &most.ParseCost},
		} {
			if *v.got > *v.most {
				*v.most, at[i] = *v.got, f.name
			}
		}
	})
	if n < 13000 {
		t.Errorf("read %d files of the shared corpora, want the 13,000 of health, labelled, seed and large", n)
	}
	lim := document.DefaultLimits
	for i, v := range []struct {
		name        string
		most, limit int
	}{
		{"nesting", most.Nesting, lim.Nesting}, {"table cells", most.TableCells, lim.TableCells},
		{"parse cost (steps per byte)", most.ParseCost, lim.ParseCost},
	} {
		t.Logf("%s: at most %d (%s), limit %d", v.name, v.most, at[i], v.limit)
		if v.most > v.limit/4 {
			t.Errorf("%s: %s uses %d, more than a quarter of the limit %d: raise the default", v.name, at[i], v.most, v.limit)
		}
	}
}
