package ruletest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/testsupport"
)

// TestRequireRule checks that a folder of fix golden tests named after no
// rule fails instead of being skipped: a misspelt or removed rule's
// golden tests would otherwise pass having run nothing.
func TestRequireRule(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	custom := filepath.Join(root, "house-words")
	if err := os.Mkdir(custom, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := "custom-rules:\n  - {id: house-words, type: substitute, swap: {utilize: use}}\n"
	if err := os.WriteFile(filepath.Join(custom, ".medlint.yml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id     string
		failed bool
	}{
		{"list-format", false},   // built in
		{"house-words", false},   // custom, defined by the folder's config
		{"list-formatt", true},   // misspelt
		{"no-such-rule", true},   // removed or never written
		{"duplicate-head", true}, // a prefix of a real rule is no rule
	}
	for _, tt := range tests {
		got := testsupport.Record(t, func(tb testing.TB) { requireRule(tb, filepath.Join(root, tt.id), tt.id) })
		if got.Failed != tt.failed || got.Skipped {
			t.Errorf("%s: failed %v, skipped %v; want failed %v and no skip (%s)", tt.id, got.Failed, got.Skipped, tt.failed, got.Log)
		}
		if tt.failed && !strings.Contains(got.Log, `no rule "`+tt.id+`"`) {
			t.Errorf("%s: message %q does not name the rule", tt.id, got.Log)
		}
	}
}

// TestFixOnceFailsOnUnreadable checks that the harness fails a golden
// the engine cannot hand to the fixer instead of comparing nothing: a
// binary file stops the run.
func TestFixOnceFailsOnUnreadable(t *testing.T) {
	t.Parallel()
	got := testsupport.Record(t, func(tb testing.TB) {
		fixOnce(tb, "list-format", "", "bin.md", []byte("a\x00b"))
	})
	if !got.Failed {
		t.Errorf("a file the engine cannot read passed: %s", got.Log)
	}
}
