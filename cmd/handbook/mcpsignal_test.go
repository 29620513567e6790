//go:build unix

package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMCPStoppedBySignal: an MCP server stopped by Ctrl-C exits 130 and by
// SIGTERM 143, as every other command does, and says that calls in progress
// were undone (not that nothing was written: earlier calls may have).
func TestMCPStoppedBySignal(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		says string
	}{
		{syscall.SIGINT, 130, "mcp stopped by Ctrl-C"},
		{syscall.SIGTERM, 143, "mcp stopped by SIGTERM"},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			mustWrite(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
			c := exec.Command(self, "mcp")
			c.Dir = dir
			c.Env = append(os.Environ(), "HANDBOOK_TEST_AS_MAIN=1")
			in, err := c.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var errOut bytes.Buffer
			c.Stderr = &errOut
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			// One answered request proves the server (and its signal
			// handling) is up before the signal is sent.
			io.WriteString(in, `{"jsonrpc":"2.0","id":1,"method":"ping"}`+"\n")
			line, err := bufio.NewReader(out).ReadString('\n')
			if err != nil || !strings.Contains(line, `"id":1`) {
				t.Fatalf("no answer to ping: %q, %v (stderr: %s)", line, err, errOut.String())
			}
			c.Process.Signal(tc.sig)
			done := make(chan error, 1)
			go func() { done <- c.Wait() }()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				c.Process.Kill()
				t.Fatal("the server did not stop within 10 s of the signal")
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != tc.code {
				t.Errorf("exit = %v; want code %d (stderr: %s)", err, tc.code, errOut.String())
			}
			if !strings.Contains(errOut.String(), tc.says) {
				t.Errorf("stderr = %q; want it to say %q", errOut.String(), tc.says)
			}
		})
	}
}
