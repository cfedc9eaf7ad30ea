package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// sarifSchema compiles the official SARIF 2.1.0 schema vendored under
// testdata/sarif, with format assertions (uri, uri-reference, ...) on.
func sarifSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("parsing the schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("file:///sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("file:///sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatalf("compiling the schema: %v", err)
	}
	return sch
}

func validateSARIF(t testing.TB, sch *jsonschema.Schema, out []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

// hostileReport is a hand-made report with everything that is awkward to
// encode: paths with spaces, colons, percent signs and non-ASCII letters,
// an absolute path outside the repository, file errors, a finding of an
// unknown rule, markup in messages.
func hostileReport() *result.Report {
	return &result.Report{
		Now:   "2026-11-25",
		Files: 4,
		Paths: []string{"a b/c:d%.md", "ünï.md", "/elsewhere/x.md", "bad.md"},
		Rules: []string{"directive", "duplicate-heading"},
		Findings: []result.Finding{
			{Path: "a b/c:d%.md", Line: 3, Column: 2, EndLine: 3, EndColumn: 9, Rule: "duplicate-heading", Severity: lint.SeverityError,
				Message: `<script>alert("x")</script> 100% "quoted", a:b`, Lines: []string{"## <script>alert(\"x\")</script>"}},
			{Path: "ünï.md", Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Rule: "directive", Check: "verb", Severity: lint.SeverityInfo,
				Message: "line\nbreak\r\nand tab\t", Fixable: true},
			{Path: "/elsewhere/x.md", Line: 2, Column: 5, EndLine: 1, EndColumn: 1, Rule: "no-such-rule", Severity: lint.SeverityWarning,
				Message: "end before start"},
		},
		Errors: []result.FileError{
			{Path: "bad.md", Message: "permission denied (check the file's permissions)"},
			{Path: "ünï.md", Line: 4, Rule: "duplicate-heading", Message: "internal error"},
		},
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	t.Parallel()
	sch := sarifSchema(t)
	rep, opts := goldenRun(t)
	if err := validateSARIF(t, sch, render(t, "sarif", rep, opts)); err != nil {
		t.Errorf("golden SARIF does not validate: %v", err)
	}
	// Every registered rule, and a report full of awkward values.
	hostile := render(t, "sarif", hostileReport(), report.Options{WorkDir: "/repo", RepoRoot: "/repo"})
	if err := validateSARIF(t, sch, hostile); err != nil {
		t.Errorf("SARIF of the hostile report does not validate: %v\n%s", err, hostile)
	}
	// Empty report.
	empty := render(t, "sarif", &result.Report{Now: "2026-11-25"}, report.Options{})
	if err := validateSARIF(t, sch, empty); err != nil {
		t.Errorf("empty SARIF does not validate: %v", err)
	}
}

// TestSARIFSchemaRejects proves the validation can fail: documents broken
// the ways a formatter could break them are rejected.
func TestSARIFSchemaRejects(t *testing.T) {
	t.Parallel()
	sch := sarifSchema(t)
	good := render(t, "sarif", hostileReport(), report.Options{WorkDir: "/repo", RepoRoot: "/repo"})
	for _, tc := range []struct{ name, from, to string }{
		{"level", `"level": "error"`, `"level": "fatal"`},
		{"version", `"version": "2.1.0"`, `"version": "2.0.0"`},
		{"uri", `"uri": "a%20b/c:d%25.md"`, `"uri": "a b/c:d%.md"`},
		{"startLine", `"startLine": 3`, `"startLine": 0`},
		{"unknown property", `"ruleId":`, `"rule": "x", "ruleId":`},
	} {
		if !bytes.Contains(good, []byte(tc.from)) {
			t.Fatalf("%s: %q not in the output:\n%s", tc.name, tc.from, good)
		}
		bad := bytes.Replace(good, []byte(tc.from), []byte(tc.to), 1)
		if err := validateSARIF(t, sch, bad); err == nil {
			t.Errorf("%s: the schema accepted %s", tc.name, tc.to)
		}
	}
}

type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID               string
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []json.RawMessage
		}
		Results []struct {
			RuleID    string
			RuleIndex *int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
			PartialFingerprints map[string]string
		}
	}
}

