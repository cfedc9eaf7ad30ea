package document

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/medlint/medlint/internal/goldmark/extension"
)

// linkifyFilter is goldmark's linkify parser (GFM's extended autolinks),
// not called where it cannot find a link. goldmark calls it at every
// space of every paragraph, and each call looks the context up and scans
// the next word for an e-mail address: 4% of a check's CPU over the docs
// corpus (issue 21). The filter answers nil, as linkify itself would, when
// the text after the space starts with none of linkify's prefixes
// ("http:", "https:", "ftp:", "www.") and holds no '@' where an address
// could have one (util.FindEmailIndex reads at most 64 bytes before it);
// otherwise linkify runs. TestGuardKeepsAST and FuzzGuardKeepsAST prove the
// tree unchanged.
type linkifyFilter struct{ parser.InlineParser }

// emailLocalMax is how many bytes util.FindEmailIndex reads before the
// '@' it needs.
const emailLocalMax = 64

// newLinkifyFilter returns the filtered linkify parser at linkify's
// priority (what extension.Linkify registers).
func newLinkifyFilter() util.PrioritizedValue {
	return util.Prioritized(linkifyFilter{extension.NewLinkifyParser()}, 999)
}

// Parse implements parser.InlineParser.
func (f linkifyFilter) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	// linkify steps over the trigger it was called at (a space, or a
	// character that may open emphasis or a parenthesis).
	rest := line
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		rest = line[1:]
	}
	if len(rest) > 0 && (rest[0] == 'h' || rest[0] == 'f' || rest[0] == 'w') ||
		bytes.IndexByte(rest[:min(len(rest), emailLocalMax+1)], '@') >= 0 {
		return f.InlineParser.Parse(parent, block, pc)
	}
	return nil
}
