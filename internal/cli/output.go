package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/medlint/medlint/internal/report"
	"github.com/medlint/medlint/internal/result"
)

// writeReport writes rep to output ("" or "-": to w). A regular file (or a
// new one) is replaced atomically, so a reader never sees half a report;
// anything else (/dev/null, a named pipe, a terminal) is written in place:
// renaming over it would replace the device itself.
func writeReport(formatter report.Formatter, rep *result.Report, output string, w io.Writer) error {
	if output == "" || output == "-" {
		if err := formatter.Format(w, rep); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
		return nil
	}
	if st, err := os.Stat(output); err == nil && !st.Mode().IsRegular() {
		f, err := os.OpenFile(output, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("--output: %w", err)
		}
		if err := formatter.Format(f, rep); err != nil {
			f.Close()
			return fmt.Errorf("writing %s: %w", output, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", output, err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(output), ".medlint-report-*")
	if err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	defer os.Remove(tmp.Name())
	_ = tmp.Chmod(0o644)
	if err := formatter.Format(tmp, rep); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", output, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", output, err)
	}
	if err := os.Rename(tmp.Name(), output); err != nil {
		return fmt.Errorf("writing %s: %w", output, err)
	}
	return nil
}

// reportFlags are the report flags check and merge share.
type reportFlags struct {
	format  string
	output  string
	failOn  string
	noColor bool
	quiet   bool
}

func (r *reportFlags) register(fl *pflag.FlagSet) {
	fl.StringVarP(&r.format, "format", "f", "text", "output format: "+strings.Join(report.Names(), ", "))
	fl.StringVarP(&r.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fl.StringVar(&r.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warning, info or none")
	fl.BoolVar(&r.noColor, "no-color", false, "never colour the output (NO_COLOR=1 does the same)")
	fl.BoolVarP(&r.quiet, "quiet", "q", false, "print no summary line")
}
