package cli

import (
	"strings"
	"testing"
)

// TestCacheKeysOnOptionFiles is issue 15's item 2: the cache ignored the
// content of the files options name, so that after the reviewers registry
// dropped a reviewer a cached run still passed. Every step's cached run
// must report what an uncached one does; the files whose rules read the
// registry are linted again when it changes, and only then.
func TestCacheKeysOnOptionFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, ".medlint.yml", "rules:\n  reviewer-credentials:\n    reviewers: data/reviewers.yml\n")
	writeFile(t, dir, "flu.md", "# Flu\n\nMedically reviewed by Dr. Jane Frank, MD on July 11, 2026\n")
	writeFile(t, dir, "cold.md", "# Cold\n\nMedically reviewed by Sam Lee, RD on July 11, 2026\n")
	environ := map[string]string{"MEDLINT_CACHE_DIR": t.TempDir()}
	steps := []struct {
		name, registry string
		code           int
		stats          [4]string // hits, partial, misses, stored
	}{
		{"both approved", "- name: Jane Frank\n- name: Sam Lee\n", ExitClean, [4]string{"0", "0", "2", "2"}},
		{"unchanged", "- name: Jane Frank\n- name: Sam Lee\n", ExitClean, [4]string{"2", "0", "0", "0"}},
		{"Jane Frank dropped", "- name: Sam Lee\n", ExitFindings, [4]string{"0", "0", "2", "2"}},
		{"every reviewer dropped", "[]\n", ExitFindings, [4]string{"0", "0", "2", "2"}},
		{"back as at first", "- name: Jane Frank\n- name: Sam Lee\n", ExitClean, [4]string{"2", "0", "0", "0"}},
	}
	for _, st := range steps {
		writeFile(t, dir, "data/reviewers.yml", st.registry)
		args := []string{"check", "--now", "2026-11-25", "--format", "json", "--only", "reviewer-credentials", "--fail-on", "warning", dir}
		fresh := medlintEnv(t, dir, environ, append(args, "--no-cache")...)
		cached := medlintEnv(t, dir, environ, append(args, "--cache-stats")...)
		if fresh.code != st.code {
			t.Fatalf("%s: uncached exit %d, want %d\n%s%s", st.name, fresh.code, st.code, fresh.stdout, fresh.stderr)
		}
		if cached.code != fresh.code || cached.stdout != fresh.stdout {
			t.Fatalf("%s: the cached run (exit %d) differs from an uncached one (exit %d):\n%s\n---\n%s", st.name, cached.code, fresh.code, cached.stdout, fresh.stdout)
		}
		if got := cacheStats(t, cached); got != st.stats {
			t.Errorf("%s: cache %v (hits, partial, misses, stored), want %v", st.name, got, st.stats)
		}
		if st.code == ExitFindings && !strings.Contains(fresh.stdout, "not-in-registry") {
			t.Errorf("%s: no not-in-registry finding:\n%s", st.name, fresh.stdout)
		}
	}
}
