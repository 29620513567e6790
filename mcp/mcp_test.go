package mcp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/handbook-dev/handbook/cmd"
	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/mcp"
)

// copyRepo gives each test its own copy of the fixture repository.
func copyRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(dir, os.DirFS("testdata/repo")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// connect runs a server for root and returns the SDK's client connected
// to it over an in-memory pipe: every test here is a client that is not
// ours talking to the server.
func connect(t *testing.T, root string) *sdk.ClientSession {
	t.Helper()
	return connectOpts(t, mcp.Options{Root: root, Version: "test"}, nil)
}

func connectOpts(t *testing.T, opts mcp.Options, copts *sdk.ClientSessionOptions) *sdk.ClientSession {
	t.Helper()
	ctx := context.Background()
	c, s := net.Pipe()
	opts.In, opts.Out = s, s
	done := make(chan error, 1)
	go func() {
		done <- mcp.Serve(ctx, opts)
		s.Close()
	}()
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "1"}, nil).Connect(ctx, &sdk.IOTransport{Reader: c, Writer: c}, copts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cs.Close()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return cs
}

// runCLI runs handbook in-process, as a script would: no terminal.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &cli.IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	code = cmd.Run(args, ios)
	return out.String(), errOut.String(), code
}

func call(t *testing.T, cs *sdk.ClientSession, name string, args map[string]any) *sdk.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func text(res *sdk.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// normalize decodes JSON into plain values, without the one field that
// differs between any two runs: how long the search took.
func normalize(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%v in %s", err, data)
	}
	if m, ok := v.(map[string]any); ok {
		if st, ok := m["stats"].(map[string]any); ok {
			delete(st, "elapsed_ms")
		}
	}
	return v
}

// sameAsCLI checks that a tool's structured result is the JSON the command
// prints with --format json.
func sameAsCLI(t *testing.T, res *sdk.CallToolResult, cliOut string) {
	t.Helper()
	if res.IsError {
		t.Fatalf("tool error: %s", text(res))
	}
	got, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	g, w := normalize(t, got), normalize(t, []byte(cliOut))
	if !reflect.DeepEqual(g, w) {
		t.Errorf("tool result differs from the CLI's JSON\ntool: %s\ncli:  %s", got, cliOut)
	}
	// The text content is the same document, for clients without
	// structured content.
	if tx := normalize(t, []byte(text(res))); !reflect.DeepEqual(tx, g) {
		t.Errorf("text content differs from structured content: %s", text(res))
	}
}

