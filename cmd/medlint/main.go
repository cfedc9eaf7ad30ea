// Command medlint lints health and wellness articles written in Markdown.
// All logic lives in internal/cli; see `medlint --help`.
package main

import (
	"os"

	"github.com/medlint/medlint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
