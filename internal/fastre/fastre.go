// Package fastre finds the matches of a Go regular expression with the
// results of package regexp, faster when few positions of the text can
// start a match.
//
// An unanchored search in package regexp tries the whole expression at
// every position of the text: an expression that starts with a long
// alternation of words ("studies|research|scientists|...") walks every
// branch at every position, and one with a large program clears a large
// bitmap for every search. A Regexp here runs, at each position where a
// match may start (a byte some match can start with, at a word boundary
// when every match starts with \b; an expression that starts with one of
// at most three ASCII bytes jumps between them with strings.IndexAny),
// a deterministic automaton built lazily from the
// compiled program (dfa.go): it follows the threads of regexp's own NFA
// in priority order, so it ends the match where package regexp would, and
// it dies at the first byte where no thread survives, which at most
// positions is the first. The first position with a match gives the
// leftmost match, as in package regexp.
//
// Non-ASCII runes that the program may match are stepped rune by rune
// (dfa.go). Where the automaton cannot answer (too many states,
// submatches), package regexp runs the expression anchored at that
// position, with one rune of context before it
// (so that \b, \B and (?m)^ read what they read in the whole text); and
// when the automaton has stepped over more than a few times the text's
// length (an expression whose partial matches run long), package regexp
// searches the whole text instead. An expression that can match the empty
// string or is anchored at the start of the text is always run by package
// regexp.
package fastre

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// maxStates bounds the automaton of one expression; a state past it
// sends the search to package regexp.
const maxStates = 4096

// Regexp is a compiled expression with its start filter, built on first
// use (so that expressions a run never reaches cost nothing).
type Regexp struct {
	expr string
	// re is package regexp's expression: for a MustCompile expression,
	// compiled when first needed (std), which the automaton usually
	// makes never.
	re     *regexp.Regexp
	reOnce sync.Once
	once   sync.Once
	fast   bool
	// at matches at the start of its input; atCtx consumes one rune of
	// context first. Each is compiled on its first use (anchoredAt): a
	// search that only needs the one with context compiles one.
	at, atCtx         *regexp.Regexp
	atOnce, atCtxOnce sync.Once
	// wordStart reports whether every match starts at a \b.
	wordStart bool
	// first holds the bytes a match may start with (a bit each: a check
	// makes hundreds of Regexps); skipTo lists them when they are three
	// ASCII bytes or fewer, for strings.IndexAny.
	first  byteSet
	skipTo string
	dfa    *dfa
}

// MustCompile is like regexp.MustCompile, except that expr is compiled
// on first use (a package-level expression costs nothing at program
// start): an expression that does not compile panics then.
func MustCompile(expr string) *Regexp { return &Regexp{expr: expr} }

// New wraps re, which must not be switched to leftmost-longest matching
// (Longest) afterwards.
func New(re *regexp.Regexp) *Regexp { return &Regexp{expr: re.String(), re: re} }

// Regexp returns the wrapped expression.
func (r *Regexp) Regexp() *regexp.Regexp {
	r.once.Do(r.init)
	return r.std()
}

// std returns package regexp's expression, compiling it on first use.
func (r *Regexp) std() *regexp.Regexp {
	r.reOnce.Do(func() {
		if r.re == nil {
			r.re = regexp.MustCompile(r.expr)
		}
	})
	return r.re
}

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.expr }

func (r *Regexp) init() {
	prog, err := compileProg(r.expr)
	if err != nil {
		r.std() // a MustCompile expression that does not compile panics, as regexp.MustCompile does
		return
	}
	r.derive(prog)
}

