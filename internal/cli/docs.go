package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/ruledoc"
)

// configFlags are the config-selection flags shared by commands that list
// rules (custom rules come from the config).
type configFlags struct {
	path     string
	noConfig bool
}

func (cf *configFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&cf.path, "config", "c", "", "use this config `FILE` instead of looking for .medlint.yml")
	cmd.Flags().BoolVar(&cf.noConfig, "no-config", false, "ignore any .medlint.yml (built-in rules only)")
}

func (e *env) rulesCommand() *cobra.Command {
	var cf configFlags
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule (built-in and custom) with its default severity",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := e.loadConfig(cf.path, cf.noConfig)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RULE\tSEVERITY\tFIXABLE\tSUMMARY")
			for _, r := range cfg.AllRules() {
				m := r.Meta()
				fix := ""
				if m.Fixable {
					fix = "yes"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.ID, m.Severity, fix, m.Summary)
			}
			return tw.Flush()
		},
	}
	cf.register(cmd)
	return cmd
}

func (e *env) explainCommand() *cobra.Command {
	var cf configFlags
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Print a rule's documentation: rationale, options, checks and examples",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cfg, err := e.loadConfig(cf.path, cf.noConfig)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			r, ok := cfg.Lookup(args[0])
			if !ok {
				return usageError("unknown rule %q (run `medlint rules` for the list)", args[0])
			}
			return Explain(e.stdout, r)
		},
	}
	cf.register(cmd)
	return cmd
}

// Explain writes a rule's documentation as Markdown.
func Explain(w io.Writer, r lint.Rule) error {
	_, err := io.WriteString(w, ruledoc.Markdown(r))
	return err
}

func (e *env) initCommand() *cobra.Command {
	var force, toStdout bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented .medlint.yml listing every rule, its default severity and options",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			text := InitConfig()
			if toStdout {
				_, err := io.WriteString(e.stdout, text)
				return err
			}
			path := filepath.Join(e.workDir, ".medlint.yml")
			flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(path, flags, 0o644)
			if errors.Is(err, fs.ErrExist) {
				return usageError("%s already exists (use --force to overwrite, or --stdout to print)", path)
			}
			if err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("writing %s: %w", path, err)}
			}
			if _, err := io.WriteString(f, text); err != nil {
				f.Close()
				return &exitError{code: ExitError, err: fmt.Errorf("writing %s: %w", path, err)}
			}
			if err := f.Close(); err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("writing %s: %w", path, err)}
			}
			fmt.Fprintf(e.stdout, "wrote %s\n", path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing .medlint.yml")
	cmd.Flags().BoolVar(&toStdout, "stdout", false, "print the config instead of writing it")
	return cmd
}

func (e *env) schemaCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of .medlint.yml, for editors with a YAML language server",
		Long: "Print the JSON Schema (draft-07) of .medlint.yml: every setting, rule, option, check and\n" +
			"markdownlint name this medlint accepts. `medlint init` points the file it writes at the\n" +
			"published copy (" + config.SchemaURL() + ");\n" +
			"`medlint schema > medlint.schema.json` and `# yaml-language-server: $schema=./medlint.schema.json`\n" +
			"work offline.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			out, err := config.Schema(lint.Builtin())
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			_, err = e.stdout.Write(out)
			return err
		},
	}
}

// InitConfig returns the default configuration, commented out: every
// setting is there to read and to uncomment, and the file as written sets
// nothing, so it means what no file means (a default such as review-date's
// date-order: mdy, written out, would also make the choice explicit and
// switch off the warning for an ambiguous date).
func InitConfig() string {
	var b strings.Builder
	// The modeline YAML language servers read (yaml-language-server,
	// in VS Code's YAML extension, Neovim, Helix, Zed): completion,
	// documentation and checking of every key as it is typed.
	fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", config.SchemaURL())
	b.WriteString("# medlint configuration. Every setting below is commented out, so this file changes\n")
	b.WriteString("# nothing: it lists every rule with its default severity and options. Remove the\n")
	b.WriteString("# leading # of a line (and of the lines above it that it sits under) to set it;\n")
	b.WriteString("# `severity: off` switches a rule off. `medlint explain RULE` documents each.\n")
	for line := range strings.SplitAfterSeq(initSettings(), "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			b.WriteByte('#')
		}
		b.WriteString(line)
	}
	return b.String()
}

// initSettings returns the default configuration that InitConfig
// comments out: every rule with its default severity and options, then
// the other settings, with their documentation as comments.
func initSettings() string {
	var b strings.Builder
	b.WriteString("rules:\n")
	for _, r := range lint.Builtin() {
		m := r.Meta()
		fmt.Fprintf(&b, "  # %s\n  %s:\n    severity: %s\n", m.Summary, m.ID, m.Severity)
		for _, o := range lint.Options(r) {
			comment := o.Doc
			if len(o.Enum) > 0 {
				comment = "one of " + strings.Join(o.Enum, ", ") + ". " + comment
			}
			if comment != "" {
				fmt.Fprintf(&b, "    # %s\n", comment)
			}
			fmt.Fprintf(&b, "    %s: %s\n", o.Name, o.Default)
		}
	}
	b.WriteString("\n# A .medlint.yml in a subfolder is merged over this one for the files below it\n")
	b.WriteString("# (the nearer wins by key; lists replace). root: true stops the merge here;\n")
	b.WriteString("# extends loads shared files first, paths relative to this file.\nroot: false\nextends: []\n")
	b.WriteString("\n# Read .gitignore, .git/info/exclude and .medlintignore when walking folders.\nignore-files: true\n")
	b.WriteString("\n# Paths (globs, relative to this file) that are never linted.\nignore:\n  - \"node_modules/**\"\n")
	b.WriteString("\n# Page kinds (advice, product, other): medical-disclaimer, review-date and\n")
	b.WriteString("# reviewer-credentials run on advice and product pages only. The classifier decides\n")
	b.WriteString("# unless the front matter (medlint: {kind: other}), these keys or these globs do;\n")
	b.WriteString("# `medlint explain-file FILE` shows a page's kind and why.\n")
	b.WriteString("#page-kinds:\n#  keys: [layout]\n#  values: {page: other}\n#  files:\n#    - files: [\"legal/**\"]\n#      kind: other\n")
	b.WriteString("\n# Shortcodes, includes, components and HTML classes whose output carries the medical\n")
	b.WriteString("# disclaimer (default: any name containing \"disclaimer\") or the review byline (none).\n")
	b.WriteString("#providers:\n#  disclaimer: [disclaimer]\n#  review: [reviewed-by]\n")
	b.WriteString("\n# Settings for some paths only, applied in order after the rules above.\n")
	b.WriteString("overrides: []\n#  - files: [\"news/**\"]\n#    rules:\n#      review-date: {severity: off}\n")
	lim := document.DefaultLimits
	fmt.Fprintf(&b, "\n# What one file may cost the parser: a file over a limit is reported as an\n"+
		"# error and not linted (the others are). Far above real articles; raise one\n"+
		"# when the error names it.\n"+
		"max-nesting: %d        # block quotes, list items and footnotes nested this deep\n"+
		"max-table-cells: %d # cells of all the tables of a file (columns x rows)\n"+
		"max-parse-cost: %d     # parser steps per byte for markup matched in quadratic time\n",
		lim.Nesting, lim.TableCells, lim.ParseCost)
	return b.String()
}
