package fastre

import (
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// dfa finds, for a start position, the end of the match package regexp
// would choose there (leftmost-first), by running the program's threads in
// priority order as regexp's own NFA does, with each set of threads built
// once into a state and cached.
//
// A state is the ordered list of instructions waiting at a position and
// what the rune before it was (start of text, newline, word character or
// other), which is all the assertions at the position need besides the
// next byte. A transition on the next byte follows the list's empty-width
// instructions with that context, in priority order, stopping at the match
// instruction (the lower-priority threads can no longer win: regexp cuts
// them), and steps the rune instructions before it over the byte. The
// match end is the last position where a match instruction was reached.
//
// ASCII bytes are stepped by a table per state. A non-ASCII rune is
// stepped by the table too when no waiting instruction can match one (at
// most states of most expressions); otherwise its transition is perRune,
// and the rune is decoded and stepped through the threads (stepRune),
// remembered per state and rune: curly quotes, dashes and accented letters
// in prose cost a map lookup, not a fall back to package regexp. A state
// past maxStates makes the run give up (the caller asks package regexp).
type dfa struct {
	prog *syntax.Prog
	// start holds the start state for each class of the rune before the
	// position.
	start [numPrev]*dstate
	// states holds the states in chunks of chunkStates, allocated as the
	// automaton grows (most expressions need a few states, not
	// maxStates' worth of room); a state and its chunk are written under
	// mu before the transition naming it is published, and never change
	// after.
	states [maxStates / chunkStates]*[chunkStates]*dstate
	mu     sync.Mutex
	ids    map[string]int32 // guarded by mu
	n      int32            // guarded by mu
	// seen is scratch space for closures, guarded by mu.
	seen []bool
	// byRune holds the perRune transitions taken (guarded by mu), at most
	// maxRuneSteps of them.
	byRune map[runeStep]int32
}

// runeStep is a non-ASCII rune read in a state.
type runeStep struct {
	state int32
	r     rune
}

// maxRuneSteps bounds dfa.byRune: past it, a rune's transition is
// computed each time it is read.
const maxRuneSteps = 1 << 14

// Classes of the rune before a position.
const (
	prevStart   = iota // none: the start of the text
	prevNewline        // '\n'
	prevWord           // an ASCII word character
	prevOther          // anything else
	numPrev
)

// Transition indexes besides the ASCII bytes.
const (
	eofIndex      = utf8.RuneSelf // the text ends
	nonASCIIIndex = eofIndex + 1  // a byte of a non-ASCII rune (or an invalid byte)
	numIndex      = nonASCIIIndex + 1
)

// A transition is unknown (0), giveUp, or matchedBit (set when a match
// ends before the byte) with the next state's index plus 2 (1: no thread
// is left).
const (
	unknown    = 0
	giveUp     = -1
	matchedBit = 1 << 30
	noThread   = 1
	// perRune is the transition on nonASCIIIndex of a state where some
	// thread may match a non-ASCII rune: the rune itself is stepped
	// (stepRune).
	perRune = -2
)

// chunkStates is how many states a chunk of dfa.states holds.
const chunkStates = 32

type dstate struct {
	pending []uint32
	id      int32 // its index in dfa.states
	prev    uint8
	next    [numIndex]atomic.Int32
}

func newDFA(prog *syntax.Prog) *dfa {
	d := &dfa{prog: prog, ids: map[string]int32{}, seen: make([]bool, len(prog.Inst)), byRune: map[runeStep]int32{}}
	for c := range uint8(numPrev) {
		id := d.add([]uint32{uint32(prog.Start)}, c)
		d.start[c] = d.state(id - 2)
	}
	return d
}

// state returns state i, which exists.
func (d *dfa) state(i int32) *dstate { return d.states[i/chunkStates][i%chunkStates] }

// prevClass classifies the rune before p in s (p a rune boundary).
func prevClass(s string, p int) uint8 {
	if p == 0 {
		return prevStart
	}
	return classOf(s[p-1]) // the last byte of a non-ASCII rune is "other", as the rune is
}

// classOf classifies the rune before a position by its last byte.
func classOf(c byte) uint8 {
	switch {
	case c == '\n':
		return prevNewline
	case isWordByte(c):
		return prevWord
	}
	return prevOther
}

// matchEnd returns the end of the match starting at p, or -1. ok is false
// when the automaton gave up; *budget counts the bytes it may still step
// over.
func (d *dfa) matchEnd(s string, p int, budget *int) (end int, ok bool) {
	st := d.start[prevClass(s, p)]
	end = -1
	for i := p; ; {
		k, w := eofIndex, 1
		if i < len(s) {
			if k = int(s[i]); k >= utf8.RuneSelf {
				k = nonASCIIIndex
			}
		}
		v := st.next[k].Load()
		if v == unknown {
			v = d.expand(st, k)
		}
		if v == perRune {
			var r rune
			r, w = utf8.DecodeRuneInString(s[i:]) // an invalid byte: U+FFFD, one byte, as package regexp reads it
			v = d.stepRune(st, r)
		}
		if v == giveUp {
			return -1, false
		}
		if v&matchedBit != 0 {
			end = i
		}
		n := v &^ matchedBit
		if n == noThread {
			return end, true
		}
		if *budget--; *budget < 0 {
			return -1, false
		}
		st = d.state(n - 2)
		i += w
	}
}

// expand computes and publishes the transition of st on index k.
func (d *dfa) expand(st *dstate, k int) int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	if v := st.next[k].Load(); v != unknown {
		return v
	}
	var r2 rune
	switch k {
	case eofIndex:
		r2 = -1
	case nonASCIIIndex:
		r2 = utf8.RuneError // neither a word character nor a newline, like every non-ASCII rune
	default:
		r2 = rune(k)
	}
	threads, matched := d.closure(st.pending, syntax.EmptyOpContext(prevRune(st.prev), r2))
	v := int32(noThread)
	switch k {
	case eofIndex:
	case nonASCIIIndex:
		if anyNonASCII(d.prog, threads) {
			st.next[k].Store(perRune)
			return perRune
		}
	default:
		v = d.step(threads, rune(k), classOf(byte(k)))
	}
	if matched && v != giveUp {
		v |= matchedBit
	}
	st.next[k].Store(v)
	return v
}

