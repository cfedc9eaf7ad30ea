package engine

import "strings"

// SkipsDir reports whether a directory walk skips directories called name
// (hidden ones, .git, node_modules, vendor), so that other ways of choosing
// files (check --changed) lint the same files a walk would.
func SkipsDir(name string) bool {
	return skippedDirs[name] || strings.HasPrefix(name, ".")
}
