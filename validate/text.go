package validate

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/internal/cli"
)

// textPrinter writes findings for people. Piped (editors, CI logs, grep),
// each finding is one `path:line:col: severity: message [rule]` line, the
// form compilers use, so tools link each line to its place. On a terminal
// findings are grouped under their file, one line each, laid out to fit the
// terminal's width, like eslint's "stylish" format and ripgrep's headings.
type textPrinter struct{}

const (
	ansiReset     = "\x1b[0m"
	ansiBold      = "\x1b[1m"
	ansiDim       = "\x1b[2m"
	ansiUnderline = "\x1b[4m"
	ansiRed       = "\x1b[31m"
	ansiYellow    = "\x1b[33m"
	ansiGreen     = "\x1b[32m"
)

// defaultCols is the width assumed for a terminal that does not say.
const defaultCols = 80

func (textPrinter) Print(ios *cli.IO, rep *Report) error {
	w := bufio.NewWriter(ios.Out)
	findings := safePaths(rep.Findings)
	paint := painter(ios.ColorOut())
	shortened := false
	if ios.OutTTY {
		cols := ios.OutCols
		if cols <= 0 {
			cols = defaultCols
		}
		shortened = printGrouped(w, paint, findings, cols)
	} else {
		for _, f := range findings {
			fmt.Fprintf(w, "%s: %s: %s %s\n", paint(ansiBold, fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)), severityText(paint, f.Severity), f.Message, paint(ansiDim, "["+f.Rule+"]"))
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	paintErr := painter(ios.ColorErr())
	color := ansiGreen
	if rep.Errors > 0 {
		color = ansiRed
	} else if rep.Warnings > 0 {
		color = ansiYellow
	}
	if _, err := fmt.Fprintln(ios.ErrOut, paintErr(color, summary(rep))); err != nil {
		return err
	}
	if shortened {
		_, err := fmt.Fprintln(ios.ErrOut, "Messages were shortened to fit the terminal;\n`handbook lint | cat` prints them whole, with their advice.")
		return err
	}
	return nil
}

// safePaths escapes control characters in file names (an ANSI escape in a
// name must not reach the terminal); JSON and GitHub output keep the real
// name, which their encodings make harmless.
func safePaths(fs []Finding) []Finding {
	for i := range fs {
		if safe := cli.SafeText(fs[i].Path); safe != fs[i].Path {
			out := slices.Clone(fs)
			for j := i; j < len(out); j++ {
				out[j].Path = cli.SafeText(out[j].Path)
			}
			return out
		}
	}
	return fs
}

func severityText(paint func(code, s string) string, s Severity) string {
	if s == SeverityError {
		return paint(ansiRed, string(s))
	}
	return paint(ansiYellow, string(s))
}

// printGrouped writes the file, then "  line:col  severity  message  rule"
// for each of its findings, columns aligned within the file, each line at
// most cols wide: a message that does not fit keeps what is wrong (the part
// before its advice), wrapped onto lines of its own under the message
// column if even that is too long, so nothing of what is wrong is lost. It
// reports whether any message was shortened.
func printGrouped(w io.Writer, paint func(code, s string) string, findings []Finding, cols int) bool {
	shortened := false
	for start := 0; start < len(findings); {
		end := start
		for end < len(findings) && findings[end].Path == findings[start].Path {
			end++
		}
		group := findings[start:end]
		posW, ruleW := 0, 0
		for _, f := range group {
			posW = max(posW, len(fmt.Sprintf("%d:%d", f.Line, f.Column)))
			ruleW = max(ruleW, len(f.Rule))
		}
		sevW := len(SeverityWarning)
		if start > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, paint(ansiUnderline, findings[start].Path))
		// Every message of the file gets the same room, so the rules line
		// up after the longest one.
		room := cols - (2 + posW + 2 + sevW + 2 + 2 + ruleW)
		msgs := make([][]string, len(group))
		msgW := 0
		for i, f := range group {
			var cut bool
			msgs[i], cut = fitMessage(f.Message, room)
			shortened = shortened || cut
			for _, line := range msgs[i] {
				msgW = max(msgW, utf8.RuneCountInString(line))
			}
		}
		indent := strings.Repeat(" ", 2+posW+2+sevW+2)
		for i, f := range group {
			pos := fmt.Sprintf("%d:%d", f.Line, f.Column)
			sev := string(f.Severity)
			first := msgs[i][0]
			pad := msgW - utf8.RuneCountInString(first)
			fmt.Fprintf(w, "  %s%s  %s%s  %s%s  %s\n",
				paint(ansiDim, pos), strings.Repeat(" ", posW-len(pos)),
				severityText(paint, f.Severity), strings.Repeat(" ", sevW-len(sev)),
				first, strings.Repeat(" ", max(pad, 0)), paint(ansiDim, f.Rule))
			for _, more := range msgs[i][1:] {
				fmt.Fprintln(w, indent+more)
			}
		}
		start = end
	}
	return shortened
}

// fitMessage lays msg out in lines of at most room characters: whole when
// it fits; else its first clause (what is wrong, before the "; " that
// starts the advice), which reports the message as shortened; and that
// clause wrapped at spaces when it is still too long (a word longer than
// room, a long path, is cut where the line ends).
func fitMessage(msg string, room int) ([]string, bool) {
	msg = strings.ReplaceAll(msg, "\n", " ")
	room = max(room, 12)
	if utf8.RuneCountInString(msg) <= room {
		return []string{msg}, false
	}
	if i := strings.Index(msg, "; "); i > 0 {
		msg = msg[:i]
	}
	return cli.WrapFit(msg, room), true
}

// painter wraps text in an ANSI colour when colour is on.
func painter(on bool) func(code, s string) string {
	return func(code, s string) string {
		if !on {
			return s
		}
		return code + s + ansiReset
	}
}
