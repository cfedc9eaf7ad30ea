package report_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// browserPage drives one headless Chromium tab over the DevTools protocol
// on a pipe (--remote-debugging-pipe: Chromium reads commands on fd 3 and
// writes replies and events on fd 4, each a JSON object ended by a NUL
// byte), so that the tests type, click and time the report as a user's
// browser runs it, with no library and no network port.
type browserPage struct {
	t       testing.TB
	cmd     *exec.Cmd
	in      *os.File // our end of Chromium's fd 3
	session string

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan cdpMessage
	events  chan cdpMessage
	done    chan struct{}
	// thrown are the page's uncaught exceptions: each fails the test.
	thrown []string
}

type cdpMessage struct {
	ID     int             `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
}

// openBrowser starts Chromium with a window of width x height and
// attaches to its first tab; it is closed when the test ends.
func openBrowser(t testing.TB, browser string, width, height int) *browserPage {
	t.Helper()
	cmdR, cmdW, err := os.Pipe() // commands: we write, Chromium reads on fd 3
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe() // replies: Chromium writes on fd 4
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-extensions", "--hide-scrollbars", "--user-data-dir="+t.TempDir(),
		fmt.Sprintf("--window-size=%d,%d", width, height), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{cmdR, outW}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting %s: %v", browser, err)
	}
	_ = cmdR.Close()
	_ = outW.Close()
	p := &browserPage{t: t, cmd: cmd, in: cmdW, waiting: map[int]chan cdpMessage{},
		events: make(chan cdpMessage, 256), done: make(chan struct{})}
	go p.read(outR)
	t.Cleanup(func() {
		p.mu.Lock()
		for _, e := range p.thrown {
			t.Errorf("the page threw: %.600s", e)
		}
		p.mu.Unlock()
		_ = p.in.Close() // Chromium exits when its pipe closes
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
		}
		cancel()
		_ = cmd.Wait()
	})
	var targets struct {
		TargetInfos []struct {
			TargetID string `json:"targetId"`
			Type     string `json:"type"`
		} `json:"targetInfos"`
	}
	p.call("", "Target.getTargets", nil, &targets)
	for _, ti := range targets.TargetInfos {
		if ti.Type == "page" {
			var att struct {
				SessionID string `json:"sessionId"`
			}
			p.call("", "Target.attachToTarget", map[string]any{"targetId": ti.TargetID, "flatten": true}, &att)
			p.session = att.SessionID
			break
		}
	}
	if p.session == "" {
		t.Fatalf("chromium has no page to attach to\n%s", stderr.String())
	}
	p.call(p.session, "Page.enable", nil, nil)
	p.call(p.session, "Runtime.enable", nil, nil)
	return p
}

func (p *browserPage) read(r *os.File) {
	defer close(p.done)
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			p.mu.Lock()
			ch := p.waiting[m.ID]
			delete(p.waiting, m.ID)
			p.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		if m.Method == "Runtime.exceptionThrown" {
			p.mu.Lock()
			p.thrown = append(p.thrown, string(m.Params))
			p.mu.Unlock()
		}
		select {
		case p.events <- m:
		default: // nobody waits for it
		}
	}
}

// call sends one command and decodes its result into out (when not nil).
func (p *browserPage) call(session, method string, params any, out any) {
	p.t.Helper()
	p.mu.Lock()
	p.nextID++
	id := p.nextID
	ch := make(chan cdpMessage, 1)
	p.waiting[id] = ch
	p.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		p.t.Fatal(err)
	}
	if _, err := p.in.Write(append(data, 0)); err != nil {
		p.t.Fatalf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			p.t.Fatalf("%s: %s", method, m.Error.Message)
		}
		if out != nil {
			if err := json.Unmarshal(m.Result, out); err != nil {
				p.t.Fatalf("%s: %v", method, err)
			}
		}
	case <-p.done:
		p.t.Fatalf("%s: chromium exited", method)
	case <-time.After(3 * time.Minute):
		p.t.Fatalf("%s: no reply in 3 minutes", method)
	}
}

// navigate loads url and waits for its load event. (A URL that differs
// from the page's only by its fragment is loaded anew too: by way of
// about:blank.)
func (p *browserPage) navigate(url string) {
	p.t.Helper()
	if strings.Contains(url, "#") {
		p.navigate("about:blank")
	}
	for len(p.events) > 0 {
		<-p.events
	}
	p.call(p.session, "Page.navigate", map[string]any{"url": url}, nil)
	deadline := time.After(3 * time.Minute)
	for {
		select {
		case m := <-p.events:
			if m.Method == "Page.loadEventFired" {
				return
			}
		case <-deadline:
			p.t.Fatalf("%s did not load in 3 minutes", url)
		}
	}
}

// eval runs a JavaScript expression in the page (awaiting a promise) and
// decodes its value, which must be JSON, into out.
func (p *browserPage) eval(expr string, out any) {
	p.t.Helper()
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception *struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	p.call(p.session, "Runtime.evaluate", map[string]any{"expression": expr, "awaitPromise": true, "returnByValue": true}, &res)
	if e := res.ExceptionDetails; e != nil {
		msg := e.Text
		if e.Exception != nil {
			msg = e.Exception.Description
		}
		p.t.Fatalf("evaluating %.200s: %s", expr, msg)
	}
	if out != nil {
		if err := json.Unmarshal(res.Result.Value, out); err != nil {
			p.t.Fatalf("evaluating %.200s: result %s: %v", expr, res.Result.Value, err)
		}
	}
}

// screenshot writes a PNG of the whole page (full height) to path.
func (p *browserPage) screenshot(path string, fullPage bool) {
	p.t.Helper()
	var res struct {
		Data string `json:"data"`
	}
	p.call(p.session, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": fullPage}, &res)
	png, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// setViewport emulates a window of width x height CSS pixels; mobile
// also honours the page's viewport meta element, as a phone does.
func (p *browserPage) setViewport(width, height int, mobile bool) {
	p.t.Helper()
	scale := 1.0
	if mobile {
		scale = 2
	}
	p.call(p.session, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile}, nil)
}
