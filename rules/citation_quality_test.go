package rules_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruletest"
	"github.com/medlint/medlint/rules"
)

const rwHeader = "Record ID,Title,Subject,Institution,Journal,Publisher,Country,Author,URLS,ArticleType,RetractionDate,RetractionDOI,RetractionPubMedID,OriginalPaperDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,Paywalled,Notes\n"

// rwRow returns a data row of the Retraction Watch CSV.
func rwRow(id, date, doi, pmid, nature string) string {
	return id + ",T,S,I,J,P,C,A,,Research Article;," + date + ",10.5555/notice." + id + ",0,1/1/2000 0:00," + doi + "," + pmid + "," + nature + ",+Reason;,No,\n"
}

// citationRepo makes a repository holding a retraction list and returns
// its directory.
func citationRepo(t *testing.T, list string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rw.csv"), []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func lintWithRetractions(t *testing.T, dir, src string) (string, error) {
	t.Helper()
	c, err := config.Parse(filepath.Join(dir, ".medlint.yml"), dir, []byte("rules:\n  citation-quality:\n    retractions: rw.csv\n"))
	if err != nil {
		return "", err
	}
	if err := c.Select([]string{"citation-quality"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	active, err := c.Resolve("a.md")
	if err != nil {
		return "", err
	}
	fr := engine.Lint("a.md", []byte(src), active, ruletest.Now)
	if len(fr.Errors) > 0 {
		t.Fatalf("lint errors: %v", fr.Errors)
	}
	return findingChecks(fr.Findings), nil
}

// TestCitationQualityRetractions checks what the list read with the
// configuration reports, and that a list that cannot be used is a
// configuration error naming the file and line.
func TestCitationQualityRetractions(t *testing.T) {
	t.Parallel()
	src := "# T\n\nA (doi:10.5555/A.1). B (doi:10.5555/b.2). C [c](https://doi.org/10.5555/c.3). D PMID: 42.\n"
	for _, tc := range []struct{ name, list, want, err string }{
		{"retraction", rwHeader + rwRow("1", "2/3/2020 0:00", "10.5555/a.1", "0", "Retraction"), "retracted@3", ""},
		{"concern and correction", rwHeader + rwRow("1", "2/3/2020 0:00", "10.5555/a.1", "0", "Expression of concern") +
			rwRow("2", "2/3/2020 0:00", "10.5555/b.2", "0", "Correction"), "expression-of-concern@3", ""},
		{"by PMID, header with a trailing comma", strings.Replace(rwHeader, "Notes\n", "Notes,\n", 1) + rwRow("1", "", "unavailable", "42", "Retraction"), "retracted@3", ""},
		{"reinstated", rwHeader + rwRow("1", "2/3/2020 0:00", "10.5555/c.3", "0", "Retraction") + rwRow("2", "2/3/2021 0:00", "10.5555/c.3", "0", "Reinstatement"), "", ""},
		{"retracted again after a reinstatement", rwHeader + rwRow("1", "2/3/2020 0:00", "10.5555/c.3", "0", "Reinstatement") + rwRow("2", "2/3/2021 0:00", "https://doi.org/10.5555/C.3", "0", "Retraction"), "retracted@3", ""},
		{"only the columns read", "OriginalPaperDOI,RetractionNature\n10.5555/b.2,Retraction\n", "retracted@3", ""},
		{"header only", rwHeader, "", ""},
		{"unknown nature ignored", rwHeader + rwRow("1", "", "10.5555/a.1", "0", "Retraction and Republication"), "", ""},
		{"BOM", "\xef\xbb\xbf" + rwHeader + rwRow("1", "", "10.5555/a.1", "0", "Retraction"), "retracted@3", ""},
		{"empty", "", "", "rw.csv: the file is empty"},
		{"no nature column", "OriginalPaperDOI,Reason\n10.5555/a.1,x\n", "", "rw.csv:1: the header has no RetractionNature"},
		{"bad quote", rwHeader + rwRow("1", "", "10.5555/a.1", "0", "Retraction") + "2,\"unclosed,x\n", "", "rw.csv:3: not valid CSV"},
		{"stray quote", rwHeader + "3,a \"b\" c,S\n", "", "rw.csv:2: not valid CSV"},
	} {
		dir := citationRepo(t, tc.list)
		got, err := lintWithRetractions(t, dir, src)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.err == "" && got != tc.want:
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCitationQualityRetractionsPath(t *testing.T) {
	t.Parallel()
	dir := citationRepo(t, rwHeader)
	for _, tc := range []struct{ path, want string }{
		{"missing.csv", "cannot read the retraction list"},
		{"../outside.csv", "outside the repository"},
	} {
		_, err := config.Parse(filepath.Join(dir, ".medlint.yml"), dir, []byte("rules:\n  citation-quality:\n    retractions: "+tc.path+"\n"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.path, err, tc.want)
		}
	}
}

// TestCitationQualityByHand: options built without the loader never read
// the list, which is an error rather than a silent pass.
func TestCitationQualityByHand(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("citation-quality")
	opts := r.NewOptions().(*rules.CitationQualityOptions)
	opts.Retractions = "rw.csv"
	if got := findingChecks(lintCompliance(t, "citation-quality", "# T\n\ndoi:10.5555/a.1\n", opts)); got != "retractions@1" {
		t.Errorf("options built by hand: %q, want the retractions error", got)
	}
}

func TestCitationQualityMetaExamples(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("citation-quality")
	m := r.Meta()
	if got := findingChecks(lintCompliance(t, "citation-quality", m.Bad, nil)); got != "malformed-doi@1 malformed-doi@3 malformed-pmid@3" {
		t.Errorf("Bad example: %q", got)
	}
	if got := lintCompliance(t, "citation-quality", m.Good, nil); len(got) != 0 {
		t.Errorf("Good example flagged: %s", findingChecks(got))
	}
	for _, o := range lint.Options(r) {
		if o.Doc == "" {
			t.Errorf("option %s has no doc", o.Name)
		}
	}
}

func FuzzCitationQuality(f *testing.F) {
	fuzzRule(f, "citation-quality", "doi:", "doi: 10.", "[x](https://doi.org/%zz)", "PMID: 0", "(doi:10.1/x))", "doi 1", "DOI：10.1000/x",
		"[a](<https://pubmed.ncbi.nlm.nih.gov/>)", "doi:10.1002/<x>", "10.1000/“x”")
}

// FuzzRetractionList fuzzes the retraction list reader with the rule:
// whatever the list's bytes, ReadFiles returns the list or an error naming
// it, never panics, and the rule run with a list that loaded reports
// in-range diagnostics of its documented checks, the same on every run.
func FuzzRetractionList(f *testing.F) {
	dir := f.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		f.Fatal(err)
	}
	fixture, err := os.ReadFile(filepath.Join("..", "testdata", "rules", "citation-quality", "retraction_watch.csv"))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []struct{ list, cited string }{
		{string(fixture), "doi:10.5555/retracted.2019.001"},
		{rwHeader + rwRow("1", "2/3/2020 0:00", "10.5555/a.1", "7", "Retraction"), "PMID: 7"},
		{"OriginalPaperPubMedID,RetractionNature\n0007,Expression of concern\n", "PMID: 7"},
		{"OriginalPaperDOI,RetractionNature\n\"10.1/\"\"x\",Reinstatement\n", "doi:10.1/x"},
		{"a,b\n", "x"},
		{"RetractionNature,OriginalPaperDOI\nRetraction\n", "doi:10.1/x"},
		{"\"", ""},
	} {
		f.Add([]byte(s.list), s.cited)
	}
	r, ok := lint.Lookup("citation-quality")
	if !ok {
		f.Fatal("citation-quality is not registered")
	}
	var checks []string
	for _, c := range r.Meta().Checks {
		checks = append(checks, c.Name)
	}
	f.Fuzz(func(t *testing.T, list []byte, cited string) {
		opts := r.NewOptions().(*rules.CitationQualityOptions)
		opts.Retractions = "rw.csv"
		check, ok := prepareWithFile(t, r, opts, dir, "rw.csv", "retractions", list)
		if !ok {
			return
		}
		doc, err := document.Parse("fuzz.md", []byte("# T\n\nA claim ("+cited+").\n\n1. Ref. "+cited+"\n"))
		if err != nil {
			return
		}
		run := func() []lint.Diagnostic {
			var out []lint.Diagnostic
			if err := check(lint.NewPass(doc, ruletest.Now, func(d lint.Diagnostic) { out = append(out, d) })); err != nil {
				t.Fatal(err)
			}
			return out
		}
		first := run()
		for _, d := range first {
			if d.Pos < 0 || d.Pos > d.End || d.End > len(doc.Source) || d.Message == "" {
				t.Errorf("diagnostic [%d,%d) of %d bytes, message %q", d.Pos, d.End, len(doc.Source), d.Message)
			}
			if !slices.Contains(checks, d.Check) || d.Check == "retractions" {
				t.Errorf("check %q with a loaded list (documented: %v)", d.Check, checks)
			}
		}
		if again := run(); !reflect.DeepEqual(again, first) {
			t.Errorf("a second run differs:\n%+v\n%+v", again, first)
		}
	})
}
