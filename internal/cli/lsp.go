package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/medlint/medlint/internal/lsp"
)

// exitNoShutdown is the exit code of `medlint lsp` when the client ends
// the session without shutdown, as the protocol asks.
const exitNoShutdown = 1

func (e *env) lspCommand() *cobra.Command {
	var stdio bool
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server (LSP over standard input and output) for editors",
		Long: "medlint lsp speaks the Language Server Protocol over standard input and output: diagnostics as you type,\n" +
			"quick fixes, \"fix all\" and hovers with each rule's explanation. Each file uses the configuration\n" +
			"`medlint check` would use for it. initializationOptions: {\"now\": \"YYYY-MM-DD\", \"debounce\": MILLISECONDS}.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer lsp.PaceCollector(e.getenv)()
			srv := lsp.NewServer(lsp.Options{Stderr: e.stderr, WorkDir: e.workDir})
			err := srv.Serve(cmd.Context(), e.stdin, e.stdout)
			switch {
			case err == nil:
				return nil
			case errors.Is(err, lsp.ErrNoShutdown):
				return &exitError{code: exitNoShutdown, err: err}
			}
			return &exitError{code: ExitError, err: err}
		},
	}
	cmd.Flags().BoolVar(&stdio, "stdio", false, "talk over standard input and output (the only transport; accepted because editors pass it)")
	return cmd
}
