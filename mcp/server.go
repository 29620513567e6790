package mcp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"sync"
	"syscall"
)

// Options configure a server.
type Options struct {
	Root    string // --root; "" finds the repository from Dir at each call
	Dir     string // the folder relative paths start from; "" is the current folder
	Version string // reported to clients in initialize

	In     io.Reader // JSON-RPC requests, one a line (stdin)
	Out    io.Writer // JSON-RPC replies (stdout): nothing else is ever written to it
	ErrOut io.Writer // logs and the commands' messages (stderr)

	// MaxLine bounds one JSON-RPC line in bytes; 0 is DefaultMaxLine.
	MaxLine int
	// LogLevel is the least level logged to ErrOut (default: warnings).
	LogLevel slog.Level
}

// DefaultMaxLine is the longest JSON-RPC line the server reads: a call with
// every argument at its bound fits several times over.
const DefaultMaxLine = 8 << 20

// MaxConcurrentCalls is how many tool calls run at once; more wait their
// turn (or their cancellation). Each search already uses every CPU.
const MaxConcurrentCalls = 4

// ProtocolVersions are the MCP versions the server speaks, newest first.
// A client asking for another one gets the newest. The 2026-07-28 revision
// (stateless, server/discover) is not among them: its clients fall back
// to initialize when server/discover is not found.
var ProtocolVersions = []string{"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"}

// server holds what the handlers share.
type server struct {
	opts      Options
	root, dir string
	version   string
	errOut    io.Writer
	log       *slog.Logger
	tools     []*tool
	// slots bounds the tool calls that run at once: a client that sends a
	// thousand searches gets them done a few at a time, not all at once.
	slots chan struct{}
	// onCall, when set (by tests), runs at the start of every tool call.
	onCall func(ctx context.Context, tool string)
}

func newServer(opts Options) *server {
	errOut := opts.ErrOut
	if errOut == nil {
		errOut = io.Discard
	}
	level := opts.LogLevel
	if level == 0 {
		level = slog.LevelWarn
	}
	version := opts.Version
	if version == "" {
		version = "dev"
	}
	s := &server{
		opts: opts, root: opts.Root, dir: opts.Dir, version: version, errOut: errOut,
		log:   slog.New(slog.NewTextHandler(errOut, &slog.HandlerOptions{Level: level})),
		slots: make(chan struct{}, MaxConcurrentCalls),
	}
	s.tools = s.toolList()
	return s
}

// instructions tell a client what the server is for, in a few lines.
const instructions = `handbook writes the Backend Development section of a team handbook: one Mintlify MDX entry per backend concept.
Follow the prompt write-handbook-entry, or: new (create the entry) -> explore (find the code) -> draft (write the sections, write=true) -> lint (check) -> ask the user to review.`

// Serve runs the server on opts.In and opts.Out until the client closes
// the stream or ctx is cancelled, then waits for running tool calls to
// finish, so that an entry and its navigation line are never half written.
func Serve(ctx context.Context, opts Options) error {
	return newServer(opts).serve(ctx)
}

// session is one client's conversation: what it has said so far, the
// calls it has running, and the one writer of its replies.
type session struct {
	s   *server
	out io.Writer
	log *slog.Logger

	writeMu   sync.Mutex
	writeErr  error
	failed    chan struct{} // closed when a write fails: the client is gone
	closeOnce sync.Once

	mu          sync.Mutex
	initialized bool
	running     map[string]*runningCall // by canonical id, to cancel
	calls       sync.WaitGroup          // the requests not yet answered
}

type runningCall struct{ cancel context.CancelFunc }

type lineRead struct {
	line    []byte
	tooLong bool
	err     error
}

// serve reads requests until the input ends, ctx is cancelled or a reply
// cannot be written. Requests run concurrently (but initialize and the
// notifications in order), and every one gets exactly one reply, also
// after a bad line: a line that is not JSON gets a parse error (-32700), a
// line that is JSON but no JSON-RPC message, a batch, or a line over the
// size bound gets an invalid-request error (-32600), and reading goes on.
// The end of the input ends the session only once every call read before
// it is answered: `handbook mcp < session.jsonl` gets all its replies. A
// client that is gone shows as a failed write, which ends the session and
// cancels the calls still running; serve returns once they have returned.
func (s *server) serve(ctx context.Context) error {
	maxLine := s.opts.MaxLine
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sess := &session{s: s, out: s.opts.Out, log: s.log, failed: make(chan struct{}), running: map[string]*runningCall{}}

	// Lines are read in their own goroutine so that the session can end
	// while a read of stdin blocks; that goroutine then leaks until stdin
	// closes, since a read of stdin cannot be interrupted portably.
	lines := make(chan lineRead)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		r := bufio.NewReaderSize(s.opts.In, 64<<10)
		for {
			line, tooLong, err := readLine(r, maxLine)
			select {
			case lines <- lineRead{line, tooLong, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()

	var end error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-sess.failed:
			end = sess.writeErr
			break loop
		case r := <-lines:
			sess.handleLine(ctx, r.line, r.tooLong, maxLine)
			if r.err == nil {
				continue
			}
			if !errors.Is(r.err, io.EOF) {
				end = r.err
			}
			answered := make(chan struct{})
			go func() { sess.calls.Wait(); close(answered) }()
			select {
			case <-answered:
			case <-ctx.Done():
			case <-sess.failed:
				end = sess.writeErr
			}
			break loop
		}
	}
	cancel()
	sess.calls.Wait()
	if gone(end) {
		return nil // the client is done
	}
	return end
}

// gone says whether err means the client went away.
func gone(err error) bool {
	return err == nil || errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrClosedPipe) || errors.Is(err, fs.ErrClosed) || errors.Is(err, os.ErrClosed)
}

