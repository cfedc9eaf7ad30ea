package lint_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lint"
)

type testOptions struct {
	Word string `yaml:"word"`
}

// TestDefinitionPrepare: options reach Run typed, defaults when none are
// given; Build runs once per Prepare and sees the environment; options of
// another type and a definition with nothing to run are errors, not panics.
func TestDefinitionPrepare(t *testing.T) {
	t.Parallel()
	doc, err := document.Parse("t.md", []byte("# Title\n"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(pass *lint.Pass, o *testOptions) error {
		pass.Reportf(0, 1, "word %s", o.Word)
		return nil
	}
	defaults := func() *testOptions { return &testOptions{Word: "default"} }
	built := 0
	build := func(o *testOptions, env lint.Env) (lint.Check, error) {
		built++
		if o.Word == "bad" {
			return nil, errors.New("word must not be bad")
		}
		w := o.Word
		if env.Explicit("word") {
			w += " (set)"
		}
		return func(pass *lint.Pass) error { pass.Reportf(0, 1, "built %s", w); return nil }, nil
	}
	tests := []struct {
		name    string
		def     lint.Rule
		options any
		env     lint.Env
		want    string // the message reported, or the error
	}{
		{"defaults", &lint.Definition[testOptions]{Info: lint.Meta{ID: "t"}, Defaults: defaults, Run: run}, nil, lint.Env{}, "word default"},
		{"configured", &lint.Definition[testOptions]{Info: lint.Meta{ID: "t"}, Defaults: defaults, Run: run}, &testOptions{Word: "set"}, lint.Env{}, "word set"},
		{"built", &lint.Definition[testOptions]{Info: lint.Meta{ID: "t"}, Defaults: defaults, Build: build}, &testOptions{Word: "w"},
			lint.Env{Explicit: func(n string) bool { return n == "word" }}, "built w (set)"},
		{"built, no env", &lint.Definition[testOptions]{Info: lint.Meta{ID: "t"}, Defaults: defaults, Build: build}, nil, lint.Env{}, "built default"},
		{"build error", &lint.Definition[testOptions]{Info: lint.Meta{ID: "t"}, Defaults: defaults, Build: build}, &testOptions{Word: "bad"}, lint.Env{}, "error: word must not be bad"},
		{"wrong type", &lint.Definition[testOptions]{Info: lint.Meta{ID: "t"}, Defaults: defaults, Run: run}, &struct{}{}, lint.Env{}, "error: rule t: options of type *struct {}, want *lint_test.testOptions"},
		{"nothing to run", &lint.Definition[testOptions]{Info: lint.Meta{ID: "t"}}, nil, lint.Env{}, "error: rule t defines neither Run nor Build"},
	}
	for _, tt := range tests {
		check, err := tt.def.Prepare(tt.options, tt.env)
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		} else {
			pass := lint.NewPass(doc, time.Time{}, func(d lint.Diagnostic) { got = d.Message })
			if err := check(pass); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
		}
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if built != 3 {
		t.Errorf("Build ran %d times for three prepares", built)
	}
	if (&lint.Definition[lint.NoOptions]{}).NewOptions() != nil {
		t.Error("a rule without Defaults has options")
	}
	if o, ok := (&lint.Definition[testOptions]{Defaults: defaults}).NewOptions().(*testOptions); !ok || !strings.EqualFold(o.Word, "default") {
		t.Errorf("NewOptions = %#v, want the defaults", o)
	}
}
