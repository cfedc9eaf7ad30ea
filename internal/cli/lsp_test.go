package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// frames writes JSON-RPC messages with the protocol's headers.
func frames(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

// TestLSPCommand: `medlint lsp` answers initialize over standard input
// and output and exits 0 after shutdown and exit, 1 when its input ends
// without them (the protocol's exit codes); --stdio is accepted.
func TestLSPCommand(t *testing.T) {
	t.Parallel()
	initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"now":"2026-01-15"}}}`
	tests := []struct {
		name     string
		args     []string
		input    string
		wantCode int
	}{
		{"shutdown and exit", []string{"lsp"}, frames(initialize, `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`), 0},
		{"--stdio", []string{"lsp", "--stdio"}, frames(initialize, `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`), 0},
		{"end of input", []string{"lsp"}, frames(initialize), 1},
		{"exit without shutdown", []string{"lsp"}, frames(initialize, `{"jsonrpc":"2.0","method":"exit"}`), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := medlint(t, t.TempDir(), tt.input, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, tt.wantCode, r.stderr)
			}
			_, body, ok := strings.Cut(r.stdout, "\r\n\r\n")
			if !ok {
				t.Fatalf("no framed answer on standard output: %q", r.stdout)
			}
			body, _, _ = strings.Cut(body, "Content-Length")
			var res struct {
				ID     int `json:"id"`
				Result struct {
					Capabilities struct {
						PositionEncoding string `json:"positionEncoding"`
					} `json:"capabilities"`
					ServerInfo struct {
						Name string `json:"name"`
					} `json:"serverInfo"`
				} `json:"result"`
			}
			if err := json.Unmarshal([]byte(body), &res); err != nil || res.ID != 1 || res.Result.ServerInfo.Name != "medlint" || res.Result.Capabilities.PositionEncoding != "utf-16" {
				t.Errorf("initialize answered %q (%v)", body, err)
			}
		})
	}
}
