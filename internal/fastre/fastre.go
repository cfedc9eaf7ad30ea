// Package fastre finds the matches of a Go regular expression with the
// results of package regexp, faster when few positions of the text can
// start a match.
//
// An unanchored search in package regexp tries the whole expression at
// every position of the text: an expression that starts with a long
// alternation of words ("studies|research|scientists|...") walks every
// branch at every position, and one with a large program clears a large
// bitmap for every search. A Regexp here first checks, at each position,
// whether the bytes there can begin a match at all: a small automaton,
// built lazily from the compiled program, follows the text until no path
// of the program survives (no match starts here) or one reaches the end
// of the program (one may). It then runs the expression anchored at only
// the positions that pass, in order, which gives the same leftmost-first
// matches:
//
//   - the leftmost match starts at the first position where an anchored
//     match succeeds, and an anchored run at a position chooses among the
//     matches starting there exactly as the unanchored search does;
//   - the anchored run sees the rune before the position (it consumes it
//     first), so \b, \B and (?m)^ read the same context as in the whole
//     text, and it sees the rest of the text, so $ and \b at the end do too;
//   - the automaton over-approximates: it takes every assertion as
//     satisfiable and any non-ASCII rune as possible where the program
//     has an instruction that could match one, and gives up (says "may")
//     after maxWalk bytes or maxStates states.
//
// An expression that can match the empty string or is anchored at the
// start of the text is run by package regexp unchanged.
package fastre

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

const (
	// maxWalk is how many bytes the automaton follows from a position
	// before it says a match may start there.
	maxWalk = 256
	// maxStates bounds the automaton of one expression; a transition to a
	// state past it says "may".
	maxStates = 4096
)

// Regexp is a compiled expression with its start filter, built on first
// use (so that expressions a run never reaches cost nothing).
type Regexp struct {
	re   *regexp.Regexp
	once sync.Once
	fast bool
	// at matches at the start of its input; atCtx consumes one rune of
	// context first.
	at, atCtx *regexp.Regexp
	// wordStart reports whether every match starts at a \b.
	wordStart bool
	pre       *automaton
}

// MustCompile is like regexp.MustCompile.
func MustCompile(expr string) *Regexp { return New(regexp.MustCompile(expr)) }

// New wraps re, which must not be switched to leftmost-longest matching
// (Longest) afterwards.
func New(re *regexp.Regexp) *Regexp { return &Regexp{re: re} }

// Regexp returns the wrapped expression.
func (r *Regexp) Regexp() *regexp.Regexp { return r.re }

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.re.String() }

func (r *Regexp) init() {
	expr := r.re.String()
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return
	}
	start := []uint32{uint32(prog.Start)}
	if hasMatch(prog, closure(prog, start, 0)) {
		return // an empty match
	}
	if len(closure(prog, start, syntax.EmptyBeginText)) == 0 {
		return // anchored at the start of the text: package regexp tries one position already
	}
	// An unterminated \Q quotes the closing parenthesis; such an
	// expression stays on package regexp.
	at, err1 := regexp.Compile(`^(?:` + expr + `)`)
	atCtx, err2 := regexp.Compile(`^(?s:.)(?:` + expr + `)`)
	if err1 != nil || err2 != nil {
		return
	}
	r.at, r.atCtx = at, atCtx
	// Every match starts at \b when no rune or match is reachable from
	// the start without passing a word-boundary assertion.
	r.wordStart = len(closure(prog, start, syntax.EmptyWordBoundary)) == 0
	r.pre = newAutomaton(prog)
	r.fast = true
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if r.once.Do(r.init); !r.fast {
		return r.re.FindAllStringIndex(s, n)
	}
	return r.all(s, n, false)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if r.once.Do(r.init); !r.fast {
		return r.re.FindAllStringSubmatchIndex(s, n)
	}
	return r.all(s, n, true)
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (r *Regexp) FindStringIndex(s string) []int {
	if r.once.Do(r.init); !r.fast {
		return r.re.FindStringIndex(s)
	}
	return r.next(s, 0, false)
}

