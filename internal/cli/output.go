package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
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
			return outputError(output, err)
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
	tmp, err := createReportFile(filepath.Dir(output))
	if err != nil {
		return outputError(output, err)
	}
	defer os.Remove(tmp.Name())
	// The replacement keeps the mode of the report it replaces (a report
	// kept 0600 stays private); a new one has 0666 less the umask, as
	// the shell's > would give it.
	if st, err := os.Stat(output); err == nil {
		if err := tmp.Chmod(st.Mode().Perm()); err != nil {
			tmp.Close()
			return fmt.Errorf("writing %s: %w", output, err)
		}
	}
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

// outputError says that the report cannot be written to output, the path
// the user gave, and why: not the name of the temporary file beside it
// that failed ("open dir/.medlint-report-123: permission denied").
func outputError(output string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("--output %s: cannot write the report there: %w", output, err)
}

// createReportFile creates a new file in dir for writeReport to rename
// into place. Unlike os.CreateTemp (always 0600), it asks for 0666 and so
// lets the umask decide the mode.
func createReportFile(dir string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".medlint-report-%d", rand.Uint64()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("cannot create a temporary file in %s", dir)
}

// sourceURL returns the URL the Markdown summary links findings under:
// the commit being checked on GitHub, under GitHub Actions (its
// GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA), else "".
func (e *env) sourceURL() string {
	server, repo, sha := e.getenv("GITHUB_SERVER_URL"), e.getenv("GITHUB_REPOSITORY"), e.getenv("GITHUB_SHA")
	if e.getenv("GITHUB_ACTIONS") != "true" || server == "" || repo == "" || sha == "" {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + sha
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
