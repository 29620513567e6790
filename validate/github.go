package validate

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/handbook-dev/handbook/internal/cli"
)

// githubPrinter writes GitHub Actions workflow commands, which GitHub shows
// as annotations on the pull request's changed lines.
type githubPrinter struct{}

func (githubPrinter) Print(ios *cli.IO, rep *Report) error {
	w := bufio.NewWriter(ios.Out)
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", f.Severity,
			escapeProperty(f.Path), f.Line, f.Column, escapeProperty(f.Rule), escapeData(f.Message))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(ios.ErrOut, summary(rep))
	return err
}

// The escapes GitHub's toolkit applies to workflow command data and
// property values.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
