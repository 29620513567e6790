package scaffold

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/internal/cli"
)

// wrapWords breaks line at spaces so that no piece is wider than width,
// continuing under the line's own indentation plus indent more spaces. A
// word longer than the width stays whole: cutting it would be worse. A
// width of 0 leaves the line as it is.
func wrapWords(line string, width, indent int) []string {
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
		if !empty && curLen+1+n > width {
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

// messages is where the report for people goes: stderr, with each line
// wrapped at words to the terminal's width when stderr is a terminal.
func messages(ios *cli.IO) io.Writer {
	if !ios.ErrTTY || ios.ErrCols <= 0 {
		return ios.ErrOut
	}
	return &wrapWriter{w: ios.ErrOut, width: ios.ErrCols}
}

type wrapWriter struct {
	w     io.Writer
	width int
}

func (ww *wrapWriter) Write(p []byte) (int, error) {
	lines := strings.SplitAfter(string(p), "\n")
	var b strings.Builder
	for _, l := range lines {
		body := strings.TrimSuffix(l, "\n")
		b.WriteString(strings.Join(wrapWords(body, ww.width, 4), "\n"))
		if strings.HasSuffix(l, "\n") {
			b.WriteByte('\n')
		}
	}
	if _, err := io.WriteString(ww.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

const (
	diffReset = "\x1b[0m"
	diffBold  = "\x1b[1m"
	diffRed   = "\x1b[31m"
	diffGreen = "\x1b[32m"
	diffCyan  = "\x1b[36m"
)

// printDiff writes a unified diff to stdout. Piped, it is the diff as is;
// on a terminal it is coloured like git diff (headers bold, hunks cyan,
// removals red, additions green, unless NO_COLOR) and a long line is
// wrapped at words, its continuation starting with the line's own marker.
func printDiff(ios *cli.IO, diff string) {
	if !ios.OutTTY {
		fmt.Fprint(ios.Out, diff)
		return
	}
	color := ios.ColorOut()
	var b strings.Builder
	for _, line := range strings.SplitAfter(diff, "\n") {
		body := strings.TrimSuffix(line, "\n")
		if body == "" {
			b.WriteString(line)
			continue
		}
		code := ""
		switch {
		case strings.HasPrefix(body, "+++ "), strings.HasPrefix(body, "--- "):
			code = diffBold
		case strings.HasPrefix(body, "@@"):
			code = diffCyan
		case body[0] == '+':
			code = diffGreen
		case body[0] == '-':
			code = diffRed
		}
		pieces := []string{body}
		if code != diffBold && code != diffCyan {
			// Wrap the text after the marker; continuations keep it.
			marker, text := body[:1], body[1:]
			pieces = wrapWords(text, ios.OutCols-1, 2)
			for i := range pieces {
				pieces[i] = marker + pieces[i]
			}
		}
		for _, p := range pieces {
			if color && code != "" {
				p = code + p + diffReset
			}
			b.WriteString(p + "\n")
		}
	}
	fmt.Fprint(ios.Out, b.String())
}
