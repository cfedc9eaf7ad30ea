package fix_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/fix"
	"github.com/medlint/medlint/internal/ruletest"
)

// templateSeeds are MDX and Liquid pages whose lists the real fixes
// touch next to the markup.
var templateSeeds = []string{
	"{% for c in site.data.creams %}\nUse {{ c.name }} on:\n• the cheeks\n• the folds\n{% endfor %}\n",
	"Intro:\n{% if page.list %}\nText\n- a\n- b\n{% endif %}\nAfter\n- c\n",
	"{% for x in xs %}\n1. one\n   - detail\n2. two\n{% endfor %}\n",
	"{% capture c %}\n* a\n+ b\n{% endcapture %}\n{% case x %}{% when 1 %}\nText\n- a\n{% endcase %}\n",
	"import A from 'a'\n\n# Title\n\n1. Step\n{/* a comment */}\n2. Step\n\nText\n- a\n{/* note */}\n- b\n",
	"<Callout>\nTips:\n• a\n• b\n</Callout>\n\n- a\n\n  {value}\n- b\n",
	"1. Step one\n- detail {x}\n\n{/* keep me */}\n\n2. Step two\n",
}

// FuzzFixKeepsTemplates fixes MDX (as .mdx) and Liquid pages with the real
// rules: every piece of markup of the input (document.Mask) is in the
// output, in order, and no fix adds a blank line inside a Liquid block.
func FuzzFixKeepsTemplates(f *testing.F) {
	for _, s := range templateSeeds {
		f.Add([]byte(s))
	}
	fix.SeedFixInputs(f, func(src []byte) {
		if bytes.Contains(src, []byte("{%")) || bytes.Contains(src, []byte("{/*")) {
			f.Add(src)
		}
	})
	sets := fix.RealRuleSets(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 || bytes.IndexByte(src, 0) >= 0 {
			return
		}
		for _, path := range []string{"f.md", "f.mdx"} {
			in, err := document.Parse(path, src)
			if err != nil {
				continue
			}
			act := sets[len(src)%len(sets)]
			res, err := fix.Source(src, fix.Options{Path: path, Active: act, Now: ruletest.Now})
			if err != nil {
				t.Fatal(err)
			}
			out, err := document.Parse(path, res.Output)
			if err != nil {
				t.Fatalf("%s: output does not parse: %v", path, err)
			}
			rest := string(out.Source)
			for _, m := range in.Masks {
				piece := string(in.Source[m.Pos:m.End])
				i := strings.Index(rest, piece)
				if i < 0 {
					t.Fatalf("%s: markup %q lost or moved by the fixes:\n%q\n->\n%q", path, piece, src, res.Output)
				}
				rest = rest[i+len(piece):]
			}
			if len(in.LiquidBlocks) != len(out.LiquidBlocks) {
				continue // a fix changed what the markup encloses (a tag in a list item's marker line)
			}
			for i, b := range in.LiquidBlocks {
				ob := out.LiquidBlocks[i]
				if blankLines(out.Source[ob.BodyPos:ob.BodyEnd]) > blankLines(in.Source[b.BodyPos:b.BodyEnd]) {
					t.Fatalf("%s: a fix added a blank line inside {%% %s %%}:\n%q\n->\n%q", path, b.Name, src, res.Output)
				}
			}
		}
	})
}

// blankLines counts the lines of b (after its first line break) that hold
// only white space and block-quote markers.
func blankLines(b []byte) int {
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	n := 0
	for i, l := range lines {
		if i > 0 && i < len(lines)-1 && strings.TrimSpace(strings.ReplaceAll(l, ">", "")) == "" {
			n++
		}
	}
	return n
}
