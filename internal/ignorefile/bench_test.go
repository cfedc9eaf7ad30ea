package ignorefile

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkIgnored asks about the files of a tree of 20 folders, 5 deep
// in places, each with a .gitignore of 10 lines, as a walk does.
func BenchmarkIgnored(b *testing.B) {
	root := b.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		b.Fatal(err)
	}
	var paths []string
	for i := range 20 {
		dir := filepath.Join(root, fmt.Sprintf("d%d", i%4), fmt.Sprintf("e%d", i), "f", "g")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		ignore := "build/\n*.tmp.md\n!keep.tmp.md\n/anchored.md\ndocs/**/x.md\nnotes\n*.log\n*.bak\nout/\n#c\n"
		if err := os.WriteFile(filepath.Join(filepath.Dir(dir), ".gitignore"), []byte(ignore), 0o644); err != nil {
			b.Fatal(err)
		}
		for j := range 50 {
			paths = append(paths, filepath.Join(dir, fmt.Sprintf("article-%d.md", j)))
		}
	}
	b.ResetTimer()
	for b.Loop() {
		m := New()
		for _, p := range paths {
			m.Ignored(p, false)
		}
	}
	b.ReportMetric(float64(len(paths)), "paths/op")
}
