package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/medlint/medlint/internal/version"
)

// DefaultDebounce is how long the server waits after an edit, with no
// further edit, before it lints the document and publishes diagnostics.
const DefaultDebounce = 150 * time.Millisecond

// closeTimeout bounds the wait, after exit, for the connection to drain:
// a read blocked on a standard input the client keeps open ends with the
// process.
const closeTimeout = 500 * time.Millisecond

// ErrNoShutdown is Serve's error when the client went away (exit, or the
// end of its input) without asking for shutdown first: the protocol's
// exit code 1.
var ErrNoShutdown = errors.New("the client ended the session without shutdown")

// Options configure a Server.
type Options struct {
	// Stderr receives the server's log lines (nil: none); the client gets
	// them as window/logMessage too.
	Stderr io.Writer
	// WorkDir is where a document that is not a file looks for its
	// configuration when the client names no workspace folder.
	WorkDir string
	// Debounce is the wait after an edit before linting (0:
	// DefaultDebounce); initializationOptions.debounce overrides it.
	Debounce time.Duration
	// Today returns the date date rules treat as today (nil: the real
	// date, as `medlint check` without --now); initializationOptions.now
	// overrides it.
	Today func() time.Time
}

// Server is medlint's language server: one per connection.
type Server struct {
	opts Options
	log  *logger
	docs *documents

	conn  jsonrpc2.Conn
	lints *debouncer

	// state is the session's stage (stateNew, stateRunning, stateShutdown).
	state atomic.Int32
	// sess is what initialize settled; set once, before any other request.
	sess atomic.Pointer[session]
	// cfgs is the configuration cache, made at initialize.
	cfgs *configs

	exitOnce sync.Once
	exited   chan struct{}

	// bg is the context of the server's own calls to the client, canceled
	// when the connection ends; calls holds their goroutines.
	bg      context.Context
	cancel  context.CancelFunc
	callsMu sync.Mutex
	ending  bool // guarded by callsMu: no new call starts
	calls   sync.WaitGroup

	// published holds the URIs whose last published diagnostics were not
	// empty; only the lint goroutine touches it.
	published map[string]bool

	watch watchState
}

const (
	stateNew int32 = iota
	stateRunning
	stateShutdown
)

// session is what initialize settled for the connection.
type session struct {
	enc encoding
	// push publishes diagnostics; a client that pulls them (it has the
	// textDocument.diagnostic capability) is not sent them as well.
	push bool
	// refresh: the client takes workspace/diagnostic/refresh.
	refresh bool
	// now is the date from initializationOptions (zero: today).
	now      time.Time
	debounce time.Duration
	markdown bool
	// docChanges: the client takes versioned document edits.
	docChanges bool
	// watch: the client lets the server register file watchers; relative:
	// with relative patterns.
	watch, relative bool
}

// NewServer returns a server; Serve runs it.
func NewServer(opts Options) *Server {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	return &Server{opts: opts, log: &logger{stderr: opts.Stderr}, docs: newDocuments(), exited: make(chan struct{}), published: map[string]bool{}}
}

// Serve speaks the protocol over in and out (the client's standard
// output and input) until the client sends exit or closes in, or ctx is
// done. It returns nil after shutdown and exit, ErrNoShutdown when the
// client left without shutdown, or the error that broke the connection.
// Every goroutine it started has ended when it returns, but for a read
// blocked on an in that neither delivers nor closes (see closeTimeout).
func (s *Server) Serve(ctx context.Context, in io.Reader, out io.Writer) error {
	s.bg, s.cancel = context.WithCancel(ctx)
	defer s.cancel()
	st := newStream(stdio{Reader: in, Writer: out}, func(err error) {
		s.log.warnf("answered a malformed message: %v", err)
	})
	s.conn = jsonrpc2.NewConn(st, jsonrpc2.WithCodec(stdCodec{}))
	s.log.attach(s.conn)
	s.lints = newDebouncer(s.publish)
	s.conn.Go(s.bg, s.handle)

	select {
	case <-s.conn.Done():
	case <-s.exited:
	case <-ctx.Done():
	}
	s.lints.close()
	s.cancel()
	s.callsMu.Lock()
	s.ending = true
	s.callsMu.Unlock()
	s.calls.Wait()
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		if err := s.conn.Close(); err != nil {
			s.log.warnf("closing the connection: %v", err)
		}
	}()
	select {
	case <-closed:
	case <-time.After(closeTimeout):
	}
	s.log.attach(nil)
	if err := s.conn.Err(); err != nil {
		return fmt.Errorf("the connection broke: %w", err)
	}
	if s.state.Load() != stateShutdown {
		return ErrNoShutdown
	}
	return nil
}

