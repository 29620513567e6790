package mcp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// The server speaks MCP by hand; the official SDK is the oracle. oracle
// serves the same tools (the same handlers, the same static schemas), the
// same prompt and the same resources with the SDK's server, and the tests
// below send both the same session and compare what comes back.

func oracle(t *testing.T, s *server) *sdk.Server {
	t.Helper()
	srv := sdk.NewServer(&sdk.Implementation{Name: "handbook", Title: "handbook", Version: s.version}, &sdk.ServerOptions{
		Instructions: instructions,
		Logger:       s.log,
		Capabilities: &sdk.ServerCapabilities{},
	})
	addOracleTool(t, srv, s, "new", s.newEntry)
	addOracleTool(t, srv, s, "explore", s.explore)
	addOracleTool(t, srv, s, "draft", s.draft)
	addOracleTool(t, srv, s, "lint", s.lint)
	addOracleTool(t, srv, s, "status", s.status)

	var p sdk.Prompt
	remarshal(t, handbookPrompt, &p)
	srv.AddPrompt(&p, func(_ context.Context, req *sdk.GetPromptRequest) (*sdk.GetPromptResult, error) {
		res, err := s.prompt(req.Params.Arguments)
		if err != nil {
			return nil, sdkError(err)
		}
		var out sdk.GetPromptResult
		remarshal(t, res, &out)
		return &out, nil
	})

	var rt sdk.ResourceTemplate
	remarshal(t, entryTemplate, &rt)
	srv.AddResourceTemplate(&rt, func(_ context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
		res, err := s.readEntry(req.Params.URI)
		if err != nil {
			return nil, sdkError(err)
		}
		var out sdk.ReadResourceResult
		remarshal(t, res, &out)
		return &out, nil
	})
	srv.AddReceivingMiddleware(func(next sdk.MethodHandler) sdk.MethodHandler {
		return func(ctx context.Context, method string, req sdk.Request) (sdk.Result, error) {
			res, err := next(ctx, method, req)
			if lr, ok := res.(*sdk.ListResourcesResult); ok && err == nil && method == "resources/list" {
				entries, _ := s.listEntries()
				var rs []*sdk.Resource
				remarshal(t, entries, &rs)
				lr.Resources = append(lr.Resources, rs...)
			}
			return res, err
		}
	})
	return srv
}

func addOracleTool[In, Out any](t *testing.T, srv *sdk.Server, s *server, name string, h func(context.Context, In) (Out, error)) {
	var ours *tool
	for _, tl := range s.tools {
		if tl.Name == name {
			ours = tl
		}
	}
	var in, out jsonschema.Schema
	remarshal(t, ours.InputSchema, &in)
	remarshal(t, ours.OutputSchema, &out)
	st := &sdk.Tool{Name: name, Title: ours.Title, Description: ours.Description, InputSchema: &in, OutputSchema: &out}
	if ours.Annotations != nil {
		st.Annotations = &sdk.ToolAnnotations{ReadOnlyHint: ours.Annotations.ReadOnlyHint, IdempotentHint: ours.Annotations.IdempotentHint}
	}
	sdk.AddTool(srv, st, func(ctx context.Context, _ *sdk.CallToolRequest, in In) (*sdk.CallToolResult, Out, error) {
		out, err := h(ctx, in)
		return nil, out, err
	})
}

func sdkError(err error) error {
	var re *rpcError
	if errors.As(err, &re) {
		return &jsonrpc.Error{Code: re.Code, Message: re.Message, Data: re.Data}
	}
	return err
}

func remarshal(t *testing.T, from, to any) {
	t.Helper()
	data, err := json.Marshal(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, to); err != nil {
		t.Fatal(err)
	}
}

// oracleSession sends lines to the SDK's server over its newline
// transport and returns the replies by id; it keeps the input open until
// every call is answered (the SDK ends the session at the end of input).
func oracleSession(t *testing.T, s *server, lines []string) map[string]json.RawMessage {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- oracle(t, s).Run(ctx, &sdk.IOTransport{Reader: inR, Writer: outW}) }()
	calls := 0
	go func() {
		for _, l := range lines {
			io.WriteString(inW, l+"\n")
		}
	}()
	for _, l := range lines {
		if m, err := parseMessage([]byte(l)); err == nil && m.isCall {
			calls++
		}
	}
	replies := map[string]json.RawMessage{}
	sc := bufio.NewScanner(outR)
	sc.Buffer(nil, 8<<20)
	for len(replies) < calls && sc.Scan() {
		addReply(t, replies, sc.Bytes())
	}
	inW.Close()
	cancel()
	go io.Copy(io.Discard, outR)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the SDK's server did not stop")
	}
	return replies
}

