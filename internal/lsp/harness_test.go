package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// waitTimeout bounds every wait of the protocol tests for the server: a
// hang fails the test instead of stalling the run. It is a deadline for
// a broken server, not a speed requirement.
const waitTimeout = 30 * time.Second

// testNow is the date the tests pin with initializationOptions.now.
const testNow = "2026-01-15"

// testClient is a client talking to a Server in the same process over
// pipes, recording what the server sends it.
type testClient struct {
	t    *testing.T
	srv  *Server
	conn jsonrpc2.Conn
	// toServer is the server's standard input, for raw frames.
	toServer *io.PipeWriter
	served   chan error

	mu          sync.Mutex
	changed     *sync.Cond
	published   []PublishDiagnosticsParams
	logs        []LogMessageParams
	requests    []clientRequest
	serveResult *error
}

type clientRequest struct {
	method string
	params json.RawMessage
}

// startServer starts a server with opts (the debounce defaulting to
// none) and a client for it; the test's cleanup ends both.
func startServer(t *testing.T, opts Options) *testClient {
	t.Helper()
	if opts.Debounce == 0 {
		opts.Debounce = time.Millisecond
	}
	srv := NewServer(opts)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &testClient{t: t, srv: srv, toServer: inW, served: make(chan error, 1)}
	c.changed = sync.NewCond(&c.mu)
	go func() {
		err := srv.Serve(context.Background(), inR, outW)
		outW.Close()
		inR.Close()
		c.mu.Lock()
		c.serveResult = &err
		c.changed.Broadcast()
		c.mu.Unlock()
		c.served <- err
	}()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(pipeConn{outR, inW}), jsonrpc2.WithCodec(stdCodec{}))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		inW.Close()
		select {
		case err := <-c.served:
			_ = err // the tests that care read it with serveErr
		case <-time.After(waitTimeout):
			t.Error("the server did not stop after its input closed")
		}
		_ = c.conn.Close()
	})
	return c
}

// pipeConn joins the client's ends of the two pipes.
type pipeConn struct {
	*io.PipeReader
	*io.PipeWriter
}

func (p pipeConn) Close() error {
	return errors.Join(p.PipeReader.Close(), p.PipeWriter.Close())
}

// handle records the server's notifications and answers its requests.
func (c *testClient) handle(_ context.Context, req *jsonrpc2.Request) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.changed.Broadcast()
	params := append(json.RawMessage(nil), req.Params()...)
	switch req.Method() {
	case methodPublishDiagnostics:
		var p PublishDiagnosticsParams
		if err := json.Unmarshal(params, &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
		}
		c.published = append(c.published, p)
	case methodLogMessage:
		var p LogMessageParams
		_ = json.Unmarshal(params, &p)
		c.logs = append(c.logs, p)
	default:
		// The method borrows jsonrpc2's read buffer.
		c.requests = append(c.requests, clientRequest{method: strings.Clone(req.Method()), params: params})
	}
	return nil, nil
}

// waitFor waits until cond, read with the client's state locked, holds.
func (c *testClient) waitFor(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	timer := time.AfterFunc(waitTimeout, func() {
		c.mu.Lock()
		c.changed.Broadcast()
		c.mu.Unlock()
	})
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for !cond() {
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting for %s", what)
		}
		c.changed.Wait()
	}
}

// diagnostics waits for the diagnostics published for uri at version.
func (c *testClient) diagnostics(uri string, version int32) []Diagnostic {
	c.t.Helper()
	var got []Diagnostic
	c.waitFor("the diagnostics of "+uri, func() bool {
		for i := len(c.published) - 1; i >= 0; i-- {
			if p := c.published[i]; p.URI == uri && p.Version != nil && *p.Version == version {
				got = p.Diagnostics
				return true
			}
		}
		return false
	})
	return got
}

// publishedCount returns how many publishDiagnostics arrived.
func (c *testClient) publishedCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.published)
}

// call sends a request and decodes its result into result.
func (c *testClient) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

// mustCall is call, failing the test on an error.
func (c *testClient) mustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// notify sends a notification.
func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// initialize initializes the session with the given capabilities (a
// JSON object) and initializationOptions.now set to testNow, params
// adding to (or replacing) initialize's params, and sends initialized.
func (c *testClient) initialize(capabilities string, params map[string]any) InitializeResult {
	c.t.Helper()
	p := map[string]any{
		"processId": nil, "rootUri": nil,
		"capabilities":          json.RawMessage(capabilities),
		"initializationOptions": map[string]any{"now": testNow},
	}
	for k, v := range params {
		p[k] = v
	}
	var res InitializeResult
	c.mustCall(methodInitialize, p, &res)
	c.notify(methodInitialized, map[string]any{})
	return res
}

// open opens a document.
func (c *testClient) open(uri, text string) {
	c.t.Helper()
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "markdown", Version: 1, Text: text}})
}

// change sends one incremental change.
func (c *testClient) change(uri string, version int32, rng *Range, text string) {
	c.t.Helper()
	c.notify(methodDidChange, DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: version},
		ContentChanges: []TextDocumentContentChangeEvent{{Range: rng, Text: text}},
	})
}

// pull asks for the diagnostics of uri.
func (c *testClient) pull(uri, previous string) json.RawMessage {
	c.t.Helper()
	var raw json.RawMessage
	c.mustCall(methodDiagnostic, DocumentDiagnosticParams{TextDocument: TextDocumentIdentifier{URI: uri}, PreviousResultID: previous}, &raw)
	return raw
}

// pullFull asks for the diagnostics of uri and wants a full report.
func (c *testClient) pullFull(uri string) FullDocumentDiagnosticReport {
	c.t.Helper()
	var rep FullDocumentDiagnosticReport
	if err := json.Unmarshal(c.pull(uri, ""), &rep); err != nil || rep.Kind != reportFull {
		c.t.Fatalf("pull %s: %v, kind %q", uri, err, rep.Kind)
	}
	return rep
}

// text returns the server's text of the open document at uri.
func (c *testClient) text(uri string) string {
	c.t.Helper()
	_, d, ok := c.srv.docs.get(uri)
	if !ok {
		c.t.Fatalf("%s is not open", uri)
	}
	return d.text
}

// shutdownAndExit ends the session as a client should, and returns what
// Serve returned.
func (c *testClient) shutdownAndExit() error {
	c.t.Helper()
	c.mustCall(methodShutdown, nil, nil)
	c.notify(methodExit, nil)
	return c.serveErr()
}

// serveErr waits for Serve to return and returns its error.
func (c *testClient) serveErr() error {
	c.t.Helper()
	var err error
	c.waitFor("Serve to return", func() bool {
		if c.serveResult != nil {
			err = *c.serveResult
			return true
		}
		return false
	})
	return err
}

// Capabilities the tests give their clients.
const (
	// pushCaps: a client that takes pushed diagnostics, UTF-16.
	pushCaps = `{}`
	// pullCaps: a client that pulls diagnostics.
	pullCaps = `{"textDocument": {"diagnostic": {}, "hover": {"contentFormat": ["markdown", "plaintext"]}}, "workspace": {"diagnostics": {"refreshSupport": true}}}`
)

// writeFile writes a file under dir, making its directories.
func writeFile(t *testing.T, dir, rel, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// repo returns a temporary directory holding .git, so that configuration
// lookups stop there.
func repo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
