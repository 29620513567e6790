package mcp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/internal/syncbuf"
)

const (
	initLine        = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`
	initializedLine = `{"jsonrpc":"2.0","method":"notifications/initialized"}`
	toolsListLine   = `{"jsonrpc":"2.0","id":2,"method":"tools/list"}`
)

type reply struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// session pipes lines into a server and returns its replies, one a line.
func runSession(t *testing.T, maxLine int, lines ...string) []reply {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Serve(context.Background(), Options{
		Root: "testdata/repo", In: strings.NewReader(strings.Join(lines, "\n") + "\n"),
		Out: &out, ErrOut: &errOut, MaxLine: maxLine,
	})
	if err != nil {
		t.Fatalf("Serve: %v (stderr %s)", err, errOut.String())
	}
	var replies []reply
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r reply
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("reply is not JSON: %v: %s", err, sc.Text())
		}
		replies = append(replies, r)
	}
	return replies
}

// byID finds the reply with the given id ("null" for errors without one).
func byID(replies []reply, id string) *reply {
	for i := range replies {
		if string(replies[i].ID) == id {
			return &replies[i]
		}
	}
	return nil
}

func TestBadLinesGetErrorsAndTheSessionGoesOn(t *testing.T) {
	replies := runSession(t, 0,
		"this is not json",
		initLine,
		`{"jsonrpc":"2.0","id":`, // cut short
		initializedLine,
		`[{"jsonrpc":"2.0","id":9,"method":"tools/list"}]`,
		`{"jsonrpc":"1.0","id":"a","method":"tools/list"}`,
		"",
		`{"jsonrpc":"2.0","id":3,"method":"no/such/method"}`,
		toolsListLine,
	)
	var codes []int
	for _, r := range replies {
		if r.Error != nil && string(r.ID) == "null" {
			codes = append(codes, r.Error.Code)
		}
	}
	if want := []int{-32700, -32700, -32600}; len(codes) != len(want) || codes[0] != want[0] || codes[1] != want[1] || codes[2] != want[2] {
		t.Errorf("errors without id: %v, want %v", codes, want)
	}
	if r := byID(replies, `"a"`); r == nil || r.Error == nil || r.Error.Code != -32600 {
		t.Errorf("a message with a bad version: %+v, want invalid request for id \"a\"", r)
	}
	if r := byID(replies, "3"); r == nil || r.Error == nil || r.Error.Code != -32601 {
		t.Errorf("unknown method: %+v", r)
	}
	if r := byID(replies, "2"); r == nil || r.Error != nil || !bytes.Contains(r.Result, []byte(`"explore"`)) {
		t.Errorf("tools/list after bad lines: %+v", r)
	}
}

func TestOverLongLineIsAnsweredForItsID(t *testing.T) {
	huge := `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"explore","arguments":{"concept":"` +
		strings.Repeat("x", 64<<10) + `"}}}`
	replies := runSession(t, 16<<10, initLine, initializedLine, huge, toolsListLine)
	r := byID(replies, "7")
	if r == nil || r.Error == nil || r.Error.Code != -32600 || !strings.Contains(r.Error.Message, "limit") {
		t.Fatalf("over-long call: %+v", r)
	}
	if r := byID(replies, "2"); r == nil || r.Error != nil {
		t.Errorf("the session did not go on: %+v", r)
	}
}

func TestIDOf(t *testing.T) {
	for in, want := range map[string]string{
		`{"jsonrpc":"2.0","id":7,"params":{"x":"cut`:           "7",
		`{"params":{"id":1,"a":[1,2]},"id":"k-1","method":"m"`: `"k-1"`,
		`{"params":{"id":1,"a":"cut`:                           "",
		`{"id":{"x":1}}`:                                       "",
		`{"id":null}`:                                          "",
		`[1]`:                                                  "",
		`garbage`:                                              "",
	} {
		if got := string(idOf([]byte(in))); got != want {
			t.Errorf("idOf(%s) = %q, want %q", in, got, want)
		}
	}
}

// brokenPipe accepts the first n writes, then fails like a pipe whose
// reader has gone.
type brokenPipe struct {
	mu sync.Mutex
	n  int
}

func (b *brokenPipe) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.n == 0 {
		return 0, syscall.EPIPE
	}
	b.n--
	return len(p), nil
}

// A client that goes away mid-call (its end of both pipes closed) cancels
// the calls still running, and Serve returns only after they have
// finished, so nothing is left half written.
func TestDisconnectMidCall(t *testing.T) {
	pr, pw := io.Pipe()
	started, cancelled, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	opts := Options{Root: "testdata/repo", In: pr, Out: &brokenPipe{n: 1}, ErrOut: io.Discard}
	s := newServer(opts)
	s.onCall = func(ctx context.Context, tool string) {
		if tool != "explore" {
			return
		}
		close(started)
		select {
		case <-ctx.Done():
			close(cancelled)
		case <-time.After(10 * time.Second):
		}
		time.Sleep(50 * time.Millisecond) // still working after the cancel
		close(finished)
	}
	done := make(chan error, 1)
	go func() { done <- s.serve(context.Background()) }()
	io.WriteString(pw, initLine+"\n"+initializedLine+"\n"+
		`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"explore","arguments":{"concept":"lock"}}}`+"\n")
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the call never started")
	}
	// The client is gone: its next call's reply cannot be written.
	io.WriteString(pw, toolsListLine+"\n")
	pw.Close()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, syscall.EPIPE) {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Serve did not return after the client went away")
	}
	select {
	case <-finished:
	default:
		t.Error("Serve returned before the running call finished")
	}
	select {
	case <-cancelled:
	default:
		t.Error("the running call was not cancelled when the client went away")
	}
}

