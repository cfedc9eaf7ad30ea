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
// instructions into fresh memory, its runes read in place). An expression the file lacks (a house
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
//	header  "mlrepg01", u32 count, u32 0
//	dir     count × (u64 hash of the expression, u32 offset, u32 size),
//	        by hash
//	entry   u32 expression bytes, start, numCap, instructions, runes;
//	        the expression's bytes, padded to 4; instructions × (u32 op,
//	        out, arg, runes+1 (0: a nil Rune)); runes × i32

//go:embed known_gen.bin
var knownBlob string

const (
	knownMagic  = "mlrepg01"
	knownHeader = 16 // magic, count, 0
	knownDirEnt = 16 // hash, offset, size
	knownFixed  = 20 // an entry's fixed fields
	knownInst   = 16 // an instruction's fields
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
	count := int(u32(blob, 8))
	if count > (len(blob)-knownHeader)/knownDirEnt {
		return nil
	}
	h := exprHash(expr)
	dirHash := func(i int) uint64 { return u64(blob, knownHeader+i*knownDirEnt) }
	lo, hi := 0, count // the first entry whose hash is not below h
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if dirHash(mid) < h {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for i := lo; i < count && dirHash(i) == h; i++ {
		d := knownHeader + i*knownDirEnt
		e, ok := parseEntry(blob, int64(u32(blob, d+8)), int64(u32(blob, d+12)))
		if ok && e.expr == expr {
			return e.prog()
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
	insts, runes  string // the sections of instructions and runes
}

// parseEntry reads the entry at blob[off:off+size], checking that its
// sections fill it exactly; ok is false when they do not.
func parseEntry(blob string, off, size int64) (e entry, ok bool) {
	if off < 0 || size < knownFixed || off > int64(len(blob))-size {
		return e, false
	}
	b := blob[off : off+size]
	exprLen, ninst, nrunes := int64(u32(b, 0)), int64(u32(b, 12)), int64(u32(b, 16))
	e.start, e.numCap = int(u32(b, 4)), int(u32(b, 8))
	if ninst < 1 || ninst > maxKnownInsts || nrunes > 2*maxKnownInsts || int64(e.start) >= ninst {
		return e, false
	}
	pos := int64(knownFixed)
	padded := (exprLen + 3) &^ 3
	if pos+padded+knownInst*ninst+4*nrunes != size {
		return e, false
	}
	e.expr = b[pos : pos+exprLen]
	pos += padded
	e.insts = b[pos : pos+knownInst*ninst]
	e.runes = b[pos+knownInst*ninst:]
	return e, true
}

// prog decodes the entry's program, or returns nil when an instruction
// is not one that syntax.Compile makes (an unknown op, a branch outside
// the program, a rune list of a length no rune instruction has, runes
// beyond the section): what fastre and package syntax index by is then
// always in bounds.
func (e *entry) prog() *syntax.Prog {
	n := len(e.insts) / knownInst
	runes := inPlace(e.runes)
	p := &syntax.Prog{Inst: make([]syntax.Inst, n), Start: e.start, NumCap: e.numCap}
	used := 0
	for i := range p.Inst {
		b := e.insts[i*knownInst : (i+1)*knownInst]
		op, k := u32(b, 0), int64(u32(b, 12))
		in := syntax.Inst{Op: syntax.InstOp(op), Out: u32(b, 4), Arg: u32(b, 8)}
		if op > uint32(syntax.InstRuneAnyNotNL) || int64(in.Out) >= int64(n) ||
			(in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch) && int64(in.Arg) >= int64(n) {
			return nil
		}
		if k > 0 {
			k--
			if k > int64(len(runes)-used) || !runeCount(in.Op, k) {
				return nil
			}
			in.Rune = runes[used : used+int(k) : used+int(k)]
			used += int(k)
		}
		p.Inst[i] = in
	}
	if used != len(runes) {
		return nil
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
		out[i] = rune(int32(u32(b, 4*i)))
	}
	return out
}

// nativeLittle reports whether this machine is little-endian.
func nativeLittle() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// runeCount reports whether an instruction of op may hold k runes: one,
// or pairs (ranges), for a rune instruction, none for another.
func runeCount(op syntax.InstOp, k int64) bool {
	switch op {
	case syntax.InstRune1:
		return k == 1
	case syntax.InstRune, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return k == 1 || k%2 == 0 // an empty class has no pairs
	}
	return k == 0
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
	for _, expr := range exprs {
		prog, err := compileNow(expr)
		if err != nil || seen[expr] {
			continue
		}
		seen[expr] = true
		es = append(es, compiled{exprHash(expr), expr, encodeEntry(expr, prog)})
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
	out := le.AppendUint32(le.AppendUint32([]byte(knownMagic), uint32(len(es))), 0)
	off := knownHeader + knownDirEnt*len(es)
	for _, e := range es {
		out = le.AppendUint64(out, e.hash)
		out = le.AppendUint32(le.AppendUint32(out, uint32(off)), uint32(len(e.data)))
		off += len(e.data)
	}
	for _, e := range es {
		out = append(out, e.data...)
	}
	return out
}

// encodeEntry is the table entry of prog, the program of expr.
func encodeEntry(expr string, prog *syntax.Prog) []byte {
	le := binary.LittleEndian
	nrunes := 0
	for _, in := range prog.Inst {
		nrunes += len(in.Rune)
	}
	b := le.AppendUint32(nil, uint32(len(expr)))
	b = le.AppendUint32(b, uint32(prog.Start))
	b = le.AppendUint32(b, uint32(prog.NumCap))
	b = le.AppendUint32(b, uint32(len(prog.Inst)))
	b = le.AppendUint32(b, uint32(nrunes))
	b = append(b, expr...)
	b = append(b, make([]byte, (4-len(b)%4)%4)...)
	for _, in := range prog.Inst {
		k := uint32(0)
		if in.Rune != nil {
			k = uint32(len(in.Rune)) + 1
		}
		b = le.AppendUint32(b, uint32(in.Op))
		b = le.AppendUint32(le.AppendUint32(b, in.Out), in.Arg)
		b = le.AppendUint32(b, k)
	}
	for _, in := range prog.Inst {
		for _, r := range in.Rune {
			b = le.AppendUint32(b, uint32(r))
		}
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
