package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/result"
)

// StdinPath is the argument that reads the article from standard input.
const StdinPath = "-"

// target is one file to lint.
type target struct {
	// path is the file-system path ("-" for stdin).
	path string
	// display is the path shown in reports.
	display string
	// abs is the absolute path (empty for stdin).
	abs string
}

// skippedDirs are never walked into.
var skippedDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true}

// IsMarkdown reports whether name has a Markdown extension.
func IsMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// discover expands the command-line paths into files, in a stable order.
// Paths that cannot be read become errors; the others are still returned.
func discover(paths []string, cfg *config.Config, workDir, stdinName string) ([]target, []result.FileError) {
	var files []target
	var errs []result.FileError
	seen := map[string]bool{}
	// filepath.Abs asks the system for the working directory on every
	// call (two stats): on a large tree, more than linting a cached run.
	// It is read once here.
	absOf := absFunc()
	add := func(path string) {
		abs := absOf(path)
		if seen[abs] {
			return
		}
		seen[abs] = true
		files = append(files, target{path: path, abs: abs, display: displayPath(workDir, abs, path)})
	}
	for _, p := range paths {
		if p == StdinPath {
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			files = append(files, target{path: StdinPath, display: filepath.ToSlash(name)})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, result.FileError{Path: DisplayPath(workDir, p), Message: describeOpenError(err)})
			continue
		}
		if !st.IsDir() {
			if !cfg.Ignored(cfg.Rel(absOf(p))) {
				add(p)
			}
			continue
		}
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, result.FileError{Path: DisplayPath(workDir, path), Message: describeOpenError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && (skippedDirs[name] || strings.HasPrefix(name, ".")) {
					return fs.SkipDir
				}
				if path != p && cfg.Ignored(cfg.Rel(absOf(path))) {
					return fs.SkipDir
				}
				return nil
			}
			if !IsMarkdown(name) || cfg.Ignored(cfg.Rel(absOf(path))) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(path)
				if err != nil {
					errs = append(errs, result.FileError{Path: DisplayPath(workDir, path), Message: describeOpenError(err)})
					return nil
				}
				if st.IsDir() {
					return nil // never follow directory links: no loops
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			add(path)
			return nil
		})
		if walkErr != nil {
			errs = append(errs, result.FileError{Path: DisplayPath(workDir, p), Message: walkErr.Error()})
		}
	}
	return files, errs
}

func describeOpenError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory (check the path)"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (check the file's permissions)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("cannot read: %v", pe.Err)
	}
	return err.Error()
}

// DisplayPath returns path relative to workDir when it lies inside it,
// with forward slashes.
func DisplayPath(workDir, path string) string {
	if path == StdinPath {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = ""
	}
	return displayPath(workDir, abs, path)
}

// displayPath is DisplayPath for a path whose absolute form is known
// ("" if it could not be made absolute).
func displayPath(workDir, abs, path string) string {
	if abs != "" && workDir != "" {
		if rel, err := filepath.Rel(workDir, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// absFunc returns filepath.Abs with the working directory read once.
func absFunc() func(string) string {
	wd, err := os.Getwd()
	return func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		if err == nil && runtime.GOOS != "windows" { // Windows has drive-relative paths: ask it
			return filepath.Join(wd, p)
		}
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	}
}
