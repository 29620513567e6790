//go:build unix

package mcp_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// An entry too big to serve, or a FIFO in its place, is an error, read
// neither whole nor forever.
func TestReadResourceBounded(t *testing.T) {
	root := copyRepo(t)
	section := filepath.Join(root, "handbook/backend-development")
	f, err := os.Create(filepath.Join(section, "huge.mdx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	if err := syscall.Mkfifo(filepath.Join(section, "pipe.mdx"), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	cs := connect(t, root)
	for _, uri := range []string{"handbook://entries/huge", "handbook://entries/pipe"} {
		if _, err := cs.ReadResource(context.Background(), &sdk.ReadResourceParams{URI: uri}); err == nil {
			t.Errorf("%s: read, want an error", uri)
		}
	}
}
