package lsp

import "encoding/json"

// The LSP 3.17 messages the server reads and writes: only the fields it
// uses. go.lsp.dev/protocol (v0.12.0, the newest) describes LSP 3.15 and
// is built on go.lsp.dev/jsonrpc2 v0.10's API, so it does not compile
// next to jsonrpc2 v1 (see the package documentation).

// Method names.
const (
	methodInitialize           = "initialize"
	methodInitialized          = "initialized"
	methodShutdown             = "shutdown"
	methodExit                 = "exit"
	methodDidOpen              = "textDocument/didOpen"
	methodDidChange            = "textDocument/didChange"
	methodDidClose             = "textDocument/didClose"
	methodDidSave              = "textDocument/didSave"
	methodDiagnostic           = "textDocument/diagnostic"
	methodCodeAction           = "textDocument/codeAction"
	methodHover                = "textDocument/hover"
	methodPublishDiagnostics   = "textDocument/publishDiagnostics"
	methodDidChangeWatched     = "workspace/didChangeWatchedFiles"
	methodDidChangeConfig      = "workspace/didChangeConfiguration"
	methodDiagnosticRefresh    = "workspace/diagnostic/refresh"
	methodRegisterCapability   = "client/registerCapability"
	methodUnregisterCapability = "client/unregisterCapability"
	methodLogMessage           = "window/logMessage"
	methodShowMessage          = "window/showMessage"
	methodCancelRequest        = "$/cancelRequest"
)

// Position is a zero-based line and a character offset in the encoding
// negotiated at initialize (UTF-16 code units unless agreed otherwise).
type Position struct {
	Line      uint32 `json:"line"`
	Character uint32 `json:"character"`
}

// Range is a span between two positions, the end exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// TextDocumentIdentifier names a document by URI.
type TextDocumentIdentifier struct {
	URI string `json:"uri"`
}

// VersionedTextDocumentIdentifier names a document at a version.
type VersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
}

// OptionalVersionedTextDocumentIdentifier names a document, at a version
// when Version is set.
type OptionalVersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version *int32 `json:"version"`
}

// TextDocumentItem is a document the client opened.
type TextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int32  `json:"version"`
	Text       string `json:"text"`
}

// DidOpenTextDocumentParams are textDocument/didOpen's.
type DidOpenTextDocumentParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

// TextDocumentContentChangeEvent replaces Range with Text, or the whole
// document when Range is nil.
type TextDocumentContentChangeEvent struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

// DidChangeTextDocumentParams are textDocument/didChange's.
type DidChangeTextDocumentParams struct {
	TextDocument   VersionedTextDocumentIdentifier  `json:"textDocument"`
	ContentChanges []TextDocumentContentChangeEvent `json:"contentChanges"`
}

// DidCloseTextDocumentParams are textDocument/didClose's.
type DidCloseTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// DidSaveTextDocumentParams are textDocument/didSave's.
type DidSaveTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text,omitempty"`
}

// WorkspaceFolder is one root of the client's workspace.
type WorkspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// InitializeParams are initialize's.
type InitializeParams struct {
	ProcessID             *int32             `json:"processId"`
	RootPath              *string            `json:"rootPath,omitempty"`
	RootURI               *string            `json:"rootUri"`
	Capabilities          ClientCapabilities `json:"capabilities"`
	InitializationOptions json.RawMessage    `json:"initializationOptions,omitempty"`
	WorkspaceFolders      []WorkspaceFolder  `json:"workspaceFolders,omitempty"`
}

// InitializationOptions are what `medlint lsp` reads from
// initializationOptions.
type InitializationOptions struct {
	// Now is the date date rules treat as today (YYYY-MM-DD), as --now.
	Now string `json:"now"`
	// Debounce is how long, in milliseconds, the server waits after an
	// edit before it lints (default 150).
	Debounce *int `json:"debounce"`
}

// ClientCapabilities are the parts of the client's capabilities the
// server reads.
type ClientCapabilities struct {
	General      GeneralClientCapabilities      `json:"general"`
	TextDocument TextDocumentClientCapabilities `json:"textDocument"`
	Workspace    WorkspaceClientCapabilities    `json:"workspace"`
}

// GeneralClientCapabilities hold the position encodings the client takes.
type GeneralClientCapabilities struct {
	PositionEncodings []string `json:"positionEncodings"`
}

// TextDocumentClientCapabilities are the document features the client
// supports.
type TextDocumentClientCapabilities struct {
	// Diagnostic, when present, says the client pulls diagnostics.
	Diagnostic *struct{} `json:"diagnostic"`
	CodeAction struct {
		IsPreferredSupport bool `json:"isPreferredSupport"`
	} `json:"codeAction"`
	Hover struct {
		ContentFormat []string `json:"contentFormat"`
	} `json:"hover"`
}

// WorkspaceClientCapabilities are the workspace features the client
// supports.
type WorkspaceClientCapabilities struct {
	DidChangeWatchedFiles struct {
		DynamicRegistration    bool `json:"dynamicRegistration"`
		RelativePatternSupport bool `json:"relativePatternSupport"`
	} `json:"didChangeWatchedFiles"`
	WorkspaceEdit struct {
		DocumentChanges bool `json:"documentChanges"`
	} `json:"workspaceEdit"`
	Diagnostics struct {
		RefreshSupport bool `json:"refreshSupport"`
	} `json:"diagnostics"`
}

// InitializeResult is initialize's result.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   ServerInfo         `json:"serverInfo"`
}

// ServerInfo names the server.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ServerCapabilities are what the server offers.
type ServerCapabilities struct {
	PositionEncoding   string                  `json:"positionEncoding"`
	TextDocumentSync   TextDocumentSyncOptions `json:"textDocumentSync"`
	CodeActionProvider CodeActionOptions       `json:"codeActionProvider"`
	HoverProvider      bool                    `json:"hoverProvider"`
	DiagnosticProvider DiagnosticOptions       `json:"diagnosticProvider"`
}

