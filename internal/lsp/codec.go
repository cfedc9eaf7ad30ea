package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"

	"go.lsp.dev/jsonrpc2"
)

// stdCodec encodes params and results with encoding/json, whose
// semantics the protocol types' tags are written for (omitempty omits
// zero numbers and nil slices; jsonrpc2's default codec is
// encoding/json/v2's experiment, where it does neither).
type stdCodec struct{}

var _ jsonrpc2.Codec = stdCodec{}

// Marshal implements jsonrpc2.Codec: compact, no HTML escaping, raw
// messages verbatim.
func (stdCodec) Marshal(v any) ([]byte, error) {
	switch raw := v.(type) {
	case jsonrpc2.RawMessage:
		if raw == nil {
			return []byte("null"), nil
		}
		return raw, nil
	case json.RawMessage:
		if raw == nil {
			return []byte("null"), nil
		}
		return raw, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding %T: %w", v, err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Unmarshal implements jsonrpc2.Codec.
func (stdCodec) Unmarshal(data []byte, v any) error {
	switch p := v.(type) {
	case *jsonrpc2.RawMessage:
		*p = bytes.Clone(data)
		return nil
	case *json.RawMessage:
		*p = bytes.Clone(data)
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decoding %T: %w", v, err)
	}
	return nil
}
