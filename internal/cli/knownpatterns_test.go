package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"go/format"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/medlint/medlint/internal/fastre"
	"github.com/medlint/medlint/internal/keywords"
	"github.com/medlint/medlint/internal/match"
	"github.com/medlint/medlint/internal/testsupport"
)

var updateKnown = flag.Bool("update-known", false, "rewrite internal/match/known_gen.go, internal/keywords/known_gen.bin and internal/fastre/known_gen.bin from the expressions and word lists medlint's checks read")

// knownGenFile is package match's table of expressions read at build
// time.
const knownGenFile = "../match/known_gen.go"

// knownAutomataFile is package keywords' table of automata built at build
// time.
const knownAutomataFile = "../keywords/known_gen.bin"

// knownProgsFile is package fastre's table of programs compiled at build
// time.
const knownProgsFile = "../fastre/known_gen.bin"

// knownReached is what the child check reports: the expressions read, the
// table of the automata built (keywords.KnownSource of the word lists),
// and how many of those lists the table in the tree lacks; the table of
// the programs fastre compiled (fastre.KnownSource), how many, and how
// many of them the table in the tree lacks.
type knownReached struct {
	Exprs                   []match.Reached
	Automata                []byte
	Lists, Missing          int
	Progs                   []byte
	ProgExprs, ProgsMissing int
}

// knownInputs are the files whose check decides which built-in
// expressions the table holds: the seed article and the rules' goldens,
// under the default configuration (every rule runs on them, and every
// set a rule builds when a text first needs it is built).
func knownInputs(t *testing.T) []string {
	t.Helper()
	ins := []string{testsupport.Shared(t, "corpus", "seed", "gut-skin-connection.md")}
	for _, dir := range []string{"../../testdata/rules", "../../testdata/examples"} {
		abs, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, abs)
	}
	return ins
}

// TestKnownPatternsGenerated checks that internal/match/known_gen.go holds
// the reading of exactly the built-in expressions a check of the seed
// article and the goldens reads, internal/keywords/known_gen.bin the
// automata of exactly the word lists it builds, and
// internal/fastre/known_gen.bin the programs of exactly the expressions
// fastre compiles (package match's TestKnownIsDerived, package keywords'
// TestKnownIsBuilt and package fastre's TestKnownIsCompiled prove each
// entry right): go test ./internal/cli -run TestKnownPatternsGenerated
// -update-known rewrites all three after a built-in expression changes. The
// check runs in a process of its own, so that only it decides what was
// read.
func TestKnownPatternsGenerated(t *testing.T) {
	if out := os.Getenv("MEDLINT_KNOWN_CHILD"); out != "" {
		knownPatternsChild(t, out)
		return
	}
	t.Parallel()
	out := filepath.Join(t.TempDir(), "reached.json")
	args := append([]string{"-test.run=^TestKnownPatternsGenerated$"}, knownInputs(t)...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "MEDLINT_KNOWN_CHILD="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child check: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var kr knownReached
	if err := json.Unmarshal(data, &kr); err != nil {
		t.Fatal(err)
	}
	reached := kr.Exprs
	src, err := match.KnownSource(reached)
	if err != nil {
		t.Fatal(err)
	}
	if src, err = format.Source(src); err != nil {
		t.Fatal(err)
	}
	if *updateKnown {
		if err := os.WriteFile(knownGenFile, src, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(knownAutomataFile, kr.Automata, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(knownProgsFile, kr.Progs, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	checkKnownAutomata(t, kr)
	checkKnownProgs(t, kr)
	have, err := os.ReadFile(knownGenFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, src) {
		var missing int
		for _, r := range reached {
			if !r.Known {
				missing++
			}
		}
		t.Errorf("%s is stale (%d of the %d expressions a check reads are not in it): run go test ./internal/cli -run TestKnownPatternsGenerated -update-known", knownGenFile, missing, len(reached))
	}
}

// checkKnownAutomata fails unless internal/keywords/known_gen.bin is the
// table the child's check gives.
func checkKnownAutomata(t *testing.T, kr knownReached) {
	t.Helper()
	have, err := os.ReadFile(knownAutomataFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, kr.Automata) {
		t.Errorf("%s is stale (%d of the %d word lists a check builds automata of are not in it): run go test ./internal/cli -run TestKnownPatternsGenerated -update-known", knownAutomataFile, kr.Missing, kr.Lists)
	}
}

// checkKnownProgs fails unless internal/fastre/known_gen.bin is the table
// the child's check gives.
func checkKnownProgs(t *testing.T, kr knownReached) {
	t.Helper()
	have, err := os.ReadFile(knownProgsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, kr.Progs) {
		t.Errorf("%s is stale (%d of the %d expressions a check compiles are not in it, or it holds some no check compiles): run go test ./internal/cli -run TestKnownPatternsGenerated -update-known", knownProgsFile, kr.ProgsMissing, kr.ProgExprs)
	}
}

// knownPatternsChild is TestKnownPatternsGenerated in the child process:
// it checks the files named on the command line with the default
// configuration and writes what it read and built to out.
func knownPatternsChild(t *testing.T, out string) {
	t.Helper()
	match.RecordReached()
	keywords.RecordReached()
	fastre.RecordReached()
	args := append([]string{"check", "--no-cache", "--no-config", "--now", "2026-11-25", "-j", "1"}, flag.Args()...)
	if code := Main(args, bytes.NewReader(nil), io.Discard, io.Discard); code > 1 {
		t.Fatalf("medlint %v: exit %d", args, code)
	}
	lists, missing := keywords.ReachedLists()
	kr := knownReached{Exprs: match.ReachedExprs(), Automata: keywords.KnownSource(lists), Lists: len(lists), Missing: missing}
	progs, progsMissing := fastre.ReachedExprs()
	kr.Progs, kr.ProgExprs, kr.ProgsMissing = fastre.KnownSource(progs), len(progs), progsMissing
	data, err := json.Marshal(kr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
