package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/testsupport/schematest"
)

// schemaFor compiles the schema medlint schema prints.
func schemaFor(t *testing.T) (*jsonschema.Schema, []byte) {
	t.Helper()
	r := medlint(t, t.TempDir(), "", "schema")
	if r.code != 0 {
		t.Fatalf("medlint schema: exit %d %s", r.code, r.stderr)
	}
	return schematest.Compile(t, config.SchemaURL(), []byte(r.stdout)), []byte(r.stdout)
}

// TestSchemaCommandPrintsTheCheckedInSchema checks that medlint schema
// prints editors/medlint.schema.json, whose $id is the URL init's
// modeline names.
func TestSchemaCommandPrintsTheCheckedInSchema(t *testing.T) {
	t.Parallel()
	_, out := schemaFor(t)
	want, err := os.ReadFile("../../" + config.SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("medlint schema differs from %s (go test ./internal/config -run TestSchemaIsCheckedIn -update)", config.SchemaFile)
	}
	var s struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(out, &s); err != nil || s.ID != config.SchemaURL() {
		t.Errorf("the schema's $id is %q (%v), want %s", s.ID, err, config.SchemaURL())
	}
}

// TestInitConfigMatchesTheSchema validates what medlint init writes
// against the schema: the file as written (all comments, which the
// schema takes as an empty file), its settings made live (every rule with
// every option at its default), and those with the examples of
// page-kinds, providers and overrides uncommented too; each also loads.
// The file's first line is the modeline that points editors at the
// schema.
func TestInitConfigMatchesTheSchema(t *testing.T) {
	t.Parallel()
	s, _ := schemaFor(t)
	written := InitConfig()
	if first, _, _ := strings.Cut(written, "\n"); first != "# yaml-language-server: $schema="+config.SchemaURL() {
		t.Errorf("init's first line is %q, want the yaml-language-server modeline for %s", first, config.SchemaURL())
	}
	examples := regexp.MustCompile(`(?m)^#( {2,}|[^ \n])`).ReplaceAllString(initSettings(), "$1")
	examples = strings.Replace(examples, "overrides: []\n", "overrides:\n", 1)
	if examples == initSettings() || !strings.Contains(examples, "\nproviders:\n  disclaimer:") || !strings.Contains(examples, "\n  keys: [layout]\n") {
		t.Fatalf("uncommenting init's examples changed nothing:\n%s", examples)
	}
	for name, text := range map[string]string{"as written": written, "settings": initSettings(), "settings and examples": examples} {
		if _, err := config.Parse(".medlint.yml", t.TempDir(), []byte(text)); err != nil {
			t.Errorf("init's config (%s) does not load: %v", name, err)
		}
		if err := schematest.ValidateYAML(s, []byte(text)); err != nil {
			t.Errorf("init's config (%s) does not match the schema: %v\n%s", name, err, text)
		}
	}
}
