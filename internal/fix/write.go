package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrChangedOnDisk is returned (wrapped) by WriteFile when the file no longer holds
// the text the fixes were computed from.
var ErrChangedOnDisk = errors.New("the file changed on disk while it was being fixed; not written (run again)")

// fileSystem is what WriteFile needs from the operating system; tests swap
// in failures.
type fileSystem struct {
	createTemp func(dir, pattern string) (*os.File, error)
	rename     func(oldpath, newpath string) error
}

var osFS = fileSystem{createTemp: os.CreateTemp, rename: os.Rename}

// WriteFile replaces the content of the file at path with data, atomically:
// it writes a temporary file in the same directory, syncs it, gives it the
// file's permission bits (and, where possible, owner), and renames it over
// the file. A symbolic link is written through: its target is replaced and
// the link stays. old is the content the caller read; when the file holds
// something else now, nothing is written and the error is
// ErrChangedOnDisk. Errors are *fs.PathError values naming path, with
// Op "write". When data equals the current content, the file is not
// touched and written is false.
func WriteFile(path string, old, data []byte) (written bool, err error) {
	return osFS.writeFile(path, old, data)
}

func (fsys fileSystem) writeFile(path string, old, data []byte) (bool, error) {
	fail := func(err error) (bool, error) { return false, &fs.PathError{Op: "write", Path: path, Err: err} }
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fail(fmt.Errorf("resolving the path: %w", err))
	}
	st, err := os.Stat(real)
	if err != nil {
		return fail(unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return fail(errors.New("not a regular file"))
	}
	current, err := os.ReadFile(real)
	if err != nil {
		return fail(fmt.Errorf("re-reading before the write: %w", err))
	}
	if !bytes.Equal(current, old) {
		return fail(ErrChangedOnDisk)
	}
	if bytes.Equal(current, data) {
		return false, nil
	}
	dir := filepath.Dir(real)
	tmp, err := fsys.createTemp(dir, "."+filepath.Base(real)+".medlint-*")
	if err != nil {
		return fail(fmt.Errorf("cannot create a temporary file in %s: %w", dir, unwrapPath(err)))
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := io.Copy(tmp, bytes.NewReader(data)); err != nil {
		return fail(fmt.Errorf("writing the temporary file: %w", unwrapPath(err)))
	}
	if err := tmp.Chmod(st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return fail(fmt.Errorf("keeping the file mode: %w", err))
	}
	keepOwner(tmp, st)
	if err := tmp.Sync(); err != nil {
		return fail(fmt.Errorf("syncing: %w", err))
	}
	if err := tmp.Close(); err != nil {
		return fail(fmt.Errorf("closing the temporary file: %w", unwrapPath(err)))
	}
	if err := fsys.rename(tmp.Name(), real); err != nil {
		return fail(fmt.Errorf("replacing the file: %w", unwrapPath(err)))
	}
	committed = true
	syncDir(dir)
	return true, nil
}

// unwrapPath drops the *PathError wrapper whose temporary path would only
// confuse the reader; the cause (permission denied, ...) stays.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// syncDir makes the rename durable where the system allows syncing a
// directory; failing to is not an error (the data is already synced).
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}
