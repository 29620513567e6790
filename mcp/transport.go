package mcp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// lineTransport is newline-delimited JSON-RPC over a reader and a writer,
// like the SDK's stdio transport, except that bad input does not end the
// session: a line that is not JSON gets a parse error (-32700), a line that
// is JSON but no JSON-RPC message, a batch, or a line over the size bound
// gets an invalid-request error (-32600), and reading goes on with the next
// line. Only the end of the input or a read error ends the session, and
// the end of the input only once every call read before it is answered:
// `handbook mcp < session.jsonl` gets all its replies. A client that is
// gone shows as a failed write, which the SDK turns into the end of the
// session and the cancellation of the calls still running.
type lineTransport struct {
	in      io.Reader
	out     io.Writer
	maxLine int
	log     *slog.Logger
}

// idPrefix is how much of an over-long line is kept to find its id, so the
// error reply reaches the call that is waiting for it.
const idPrefix = 4 << 10

func (t *lineTransport) Connect(context.Context) (sdk.Connection, error) {
	maxLine := t.maxLine
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	c := &lineConn{out: t.out, log: t.log, incoming: make(chan readResult), closed: make(chan struct{}),
		pending: map[jsonrpc.ID]int{}, answered: make(chan struct{}, 1)}
	go c.readLoop(t.in, maxLine)
	return c, nil
}

type readResult struct {
	msg jsonrpc.Message
	err error
}

type lineConn struct {
	out      io.Writer
	writeMu  sync.Mutex
	log      *slog.Logger
	incoming chan readResult

	// pending counts the calls read and not yet answered; answered is
	// signalled when a reply is written.
	mu       sync.Mutex
	pending  map[jsonrpc.ID]int
	answered chan struct{}

	closeOnce sync.Once
	closed    chan struct{}
}

// readLoop reads lines until the input ends, handing messages to Read and
// answering bad lines itself. It runs in its own goroutine so that Read can
// return on Close while a read of stdin blocks; that goroutine then leaks
// until stdin closes, as in the SDK, since a read of stdin cannot be
// interrupted portably.
func (c *lineConn) readLoop(in io.Reader, maxLine int) {
	r := bufio.NewReaderSize(in, 64<<10)
	for {
		line, tooLong, err := readLine(r, maxLine)
		if msg := c.decode(line, tooLong, maxLine); msg != nil {
			c.track(msg)
			select {
			case c.incoming <- readResult{msg: msg}:
			case <-c.closed:
				return
			}
		}
		if err != nil {
			if errors.Is(err, io.EOF) && !c.waitAnswered() {
				return
			}
			select {
			case c.incoming <- readResult{err: err}:
			case <-c.closed:
			}
			return
		}
	}
}

// waitAnswered waits until every call read has been answered; false if
// the connection closed first.
func (c *lineConn) waitAnswered() bool {
	for {
		c.mu.Lock()
		n := len(c.pending)
		c.mu.Unlock()
		if n == 0 {
			return true
		}
		select {
		case <-c.answered:
		case <-c.closed:
			return false
		}
	}
}

// track counts a call in; untrack counts its reply out.
func (c *lineConn) track(msg jsonrpc.Message) {
	if req, ok := msg.(*jsonrpc.Request); ok && req.ID.IsValid() {
		c.mu.Lock()
		c.pending[req.ID]++
		c.mu.Unlock()
	}
}

func (c *lineConn) untrack(msg jsonrpc.Message) {
	resp, ok := msg.(*jsonrpc.Response)
	if !ok {
		return
	}
	c.mu.Lock()
	if c.pending[resp.ID] > 1 {
		c.pending[resp.ID]--
	} else {
		delete(c.pending, resp.ID)
	}
	c.mu.Unlock()
	select {
	case c.answered <- struct{}{}:
	default:
	}
}

// readLine reads one line without its newline. A line longer than maxLine
// is read to its end but only its first idPrefix bytes are kept, with
// tooLong set: memory stays bounded whatever the client sends.
func readLine(r *bufio.Reader, maxLine int) (line []byte, tooLong bool, err error) {
	for {
		frag, err := r.ReadSlice('\n')
		switch {
		case tooLong:
		case len(line)+len(frag) > maxLine:
			tooLong = true
			line = append(line, frag[:min(len(frag), max(0, idPrefix-len(line)))]...)
		default:
			line = append(line, frag...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), tooLong, err
	}
}

// decode turns a line into a message, or answers it with an error and
// returns nil.
func (c *lineConn) decode(line []byte, tooLong bool, maxLine int) jsonrpc.Message {
	if tooLong {
		c.replyError(idOf(line), jsonrpc.CodeInvalidRequest,
			fmt.Sprintf("the message is over %d MiB, the limit for one line; send smaller arguments", maxLine>>20))
		return nil
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil // blank lines between messages are harmless
	}
	var v any
	if err := json.Unmarshal(line, &v); err != nil {
		c.replyError(nil, jsonrpc.CodeParseError, "parse error: "+err.Error()+"; send one JSON-RPC message a line")
		return nil
	}
	if line[0] == '[' {
		c.replyError(nil, jsonrpc.CodeInvalidRequest, "batches are not supported; send one JSON-RPC message a line")
		return nil
	}
	msg, err := jsonrpc.DecodeMessage(line)
	if err != nil {
		c.replyError(idOf(line), jsonrpc.CodeInvalidRequest, "invalid request: "+err.Error())
		return nil
	}
	return msg
}

// idOf finds the "id" member of a JSON object that may be cut short, and
// returns it if it is a number or a string (the ids JSON-RPC allows), else
// nil.
func idOf(data []byte) json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil
		}
		if key == "id" {
			if len(val) > 0 && (val[0] == '"' || val[0] == '-' || val[0] >= '0' && val[0] <= '9') {
				return val
			}
			return nil
		}
	}
	return nil
}

// replyError writes a JSON-RPC error response for a message the SDK never
// saw. id nil is written as null, as JSON-RPC asks when the id is unknown.
func (c *lineConn) replyError(id json.RawMessage, code int64, msg string) {
	if id == nil {
		id = json.RawMessage("null")
	}
	type wireError struct {
		Code    int64  `json:"code"`
		Message string `json:"message"`
	}
	data, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   wireError       `json:"error"`
	}{"2.0", id, wireError{code, msg}})
	if err != nil {
		return
	}
	c.log.Warn("bad request", "code", code, "error", msg)
	if err := c.writeLine(data); err != nil {
		c.log.Warn("writing an error reply", "error", err)
	}
}

func (c *lineConn) Read(ctx context.Context) (jsonrpc.Message, error) {
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-c.incoming:
		return r.msg, r.err
	case <-c.closed:
		return nil, io.EOF
	}
}

func (c *lineConn) Write(ctx context.Context, msg jsonrpc.Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	data, err := jsonrpc.EncodeMessage(msg)
	if err != nil {
		return fmt.Errorf("encoding a message: %w", err)
	}
	err = c.writeLine(data)
	c.untrack(msg)
	return err
}

// writeLine writes one message and its newline in a single Write, under a
// lock, so replies from concurrent calls never interleave.
func (c *lineConn) writeLine(data []byte) error {
	select {
	case <-c.closed:
		return sdk.ErrConnectionClosed
	default:
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_, err := c.out.Write(append(data, '\n'))
	return err
}

func (c *lineConn) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	return nil
}

func (c *lineConn) SessionID() string { return "" }