// sameAsCLIError checks that a tool error carries the message the command
// prints on stderr.
func sameAsCLIError(t *testing.T, res *sdk.CallToolResult, stderr string, code int) {
	t.Helper()
	if !res.IsError {
		t.Fatalf("no tool error; result %s", text(res))
	}
	if code != cli.ExitUsage {
		t.Errorf("the CLI exited %d, want %d", code, cli.ExitUsage)
	}
	want := strings.TrimPrefix(strings.TrimSpace(stderr), "handbook: ")
	if got := strings.TrimSpace(text(res)); got != want {
		t.Errorf("tool error\n%s\nCLI error\n%s", got, want)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestToolsList(t *testing.T) {
	cs := connect(t, copyRepo(t))
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		if tool.InputSchema == nil || tool.OutputSchema == nil {
			t.Errorf("%s: input schema %v, output schema %v; want both", tool.Name, tool.InputSchema != nil, tool.OutputSchema != nil)
		}
	}
	slices.Sort(names)
	if want := []string{"draft", "explore", "lint", "new", "status"}; !slices.Equal(names, want) {
		t.Errorf("tools %v, want %v", names, want)
	}
}

func TestExploreMatchesCLI(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	for _, tc := range []struct {
		args map[string]any
		cli  []string
	}{
		{map[string]any{"concept": "distributed lock"}, []string{"distributed lock"}},
		{map[string]any{"concept": "DistributedLock", "limit": 1, "context": 0}, []string{"DistributedLock", "--limit", "1", "--context", "0"}},
		{map[string]any{"concept": "distributed-lock", "roles": []string{"test"}}, []string{"distributed-lock", "--role", "test"}},
		{map[string]any{"concept": "task debouncer", "paths": []string{filepath.Join(root, "server")}}, []string{"task debouncer", "--path", filepath.Join(root, "server")}},
	} {
		out, stderr, code := runCLI(t, append([]string{"--root", root, "explore", "--format", "json"}, tc.cli...)...)
		if code != 0 {
			t.Fatalf("CLI %v: exit %d: %s", tc.cli, code, stderr)
		}
		sameAsCLI(t, call(t, cs, "explore", tc.args), out)
	}
}

func TestExploreErrorsMatchCLI(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	_, stderr, code := runCLI(t, "--root", root, "explore", "lock", "--role", "wizard")
	sameAsCLIError(t, call(t, cs, "explore", map[string]any{"concept": "lock", "roles": []string{"wizard"}}), stderr, code)
	_, stderr, code = runCLI(t, "--root", root, "explore", "lock", "--path", "no/such/folder")
	sameAsCLIError(t, call(t, cs, "explore", map[string]any{"concept": "lock", "paths": []string{"no/such/folder"}}), stderr, code)
}

func TestLintMatchesCLI(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	out, _, code := runCLI(t, "--root", root, "lint", "--format", "json")
	if code != cli.ExitFindings {
		t.Fatalf("lint exit %d, want findings", code)
	}
	sameAsCLI(t, call(t, cs, "lint", map[string]any{}), out)

	entry := filepath.Join(root, "handbook/backend-development/task-debouncing.mdx")
	out, _, _ = runCLI(t, "--root", root, "lint", "--format", "json", entry)
	sameAsCLI(t, call(t, cs, "lint", map[string]any{"paths": []string{entry}}), out)
}

func TestStatusMatchesCLI(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	out, stderr, code := runCLI(t, "--root", root, "status", "--format", "json")
	if code != 0 {
		t.Fatalf("status: exit %d: %s", code, stderr)
	}
	sameAsCLI(t, call(t, cs, "status", map[string]any{}), out)

	_, stderr, code = runCLI(t, "--root", root, "status", "--format", "json", "no/such.mdx")
	sameAsCLIError(t, call(t, cs, "status", map[string]any{"paths": []string{"no/such.mdx"}}), stderr, code)
}

func TestLintUnreadablePathIsAToolError(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	missing := filepath.Join(root, "handbook/missing.mdx")
	_, stderr, code := runCLI(t, "--root", root, "lint", "--format", "json", missing)
	if code != cli.ExitUsage {
		t.Fatalf("CLI exit %d", code)
	}
	res := call(t, cs, "lint", map[string]any{"paths": []string{missing}})
	if !res.IsError {
		t.Fatalf("no tool error: %s", text(res))
	}
	// The CLI names each path on its own stderr line, then fails; the tool
	// error holds both.
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.Contains(text(res), strings.TrimPrefix(line, "handbook: ")) {
			t.Errorf("tool error %q misses %q", text(res), line)
		}
	}
}

