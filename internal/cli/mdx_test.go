package cli

import (
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/gitchanges/gittest"
)

// mdxArticle has a duplicate heading in its prose and another in its ESM
// and JSX, which MDX does not show as headings.
const mdxArticle = `import { Tabs } from '../components'
export const toc = ` + "`" + `
## Causes
` + "`" + `

# Flu

## Causes

<Tabs>
  Viruses spread the flu.
</Tabs>

{/* ## Causes */}

## Causes
`

// TestMDXWalkedAndChanged: a directory walk and --changed lint .mdx files
// as MDX (here, the duplicate heading in prose is found, and none in the
// ESM or an expression), next to .md files.
func TestMDXWalkedAndChanged(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Write("articles/flu.md", article)
	r.Write("articles/flu-tabs.mdx", mdxArticle)
	r.Commit("articles")

	code, out, errOut := runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--now", "2026-11-25", "--format", "json", r.Dir)
	rep := decodeJSON(t, out)
	if code != ExitClean || rep.Summary.Files != 2 {
		t.Fatalf("walk: exit %d, %d files; want 0, 2 (stderr %s)\n%s", code, rep.Summary.Files, errOut, out)
	}
	var mdx []int
	for _, f := range rep.Findings {
		if strings.HasSuffix(f.Path, ".mdx") {
			mdx = append(mdx, f.Line)
		}
	}
	if len(mdx) != 1 || mdx[0] != 16 {
		t.Errorf("findings in the .mdx file on lines %v, want [16]", mdx)
	}

	r.Git("checkout", "--quiet", "-b", "edit")
	r.Write("articles/flu-tabs.mdx", mdxArticle+"\nAdded on the branch.\n")
	_, out, errOut = runIn(t, r.Dir, nil, "check", "--no-config", "--only", "duplicate-heading", "--format", "json", "--changed")
	if got := decodeJSON(t, out); got.Summary.Files != 1 || len(got.Findings) != 1 || got.Findings[0].Path != "articles/flu-tabs.mdx" {
		t.Errorf("--changed: %d files, findings %+v; want the .mdx file alone (stderr %s)", got.Summary.Files, got.Findings, errOut)
	}
}
