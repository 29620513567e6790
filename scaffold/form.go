package scaffold

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/quietterm"
	"github.com/handbook-dev/handbook/internal/safefile"
)

// field wraps a huh field to fix what the form library gets wrong for a
// writer in a terminal:
//
//   - ctrl+e opens the editor for this field only (huh broadcasts the
//     editor's text to every text field of the group), found the way git
//     finds it, and says so when there is none instead of freezing;
//   - going back (shift+tab) is always allowed: a field validates when
//     moving forward, never when moving back;
//   - only the focused field shows its validation error, so an error does
//     not stay on screen after moving on;
//   - Esc while filtering a list leaves filter mode instead of cancelling
//     the whole command.
type field struct {
	huh.Field
	ios   *cli.IO
	keys  *huh.KeyMap
	text  *huh.Text // set for text fields, which ctrl+e can edit
	value *string   // the text field's value, which the editor replaces
	id    int64

	focused bool
	// fresh: focused and no key pressed yet, so an error left from an
	// earlier visit is not news.
	fresh bool
	// note is a message under the field, such as why no editor opened.
	note string
}

var fieldIDs atomic.Int64

// editable wraps a text field whose value is *value, so ctrl+e can replace
// it with what the editor saved.
func editable(t *huh.Text, value *string) *field {
	t.ExternalEditor(true) // for its "ctrl+e open editor" help; the key is ours
	return &field{Field: t, text: t, value: value, id: fieldIDs.Add(1)}
}

// wrap returns f as a *field bound to the form's streams and keys.
func wrap(f huh.Field, ios *cli.IO, keys *huh.KeyMap) *field {
	w, ok := f.(*field)
	if !ok {
		w = &field{Field: f, id: fieldIDs.Add(1)}
	}
	w.ios, w.keys = ios, keys
	return w
}

// editorDone carries what the editor saved back to the field that opened it.
type editorDone struct {
	id      int64
	content string
	err     error
	editor  string
	ran     bool // the editor ran; err is about what it saved
}

var (
	editorKey = key.NewBinding(key.WithKeys("ctrl+e"))
	backKey   = key.NewBinding(key.WithKeys("shift+tab"))
	nextKey   = key.NewBinding(key.WithKeys("enter", "tab"))
)

func (w *field) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case *pasted:
		// huh's group hands a message that is not a key to every field and
		// then to the focused one again: a paste is inserted once.
		if msg.id != w.id || msg.done {
			return w, nil
		}
		msg.done = true
		// A paste is typed text to the Bubbles fields: both go through the
		// same sanitising insert their own paste used.
		m, cmd := w.Field.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(msg.text), Paste: true})
		w.Field = m.(huh.Field)
		return w, cmd
	case editorDone:
		if msg.id != w.id {
			return w, nil
		}
		switch {
		case msg.err != nil && msg.ran:
			w.note = fmt.Sprintf("ctrl+e: the text %s saved was not used: %v", msg.editor, msg.err)
		case msg.err != nil:
			w.note = fmt.Sprintf("ctrl+e: %s did not run (%v); set $VISUAL or $EDITOR to your editor", msg.editor, msg.err)
		default:
			*w.value = strings.TrimRight(msg.content, "\n")
			w.text.Value(w.value) // sets the text area from *value
			w.note = ""
		}
		return w, nil
	case tea.KeyMsg:
		w.fresh = false
		switch {
		case w.text != nil && key.Matches(msg, editorKey):
			return w, w.openEditor()
		case quietterm.EmptiesPATH && key.Matches(msg, pasteKey) && isTextField(w.Field):
			return w, w.paste()
		case key.Matches(msg, backKey) && w.text != nil:
			// huh refuses to leave a text field that does not validate,
			// even backwards; going back never needs a valid answer.
			w.note = ""
			w.clearError()
			return w, huh.PrevField
		case key.Matches(msg, nextKey):
			w.note = "" // the note must not hold the form back
		}
	}
	m, cmd := w.Field.Update(msg)
	w.Field = m.(huh.Field)
	w.fitQuitKey()
	return w, cmd
}

