package scaffold

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/handbook-dev/handbook/internal/cli"
)

// answers are the fields the form fills.
type answers struct {
	Title, Description, Summary string
}

// ask runs the form for the fields that flags did not set.
func ask(ios *cli.IO, accessible bool, a *answers, need need) error {
	var fields []huh.Field
	if need.title {
		// An empty answer keeps the default title (from the slug).
		defaultTitle := a.Title
		title := "Title"
		if accessible {
			title = fmt.Sprintf("Title [%s]", defaultTitle)
		}
		fields = append(fields, huh.NewInput().
			Title(title).
			Description("Shown at the top of the entry and in the navigation.").
			Value(&a.Title).
			CharLimit(MaxTitleLen).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" && defaultTitle != "" {
					return nil
				}
				return ValidateTitle(s)
			}))
	}
	if need.description {
		fields = append(fields, huh.NewInput().
			Title("Description").
			Description(fmt.Sprintf("One line, at most %d characters: what the entry explains.", MaxDescriptionLen)).
			Value(&a.Description).
			CharLimit(MaxDescriptionLen).
			Validate(ValidateDescription))
	}
	if need.summary {
		fields = append(fields, huh.NewText().
			Title("Summary").
			Description("A short paragraph that explains the concept.").
			Value(&a.Summary).
			Validate(ValidateSummary))
	}
	eof, err := runForm(ios, accessible, fields...)
	if err != nil {
		return err
	}
	// Input that ended before every answer was valid is a cancel.
	if eof && (ValidateTitle(a.Title) != nil || ValidateDescription(a.Description) != nil || ValidateSummary(a.Summary) != nil) {
		return cli.ErrCancelled
	}
	return nil
}

// runForm runs one huh form on the injected streams. Prompts go to stderr so
// stdout stays data; Ctrl-C and Esc cancel. In accessible mode the answers
// are read line by line from the shared reader; eof reports that the input
// ended while a question was waiting (huh itself then falls back to the
// field's default and cannot say so).
func runForm(ios *cli.IO, accessible bool, fields ...huh.Field) (eof bool, err error) {
	if len(fields) == 0 {
		return false, nil
	}
	in := ios.In
	var lines *cli.LineReader
	if accessible {
		lines = ios.Lines()
		in = lines
	}
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("ctrl+c", "esc"), key.WithHelp("esc", "cancel"))
	form := huh.NewForm(huh.NewGroup(fields...)).
		WithInput(in).
		WithOutput(ios.ErrOut).
		WithAccessible(accessible).
		WithKeyMap(km).
		WithShowHelp(true)
	if !ios.ColorErr() {
		form = form.WithTheme(huh.ThemeBase())
	}
	err = form.Run()
	if errors.Is(err, huh.ErrUserAborted) {
		return false, cli.ErrCancelled
	}
	return lines != nil && lines.EOF, err
}

var terminalOnce sync.Once

// startTerminal points the styling library at the terminal the prompts
// draw on (stderr) and, with colour on, asks it for its background colour
// now, before Bubble Tea takes over the terminal and would swallow the
// answer. Only commands that prompt call it: nothing else ever queries the
// terminal (see internal/quietterm). Call it before building any field,
// since styles keep the renderer they were made with.
func startTerminal(ios *cli.IO) {
	terminalOnce.Do(func() {
		f, ok := ios.ErrOut.(*os.File)
		if !ok || !ios.ErrTTY {
			return
		}
		r := lipgloss.NewRenderer(f)
		if ios.ColorErr() {
			r.HasDarkBackground()
		} else {
			r.SetColorProfile(termenv.Ascii)
			r.SetHasDarkBackground(true)
		}
		lipgloss.SetDefaultRenderer(r)
	})
}
