package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/engine"
)

func TestZZProf(t *testing.T) {
	src, err := os.ReadFile("/tmp/hbig/big.md")
	if err != nil {
		t.Skip()
	}
	runtime.MemProfileRate = 64 << 10
	dir := t.TempDir()
	path := filepath.Join(dir, "big.md")
	os.WriteFile(path, src, 0o644)
	doc, _ := document.Parse("big.md", src)
	runtime.GC()
	f, _ := os.Create("/tmp/hbig/prof/parse.heap")
	pprof.Lookup("heap").WriteTo(f, 0)
	f.Close()
	runtime.KeepAlive(doc)
	doc = nil
	runtime.GC()
	debug.SetGCPercent(10)
	cfg := config.Default(dir)
	done := make(chan struct{})
	var best bytes.Buffer
	var bestLive uint64
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		last := uint64(0)
		for {
			select {
			case <-done:
				close(done)
				return
			case <-time.After(2 * time.Millisecond):
			}
			metrics.Read(s)
			v := s[0].Value.Uint64()
			if v != last && v > bestLive {
				bestLive = v
				best.Reset()
				pprof.Lookup("heap").WriteTo(&best, 0)
			}
			last = v
		}
	}()
	rep := engine.Run(engine.Options{Paths: []string{path}, Config: cfg, Now: now, WorkDir: dir})
	done <- struct{}{}
	<-done
	t.Logf("findings %d live %d MB", len(rep.Findings), bestLive>>20)
	os.WriteFile("/tmp/hbig/prof/peak.heap", best.Bytes(), 0o644)
}
