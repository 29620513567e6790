package cli

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// SafeText makes text from outside the program (file names, echoed input)
// harmless on a terminal: control characters, ANSI escapes among them, are
// written as Go escapes (\x1b), so a file named with an escape sequence
// cannot recolour, move the cursor or retitle the terminal. Text without
// them is returned as it is.
func SafeText(s string) string {
	clean := true
	for _, r := range s {
		if IsControl(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
				continue
			}
			b.WriteRune(r)
		case IsControl(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IsControl reports a C0 control (tab included: it breaks column layouts),
// DEL or a C1 control: the characters that act on a terminal.
func IsControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

// Echo is input repeated back in a message: made safe, and cut to max
// characters with "…" so a 10,000-character argument does not fill the
// terminal.
func Echo(s string, max int) string {
	s = SafeText(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// Plural is a count and its noun: "1 file", "3 files".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
