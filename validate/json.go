package validate

import (
	"github.com/handbook-dev/handbook/internal/cli"
)

// JSONReport is the document --format json prints, and what the MCP lint
// tool returns: {"findings": [...], "summary": {"files", "errors", "warnings"}}.
type JSONReport struct {
	Findings []Finding `json:"findings"`
	// Errors are the paths that could not be linted (unreadable, not a
	// file): the run fails because of them, so tools must see them too.
	Errors  []ReadError `json:"errors"`
	Summary Summary     `json:"summary"`
}

// ReadError is a path that could not be linted.
type ReadError struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Summary counts what a run linted and found.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// JSON is the report in its JSON shape.
func (r *Report) JSON() JSONReport {
	out := JSONReport{Findings: r.Findings, Errors: r.ReadErrors, Summary: Summary{r.Files, r.Errors, r.Warnings}}
	if out.Findings == nil {
		out.Findings = []Finding{} // always an array, never null
	}
	if out.Errors == nil {
		out.Errors = []ReadError{}
	}
	return out
}

// jsonPrinter writes one JSON document for tools.
type jsonPrinter struct{}

func (jsonPrinter) Print(ios *cli.IO, rep *Report) error {
	return cli.WriteJSON(ios.Out, rep.JSON())
}