// handleLine answers a bad line itself and dispatches a good one.
func (c *session) handleLine(ctx context.Context, line []byte, tooLong bool, maxLine int) {
	m := c.decode(line, tooLong, maxLine)
	switch {
	case m == nil || m.isResp:
		// Nothing, a blank line, or a reply to a request never sent.
	case !m.isCall:
		c.notification(m)
	case m.method == "initialize":
		// In order: nothing after it may run before the session knows
		// its version.
		c.calls.Add(1)
		res, err := c.initialize(m)
		c.reply(m.id, res, err)
	case m.method != "ping" && m.method != "server/discover" && !c.isInitialized():
		// Checked here, in order: a call read before initialize is
		// refused even if it would run after it.
		c.calls.Add(1)
		c.log.Error("method invalid during initialization", "method", m.method)
		c.reply(m.id, nil, &rpcError{Code: codeInvalidRequest, Message: fmt.Sprintf("method %q is invalid during session initialization", m.method)})
	default:
		c.calls.Add(1)
		callCtx, cancel := context.WithCancel(ctx)
		key := string(m.id)
		rc := &runningCall{cancel: cancel}
		c.mu.Lock()
		c.running[key] = rc
		c.mu.Unlock()
		go func() {
			res, err := c.request(callCtx, m)
			cancel()
			c.mu.Lock()
			if c.running[key] == rc {
				delete(c.running, key)
			}
			c.mu.Unlock()
			c.reply(m.id, res, err)
		}()
	}
}

// decode turns a line into a message, or answers it with an error and
// returns nil.
func (c *session) decode(line []byte, tooLong bool, maxLine int) *message {
	if tooLong {
		c.replyError(idOf(line), codeInvalidRequest,
			fmt.Sprintf("the message is over %d MiB, the limit for one line; send smaller arguments", maxLine>>20))
		return nil
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil // blank lines between messages are harmless
	}
	// Valid scans without building anything: parseMessage decodes the
	// line, and only a bad one is decoded here, for the error that says
	// where it broke.
	if !json.Valid(line) {
		err := json.Unmarshal(line, new(any))
		c.replyError(nil, codeParseError, "parse error: "+err.Error()+"; send one JSON-RPC message a line")
		return nil
	}
	if line[0] == '[' {
		c.replyError(nil, codeInvalidRequest, "batches are not supported; send one JSON-RPC message a line")
		return nil
	}
	m, err := parseMessage(line)
	if err != nil {
		c.replyError(idOf(line), codeInvalidRequest, "invalid request: "+err.Error())
		return nil
	}
	return m
}

// replyError answers a line that never became a request. id nil is
// written as null, as JSON-RPC asks when the id is unknown.
func (c *session) replyError(id json.RawMessage, code int64, msg string) {
	c.log.Warn("bad request", "code", code, "error", msg)
	c.write(id, nil, &rpcError{Code: code, Message: msg})
}

// reply answers a request and counts it out.
func (c *session) reply(id json.RawMessage, result any, err error) {
	defer c.calls.Done()
	if err == nil && result == nil {
		err = errors.New("no result") // a bug; never leave a call unanswered
	}
	var rerr *rpcError
	if err != nil {
		result = nil
		if !errors.As(err, &rerr) {
			rerr = &rpcError{Code: codeInternalError, Message: err.Error()}
		}
	}
	c.write(id, result, rerr)
}