// MatchString is regexp.Regexp.MatchString.
func (r *Regexp) MatchString(s string) bool {
	if r.once.Do(r.init); !r.fast {
		return r.re.MatchString(s)
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
	prev := -1 // start of the rune before p, -1 at the start of s
	if pos > 0 {
		_, w := utf8.DecodeLastRuneInString(s[:pos])
		prev = pos - w
	}
	for p := pos; p < len(s); {
		c := s[p]
		w := 1
		if c >= utf8.RuneSelf {
			_, w = utf8.DecodeRuneInString(s[p:])
		}
		if r.mayStart(s, prev, p, c) {
			if m := r.matchAt(s, prev, p, sub); m != nil {
				return m
			}
		}
		prev, p = p, p+w
	}
	return nil
}

// mayStart applies the start filter at p, whose first byte is c.
func (r *Regexp) mayStart(s string, prev, p int, c byte) bool {
	if r.wordStart && isWordByte(c) == (prev >= 0 && isWordByte(s[p-1])) {
		return false
	}
	return r.pre.mayMatch(s, p)
}

// matchAt runs the anchored expression at p, prev being the start of the
// rune before p (or -1), and returns the match's offsets in s.
func (r *Regexp) matchAt(s string, prev, p int, sub bool) []int {
	re, off := r.atCtx, prev
	if prev < 0 {
		re, off = r.at, p
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

// isWordByte reports whether c is an ASCII word character (\w, which is
// what \b reads); every other byte belongs to a non-word rune.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// automaton is a lazily built deterministic automaton over ASCII bytes
// whose states are the sets of program instructions alive after reading
// some bytes from a start position.
type automaton struct {
	prog *syntax.Prog
	// states has a fixed length; states[i] is written under mu before
	// the transition naming it is published, and never changes after.
	states []*state
	mu     sync.Mutex
	ids    map[string]int32 // guarded by mu
	n      int32            // guarded by mu
}

// Transition values besides state i (stored as i+1).
const (
	unknown = 0
	dead    = -1 // no path survives: no match starts here
	may     = -2 // a path reached the match, or the automaton gave up
)

type state struct {
	pcs []uint32
	// nonASCII: some instruction of pcs may match a non-ASCII rune.
	nonASCII bool
	next     [utf8.RuneSelf]atomic.Int32
}

func newAutomaton(prog *syntax.Prog) *automaton {
	a := &automaton{prog: prog, states: make([]*state, maxStates), ids: map[string]int32{}}
	a.add(closure(prog, []uint32{uint32(prog.Start)}, 0))
	return a
}

// add stores a new state for pcs; the caller holds mu or owns a.
func (a *automaton) add(pcs []uint32) int32 {
	slices.Sort(pcs)
	key := pcsKey(pcs)
	if id, ok := a.ids[key]; ok {
		return id + 1
	}
	if int(a.n) == len(a.states) {
		return may
	}
	id := a.n
	a.states[id] = &state{pcs: pcs, nonASCII: anyNonASCII(a.prog, pcs)}
	a.ids[key] = id
	a.n++
	return id + 1
}

func pcsKey(pcs []uint32) string {
	var b strings.Builder
	for _, pc := range pcs {
		b.WriteString(strconv.FormatUint(uint64(pc), 36))
		b.WriteByte(',')
	}
	return b.String()
}

// mayMatch reports whether a match may start at s[p].
func (a *automaton) mayMatch(s string, p int) bool {
	st := a.states[0]
	end := min(len(s), p+maxWalk)
	for i := p; i < end; i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return st.nonASCII
		}
		v := st.next[c].Load()
		if v == unknown {
			v = a.expand(st, c)
		}
		switch v {
		case dead:
			return false
		case may:
			return true
		}
		st = a.states[v-1]
	}
	// The text ended (no state holds the match instruction, so none is
	// reachable) or the walk was cut short.
	return end < len(s)
}

// expand computes and publishes the transition of st on ASCII byte c.
func (a *automaton) expand(st *state, c byte) int32 {
	a.mu.Lock()
	defer a.mu.Unlock()
	if v := st.next[c].Load(); v != unknown {
		return v
	}
	next := closure(a.prog, step(a.prog, st.pcs, rune(c)), 0)
	var v int32
	switch {
	case len(next) == 0:
		v = dead
	case hasMatch(a.prog, next):
		v = may
	default:
		v = a.add(next)
	}
	st.next[c].Store(v)
	return v
}

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

// step returns the instructions that follow the ones of pcs matching r.
func step(prog *syntax.Prog, pcs []uint32, r rune) []uint32 {
	var out []uint32
	for _, pc := range pcs {
		in := &prog.Inst[pc]
		var ok bool
		switch in.Op {
		case syntax.InstRuneAny:
			ok = true
		case syntax.InstRuneAnyNotNL:
			ok = r != '\n'
		case syntax.InstRune, syntax.InstRune1:
			ok = in.MatchRune(r)
		}
		if ok {
			out = append(out, in.Out)
		}
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
