package fix_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/medlint/medlint/internal/testsupport"
)

const mdlFixtures = "../../../shared/markdownlint-fixtures"

// mdlFixInfo is markdownlint's description of a fix: on line LineNumber
// (default: the error's line), delete DeleteCount UTF-16 code units at
// EditColumn (1-based, default 1; -1 deletes the line) and insert
// InsertText ("\n" stands for the file's line break).
type mdlFixInfo struct {
	LineNumber  int    `json:"lineNumber"`
	EditColumn  int    `json:"editColumn"`
	DeleteCount int    `json:"deleteCount"`
	InsertText  string `json:"insertText"`
}

type mdlError struct {
	LineNumber int         `json:"lineNumber"`
	RuleNames  []string    `json:"ruleNames"`
	FixInfo    *mdlFixInfo `json:"fixInfo"`
}

type mdlResult struct {
	Errors []mdlError `json:"markdownlintErrors"`
}

func readMdlResults(t *testing.T) map[string]mdlResult {
	t.Helper()
	data, err := os.ReadFile(testsupport.Shared(t, "markdownlint-fixtures", "markdownlint-0.40.0-results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]mdlResult
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

var mdlNewline = regexp.MustCompile(`\r\n?|\n`)

// mdlApplyFixes is markdownlint 0.40's applyFixes (helpers/helpers.cjs),
// restricted to the errors of the given rules: it lets a test compute
// markdownlint's fixed text for any subset of its rules.
func mdlApplyFixes(input string, errs []mdlError, ruleIDs []string) string {
	// getPreferredLineEnding: the most common break, "\n" on ties.
	var cr, lf, crlf int
	for _, m := range mdlNewline.FindAllString(input, -1) {
		switch m {
		case "\r":
			cr++
		case "\n":
			lf++
		default:
			crlf++
		}
	}
	lineEnding := "\n"
	switch {
	case lf >= crlf && lf >= cr:
	case crlf >= cr:
		lineEnding = "\r\n"
	default:
		lineEnding = "\r"
	}
	parts := mdlNewline.Split(input, -1)
	lines := make([]*string, len(parts))
	for i := range parts {
		lines[i] = &parts[i]
	}
	type info struct {
		line, col, del int
		text           string
	}
	var infos []info
	for _, e := range errs {
		if e.FixInfo == nil || !slices.Contains(ruleIDs, e.RuleNames[0]) {
			continue
		}
		f := info{line: e.FixInfo.LineNumber, col: e.FixInfo.EditColumn, del: e.FixInfo.DeleteCount, text: e.FixInfo.InsertText}
		if f.line == 0 {
			f.line = e.LineNumber
		}
		if f.col == 0 {
			f.col = 1
		}
		infos = append(infos, f)
	}
	// Bottom to top, line deletions last, right to left, long to short.
	slices.SortStableFunc(infos, func(a, b info) int {
		if a.line != b.line {
			return b.line - a.line
		}
		if ad, bd := a.del == -1, b.del == -1; ad != bd {
			if ad {
				return 1
			}
			return -1
		}
		if a.col != b.col {
			return b.col - a.col
		}
		return len(utf16.Encode([]rune(b.text))) - len(utf16.Encode([]rune(a.text)))
	})
	// Drop duplicates, then merge an insertion with a deletion at the same
	// spot.
	var uniq []info
	for i, f := range infos {
		if i == 0 || f != infos[i-1] {
			uniq = append(uniq, f)
		}
	}
	last := info{line: -1}
	lastIdx := -1
	for i := range uniq {
		f := &uniq[i]
		if lastIdx >= 0 && f.line == last.line && f.col == last.col && f.text == "" && f.del > 0 && last.text != "" && last.del == 0 {
			f.text = last.text
			uniq[lastIdx].line = 0
		}
		last, lastIdx = *f, i
	}
	lastLine, lastEdit := -1, -1
	for _, f := range uniq {
		if f.line == 0 {
			continue
		}
		li, ei := f.line-1, f.col-1
		cut := 1
		if f.del > 0 {
			cut = 0
		}
		if li != lastLine || f.del == -1 || ei+f.del <= lastEdit-cut {
			if f.del == -1 {
				lines[li] = nil
			} else if lines[li] != nil {
				u := utf16.Encode([]rune(*lines[li]))
				end := min(ei+f.del, len(u))
				s := string(utf16.Decode(u[:min(ei, len(u))])) + strings.ReplaceAll(f.text, "\n", lineEnding) + string(utf16.Decode(u[end:]))
				lines[li] = &s
			}
		}
		lastLine, lastEdit = li, ei
	}
	var out []string
	for _, l := range lines {
		if l != nil {
			out = append(out, *l)
		}
	}
	return strings.Join(out, lineEnding)
}

// mdlListRules are the markdownlint rules whose fixes fixed-target-rules/
// holds (MD024 has none).
var mdlListRules = []string{"MD004", "MD005", "MD007", "MD029", "MD030", "MD032"}

// TestMarkdownlintFixReplay checks mdlApplyFixes: applying the fixes of the
// list rules from markdownlint's results must give fixed-target-rules/
// exactly, so that the list-format comparison below can trust it for a
// subset of those rules.
func TestMarkdownlintFixReplay(t *testing.T) {
	t.Parallel()
	results := readMdlResults(t)
	names, err := filepath.Glob(filepath.Join(mdlFixtures, "fixed-target-rules", "*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixed-target-rules files: %v", err)
	}
	for _, p := range names {
		name := filepath.Base(p)
		src, err := os.ReadFile(filepath.Join(mdlFixtures, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := mdlApplyFixes(string(src), results[name].Errors, mdlListRules); got != string(want) {
			t.Errorf("%s: replaying markdownlint's fixes differs from fixed-target-rules", name)
		}
	}
}
