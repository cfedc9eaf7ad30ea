package document

import (
	"fmt"
	"strings"
	"testing"
)

// itemSummary renders the list facts a test checks, one item per entry.
func itemSummary(d *Document) []string {
	var out []string
	for _, l := range d.Lists {
		for _, it := range l.Items {
			out = append(out, fmt.Sprintf("L%d %s n=%d indent=%d spaces=%d empty=%v depth=%d",
				it.Line, it.Marker, it.Number, it.Indent, it.SpacesAfter, it.Empty, l.Depth))
		}
	}
	return out
}

func TestListItems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"plain", "- a\n- b\n", []string{"L1 - n=0 indent=0 spaces=1 empty=false depth=0", "L2 - n=0 indent=0 spaces=1 empty=false depth=0"}},
		{"ordered paren and digits", "9) a\n10)  b\n", []string{"L1 9) n=9 indent=0 spaces=1 empty=false depth=0", "L2 10) n=10 indent=0 spaces=2 empty=false depth=0"}},
		{"block quote", "> - a\n>   - b\n", []string{"L1 - n=0 indent=0 spaces=1 empty=false depth=0", "L2 - n=0 indent=2 spaces=1 empty=false depth=1"}},
		{"quote in item", "- a\n\n  > - b\n", []string{"L1 - n=0 indent=0 spaces=1 empty=false depth=0", "L3 - n=0 indent=0 spaces=1 empty=false depth=1"}},
		{"quote on the item's line", "- > - q\n", []string{"L1 - n=0 indent=0 spaces=1 empty=false depth=0", "L1 - n=0 indent=0 spaces=1 empty=false depth=1"}},
		// goldmark places an item after a tab past its marker.
		{"tab before nested marker", "* x\n\t* y\n", []string{"L1 * n=0 indent=0 spaces=1 empty=false depth=0", "L2 * n=0 indent=4 spaces=1 empty=false depth=1"}},
		{"tab after quote marker", ">\t- a\n>\t- b\n", []string{"L1 - n=0 indent=2 spaces=1 empty=false depth=0", "L2 - n=0 indent=2 spaces=1 empty=false depth=0"}},
		{"tab before numbered marker", "1. a\n\t1. b\n", []string{"L1 1. n=1 indent=0 spaces=1 empty=false depth=0", "L2 1. n=1 indent=4 spaces=1 empty=false depth=1"}},
		{"two tabs", "- a\n\t- b\n\t\t- c\n", []string{"L1 - n=0 indent=0 spaces=1 empty=false depth=0", "L2 - n=0 indent=4 spaces=1 empty=false depth=1", "L3 - n=0 indent=8 spaces=1 empty=false depth=2"}},
		{"tab after marker", "-\tx\n", []string{"L1 - n=0 indent=0 spaces=1 empty=false depth=0"}},
		// Five spaces: the content is code one space after the marker.
		{"indented code item", "-     code\n", []string{"L1 - n=0 indent=0 spaces=1 empty=false depth=0"}},
		{"four spaces", "-    text\n", []string{"L1 - n=0 indent=0 spaces=4 empty=false depth=0"}},
		{"empty items LF", "1.\n2.\n", []string{"L1 1. n=1 indent=0 spaces=0 empty=true depth=0", "L2 2. n=2 indent=0 spaces=0 empty=true depth=0"}},
		// goldmark needs "\n" right after the marker of an empty item.
		{"empty items CRLF", "1.\r\n2.\r\n", []string{"L1 1. n=1 indent=0 spaces=0 empty=true depth=0", "L2 2. n=2 indent=0 spaces=0 empty=true depth=0"}},
		{"empty then full CRLF", "-\r\n- b\r\n", []string{"L1 - n=0 indent=0 spaces=0 empty=true depth=0", "L2 - n=0 indent=0 spaces=1 empty=false depth=0"}},
		{"quoted empty CRLF", "> -\r\n> - b\r\n", []string{"L1 - n=0 indent=0 spaces=0 empty=true depth=0", "L2 - n=0 indent=0 spaces=1 empty=false depth=0"}},
		{"setext underline CRLF is no list", "Title\r\n-\r\n", nil},
		{"thematic break CRLF is no list", "- - -\r\n", nil},
		{"CRLF item", "1)  x\r\n    y\r\n", []string{"L1 1) n=1 indent=0 spaces=2 empty=false depth=0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := Parse("x.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got := itemSummary(d)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%q:\ngot  %q\nwant %q", tt.src, got, tt.want)
			}
			for _, l := range d.Lists {
				for _, it := range l.Items {
					if !strings.HasPrefix(string(d.Source[it.Pos:]), it.Marker) {
						t.Errorf("%q: item on line %d: Pos does not point at its marker %q", tt.src, it.Line, it.Marker)
					}
				}
			}
		})
	}
}

// TestListEndLineUnclosedFence checks that a fence left open in a list item
// does not take the fence that opens the next block as its closing line.
func TestListEndLineUnclosedFence(t *testing.T) {
	t.Parallel()
	src := "1. Text\n   ```shell\n   fence\n  ```\n"
	d, err := Parse("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lists) != 1 || d.Lists[0].EndLine != 3 {
		t.Fatalf("list end line = %d, want 3 (line 4 opens a new fence outside the item)", d.Lists[0].EndLine)
	}
	src = "1. Text\n   ```shell\n   fence\n   ```\n"
	if d, _ = Parse("x.md", []byte(src)); d.Lists[0].EndLine != 4 {
		t.Fatalf("list end line = %d, want 4 (the item's own closing fence)", d.Lists[0].EndLine)
	}
}

func TestPatchEmptyItemsCRLF(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		"-\r\n":           "- \n",
		"  10)\r\n":       "  10) \n",
		"> - *\r\n":       "> - * \n",
		"text\r\n-\r\n":   "text\r\n- \n",
		"---\r\n":         "---\r\n",
		"- a\r\n":         "- a\r\n",
		"1.5\r\n":         "1.5\r\n",
		"-\n":             "-\n",
		"- \r\n":          "- \r\n",
		">\r\n":           ">\r\n",
		"1234567890.\r\n": "1234567890.\r\n",
		"\r\n\r\n-\r\n-":  "\r\n\r\n- \n-",
		"-\r\n+\r\n*\r\n": "- \n+ \n* \n",
	} {
		if got := string(patchEmptyItemsCRLF([]byte(src), 0)); got != want {
			t.Errorf("patchEmptyItemsCRLF(%q) = %q, want %q", src, got, want)
		}
	}
}
