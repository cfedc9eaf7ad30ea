package fix

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/rules"
)

// seedFixInputs adds to f, through add, every Markdown file of the fix
// golden tests and of list-format's lint golden tests (the inputs whose
// real fixes the fuzz targets then vary), and the markdownlint fixtures
// when they are present beside the repository.
func seedFixInputs(f *testing.F, add func(src []byte)) {
	f.Helper()
	for _, dir := range []string{"../../testdata/fix", "../../testdata/rules/list-format", "../../../shared/markdownlint-fixtures/fixtures"} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".mdx") {
				return nil //nolint:nilerr // a missing directory only means fewer seeds
			}
			if b, err := os.ReadFile(p); err == nil && len(b) <= 8192 {
				add(b)
			}
			return nil
		})
	}
}

// realRuleSets are the real rules with fixes, in configurations that the
// fuzz targets pick from by the input's length: list-format with its
// defaults and with every option moved, and list-format with
// medical-disclaimer's fix-text set.
func realRuleSets(t testing.TB) [][]config.Active {
	t.Helper()
	lf, ok := lint.Lookup("list-format")
	if !ok {
		t.Fatal("list-format is not registered")
	}
	md, ok := lint.Lookup("medical-disclaimer")
	if !ok {
		t.Fatal("medical-disclaimer is not registered")
	}
	defaults := lf.NewOptions()
	moved := lf.NewOptions().(*rules.ListFormatOptions)
	moved.StyleChecks, moved.MarkerStyle, moved.OrderedStyle = "per-item", "sublist", "zero"
	moved.Indent, moved.StartIndented, moved.StartIndent = 4, true, 2
	moved.ULSingle, moved.OLSingle, moved.ULMulti, moved.OLMulti = 2, 3, 3, 2
	star := lf.NewOptions().(*rules.ListFormatOptions)
	star.StyleChecks, star.MarkerStyle, star.OrderedStyle = "per-list", "asterisk", "one"
	disclaimer := md.NewOptions().(*rules.MedicalDisclaimerOptions)
	disclaimer.FixText = "This is not a substitute for professional medical advice.\nTalk to your doctor."
	all := map[string]bool{"indent": true, "start-indent": true}
	return [][]config.Active{
		{{Rule: lf, Options: defaults}},
		{{Rule: lf, Options: moved, Explicit: all}},
		{{Rule: lf, Options: star, Explicit: all}},
		{{Rule: lf, Options: defaults}, {Rule: md, Options: disclaimer}},
	}
}

// realFixes lints src with the rules and returns the parsed document and
// the fixes of its fixable findings.
func realFixes(t *testing.T, src []byte, act []config.Active) (*document.Document, []*lint.Fix) {
	t.Helper()
	doc, err := document.Parse("fuzz.md", src)
	if err != nil {
		return nil, nil
	}
	fr := engine.LintDocument(doc, act, goldenNow)
	for _, e := range fr.Errors {
		t.Fatalf("rule error: %s", e.Message)
	}
	var fixes []*lint.Fix
	for _, f := range fr.Findings {
		if f.Fixable {
			fixes = append(fixes, f.Fix)
		}
	}
	return doc, fixes
}

// Exported for the fuzz target of package fix_test.
var (
	SeedFixInputs = seedFixInputs
	RealRuleSets  = realRuleSets
)

// goldenNow is the date the golden tests treat as today (ruletest.Now,
// which this package's internal tests cannot import: ruletest runs the
// fixer).
var goldenNow = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
