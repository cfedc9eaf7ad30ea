//go:build unix

package confine

import "syscall"

// openFlags make opening a named pipe or a terminal return at once.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY
