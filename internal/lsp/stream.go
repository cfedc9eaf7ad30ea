package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"go.lsp.dev/jsonrpc2"
)

// frameStream is a jsonrpc2.Stream that reads and writes whole frames, as
// jsonrpc2's own LSP framing does; jsonrpc2 reads through ReadFrame when a
// stream has it.
type frameStream interface {
	jsonrpc2.Stream
	ReadFrame(ctx context.Context) ([]byte, int64, error)
	WriteFrame(ctx context.Context, data []byte) (int64, error)
}

// stream is jsonrpc2's LSP framing (Content-Length headers) with one
// change: a frame whose body is not a JSON-RPC message (not JSON, or JSON
// that is no request, notification or response) is answered with the
// JSON-RPC error for it and skipped, where jsonrpc2 would end the
// connection. A malformed header still ends it: nothing then says where
// the next frame starts.
type stream struct {
	frameStream
	// rejected is told about each frame answered with an error.
	rejected func(error)
}

func newStream(rwc io.ReadWriteCloser, rejected func(error)) *stream {
	fs, ok := jsonrpc2.NewHeaderStream(rwc).(frameStream)
	if !ok {
		// jsonrpc2's header stream has had ReadFrame since v1.0.0; a version
		// without it cannot be used.
		panic("lsp: jsonrpc2's header stream reads no frames")
	}
	return &stream{frameStream: fs, rejected: rejected}
}

// ReadFrame returns the next frame that holds a JSON-RPC message,
// answering the others.
func (s *stream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		frame, n, err := s.frameStream.ReadFrame(ctx)
		if err != nil {
			return nil, 0, err
		}
		bad := check(frame)
		if bad == nil {
			return frame, n, nil
		}
		if _, err := s.WriteFrame(ctx, errorFrame(bad)); err != nil {
			return nil, 0, fmt.Errorf("answering a malformed message: %w", err)
		}
		if s.rejected != nil {
			s.rejected(bad)
		}
	}
}

// Read implements jsonrpc2.Stream through ReadFrame.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	frame, n, err := s.ReadFrame(ctx)
	if err != nil {
		return nil, 0, err
	}
	msg, err := jsonrpc2.DecodeMessage(frame)
	if err != nil {
		return nil, 0, fmt.Errorf("decoding a message: %w", err)
	}
	return msg, n, nil
}

// check returns the JSON-RPC error a frame deserves, or nil when it is a
// message (or a batch of them, which jsonrpc2 answers member by member).
func check(frame []byte) *jsonrpc2.Error {
	if trimmed := bytes.TrimLeft(frame, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
		if !json.Valid(frame) {
			return jsonrpc2.NewError(jsonrpc2.ParseError, "parse error: the message is not JSON")
		}
		return nil
	}
	if _, err := jsonrpc2.DecodeMessage(frame); err == nil {
		return nil
	}
	if !json.Valid(frame) {
		return jsonrpc2.NewError(jsonrpc2.ParseError, "parse error: the message is not JSON")
	}
	return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "invalid request: not a JSON-RPC 2.0 request, notification or response")
}

// errorFrame is the response to a message whose id cannot be known.
func errorFrame(e *jsonrpc2.Error) []byte {
	body, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      *int            `json:"id"`
		Error   *jsonrpc2.Error `json:"error"`
	}{JSONRPC: "2.0", Error: e})
	if err != nil {
		return []byte(`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}`)
	}
	return body
}

// stdio joins the client's end of standard input and output into the
// connection jsonrpc2 reads and writes; Close closes both where they can
// be.
type stdio struct {
	io.Reader
	io.Writer
}

func (s stdio) Close() error {
	var errs []error
	if c, ok := s.Reader.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	if c, ok := s.Writer.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}
