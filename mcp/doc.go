// Package mcp serves handbook to AI agents over the Model Context Protocol:
// the commands new, explore, draft, lint and status as tools with typed input and
// output schemas, the handbook process as the prompt write-handbook-entry,
// and the entries as resources (handbook://entries/<slug>).
//
// Each tool calls the same package function as its command and returns the
// data that command prints with --format json, so an agent and a script
// see one shape. The server never prompts: every call runs as with
// --no-input, and messages go to stderr as logs.
//
// The protocol is served by hand (jsonrpc.go, server.go): newline-delimited
// JSON-RPC 2.0 on stdio, initialize with version negotiation (2024-11-05
// to 2025-11-25), ping, cancellation, and the tools, prompts and resources
// methods. A stdio server needs none of what the official Go SDK links
// into every command (net/http, OAuth, gob, jsonschema reflection), which
// cost handbook --version 0.8 ms of start-up and 8 MB of binary.
// The SDK stays as the tests' oracle: they serve the same handlers with
// it and compare the replies (oracle_test.go). Unlike the SDK's transport,
// a line that is not JSON-RPC is answered with an error and the session
// reads on: agents and hand-typed sessions send such lines.
//
// The package also writes the agent skill file (`handbook skill`), the same
// process taught with handbook commands instead of tools.
package mcp
