package validate

import (
	"fmt"

	"github.com/handbook-dev/handbook/internal/cli"
)

// Printer writes a report in one output format. Findings go to stdout;
// messages for people (the summary) go to stderr.
type Printer interface {
	Print(ios *cli.IO, rep *Report) error
}

// Formats are the names --format accepts.
var Formats = []string{"text", "json", "github"}

// NewPrinter returns the printer of a format ("" is text).
func NewPrinter(format string) (Printer, error) {
	switch format {
	case "", "text":
		return textPrinter{}, nil
	case "json":
		return jsonPrinter{}, nil
	case "github":
		return githubPrinter{}, nil
	}
	return nil, cli.Usagef("--format %q is not a format; use text, json or github", format)
}

// summary is the one-line tally, e.g. "2 errors, 1 warning in 12 files".
func summary(rep *Report) string {
	files := cli.Plural(rep.Files, "file", "files")
	var line string
	switch {
	case rep.Files == 0 && rep.Unreadable > 0:
		line = "nothing linted"
	case rep.Errors == 0 && rep.Warnings == 0:
		line = "no problems in " + files
	default:
		line = fmt.Sprintf("%s, %s in %s", cli.Plural(rep.Errors, "error", "errors"), cli.Plural(rep.Warnings, "warning", "warnings"), files)
	}
	if rep.Unreadable > 0 {
		// "no problems" alone would read as a pass.
		line += fmt.Sprintf("; %s could not be read", cli.Plural(rep.Unreadable, "path", "paths"))
	}
	return line
}