// derive builds the start filter and the automaton of prog, the program
// of the expression, or leaves the expression on package regexp.
func (r *Regexp) derive(prog *syntax.Prog) {
	expr := r.expr
	start := []uint32{uint32(prog.Start)}
	// threads are the instructions a match may start with, whatever the
	// assertions say.
	threads := closure(prog, start, 0)
	if hasMatch(prog, threads) {
		return // an empty match
	}
	if len(closure(prog, start, syntax.EmptyBeginText)) == 0 {
		return // anchored at the start of the text: package regexp tries one position already
	}
	// An unterminated \Q quotes the closing parenthesis; such an
	// expression stays on package regexp. The anchored forms, which only
	// run where the automaton cannot answer, are compiled then (anchored).
	if strings.Contains(expr, `\Q`) {
		if r.anchoredAt(0) == nil || r.anchoredAt(1) == nil {
			return
		}
	}
	// Every match starts at \b when no rune or match is reachable from
	// the start without passing a word-boundary assertion.
	r.wordStart = len(closure(prog, start, syntax.EmptyWordBoundary)) == 0
	r.dfa = newDFA(prog)
	n := 0
	for c := range utf8.RuneSelf {
		if slices.ContainsFunc(threads, func(pc uint32) bool { return stepsOver(&prog.Inst[pc], rune(c)) }) {
			r.first.add(byte(c))
			n++
		}
	}
	if anyNonASCII(prog, threads) {
		for c := utf8.RuneSelf; c < 256; c++ {
			r.first.add(byte(c))
		}
	} else if n <= 3 {
		for c := range utf8.RuneSelf {
			if r.first.has(byte(c)) {
				r.skipTo += string(rune(c))
			}
		}
	}
	r.fast = true
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if r.once.Do(r.init); !r.fast {
		return r.std().FindAllStringIndex(s, n)
	}
	return r.all(s, n, false)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if r.once.Do(r.init); !r.fast {
		return r.std().FindAllStringSubmatchIndex(s, n)
	}
	return r.all(s, n, true)
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (r *Regexp) FindStringIndex(s string) []int {
	if r.once.Do(r.init); !r.fast {
		return r.std().FindStringIndex(s)
	}
	return r.next(s, 0, false)
}

// MatchString is regexp.Regexp.MatchString.
func (r *Regexp) MatchString(s string) bool {
	if r.once.Do(r.init); !r.fast {
		return r.std().MatchString(s)
	}
	return r.next(s, 0, false) != nil
}

func (r *Regexp) all(s string, n int, sub bool) [][]int {
	var out [][]int
	for pos := 0; n < 0 || len(out) < n; {
		m := r.next(s, pos, sub)
		if m == nil {
			break
		}
		out = append(out, m)
		pos = m[1] // matches are never empty
	}
	return out
}

// next returns the leftmost match of s starting at pos or later, where
// pos is 0 or the end of a match (a rune boundary), with its submatches
// when sub is set.
func (r *Regexp) next(s string, pos int, sub bool) []int {
	budget := 4*(len(s)-pos) + 256
	for p := pos; p < len(s); {
		if r.skipTo != "" {
			i := strings.IndexAny(s[p:], r.skipTo)
			if i < 0 {
				return nil
			}
			p += i // an ASCII byte: a rune boundary
		}
		c := s[p]
		w := 1
		if c >= utf8.RuneSelf {
			_, w = utf8.DecodeRuneInString(s[p:])
		}
		if r.first.has(c) && r.mayStart(s, p, c) {
			end, ok := r.dfa.matchEnd(s, p, &budget)
			switch {
			case budget < 0:
				return r.search(s, pos, sub)
			case !ok || end >= 0 && sub:
				at := r.anchoredAt(p)
				if at == nil {
					return r.search(s, pos, sub)
				}
				if m := matchAt(at, s, p, sub); m != nil {
					return m
				}
			case end >= 0:
				return []int{p, end}
			}
		}
		p += w
	}
	return nil
}

// mayStart reports whether a match may start at p, whose byte is c: at a
// word boundary if every match starts at one, and where the automaton's
// start state does not die on c (a transition already computed; an
// unknown one says "may").
func (r *Regexp) mayStart(s string, p int, c byte) bool {
	cls := prevClass(s, p)
	if r.wordStart && (cls == prevWord) == isWordByte(c) {
		return false
	}
	k := int(c)
	if c >= utf8.RuneSelf {
		k = nonASCIIIndex
	}
	return r.dfa.start[cls].next[k].Load() != noThread
}

// search returns the first match of package regexp's own search of s that
// starts at pos or later: pos is 0 or the end of a match of that search.
func (r *Regexp) search(s string, pos int, sub bool) []int {
	var all [][]int
	if sub {
		all = r.std().FindAllStringSubmatchIndex(s, -1)
	} else {
		all = r.std().FindAllStringIndex(s, -1)
	}
	for _, m := range all {
		if m[0] >= pos {
			return m
		}
	}
	return nil
}

// anchoredAt returns the anchored expression that runs at p (a rune
// boundary): at for p 0, atCtx, which consumes the rune before p first,
// for a later p; each compiled on first use. It returns nil when the form
// does not compile (an unterminated \Q quotes the closing parenthesis; a
// nesting at the parser's limit), and package regexp's own search answers
// then.
func (r *Regexp) anchoredAt(p int) *regexp.Regexp {
	if p == 0 {
		r.atOnce.Do(func() { r.at, _ = regexp.Compile(`^(?:` + r.expr + `)`) })
		return r.at
	}
	r.atCtxOnce.Do(func() { r.atCtx, _ = regexp.Compile(`^(?s:.)(?:` + r.expr + `)`) })
	return r.atCtx
}

// matchAt runs re, the anchored expression for p (anchoredAt), at p and
// returns the match's offsets in s. The rune before p, which the anchored
// run with context consumes, decodes backwards as it does forwards at a
// boundary.
func matchAt(re *regexp.Regexp, s string, p int, sub bool) []int {
	off := p
	if p > 0 {
		_, w := utf8.DecodeLastRuneInString(s[:p])
		off = p - w
	}
	var m []int
	if sub {
		m = re.FindStringSubmatchIndex(s[off:])
	} else {
		m = re.FindStringIndex(s[off:])
	}
	if m == nil {
		return nil
	}
	m[0] = p - off
	for i := range m {
		if m[i] >= 0 {
			m[i] += off
		}
	}
	return m
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (b *byteSet) add(c byte)      { b[c>>6] |= 1 << (c & 63) }
func (b *byteSet) has(c byte) bool { return b[c>>6]&(1<<(c&63)) != 0 }

// isWordByte reports whether c is an ASCII word character (\w, which is
// what \b reads); every other byte belongs to a non-word rune.
func isWordByte(c byte) bool { return wordBytes[c] }

var wordBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
	}
	return t
}()

