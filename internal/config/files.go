package config

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/medlint/medlint/internal/lint"
)

// MaxOptionFileSize bounds a file an option names (a reviewers registry, a
// retraction list): 128 MB, room for the whole Retraction Watch CSV that
// Crossref distributes (about 60 MB).
const MaxOptionFileSize = 128 << 20

// FileRead is one file that an active rule's options read
// (lint.FileReader), as the configuration loader read it.
type FileRead struct {
	// Path is the file's path, cleaned, as the options named it.
	Path string
	// Data is the content read (shared: never modify it).
	Data []byte
	// Err is why the file could not be read, or "".
	Err string
}

// fileStore holds the files options read, each read from disk once per
// configuration: at Parse, for every path any layer of the configuration
// names, so that Resolve, for every file linted, serves the same bytes
// from memory. It is safe for concurrent use.
type fileStore struct {
	mu    sync.Mutex
	files map[string]storedFile
}

type storedFile struct {
	data []byte
	err  error
}

func newFileStore() *fileStore { return &fileStore{files: map[string]storedFile{}} }

// read returns the content of the file at path, from disk the first time.
func (s *fileStore) read(path string) ([]byte, error) {
	path = filepath.Clean(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[path]
	if !ok {
		f.data, f.err = readOptionFile(path)
		s.files[path] = f
	}
	return f.data, f.err
}

// readOptionFile reads a regular file of at most MaxOptionFileSize bytes:
// a FIFO or a device named as a registry must not hang or exhaust the run.
func readOptionFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if st.Size() > MaxOptionFileSize {
		return nil, fmt.Errorf("%s is larger than %d MB", path, MaxOptionFileSize>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxOptionFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(data) > MaxOptionFileSize {
		return nil, fmt.Errorf("%s is larger than %d MB", path, MaxOptionFileSize>>20)
	}
	return data, nil
}

// readFiles lets opts read the files they name through the store, if they
// are a lint.FileReader, and returns what they read.
func (s *fileStore) readFiles(opts any) ([]FileRead, error) {
	fr, ok := opts.(lint.FileReader)
	if !ok {
		return nil, nil
	}
	var reads []FileRead
	err := fr.ReadFiles(func(path string) ([]byte, error) {
		data, err := s.read(path)
		r := FileRead{Path: filepath.Clean(path), Data: data}
		if err != nil {
			r.Err = err.Error()
		}
		reads = append(reads, r)
		return data, err
	})
	return reads, err
}

// fileStore returns c's store; a Config not made by Default, Load or Parse
// has none, and reads the files afresh for every Resolve.
func (c *Config) fileStore() *fileStore {
	if c.files == nil {
		return newFileStore()
	}
	return c.files
}
