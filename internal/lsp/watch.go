package lsp

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/medlint/medlint/internal/config"
)

// watchState is the file watchers registered with the client.
type watchState struct {
	mu sync.Mutex
	// key is the latest watchers' patterns, joined; id their
	// registration's id.
	key string
	id  string
	seq int
	// calls serialises the register and unregister calls; registered
	// (guarded by calls) is the id the client holds ("": none). A
	// registration that is no longer the latest when its turn comes is
	// not sent, so an older one never lands after a newer one.
	calls      sync.Mutex
	registered string
}

// syncWatchers asks a client that allows it (dynamic registration of
// workspace/didChangeWatchedFiles) to watch the configuration files and
// the files they named, registering anew when that set grows; a client
// that does not may still send the events.
func (s *Server) syncWatchers() {
	sess := s.sess.Load()
	if sess == nil || !sess.watch || s.state.Load() != stateRunning {
		return
	}
	watchers := watchersFor(s.cfgs.dependencies(), sess.relative)
	key, err := json.Marshal(watchers)
	if err != nil {
		return
	}
	w := &s.watch
	w.mu.Lock()
	if string(key) == w.key {
		w.mu.Unlock()
		return
	}
	w.seq++
	id := "medlint-watch-" + strconv.Itoa(w.seq)
	w.key, w.id = string(key), id
	w.mu.Unlock()

	s.goCall(func() {
		w.calls.Lock()
		defer w.calls.Unlock()
		if w.latest() != id {
			return
		}
		if w.registered != "" {
			s.call(methodUnregisterCapability, UnregistrationParams{Unregisterations: []Unregistration{{ID: w.registered, Method: methodDidChangeWatched}}})
		}
		s.call(methodRegisterCapability, RegistrationParams{Registrations: []Registration{{
			ID: id, Method: methodDidChangeWatched,
			RegisterOptions: DidChangeWatchedFilesRegistrationOptions{Watchers: watchers},
		}}})
		w.registered = id
	})
}

// latest returns the id of the latest registration asked for.
func (w *watchState) latest() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.id
}

// watchersFor returns the watchers of the configuration files anywhere
// in the workspace and of the files read, by relative pattern (exact,
// outside the workspace too) when the client takes them, else by name.
func watchersFor(deps []string, relative bool) []FileSystemWatcher {
	var out []FileSystemWatcher
	for _, name := range config.FileNames {
		out = append(out, FileSystemWatcher{GlobPattern: "**/" + name})
	}
	seen := map[string]bool{}
	for _, p := range deps {
		var pattern any
		switch {
		case relative:
			pattern = RelativePattern{BaseURI: pathToURI(filepath.Dir(p)), Pattern: filepath.Base(p)}
		case slices.Contains(config.FileNames, filepath.Base(p)):
			continue // watched above
		default:
			pattern = "**/" + filepath.Base(p)
		}
		key, _ := json.Marshal(pattern)
		if !seen[string(key)] {
			seen[string(key)] = true
			out = append(out, FileSystemWatcher{GlobPattern: pattern})
		}
	}
	return out
}

// didChangeWatchedFiles lints the open documents again when a changed
// file can change a configuration (configs.affects).
func (s *Server) didChangeWatchedFiles(params json.RawMessage) error {
	var p DidChangeWatchedFilesParams
	if err := decode(params, &p); err != nil {
		return err
	}
	for _, c := range p.Changes {
		if path := uriToPath(c.URI); path != "" && s.cfgs.affects(path) {
			s.log.infof("%s changed: linting the open documents again", path)
			s.configChanged()
			return nil
		}
	}
	return nil
}
