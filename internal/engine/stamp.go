package engine

import (
	"io/fs"
	"time"
)

// Stamp identifies a version of a file by its metadata, as git's index
// does: a cache that saw the file with the same Stamp (and took the stamp
// when it was not racy) may answer without reading and hashing the file.
// The zero Stamp is unknown and matches nothing.
type Stamp struct {
	Size, ModTime, ChangeTime, Inode, Device int64
}

// StampOf returns fi's Stamp; on systems where the change time or inode
// are not available it is the zero Stamp (every run reads every file).
func StampOf(fi fs.FileInfo) Stamp {
	s, ok := sysStamp(fi)
	if !ok || !fi.Mode().IsRegular() {
		return Stamp{}
	}
	s.Size, s.ModTime = fi.Size(), fi.ModTime().UnixNano()
	return s
}

// RacyWindow is how recent a modification or change may be, when a file is
// read, for its Stamp to be trusted later: a file written within the same
// clock tick as the read could change again without changing its Stamp.
const RacyWindow = 2 * time.Second

// Trusted reports whether s, taken at or before the time readAt when the
// file was read, may stand for the content read: it is known and older
// than RacyWindow.
func (s Stamp) Trusted(readAt time.Time) bool {
	limit := readAt.Add(-RacyWindow).UnixNano()
	return s != Stamp{} && s.ModTime < limit && s.ChangeTime < limit
}