// Closing the input is the end of the session, but the calls read before
// it are still answered.
func TestEndOfInputAnswersPendingCalls(t *testing.T) {
	replies := runSession(t, 0, initLine, initializedLine,
		`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"explore","arguments":{"concept":"distributed lock"}}}`)
	r := byID(replies, "4")
	if r == nil || r.Error != nil || !bytes.Contains(r.Result, []byte("locker.py")) {
		t.Fatalf("explore before the end of input: %+v", r)
	}
}

func TestServeStopsOnCancel(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, Options{Root: "testdata/repo", In: pr, Out: io.Discard, ErrOut: io.Discard})
	}()
	io.WriteString(pw, initLine+"\n")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop when its context was cancelled")
	}
}

// A tool that panics is a tool error, and the session goes on.
func TestPanicIsAToolError(t *testing.T) {
	pr, pw := io.Pipe()
	var out syncbuf.Buffer
	opts := Options{Root: "testdata/repo", In: pr, Out: &out, ErrOut: io.Discard}
	s := newServer(opts)
	s.onCall = func(ctx context.Context, tool string) {
		if tool == "lint" {
			panic("boom")
		}
	}
	done := make(chan error, 1)
	go func() { done <- s.serve(context.Background()) }()
	io.WriteString(pw, initLine+"\n"+initializedLine+"\n"+
		`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"lint","arguments":{}}}`+"\n"+toolsListLine+"\n")
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, `"id":5,"result":{"content":[{"type":"text","text":"internal error in lint: boom"}],"isError":true}`) {
		t.Errorf("no tool error for the panic in:\n%s", text)
	}
	if !strings.Contains(text, `"id":2,"result"`) {
		t.Errorf("the session did not go on:\n%s", text)
	}
}

// A flood of calls runs MaxConcurrentCalls at a time; every call is
// answered.
func TestConcurrentCallsAreBounded(t *testing.T) {
	pr, pw := io.Pipe()
	var out syncbuf.Buffer
	opts := Options{Root: "testdata/repo", In: pr, Out: &out, ErrOut: io.Discard}
	s := newServer(opts)
	var mu sync.Mutex
	running, most := 0, 0
	s.onCall = func(ctx context.Context, tool string) {
		mu.Lock()
		running++
		most = max(most, running)
		mu.Unlock()
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		running--
		mu.Unlock()
	}
	done := make(chan error, 1)
	go func() { done <- s.serve(context.Background()) }()
	session := initLine + "\n" + initializedLine + "\n"
	const calls = 3 * MaxConcurrentCalls
	for i := range calls {
		session += fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"lint","arguments":{}}}`+"\n", 100+i)
	}
	io.WriteString(pw, session)
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// More than the bound is the failure; fewer can happen on a loaded
	// machine, but none overlapping at all would mean the test tests
	// nothing.
	if most > MaxConcurrentCalls || most < 2 {
		t.Errorf("at most %d calls ran at once, want 2 to %d", most, MaxConcurrentCalls)
	}
	if n := strings.Count(out.String(), `"structuredContent"`); n != calls {
		t.Errorf("%d of %d calls answered", n, calls)
	}
}

// notifications/cancelled cancels the call it names: the tool sees its
// context done, and the call is answered (with the tool's error).
func TestCancelledNotificationCancelsTheCall(t *testing.T) {
	pr, pw := io.Pipe()
	var out syncbuf.Buffer
	opts := Options{Root: "testdata/repo", In: pr, Out: &out, ErrOut: io.Discard}
	s := newServer(opts)
	started, cancelled := make(chan struct{}), make(chan struct{})
	s.onCall = func(ctx context.Context, tool string) {
		close(started)
		select {
		case <-ctx.Done():
			close(cancelled)
		case <-time.After(10 * time.Second):
		}
	}
	done := make(chan error, 1)
	go func() { done <- s.serve(context.Background()) }()
	io.WriteString(pw, initLine+"\n"+initializedLine+"\n"+
		`{"jsonrpc":"2.0","id":"c-1","method":"tools/call","params":{"name":"lint","arguments":{}}}`+"\n")
	<-started
	io.WriteString(pw, `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"c-1","reason":"user"}}`+"\n")
	select {
	case <-cancelled:
	case <-time.After(10 * time.Second):
		t.Fatal("the call was not cancelled")
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"id":"c-1","result"`) {
		t.Errorf("the cancelled call was not answered:\n%s", out.String())
	}
}