// panicHook, when set (by tests), is called with each message's method
// before it is handled: the tests' way to make a handler panic.
var panicHook atomic.Pointer[func(method string)]

// handle answers one message. It never lets a panic out: a request gets
// an internal error, a notification is logged, and the connection goes
// on. Notifications never return an error (jsonrpc2 would end the
// connection).
func (s *Server) handle(ctx context.Context, req *jsonrpc2.Request) (res any, err error) {
	// The method borrows jsonrpc2's read buffer, which a request released
	// with jsonrpc2.Async no longer holds.
	method := strings.Clone(req.Method())
	defer func() {
		if p := recover(); p != nil {
			s.log.errorf("internal error in %s: %v (please report this)\n%s", method, p, debug.Stack())
			res, err = nil, nil
			if req.IsCall() {
				err = jsonrpc2.Errorf(jsonrpc2.InternalError, "medlint: internal error in %s: %v", method, p)
			}
		}
	}()
	if hook := panicHook.Load(); hook != nil {
		(*hook)(method)
	}
	if !req.IsCall() {
		if err := s.notification(method, json.RawMessage(req.Params())); err != nil {
			s.log.warnf("%s: %v", method, err)
		}
		return nil, nil
	}
	return s.request(ctx, method, json.RawMessage(req.Params()))
}

// request answers a call.
func (s *Server) request(ctx context.Context, method string, params json.RawMessage) (any, error) {
	switch state := s.state.Load(); {
	case method == methodInitialize:
		return s.initialize(params)
	case state == stateNew:
		return nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "the server is not initialized: send initialize first")
	case state == stateShutdown:
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shut down: only exit is accepted")
	}
	switch method {
	case methodShutdown:
		s.state.Store(stateShutdown)
		s.lints.close()
		return nil, nil
	case methodDiagnostic:
		return s.pullDiagnostics(ctx, params)
	case methodCodeAction:
		return s.codeAction(ctx, params)
	case methodHover:
		return s.hover(ctx, params)
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
}

// notification handles a notification; unknown ones, and every one but
// exit before initialize and after shutdown, are ignored.
func (s *Server) notification(method string, params json.RawMessage) error {
	if method == methodExit {
		s.exitOnce.Do(func() { close(s.exited) })
		return nil
	}
	if s.state.Load() != stateRunning {
		return nil
	}
	switch method {
	case methodInitialized:
		s.syncWatchers()
	case methodDidOpen:
		return s.didOpen(params)
	case methodDidChange:
		return s.didChange(params)
	case methodDidClose:
		return s.didClose(params)
	case methodDidSave:
		return s.didSave(params)
	case methodDidChangeWatched:
		return s.didChangeWatchedFiles(params)
	case methodDidChangeConfig:
		s.configChanged()
	}
	return nil
}

// initialize settles the session from the client's capabilities and
// initializationOptions, and says what the server offers.
func (s *Server) initialize(params json.RawMessage) (any, error) {
	if s.state.Load() != stateNew {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already sent")
	}
	var p InitializeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	sess, err := newSession(&p, s.opts.Debounce)
	if err != nil {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
	}
	s.sess.Store(sess)
	s.cfgs = newConfigs(workspaceRoot(&p, s.opts.WorkDir))
	s.state.Store(stateRunning)
	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding:   sess.enc.String(),
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: syncIncremental, Save: SaveOptions{IncludeText: false}},
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{kindQuickFix, kindFixAll}},
			HoverProvider:      true,
			DiagnosticProvider: DiagnosticOptions{Identifier: "medlint"},
		},
		ServerInfo: ServerInfo{Name: version.Name, Version: version.Version},
	}, nil
}

