package mcp

import (
	"context"
	"errors"
	"io"
	"log/slog"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
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

// server holds what the handlers share.
type server struct {
	root, dir string
	errOut    io.Writer
	log       *slog.Logger
	// slots bounds the tool calls that run at once: a client that sends a
	// thousand searches gets them done a few at a time, not all at once.
	slots chan struct{}
	// onCall, when set (by tests), runs at the start of every tool call.
	onCall func(ctx context.Context, tool string)
}

// New builds the MCP server: tools, prompt and resources. Serve runs it on
// a stream; tests connect it to the SDK's in-memory transport.
func New(opts Options) *sdk.Server {
	srv, _ := newServer(opts)
	return srv
}

func newServer(opts Options) (*sdk.Server, *server) {
	errOut := opts.ErrOut
	if errOut == nil {
		errOut = io.Discard
	}
	level := opts.LogLevel
	if level == 0 {
		level = slog.LevelWarn
	}
	s := &server{
		root: opts.Root, dir: opts.Dir, errOut: errOut,
		log:   slog.New(slog.NewTextHandler(errOut, &slog.HandlerOptions{Level: level})),
		slots: make(chan struct{}, MaxConcurrentCalls),
	}
	version := opts.Version
	if version == "" {
		version = "dev"
	}
	srv := sdk.NewServer(&sdk.Implementation{Name: "handbook", Title: "handbook", Version: version}, &sdk.ServerOptions{
		Instructions: instructions,
		Logger:       s.log,
		// No logging capability: logs go to stderr, not to the client.
		Capabilities: &sdk.ServerCapabilities{},
	})
	s.addTools(srv)
	s.addPrompt(srv)
	s.addResources(srv)
	return srv, s
}

// instructions tell a client what the server is for, in a few lines.
const instructions = `handbook writes the Backend Development section of a team handbook: one Mintlify MDX entry per backend concept.
Follow the prompt write-handbook-entry, or: new (create the entry) -> explore (find the code) -> draft (write the sections, write=true) -> lint (check) -> ask the user to review.`

// Serve runs the server on opts.In and opts.Out until the client closes
// the stream or ctx is cancelled, then waits for running tool calls to
// finish, so that an entry and its navigation line are never half written.
func Serve(ctx context.Context, opts Options) error {
	srv, s := newServer(opts)
	return s.serve(ctx, srv, opts)
}

func (s *server) serve(ctx context.Context, srv *sdk.Server, opts Options) error {
	t := &lineTransport{in: opts.In, out: opts.Out, maxLine: opts.MaxLine, log: s.log}
	// Run returns once the session is closed and every running handler has
	// returned (TestDisconnectMidCall checks it).
	err := srv.Run(ctx, t)
	if errors.Is(err, io.EOF) || errors.Is(err, context.Canceled) || errors.Is(err, sdk.ErrConnectionClosed) {
		return nil // the client is done, or we were told to stop
	}
	return err
}
