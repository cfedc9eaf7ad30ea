//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

// modesMatter: outside Unix only the read-only attribute survives a chmod,
// and a copy's other bits may differ without harm.
const modesMatter = false

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) error { return nil }

// mayWrite leaves the question to the read-only check and the rename.
func mayWrite(string) error { return nil }

// hardLinks is 1 where Go does not report links.
func hardLinks(fs.FileInfo) uint64 { return 1 }