func ourSession(t *testing.T, s *server, lines []string) map[string]json.RawMessage {
	t.Helper()
	var out bytes.Buffer
	s.opts.In, s.opts.Out = strings.NewReader(strings.Join(lines, "\n")+"\n"), &out
	if err := s.serve(context.Background()); err != nil {
		t.Fatal(err)
	}
	replies := map[string]json.RawMessage{}
	for _, l := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		addReply(t, replies, l)
	}
	return replies
}

func addReply(t *testing.T, replies map[string]json.RawMessage, line []byte) {
	t.Helper()
	var r struct{ ID json.RawMessage }
	if err := json.Unmarshal(line, &r); err != nil {
		t.Fatalf("reply is not JSON: %s", line)
	}
	if _, dup := replies[string(r.ID)]; dup {
		t.Errorf("two replies for id %s", r.ID)
	}
	replies[string(r.ID)] = bytes.Clone(line)
}

// normalizeReply decodes a reply into plain values, leaving out what
// differs by design: the timing of a search, the fields of the 2026-07-28
// revision the SDK adds to every result (ttlMs, cacheScope, resultType),
// and the order of keys in a tool's text (the SDK re-encodes the result
// through a map; we send it as the command prints it).
func normalizeReply(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			for _, k := range []string{"elapsed_ms", "ttlMs", "cacheScope", "resultType"} {
				delete(x, k)
			}
			if x["type"] == "text" {
				if text, ok := x["text"].(string); ok && strings.HasPrefix(text, "{") {
					var doc any
					if json.Unmarshal([]byte(text), &doc) == nil {
						x["text"] = doc
					}
				}
			}
			for _, v := range x {
				walk(v)
			}
		case []any:
			for _, v := range x {
				walk(v)
			}
		}
	}
	walk(v)
	return v
}

