// Package rules holds medlint's built-in rules, one file each. Each adds
// itself to package lint's registry from an init function, so a program
// gets the built-in rules by linking this package (internal/cli does);
// the API they are written against is package lint.
package rules