// fitQuitKey makes Esc belong to a list's filter while there is one to
// leave or clear: the form would otherwise read it as "cancel" first.
func (w *field) fitQuitKey() {
	if w.keys == nil || !w.focused {
		return
	}
	filtering := false
	for _, b := range w.Field.KeyBinds() {
		if d := b.Help().Desc; (d == "set filter" || d == "clear filter") && b.Enabled() {
			filtering = true
		}
	}
	if filtering {
		w.keys.Quit.SetKeys("ctrl+c")
	} else {
		w.keys.Quit.SetKeys("ctrl+c", "esc")
	}
}

// openEditor runs the editor on the field's text, on the terminal, and
// sends what it saved back to this field only.
func (w *field) openEditor() tea.Cmd {
	editor := editorCommand(w.ios)
	if editor == "" {
		w.note = "ctrl+e: no editor found; set $VISUAL or $EDITOR (e.g. export EDITOR=nano)"
		return nil
	}
	f, err := os.CreateTemp("", "handbook-*.md")
	if err != nil {
		w.note = "ctrl+e: " + err.Error()
		return nil
	}
	name := f.Name()
	_, err = f.WriteString(currentText(w))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		w.note = "ctrl+e: " + err.Error()
		return nil
	}
	id := w.id
	// The variable may hold arguments ("code --wait"); let the shell split it.
	c := exec.Command("sh", "-c", editor+` "$1"`, "editor", name)
	return tea.ExecProcess(c, func(err error) tea.Msg {
		defer os.Remove(name)
		if err != nil {
			return editorDone{id: id, err: err, editor: editor}
		}
		// Bounded like a --section-file: the editor may have saved anything.
		data, err := safefile.Read(name, safefile.SectionLimit)
		if err == nil && !utf8.Valid(data) {
			err = errors.New("it is not UTF-8 text")
		}
		return editorDone{id: id, content: string(data), err: err, editor: editor, ran: true}
	})
}

// currentText is what the text field holds now, typed but not yet saved.
func currentText(w *field) string {
	if s, ok := w.Field.GetValue().(string); ok {
		return s
	}
	return *w.value
}

func (w *field) Focus() tea.Cmd {
	w.focused, w.fresh = true, true
	cmd := w.Field.Focus()
	w.fitQuitKey()
	return cmd
}

func (w *field) Blur() tea.Cmd {
	w.focused, w.note = false, ""
	cmd := w.Field.Blur()
	// Blur validates and marks the field's title with the error, but the
	// error belongs to the field being answered.
	w.clearError()
	return cmd
}

// isTextField reports a field that takes typed text (and so a paste).
func isTextField(f huh.Field) bool {
	switch f.(type) {
	case *huh.Text, *huh.Input:
		return true
	}
	return false
}

// clearError drops a text field's validation error: huh clears it on any
// key, so a key the field ignores (no runes) does it without typing.
func (w *field) clearError() {
	switch w.Field.(type) {
	case *huh.Text, *huh.Input:
		m, _ := w.Field.Update(tea.KeyMsg{Type: tea.KeyRunes})
		w.Field = m.(huh.Field)
	}
}

// Error is the field's validation error while it has the focus and the
// user has typed since: errors belong to the field being answered. A note
// (why the editor did not open) shows the same way, under the form.
func (w *field) Error() error {
	if !w.focused {
		return nil
	}
	if w.note != "" {
		return errors.New(w.note)
	}
	if w.fresh {
		return nil
	}
	return w.Field.Error()
}

func (w *field) WithTheme(t *huh.Theme) huh.Field {
	w.Field = w.Field.WithTheme(t)
	return w
}

func (w *field) WithKeyMap(k *huh.KeyMap) huh.Field {
	w.Field = w.Field.WithKeyMap(k)
	return w
}

func (w *field) WithWidth(n int) huh.Field {
	w.Field = w.Field.WithWidth(n)
	return w
}

func (w *field) WithHeight(n int) huh.Field {
	w.Field = w.Field.WithHeight(n)
	return w
}

func (w *field) WithPosition(p huh.FieldPosition) huh.Field {
	w.Field = w.Field.WithPosition(p)
	return w
}
