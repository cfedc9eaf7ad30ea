package lsp

import (
	"context"
	"fmt"
	"io"
	"sync"

	"go.lsp.dev/jsonrpc2"

	"github.com/medlint/medlint/internal/report"
)

// logger writes the server's log lines to standard error and, once the
// connection is up, to the client as window/logMessage. Safe for
// concurrent use.
type logger struct {
	mu     sync.Mutex
	stderr io.Writer
	conn   jsonrpc2.Conn
}

// attach sends the next lines to the client too.
func (l *logger) attach(conn jsonrpc2.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.conn = conn
}

func (l *logger) errorf(format string, args ...any) { l.logf(messageError, format, args...) }
func (l *logger) warnf(format string, args ...any)  { l.logf(messageWarning, format, args...) }
func (l *logger) infof(format string, args ...any)  { l.logf(messageInfo, format, args...) }

func (l *logger) logf(typ int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	l.mu.Lock()
	if l.stderr != nil {
		// Escaped as every medlint line on standard error is: a file name
		// cannot forge a line or drive the terminal.
		fmt.Fprintf(l.stderr, "medlint lsp: %s\n", report.EscapeControl(msg))
	}
	conn := l.conn
	l.mu.Unlock()
	if conn != nil {
		// A client that is gone cannot be told; standard error was.
		_ = conn.Notify(context.Background(), methodLogMessage, LogMessageParams{Type: typ, Message: msg})
	}
}
