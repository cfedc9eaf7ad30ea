package engine

import (
	"path/filepath"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/ignorefile"
)

// ignores is what decides which paths a walk leaves out: the ignore globs
// of each file's configuration, and the ignore files (package ignorefile)
// unless Options.NoIgnoreFiles or the configuration's ignore-files: false
// turns them off.
type ignores struct {
	// folders, when set, gives each folder its configuration
	// (Options.Folders); else the run's applies everywhere.
	folders *config.Folders
	// ignoreFiles reads the ignore files (nil: none is read).
	ignoreFiles *ignorefile.Matcher
}

func newIgnores(opts Options) ignores {
	ig := ignores{folders: opts.Folders}
	if !opts.NoIgnoreFiles {
		ig.ignoreFiles = ignorefile.New()
	}
	return ig
}

// configOf returns the configuration of the folder dir: the run's when
// there is no per-folder configuration or the folder's cannot be loaded
// (its files report the error when their rules are resolved).
func (d *discovery) configOf(dir string) *config.Config {
	if d.folders != nil {
		if c, err := d.folders.For(dir); err == nil {
			return c
		}
	}
	return d.cfg
}

// argIgnored reports whether the file named on the command line at abs is
// not to be linted: the ignore globs of its configuration match it. The
// ignore files do not apply to a file named: naming it is the request
// (pre-commit and --changed name files that the ignore globs, not
// .gitignore, are meant to hold back).
func (d *discovery) argIgnored(abs string) bool {
	c := d.configOf(filepath.Dir(abs))
	return c.Ignored(c.Rel(abs))
}

// walkIgnored reports whether the walk leaves out the file or folder
// (isDir) at path: its configuration's ignore globs or an ignore file
// match it.
func (d *discovery) walkIgnored(path string, isDir bool) bool {
	abs := d.absOf(path)
	c := d.configOf(filepath.Dir(abs))
	if c.Ignored(c.Rel(abs)) {
		return true
	}
	if d.ignoreFiles == nil || c.IgnoreFiles != nil && !*c.IgnoreFiles {
		return false
	}
	return d.ignoreFiles.Ignored(abs, isDir)
}

// configOf returns the configuration of target t and t's path relative to
// it: its folder's (Options.Folders), else the run's.
func (p *Plan) configOf(t target) (*config.Config, string, error) {
	cfg := p.opts.Config
	if p.opts.Folders == nil {
		if t.path == StdinPath {
			return cfg, t.display, nil
		}
		return cfg, cfg.Rel(t.abs), nil
	}
	abs := t.abs
	if t.path == StdinPath {
		// Standard input is configured as the file it is named after.
		abs = filepath.Join(p.workDir(), filepath.FromSlash(t.display))
	}
	cfg, err := p.opts.Folders.For(filepath.Dir(abs))
	if err != nil {
		return nil, "", err
	}
	return cfg, cfg.Rel(abs), nil
}

// workDir is Options.WorkDir, or the process's working directory.
func (p *Plan) workDir() string {
	if p.opts.WorkDir != "" {
		return p.opts.WorkDir
	}
	return absFunc()(".")
}

// resolverOf returns the resolve cache of cfg, one per configuration.
func (p *Plan) resolverOf(cfg *config.Config) *config.ResolveCache {
	if cfg == p.opts.Config {
		return p.resolver
	}
	return p.resolvers.Get(cfg, func() *config.ResolveCache { return config.NewResolveCache(cfg) })
}
