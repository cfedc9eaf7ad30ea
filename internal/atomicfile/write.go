// Package atomicfile replaces a file's content atomically and safely: in
// the tree it belongs to, only if it still holds what was read, keeping its
// owner, group and mode, never through a hard link or onto a read-only
// file. The fixer writes with it.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/medlint/medlint/internal/confine"
)

// ErrChangedOnDisk is returned (wrapped) by WriteFile when the file no longer holds
// the text the fixes were computed from, or changed while it was being
// fixed.
var ErrChangedOnDisk = errors.New("the file changed on disk while it was being fixed; not written (run again)")

// ErrOutsideTree is returned (wrapped) by WriteFile for a file whose real
// path lies outside the tree it must be written in: a symbolic link out of
// the repository is never written through.
var ErrOutsideTree = errors.New("its real path is outside the tree being fixed")

// ErrReadOnly is returned (wrapped) by WriteFile for a file without any
// write permission (mode 0444): one the user meant not to be written, so
// it is not, even by root.
var ErrReadOnly = errors.New("the file is read-only")

// ErrHardLinks is returned (wrapped) by WriteFile for a file with more than
// one hard link: replacing it would leave its other names with the old
// text.
var ErrHardLinks = errors.New("the file has other hard links")

// fileSystem is what WriteFile needs from the operating system; tests swap
// in failures.
type fileSystem struct {
	createTemp func(dir, pattern string) (*os.File, error)
	rename     func(oldpath, newpath string) error
}

var osFS = fileSystem{createTemp: os.CreateTemp, rename: os.Rename}

// WriteFile is WriteFileIn for the tree of the working directory: its
// repository (confine.Root), else the directory itself.
func WriteFile(path string, old, data []byte) (written bool, err error) {
	wd, err := os.Getwd()
	if err != nil {
		return false, &fs.PathError{Op: "write", Path: path, Err: fmt.Errorf("reading the working directory: %w", err)}
	}
	return WriteFileIn(confine.Root(wd), path, old, data)
}

// WriteFileIn replaces the content of the file at path with data,
// atomically: it writes a temporary file in the same directory, gives it
// the file's owner and group and then its mode (set-user-ID and
// set-group-ID bits included), syncs it, and renames it over the file. A
// symbolic link is written through: its target is replaced and the link
// stays.
//
// Nothing is written, and the error says why, when the file's real path
// lies outside root (ErrOutsideTree), when it is not a regular file, when
// the user may not write it or it has no write permission at all
// (ErrReadOnly), when it has other hard links (ErrHardLinks), when its
// owner, group or mode cannot be kept, or when it no longer holds old or
// changes (size, modification time, identity) before the rename
// (ErrChangedOnDisk). Errors are *fs.PathError values naming path, with
// Op "write". When data equals the current content, the file is not
// touched and written is false.
func WriteFileIn(root, path string, old, data []byte) (written bool, err error) {
	return osFS.writeFile(root, path, old, data)
}

func (fsys fileSystem) writeFile(root, path string, old, data []byte) (bool, error) {
	fail := func(err error) (bool, error) { return false, &fs.PathError{Op: "write", Path: path, Err: err} }
	real, err := confinedPath(root, path)
	if err != nil {
		return fail(err)
	}
	current, st, err := confine.ReadFile(real)
	if err != nil {
		return fail(fmt.Errorf("re-reading before the write: %w", unwrapPath(err)))
	}
	if !bytes.Equal(current, old) {
		return fail(ErrChangedOnDisk)
	}
	if bytes.Equal(current, data) {
		return false, nil
	}
	if err := replaceable(real, st); err != nil {
		return fail(err)
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
	if err := keepMetadata(tmp, st); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(fmt.Errorf("syncing: %w", err))
	}
	if err := tmp.Close(); err != nil {
		return fail(fmt.Errorf("closing the temporary file: %w", unwrapPath(err)))
	}
	// An editor may have saved the file since it was read: what is renamed
	// over it would lose that save.
	if now, err := os.Stat(real); err != nil || !sameVersion(st, now) {
		return fail(ErrChangedOnDisk)
	}
	if err := fsys.rename(tmp.Name(), real); err != nil {
		return fail(fmt.Errorf("replacing the file: %w", unwrapPath(err)))
	}
	committed = true
	syncDir(dir)
	return true, nil
}

// confinedPath returns the real path of path, which must lie inside the
// real path of root.
func confinedPath(root, path string) (string, error) {
	if root == "" {
		return "", fmt.Errorf("%w (no tree given)", ErrOutsideTree)
	}
	tree, err := confine.NewTree(root)
	if err != nil {
		return "", err
	}
	real, inside, err := tree.Contains(path)
	if err != nil {
		return "", fmt.Errorf("resolving the path: %w", unwrapPath(err))
	}
	if !inside {
		return "", fmt.Errorf("%w (%s): --fix never writes through a symbolic link out of it", ErrOutsideTree, tree.Dir())
	}
	return real, nil
}

// replaceable returns why the file read as st must not be replaced, or
// nil.
func replaceable(real string, st fs.FileInfo) error {
	if st.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("%w (mode %#o): make it writable (chmod u+w) to let --fix change it", ErrReadOnly, st.Mode().Perm())
	}
	if err := mayWrite(real); err != nil {
		return fmt.Errorf("this user may not write the file (mode %#o): %w", st.Mode().Perm(), err)
	}
	if n := hardLinks(st); n > 1 {
		return fmt.Errorf("%w (%d links), which replacing it would leave with the old text: edit it by hand, or make it a file of its own (cp F F.new && mv F.new F)", ErrHardLinks, n)
	}
	return nil
}

// keepMetadata gives tmp the owner, group and mode of the file read as
// st, in that order: changing the owner clears the set-user-ID and
// set-group-ID bits, so the mode comes last. It fails when they cannot
// all be kept (a file of another user, whom only root may give files to).
func keepMetadata(tmp *os.File, st fs.FileInfo) error {
	if err := keepOwner(tmp, st); err != nil {
		return err
	}
	mode := st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("keeping the file mode: %w", unwrapPath(err))
	}
	got, err := tmp.Stat()
	if err != nil {
		return fmt.Errorf("keeping the file mode: %w", unwrapPath(err))
	}
	if have := got.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky); have != mode && modesMatter {
		return fmt.Errorf("cannot keep the file mode %v (the copy got %v)", mode, have)
	}
	return nil
}

// sameVersion reports whether now describes the file read as then: the
// same file, size and modification time.
func sameVersion(then, now fs.FileInfo) bool {
	return os.SameFile(then, now) && then.Size() == now.Size() && then.ModTime().Equal(now.ModTime())
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
