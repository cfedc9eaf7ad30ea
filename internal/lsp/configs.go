package lsp

import (
	"fmt"
	"path/filepath"
	"slices"
	"sync"

	"github.com/medlint/medlint/internal/config"
)

// docConfig is the configuration one document is linted with.
type docConfig struct {
	// cfg is the configuration (nil when it could not be loaded: err).
	cfg *config.Config
	// rel is the document's path relative to cfg.Dir, which its globs
	// match.
	rel string
	// active are the rules that run on rel.
	active []config.Active
	// ignored reports that cfg's ignore globs match rel: `medlint check`
	// does not lint the file, even when named.
	ignored bool
	// err is why the configuration cannot be used.
	err error
	// gen is the generation of the configurations it was read in; a
	// change of any configuration file starts a new one.
	gen uint64
}

// configs finds, loads and resolves each document's configuration as
// `medlint check FILE` run from the file's directory does: the nearest
// .medlint.yml at or above it (config.Find stops at the repository's
// root), else the defaults. Everything is cached until invalidate, which
// a change of a configuration file or of a file one names calls. Safe
// for concurrent use.
type configs struct {
	// fallbackDir is where a document that is not a file (an untitled
	// buffer) looks for its configuration: the first workspace folder.
	fallbackDir string

	mu  sync.Mutex
	gen uint64
	// folders finds each folder's configuration; defaults is what it
	// gives the folders without one.
	folders  *config.Folders
	defaults *config.Config
	// loaded maps a configuration file ("" + directory for the defaults)
	// to what loading it gave.
	loaded map[string]*loadedConfig
	// deps are the files read, by absolute path: the configuration files
	// and the files their options named (a reviewers registry).
	deps map[string]bool
}

type loadedConfig struct {
	cfg      *config.Config
	err      error
	resolved map[string]resolvedRules
}

type resolvedRules struct {
	active []config.Active
	err    error
}

func newConfigs(fallbackDir string) *configs {
	c := &configs{fallbackDir: fallbackDir}
	c.reset()
	return c
}

func (c *configs) reset() {
	c.defaults = config.Default(c.fallbackDir)
	c.folders = config.NewFolders(c.defaults)
	c.loaded, c.deps = map[string]*loadedConfig{}, map[string]bool{}
}

// invalidate forgets every configuration, so that the next lint of each
// document reads its configuration again.
func (c *configs) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.reset()
}

// generation returns the current generation.
func (c *configs) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// forDocument returns the configuration of d: of its path, or for a
// document that is not a file, of the fallback directory with the
// document's name as its path.
func (c *configs) forDocument(d *document) docConfig {
	dir, name := filepath.Dir(d.path), d.path
	if d.path == "" {
		dir, name = c.fallbackDir, ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	dc := docConfig{gen: c.gen}
	lc := c.load(dir)
	if lc.err != nil {
		dc.err = lc.err
		return dc
	}
	dc.cfg = lc.cfg
	if name == "" {
		dc.rel = uriName(d.uri)
	} else {
		dc.rel = lc.cfg.Rel(name)
		dc.ignored = lc.cfg.Ignored(dc.rel)
	}
	rr, ok := lc.resolved[dc.rel]
	if !ok {
		rr.active, rr.err = lc.cfg.Resolve(dc.rel)
		lc.resolved[dc.rel] = rr
		c.addDeps(lc.cfg, rr.active)
	}
	dc.active, dc.err = rr.active, rr.err
	return dc
}

// load returns the configuration that applies in dir (c.mu held): as
// check finds it, the nearest configuration file merged over those of
// the folders above (config.Folders).
func (c *configs) load(dir string) *loadedConfig {
	cfg, err := c.folders.For(dir)
	if err != nil {
		return &loadedConfig{err: fmt.Errorf("looking for the configuration of %s: %w", dir, err)}
	}
	key := cfg.Path
	if cfg == c.defaults {
		key = "\x00" + dir
	}
	if lc, ok := c.loaded[key]; ok {
		return lc
	}
	lc := &loadedConfig{resolved: map[string]resolvedRules{}, cfg: cfg}
	if cfg == c.defaults {
		lc.cfg = config.Default(dir)
	}
	for _, path := range cfg.Layers() {
		if abs, err := filepath.Abs(path); err == nil {
			c.deps[abs] = true
		}
	}
	c.loaded[key] = lc
	return lc
}

// addDeps records the files the options of active read (c.mu held).
func (c *configs) addDeps(cfg *config.Config, active []config.Active) {
	for _, a := range active {
		for _, f := range a.Files {
			p := f.Path
			if !filepath.IsAbs(p) {
				p = filepath.Join(cfg.Dir, p)
			}
			c.deps[filepath.Clean(p)] = true
		}
	}
}

// dependencies returns the files read so far, sorted.
func (c *configs) dependencies() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.deps))
	for p := range c.deps {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// affects reports whether a change of the file at path can change a
// configuration: it is named as one (.medlint.yml, .medlint.yaml: a new
// one may now be the nearest), or it was read.
func (c *configs) affects(path string) bool {
	if slices.Contains(config.FileNames, filepath.Base(path)) {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.deps[filepath.Clean(path)]
}
