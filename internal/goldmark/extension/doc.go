// Package extension is goldmark's extension package (tables, task lists,
// strikethrough, footnotes, linkify and GFM), copied from the goldmark
// module medlint requires with one change: linkify's two default regular
// expressions compile on first use instead of at package init (lazy.go).
// Linking goldmark's own package cost every medlint start about 2 ms of
// its 20 ms (`medlint version`; a hello-world that only imports it starts
// in 11.5 ms against 6), whether or not a document held a bare link.
//
// The copied files are generated: `go test ./internal/goldmark/extension
// -update` rewrites them from the module cache, and TestCopyIsCurrent fails
// when they differ from goldmark's files with the edits copy_test.go lists,
// so an upgrade of goldmark cannot leave the copy behind. The AST node types
// stay goldmark's own (github.com/yuin/goldmark/extension/ast).
package extension
