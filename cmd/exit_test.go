package cmd

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

// TestExitMessages: a cancel or a SIGTERM, wrapped or not, says nothing
// was written and exits 130 or 143; only a command's own stop message
// (mcp's, whose earlier calls may have written) is printed as it is.
func TestExitMessages(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
		says string
	}{
		{cli.ErrCancelled, 130, "Cancelled; nothing was written.\n"},
		{fmt.Errorf("handbook/x.mdx: %w", cli.ErrCancelled), 130, "Cancelled; nothing was written.\n"},
		{cli.ErrTerminated, 143, "Terminated; nothing was written.\n"},
		{fmt.Errorf("docs.json: %w", cli.ErrTerminated), 143, "Terminated; nothing was written.\n"},
		{stoppedBy(nil, nil), 0, ""},
		{stopError{"mcp stopped by Ctrl-C; calls in progress were cancelled and their changes undone", cli.ErrCancelled}, 130,
			"handbook: mcp stopped by Ctrl-C; calls in progress were cancelled and their changes undone\n"},
	} {
		var errOut bytes.Buffer
		if code := exit(&cli.IO{ErrOut: &errOut}, tc.err); code != tc.code || errOut.String() != tc.says {
			t.Errorf("exit(%v) = %d, %q; want %d, %q", tc.err, code, errOut.String(), tc.code, tc.says)
		}
	}
}
