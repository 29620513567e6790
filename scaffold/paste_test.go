package scaffold

import (
	"os"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/quietterm"
)

// fakeTool puts an executable script named name, printing out, in a
// folder that becomes the whole PATH.
func fakeTool(t *testing.T, name, out string) {
	t.Helper()
	if !quietterm.EmptiesPATH {
		t.Skip("ctrl+v is left to the text fields on this system")
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nprintf '%s' '" + out + "'\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
}

// press sends key to the field and runs the command it returns, feeding
// its message back as huh's group does: a message that is not a key goes
// to every field, and to the focused one a second time.
func press(t *testing.T, w *field, k tea.KeyMsg) {
	t.Helper()
	_, cmd := w.Update(k)
	if cmd == nil {
		return
	}
	if msg := cmd(); msg != nil {
		w.Update(msg)
		w.Update(msg)
	}
}

var ctrlV = tea.KeyMsg{Type: tea.KeyCtrlV}

// ctrl+v pastes the clipboard, the tool looked up when the key is pressed
// (the clipboard package's own lookup ran at start-up, with PATH empty).
func TestCtrlVPastesTheClipboardIntoAnInput(t *testing.T) {
	fakeTool(t, "xclip", "Distributed lock")
	var v string
	in := huh.NewInput().Title("Title").Value(&v)
	keys := huh.NewDefaultKeyMap()
	w := wrap(in, &cli.IO{Getenv: func(string) string { return "" }}, keys)
	w.WithKeyMap(keys)
	w.Focus()
	press(t, w, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("A ")})
	press(t, w, ctrlV)
	if got := in.GetValue(); got != "A Distributed lock" {
		t.Errorf("value after ctrl+v = %q, want %q", got, "A Distributed lock")
	}
}

func TestCtrlVPastesTheClipboardIntoAText(t *testing.T) {
	fakeTool(t, "xsel", "line one\nline two")
	var v string
	text := huh.NewText().Title("Summary").Value(&v)
	keys := huh.NewDefaultKeyMap()
	w := wrap(editable(text, &v), &cli.IO{Getenv: func(string) string { return "" }}, keys)
	w.WithKeyMap(keys)
	w.Focus()
	press(t, w, ctrlV)
	if got := text.GetValue(); got != "line one\nline two" {
		t.Errorf("value after ctrl+v = %q, want %q", got, "line one\nline two")
	}
}

// Without a clipboard tool ctrl+v does nothing, as before.
func TestCtrlVWithoutAClipboardToolChangesNothing(t *testing.T) {
	if !quietterm.EmptiesPATH {
		t.Skip("ctrl+v is left to the text fields on this system")
	}
	t.Setenv("PATH", t.TempDir())
	var v string
	in := huh.NewInput().Title("Title").Value(&v)
	keys := huh.NewDefaultKeyMap()
	w := wrap(in, &cli.IO{Getenv: func(string) string { return "" }}, keys)
	w.WithKeyMap(keys)
	w.Focus()
	press(t, w, ctrlV)
	if got := in.GetValue(); got != "" {
		t.Errorf("value after ctrl+v = %q, want it empty", got)
	}
}

func TestClipboardCommandOrder(t *testing.T) {
	if !quietterm.EmptiesPATH {
		t.Skip("the lookup is used on Linux and the BSDs only")
	}
	dir := t.TempDir()
	for _, n := range []string{"wl-copy", "wl-paste", "xclip", "xsel", "termux-clipboard-set", "termux-clipboard-get", "clip.exe", "powershell.exe"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
	wayland := func(k string) string {
		if k == "WAYLAND_DISPLAY" {
			return "wayland-0"
		}
		return ""
	}
	none := func(string) string { return "" }
	for _, tc := range []struct {
		getenv func(string) string
		remove string
		want   string
		crlf   bool
	}{
		{wayland, "", "wl-paste", false},
		{none, "", "xclip", false},
		{none, "xclip", "xsel", false},
		{none, "xsel", "termux-clipboard-get", false},
		{none, "termux-clipboard-get", "powershell.exe", true},
	} {
		if tc.remove != "" {
			os.Remove(filepath.Join(dir, tc.remove))
		}
		args, crlf := clipboardCommand(tc.getenv)
		if len(args) == 0 || args[0] != tc.want || crlf != tc.crlf {
			t.Errorf("without %s: %q (CR LF %v), want %s (CR LF %v)", tc.remove, args, crlf, tc.want, tc.crlf)
		}
	}
	os.Remove(filepath.Join(dir, "clip.exe"))
	if args, _ := clipboardCommand(none); args != nil {
		t.Errorf("with no tool: %q, want none", args)
	}
}
