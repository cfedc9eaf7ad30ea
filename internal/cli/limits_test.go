package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medlint/medlint/internal/bench"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/result"
)

// TestCheckCraftedFile runs check over a crafted file of each shape the
// v0.1.0 audit timed (minutes of CPU, gigabytes of memory) beside an
// ordinary article: the crafted file gets its error, naming the line and
// the limit to raise, and exit code 2; the article is still linted and its
// findings reported, on every path a file is linted by (plain, through the
// result cache, and --fix).
func TestCheckCraftedFile(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		src  []byte
		line int // 0: where the budget ran out, some line of the file
		want string
	}{
		{"nested list 2,000 deep (4 MB)", bench.NestedList(2000), 101, "nested deeper than 100 levels: not linted; raise max-nesting (now 100) in .medlint.yml"},
		{"nested list 5,000 deep (25 MB)", bench.NestedList(5000), 101, "nested deeper than 100 levels: not linted; raise max-nesting"},
		{"table of 10,000 columns x 200 rows (4 MB)", bench.Table(10000, 200), 2, "tables of more than 250000 cells in all (columns x rows): not linted; raise max-table-cells (now 250000)"},
		{"40,000 footnotes (1.2 MB)", bench.Footnotes(40000), 0, "(mostly footnotes, which it matches in quadratic time): not linted; raise max-parse-cost (now 256)"},
		{"100,000 reference links (3.7 MB)", bench.ReferenceLinks(100000), 3, "(mostly link reference definitions, which it matches in quadratic time): not linted; raise max-parse-cost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, mode := range [][]string{{"--no-cache"}, {"--cache-dir", t.TempDir()}, {"--no-cache", "--fix"}} {
				dir := t.TempDir()
				writeFile(t, dir, "good.md", "# Good\n\n## A\n\n## A\n")
				if err := os.WriteFile(filepath.Join(dir, "crafted.md"), tc.src, 0o644); err != nil {
					t.Fatal(err)
				}
				args := append([]string{"check", "--format", "json", "--now", "2026-11-25", "--no-config"}, mode...)
				r := medlint(t, dir, "", append(args, ".")...)
				if r.code != 2 {
					t.Errorf("%v: exit code %d, want 2; stderr:\n%s", mode, r.code, r.stderr)
				}
				var rep struct {
					Findings []result.Finding   `json:"findings"`
					Errors   []result.FileError `json:"errors"`
				}
				if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
					t.Fatalf("%v: %v\n%s", mode, err, r.stdout)
				}
				if !slices.ContainsFunc(rep.Findings, func(f result.Finding) bool {
					return f.Path == "good.md" && f.Rule == "duplicate-heading" && f.Line == 5
				}) {
					t.Errorf("%v: findings %+v, want good.md's duplicate heading", mode, rep.Findings)
				}
				lines := bytes.Count(tc.src, []byte("\n"))
				if len(rep.Errors) != 1 || rep.Errors[0].Path != "crafted.md" || !strings.Contains(rep.Errors[0].Message, tc.want) ||
					tc.line > 0 && rep.Errors[0].Line != tc.line || rep.Errors[0].Line < 1 || rep.Errors[0].Line > lines {
					t.Errorf("%v: errors %+v, want crafted.md:%d: ...%s", mode, rep.Errors, tc.line, tc.want)
				}
				if want := "medlint: crafted.md:"; !strings.Contains(r.stderr, want) {
					t.Errorf("%v: stderr %q, want the error located as %q", mode, r.stderr, want)
				}
			}
		})
	}
}

// TestInitAndREADMEDocumentLimits checks that medlint init's template and
// the README's configuration section give each parse limit with its
// default, and that the template sets exactly the defaults.
func TestInitAndREADMEDocumentLimits(t *testing.T) {
	t.Parallel()
	text := InitConfig()
	cfg, err := config.Parse(".medlint.yml", t.TempDir(), []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Limits != document.DefaultLimits {
		t.Errorf("init sets limits %+v, want the defaults %+v", cfg.Limits, document.DefaultLimits)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lim := document.DefaultLimits
	for key, def := range map[string]int{"max-nesting": lim.Nesting, "max-table-cells": lim.TableCells, "max-parse-cost": lim.ParseCost} {
		if want := fmt.Sprintf("%s: %d ", key, def); !strings.Contains(text, want) {
			t.Errorf("init template lacks %q", want)
		}
		if want := fmt.Sprintf("| `%s` | %d |", key, def); !strings.Contains(string(readme), want) {
			t.Errorf("README lacks %q", want)
		}
	}
}
