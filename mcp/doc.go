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
// The SDK's stdio transport ends the session on the first line that is not
// JSON; agents and hand-typed sessions send such lines, so stdio here is
// served by lineTransport, which answers a bad line with a JSON-RPC error
// and reads on.
//
// The package also writes the agent skill file (`handbook skill`), the same
// process taught with handbook commands instead of tools.
package mcp