// stepRune returns the transition of st on r, a non-ASCII rune (or
// utf8.RuneError for an invalid byte) read where st's transition is
// perRune.
func (d *dfa) stepRune(st *dstate, r rune) int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	key := runeStep{st.id, r}
	if v, ok := d.byRune[key]; ok {
		return v
	}
	threads, matched := d.closure(st.pending, syntax.EmptyOpContext(prevRune(st.prev), r))
	v := d.step(threads, r, prevOther) // no non-ASCII rune is a word character or a newline
	if matched && v != giveUp {
		v |= matchedBit
	}
	if len(d.byRune) < maxRuneSteps {
		d.byRune[key] = v
	}
	return v
}

// step returns the transition value of stepping threads (rune
// instructions, in priority order) over r: the state of the instructions
// after those that match it, whose rune before is of class prev. The
// caller holds mu.
func (d *dfa) step(threads []uint32, r rune, prev uint8) int32 {
	var pending []uint32
	for _, pc := range threads {
		if in := &d.prog.Inst[pc]; stepsOver(in, r) && !slices.Contains(pending, in.Out) {
			pending = append(pending, in.Out)
		}
	}
	if len(pending) == 0 {
		return noThread
	}
	return d.add(pending, prev)
}

// prevRune is a rune of class prev, as syntax.EmptyOpContext reads it.
func prevRune(prev uint8) rune {
	switch prev {
	case prevStart:
		return -1
	case prevNewline:
		return '\n'
	case prevWord:
		return 'a'
	}
	return ' '
}

// add returns the transition value of the state (pending, prev), creating
// it if needed; the caller holds mu or owns d.
func (d *dfa) add(pending []uint32, prev uint8) int32 {
	var b strings.Builder
	b.WriteByte('0' + prev)
	for _, pc := range pending {
		b.WriteByte(',')
		b.WriteString(strconv.FormatUint(uint64(pc), 36))
	}
	key := b.String()
	if id, ok := d.ids[key]; ok {
		return id + 2
	}
	if d.n == maxStates {
		return giveUp
	}
	id := d.n
	chunk := d.states[id/chunkStates]
	if chunk == nil {
		chunk = new([chunkStates]*dstate)
		d.states[id/chunkStates] = chunk
	}
	chunk[id%chunkStates] = &dstate{pending: pending, id: id, prev: prev}
	d.ids[key] = id
	d.n++
	return id + 2
}

// closure follows the empty-width instructions from pending, in priority
// order, under the assertions of ctx, and returns the rune instructions
// reached before the first match instruction, and whether one was reached.
func (d *dfa) closure(pending []uint32, ctx syntax.EmptyOp) (threads []uint32, matched bool) {
	clear(d.seen)
	var walk func(pc uint32) bool // true: a match was reached, stop
	walk = func(pc uint32) bool {
		if d.seen[pc] {
			return false
		}
		d.seen[pc] = true
		in := &d.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			return walk(in.Out) || walk(in.Arg)
		case syntax.InstCapture, syntax.InstNop:
			return walk(in.Out)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(in.Arg)&^ctx == 0 {
				return walk(in.Out)
			}
		case syntax.InstMatch:
			matched = true
			return true
		case syntax.InstFail:
		default:
			threads = append(threads, pc)
		}
		return false
	}
	for _, pc := range pending {
		if walk(pc) {
			break
		}
	}
	return threads, matched
}

// stepsOver reports whether rune instruction in matches r.
func stepsOver(in *syntax.Inst, r rune) bool {
	switch in.Op {
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	case syntax.InstRune, syntax.InstRune1:
		return in.MatchRune(r)
	}
	return false
}
