package cmd

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/mcp"
	"github.com/handbook-dev/handbook/workspace"
)

func init() { subcommands = append(subcommands, subcommand{"mcp", newMCPCmd}) }

func newMCPCmd(g *globals) *cobra.Command {
	opts := mcp.Options{}
	var verbose bool
	c := &cobra.Command{
		Use:   "mcp",
		Short: "Serve the handbook steps to AI agents (MCP, on stdio)",
		Long: `mcp runs a Model Context Protocol server on stdin and stdout, for AI agents
(Claude Code, Cursor, …). It offers the tools new, explore, draft, lint and
status, which take the commands' flags as typed arguments and return what
the commands print with --format json; the prompt write-handbook-entry,
which walks an agent through the handbook process for a concept; and every
entry as the resource handbook://entries/<slug>.

It never prompts: each call runs as with --no-input, and draft writes only
with write=true. Logs go to stderr. A line that is not JSON-RPC gets an
error reply and the session goes on; the server stops when stdin closes.

Register it with an agent (paths relative to where the agent starts it):

  {"mcpServers": {"handbook": {"command": "handbook", "args": ["mcp"]}}}`,
		Example: `  handbook mcp
  handbook mcp --root ~/src/acme --verbose`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Root = *g.root
			// A bad --root fails here, as in every other command, rather
			// than in each call of a server that cannot do anything.
			if opts.Root != "" {
				if _, err := workspace.CheckRoot(opts.Root); err != nil {
					return err
				}
			}
			opts.Version = version()
			opts.In, opts.Out, opts.ErrOut = g.io.In, g.io.Out, g.io.ErrOut
			if verbose {
				opts.LogLevel = slog.LevelInfo
			}
			if g.io.InTTY {
				c.PrintErrln("handbook mcp speaks JSON-RPC on stdin and stdout: register it with an agent (see handbook mcp --help). Ctrl-D stops it.")
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			// A client that dies closes our stdout; writing to it must
			// fail (and end the session) rather than kill the process by
			// SIGPIPE in the middle of another call's write.
			signal.Ignore(syscall.SIGPIPE)
			return mcp.Serve(ctx, opts)
		},
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "log each session event to stderr")
	return c
}