func TestNewMatchesCLI(t *testing.T) {
	const summary = "A Redis lock that every process sees."
	for _, dry := range []bool{false, true} {
		a, b := copyRepo(t), copyRepo(t)
		cs := connect(t, a)
		args := map[string]any{
			"slug": "distributed-lock", "description": "Make sure only one worker runs a job", "summary": summary,
			"sections": []map[string]any{{"heading": "When to use", "text": "When two workers could run the same job."}},
			"refs":     "auto", "refs_limit": 2, "dry_run": dry,
		}
		cliArgs := []string{"--root", b, "new", "distributed-lock", "--format", "json",
			"--description", "Make sure only one worker runs a job", "--summary", summary,
			"--section", "When to use=When two workers could run the same job.", "--refs", "auto", "--refs-limit", "2"}
		if dry {
			cliArgs = append(cliArgs, "--dry-run")
		}
		out, stderr, code := runCLI(t, cliArgs...)
		if code != 0 {
			t.Fatalf("CLI: exit %d: %s", code, stderr)
		}
		sameAsCLI(t, call(t, cs, "new", args), out)
		// The same files, byte for byte.
		for _, rel := range []string{"handbook/docs.json", "handbook/backend-development/distributed-lock.mdx"} {
			ga, ea := os.ReadFile(filepath.Join(a, rel))
			gb, eb := os.ReadFile(filepath.Join(b, rel))
			if (ea == nil) != (eb == nil) || !bytes.Equal(ga, gb) {
				t.Errorf("dry run %v: %s differs between the tool and the CLI", dry, rel)
			}
			if dry && rel != "handbook/docs.json" && ea == nil {
				t.Errorf("dry run wrote %s", rel)
			}
		}
	}
}

func TestNewErrorsMatchCLIAndWriteNothing(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	docs := filepath.Join(root, "handbook/docs.json")
	before := readFile(t, docs)
	existing := filepath.Join(root, "handbook/backend-development/task-debouncing.mdx")
	entryBefore := readFile(t, existing)

	for _, tc := range []struct {
		args map[string]any
		cli  []string
	}{
		{map[string]any{"slug": "Distributed Lock", "description": "d", "summary": "s"}, []string{"Distributed Lock", "--description", "d", "--summary", "s"}},
		{map[string]any{"slug": "distributed-lock"}, []string{"distributed-lock", "--no-input"}},
		{map[string]any{"slug": "task-debouncing", "description": "d", "summary": "s"}, []string{"task-debouncing", "--description", "d", "--summary", "s"}},
		{map[string]any{"slug": "distributed-lock", "description": "d", "summary": "s", "sections": []map[string]any{{"heading": "Why", "text": "x"}}},
			[]string{"distributed-lock", "--description", "d", "--summary", "s", "--section", "Why=x"}},
	} {
		_, stderr, code := runCLI(t, append([]string{"--root", root, "new", "--format", "json"}, tc.cli...)...)
		sameAsCLIError(t, call(t, cs, "new", tc.args), stderr, code)
	}
	if readFile(t, docs) != before || readFile(t, existing) != entryBefore {
		t.Error("a refused new changed files")
	}
	if _, err := os.Stat(filepath.Join(root, "handbook/backend-development/distributed-lock.mdx")); err == nil {
		t.Error("a refused new created the entry")
	}
}

