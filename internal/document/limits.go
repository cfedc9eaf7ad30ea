package document

import "fmt"

// Limits bound what one file may ask of the parser. goldmark's time grows
// faster than the file on a few shapes (deep nesting; paragraphs dense with
// unclosed brackets, emphasis or backticks; thousands of link reference or
// footnote definitions), and its memory with the cells of a table, which it
// pads to the header's width: a small crafted file could otherwise hang a
// CI runner or exhaust its memory. Parse measures each while goldmark
// parses, at no cost to ordinary files, and stops at the first one over its
// limit with a *LimitError: that file is not linted, the others are. A zero
// field takes its default (DefaultLimits).
type Limits struct {
	// Nesting bounds how deep block quotes, list items and footnote
	// definitions nest: goldmark's time grows with the cube of the depth.
	Nesting int
	// TableCells bounds the cells of all the tables of a file. goldmark
	// pads every row to the header's width, so a wide header over many
	// short rows makes columns x rows cells out of a few bytes.
	TableCells int
	// ParseCost bounds the work, in steps per byte of the file, that the
	// markup goldmark matches in quadratic time may cost: each marker is
	// charged what goldmark's loops may spend on it (see guard.go).
	// Ordinary articles cost a few steps per byte.
	ParseCost int
}

// DefaultLimits are the limits of a configuration that sets none. Each is
// far above what real articles use (TestCorpusUnderLimits), and at each the
// worst file of a few megabytes parses in about a second.
var DefaultLimits = Limits{
	Nesting:    100,
	TableCells: 250000,
	ParseCost:  256,
}

// WithDefaults returns l with every unset (zero or negative) field set to
// its default.
func (l Limits) WithDefaults() Limits {
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&l.Nesting, DefaultLimits.Nesting)
	set(&l.TableCells, DefaultLimits.TableCells)
	set(&l.ParseCost, DefaultLimits.ParseCost)
	return l
}

// Usage is what a parsed file asks of the parser: its deepest nesting, the
// cells of its tables (as goldmark makes them), its footnote definitions,
// and the parse's work in steps (Limits.ParseCost bounds it per byte).
type Usage struct {
	Nesting, TableCells, Footnotes, ParseCost int
}

// LimitError is returned by Parse for a file over one of its Limits.
type LimitError struct {
	// Key is the configuration key that sets the limit ("max-nesting").
	Key string
	// Limit is the value of the limit.
	Limit int
	// Line is the 1-based line where the file went over the limit.
	Line int
	// What says what went over it.
	What string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: not linted; raise %s (now %d) in .medlint.yml to lint it", e.What, e.Key, e.Limit)
}
