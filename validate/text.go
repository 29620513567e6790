package validate

import (
	"bufio"
	"fmt"

	"github.com/handbook-dev/handbook/internal/cli"
)

// textPrinter writes `path:line:col: severity: message [rule]`, the form
// compilers use, so editors and terminals link each line to its place.
type textPrinter struct{}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
)

func (textPrinter) Print(ios *cli.IO, rep *Report) error {
	w := bufio.NewWriter(ios.Out)
	paint := painter(ios.ColorOut())
	for _, f := range rep.Findings {
		sev := paint(ansiYellow, string(f.Severity))
		if f.Severity == SeverityError {
			sev = paint(ansiRed, string(f.Severity))
		}
		fmt.Fprintf(w, "%s: %s: %s %s\n", paint(ansiBold, fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)), sev, f.Message, paint(ansiDim, "["+f.Rule+"]"))
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
	_, err := fmt.Fprintln(ios.ErrOut, paintErr(color, summary(rep)))
	return err
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