// write sends one message and its newline in a single Write, under a
// lock, so replies from concurrent calls never interleave. The first
// failed write ends the session.
func (c *session) write(id json.RawMessage, result any, rerr *rpcError) {
	if id == nil {
		id = json.RawMessage("null")
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b) // ends the line
	enc.SetEscapeHTML(false)
	if err := enc.Encode(response{JSONRPC: "2.0", ID: id, Result: result, Error: rerr}); err != nil {
		c.log.Error("encoding a reply", "error", err)
		b.Reset()
		enc.Encode(response{JSONRPC: "2.0", ID: id, Error: &rpcError{Code: codeInternalError, Message: "encoding the reply: " + err.Error()}})
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if c.writeErr != nil {
		return
	}
	if _, err := c.out.Write(b.Bytes()); err != nil {
		c.writeErr = err
		c.log.Warn("writing a reply; ending the session", "error", err)
		c.closeOnce.Do(func() { close(c.failed) })
	}
}

// notify sends a notification (a message without id) to the client, with
// the same single-write discipline as replies.
func (c *session) notify(method string) {
	line := []byte(`{"jsonrpc":"2.0","method":` + strconv.Quote(method) + "}\n")
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if c.writeErr != nil {
		return
	}
	if _, err := c.out.Write(line); err != nil {
		c.writeErr = err
		c.log.Warn("writing a notification; ending the session", "error", err)
		c.closeOnce.Do(func() { close(c.failed) })
	}
}

// notification handles a message that wants no reply.
func (c *session) notification(m *message) {
	switch m.method {
	case "notifications/initialized":
	case "notifications/cancelled":
		var p struct {
			RequestID json.RawMessage `json:"requestId"`
		}
		if json.Unmarshal(m.params, &p) != nil {
			return
		}
		id, err := canonicalID(p.RequestID)
		if err != nil || id == nil {
			return
		}
		c.mu.Lock()
		rc := c.running[string(id)]
		c.mu.Unlock()
		if rc != nil {
			rc.cancel()
		}
	default:
		c.log.Info("notification ignored", "method", m.method)
	}
}

type implementation struct {
	Name    string `json:"name"`
	Title   string `json:"title,omitempty"`
	Version string `json:"version"`
}

type initializeResult struct {
	Capabilities    json.RawMessage `json:"capabilities"`
	Instructions    string          `json:"instructions,omitempty"`
	ProtocolVersion string          `json:"protocolVersion"`
	ServerInfo      implementation  `json:"serverInfo"`
}

// capabilities: tools, prompts and resources. No logging (logs go to
// stderr), no subscriptions. The lists are read when asked; of them only
// the resources change during a session (the new tool adds an entry), and
// notifications/resources/list_changed says so. The tools and prompts
// never change, so no notification about them is ever due (listChanged
// is what the SDK advertised).
const capabilities = `{"prompts":{"listChanged":true},"resources":{"listChanged":true},"tools":{"listChanged":true}}`

func (c *session) initialize(m *message) (any, error) {
	var p struct {
		ProtocolVersion string `json:"protocolVersion"`
	}
	if err := unmarshalParams(m, &p, true); err != nil {
		return nil, err
	}
	c.mu.Lock()
	again := c.initialized
	c.initialized = true
	c.mu.Unlock()
	if again {
		return nil, &rpcError{Code: codeInvalidRequest, Message: `duplicate "initialize" received`}
	}
	version := ProtocolVersions[0]
	if slices.Contains(ProtocolVersions, p.ProtocolVersion) {
		version = p.ProtocolVersion
	}
	return &initializeResult{
		Capabilities:    json.RawMessage(capabilities),
		Instructions:    instructions,
		ProtocolVersion: version,
		ServerInfo:      implementation{Name: "handbook", Title: "handbook", Version: c.s.version},
	}, nil
}

func (c *session) isInitialized() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.initialized
}

// request answers every call but initialize, once the session is
// initialized.
func (c *session) request(ctx context.Context, m *message) (any, error) {
	if m.method == "ping" {
		return struct{}{}, nil
	}
	s := c.s
	switch m.method {
	case "tools/list":
		if err := noCursor(m); err != nil {
			return nil, err
		}
		return s.listTools(), nil
	case "tools/call":
		res, err := s.callTool(ctx, m)
		if r, ok := res.(*callToolResult); ok && r.entryAdded {
			// The capabilities promise it: a client that keeps the
			// list of entries reads it again.
			c.notify("notifications/resources/list_changed")
		}
		return res, err
	case "prompts/list":
		if err := noCursor(m); err != nil {
			return nil, err
		}
		return s.listPrompts(), nil
	case "prompts/get":
		return s.getPrompt(m)
	case "resources/list":
		if err := noCursor(m); err != nil {
			return nil, err
		}
		return s.listResources(), nil
	case "resources/templates/list":
		if err := noCursor(m); err != nil {
			return nil, err
		}
		return s.listResourceTemplates(), nil
	case "resources/read":
		var p struct {
			URI string `json:"uri"`
		}
		if err := unmarshalParams(m, &p, true); err != nil {
			return nil, err
		}
		return s.readEntry(p.URI)
	case "logging/setLevel":
		// Logs go to stderr, at the level of --verbose; accepted, as the
		// SDK did, so that a client that sets it goes on.
		return struct{}{}, nil
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: fmt.Sprintf("method not found: %q", m.method)}
}

// noCursor refuses a page cursor: every list fits one page, so no cursor
// was ever handed out.
func noCursor(m *message) error {
	var p struct {
		Cursor string `json:"cursor"`
	}
	if err := unmarshalParams(m, &p, false); err != nil {
		return err
	}
	if p.Cursor != "" {
		return invalidParams("invalid params: unknown cursor %q; lists are never paged", p.Cursor)
	}
	return nil
}
