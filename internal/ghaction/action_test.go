package ghaction

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/testsupport"
)

// action is what the tests read of action.yml.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Steps []struct {
			Name string            `yaml:"name"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) (action, string) {
	t.Helper()
	raw, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(raw, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, string(raw)
}

// TestActionInputs checks that every ${{ inputs.X }} the action names is
// declared, that no expression is spliced into a script (where a path or
// an argument could inject commands: inputs reach scripts through env),
// and that each declared output is written by the run step.
func TestActionInputs(t *testing.T) {
	t.Parallel()
	a, raw := readAction(t)
	for _, m := range regexp.MustCompile(`\$\{\{\s*inputs\.([\w-]+)\s*\}\}`).FindAllStringSubmatch(raw, -1) {
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", m[1])
		}
	}
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q splices an expression into its script: %q", s.Name, s.Run)
		}
	}
	script, err := os.ReadFile("../../.github/action/run.sh")
	if err != nil {
		t.Fatal(err)
	}
	for name := range a.Outputs {
		if !strings.Contains(string(script), `echo "`+name+`=`) {
			t.Errorf("output %s is declared but run.sh never writes it", name)
		}
	}
	if len(a.Outputs) == 0 {
		t.Error("action.yml declares no outputs")
	}
}

// runner is a fake GitHub runner for run.sh: its temporary directory, its
// output and summary files, and a PATH with medlint on it.
type runner struct {
	dir, temp, output, summary, path string
}

func newRunner(t *testing.T, bin string) *runner {
	t.Helper()
	dir := t.TempDir()
	r := &runner{dir: filepath.Join(dir, "repo"), temp: filepath.Join(dir, "runner"),
		output: filepath.Join(dir, "output"), summary: filepath.Join(dir, "summary.md"),
		path: filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH")}
	for _, d := range []string{r.dir, r.temp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func (r *runner) write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs run.sh with inputs, returning its exit code and standard output.
func (r *runner) run(t *testing.T, inputs map[string]string) (int, string, string) {
	t.Helper()
	script, err := filepath.Abs("../../.github/action/run.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", script)
	cmd.Dir = r.dir
	cmd.Env = []string{"PATH=" + r.path, "HOME=" + r.temp, "RUNNER_TEMP=" + r.temp, "GITHUB_OUTPUT=" + r.output,
		"GITHUB_STEP_SUMMARY=" + r.summary, "GITHUB_ACTIONS=true"}
	for k, v := range inputs {
		cmd.Env = append(cmd.Env, "INPUT_"+k+"="+v)
	}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run.sh: %v", err)
	}
	return code, stdout.String(), stderr.String()
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(data)
}

// manyWarnings is an article with twelve duplicate headings: more warnings
// than GitHub shows annotations of a step.
func manyWarnings() string {
	var b strings.Builder
	b.WriteString("# Eczema\n\n## Causes\n\nText.\n\n")
	for range 12 {
		b.WriteString("## Causes\n\nText.\n\n")
	}
	return b.String()
}

// TestRunStep runs the action's run step with a real medlint and bash.
func TestRunStep(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("bash"); err != nil {
		testsupport.Unavailable(t, "bash not found: %v", err)
	}
	bin := testsupport.BuildMedlint(t)

	t.Run("over the annotation limit", func(t *testing.T) {
		t.Parallel()
		r := newRunner(t, bin)
		r.write(t, "page.md", manyWarnings())
		sarif := filepath.Join(r.temp, "out", "medlint.sarif")
		code, out, stderr := r.run(t, map[string]string{"PATHS": "page.md", "ARGS": "--no-config --only duplicate-heading", "FAIL_ON": "warning", "SARIF": sarif})
		if code != 1 {
			t.Fatalf("exit %d, want 1 (warnings at --fail-on warning); stderr %s", code, stderr)
		}
		if n := strings.Count(out, "::warning "); n != 12 {
			t.Errorf("%d warning annotations, want 12:\n%s", n, out)
		}
		if !strings.Contains(out, "GitHub shows 10 of each kind for a step") || !strings.Contains(out, "job summary") {
			t.Errorf("no word of the annotation limit pointing to the summary:\n%s", out)
		}
		if s := readFile(t, r.summary); !strings.Contains(s, "## medlint") || !strings.Contains(s, "duplicate-heading") {
			t.Errorf("job summary:\n%s", s)
		}
		outputs := readFile(t, r.output)
		for _, want := range []string{"findings=12\n", "report=" + filepath.Join(r.temp, "medlint", "report.json") + "\n", "sarif=" + sarif + "\n"} {
			if !strings.Contains(outputs, want) {
				t.Errorf("GITHUB_OUTPUT lacks %q:\n%s", want, outputs)
			}
		}
		var log struct {
			Runs []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(readFile(t, sarif)), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != 12 {
			t.Errorf("SARIF log: %v, %+v; want one run of 12 results", err, log)
		}
	})

	t.Run("clean, no summary", func(t *testing.T) {
		t.Parallel()
		r := newRunner(t, bin)
		r.write(t, "page.md", "# Eczema\n\nText.\n")
		code, out, stderr := r.run(t, map[string]string{"PATHS": "page.md", "ARGS": "--no-config --only duplicate-heading", "SUMMARY": "false"})
		if code != 0 || strings.Contains(out, "::") || strings.Contains(out, "GitHub shows") {
			t.Errorf("exit %d, stdout %q, stderr %q; want 0 and nothing to annotate", code, out, stderr)
		}
		if s := readFile(t, r.summary); s != "" {
			t.Errorf("summary: false wrote a summary:\n%s", s)
		}
		if !strings.Contains(readFile(t, r.output), "findings=0\n") {
			t.Errorf("GITHUB_OUTPUT: %q", readFile(t, r.output))
		}
	})

	t.Run("bad config", func(t *testing.T) {
		t.Parallel()
		r := newRunner(t, bin)
		r.write(t, "page.md", "# Eczema\n")
		r.write(t, ".medlint.yml", "rules:\n  no-such-rule: {}\n")
		code, _, stderr := r.run(t, map[string]string{"PATHS": "page.md"})
		if code != 2 || !strings.Contains(stderr, "no-such-rule") {
			t.Errorf("exit %d, stderr %q; want 2 naming the unknown rule", code, stderr)
		}
	})

	t.Run("arguments are not commands", func(t *testing.T) {
		t.Parallel()
		r := newRunner(t, bin)
		r.write(t, "page.md", "# Eczema\n")
		pwned := filepath.Join(r.dir, "pwned")
		code, _, _ := r.run(t, map[string]string{"PATHS": "page.md $(touch " + pwned + ")", "ARGS": "--no-config; touch " + pwned})
		if _, err := os.Stat(pwned); err == nil {
			t.Fatal("an input ran a command")
		}
		if code != 2 {
			t.Errorf("exit %d, want 2 (the pieces are not files or flags medlint knows)", code)
		}
	})
}