// closure returns the instructions reachable from pcs without consuming
// a rune; every assertion is taken as satisfiable, except those of stop,
// which end the walk.
func closure(prog *syntax.Prog, pcs []uint32, stop syntax.EmptyOp) []uint32 {
	seen := map[uint32]bool{}
	var out []uint32
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(in.Out)
			walk(in.Arg)
		case syntax.InstCapture, syntax.InstNop:
			walk(in.Out)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(in.Arg)&stop != 0 {
				return
			}
			walk(in.Out)
		case syntax.InstFail:
		default: // runes and match
			out = append(out, pc)
		}
	}
	for _, pc := range pcs {
		walk(pc)
	}
	return out
}

func hasMatch(prog *syntax.Prog, pcs []uint32) bool {
	for _, pc := range pcs {
		if prog.Inst[pc].Op == syntax.InstMatch {
			return true
		}
	}
	return false
}

// anyNonASCII reports whether some instruction of pcs may match a rune
// outside ASCII (utf8.RuneError stands for an invalid byte).
func anyNonASCII(prog *syntax.Prog, pcs []uint32) bool {
	for _, pc := range pcs {
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			return true
		case syntax.InstRune1:
			if in.Rune[0] >= utf8.RuneSelf {
				return true
			}
		case syntax.InstRune:
			if runeNonASCII(in) {
				return true
			}
		}
	}
	return false
}

func runeNonASCII(in *syntax.Inst) bool {
	if len(in.Rune) == 1 {
		r0 := in.Rune[0]
		if r0 >= utf8.RuneSelf {
			return true
		}
		if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r0); f != r0; f = unicode.SimpleFold(f) {
				if f >= utf8.RuneSelf {
					return true
				}
			}
		}
		return false
	}
	for i := 1; i < len(in.Rune); i += 2 {
		if in.Rune[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
