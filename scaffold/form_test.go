package scaffold

import (
	"errors"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/handbook-dev/handbook/internal/cli"
)

// A validation error belongs to the field being answered: it shows while
// that field has the focus and is gone once the focus moves on, both from
// the list under the form and from the field's title.
func TestFieldErrorLeavesWithTheFocus(t *testing.T) {
	var v string
	in := huh.NewInput().Title("Description").Value(&v).Validate(func(s string) error {
		if s == "" {
			return errors.New("the description is required")
		}
		return nil
	})
	keys := huh.NewDefaultKeyMap()
	w := wrap(in, &cli.IO{}, keys)
	w.WithKeyMap(keys)
	w.Focus()
	w.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if w.Error() == nil {
		t.Fatal("no error after Enter on an empty required field")
	}
	w.Blur()
	if err := w.Error(); err != nil {
		t.Errorf("after moving on, Error() = %v", err)
	}
	if err := in.Error(); err != nil {
		t.Errorf("after moving on, the field's own error (its title mark) is %v", err)
	}
}
