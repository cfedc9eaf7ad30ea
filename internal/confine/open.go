package confine

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by the errors of Open and ReadFile for anything
// but a regular file: a directory, a named pipe, a socket, a device.
var ErrNotRegular = errors.New("not a regular file")

// Open opens path for reading without blocking, and returns the file and
// its metadata only when what it opened is a regular file. On Unix the
// open uses O_NONBLOCK (a named pipe with no writer opens at once instead
// of waiting for one) and O_NOCTTY (a terminal never becomes the
// process's); the check is made on the opened file, so a path swapped for
// a pipe or a device after a caller's own stat cannot block either.
// Reading a regular file is unaffected by O_NONBLOCK. For anything else
// the file is closed and the error wraps ErrNotRegular and names the kind
// ("not a regular file (a named pipe)"); open errors are the
// *fs.PathError of os.OpenFile.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, NotRegular(st.Mode())
	}
	return f, st, nil
}

// ReadFile reads the regular file at path (see Open) and returns its
// content and the metadata of the file read.
func ReadFile(path string) ([]byte, fs.FileInfo, error) {
	f, st, err := Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), st, nil
}

// NotRegular returns the error for a file of mode m that is not regular:
// ErrNotRegular with the kind of file, as Open reports it.
func NotRegular(m fs.FileMode) error {
	return fmt.Errorf("%w (%s)", ErrNotRegular, Kind(m))
}

// Kind names the kind of file of mode m, with its article: "a regular
// file", "a directory", "a named pipe", ...
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "an irregular file"
}
