package fastre

import (
	_ "embed" // known_gen.bin
	"encoding/binary"
	"maps"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Parsing, simplifying and compiling an expression is most of what a
// Regexp's first use costs, and a check of one article compiles about
// sixty built-in expressions: a sixth of its start-up once the keyword
// automata were built at build time (issue 21 item 3). The programs of the
// built-in expressions a check reaches are therefore compiled at build
// time too: known_gen.bin holds them, keyed by the whole expression text,
// and init decodes the one it needs instead of compiling it (its
// instructions into fresh memory, its runes read in place from a pool that
// the programs share: the classes \p{Lu} and \p{L} are in many of
// them, and are stored once). An expression the file lacks (a house
// rule's, a built-in one edited since) is compiled as before: the file
// only saves time, and a stale entry can never be used, since it is found
// by its whole text. TestKnownIsCompiled (this package) proves every
// entry equal (reflect.DeepEqual) to syntax.Compile of the simplified
// parse of its expression; internal/cli's TestKnownPatternsGenerated fails
// when an expression that a check of the seed article or the goldens
// reaches is missing, or an entry is no longer reached (go test
// ./internal/cli -run TestKnownPatternsGenerated -update-known rewrites
// the file). Nothing is decoded before a Regexp's first use.
//
// The file's layout (little-endian):
//
//	header  "mlrepg02", u32 count, u32 runes
//	dir     count × (u64 hash of the expression, u32 offset, u32 size),
//	        by hash
//	pool    runes × i32: every instruction's runes
//	entry   u32 expression bytes, start, numCap, instructions; the
//	        expression's bytes, padded to 4; instructions × (u32 op |
//	        (runes+1)<<8 (0: a nil Rune), out, arg, offset of the runes in
//	        the pool)

//go:embed known_gen.bin
var knownBlob string

const (
	knownMagic  = "mlrepg02"
	knownHeader = 16 // magic, count, runes
	knownDirEnt = 16 // hash, offset, size
	knownFixed  = 16 // an entry's fixed fields
	knownInst   = 16 // an instruction's fields
	// maxInstRunes bounds the runes of one instruction (24 bits).
	maxInstRunes = 1<<24 - 2
	// maxKnownInsts bounds a decoded program (a corrupted size must not
	// allocate without bound); the largest built-in one has a few
	// thousand instructions.
	maxKnownInsts = 1 << 20
)

// exprHash is FNV-1a (64 bits) of expr: where its entry is in the
// directory.
func exprHash(expr string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for i := range len(expr) {
		h = (h ^ uint64(expr[i])) * prime
	}
	return h
}

// compileProg returns the program package regexp compiles expr to (with
// Perl syntax), from the build-time table when it holds expr.
func compileProg(expr string) (*syntax.Prog, error) {
	noteReached(expr)
	if prog := lookupIn(knownBlob, expr); prog != nil {
		return prog, nil
	}
	return compileNow(expr)
}

// compileNow parses, simplifies and compiles expr.
func compileNow(expr string) (*syntax.Prog, error) {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	return syntax.Compile(tree.Simplify())
}

// lookupIn returns the program of expr held in blob, or nil when blob
// lacks it or its entry does not decode (a corrupted table, which tests
// rule out: the caller compiles then).
func lookupIn(blob, expr string) *syntax.Prog {
	if len(blob) < knownHeader || blob[:len(knownMagic)] != knownMagic {
		return nil
	}
	count, nrunes := int64(u32(blob, 8)), int64(u32(blob, 12))
	poolAt := knownHeader + knownDirEnt*count
	if poolAt+4*nrunes > int64(len(blob)) {
		return nil
	}
	pool := blob[poolAt : poolAt+4*nrunes]
	h := exprHash(expr)
	dirHash := func(i int) uint64 { return u64(blob, knownHeader+i*knownDirEnt) }
	lo, hi := 0, int(count) // the first entry whose hash is not below h
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if dirHash(mid) < h {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for i := lo; i < int(count) && dirHash(i) == h; i++ {
		d := knownHeader + i*knownDirEnt
		e, ok := parseEntry(blob, int64(u32(blob, d+8)), int64(u32(blob, d+12)))
		if ok && e.expr == expr {
			return e.prog(pool)
		}
	}
	return nil
}

// u32 reads a little-endian uint32 at b[off:].
func u32(b string, off int) uint32 {
	_ = b[off+3]
	return uint32(b[off]) | uint32(b[off+1])<<8 | uint32(b[off+2])<<16 | uint32(b[off+3])<<24
}

// u64 reads a little-endian uint64 at b[off:].
func u64(b string, off int) uint64 { return uint64(u32(b, off)) | uint64(u32(b, off+4))<<32 }

// entry is a parsed, bounds-checked entry of the table.
type entry struct {
	expr          string
	start, numCap int
	insts         string // the instructions' section
}

// parseEntry reads the entry at blob[off:off+size], checking that its
// sections fill it exactly; ok is false when they do not.
func parseEntry(blob string, off, size int64) (e entry, ok bool) {
	if off < 0 || size < knownFixed || off > int64(len(blob))-size {
		return e, false
	}
	b := blob[off : off+size]
	exprLen, ninst := int64(u32(b, 0)), int64(u32(b, 12))
	e.start, e.numCap = int(u32(b, 4)), int(u32(b, 8))
	if ninst < 1 || ninst > maxKnownInsts || int64(e.start) >= ninst {
		return e, false
	}
	pos := int64(knownFixed)
	padded := (exprLen + 3) &^ 3
	if pos+padded+knownInst*ninst != size {
		return e, false
	}
	e.expr = b[pos : pos+exprLen]
	e.insts = b[pos+padded:]
	return e, true
}

// prog decodes the entry's program, its runes read from pool (the
// table's), or returns nil when an instruction is not one that
// syntax.Compile makes (an unknown op, a branch outside the program, a
// rune list of a length no rune instruction has, runes beyond the pool):
// what fastre and package syntax index by is then always in bounds.
func (e *entry) prog(pool string) *syntax.Prog {
	n := len(e.insts) / knownInst
	runes := inPlace(pool)
	p := &syntax.Prog{Inst: make([]syntax.Inst, n), Start: e.start, NumCap: e.numCap}
	for i := range p.Inst {
		b := e.insts[i*knownInst : (i+1)*knownInst]
		opk := u32(b, 0)
		op, k, off := opk&0xff, int64(opk>>8), int64(u32(b, 12))
		in := syntax.Inst{Op: syntax.InstOp(op), Out: u32(b, 4), Arg: u32(b, 8)}
		if op > uint32(syntax.InstRuneAnyNotNL) || int64(in.Out) >= int64(n) ||
			(in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch) && int64(in.Arg) >= int64(n) {
			return nil
		}
		if k > 0 {
			k--
			if off+k > int64(len(runes)) || !runeCount(in.Op, k) {
				return nil
			}
			in.Rune = runes[off : off+k : off+k]
		} else if !runeCount(in.Op, -1) {
			return nil
		}
		p.Inst[i] = in
	}
	return p
}

// inPlace returns the runes held little-endian in b: b itself, when this
// machine is little-endian and b is aligned for rune (as the embedded
// table is: its sections start 4-aligned), else decoded into a copy. A
// large class (\p{Lu}: thousands of runes) is then neither copied nor
// read until a match looks into it. The slice returned may be read-only
// memory: it is never written (package syntax and fastre only read a
// program).
func inPlace(b string) []rune {
	n := len(b) / 4
	if n == 0 {
		return nil
	}
	p := unsafe.StringData(b)
	if nativeLittle() && uintptr(unsafe.Pointer(p))%unsafe.Alignof(rune(0)) == 0 {
		return unsafe.Slice((*rune)(unsafe.Pointer(p)), n)
	}
	out := make([]rune, n)
	for i := range out {
		out[i] = rune(u32(b, 4*i))
	}
	return out
}

// nativeLittle reports whether this machine is little-endian.
func nativeLittle() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// runeCount reports whether an instruction of op may hold k runes (-1: a
// nil Rune): one, or pairs (ranges), for a rune instruction, none for
// another.
func runeCount(op syntax.InstOp, k int64) bool {
	switch op {
	case syntax.InstRune1:
		return k == 1
	case syntax.InstRune, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return k == 1 || k >= 0 && k%2 == 0 // an empty class has no pairs
	}
	return k <= 0
}

// KnownSource returns the table file (known_gen.bin) of the programs of
// exprs, each compiled now (an expression that does not compile is left
// out): the test that checks the file in writes it.
func KnownSource(exprs []string) []byte {
	type compiled struct {
		hash uint64
		expr string
		data []byte
	}
	var es []compiled
	seen := map[string]bool{}
	pool := runePool{at: map[string]uint32{}}
	for _, expr := range exprs {
		prog, err := compileNow(expr)
		if err != nil || seen[expr] || !fits(prog) {
			continue
		}
		seen[expr] = true
		es = append(es, compiled{exprHash(expr), expr, encodeEntry(expr, prog, &pool)})
	}
	slices.SortFunc(es, func(a, b compiled) int {
		if a.hash != b.hash {
			if a.hash < b.hash {
				return -1
			}
			return 1
		}
		return strings.Compare(a.expr, b.expr)
	})
	le := binary.LittleEndian
	out := le.AppendUint32(le.AppendUint32([]byte(knownMagic), uint32(len(es))), uint32(len(pool.runes)))
	off := knownHeader + knownDirEnt*len(es) + 4*len(pool.runes)
	for _, e := range es {
		out = le.AppendUint64(out, e.hash)
		out = le.AppendUint32(le.AppendUint32(out, uint32(off)), uint32(len(e.data)))
		off += len(e.data)
	}
	for _, r := range pool.runes {
		out = le.AppendUint32(out, uint32(r))
	}
	for _, e := range es {
		out = append(out, e.data...)
	}
	return out
}

// fits reports whether the file's fields can hold prog.
func fits(prog *syntax.Prog) bool {
	for _, in := range prog.Inst {
		if len(in.Rune) > maxInstRunes {
			return false
		}
	}
	return len(prog.Inst) <= maxKnownInsts
}

// runePool is the table's pool of runes being written: each distinct
// rune list once.
type runePool struct {
	runes []rune
	at    map[string]uint32 // where a list (its runes as a string of i32) starts
}

// add returns where rs starts in the pool, adding it if it is new.
func (p *runePool) add(rs []rune) uint32 {
	var key []byte
	for _, r := range rs {
		key = binary.LittleEndian.AppendUint32(key, uint32(r))
	}
	if off, ok := p.at[string(key)]; ok {
		return off
	}
	off := uint32(len(p.runes))
	p.at[string(key)] = off
	p.runes = append(p.runes, rs...)
	return off
}

// encodeEntry is the table entry of prog, the program of expr, its runes
// added to pool.
func encodeEntry(expr string, prog *syntax.Prog, pool *runePool) []byte {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, uint32(len(expr)))
	b = le.AppendUint32(b, uint32(prog.Start))
	b = le.AppendUint32(b, uint32(prog.NumCap))
	b = le.AppendUint32(b, uint32(len(prog.Inst)))
	b = append(b, expr...)
	b = append(b, make([]byte, (4-len(b)%4)%4)...)
	for _, in := range prog.Inst {
		k, off := uint32(0), uint32(0)
		if in.Rune != nil {
			k, off = uint32(len(in.Rune))+1, pool.add(in.Rune)
		}
		b = le.AppendUint32(b, uint32(in.Op)|k<<8)
		b = le.AppendUint32(le.AppendUint32(b, in.Out), in.Arg)
		b = le.AppendUint32(b, off)
	}
	return b
}

// reached records the expressions init compiled, for ReachedExprs.
var reached struct {
	on    atomic.Bool
	mu    sync.Mutex
	exprs map[string]bool
}

// RecordReached makes init record the expressions it compiles, from now
// on, for ReachedExprs: internal/cli's test of known_gen.bin runs the
// program's checks with it to learn which programs they compile.
func RecordReached() {
	reached.mu.Lock()
	defer reached.mu.Unlock()
	if reached.exprs == nil {
		reached.exprs = map[string]bool{}
	}
	reached.on.Store(true)
}

func noteReached(expr string) {
	if !reached.on.Load() {
		return
	}
	reached.mu.Lock()
	defer reached.mu.Unlock()
	reached.exprs[expr] = true
}

// ReachedExprs returns the expressions init compiled since RecordReached
// that compile, sorted, and how many of them the table lacks.
func ReachedExprs() (exprs []string, missing int) {
	reached.mu.Lock()
	defer reached.mu.Unlock()
	for _, expr := range slices.Sorted(maps.Keys(reached.exprs)) {
		if _, err := compileNow(expr); err != nil {
			continue
		}
		exprs = append(exprs, expr)
		if lookupIn(knownBlob, expr) == nil {
			missing++
		}
	}
	return exprs, missing
}
