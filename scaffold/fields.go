package scaffold

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/validate"
)

// Limits on the frontmatter fields. Mintlify shows the description under
// the title and in link previews, where ~160 characters is what fits.
const (
	MaxTitleLen       = 120
	MaxDescriptionLen = 160
)

// The validators are shared by the prompts (checked as typed) and the flags,
// so a value is accepted or refused the same way in both.

// ValidateTitle checks a title.
func ValidateTitle(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return fmt.Errorf("the title is required")
	case !utf8.ValidString(s):
		return fmt.Errorf("the title is not valid UTF-8")
	case strings.ContainsAny(s, "\r\n"):
		return fmt.Errorf("the title must be one line")
	case controlAt(s) >= 0:
		return fmt.Errorf("the title holds a control character (%s); remove it", controlName(s))
	case utf8.RuneCountInString(s) > MaxTitleLen:
		return fmt.Errorf("the title is %d characters; keep it to %d", utf8.RuneCountInString(s), MaxTitleLen)
	}
	return nil
}

// ValidateDescription checks a description.
func ValidateDescription(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return fmt.Errorf("the description is required: one line that says what the entry explains")
	case !utf8.ValidString(s):
		return fmt.Errorf("the description is not valid UTF-8")
	case strings.ContainsAny(s, "\r\n"):
		return fmt.Errorf("the description must be one line")
	case controlAt(s) >= 0:
		return fmt.Errorf("the description holds a control character (%s); remove it", controlName(s))
	case utf8.RuneCountInString(s) > MaxDescriptionLen:
		return fmt.Errorf("the description is %d characters; keep it to %d", utf8.RuneCountInString(s), MaxDescriptionLen)
	}
	return nil
}

// ValidateSummary checks a summary.
func ValidateSummary(s string) error {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return fmt.Errorf("the summary is required: a short paragraph that explains the concept")
	case !utf8.ValidString(t):
		return fmt.Errorf("the summary is not valid UTF-8")
	case strings.HasPrefix(t, "#"):
		return fmt.Errorf("the summary is a paragraph; it must not start with a heading")
	case controlAt(t) >= 0:
		return fmt.Errorf("the summary holds a control character (%s); remove it", controlName(t))
	case strings.HasPrefix(t, "---"):
		return fmt.Errorf("the summary must not start with \"---\" (it would read as frontmatter)")
	}
	if _, err := validate.EscapeMDX(t); err != nil {
		return fmt.Errorf("the summary cannot be written as MDX: %v", err)
	}
	return nil
}

// normalizeSummary trims the summary and normalises line endings.
func normalizeSummary(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// proseMDX escapes what the MDX compiler would read as a broken tag or
// expression in text meant as prose (`<timeout>` → `\<timeout>`, `{name}` →
// `\{name}`); valid MDX and code stay as written. The validators have
// already refused what cannot be escaped.
func proseMDX(s string) string {
	out, err := validate.EscapeMDX(s)
	if err != nil {
		return s
	}
	return out
}

// controlAt is the offset of the first control character other than a
// newline or tab (an escape or a bell, which would act on the terminal that
// shows the entry and mean nothing in it), or -1.
func controlAt(s string) int {
	return strings.IndexFunc(s, func(r rune) bool {
		return cli.IsControl(r) && r != '\n' && r != '\t' && r != '\r'
	})
}

func controlName(s string) string {
	r, _ := utf8.DecodeRuneInString(s[controlAt(s):])
	return fmt.Sprintf("U+%04X", r)
}
