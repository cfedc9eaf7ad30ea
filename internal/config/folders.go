package config

import (
	"os"
	"path/filepath"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Folders finds the effective configuration of each folder: its nearest
// configuration file (.medlint.yml or .medlint.yaml, in the folder or
// above it) over the files of the folders above, up to the nearest one
// marked root: true, else up to the repository's root (a folder holding
// .git), else up to the file-system root; each file comes after the files
// it extends. A folder with no file anywhere above it gets the defaults.
// Each file is read once. Safe for concurrent use.
type Folders struct {
	mu sync.Mutex
	// dirs maps an absolute folder to its configuration, or the error of
	// loading it.
	dirs map[string]folderConfig
	// files maps a configuration file to its effective configuration.
	files map[string]folderConfig
	// defaults serves the folders without a configuration file.
	defaults *Config
	// selection and maxFileSize are the command line's, applied to every
	// configuration (Select, SetMaxFileSize).
	selection   selection
	maxFileSize int64
}

type folderConfig struct {
	cfg *Config
	err error
}

// NewFolders returns a finder whose folders without a configuration file
// get defaults.
func NewFolders(defaults *Config) *Folders {
	return &Folders{dirs: map[string]folderConfig{}, files: map[string]folderConfig{}, defaults: defaults}
}

// For returns the effective configuration of the folder dir.
func (f *Folders) For(dir string) (*Config, error) {
	dir = absPath(dir)
	f.mu.Lock()
	defer f.mu.Unlock()
	fc := f.folder(dir)
	return fc.cfg, fc.err
}

// Select applies the command line's rule selection to every
// configuration, validated against base (see Config.Select).
func (f *Folders) Select(base *Config, only, enable, disable []string) error {
	if err := base.Select(only, enable, disable); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.selection = base.selection
	f.defaults.selection = base.selection
	for _, m := range []map[string]folderConfig{f.dirs, f.files} {
		for _, fc := range m {
			if fc.cfg != nil {
				fc.cfg.selection = base.selection
			}
		}
	}
	return nil
}

// SetMaxFileSize sets max-file-size over every configuration
// (--max-file-size).
func (f *Folders) SetMaxFileSize(n int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.maxFileSize = n
	f.defaults.MaxFileSize = n
	for _, m := range []map[string]folderConfig{f.dirs, f.files} {
		for _, fc := range m {
			if fc.cfg != nil {
				fc.cfg.MaxFileSize = n
			}
		}
	}
}

// folder returns the configuration of dir (f.mu held).
func (f *Folders) folder(dir string) folderConfig {
	if fc, ok := f.dirs[dir]; ok {
		return fc
	}
	var fc folderConfig
	path := fileIn(dir)
	switch {
	case path != "":
		fc = f.file(path, dir)
	case isRepoRoot(dir) || filepath.Dir(dir) == dir:
		fc = folderConfig{cfg: f.defaults}
	default:
		fc = f.folder(filepath.Dir(dir))
	}
	f.dirs[dir] = fc
	return fc
}

// file returns the effective configuration of the file at path, in the
// folder dir (f.mu held).
func (f *Folders) file(path, dir string) folderConfig {
	if fc, ok := f.files[path]; ok {
		return fc
	}
	var inherit *Config
	if parent := filepath.Dir(dir); !isRepoRoot(dir) && parent != dir && !declaresRoot(path) {
		up := f.folder(parent)
		if up.err != nil {
			f.files[path] = up
			return up
		}
		if up.cfg != f.defaults {
			inherit = up.cfg
		}
	}
	layers, err := loadLayers(path, inherit)
	fc := folderConfig{err: err}
	if err == nil {
		if inherit != nil {
			layers = append(append([]*layer(nil), inherit.chain()...), layers...)
		}
		fc.cfg = withLayers(layers)
		fc.cfg.selection = f.selection
		if f.maxFileSize > 0 {
			fc.cfg.MaxFileSize = f.maxFileSize
		}
	}
	f.files[path] = fc
	return fc
}

// fileIn returns the configuration file in dir, or "".
func fileIn(dir string) string {
	for _, name := range FileNames {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// isRepoRoot reports whether dir holds .git (a directory, or the file of
// a worktree or submodule).
func isRepoRoot(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// declaresRoot reports whether the configuration file at path says
// root: true. A file that cannot be read or parsed does not; loading it
// reports why.
func declaresRoot(path string) bool {
	data, err := readConfigFile(path)
	if err != nil {
		return false
	}
	var doc struct {
		Root bool `yaml:"root"`
	}
	return yaml.Unmarshal(data, &doc) == nil && doc.Root
}
