package cache

import (
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/medlint/medlint/internal/config"
)

// Digest is a SHA-256 sum.
type Digest [sha256.Size]byte

// errUncacheable marks options that cannot be serialised deterministically;
// files linted with them are not cached.
var errUncacheable = errors.New("options cannot be serialised deterministically")

// ActiveDigest returns the digest of the effective configuration of one
// file: for each active rule, in order, its id, configured severity, the
// page kinds it applies to, its per-check settings, the names of the options the configuration set, the options' values
// (exported fields, serialised deterministically: map keys sorted, text
// marshalers by their text), and the files the options read (path, and
// the SHA-256 of the bytes read or why they could not be). It fails for options it cannot serialise
// (functions, channels, structs with only unexported fields), so that a
// file is never looked up under a key that misses part of its
// configuration.
func ActiveDigest(active []config.Active) (Digest, error) {
	var w digestWriter
	w.uint(uint64(len(active)))
	for _, a := range active {
		id := a.Rule.Meta().ID
		w.str(id)
		w.uint(uint64(a.Severity))
		w.uint(uint64(a.AppliesTo()))
		names := make([]string, 0, len(a.Explicit))
		for k, set := range a.Explicit {
			if set {
				names = append(names, k)
			}
		}
		sort.Strings(names)
		w.uint(uint64(len(names)))
		for _, n := range names {
			w.str(n)
		}
		w.files(a.Files)
		w.checks(a.Checks)
		if a.Options == nil {
			w.byte(0)
			continue
		}
		w.byte(1)
		if err := w.value(reflect.ValueOf(a.Options), 0); err != nil {
			return Digest{}, fmt.Errorf("rule %s: %w", id, err)
		}
	}
	return sha256.Sum256(w.buf), nil
}

// digestWriter serialises values into an unambiguous byte string: every
// variable-length item is prefixed with its length.
type digestWriter struct{ buf []byte }

func (w *digestWriter) byte(b byte)         { w.buf = append(w.buf, b) }
func (w *digestWriter) uint(n uint64)       { w.buf = binary.AppendUvarint(w.buf, n) }
func (w *digestWriter) int(n int64)         { w.buf = binary.AppendVarint(w.buf, n) }
func (w *digestWriter) str(s string)        { w.uint(uint64(len(s))); w.buf = append(w.buf, s...) }
func (w *digestWriter) kind(k reflect.Kind) { w.byte(byte(k)) }

// checks writes the per-check settings of an active rule, by name: they
// come from the configuration, a markdownlint alias or the command line
// (--only RULE/CHECK), and decide which findings are kept and which style
// checks run.
func (w *digestWriter) checks(checks map[string]config.CheckSetting) {
	names := make([]string, 0, len(checks))
	for n := range checks {
		names = append(names, n)
	}
	sort.Strings(names)
	w.uint(uint64(len(names)))
	for _, n := range names {
		w.str(n)
		cs := checks[n]
		off := byte(0)
		if cs.Off {
			off = 1
		}
		w.byte(off)
		w.uint(uint64(cs.Severity))
	}
}

// files writes the files an active rule's options read, in order.
func (w *digestWriter) files(files []config.FileRead) {
	w.uint(uint64(len(files)))
	for _, f := range files {
		w.str(f.Path)
		w.str(f.Err)
		sum := sha256.Sum256(f.Data)
		w.buf = append(w.buf, sum[:]...)
	}
}

var textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()

// maxDepth bounds the recursion through pointers, so that a cyclic value
// fails instead of overflowing the stack.
const maxDepth = 32

func (w *digestWriter) value(v reflect.Value, depth int) error { //nolint:gocyclo // one algorithm, a reflective walk over every kind of value
	if depth > maxDepth {
		return fmt.Errorf("%w: nested too deeply", errUncacheable)
	}
	if !v.IsValid() {
		w.byte(0)
		return nil
	}
	if v.Type().Implements(textMarshalerType) && (v.Kind() != reflect.Pointer || !v.IsNil()) {
		text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return fmt.Errorf("%w: %w", errUncacheable, err)
		}
		w.byte('T')
		w.str(string(text))
		return nil
	}
	w.kind(v.Kind())
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			w.byte(1)
		} else {
			w.byte(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.uint(math.Float64bits(v.Float()))
	case reflect.String:
		w.str(v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			w.byte(0)
			return nil
		}
		w.byte(1)
		w.uint(uint64(v.Len()))
		for i := range v.Len() {
			if err := w.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.IsNil() {
			w.byte(0)
			return nil
		}
		w.byte(1)
		type pair struct{ k, v []byte }
		pairs := make([]pair, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			var kw, vw digestWriter
			if err := kw.value(it.Key(), depth+1); err != nil {
				return err
			}
			if err := vw.value(it.Value(), depth+1); err != nil {
				return err
			}
			pairs = append(pairs, pair{kw.buf, vw.buf})
		}
		slices.SortFunc(pairs, func(a, b pair) int { return strings.Compare(string(a.k), string(b.k)) })
		w.uint(uint64(len(pairs)))
		for _, p := range pairs {
			w.buf = append(w.buf, p.k...)
			w.buf = append(w.buf, p.v...)
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			w.byte(0)
			return nil
		}
		w.byte(1)
		if v.Kind() == reflect.Interface {
			w.str(v.Elem().Type().String())
		}
		return w.value(v.Elem(), depth+1)
	case reflect.Struct:
		t := v.Type()
		w.str(t.String())
		exported := 0
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			exported++
			w.str(sf.Name)
			if err := w.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
		if exported == 0 && t.NumField() > 0 {
			return fmt.Errorf("%w: %s has only unexported fields", errUncacheable, t)
		}
	default:
		return fmt.Errorf("%w: a value of kind %s", errUncacheable, v.Kind())
	}
	return nil
}
