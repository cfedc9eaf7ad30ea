package lsp

// The tests lint with the built-in rules, which add themselves to lint's
// registry when package rules is linked.
import _ "github.com/medlint/medlint/rules"
