package article

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/testsupport"

	"github.com/medlint/medlint/internal/document"
)

// labelledDir is the hand-labelled corpus beside the repository.
var labelledDir = filepath.Join("..", "..", "..", "shared", "corpus", "labelled")

// minKindAccuracy is the share of the labelled corpus's pages whose kind
// the classifier must get right.
const minKindAccuracy = 0.95

// labelledKinds reads the "page type" column of SOURCES.md's file table:
// advice (also "advice (borderline: ...)"), product, non-advice.
func labelledKinds(t *testing.T) map[string]Kind {
	t.Helper()
	f, err := os.Open(filepath.Join(labelledDir, "SOURCES.md"))
	if err != nil {
		testsupport.Unavailable(t, "labelled corpus not found beside the repository: %v", err)
	}
	defer f.Close()
	out := map[string]Kind{}
	col := -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "|") {
			col = -1
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if col < 0 {
			for i, c := range cells {
				if c == "page type" {
					col = i
				}
			}
			continue
		}
		if col >= len(cells) || strings.HasPrefix(cells[0], "---") || !strings.HasSuffix(cells[0], ".md") {
			continue
		}
		switch typ := cells[col]; {
		case strings.HasPrefix(typ, "advice"):
			out[cells[0]] = KindAdvice
		case strings.HasPrefix(typ, "product"):
			out[cells[0]] = KindProduct
		case strings.HasPrefix(typ, "non-advice"):
			out[cells[0]] = KindOther
		default:
			t.Fatalf("SOURCES.md: %s has an unknown page type %q", cells[0], typ)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("SOURCES.md: no file table with a page type column")
	}
	return out
}

// TestKindAccuracyOnLabelledCorpus classifies every page of the labelled
// corpus and compares the kind with SOURCES.md's page type.
func TestKindAccuracyOnLabelledCorpus(t *testing.T) {
	t.Parallel()
	want := labelledKinds(t)
	right := 0
	for name, k := range want {
		src, err := os.ReadFile(filepath.Join(labelledDir, "cases", name))
		if err != nil {
			t.Fatalf("%s is in SOURCES.md but cannot be read: %v", name, err)
		}
		doc, err := document.Parse(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f := Of(doc)
		if f.Kind == k {
			right++
			continue
		}
		t.Logf("%s: classified %s (%s), labelled %s", name, f.Kind, f.Reason, k)
	}
	acc := float64(right) / float64(len(want))
	t.Logf("page kinds: %d of %d right (accuracy %.3f)", right, len(want), acc)
	if acc < minKindAccuracy {
		t.Errorf("page-kind accuracy %.3f is below %.2f", acc, minKindAccuracy)
	}
}
