package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/confine"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

type mergeFlags struct {
	reportFlags
	formatSet bool
}

func (e *env) mergeCommand() *cobra.Command {
	var f mergeFlags
	cmd := &cobra.Command{
		Use:   "merge REPORT.json...",
		Short: "Combine the JSON reports of shards (check --shard I/N --format json) into one report",
		Long: "merge reads the JSON reports of the shards of one run (check --shard I/N --format json) and writes\n" +
			"the report of the whole run in any format: findings and errors combined and sorted, the summary\n" +
			"recomputed. The exit code is the one a single run would have had: 2 when a file could not be\n" +
			"linted, else 1 when a finding is at or above --fail-on, else 0. The reports must come from one\n" +
			"medlint version with one --now and must not lint the same file twice.",
		Example: "  medlint merge shard-1.json shard-2.json shard-3.json\n" +
			"  medlint merge --format sarif --output medlint.sarif reports/*.json",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f.formatSet = cmd.Flags().Changed("format")
			return e.merge(f, args)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// shardReport is one input of merge.
type shardReport struct {
	name    string
	version string
	rep     *result.Report
}

func (e *env) merge(f mergeFlags, args []string) error {
	failOn, never, err := parseFailOn(f.failOn)
	if err != nil {
		return usageError("%v", err)
	}
	toFile := f.output != "" && f.output != "-"
	color := !toFile && !f.noColor && e.getenv("NO_COLOR") == "" && e.isTerminal(e.stdout) && e.getenv("TERM") != "dumb"
	format := e.effectiveFormat(checkFlags{reportFlags: reportFlags{format: f.format}, formatSet: f.formatSet})
	var ruleList []lint.Rule
	if cfg, err := e.loadConfig("", false); err == nil {
		ruleList = cfg.AllRules() // custom rules too, for SARIF's rule list
	}
	formatter, err := report.New(format, report.Options{Color: color, Quiet: f.quiet, WorkDir: e.workDir, RepoRoot: report.FindRepoRoot(e.workDir), SourceURL: e.sourceURL(), Rules: ruleList})
	if err != nil {
		return usageError("--format: %v", err)
	}
	inputs := make([]shardReport, 0, len(args))
	for _, name := range args {
		in, err := e.readShardReport(name)
		if err != nil {
			return &exitError{code: ExitError, err: err}
		}
		inputs = append(inputs, in)
	}
	rep, err := mergeReports(inputs)
	if err != nil {
		return usageError("merge: %v", err)
	}
	if lc, ok := formatter.(report.LineConsumer); ok && lc.NeedsLines() {
		e.attachLines(rep)
	}
	if err := writeReport(formatter, rep, f.output, e.stdout); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	e.printErrors(rep)
	if format == "github" && !f.quiet {
		fmt.Fprintln(e.stderr, report.Summarize(rep))
	}
	return exitFor(rep, failOn, never)
}

func (e *env) readShardReport(name string) (shardReport, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(e.workDir, path)
		}
		file, err := os.Open(path)
		if err != nil {
			return shardReport{}, fmt.Errorf("merge: %w", err)
		}
		defer file.Close()
		r = file
	}
	j, err := report.DecodeJSON(r)
	if err != nil {
		return shardReport{}, fmt.Errorf("merge: %s: %w", name, err)
	}
	return shardReport{name: name, version: j.Tool.Version, rep: j.Report()}, nil
}

// mergeReports combines the reports of the shards of one run. The reports
// must agree on the medlint version and --now, be the N distinct shards of
// one run (checkShards) and not share a file.
func mergeReports(inputs []shardReport) (*result.Report, error) {
	if err := checkSameRun(inputs); err != nil {
		return nil, err
	}
	if err := checkShards(inputs); err != nil {
		return nil, err
	}
	out := &result.Report{Now: inputs[0].rep.Now}
	owner := map[string]string{}
	rules := map[string]bool{}
	for _, in := range inputs {
		for _, p := range in.rep.Paths {
			if prev, dup := owner[p]; dup {
				return nil, fmt.Errorf("%s is in both %s and %s: merge the reports of the distinct shards of one run (--shard 1/N ... N/N)", p, prev, in.name)
			}
			owner[p] = in.name
		}
		out.Files += in.rep.Files
		out.Findings = append(out.Findings, in.rep.Findings...)
		out.Errors = append(out.Errors, in.rep.Errors...)
		out.Paths = append(out.Paths, in.rep.Paths...)
		for p, k := range in.rep.Kinds {
			if out.Kinds == nil {
				out.Kinds = map[string]string{}
			}
			out.Kinds[p] = k
		}
		for _, id := range in.rep.Rules {
			rules[id] = true
		}
	}
	for id := range rules {
		out.Rules = append(out.Rules, id)
	}
	sort.Strings(out.Rules)
	out.Sort()
	return out, nil
}

// checkSameRun verifies that the reports agree on --now and the medlint
// version.
func checkSameRun(inputs []shardReport) error {
	first := inputs[0]
	for _, in := range inputs[1:] {
		if in.rep.Now != first.rep.Now {
			return fmt.Errorf("%s was linted with --now %s but %s with --now %s: the shards of one run need one date (pass the same --now to every shard)",
				first.name, first.rep.Now, in.name, in.rep.Now)
		}
		if in.version != first.version {
			return fmt.Errorf("%s was written by medlint %s but %s by medlint %s: the shards of one run need one medlint version",
				first.name, first.version, in.name, in.version)
		}
	}
	return nil
}

// attachLines gives the findings the text of their lines, read from the
// files where the merge runs (a CI job that checked out the repository), as
// the shards' runs would have; files that cannot be read keep none. A
// report may name anything, so only relative paths whose real path lies
// inside the working directory are read: never /etc/passwd, ../../x or a
// symbolic link out of the tree, whose lines the HTML report would show.
func (e *env) attachLines(rep *result.Report) {
	tree, err := confine.NewTree(e.workDir)
	if err != nil {
		return
	}
	for i := 0; i < len(rep.Findings); {
		j := i
		for j < len(rep.Findings) && rep.Findings[j].Path == rep.Findings[i].Path {
			j++
		}
		if src, ok := readConfined(tree, rep.Findings[i].Path); ok {
			engine.AttachLines(src, rep.Findings[i:j])
		}
		i = j
	}
}

// readConfined reads the file a report names by display, a slash-separated
// path relative to the tree's root, when it is a regular file of a size
// medlint lints whose real path lies inside the tree. Absolute paths and
// paths that climb out lexically are refused before the file system is
// looked at; the read never blocks (confine.ReadFile).
func readConfined(tree *confine.Tree, display string) ([]byte, bool) {
	p := filepath.FromSlash(display)
	if !filepath.IsLocal(p) {
		return nil, false
	}
	real, err := tree.Check(filepath.Join(tree.Dir(), p))
	if err != nil {
		return nil, false
	}
	f, st, err := confine.Open(real)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	if st.Size() > config.DefaultMaxFileSize {
		return nil, false
	}
	src, err := io.ReadAll(io.LimitReader(f, config.DefaultMaxFileSize))
	return src, err == nil
}
