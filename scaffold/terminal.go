package scaffold

import (
	"fmt"
	"io"
	"strings"

	"github.com/handbook-dev/handbook/internal/cli"
)

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
		b.WriteString(strings.Join(cli.WrapWords(body, ww.width, 4), "\n"))
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
			pieces = cli.WrapWords(text, ios.OutCols-1, 2)
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
