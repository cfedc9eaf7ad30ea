package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxConfigFileSize bounds a configuration file: 4 MB.
const MaxConfigFileSize = 4 << 20

// loadExtends loads the files that extends: in doc names, relative to
// src's folder, and returns their layers in order. A missing file, or one
// that extends a file extending it, is an error naming the line of the
// extends entry.
func (p *parser) loadExtends(doc *yaml.Node, src source, inherit *Config, stack []string) ([]*layer, error) {
	var refs []extendRef
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "extends" {
			refs = p.extendsList(doc.Content[i+1])
		}
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	self := absPath(src.path)
	stack = append(stack, self)
	var out []*layer
	for _, ref := range refs {
		path := ref.path
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(src.path), filepath.FromSlash(path))
		}
		abs := absPath(path)
		for i, s := range stack {
			if s == abs {
				return nil, &Error{Path: src.path, Line: ref.line, Msg: "extends: a cycle: " + cycleText(stack[i:], abs)}
			}
		}
		data, err := readConfigFile(path)
		if err != nil {
			return nil, &Error{Path: src.path, Line: ref.line, Msg: fmt.Sprintf("extends: %s: %v", path, err)}
		}
		// Globs stay relative to the extending file's folder; paths in
		// options to the extended file's own.
		sub := source{path: path, globDir: src.globDir, optDir: filepath.Dir(abs), data: data}
		layers, err := parseLayers(sub, lookupBase(out, inherit), stack)
		if err != nil {
			// Located at the extends entry too: a shared file may be
			// extended from several.
			return nil, fmt.Errorf("%s:%d: extends %s: %w", src.path, ref.line, ref.path, err)
		}
		out = append(out, layers...)
	}
	return out, nil
}

// lookupBase is the configuration an extended file may name the custom
// rules of: the files extended before it, then inherit.
func lookupBase(before []*layer, inherit *Config) *Config {
	if len(before) == 0 {
		return inherit
	}
	layers := before
	if inherit != nil {
		layers = append(append([]*layer(nil), inherit.chain()...), before...)
	}
	return withLayers(layers)
}

// cycleText is "a.yml -> b.yml -> a.yml".
func cycleText(stack []string, back string) string {
	return strings.Join(append(append([]string(nil), stack...), back), " -> ")
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// readConfigFile reads a configuration file: a regular file of at most
// MaxConfigFileSize bytes.
func readConfigFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errors.New("config file not found")
	case err != nil:
		return nil, fmt.Errorf("cannot read config: %w", err)
	case !st.Mode().IsRegular():
		return nil, errors.New("not a regular file")
	case st.Size() > MaxConfigFileSize:
		return nil, fmt.Errorf("larger than %d MB", MaxConfigFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	return data, nil
}
