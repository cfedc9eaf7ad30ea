package config

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/article"
	"github.com/medlint/medlint/internal/custom"
	"github.com/medlint/medlint/internal/document"
)

// A configuration file is one layer of the configuration of the files in
// its folder and below. The effective configuration of a file is the list
// of layers from the outermost folder's file (the repository root's, or
// the nearest one marked root: true) to the nearest one, each preceded by
// the files it extends. Later layers win: rule settings and option values
// merge by key (a list value replaces the earlier list whole), scalar
// settings (max-file-size, the parse limits, ignore-files) take the last
// layer's that sets them, and the globs of every layer (ignore, overrides,
// page-kinds.files, custom-rules files) keep applying to the files below
// that layer's folder, matched relative to it.

// layer is one configuration file of an effective configuration: its own
// settings (a Config as parsed, without its extends or its parents).
type layer = Config

// chain returns the layers of c, outermost first: c itself for a
// configuration built by hand.
func (c *Config) chain() []*layer {
	if len(c.layers) == 0 {
		return []*layer{c}
	}
	return c.layers
}

// Layers returns the paths of the configuration files c is made of,
// outermost first: the files of the folders above the nearest one, and
// every file extended (empty for the defaults).
func (c *Config) Layers() []string {
	var out []string
	for _, l := range c.chain() {
		if l.Path != "" {
			out = append(out, l.Path)
		}
	}
	return out
}

// Sum returns a digest of every layer's path and content: the result
// cache keys each file's results on it, since custom rules are defined by
// the content.
func (c *Config) Sum() [sha256.Size]byte {
	if c.sum != ([sha256.Size]byte{}) {
		return c.sum
	}
	return c.computeSum()
}

// computeSum is Sum computed afresh.
func (c *Config) computeSum() [sha256.Size]byte {
	h := sha256.New()
	for _, l := range c.chain() {
		fmt.Fprintf(h, "%d:%s%d:", len(l.Path), l.Path, len(l.Source))
		h.Write(l.Source)
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// relIn returns the path of the file at rel (relative to c.Dir) relative
// to the folder of layer l, with forward slashes.
func (c *Config) relIn(l *layer, rel string) string {
	if l == c || l.Dir == c.Dir || l.Dir == "" {
		return rel
	}
	abs := filepath.Join(c.Dir, filepath.FromSlash(rel))
	if filepath.IsAbs(rel) {
		abs = rel
	}
	out, err := filepath.Rel(l.Dir, abs)
	if err != nil {
		return rel
	}
	return filepath.ToSlash(out)
}

// withLayers returns the effective configuration made of layers,
// outermost first; the last one is the nearest file, whose path and
// folder it takes.
func withLayers(layers []*layer) *Config {
	near := layers[len(layers)-1]
	c := *near
	c.layers = layers
	c.Custom = mergeCustom(layers)
	c.Ignore, c.KindGlobs = near.Ignore, near.KindGlobs
	c.MaxFileSize, c.Limits, c.IgnoreFiles, c.Article = DefaultMaxFileSize, document.DefaultLimits, nil, nil
	for _, l := range layers {
		c.mergeScalars(l)
	}
	c.sum = c.computeSum()
	return &c
}

// mergeScalars takes the settings that l sets over c's.
func (c *Config) mergeScalars(l *layer) {
	set := func(key string) bool { return l.keys[key] }
	if set("max-file-size") {
		c.MaxFileSize = l.MaxFileSize
	}
	if set("max-nesting") {
		c.Limits.Nesting = l.Limits.Nesting
	}
	if set("max-table-cells") {
		c.Limits.TableCells = l.Limits.TableCells
	}
	if set("max-parse-cost") {
		c.Limits.ParseCost = l.Limits.ParseCost
	}
	if set("ignore-files") {
		c.IgnoreFiles = l.IgnoreFiles
	}
	if l.Article != nil {
		c.Article = mergeArticle(c.Article, l.Article)
	}
}

// mergeArticle returns base with the page-kind and provider settings of
// over on top: lists replace, the values map merges by key.
func mergeArticle(base, over *article.Config) *article.Config {
	if base == nil {
		cp := *over
		return &cp
	}
	out := *base
	if over.KindKeys != nil {
		out.KindKeys = over.KindKeys
	}
	if over.KindValues != nil {
		out.KindValues = maps.Clone(out.KindValues)
		if out.KindValues == nil {
			out.KindValues = map[string]article.Kind{}
		}
		maps.Copy(out.KindValues, over.KindValues)
	}
	if over.Providers.Disclaimer != nil {
		out.Providers.Disclaimer = over.Providers.Disclaimer
	}
	if over.Providers.Review != nil {
		out.Providers.Review = over.Providers.Review
	}
	return &out
}

// mergeCustom returns the custom rules of layers, a nearer definition of
// an id replacing an outer one, in the order they were first defined.
func mergeCustom(layers []*layer) []custom.Rule {
	var out []custom.Rule
	for _, l := range layers {
		for _, r := range l.Custom {
			id := r.Meta().ID
			if i := slices.IndexFunc(out, func(o custom.Rule) bool { return o.Meta().ID == id }); i >= 0 {
				out[i] = r
				continue
			}
			out = append(out, r)
		}
	}
	return out
}

// customLayer returns the layer that defines the custom rule with id
// (the nearest), or nil.
func (c *Config) customLayer(id string) *layer {
	chain := c.chain()
	for i := len(chain) - 1; i >= 0; i-- {
		for _, r := range chain[i].Custom {
			if r.Meta().ID == id {
				return chain[i]
			}
		}
	}
	return nil
}

// optionDir returns the folder that paths in the options of l are
// relative to: the folder of the file that sets them, also when l is
// extended from a file in another folder.
func (l *layer) optionDir() string {
	if l.optDir != "" {
		return l.optDir
	}
	return l.Dir
}

// extendsList reads extends: a path or a list of paths.
func (p *parser) extendsList(v *yaml.Node) []extendRef {
	var items []*yaml.Node
	switch v.Kind {
	case yaml.ScalarNode:
		items = []*yaml.Node{v}
	case yaml.SequenceNode:
		items = v.Content
	default:
		p.errorf(v.Line, "extends must be a path or a list of paths of configuration files")
		return nil
	}
	var out []extendRef
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || strings.TrimSpace(it.Value) == "" {
			p.errorf(it.Line, "extends: each entry must be the path of a configuration file")
			continue
		}
		out = append(out, extendRef{path: it.Value, line: it.Line})
	}
	return out
}

// extendRef is one entry of extends: as written, and its line.
type extendRef struct {
	path string
	line int
}

// boolValue reads a YAML boolean.
func (p *parser) boolValue(v *yaml.Node, key string) bool {
	var b bool
	if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
		p.errorf(v.Line, "%s: want true or false, got %q", key, nodeText(v))
	}
	return b
}
