// Package cli defines medlint's commands with cobra. cmd/medlint only calls
// Main.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/version"

	// The built-in rules add themselves to lint's registry: the program
	// is the one place that links them.
	_ "github.com/medlint/medlint/rules"
)

// Exit codes: the contract CI relies on.
const (
	ExitClean    = 0 // nothing at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitError    = 2 // usage, config or I/O error
)

// exitError carries an exit code up to Main; golangci-lint style, so that
// no command calls os.Exit itself.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// env is what commands read from the process, injectable for tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	workDir        string
	isTerminal     func(w io.Writer) bool
}

// Main runs medlint with args (without the program name) and returns the
// exit code. It never panics: an internal error becomes exit code 2 with a
// one-line message.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "medlint: internal error: %s (please report this at %s/issues)\n", report.EscapeControl(fmt.Sprint(p)), version.InformationURI)
			code = ExitError
		}
	}()
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "medlint: cannot read the working directory: %v\n", err)
		return ExitError
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, workDir: wd, isTerminal: isTerminal}
	return e.run(args)
}

func (e *env) run(args []string) int {
	root := e.rootCommand()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitClean
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			for _, line := range errorLines(ee.err) {
				fmt.Fprintf(e.stderr, "medlint: %s\n", line)
			}
		}
		return ee.code
	}
	// Anything else comes from cobra: an unknown command or flag.
	fmt.Fprintf(e.stderr, "medlint: %s\nRun 'medlint --help' for usage.\n", report.EscapeControl(err.Error()))
	return ExitError
}

// errorLines returns the lines that report err: one per error joined
// with errors.Join (a config with several problems), each with its control
// characters escaped, so that a quoted value or a file name cannot forge a
// line of its own.
func errorLines(err error) []string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, errorLines(e)...)
		}
		return lines
	}
	return []string{report.EscapeControl(err.Error())}
}

func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "medlint",
		Short: "Lint and compliance-check health and wellness articles written in Markdown",
		Long: "medlint checks health articles for what editors and regulators look for: medical disclaimers,\n" +
			"medical review dates, uncited claims, duplicate headings and malformed lists.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version.Version,
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.SetVersionTemplate(versionLine()) // -v and --version print what `medlint version` does
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(e.checkCommand(), e.mergeCommand(), e.rulesCommand(), e.explainCommand(), e.explainFileCommand(), e.reviewDueCommand(), e.initCommand(), e.schemaCommand(), e.lspCommand(), e.versionCommand())
	return root
}

// versionLine is what `medlint version`, -v and --version print.
func versionLine() string { return version.Name + " " + version.Version + "\n" }

func (e *env) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print medlint's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprint(e.stdout, versionLine())
			return nil
		},
	}
}
