package lint_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOnlyTheProgramLinksTheRules holds the package map's promise: the
// packages that speak of rules (configuration, engine, fixer, cache,
// findings, reports) reach them through this package and never link
// package rules, whose start-up and size only the program pays.
func TestOnlyTheProgramLinksTheRules(t *testing.T) {
	t.Parallel()
	const rules = "github.com/medlint/medlint/rules"
	for _, pkg := range []string{"lint", "config", "custom", "engine", "fix", "cache", "result", "report", "ruledoc", "lsp"} {
		out, err := exec.Command("go", "list", "-deps", "github.com/medlint/medlint/internal/"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps internal/%s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == rules {
				t.Errorf("internal/%s links package rules", pkg)
			}
		}
	}
}