// newSession reads what initialize's params settle.
func newSession(p *InitializeParams, debounce time.Duration) (*session, error) {
	caps := &p.Capabilities
	sess := &session{
		enc:        chooseEncoding(caps.General.PositionEncodings),
		push:       caps.TextDocument.Diagnostic == nil,
		refresh:    caps.Workspace.Diagnostics.RefreshSupport,
		debounce:   debounce,
		docChanges: caps.Workspace.WorkspaceEdit.DocumentChanges,
		watch:      caps.Workspace.DidChangeWatchedFiles.DynamicRegistration,
		relative:   caps.Workspace.DidChangeWatchedFiles.RelativePatternSupport,
	}
	for _, f := range caps.TextDocument.Hover.ContentFormat {
		if f == markupMarkdown {
			sess.markdown = true
			break
		}
	}
	if len(p.InitializationOptions) == 0 || string(p.InitializationOptions) == "null" {
		return sess, nil
	}
	var opts InitializationOptions
	if err := json.Unmarshal(p.InitializationOptions, &opts); err != nil {
		return nil, fmt.Errorf("initializationOptions: %w", err)
	}
	if opts.Now != "" {
		t, err := time.Parse(time.DateOnly, opts.Now)
		if err != nil {
			return nil, fmt.Errorf("initializationOptions.now: %q is not a date in the form YYYY-MM-DD", opts.Now)
		}
		sess.now = t
	}
	if opts.Debounce != nil {
		if *opts.Debounce < 0 || *opts.Debounce > 10_000 {
			return nil, fmt.Errorf("initializationOptions.debounce: %d is not a number of milliseconds from 0 to 10000", *opts.Debounce)
		}
		sess.debounce = time.Duration(*opts.Debounce) * time.Millisecond
	}
	return sess, nil
}

// workspaceRoot is the directory an untitled document's configuration is
// looked for from: the first workspace folder, else the root the client
// names, else dir.
func workspaceRoot(p *InitializeParams, dir string) string {
	for _, f := range p.WorkspaceFolders {
		if path := uriToPath(f.URI); path != "" {
			return path
		}
	}
	if p.RootURI != nil {
		if path := uriToPath(*p.RootURI); path != "" {
			return path
		}
	}
	if p.RootPath != nil && *p.RootPath != "" {
		return *p.RootPath
	}
	return dir
}

// today is the date the rules treat as today for this session.
func (s *Server) today() time.Time {
	if sess := s.sess.Load(); sess != nil && !sess.now.IsZero() {
		return sess.now
	}
	var t time.Time
	if s.opts.Today != nil {
		t = s.opts.Today()
	} else {
		t = time.Now()
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// goCall runs fn, which calls the client, on its own goroutine: the
// read loop must not wait for an answer it is the one to read.
func (s *Server) goCall(fn func()) {
	s.callsMu.Lock()
	defer s.callsMu.Unlock()
	if s.ending {
		return
	}
	s.calls.Add(1)
	go func() {
		defer s.calls.Done()
		defer func() {
			if p := recover(); p != nil {
				s.log.errorf("internal error calling the client: %v (please report this)", p)
			}
		}()
		fn()
	}()
}

// call calls the client and waits for its answer, which it discards;
// a failure is logged.
func (s *Server) call(method string, params any) {
	if _, err := s.conn.Call(s.bg, method, params, nil); err != nil && s.bg.Err() == nil {
		s.log.warnf("%s: %v", method, err)
	}
}

// decode reads a message's params, or says why they are invalid.
func decode(params json.RawMessage, v any) error {
	if len(params) == 0 {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, "missing params")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
	}
	return nil
}
