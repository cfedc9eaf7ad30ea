//go:build unix

package atomicfile

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// modesMatter: Unix keeps every permission bit as set.
const modesMatter = true

// keepOwner gives the temporary file the owner and group of the file it
// replaces. Only root may give a file away: for another user's file (one
// this user may write through its group or other bits) it fails, rather
// than make the file this user's.
func keepOwner(tmp *os.File, st fs.FileInfo) error {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if err := tmp.Chown(int(s.Uid), int(s.Gid)); err != nil {
		return fmt.Errorf("cannot keep the file's owner and group (uid %d, gid %d), which only root may give a file: %w", s.Uid, s.Gid, unwrapPath(err))
	}
	return nil
}

// mayWrite asks the system whether this user may write the file at path
// (permission bits, access lists, a read-only mount).
func mayWrite(path string) error {
	const wOK = 2 // W_OK
	if err := syscall.Access(path, wOK); err != nil {
		return err
	}
	return nil
}

// hardLinks returns the number of hard links of the file st describes.
func hardLinks(st fs.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink) //nolint:unconvert // Nlink is uint32 on some systems
	}
	return 1
}