func TestSameRepliesAsTheSDK(t *testing.T) {
	const (
		init25 = `{"jsonrpc":"2.0","id":"i","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`
		inited = `{"jsonrpc":"2.0","method":"notifications/initialized"}`
	)
	call := func(id, tool, args string) string {
		return `{"jsonrpc":"2.0","id":"` + id + `","method":"tools/call","params":{"name":"` + tool + `","arguments":` + args + `}}`
	}
	req := func(id, method, params string) string {
		if params == "" {
			return `{"jsonrpc":"2.0","id":"` + id + `","method":"` + method + `"}`
		}
		return `{"jsonrpc":"2.0","id":"` + id + `","method":"` + method + `","params":` + params + `}`
	}
	sessions := map[string][]string{
		"before initialize": {req("p0", "ping", ""), req("l0", "tools/list", ""), req("d0", "server/discover", ""),
			init25, req("l1", "tools/list", ""), inited, req("i2", "initialize", `{"protocolVersion":"2025-06-18"}`)},
		"versions":   {`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2099-01-01","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`},
		"versions 2": {`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`},
		"lists": {init25, inited, req("tl", "tools/list", ""), req("tl2", "tools/list", "{}"), req("tlc", "tools/list", `{"cursor":"abc"}`),
			req("pl", "prompts/list", ""), req("rl", "resources/list", ""), req("rt", "resources/templates/list", ""),
			req("ping", "ping", "{}"), req("u", "no/such", ""), req("sub", "resources/subscribe", `{"uri":"handbook://entries/x"}`),
			req("ls", "logging/setLevel", `{"level":"debug"}`), `{"jsonrpc":"2.0","method":"notifications/nosuch"}`, `{"jsonrpc":"2.0","id":"r1","result":{}}`},
		"prompt and resources": {init25, inited,
			req("pg1", "prompts/get", `{"name":"write-handbook-entry","arguments":{"concept":"Distributed Lock"}}`),
			req("pg2", "prompts/get", `{"name":"write-handbook-entry"}`), req("pg3", "prompts/get", `{"name":"nope"}`),
			req("pg4", "prompts/get", `{"name":"write-handbook-entry","arguments":{"concept":"`+strings.Repeat("x", 201)+`"}}`),
			req("rr", "resources/read", `{"uri":"handbook://entries/task-debouncing"}`), req("rr2", "resources/read", `{"uri":"handbook://entries/nope"}`),
			req("rr3", "resources/read", `{"uri":"handbook://entries/../docs"}`), req("rr4", "resources/read", `{"uri":"file:///etc/passwd"}`),
			req("rr5", "resources/read", `{}`)},
		"tools": {init25, inited,
			call("e1", "explore", `{"concept":"distributed lock"}`), call("e2", "explore", `{"concept":"DistributedLock","limit":1,"context":0}`),
			call("e3", "explore", `{"concept":"lock","roles":["test"],"context":null,"limit":1e1}`), call("e4", "explore", `{"concept":"lock","roles":["wizard"]}`),
			call("l1", "lint", `{}`), call("l2", "lint", `null`), call("l3", "lint", `{"paths":["handbook/missing.mdx"]}`),
			call("s1", "status", `{}`), call("n1", "new", `{"slug":"distributed-lock","description":"d","summary":"s","dry_run":true,"link_base":"commit"}`),
			call("n2", "new", `{"slug":"Distributed Lock","description":"d","summary":"s"}`),
			call("d1", "draft", `{"entry":"task-debouncing","sections":[{"heading":"How it works","text":"x"}]}`),
			req("ut", "tools/call", `{"name":"nope"}`), req("np", "tools/call", ""),
		},
		"bad arguments": {init25, inited,
			call("a1", "explore", `{}`), call("a2", "explore", `{"concept":"x","extra":1}`), call("a3", "explore", `{"concept":5}`),
			call("a4", "explore", `{"concept":"x","limit":1.5}`), call("a5", "explore", `{"concept":"x","roles":["a",null]}`),
			call("a6", "new", `{"slug":"x","refs":"maybe"}`), call("a7", "lint", `[]`), call("a8", "new", `{"slug":"x","sections":[{"heading":"h"}]}`),
			call("a9", "explore", `{"concept":"x","limit":-1}`), call("a10", "explore", `{"concept":"x","limit":1001}`),
			call("a11", "explore", `{"concept":"`+strings.Repeat("é", 201)+`"}`), call("a12", "explore", `{"concept":"x","paths":[`+strings.TrimSuffix(strings.Repeat(`"a",`, 65), ",")+`]}`),
			call("a13", "lint", `{"paths":"x"}`), call("a14", "explore", `{"concept":"x","context":true}`), call("a15", "new", `{"slug":"x","link_base":"elsewhere"}`),
		},
	}
	// Where the messages differ by design (the code is the same):
	// validation wording, and the SDK's params decoding errors.
	wordingDiffers := func(text string) bool { return strings.HasPrefix(text, `validating "arguments": `) }
	for name, lines := range sessions {
		t.Run(name, func(t *testing.T) {
			want := oracleSession(t, newServer(Options{Root: "testdata/repo", Version: "test"}), lines)
			got := ourSession(t, newServer(Options{Root: "testdata/repo", Version: "test"}), lines)
			if len(got) != len(want) {
				t.Errorf("%d replies, the SDK %d", len(got), len(want))
			}
			for id, w := range want {
				g, ok := got[id]
				if !ok {
					t.Errorf("no reply for %s; the SDK: %s", id, w)
					continue
				}
				gv, wv := normalizeReply(t, g), normalizeReply(t, w)
				// The SDK answers some refusals with code 0, which
				// JSON-RPC does not define; we say invalid request.
				if we, ok := wv["error"].(map[string]any); ok && we["code"] == 0.0 {
					we["code"] = float64(codeInvalidRequest)
				}
				for _, v := range []map[string]any{gv, wv} {
					if e, ok := v["error"].(map[string]any); ok && e["code"] == float64(codeInvalidParams) && strings.HasPrefix(e["message"].(string), "handling ") || ok && strings.HasPrefix(e["message"].(string), "invalid params: ") {
						e["message"] = "invalid params"
					}
					if res, ok := v["result"].(map[string]any); ok && res["isError"] == true {
						c := res["content"].([]any)[0].(map[string]any)
						if text, _ := c["text"].(string); wordingDiffers(text) {
							c["text"] = `validating "arguments"`
						}
					}
				}
				if !reflect.DeepEqual(gv, wv) {
					t.Errorf("id %s:\nours: %.2000s\nSDK:  %.2000s", id, g, w)
				}
			}
		})
	}
}

