//go:build linux

package engine

import (
	"io/fs"
	"syscall"
)

func sysStamp(fi fs.FileInfo) (Stamp, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return Stamp{}, false
	}
	sec, nsec := st.Ctim.Unix()
	return Stamp{ChangeTime: sec*1e9 + nsec, Inode: int64(st.Ino), Device: int64(st.Dev)}, true
}
