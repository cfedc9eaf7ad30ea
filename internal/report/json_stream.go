package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/medlint/medlint/internal/result"
)

// writeJSONReport writes out as json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) would, byte for byte, but one finding at a time: the
// encoder builds the whole document (and its indented copy) in memory,
// which on a large corpus cost several times the findings themselves and
// made memory grow with the corpus.
func writeJSONReport(w io.Writer, out *JSONReport) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	// A bufio.Writer's error is sticky: Flush returns it.
	put := func(s string) { _, _ = bw.WriteString(s) }
	var compact, indented bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	var fast []byte
	// value writes v indented as at the given prefix.
	value := func(v any, prefix string) error {
		switch v := v.(type) {
		case *result.Finding:
			if sev, err := v.Severity.MarshalText(); err == nil {
				fast = appendFindingJSON(fast[:0], v, sev, prefix)
				_, err := bw.Write(fast)
				return err
			}
		case string:
			fast = appendJSONString(fast[:0], v)
			_, err := bw.Write(fast)
			return err
		}
		compact.Reset()
		indented.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		if err := json.Indent(&indented, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), prefix, "  "); err != nil {
			return err
		}
		_, err := bw.Write(indented.Bytes())
		return err
	}
	field := func(name string, v any, last bool) error {
		put("  \"" + name + "\": ")
		if err := value(v, "  "); err != nil {
			return err
		}
		if !last {
			put(",")
		}
		put("\n")
		return nil
	}
	array := func(name string, n int, elem func(i int) any, last bool) error {
		if n == 0 {
			return field(name, []struct{}{}, last)
		}
		put("  \"" + name + "\": [\n")
		for i := range n {
			put("    ")
			if err := value(elem(i), "    "); err != nil {
				return err
			}
			if i < n-1 {
				put(",")
			}
			put("\n")
		}
		put("  ]")
		if !last {
			put(",")
		}
		put("\n")
		return nil
	}
	put("{\n")
	steps := []func() error{
		func() error { return field("schemaVersion", out.SchemaVersion, false) },
		func() error { return field("tool", out.Tool, false) },
		func() error { return field("now", out.Now, false) },
		func() error {
			if out.Shard == nil {
				return nil
			}
			return field("shard", out.Shard, false)
		},
		func() error { return field("summary", out.Summary, false) },
		func() error {
			return array("findings", len(out.Findings), func(i int) any { return &out.Findings[i] }, false)
		},
		func() error {
			return array("errors", len(out.Errors), func(i int) any { return &out.Errors[i] }, false)
		},
		func() error { return field("rules", out.Rules, false) },
		func() error {
			if out.Paths == nil { // null, as json.Encoder writes a nil slice
				return field("paths", out.Paths, false)
			}
			return array("paths", len(out.Paths), func(i int) any { return out.Paths[i] }, false)
		},
		func() error { return field("kinds", out.Kinds, true) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	put("}\n")
	return bw.Flush()
}