func decodeSARIF(t *testing.T, out []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSARIFContent(t *testing.T) {
	t.Parallel()
	doc := decodeSARIF(t, render(t, "sarif", hostileReport(), report.Options{WorkDir: "/repo/sub", RepoRoot: "/repo", Rules: lint.Builtin()}))
	run := doc.Runs[0]
	d := run.Tool.Driver
	if d.Name != "medlint" || d.Version == "" || d.InformationURI == "" {
		t.Errorf("driver = %+v", d)
	}
	if len(d.Rules) != len(lint.Builtin()) {
		t.Errorf("driver lists %d rules, want every registered rule (%d)", len(d.Rules), len(lint.Builtin()))
	}
	for i, r := range d.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || !strings.Contains(r.Help.Markdown, "# "+r.ID) {
			t.Errorf("rule %d (%s) lacks documentation: %+v", i, r.ID, r)
		}
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	r0 := run.Results[0]
	if r0.Level != "error" || r0.RuleID != "duplicate-heading" || r0.RuleIndex == nil || d.Rules[*r0.RuleIndex].ID != "duplicate-heading" {
		t.Errorf("result 0 = %+v", r0)
	}
	loc := r0.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "sub/a%20b/c:d%25.md" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifact location = %+v, want the path relative to the repository root", loc.ArtifactLocation)
	}
	if loc.Region.StartLine != 3 || loc.Region.StartColumn != 2 || loc.Region.EndLine != 3 || loc.Region.EndColumn != 9 {
		t.Errorf("region = %+v", loc.Region)
	}
	if run.Results[1].Level != "note" || run.Results[2].Level != "warning" {
		t.Errorf("levels = %s, %s; want note, warning", run.Results[1].Level, run.Results[2].Level)
	}
	if run.Results[2].RuleIndex != nil {
		t.Errorf("unknown rule got ruleIndex %d", *run.Results[2].RuleIndex)
	}
	out := run.Results[2].Locations[0].PhysicalLocation
	if out.ArtifactLocation.URI != "file:///elsewhere/x.md" || out.ArtifactLocation.URIBaseID != "" {
		t.Errorf("path outside the repository = %+v, want an absolute file URI without base", out.ArtifactLocation)
	}
	if r := out.Region; r.EndLine != 2 || r.EndColumn != 5 {
		t.Errorf("inverted range not clamped: %+v", r)
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 {
		t.Errorf("invocation = %+v, want failed with 2 notifications", inv)
	}
}

// TestSARIFFingerprints: a finding keeps its fingerprint when unrelated
// edits move it (other line, other line number in its message), and
// identical findings get distinct ones.
func TestSARIFFingerprints(t *testing.T) {
	t.Parallel()
	finding := func(line, cited int, text string) result.Finding {
		return result.Finding{Path: "a.md", Line: line, Column: 1, EndLine: line, EndColumn: 5, Rule: "duplicate-heading",
			Severity: lint.SeverityWarning, Message: "duplicate heading \"Causes\": same text as the heading on line " + itoa(cited),
			Lines: []string{text}}
	}
	fp := func(fs ...result.Finding) []string {
		doc := decodeSARIF(t, render(t, "sarif", &result.Report{Findings: fs}, report.Options{WorkDir: "/r", RepoRoot: "/r"}))
		var out []string
		for _, r := range doc.Runs[0].Results {
			out = append(out, r.PartialFingerprints[report.SARIFFingerprintKey])
		}
		return out
	}
	before := fp(finding(10, 3, "## Causes"))
	moved := fp(finding(14, 5, "##   Causes  "))
	if before[0] != moved[0] {
		t.Errorf("fingerprint changed when the finding moved: %s vs %s", before[0], moved[0])
	}
	edited := fp(finding(10, 3, "## Causes and risks"))
	if edited[0] == before[0] {
		t.Error("fingerprint did not change when the flagged line changed")
	}
	twice := fp(finding(10, 3, "## Causes"), finding(20, 3, "## Causes"))
	if twice[0] == twice[1] {
		t.Errorf("identical findings share fingerprint %s", twice[0])
	}
	if twice[0] != before[0] {
		t.Error("the first of identical findings changed fingerprint")
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestSARIFPathOutsideRepository(t *testing.T) {
	t.Parallel()
	rep := &result.Report{Findings: []result.Finding{{Path: "../shared/a b.md", Line: 1, Column: 1, EndLine: 1, EndColumn: 2,
		Rule: "directive", Severity: lint.SeverityWarning, Message: "m"}}}
	doc := decodeSARIF(t, render(t, "sarif", rep, report.Options{WorkDir: "/work/repo", RepoRoot: "/work/repo"}))
	loc := doc.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	if loc.URI != "file:///work/shared/a%20b.md" || loc.URIBaseID != "" {
		t.Errorf("artifact location = %+v, want an absolute file URI", loc)
	}
}
