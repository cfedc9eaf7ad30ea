// Package lsp is medlint's language server (`medlint lsp`): the Language
// Server Protocol 3.17 over standard input and output, so that editors
// show medlint's findings as the writer types.
//
// # What it offers
//
// Diagnostics for every open document, on open and after every change
// (incremental sync, debounced: DefaultDebounce), pushed
// (textDocument/publishDiagnostics) or, to a client with the capability,
// pulled (textDocument/diagnostic); code actions (each finding's fix, an
// inline directive that switches its rule off for its line, and
// source.fixAll.medlint, the fixes of `medlint check --fix`); hovers with
// the rule's explanation. Positions are in the encoding the client
// prefers among UTF-8, UTF-16 and UTF-32 (general.positionEncodings;
// UTF-16 by default).
//
// # Same findings as the CLI
//
// A document is linted as `medlint check FILE`, run from the file's
// directory, lints the same text: its configuration is the nearest
// .medlint.yml at or above it (config.Find), its path relative to the
// configuration's directory is what the globs (ignore, overrides, page
// kinds) match, and engine.LintSource applies what engine.Run applies to
// a file it has read. A document that is not a file (an untitled buffer)
// takes the configuration of the first workspace folder. A change of a
// configuration file, or of a file one names (a reviewers registry), lints
// the open documents again (workspace/didChangeWatchedFiles; the server
// registers the watchers when the client allows).
//
// # Concurrency
//
// jsonrpc2 reads messages on one goroutine and hands each to Server's
// handler in order. Text synchronisation updates the documents there,
// immutable versions swapped under a mutex, and triggers the lint
// goroutine (debounce.go), the only one that publishes diagnostics: a
// burst of edits is linted once, and a lint whose document changed
// meanwhile is not published. Requests that need findings (diagnostic,
// codeAction, hover) take the version they were sent for, then release
// the read loop (jsonrpc2.Async) and share the lint of that version with
// the lint goroutine (one lint per version). The server's own calls to
// the client (registering watchers, asking for a diagnostics refresh)
// run on goroutines Serve waits for.
//
// # Libraries
//
// go.lsp.dev/jsonrpc2 v1 carries the messages (its LSP framing, behind a
// stream that answers malformed frames instead of ending the connection).
// go.lsp.dev/protocol is not used: its newest version (v0.12.0) describes
// LSP 3.15, without position encodings or pull diagnostics, and is written
// against jsonrpc2 v0.10's API, so it does not compile beside jsonrpc2 v1;
// protocol.go declares the 3.17 messages the server reads and writes.
package lsp
