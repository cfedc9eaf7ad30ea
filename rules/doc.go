// Package rules holds medlint's built-in rules, one file each, and the
// registry they add themselves to; the API they are written against is
// package lint.
package rules
