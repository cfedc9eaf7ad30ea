package cli

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/medlint/medlint/internal/testsupport"
)

// BenchmarkCheckSeedAgain runs `medlint check --no-cache --no-config -`
// on the seed article in process, again and again: what a run costs once
// the process's one-time work (the built-in lexicons and pattern sets,
// shared by every configuration that keeps them) is done: resolving a
// configuration (each rule prepared), parsing and checking the article,
// writing the report. internal/bench's BenchmarkStartup measures a fresh
// process. Run it with
//
//	go test ./internal/cli -run '^$' -bench CheckSeedAgain -benchmem
func BenchmarkCheckSeedAgain(b *testing.B) {
	seed, err := os.ReadFile(testsupport.Shared(b, "corpus", "seed", "gut-skin-connection.md"))
	if err != nil {
		b.Fatal(err)
	}
	args := []string{"check", "--no-cache", "--no-config", "-"}
	if code := Main(args, bytes.NewReader(seed), io.Discard, io.Discard); code > 1 {
		b.Fatalf("exit %d", code)
	}
	b.ReportAllocs()
	for b.Loop() {
		Main(args, bytes.NewReader(seed), io.Discard, io.Discard)
	}
}
