package validate

import (
	"github.com/handbook-dev/handbook/internal/cli"
)

// jsonPrinter writes one JSON document for tools:
// {"findings": [...], "summary": {"files", "errors", "warnings"}}.
type jsonPrinter struct{}

func (jsonPrinter) Print(ios *cli.IO, rep *Report) error {
	type summary struct {
		Files    int `json:"files"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
	}
	out := struct {
		Findings []Finding `json:"findings"`
		Summary  summary   `json:"summary"`
	}{Findings: rep.Findings, Summary: summary{rep.Files, rep.Errors, rep.Warnings}}
	if out.Findings == nil {
		out.Findings = []Finding{} // always an array, never null
	}
	return cli.WriteJSON(ios.Out, out)
}
