package scaffold

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"unicode/utf8"

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
			CharLimit(4*MaxTitleLen). // refused by the validator when too long, never cut
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" && defaultTitle != "" {
					return nil
				}
				return ValidateTitle(s)
			}))
	}
	if need.description {
		in := huh.NewInput().
			Title("Description").
			Value(&a.Description).
			// No CharLimit: it would cut the text silently. The count shows
			// while typing and the validator refuses what is too long.
			CharLimit(4 * MaxDescriptionLen).
			Validate(ValidateDescription)
		if accessible {
			in = in.Description(fmt.Sprintf("One line, at most %d characters: what the entry explains.", MaxDescriptionLen))
		} else {
			in = in.DescriptionFunc(func() string { return descriptionHint(a.Description) }, &a.Description)
		}
		fields = append(fields, in)
	}
	if need.summary {
		fields = append(fields, editable(huh.NewText().
			Title("Summary").
			Description("A short paragraph that explains the concept.").
			Value(&a.Summary).
			Validate(ValidateSummary), &a.Summary))
	}
	if err := runForm(ios, accessible, fields...); err != nil {
		return err
	}
	// A last answer cut by the end of the input and refused by its
	// validator is not asked again (nothing is left to read): a cancel.
	if accessible && ios.Lines().EOF && (ValidateTitle(a.Title) != nil || ValidateDescription(a.Description) != nil || ValidateSummary(a.Summary) != nil) {
		return cli.ErrCancelled
	}
	return nil
}

// descriptionHint is the description field's help, with the count of
// characters typed against the limit.
func descriptionHint(s string) string {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	hint := fmt.Sprintf("One line: what the entry explains. %d/%d characters", n, MaxDescriptionLen)
	if n > MaxDescriptionLen {
		hint += fmt.Sprintf(", %d too many", n-MaxDescriptionLen)
	}
	return hint
}

// runForm runs one huh form on the injected streams. Prompts go to stderr so
// stdout stays data; Ctrl-C and Esc cancel. In accessible mode the answers
// are read line by line from the shared reader, and input that ends while
// a question waits is a cancel too, as Ctrl-C is (huh itself then falls
// back to the field's default and cannot say so): an empty line is an
// answer, the end of the input is none.
func runForm(ios *cli.IO, accessible bool, fields ...huh.Field) error {
	return runPages(ios, accessible, page{fields: fields})
}

// page is a screen of a form: fields under a title that says what is
// being written. A page shows alone, so it fits a small terminal; Enter
// on its last field goes to the next page, shift+tab back.
type page struct {
	title  string
	fields []huh.Field
}

// runPages runs a form of one or more pages.
func runPages(ios *cli.IO, accessible bool, pages ...page) error {
	in := ios.In
	var lines *cli.LineReader
	if accessible {
		lines = ios.Lines()
		in = lines
	}
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("ctrl+c", "esc"), key.WithHelp("esc", "cancel"))
	// huh's help says "x toggle"; the references' description says Space
	// toggles, which is what people press in a checklist.
	km.MultiSelect.Toggle = key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", "toggle"))
	var groups []*huh.Group
	for _, p := range pages {
		if len(p.fields) == 0 {
			continue
		}
		if !accessible {
			for i, f := range p.fields {
				p.fields[i] = wrap(f, ios, km)
			}
		}
		g := huh.NewGroup(p.fields...)
		if p.title != "" && !accessible {
			g = g.Title(p.title)
		}
		groups = append(groups, g)
	}
	if len(groups) == 0 {
		return nil
	}
	if !accessible {
		// Only now, when a question is about to be asked: a run that
		// never asks (draft --yes, flags for every answer) never talks
		// to the terminal. The form's theme, which styles every field,
		// is built after this, on the renderer it sets up.
		startTerminal(ios)
	}
	form := huh.NewForm(groups...).
		WithInput(in).
		WithOutput(ios.ErrOut).
		WithAccessible(accessible).
		WithKeyMap(km).
		WithShowHelp(true)
	if !ios.ColorErr() {
		form = form.WithTheme(plainTheme())
	}
	err := form.Run()
	if err == nil && lines != nil && lines.Starved {
		// The answers given are in their values already (accessible
		// fields set them as they are read).
		return cli.ErrCancelled
	}
	if errors.Is(err, huh.ErrUserAborted) {
		// A text field keeps what is typed in its text area and hands it
		// to its value only when it loses focus, which a cancel never
		// does: hand it over, so a caller that keeps typed text on a
		// cancel keeps the field being written too.
		for _, p := range pages {
			for _, f := range p.fields {
				if w, ok := f.(*field); ok && w.text != nil {
					w.text.Blur()
				}
			}
		}
		return cli.ErrCancelled
	}
	return err
}

// plainTheme is huh's colourless theme with the focused button marked in
// text, since without colour nothing else shows which one Enter picks.
func plainTheme() *huh.Theme {
	t := huh.ThemeBase()
	mark := func(open, close string) func(string) string {
		return func(s string) string { return open + strings.TrimSpace(s) + close }
	}
	t.Focused.FocusedButton = lipgloss.NewStyle().Padding(0, 1).Transform(mark("[", "]"))
	t.Focused.BlurredButton = lipgloss.NewStyle().Padding(0, 1).Transform(mark(" ", " "))
	t.Blurred.FocusedButton = t.Focused.FocusedButton
	t.Blurred.BlurredButton = t.Focused.BlurredButton
	return t
}

var terminalOnce sync.Once

// startTerminal points the styling library at the terminal the prompts
// draw on (stderr) and, with colour on, asks it for its background colour
// now, before Bubble Tea takes over the terminal and would swallow the
// answer. Only a form about to run calls it: nothing else ever queries the
// terminal (see internal/quietterm). The form's theme, which styles every
// field, must be built after it, since styles keep their renderer.
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
