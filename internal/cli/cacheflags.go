package cli

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/spf13/pflag"

	"github.com/medlint/medlint/internal/cache"
	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/version"
)

// cacheFlags are check's result-cache and sharding flags.
type cacheFlags struct {
	cache      bool
	noCache    bool
	cacheDir   string
	cacheStats bool
	shard      string
}

// addCacheFlags declares --cache, --no-cache, --cache-dir and --shard.
func addCacheFlags(fl *pflag.FlagSet, f *cacheFlags) {
	fl.BoolVar(&f.cache, "cache", true, "reuse the results of unchanged files from earlier runs (on by default when a cache directory can be created)")
	fl.BoolVar(&f.noCache, "no-cache", false, "neither read nor write the result cache")
	fl.StringVar(&f.cacheDir, "cache-dir", "", "keep the result cache in `DIR` (default: $MEDLINT_CACHE_DIR, else medlint in the user's cache directory)")
	fl.BoolVar(&f.cacheStats, "cache-stats", false, "print the result cache's hits and misses on standard error")
	_ = fl.MarkHidden("cache-stats")
	fl.StringVar(&f.shard, "shard", "", "lint only shard `I/N` of the files (1 <= I <= N), split by a stable hash of their paths, for CI matrices; combine the shards' JSON reports with medlint merge")
}

// cacheVersion identifies the build in cache files; tests replace it.
var cacheVersion = func() string { return cache.BuildVersion(version.Version) }

// cacheShard is what --cache and --shard add to a check run: the shard
// of the files to lint and the opened result cache.
type cacheShard struct {
	shard    *shard
	cache    *cache.Cache
	explicit bool // the cache directory was asked for: report its problems
	stats    bool
}

// prepareRun validates --shard and opens the cache.
func (e *env) prepareRun(f checkFlags, cfg *config.Config, args []string) (*cacheShard, error) {
	x := &cacheShard{stats: f.cacheStats}
	sh, err := parseShard(f.shard)
	if err != nil {
		return nil, usageError("%v", err)
	}
	if sh != nil {
		if f.fix || f.fixDryRun {
			return nil, usageError("--shard cannot be combined with --fix or --fix-dry-run: fix the files in one run")
		}
		if slices.Contains(args, engine.StdinPath) {
			return nil, usageError("--shard splits files and directories, not standard input (-)")
		}
		x.shard = sh
	}
	if !f.cache || f.noCache || f.fix || f.fixDryRun {
		return x, nil
	}
	dir, explicit := e.cacheDir(f.cacheDir)
	if dir == "" {
		return x, nil
	}
	x.explicit = explicit
	runSet := e.workDir + "\x00"
	if cfg.Path != "" {
		abs, err := filepath.Abs(cfg.Path)
		if err != nil {
			abs = cfg.Path
		}
		runSet += abs
	}
	c, err := cache.Open(cache.Options{Dir: dir, RunSet: runSet, Version: cacheVersion(), Config: cfg.Source})
	if err != nil {
		if explicit {
			fmt.Fprintf(e.stderr, "medlint: result cache disabled: %v\n", err)
		}
		return x, nil
	}
	x.cache = c
	return x, nil
}

// apply sets the engine options for the cache and the shard.
func (x *cacheShard) apply(opts *engine.Options) {
	if x.shard != nil {
		opts.Select = x.shard.contains
	}
	if x.cache != nil {
		opts.Cache = x.cache
	}
}

// finish saves the cache after the run.
func (e *env) finishRun(x *cacheShard) {
	if x.cache == nil {
		return
	}
	if err := x.cache.Save(); err != nil && x.explicit {
		fmt.Fprintf(e.stderr, "medlint: %v\n", err)
	}
	if x.stats {
		s := x.cache.Stats()
		fmt.Fprintf(e.stderr, "medlint: cache %s: %d hits, %d partial (date rules rerun), %d misses, %d stored",
			x.cache.Path(), s.Hits, s.Partial, s.Misses, s.Stored)
		if s.Discarded != "" {
			fmt.Fprintf(e.stderr, "; previous cache discarded: %s", s.Discarded)
		}
		fmt.Fprintln(e.stderr)
	}
}

// cacheDir returns the cache directory: --cache-dir, else
// $MEDLINT_CACHE_DIR, else medlint in the user's cache directory; explicit
// reports whether the user named it.
func (e *env) cacheDir(flagDir string) (dir string, explicit bool) {
	for _, d := range []string{flagDir, e.getenv("MEDLINT_CACHE_DIR")} {
		if d != "" {
			if !filepath.IsAbs(d) {
				d = filepath.Join(e.workDir, d)
			}
			return d, true
		}
	}
	if base := userCacheDir(e.getenv); base != "" {
		return filepath.Join(base, "medlint"), false
	}
	return "", false
}

// userCacheDir is os.UserCacheDir reading the environment through getenv
// (so that tests control it); "" when there is none.
func userCacheDir(getenv func(string) string) string {
	switch runtime.GOOS {
	case "windows":
		return getenv("LocalAppData")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Caches")
		}
	case "plan9":
		if h := getenv("home"); h != "" {
			return filepath.Join(h, "lib", "cache")
		}
	default:
		if d := getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
			return d
		}
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".cache")
		}
	}
	return ""
}