func TestNewMalformedDocsJSONWritesNothing(t *testing.T) {
	root := copyRepo(t)
	docs := filepath.Join(root, "handbook/docs.json")
	if err := os.WriteFile(docs, []byte(`{"navigation": {"groups": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	cs := connect(t, root)
	res := call(t, cs, "new", map[string]any{"slug": "distributed-lock", "description": "d", "summary": "s"})
	if !res.IsError || !strings.Contains(text(res), "docs.json") {
		t.Fatalf("want a tool error naming docs.json, got %s", text(res))
	}
	if _, err := os.Stat(filepath.Join(root, "handbook/backend-development/distributed-lock.mdx")); err == nil {
		t.Error("the entry was written although docs.json could not be updated")
	}
}

func TestDraftMatchesCLI(t *testing.T) {
	const how = "A Redis key per task holds the deadline; the worker runs the task when it passes."
	rel := "handbook/backend-development/task-debouncing.mdx"
	for _, write := range []bool{false, true} {
		a, b := copyRepo(t), copyRepo(t)
		before := readFile(t, filepath.Join(a, rel))
		cs := connect(t, a)
		cliArgs := []string{"--root", b, "draft", "task-debouncing", "--format", "json", "--section", "How it works=" + how}
		if write {
			cliArgs = append(cliArgs, "--yes")
		} else {
			cliArgs = append(cliArgs, "--dry-run")
		}
		out, stderr, code := runCLI(t, cliArgs...)
		if code != 0 {
			t.Fatalf("CLI: exit %d: %s", code, stderr)
		}
		res := call(t, cs, "draft", map[string]any{
			"entry": "task-debouncing", "write": write,
			"sections": []map[string]any{{"heading": "How it works", "text": how}},
		})
		sameAsCLI(t, res, out)
		var got struct {
			Written bool   `json:"written"`
			Diff    string `json:"diff"`
		}
		raw, _ := json.Marshal(res.StructuredContent)
		json.Unmarshal(raw, &got)
		if got.Written != write || !strings.Contains(got.Diff, "+"+how) {
			t.Errorf("write=%v: written %v, diff %q", write, got.Written, got.Diff)
		}
		after := readFile(t, filepath.Join(a, rel))
		if write != (after != before) {
			t.Errorf("write=%v: file changed %v", write, after != before)
		}
		if after != readFile(t, filepath.Join(b, rel)) {
			t.Errorf("write=%v: the tool and the CLI left different entries", write)
		}
	}
}

func TestDraftErrorsMatchCLI(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	for _, tc := range []struct {
		args map[string]any
		cli  []string
	}{
		{map[string]any{"entry": "distributed-lock"}, []string{"distributed-lock"}},
		{map[string]any{"entry": "task-debouncing", "sections": []map[string]any{{"heading": "When to use", "text": "x"}}}, []string{"task-debouncing", "--section", "When to use=x", "--yes"}},
	} {
		_, stderr, code := runCLI(t, append([]string{"--root", root, "draft", "--format", "json"}, tc.cli...)...)
		sameAsCLIError(t, call(t, cs, "draft", tc.args), stderr, code)
	}
}

// Arguments over their bounds are refused before the tool runs, and the
// session goes on.
func TestHugeArgumentsAreRefused(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	rel := filepath.Join(root, "handbook/backend-development/task-debouncing.mdx")
	before := readFile(t, rel)
	huge := strings.Repeat("lock ", 60<<10) // 300 KiB
	many := make([]string, 65)
	for i := range many {
		many[i] = "server"
	}
	for _, tc := range []struct {
		tool string
		args map[string]any
	}{
		{"draft", map[string]any{"entry": "task-debouncing", "write": true, "sections": []map[string]any{{"heading": "How it works", "text": huge}}}},
		{"explore", map[string]any{"concept": huge}},
		{"explore", map[string]any{"concept": "lock", "paths": many}},
		{"explore", map[string]any{"concept": "lock", "limit": 1 << 30}},
		{"new", map[string]any{"slug": "x", "description": huge, "summary": "s"}},
	} {
		res := call(t, cs, tc.tool, tc.args)
		if !res.IsError || !strings.Contains(text(res), "validating") {
			t.Errorf("%s: want a validation error, got %.200s", tc.tool, text(res))
		}
	}
	if readFile(t, rel) != before {
		t.Error("a refused draft wrote the entry")
	}
	if res := call(t, cs, "explore", map[string]any{"concept": "lock"}); res.IsError {
		t.Errorf("the session did not go on: %s", text(res))
	}
}

func TestUnknownTool(t *testing.T) {
	cs := connect(t, copyRepo(t))
	_, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "delete-everything"})
	if err == nil || !strings.Contains(err.Error(), `unknown tool "delete-everything"`) {
		t.Errorf("err = %v", err)
	}
	if res := call(t, cs, "lint", nil); res.StructuredContent == nil {
		t.Errorf("the session did not go on: %s", text(res))
	}
}

func TestPrompt(t *testing.T) {
	cs := connect(t, copyRepo(t))
	ctx := context.Background()
	res, err := cs.GetPrompt(ctx, &sdk.GetPromptParams{Name: mcp.PromptName, Arguments: map[string]string{"concept": "Distributed Lock"}})
	if err != nil {
		t.Fatal(err)
	}
	msg := res.Messages[0].Content.(*sdk.TextContent).Text
	for _, want := range []string{`"Distributed Lock"`, `slug "distributed-lock"`, "`new`", "`explore`", "`draft`", "`lint`", "write: true", "feedback"} {
		if !strings.Contains(msg, want) {
			t.Errorf("prompt misses %s:\n%s", want, msg)
		}
	}
	_, err = cs.GetPrompt(ctx, &sdk.GetPromptParams{Name: mcp.PromptName, Arguments: map[string]string{}})
	var we *jsonrpc.Error
	if !errors.As(err, &we) || we.Code != jsonrpc.CodeInvalidParams {
		t.Errorf("a prompt without a concept: %v, want an invalid-params error (-32602)", err)
	}
}

func TestResources(t *testing.T) {
	root := copyRepo(t)
	cs := connect(t, root)
	ctx := context.Background()
	list, err := cs.ListResources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var uris []string
	for _, r := range list.Resources {
		uris = append(uris, r.URI)
	}
	if want := []string{"handbook://entries/task-debouncing"}; !slices.Equal(uris, want) {
		t.Errorf("resources %v, want %v", uris, want)
	}
	// An entry written by a tool is listed at once.
	call(t, cs, "new", map[string]any{"slug": "distributed-lock", "description": "d", "summary": "s"})
	if list, _ = cs.ListResources(ctx, nil); len(list.Resources) != 2 {
		t.Errorf("after new: %d resources, want 2", len(list.Resources))
	}

	got, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: "handbook://entries/task-debouncing"})
	if err != nil {
		t.Fatal(err)
	}
	if want := readFile(t, filepath.Join(root, "handbook/backend-development/task-debouncing.mdx")); got.Contents[0].Text != want {
		t.Errorf("resource text %q, want the file", got.Contents[0].Text)
	}
	for _, uri := range []string{"handbook://entries/nope", "handbook://entries/../docs", "handbook://entries/..%2Fdocs", "handbook://entries/"} {
		if _, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: uri}); err == nil {
			t.Errorf("%s: read, want an error", uri)
		}
	}
}

// A new entry changes the list of resources, and the server says so, as
// its capabilities promise: a client that keeps the list reads it again.
// A dry run or a refused call changes nothing and says nothing.
func TestNewSaysResourcesChanged(t *testing.T) {
	root := copyRepo(t)
	ctx := context.Background()
	changed := make(chan struct{}, 10)
	c, s := net.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- mcp.Serve(ctx, mcp.Options{Root: root, Version: "test", In: s, Out: s})
		s.Close()
	}()
	client := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "1"}, &sdk.ClientOptions{
		ResourceListChangedHandler: func(context.Context, *sdk.ResourceListChangedRequest) { changed <- struct{}{} },
	})
	cs, err := client.Connect(ctx, &sdk.IOTransport{Reader: c, Writer: c}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cs.Close()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	call(t, cs, "new", map[string]any{"slug": "distributed-lock", "description": "d", "summary": "s", "dry_run": true})
	call(t, cs, "new", map[string]any{"slug": "Distributed Lock", "description": "d", "summary": "s"})
	call(t, cs, "lint", map[string]any{})
	select {
	case <-changed:
		t.Fatal("resources/list_changed after a dry run, a refused call or a lint")
	case <-time.After(200 * time.Millisecond):
	}
	call(t, cs, "new", map[string]any{"slug": "distributed-lock", "description": "d", "summary": "s"})
	select {
	case <-changed:
	case <-time.After(5 * time.Second):
		t.Fatal("no notifications/resources/list_changed after new wrote an entry")
	}
}
