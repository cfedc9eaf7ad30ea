package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

func TestInitialize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		capabilities string
		wantEncoding string
		wantPush     bool
	}{
		{"no capabilities: UTF-16, push", `{}`, "utf-16", true},
		{"UTF-8 first", `{"general": {"positionEncodings": ["utf-8", "utf-16"]}}`, "utf-8", true},
		{"UTF-32 first", `{"general": {"positionEncodings": ["utf-32", "utf-8"]}}`, "utf-32", true},
		{"unknown ones skipped", `{"general": {"positionEncodings": ["ebcdic", "utf-32"]}}`, "utf-32", true},
		{"only unknown: UTF-16", `{"general": {"positionEncodings": ["ebcdic"]}}`, "utf-16", true},
		{"a pulling client is not pushed", pullCaps, "utf-16", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := startServer(t, Options{})
			res := c.initialize(tt.capabilities, nil)
			caps := res.Capabilities
			if caps.PositionEncoding != tt.wantEncoding {
				t.Errorf("positionEncoding %q, want %q", caps.PositionEncoding, tt.wantEncoding)
			}
			if got := c.srv.sess.Load().push; got != tt.wantPush {
				t.Errorf("push %v, want %v", got, tt.wantPush)
			}
			if caps.TextDocumentSync.Change != syncIncremental || !caps.TextDocumentSync.OpenClose || !caps.HoverProvider {
				t.Errorf("capabilities %+v: want incremental sync, open/close and hover", caps)
			}
			if strings.Join(caps.CodeActionProvider.CodeActionKinds, ",") != "quickfix,source.fixAll.medlint" {
				t.Errorf("code action kinds %v", caps.CodeActionProvider.CodeActionKinds)
			}
			if caps.DiagnosticProvider.Identifier != "medlint" || res.ServerInfo.Name != "medlint" {
				t.Errorf("diagnosticProvider %+v, serverInfo %+v", caps.DiagnosticProvider, res.ServerInfo)
			}
			if err := c.shutdownAndExit(); err != nil {
				t.Errorf("Serve after shutdown and exit: %v, want nil", err)
			}
		})
	}
}

func TestInitializationOptionsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, options, want string
	}{
		{"now not a date", `{"now": "15/01/2026"}`, "initializationOptions.now"},
		{"debounce negative", `{"debounce": -1}`, "initializationOptions.debounce"},
		{"debounce not a number", `{"debounce": "soon"}`, "initializationOptions"},
		{"not an object", `[1]`, "initializationOptions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := startServer(t, Options{})
			err := c.call(methodInitialize, map[string]any{"capabilities": map[string]any{}, "initializationOptions": json.RawMessage(tt.options)}, nil)
			var je *jsonrpc2.Error
			if !errors.As(err, &je) || je.Code != jsonrpc2.InvalidParams || !strings.Contains(je.Message, tt.want) {
				t.Fatalf("initialize: %v, want an invalid-params error naming %s", err, tt.want)
			}
			// Not initialized: a valid initialize is still taken.
			c.initialize(pushCaps, nil)
		})
	}
}

// TestLifecycleErrors: requests out of turn get the protocol's errors,
// unknown methods MethodNotFound, and unknown notifications nothing.
func TestLifecycleErrors(t *testing.T) {
	t.Parallel()
	c := startServer(t, Options{})
	wantCode := func(what string, err error, code jsonrpc2.Code) {
		t.Helper()
		var je *jsonrpc2.Error
		if !errors.As(err, &je) || je.Code != code {
			t.Errorf("%s: %v, want code %d", what, err, code)
		}
	}
	wantCode("hover before initialize", c.call(methodHover, HoverParams{}, nil), jsonrpc2.ServerNotInitialized)
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: "file:///x.md"}})
	c.initialize(pushCaps, nil)
	if _, _, ok := c.srv.docs.get("file:///x.md"); ok {
		t.Error("a didOpen before initialize was taken")
	}
	wantCode("second initialize", c.call(methodInitialize, map[string]any{"capabilities": map[string]any{}}, nil), jsonrpc2.InvalidRequest)
	wantCode("unknown method", c.call("textDocument/definition", map[string]any{}, nil), jsonrpc2.MethodNotFound)
	wantCode("invalid params", c.call(methodHover, json.RawMessage(`{"position": {"line": -1}}`), nil), jsonrpc2.InvalidParams)
	wantCode("missing params", c.call(methodCodeAction, nil, nil), jsonrpc2.InvalidParams)
	c.notify("$/unknownNotification", map[string]any{"x": 1})
	c.notify("workspace/somethingElse", nil)
	c.notify(methodDidChange, json.RawMessage(`{"textDocument": 5}`)) // logged, not fatal
	c.notify(methodCancelRequest, map[string]any{"id": 99})
	// Still serving.
	var h *Hover
	c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: "file:///none.md"}}, &h)
	if h != nil {
		t.Errorf("hover on a document that is not open: %+v, want null", h)
	}
	c.mustCall(methodShutdown, nil, nil)
	wantCode("hover after shutdown", c.call(methodHover, HoverParams{}, nil), jsonrpc2.InvalidRequest)
	c.notify(methodExit, nil)
	if err := c.serveErr(); err != nil {
		t.Errorf("Serve: %v, want nil", err)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		end  func(c *testClient)
	}{
		{"exit", func(c *testClient) { c.notify(methodExit, nil) }},
		{"end of input", func(c *testClient) { c.toServer.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := startServer(t, Options{})
			c.initialize(pushCaps, nil)
			c.open("file:///tmp/a.md", "# A\n")
			tt.end(c)
			if err := c.serveErr(); !errors.Is(err, ErrNoShutdown) {
				t.Errorf("Serve: %v, want ErrNoShutdown", err)
			}
		})
	}
}

