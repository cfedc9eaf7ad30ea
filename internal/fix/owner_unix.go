//go:build unix

package fix

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the temporary file the owner and group of the file it
// replaces, when allowed (only root may give a file away; otherwise the
// file is the writer's anyway).
func keepOwner(tmp *os.File, st fs.FileInfo) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		_ = tmp.Chown(int(s.Uid), int(s.Gid))
	}
}
