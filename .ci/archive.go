//go:build ignore

// archive.go writes one release archive with nothing of the machine in it,
// for .ci/release: go run .ci/archive.go OUT ROOT NAME packs the directory
// ROOT/NAME as NAME/... into OUT, a .tar.gz or a .zip. Entries are sorted
// by name; a file with an execute bit is 0755, others 0644, directories
// 0755; uid and gid are 0 with no user or group names; every time is
// SOURCE_DATE_EPOCH (UTC); gzip records no name or time. Only the
// standard library, so the archives depend on the Go version alone.
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// entry is one file or directory of the archive.
type entry struct {
	name string // slash-separated, under NAME/
	file string // path on disk ("" for a directory)
	mode fs.FileMode
	size int64
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go run .ci/archive.go OUT.tar.gz|OUT.zip ROOT NAME")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "archive:", err)
		os.Exit(1)
	}
}

func run(out, root, name string) error {
	epoch, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64)
	if err != nil {
		return fmt.Errorf("SOURCE_DATE_EPOCH must be set to seconds since 1970: %w", err)
	}
	mtime := time.Unix(epoch, 0).UTC()
	entries, err := collect(root, name)
	if err != nil {
		return err
	}
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("creating %s: %w", tmp, err)
	}
	switch {
	case strings.HasSuffix(out, ".tar.gz"):
		err = writeTarGz(f, entries, mtime)
	case strings.HasSuffix(out, ".zip"):
		err = writeZip(f, entries, mtime)
	default:
		err = fmt.Errorf("%s: want a .tar.gz or .zip name", out)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	return os.Rename(tmp, out)
}

// collect lists ROOT/NAME and everything under it, sorted by name.
func collect(root, name string) ([]entry, error) {
	var out []entry
	err := filepath.WalkDir(filepath.Join(root, name), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		e := entry{name: filepath.ToSlash(rel), mode: fs.ModeDir | 0o755}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			if !info.Mode().IsRegular() {
				return fmt.Errorf("%s: only regular files and directories can be archived", p)
			}
			e.file, e.size, e.mode = p, info.Size(), 0o644
			if info.Mode()&0o111 != 0 {
				e.mode = 0o755
			}
		} else {
			e.name += "/"
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path.Join(root, name), err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

func writeTarGz(w io.Writer, entries []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: int64(e.mode.Perm()), ModTime: mtime, Format: tar.FormatUSTAR}
		h.Typeflag = tar.TypeReg
		h.Size = e.size
		if e.file == "" {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		if err := copyFile(tw, e.file); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, entries []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
		if e.file == "" {
			h.Method = zip.Store
		}
		h.SetMode(e.mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		if err := copyFile(fw, e.file); err != nil {
			return err
		}
	}
	return zw.Close()
}

// copyFile copies the file at p ("" for a directory: nothing) to w.
func copyFile(w io.Writer, p string) error {
	if p == "" {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.Copy(w, f); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	return nil
}
