package cmd

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/internal/cli"
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
			// Which signal stopped the server decides the exit code (130
			// for Ctrl-C, 143 for SIGTERM), as for every other command.
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			sigs := make(chan os.Signal, 1)
			signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
			defer signal.Stop(sigs)
			var stopped os.Signal
			watched := make(chan struct{})
			go func() {
				defer close(watched)
				select {
				case stopped = <-sigs:
					cancel()
				case <-ctx.Done():
				}
			}()
			// A client that dies closes our stdout; writing to it must
			// fail (and end the session) rather than kill the process by
			// SIGPIPE in the middle of another call's write.
			signal.Ignore(syscall.SIGPIPE)
			err := mcp.Serve(ctx, opts)
			cancel()
			<-watched
			return stoppedBy(stopped, err)
		},
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "log each session event to stderr")
	return c
}

// stoppedBy turns a server stopped by a signal into the command's exit:
// calls in progress were cancelled (their writes undone, as a cancelled
// command's are), but earlier calls may have written, so the message does
// not claim that nothing was.
func stoppedBy(sig os.Signal, err error) error {
	switch {
	case sig == nil:
		return err
	case sig == syscall.SIGTERM:
		return stopError{"mcp stopped by SIGTERM; calls in progress were cancelled and their changes undone", cli.ErrTerminated}
	default:
		return stopError{"mcp stopped by Ctrl-C; calls in progress were cancelled and their changes undone", cli.ErrCancelled}
	}
}

// stopError is a stop by signal with its own message; it maps to the exit
// code of the error it wraps.
type stopError struct {
	msg  string
	kind error
}

func (e stopError) Error() string { return e.msg }
func (e stopError) Unwrap() error { return e.kind }
