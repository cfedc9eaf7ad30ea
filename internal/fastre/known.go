package fastre

import (
	_ "embed" // known_gen.bin
	"encoding/binary"
	"regexp/syntax"

	"github.com/medlint/medlint/internal/gentable"
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
	knownMagic = "mlrepg02"
	knownFixed = 16 // an entry's fixed fields
	knownInst  = 16 // an instruction's fields
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
	count, nrunes, ok := gentable.Header(blob, knownMagic)
	poolAt := int64(gentable.HeaderSize + gentable.DirEntrySize*count)
	if !ok || poolAt+4*int64(nrunes) > int64(len(blob)) {
		return nil
	}
	pool := blob[poolAt : poolAt+4*int64(nrunes)]
	var prog *syntax.Prog
	gentable.Find(blob, count, exprHash(expr), func(off, size int64) bool {
		e, ok := parseEntry(blob, off, size)
		if ok && e.expr == expr {
			prog = e.prog(pool)
			return true
		}
		return false
	})
	return prog
}

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
	exprLen, ninst := int64(gentable.U32(b, 0)), int64(gentable.U32(b, 12))
	e.start, e.numCap = int(gentable.U32(b, 4)), int(gentable.U32(b, 8))
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
		opk := gentable.U32(b, 0)
		op, k, off := opk&0xff, int64(opk>>8), int64(gentable.U32(b, 12))
		in := syntax.Inst{Op: syntax.InstOp(op), Out: gentable.U32(b, 4), Arg: gentable.U32(b, 8)}
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
// table is: its sections start 4-aligned), else decoded into a copy
// (gentable.InPlace). A large class (\p{Lu}: thousands of runes) is then
// neither copied nor read until a match looks into it. The slice returned
// may be read-only memory: it is never written (package syntax and fastre
// only read a program).
func inPlace(b string) []rune {
	return gentable.InPlace(b, 4, func(b string) rune { return rune(gentable.U32(b, 0)) })
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
	var es []gentable.Entry
	seen := map[string]bool{}
	pool := runePool{at: map[string]uint32{}}
	for _, expr := range exprs {
		prog, err := compileNow(expr)
		if err != nil || seen[expr] || !fits(prog) {
			continue
		}
		seen[expr] = true
		es = append(es, gentable.Entry{Hash: exprHash(expr), Key: expr, Data: encodeEntry(expr, prog, &pool)})
	}
	var shared []byte
	for _, r := range pool.runes {
		shared = binary.LittleEndian.AppendUint32(shared, uint32(r))
	}
	return gentable.Write(knownMagic, uint32(len(pool.runes)), shared, es, 1)
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
var reached gentable.Recorder[struct{}]

// RecordReached makes init record the expressions it compiles, from now
// on, for ReachedExprs: internal/cli's test of known_gen.bin runs the
// program's checks with it to learn which programs they compile.
func RecordReached() { reached.Start() }

func noteReached(expr string) { reached.Note(expr, struct{}{}) }

// ReachedExprs returns the expressions init compiled since RecordReached
// that compile, sorted, and how many of them the table lacks.
func ReachedExprs() (exprs []string, missing int) {
	reached.Each(func(expr string, _ struct{}) {
		if _, err := compileNow(expr); err != nil {
			return
		}
		exprs = append(exprs, expr)
		if lookupIn(knownBlob, expr) == nil {
			missing++
		}
	})
	return exprs, missing
}
