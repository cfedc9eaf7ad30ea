package rules_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/markdownlint"
	"github.com/medlint/medlint/internal/markdownlint/fixture"
	"github.com/medlint/medlint/internal/ruletest"
)

// fixedChecks are three of the list-format checks whose fixes markdownlint
// also makes (MD004, MD030, MD032), compared here one round at a time on
// the fixtures without MD005, MD007 or MD029 findings. The full comparison,
// MD029 included and through the fixer's repeated passes, is
// TestListFormatMarkdownlintFixed in internal/fix; markdownlint also fixes
// MD005 and MD007, which list-format leaves to the writer.
var fixedChecks = map[string]string{"marker-style": "MD004", "marker-space": "MD030", "blank-lines": "MD032"}

// fixParityDifferences are the fixtures where list-format's fixes knowingly
// differ from markdownlint's, with the reason: the fix would change what
// the text renders as, so the finding has none.
var fixParityDifferences = map[string]string{
	"inconsistent_bullet_styles_asterisk.md": parityJoinsLists,
	"inconsistent_bullet_styles_dash.md":     parityJoinsLists,
	"inconsistent_bullet_styles_plus.md":     parityJoinsLists,
	"incorrect_bullet_style_asterisk.md":     parityJoinsLists,
	"incorrect_bullet_style_dash.md":         parityJoinsLists,
	"incorrect_bullet_style_plus.md":         parityJoinsLists,
	"invalid-ul-style-style.md":              parityJoinsLists,
	"sublist-bullet-style.md":                parityJoinsLists,
	"lists-with-fenced-code.md": "MD032: markdownlint inserts the blank line after the list's last line, inside the unclosed code fence " +
		"of its last item (line 72), adding a line to the code",
}

const parityJoinsLists = "MD004: markdownlint's fix gives a list the marker of the bullet list next to it, and the two render as one list"

// TestListFormatMarkdownlintFixParity applies list-format's fixes to the
// markdownlint fixtures that only need fixes of those three kinds and
// compares the result with markdownlint's own fixed text.
func TestListFormatMarkdownlintFixParity(t *testing.T) {
	t.Parallel()
	manifest := readManifest(t)
	rule, _ := lint.Lookup("list-format")
	var names []string
	for name, e := range manifest {
		if len(e.Expected["MD005"])+len(e.Expected["MD007"])+len(e.Expected["MD029"]) > 0 {
			continue
		}
		if _, err := os.Stat(filepath.Join(fixtures, "fixed-target-rules", name)); err == nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("no fixed fixtures found")
	}
	agree, changed, differ := 0, 0, 0
	for _, name := range names {
		entry := manifest[name]
		src, err := os.ReadFile(filepath.Join(fixtures, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(fixtures, "fixed-target-rules", name))
		if err != nil {
			t.Fatal(err)
		}
		opts, explicit := fixture.ListFormatOptions(entry.ConfigureFile)
		initial := markdownlint.Enabled(entry.ConfigureFile)
		text := string(src)
		// One round of fixes, as markdownlint applies them: every fix
		// computed on the original text.
		enabled := markdownlint.EnabledLines(text, initial)
		fr := engine.Lint(name, []byte(text), []config.Active{{Rule: rule, Options: opts, Explicit: explicit}}, ruletest.Now)
		var edits []lint.Edit
		for _, f := range fr.Findings {
			md, ok := fixedChecks[f.Check]
			if !ok || f.Fix == nil || f.Line >= len(enabled) || !enabled[f.Line][md] {
				continue
			}
			edits = append(edits, f.Fix.Edits...)
		}
		got, err := applyEdits(text, edits)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got != text {
			changed++
		}
		reason, intended := fixParityDifferences[name]
		if got == string(want) {
			agree++
			if intended {
				t.Errorf("%s: listed as an intended difference but agrees with markdownlint: remove it from the list", name)
			}
			continue
		}
		if intended {
			differ++
			t.Logf("%s: intended difference: %s", name, reason)
			continue
		}
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("%s: fixed text differs from markdownlint's at line %d:\n got  %q\n want %q", name, i+1, g, w)
				break
			}
		}
	}
	t.Logf("fixes agreeing with markdownlint's fixed text: %d/%d files (%d intended differences, %d changed by the fixes)", agree, len(names), differ, changed)
	if changed == 0 {
		t.Error("no fixture was changed: the comparison proves nothing")
	}
}
