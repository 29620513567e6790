package explore

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/syncbuf"
)

func TestProgress(t *testing.T) {
	defer func(a, e time.Duration) { progressAfter, progressEvery = a, e }(progressAfter, progressEvery)
	progressAfter, progressEvery = time.Millisecond, time.Millisecond

	// Wait for the line rather than sleep a fixed time: on a loaded
	// machine 20 ms can pass before the progress goroutine runs once.
	tty := &syncbuf.Buffer{}
	cnt := &counters{}
	cnt.searched.Store(42)
	stop := startProgress(&cli.IO{ErrOut: tty, ErrTTY: true}, cnt)
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(tty.String(), "searching… 42 files") && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	stop()
	if got := tty.String(); !strings.Contains(got, "searching… 42 files") || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("progress on a terminal: %q, want the count, then the line cleared", got)
	}

	var errOut bytes.Buffer
	stop = startProgress(&cli.IO{ErrOut: &errOut, ErrTTY: false}, cnt)
	time.Sleep(20 * time.Millisecond)
	stop()
	if errOut.Len() != 0 {
		t.Errorf("progress when stderr is not a terminal: %q", errOut.String())
	}
}

func TestRunNoColorWhenPiped(t *testing.T) {
	for _, tc := range []struct {
		name  string
		io    cli.IO
		color bool
	}{
		{"terminal", cli.IO{OutTTY: true, Getenv: func(string) string { return "" }}, true},
		{"NO_COLOR", cli.IO{OutTTY: true, Getenv: func(k string) string {
			if k == "NO_COLOR" {
				return "1"
			}
			return ""
		}}, false},
		{"piped", cli.IO{OutTTY: false, Getenv: func(string) string { return "" }}, false},
	} {
		var out, errOut bytes.Buffer
		ios := tc.io
		ios.Out, ios.ErrOut = &out, &errOut
		if err := Run(Options{IO: &ios, Root: fixture, Dir: fixture, Concept: "distributed-lock", Limit: 1}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out.String(), "\033["); got != tc.color {
			t.Errorf("%s: colour %v, want %v:\n%s", tc.name, got, tc.color, out.String())
		}
		if !strings.HasPrefix(out.String(), "server/acme/kit/locker.py") && !strings.HasPrefix(out.String(), "\033[1mserver/acme/kit/locker.py") {
			t.Errorf("%s: output starts %q", tc.name, out.String()[:min(60, out.Len())])
		}
		if got := errOut.String(); got != "explore: skipped 1 binary file\n" {
			t.Errorf("%s: stderr %q", tc.name, got)
		}
	}
}
