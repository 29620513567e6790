package scaffold

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// ctrl+v in a text field pastes the system clipboard, as the Bubbles text
// fields do, but the clipboard tool is looked up when the key is pressed.
// Bubbles' clipboard package looks for its tools in every PATH folder in
// its package init on Linux and the BSDs, at every start-up of every
// command; there internal/quietterm empties PATH while packages
// initialise (quietterm.EmptiesPATH), so that search finds nothing and the
// fields' own paste would say there is no clipboard. The lookup below is
// the one that package made, in the same order. Elsewhere ctrl+v is left
// to the fields.

var pasteKey = key.NewBinding(key.WithKeys("ctrl+v"))

// pasted carries the clipboard's text to the field that asked for it,
// which marks it done.
type pasted struct {
	id   int64
	text string
	done bool
}

// pasteTimeout bounds the clipboard tool (xclip waits for a display
// that may never answer); maxPaste bounds what it prints.
const (
	pasteTimeout = 5 * time.Second
	maxPaste     = 1 << 20
)

// clipboardCommand returns the command that prints the clipboard, and
// whether its output ends in a CR LF to drop (Windows' PowerShell, from
// WSL); nil when no tool is installed. getenv reads WAYLAND_DISPLAY.
func clipboardCommand(getenv func(string) string) (args []string, trimCRLF bool) {
	found := func(names ...string) bool {
		for _, n := range names {
			if _, err := exec.LookPath(n); err != nil {
				return false
			}
		}
		return true
	}
	switch {
	case getenv("WAYLAND_DISPLAY") != "" && found("wl-copy", "wl-paste"):
		return []string{"wl-paste", "--no-newline"}, false
	case found("xclip"):
		return []string{"xclip", "-out", "-selection", "clipboard"}, false
	case found("xsel"):
		return []string{"xsel", "--output", "--clipboard"}, false
	case found("termux-clipboard-set", "termux-clipboard-get"):
		return []string{"termux-clipboard-get"}, false
	case found("clip.exe", "powershell.exe"):
		return []string{"powershell.exe", "Get-Clipboard"}, true
	}
	return nil, false
}

var errNoClipboard = errors.New("no clipboard tool found (xclip, xsel, wl-clipboard or termux-clipboard-get)")

// readClipboard runs the clipboard tool and returns what it printed.
func readClipboard(getenv func(string) string) (string, error) {
	args, trimCRLF := clipboardCommand(getenv)
	if args == nil {
		return "", errNoClipboard
	}
	ctx, cancel := context.WithTimeout(context.Background(), pasteTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	out, err := io.ReadAll(io.LimitReader(stdout, maxPaste+1))
	if len(out) > maxPaste {
		cancel() // stop a tool still printing
		err = errors.New("the clipboard holds more than 1 MiB")
	}
	if werr := cmd.Wait(); err == nil {
		err = werr
	}
	if err != nil {
		return "", err
	}
	if trimCRLF {
		out = bytes.TrimSuffix(out, []byte("\r\n"))
	}
	if !utf8.Valid(out) {
		return "", errors.New("the clipboard does not hold UTF-8 text")
	}
	return string(out), nil
}

// paste reads the clipboard for this field. Like the Bubbles fields, it
// does nothing when there is no clipboard to read.
func (w *field) paste() tea.Cmd {
	id, getenv := w.id, os.Getenv
	if w.ios != nil && w.ios.Getenv != nil {
		getenv = w.ios.Getenv
	}
	return func() tea.Msg {
		text, err := readClipboard(getenv)
		if err != nil || text == "" {
			return nil
		}
		return &pasted{id: id, text: text}
	}
}