// TestMalformedMessages: frames that are not JSON-RPC messages are
// answered with the JSON-RPC error and the server reads on; a malformed
// header ends the connection (nothing says where the next frame starts)
// without a panic.
func TestMalformedMessages(t *testing.T) {
	t.Parallel()
	bodies := []struct {
		body string
		code jsonrpc2.Code
	}{
		{`{not json`, jsonrpc2.ParseError},
		{`"a string"`, jsonrpc2.InvalidRequest},
		{`{"jsonrpc": "2.0", "id": 1, "method": 7}`, jsonrpc2.InvalidRequest},
		{`{"jsonrpc": "2.0", "id": 2, "method": "x", "result": 1}`, jsonrpc2.InvalidRequest},
		{`[{"jsonrpc": "2.0", "method": "x"`, jsonrpc2.ParseError},
		{"\x00\xff", jsonrpc2.ParseError},
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	srv := NewServer(Options{})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(t.Context(), inR, outW); outW.Close() }()
	frames := jsonrpc2.NewStream(pipeConn{outR, inW}).(frameStream)
	// The server's frames are read as they come: a server blocked writing
	// a log line would not read the next frame.
	answers := make(chan map[string]any, 100)
	go func() {
		defer close(answers)
		for {
			frame, _, err := frames.ReadFrame(t.Context())
			if err != nil {
				return
			}
			var m map[string]any
			if err := json.Unmarshal(frame, &m); err != nil {
				t.Errorf("the server wrote %q: %v", frame, err)
				return
			}
			if m["method"] != methodLogMessage {
				answers <- m
			}
		}
	}()
	next := func() map[string]any {
		t.Helper()
		select {
		case m, ok := <-answers:
			if !ok {
				t.Fatal("the server closed its output")
			}
			return m
		case <-time.After(waitTimeout):
			t.Fatal("no answer from the server")
		}
		return nil
	}
	for _, b := range bodies {
		if _, err := fmt.Fprintf(inW, "Content-Length: %d\r\n\r\n%s", len(b.body), b.body); err != nil {
			t.Fatal(err)
		}
		m := next()
		e, _ := m["error"].(map[string]any)
		if code, _ := e["code"].(float64); jsonrpc2.Code(code) != b.code || m["id"] != nil {
			t.Errorf("%q: answered %v, want error %d with a null id", b.body, m, b.code)
		}
	}
	init := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	fmt.Fprintf(inW, "Content-Length: %d\r\n\r\n%s", len(init), init)
	if m := next(); m["result"] == nil {
		t.Fatalf("initialize after the malformed frames: %v", m)
	}
	fmt.Fprint(inW, "Content-Length: banana\r\n\r\n{}")
	if err := <-served; err == nil || !strings.Contains(err.Error(), "header") {
		t.Errorf("Serve after a malformed header: %v, want the header error", err)
	}
	inW.Close()
}

// TestPanicIsAnError: a panic in a handler answers the request with an
// internal error (a notification's is logged), and the server goes on.
func TestPanicIsAnError(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(pushCaps, nil)
	c.open("file:///tmp/p.md", "# P\n")
	hook := func(method string) {
		if method == methodHover || method == methodDidChange {
			panic("boom in " + method)
		}
	}
	panicHook.Store(&hook)
	t.Cleanup(func() { panicHook.Store(nil) })
	err := c.call(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: "file:///tmp/p.md"}}, nil)
	var je *jsonrpc2.Error
	if !errors.As(err, &je) || je.Code != jsonrpc2.InternalError || !strings.Contains(je.Message, "boom") {
		t.Errorf("hover that panics: %v, want an internal error", err)
	}
	c.change("file:///tmp/p.md", 2, nil, "# Q\n")
	c.waitFor("the panic's log line", func() bool {
		for _, l := range c.logs {
			if strings.Contains(l.Message, "boom in textDocument/didChange") {
				return true
			}
		}
		return false
	})
	panicHook.Store(nil)
	var h *Hover
	c.mustCall(methodHover, HoverParams{TextDocument: TextDocumentIdentifier{URI: "file:///tmp/p.md"}}, &h)
	if err := c.shutdownAndExit(); err != nil {
		t.Errorf("Serve: %v", err)
	}
}