// The SDK's client, which tries the 2026-07-28 revision first, connects
// to our server and gets the same answers from both servers.
func TestSDKClientSeesTheSameServer(t *testing.T) {
	ctx := context.Background()
	// Ours, over a pipe, as handbook mcp runs on stdio.
	c, sc := net.Pipe()
	s := newServer(Options{Root: "testdata/repo", Version: "test", In: sc, Out: sc})
	done := make(chan error, 1)
	go func() { done <- s.serve(ctx); sc.Close() }()
	client := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "1"}, nil)
	ours, err := client.Connect(ctx, &sdk.IOTransport{Reader: c, Writer: c}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		ours.Close()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	if v := ours.InitializeResult().ProtocolVersion; v != ProtocolVersions[0] {
		t.Errorf("negotiated %s, want %s", v, ProtocolVersions[0])
	}
	// The SDK's, at the same version.
	ct, st := sdk.NewInMemoryTransports()
	ss, err := oracle(t, newServer(Options{Root: "testdata/repo", Version: "test"})).Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	theirs, err := client.Connect(ctx, ct, &sdk.ClientSessionOptions{ProtocolVersion: ProtocolVersions[0]})
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()

	same := func(what string, f func(cs *sdk.ClientSession) (any, error)) {
		t.Helper()
		g, gerr := f(ours)
		w, werr := f(theirs)
		if (gerr == nil) != (werr == nil) {
			t.Errorf("%s: error %v, the SDK's %v", what, gerr, werr)
			return
		}
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(w)
		if gv, wv := normalizeReply(t, []byte(`{"r":`+string(gj)+`}`)), normalizeReply(t, []byte(`{"r":`+string(wj)+`}`)); !reflect.DeepEqual(gv, wv) {
			t.Errorf("%s:\nours: %.1500s\nSDK:  %.1500s", what, gj, wj)
		}
	}
	same("initialize", func(cs *sdk.ClientSession) (any, error) { return cs.InitializeResult(), nil })
	same("tools/list", func(cs *sdk.ClientSession) (any, error) { return cs.ListTools(ctx, nil) })
	same("prompts/list", func(cs *sdk.ClientSession) (any, error) { return cs.ListPrompts(ctx, nil) })
	same("resources/list", func(cs *sdk.ClientSession) (any, error) { return cs.ListResources(ctx, nil) })
	same("resources/templates/list", func(cs *sdk.ClientSession) (any, error) { return cs.ListResourceTemplates(ctx, nil) })
	same("prompts/get", func(cs *sdk.ClientSession) (any, error) {
		return cs.GetPrompt(ctx, &sdk.GetPromptParams{Name: PromptName, Arguments: map[string]string{"concept": "rate limit"}})
	})
	same("resources/read", func(cs *sdk.ClientSession) (any, error) {
		return cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: EntryURIPrefix + "task-debouncing"})
	})
	for _, tc := range []struct {
		tool string
		args map[string]any
	}{
		{"explore", map[string]any{"concept": "distributed lock"}},
		{"explore", map[string]any{"concept": "task debouncer", "roles": []string{"task", "test"}, "limit": 2}},
		{"lint", nil},
		{"status", map[string]any{}},
		{"new", map[string]any{"slug": "rate-limit", "description": "d", "summary": "s", "dry_run": true, "refs": "auto"}},
		{"draft", map[string]any{"entry": "task-debouncing", "sections": []map[string]any{{"heading": "How it works", "text": "x"}}}},
		{"draft", map[string]any{"entry": "no-such-entry"}},
		{"nope", nil},
	} {
		same("tools/call "+tc.tool, func(cs *sdk.ClientSession) (any, error) {
			return cs.CallTool(ctx, &sdk.CallToolParams{Name: tc.tool, Arguments: tc.args})
		})
	}
}
