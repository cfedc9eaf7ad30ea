package document

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "One. Two! Three? Four", []string{"One.", "Two!", "Three?", "Four"}},
		{"Dr.", "Dr. Smith said so. Then he left.", []string{"Dr. Smith said so.", "Then he left."}},
		{"e.g.", "Eat fruit, e.g. Apples and pears. Or not.", []string{"Eat fruit, e.g. Apples and pears.", "Or not."}},
		{"i.e.", "Eat fruit, i.e. apples. Or not.", []string{"Eat fruit, i.e. apples.", "Or not."}},
		{"et al.", "Smith et al. Found it first. Others agree.", []string{"Smith et al. Found it first.", "Others agree."}},
		{"et al. year", "Smith et al. (2020) found it. Others agree.", []string{"Smith et al. (2020) found it.", "Others agree."}},
		{"vs.", "Diet vs. Exercise is a debate. Both matter.", []string{"Diet vs. Exercise is a debate.", "Both matter."}},
		{"U.S.", "Most U.S. Adults are fine. Really.", []string{"Most U.S. Adults are fine.", "Really."}},
		{"U.S. agency", "See the U.S. Food and Drug Administration. Ok.", []string{"See the U.S. Food and Drug Administration.", "Ok."}},
		{"decimal", "Take 2.5 mg daily. Then stop.", []string{"Take 2.5 mg daily.", "Then stop."}},
		{"decimal start", "Take .5 mg. Then stop.", []string{"Take .5 mg.", "Then stop."}},
		{"approx.", "Vitamin D (approx. 600 IU) helps. Ok.", []string{"Vitamin D (approx. 600 IU) helps.", "Ok."}},
		{"initial", "J. Smith wrote it. Read it.", []string{"J. Smith wrote it.", "Read it."}},
		{"quote closes", `He said "Stop now." Then he left.`, []string{`He said "Stop now."`, "Then he left."}},
		{"curly quote", "She said “Stop now.” Then she left.", []string{"She said “Stop now.”", "Then she left."}},
		{"quote opens next", `It works. "Really," he said.`, []string{"It works.", `"Really," he said.`}},
		{"question in quote", `He asked "why?" and left.`, []string{`He asked "why?" and left.`}},
		{"lower case next", "It is approx. the same. fine", []string{"It is approx. the same. fine"}},
		{"digit next", "It costs $5. 5 people came.", []string{"It costs $5.", "5 people came."}},
		{"etc. ends", "Apples, pears, etc. The rest is fine.", []string{"Apples, pears, etc.", "The rest is fine."}},
		{"etc. mid", "Apples, pears, etc. and more.", []string{"Apples, pears, etc. and more."}},
		{"marker glued", "It lives in your gut.[3] A healthy gut helps.", []string{"It lives in your gut.[3]", "A healthy gut helps."}},
		{"marker list", "It lives in your gut.[2, 5] A healthy gut helps.", []string{"It lives in your gut.[2, 5]", "A healthy gut helps."}},
		{"sup digits", "It lives in your gut.3 A healthy gut helps.", []string{"It lives in your gut.3", "A healthy gut helps."}},
		{"marker spaced", "It lives in your gut. [3] A healthy gut helps.", []string{"It lives in your gut. [3]", "A healthy gut helps."}},
		{"marker at end", "It lives in your gut. [3]", []string{"It lives in your gut. [3]"}},
		{"marker before stop", "It lives in your gut [3]. A healthy gut helps.", []string{"It lives in your gut [3].", "A healthy gut helps."}},
		{"version not marker", "Use version 1.3 A new one is out.", []string{"Use version 1.3 A new one is out."}},
		{"no. 5", "Use No. 5 brushes. Ok.", []string{"Use No. 5 brushes.", "Ok."}},
		{"ellipsis", "Ends with ellipsis… Next one.", []string{"Ends with ellipsis…", "Next one."}},
		{"no space", "Sentence one.Sentence two.", []string{"Sentence one.Sentence two."}},
		{"bracket next", "It works. (Mostly.) Fine.", []string{"It works.", "(Mostly.)", "Fine."}},
		{"empty", "", nil},
		{"spaces", "   ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, s := range SplitSentences(tt.in) {
				got = append(got, s.Text)
				if tt.in[s.Start:s.End] != s.Text {
					t.Errorf("offsets %d:%d give %q, want %q", s.Start, s.End, tt.in[s.Start:s.End], s.Text)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDocumentSentencesPositions(t *testing.T) {
	t.Parallel()
	src := "# Title\n\nFirst *one* here. Second `code` one.\n\n- Item one. Item two.\n"
	d, err := Parse("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		for _, s := range d.Sentences(b) {
			got = append(got, src[s.Pos:s.EndPos])
		}
	}
	want := []string{"Title", "First *one* here.", "Second `code` one.", "Item one.", "Item two."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"Dr. Smith. Next.", "gut.[3] A", "gut. [3] B", "2.5 mg. Ok", "etc. The", "“Hi.” Yes", "a.3 B", "x. [1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		prev := 0
		for _, s := range SplitSentences(in) {
			if s.Start < prev || s.End < s.Start || s.End > len(in) {
				t.Fatalf("bad offsets %d:%d (prev end %d) in %q", s.Start, s.End, prev, in)
			}
			if in[s.Start:s.End] != s.Text || strings.TrimSpace(s.Text) != s.Text || s.Text == "" {
				t.Fatalf("text %q does not match offsets in %q", s.Text, in)
			}
			prev = s.End
		}
	})
}

func TestSentencesJoinInsideLinkText(t *testing.T) {
	t.Parallel()
	src := "Of 1850 reports in their paper “[Is Microdosing Safe? An Initial Exploration](https://pubmed.ncbi.nlm.nih.gov/30925850/)”, 75 people (4%) had a bad time. Next one.\n"
	doc, err := Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		for _, s := range doc.Sentences(b) {
			got = append(got, s.Text)
		}
	}
	if len(got) != 2 || !strings.HasSuffix(got[0], "had a bad time.") || got[1] != "Next one." {
		t.Errorf("sentences = %q, want the link's title kept inside the first", got)
	}
}
