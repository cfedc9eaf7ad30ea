package rules_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/ruletest"
)

// lintCompliance runs one rule over src with opts (nil: the defaults) and the
// given explicitly configured option names, on a page whose kind is
// advice: these tests are about the rules' logic, the page-kind classifier
// has tests of its own.
func lintCompliance(t *testing.T, id, src string, opts any, explicit ...string) []result.Finding {
	t.Helper()
	r, ok := lint.Lookup(id)
	if !ok {
		t.Fatalf("rule %s not registered", id)
	}
	if opts == nil {
		opts = r.NewOptions()
	}
	a := config.Active{Rule: r, Options: opts, Explicit: map[string]bool{}}
	for _, e := range explicit {
		a.Explicit[e] = true
	}
	fr := engine.LintWith("test.md", []byte(src), []config.Active{a}, ruletest.Now, article.Input{PathKind: article.KindAdvice, PathRule: "test"})
	for _, e := range fr.Errors {
		t.Fatalf("lint error: %s", e.Message)
	}
	return fr.Findings
}

// findingChecks returns "check@line" for every finding.
func findingChecks(fs []result.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Check+"@"+strconv.Itoa(f.Line))
	}
	return strings.Join(out, " ")
}

// checkRuleDiagnostics runs rule id directly (no engine clamping), with its
// default options prepared once (fuzzCheck), and fails when a diagnostic's
// range is outside the source or a fix edit is.
func checkRuleDiagnostics(t *testing.T, id string, src []byte, now time.Time) {
	t.Helper()
	doc, err := document.Parse("fuzz.md", src)
	if err != nil {
		return
	}
	r, _ := lint.Lookup(id)
	pass := lint.NewPass(doc, now, func(d lint.Diagnostic) {
		if d.Pos < 0 || d.Pos > d.End || d.End > len(doc.Source) {
			t.Errorf("%s: diagnostic range [%d,%d) outside source of %d bytes: %s", id, d.Pos, d.End, len(doc.Source), d.Message)
		}
		if d.Message == "" {
			t.Errorf("%s: empty message", id)
		}
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				if e.Pos < 0 || e.Pos > e.End || e.End > len(doc.Source) {
					t.Errorf("%s: fix edit [%d,%d) outside source", id, e.Pos, e.End)
				}
			}
		}
	})
	if err := fuzzCheck(t, r)(pass); err != nil {
		t.Fatal(err)
	}
}

// fuzzCheck returns rule r prepared with its default options, once per
// rule for the test binary, as the configuration prepares it once per run.
func fuzzCheck(t testing.TB, r lint.Rule) lint.Check {
	t.Helper()
	id := r.Meta().ID
	fuzzChecksMu.Lock()
	defer fuzzChecksMu.Unlock()
	c, ok := fuzzChecks[id]
	if !ok {
		c = prepared(t, r, nil)
		fuzzChecks[id] = c
	}
	return c
}

var (
	fuzzChecksMu sync.Mutex
	fuzzChecks   = map[string]lint.Check{}
)

// prepared returns r's check with opts (nil: the defaults), failing t
// when the options do not prepare.
func prepared(t testing.TB, r lint.Rule, opts any) lint.Check {
	t.Helper()
	check, err := r.Prepare(opts, lint.Env{})
	if err != nil {
		t.Fatalf("%s: %v", r.Meta().ID, err)
	}
	return check
}

// seedRuleCorpus adds the golden articles of a rule, cut into small
// seeds (ruleSeeds), to a fuzz corpus.
func seedRuleCorpus(f *testing.F, id string) {
	f.Helper()
	for _, s := range ruleSeeds(f, id) {
		f.Add(s)
	}
}

// optionFiles are options that read a file when the configuration loads.
type optionFiles interface {
	lint.BaseDirSetter
	lint.FileReader
}

// prepareWithFile reads data as the file option names relative to dir, as
// the configuration loader would (ReadFiles must ask for dir/name), and
// returns r prepared with opts; ok is false when ReadFiles refused the
// file, whose error must then name it after what ("reviewers PATH").
func prepareWithFile(t *testing.T, r lint.Rule, opts optionFiles, dir, name, what string, data []byte) (check lint.Check, ok bool) {
	t.Helper()
	path := filepath.Join(dir, name)
	opts.SetBaseDir(dir)
	err := opts.ReadFiles(func(p string) ([]byte, error) {
		if p != path {
			t.Errorf("ReadFiles read %s, want %s", p, path)
		}
		return data, nil
	})
	if err != nil {
		if !strings.Contains(err.Error(), what+" "+path) {
			t.Errorf("the error %q does not name the file %s", err, path)
		}
		return nil, false
	}
	check, err = r.Prepare(opts, lint.Env{})
	if err != nil {
		t.Fatalf("Prepare after a file that loaded: %v", err)
	}
	return check, true
}
