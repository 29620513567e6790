package mcp

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
)

// FuzzDecode: whatever a line holds, the transport either hands a message
// to the dispatcher or writes exactly one error reply, a JSON-RPC object with a
// number, string or null id; it never panics and never stays silent about
// a non-blank line.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		initLine, initializedLine, toolsListLine, "", "   ", "x", "{", "[]", "[1]", "null", `"str"`, "{}",
		`{"jsonrpc":"2.0","id":7}`, `{"jsonrpc":"2.0","id":{"a":1},"method":"m"}`, `{"jsonrpc":"2.0","id":1.5,"method":"m"}`,
		`{"id":"a","id":"b"}`, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xff\"}",
	} {
		f.Add([]byte(s), false)
	}
	f.Add([]byte(`{"jsonrpc":"2.0","id":42,"params":{"x":"cut`), true)
	f.Fuzz(func(t *testing.T, line []byte, tooLong bool) {
		var out bytes.Buffer
		c := &session{out: &out, log: slog.New(slog.NewTextHandler(io.Discard, nil)), failed: make(chan struct{})}
		msg := c.decode(bytes.Clone(line), tooLong, DefaultMaxLine)
		blank := len(bytes.TrimSpace(line)) == 0 && !tooLong
		switch {
		case msg != nil && out.Len() > 0:
			t.Fatalf("both a message and a reply for %q", line)
		case msg != nil || blank:
			if out.Len() > 0 {
				t.Fatalf("a reply for a blank line: %q", out.String())
			}
			return
		}
		if bytes.Count(out.Bytes(), []byte("\n")) != 1 {
			t.Fatalf("want one reply line for %q, got %q", line, out.String())
		}
		var r struct {
			JSONRPC string          `json:"jsonrpc"`
			ID      json.RawMessage `json:"id"`
			Error   *struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.JSONRPC != "2.0" || r.Error == nil || r.Error.Message == "" {
			t.Fatalf("bad reply %q for %q: %v", out.String(), line, err)
		}
		switch id := string(r.ID); {
		case id == "null":
		case id[0] == '"' || id[0] == '-' || id[0] >= '0' && id[0] <= '9':
			var v any
			if json.Unmarshal(r.ID, &v) != nil {
				t.Fatalf("reply id %s is not JSON", id)
			}
		default:
			t.Fatalf("reply id %s is neither a number, a string nor null", id)
		}
	})
}
