package document

import "strings"

// LowerText returns b.Text with ASCII letters lower-cased (byte for byte,
// so offsets into it are offsets into b.Text). It is computed once per
// document, for rules that prefilter blocks by substring search.
func (d *Document) LowerText(b *Block) string {
	d.lowerOnce.Do(func() {
		d.lower = make([]string, len(d.Blocks))
		for i, blk := range d.Blocks {
			d.lower[i] = asciiLower(blk.Text)
		}
	})
	if !d.ofDoc(b) {
		return asciiLower(b.Text)
	}
	return d.lower[b.index]
}

func asciiLower(s string) string {
	for i := range len(s) {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			var sb strings.Builder
			sb.Grow(len(s))
			sb.WriteString(s[:i])
			for j := i; j < len(s); j++ {
				c := s[j]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				sb.WriteByte(c)
			}
			return sb.String()
		}
	}
	return s
}
