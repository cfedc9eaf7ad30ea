//go:build !unix

package confine

// openFlags: no extra flags where opening a file cannot wait for a writer.
const openFlags = 0
