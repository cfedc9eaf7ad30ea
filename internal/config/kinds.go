package config

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/medlint/medlint/internal/article"
)

// KindGlob gives the files its globs match a page kind (page-kinds.files).
type KindGlob struct {
	Files []string
	Kind  article.Kind
	Line  int
}

// ArticleInput returns what article.Compute needs for the file at rel
// (relative to the config directory): the page-kind configuration and the
// kind of the first page-kinds.files entry matching rel.
func (c *Config) ArticleInput(rel string) article.Input {
	in := article.Input{Config: c.Article, Path: rel}
	// The nearest layer's globs first: the first match wins.
	chain := c.chain()
	for j := len(chain) - 1; j >= 0; j-- {
		l := chain[j]
		lrel := c.relIn(l, rel)
		for i, g := range l.KindGlobs {
			if matchesAny(g.Files, lrel) {
				in.PathKind = g.Kind
				in.PathRule = fmt.Sprintf("page-kinds.files[%d] (%s) in %s", i, strings.Join(g.Files, ", "), l.displayPath())
				return in
			}
		}
	}
	return in
}

func (c *Config) displayPath() string {
	if c.Path == "" {
		return "the configuration"
	}
	return c.Path
}

// pageKinds reads the page-kinds: section.
func (p *parser) pageKinds(c *Config, v *yaml.Node) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "page-kinds must be a mapping with keys keys, values and files")
		return
	}
	cfg := c.articleConfig()
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		switch k.Value {
		case "keys":
			cfg.KindKeys = p.strings(val, "page-kinds.keys")
		case "values":
			if val.Kind != yaml.MappingNode {
				p.errorf(val.Line, "page-kinds.values must map front-matter values to advice, product or other")
				continue
			}
			cfg.KindValues = map[string]article.Kind{}
			for j := 0; j+1 < len(val.Content); j += 2 {
				name, kind := val.Content[j], val.Content[j+1]
				kd, err := article.ParseKind(kind.Value)
				if err != nil || kind.Kind != yaml.ScalarNode {
					p.errorf(kind.Line, "page-kinds.values.%s: %v", name.Value, err)
					continue
				}
				cfg.KindValues[strings.ToLower(strings.TrimSpace(name.Value))] = kd
			}
		case "files":
			c.KindGlobs = p.kindGlobs(val)
		default:
			p.errorf(k.Line, "unknown key %q in page-kinds (want keys, values or files)", k.Value)
		}
	}
}

func (p *parser) kindGlobs(v *yaml.Node) []KindGlob {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, "page-kinds.files must be a list of {files, kind} entries")
		return nil
	}
	var out []KindGlob
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			p.errorf(item.Line, "each page-kinds.files entry must be a mapping with files and kind")
			continue
		}
		g := KindGlob{Line: item.Line}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, val := item.Content[i], item.Content[i+1]
			switch k.Value {
			case "files":
				g.Files = p.globs(val, "page-kinds.files.files")
			case "kind":
				kd, err := article.ParseKind(val.Value)
				if err != nil || val.Kind != yaml.ScalarNode {
					p.errorf(val.Line, "page-kinds.files.kind: %v", err)
					continue
				}
				g.Kind = kd
			default:
				p.errorf(k.Line, "unknown key %q in a page-kinds.files entry (want files or kind)", k.Value)
			}
		}
		if len(g.Files) == 0 || g.Kind == article.KindUnknown {
			p.errorf(item.Line, "a page-kinds.files entry needs files globs and a kind")
			continue
		}
		out = append(out, g)
	}
	return out
}

// providers reads the providers: section.
func (p *parser) providers(c *Config, v *yaml.Node) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "providers must be a mapping with keys disclaimer and review")
		return
	}
	cfg := c.articleConfig()
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		switch k.Value {
		case "disclaimer":
			cfg.Providers.Disclaimer = p.strings(val, "providers.disclaimer")
			if cfg.Providers.Disclaimer == nil {
				cfg.Providers.Disclaimer = []string{} // an empty list: nothing provides it
			}
		case "review":
			cfg.Providers.Review = p.strings(val, "providers.review")
		default:
			p.errorf(k.Line, "unknown key %q in providers (want disclaimer or review)", k.Value)
		}
	}
}

func (c *Config) articleConfig() *article.Config {
	if c.Article == nil {
		c.Article = &article.Config{}
	}
	return c.Article
}

// strings reads a list of non-empty strings.
func (p *parser) strings(v *yaml.Node, key string) []string {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, "%s must be a list of strings", key)
		return nil
	}
	var out []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || strings.TrimSpace(item.Value) == "" {
			p.errorf(item.Line, "%s: each entry must be a non-empty string", key)
			continue
		}
		out = append(out, strings.TrimSpace(item.Value))
	}
	return out
}

// kinds reads a rule's kinds: setting.
func (p *parser) kinds(v *yaml.Node, rule string) (article.KindSet, bool) {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		p.errorf(v.Line, "rules.%s.kinds must be a non-empty list of page kinds (advice, product, other)", rule)
		return 0, false
	}
	var set article.KindSet
	for _, item := range v.Content {
		k, err := article.ParseKind(item.Value)
		if err != nil || item.Kind != yaml.ScalarNode {
			p.errorf(item.Line, "rules.%s.kinds: %v", rule, err)
			return 0, false
		}
		set |= article.SetOf(k)
	}
	return set, true
}
