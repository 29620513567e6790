package cli

import (
	"strings"
	"unicode/utf8"
)

// WrapWords breaks line at spaces so that no piece is wider than width,
// continuing under the line's own indentation plus indent more spaces. A
// word longer than the width stays whole: cutting it would be worse; and
// it stays on the line before it, since a break would not make it fit and
// would strand what precedes it (a list's "-" alone on a line, its link
// on the next). A width of 0 leaves the line as it is.
func WrapWords(line string, width, indent int) []string {
	if width <= 0 || utf8.RuneCountInString(line) <= width {
		return []string{line}
	}
	lead := line[:len(line)-len(strings.TrimLeft(line, " "))]
	cont := lead + strings.Repeat(" ", indent)
	var out []string
	cur, curLen := lead, utf8.RuneCountInString(lead)
	empty := true
	for _, w := range strings.Fields(line) {
		n := utf8.RuneCountInString(w)
		if !empty && curLen+1+n > width && utf8.RuneCountInString(cont)+n <= width {
			out = append(out, cur)
			cur, curLen, empty = cont, utf8.RuneCountInString(cont), true
		}
		if !empty {
			cur += " "
			curLen++
		}
		cur += w
		curLen += n
		empty = false
	}
	return append(out, cur)
}

// WrapFit breaks line at spaces into pieces no wider than width, for a
// column nothing may overflow (lint's message column on a terminal): a
// word longer than width, a long path, is cut where the line ends and
// carried on, starting on the line before it when at least four columns
// are left there, so that line is not left short.
func WrapFit(line string, width int) []string {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(line) {
		r := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(r) <= width {
			cur = append(append(cur, ' '), r...)
			continue
		}
		if len(cur) > 0 && len(r) > width && width-len(cur)-1 >= 4 {
			n := width - len(cur) - 1
			cur, r = append(append(cur, ' '), r[:n]...), r[n:]
		}
		if len(cur) > 0 {
			lines = append(lines, string(cur))
			cur = nil
		}
		for len(r) > width {
			lines = append(lines, string(r[:width]))
			r = r[width:]
		}
		cur = r
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, string(cur))
	}
	return lines
}