// Text synchronisation kinds.
const (
	syncIncremental = 2
)

// TextDocumentSyncOptions say how the client sends documents.
type TextDocumentSyncOptions struct {
	OpenClose bool        `json:"openClose"`
	Change    int         `json:"change"`
	Save      SaveOptions `json:"save"`
}

// SaveOptions ask for didSave.
type SaveOptions struct {
	IncludeText bool `json:"includeText"`
}

// CodeActionOptions list the kinds of code action the server returns.
type CodeActionOptions struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

// DiagnosticOptions describe pull diagnostics.
type DiagnosticOptions struct {
	Identifier            string `json:"identifier"`
	InterFileDependencies bool   `json:"interFileDependencies"`
	WorkspaceDiagnostics  bool   `json:"workspaceDiagnostics"`
}

// Diagnostic severities.
const (
	severityError       = 1
	severityWarning     = 2
	severityInformation = 3
)

// Diagnostic is one finding as the client shows it.
type Diagnostic struct {
	Range           Range            `json:"range"`
	Severity        int              `json:"severity"`
	Code            string           `json:"code,omitempty"`
	CodeDescription *CodeDescription `json:"codeDescription,omitempty"`
	Source          string           `json:"source"`
	Message         string           `json:"message"`
}

// CodeDescription links a diagnostic's code to its documentation.
type CodeDescription struct {
	Href string `json:"href"`
}

// PublishDiagnosticsParams are textDocument/publishDiagnostics's.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int32       `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// DocumentDiagnosticParams are textDocument/diagnostic's.
type DocumentDiagnosticParams struct {
	TextDocument     TextDocumentIdentifier `json:"textDocument"`
	PreviousResultID string                 `json:"previousResultId,omitempty"`
}

// Document diagnostic report kinds.
const (
	reportFull      = "full"
	reportUnchanged = "unchanged"
)

// FullDocumentDiagnosticReport is textDocument/diagnostic's result that
// lists the document's diagnostics (an empty list clears them).
type FullDocumentDiagnosticReport struct {
	Kind     string       `json:"kind"`
	ResultID string       `json:"resultId,omitempty"`
	Items    []Diagnostic `json:"items"`
}

// UnchangedDocumentDiagnosticReport is textDocument/diagnostic's result
// when the client's previousResultId is still current.
type UnchangedDocumentDiagnosticReport struct {
	Kind     string `json:"kind"`
	ResultID string `json:"resultId"`
}

// Code action kinds.
const (
	kindQuickFix = "quickfix"
	kindFixAll   = "source.fixAll.medlint"
)

// CodeActionParams are textDocument/codeAction's.
type CodeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      CodeActionContext      `json:"context"`
}

// CodeActionContext holds the kinds of action asked for. The client's
// diagnostics in the range are not read (the server knows its own, and
// another server's may have a numeric code).
type CodeActionContext struct {
	Only []string `json:"only,omitempty"`
}

// CodeAction is one edit the client may apply.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool           `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
}

// WorkspaceEdit changes documents: Changes by URI, or DocumentChanges
// with their versions when the client supports them.
type WorkspaceEdit struct {
	Changes         map[string][]TextEdit `json:"changes,omitempty"`
	DocumentChanges []TextDocumentEdit    `json:"documentChanges,omitempty"`
}

// TextDocumentEdit changes one document at a version.
type TextDocumentEdit struct {
	TextDocument OptionalVersionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []TextEdit                              `json:"edits"`
}

// TextEdit replaces Range with NewText.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// HoverParams are textDocument/hover's.
type HoverParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Position     Position               `json:"position"`
}

// Markup kinds.
const (
	markupMarkdown  = "markdown"
	markupPlainText = "plaintext"
)

// MarkupContent is text for the client to show.
type MarkupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Hover is textDocument/hover's result.
type Hover struct {
	Contents MarkupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

// FileEvent is one change of a watched file.
type FileEvent struct {
	URI  string `json:"uri"`
	Type int    `json:"type"`
}

// DidChangeWatchedFilesParams are workspace/didChangeWatchedFiles's.
type DidChangeWatchedFilesParams struct {
	Changes []FileEvent `json:"changes"`
}

// Registration asks the client to start sending a notification.
type Registration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions,omitempty"`
}

// RegistrationParams are client/registerCapability's.
type RegistrationParams struct {
	Registrations []Registration `json:"registrations"`
}

// Unregistration withdraws a Registration.
type Unregistration struct {
	ID     string `json:"id"`
	Method string `json:"method"`
}

// UnregistrationParams are client/unregisterCapability's (the field's
// spelling is the protocol's).
type UnregistrationParams struct {
	Unregisterations []Unregistration `json:"unregisterations"`
}

// DidChangeWatchedFilesRegistrationOptions list the files to watch.
type DidChangeWatchedFilesRegistrationOptions struct {
	Watchers []FileSystemWatcher `json:"watchers"`
}

// FileSystemWatcher is one glob to watch: a string pattern or a
// RelativePattern.
type FileSystemWatcher struct {
	GlobPattern any `json:"globPattern"`
}

// RelativePattern is a glob relative to a base directory.
type RelativePattern struct {
	BaseURI string `json:"baseUri"`
	Pattern string `json:"pattern"`
}

// Message types of window/logMessage and window/showMessage.
const (
	messageError   = 1
	messageWarning = 2
	messageInfo    = 3
)

// LogMessageParams are window/logMessage's and window/showMessage's.
type LogMessageParams struct {
	Type    int    `json:"type"`
	Message string `json:"message"`
}
