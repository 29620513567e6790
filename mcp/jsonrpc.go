package mcp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// JSON-RPC 2.0 error codes, and MCP's.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternalError  = -32603
	// codeResourceNotFound is what the MCP SDK (and the 2025-11-25
	// specification) answers for a URI that names nothing.
	codeResourceNotFound = codeInvalidParams
)

// rpcError is a JSON-RPC error: a handler returns one to answer with that
// code; any other error a handler returns is an internal error.
type rpcError struct {
	Code    int64           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *rpcError) Error() string { return e.Message }

func invalidParams(format string, args ...any) *rpcError {
	return &rpcError{Code: codeInvalidParams, Message: fmt.Sprintf(format, args...)}
}

// message is one incoming JSON-RPC message: a request (method and id), a
// notification (method, no id) or a response (id, no method), which this
// server never asked for and drops.
type message struct {
	id     json.RawMessage // canonical: an integer or a JSON string; nil for a notification
	method string
	params json.RawMessage // nil when absent or null
	isCall bool
	isResp bool
}

// wireMessage is a message as it arrives.
type wireMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  json.RawMessage `json:"method"`
	Params  json.RawMessage `json:"params"`
}

// response is a reply as it leaves: exactly one of Result and Error.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// idPrefix is how much of an over-long line is kept to find its id, so the
// error reply reaches the call that is waiting for it.
const idPrefix = 4 << 10

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

// parseMessage turns a line that is valid JSON into a message, or says
// why it is no JSON-RPC message.
func parseMessage(line []byte) (*message, error) {
	var w wireMessage
	if err := json.Unmarshal(line, &w); err != nil {
		return nil, err
	}
	if w.JSONRPC != "2.0" {
		return nil, fmt.Errorf("invalid message version tag %q; expected \"2.0\"", w.JSONRPC)
	}
	id, err := canonicalID(w.ID)
	if err != nil {
		return nil, err
	}
	m := &message{id: id}
	if !isNull(w.Params) {
		m.params = w.Params
	}
	if w.Method == nil {
		if id == nil {
			return nil, errors.New("a message needs a method or an id")
		}
		m.isResp = true
		return m, nil
	}
	if err := json.Unmarshal(w.Method, &m.method); err != nil {
		return nil, fmt.Errorf("the method is not a string: %s", w.Method)
	}
	m.isCall = id != nil
	return m, nil
}

// canonicalID reads an id as the SDK does: a number is an integer (its
// fraction dropped), a string stays a string, null or none is no id.
func canonicalID(raw json.RawMessage) (json.RawMessage, error) {
	if isNull(raw) {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case float64:
		return strconv.AppendInt(nil, int64(v), 10), nil
	case string:
		return json.Marshal(v)
	}
	return nil, fmt.Errorf("invalid ID type %s; use a number or a string", raw)
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(bytes.TrimSpace(raw)) == "null"
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

// unmarshalParams decodes a request's params into v; a params member that
// does not fit is the client's mistake (invalid params), a missing one too
// when required.
func unmarshalParams(m *message, v any, required bool) error {
	if m.params == nil {
		if required {
			return &rpcError{Code: codeInvalidRequest, Message: `invalid request: missing required "params"`}
		}
		return nil
	}
	if err := json.Unmarshal(m.params, v); err != nil {
		return invalidParams("invalid params: %v", err)
	}
	return nil
}
