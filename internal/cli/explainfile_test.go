package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExplainFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, ".medlint.yml", "page-kinds:\n  files:\n    - files: [\"legal/**\"]\n      kind: other\nrules:\n  uncited-claim:\n    kinds: [advice]\n")
	writeFile(t, dir, "contact.md", "# Contact us - Skin Clinic\n\nEmail hello@example.com or call us on Monday to Friday.\n")
	writeFile(t, dir, "legal/terms.md", "# Eczema\n\nEmollients soothe dry, itchy skin and reduce flares of eczema.\n")
	writeFile(t, dir, "resources.md", "---\ntitle: Resources\nlast_reviewed: 2026-01-02\nreviewedBy: Jane Frank, MD\n---\n\n# Resources\n\n"+
		"Eczema affects 1 in 5 children. This page is not a substitute for professional medical advice; talk to your GP.\n\n{{< disclaimer >}}\n")
	writeFile(t, dir, "_callout.md", "## See your GP if:\n\n- the rash spreads\n")
	tests := []struct {
		file string
		want []string
	}{
		{"contact.md", []string{"kind:       other (classifier: the title", "medical-disclaimer: applies to advice, product pages, not other"}},
		{"legal/terms.md", []string{"kind:       other (configuration: page-kinds.files[0] (legal/**)", "uncited-claim: applies to advice pages, not other"}},
		{"resources.md", []string{"kind:       advice", "complete, line 9; also the shortcode \"disclaimer\" on line 11",
			`reviewer "Jane Frank, MD" (front matter reviewedBy, line 4)`, `reviewed "2026-01-02" (front matter last_reviewed, line 3)`,
			`heading "Resources" (line 7) is the page's level-1 heading and matches source-sections: uncited-claim skips the whole page`,
			"paragraph on line 9 is a disclaimer"}},
		{"_callout.md", []string{"partial:    yes, no title or level-1 heading, and the file name \"_callout.md\" starts with _", "medical-disclaimer: a partial (skip-partials)"}},
	}
	for _, tt := range tests {
		r := medlint(t, dir, "", "explain-file", tt.file)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.file, r.code, r.stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s: output lacks %q:\n%s", tt.file, w, r.stdout)
			}
		}
	}
	r := medlint(t, dir, "", "explain-file", "--format", "json", "contact.md", "resources.md")
	var got []FileExplanation
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 2 || got[0].Kind != "other" || got[1].Kind != "advice" || got[1].Signals.Words == 0 {
		t.Errorf("json: %v %+v\n%s", err, got, r.stdout)
	}
	if r := medlint(t, dir, "", "explain-file", "missing.md"); r.code != ExitError {
		t.Errorf("missing file: exit %d, want %d", r.code, ExitError)
	}
}

func TestCheckReportsKinds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "contact.md", "# Contact us\n\nEmail hello@example.com.\n")
	writeFile(t, dir, "eczema.md", "# Eczema\n\nEmollients soothe dry, itchy skin and reduce flares of eczema.\n")
	r := medlint(t, dir, "", "check", "--no-cache", "--now", "2026-11-25", "--format", "json", ".")
	var rep struct {
		Kinds    map[string]string `json:"kinds"`
		Findings []struct{ Path, Rule string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if rep.Kinds["contact.md"] != "other" || rep.Kinds["eczema.md"] != "advice" {
		t.Errorf("kinds %v", rep.Kinds)
	}
	for _, f := range rep.Findings {
		if f.Path == "contact.md" && (f.Rule == "medical-disclaimer" || f.Rule == "review-date") {
			t.Errorf("%s on a contact page", f.Rule)
		}
	}
}

func TestFixRespectsPageKinds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, ".medlint.yml", "page-kinds:\n  files:\n    - files: [\"legal/**\"]\n      kind: other\n"+
		"rules:\n  medical-disclaimer:\n    fix-text: \"This page is not a substitute for professional medical advice. Talk to your doctor.\"\n")
	const text = "# Eczema\n\nEmollients soothe dry, itchy skin and reduce flares of eczema.\n"
	writeFile(t, dir, "legal/terms.md", text)
	writeFile(t, dir, "guides/eczema.md", text)
	r := medlint(t, dir, "", "check", "--no-cache", "--fix", "--now", "2026-11-25", "--format", "json", "legal/terms.md", "guides/eczema.md")
	if !strings.Contains(r.stdout, `"legal/terms.md": "other"`) {
		t.Errorf("--fix report lacks the kinds:\n%s", r.stdout)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "legal/terms.md")); string(got) != text {
		t.Errorf("--fix appended a disclaimer to a page of kind other:\n%s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "guides/eczema.md")); !strings.Contains(string(got), "not a substitute") {
		t.Errorf("--fix did not append the disclaimer to an advice page:\n%s", got)
	}
}
