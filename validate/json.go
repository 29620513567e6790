package validate

import (
	"github.com/handbook-dev/handbook/internal/cli"
)

// JSONReport is the document --format json prints, and what the MCP lint
// tool returns: {"findings": [...], "summary": {"files", "errors", "warnings"}}.
type JSONReport struct {
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
}

// Summary counts what a run linted and found.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// JSON is the report in its JSON shape.
func (r *Report) JSON() JSONReport {
	out := JSONReport{Findings: r.Findings, Summary: Summary{r.Files, r.Errors, r.Warnings}}
	if out.Findings == nil {
		out.Findings = []Finding{} // always an array, never null
	}
	return out
}

// jsonPrinter writes one JSON document for tools.
type jsonPrinter struct{}

func (jsonPrinter) Print(ios *cli.IO, rep *Report) error {
	return cli.WriteJSON(ios.Out, rep.JSON())
}
