package validate

import (
	"bufio"
	"strconv"

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

// Print writes rep.JSON() as cli.WriteJSON would (two-space indent, no
// HTML escaping), byte for byte, but field by field instead of through
// reflection: on a large section the report is thousands of findings. A
// field added to JSONReport must be added here too; the differential test
// against cli.WriteJSON fails until it is.
func (jsonPrinter) Print(ios *cli.IO, rep *Report) error {
	out := rep.JSON()
	w := bufio.NewWriterSize(ios.Out, 64<<10)
	var b []byte
	flush := func() error {
		_, err := w.Write(b)
		b = b[:0]
		return err
	}
	b = append(b, "{\n  \"findings\": ["...)
	for i, f := range out.Findings {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {\n      \"path\": "...)
		b = cli.AppendJSONString(b, f.Path)
		b = append(b, ",\n      \"line\": "...)
		b = strconv.AppendInt(b, int64(f.Line), 10)
		b = append(b, ",\n      \"column\": "...)
		b = strconv.AppendInt(b, int64(f.Column), 10)
		b = append(b, ",\n      \"severity\": "...)
		b = cli.AppendJSONString(b, string(f.Severity))
		b = append(b, ",\n      \"rule\": "...)
		b = cli.AppendJSONString(b, f.Rule)
		b = append(b, ",\n      \"message\": "...)
		b = cli.AppendJSONString(b, f.Message)
		b = append(b, "\n    }"...)
		if len(b) > 32<<10 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(out.Findings) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "],\n  \"errors\": ["...)
	for i, e := range out.Errors {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {\n      \"path\": "...)
		b = cli.AppendJSONString(b, e.Path)
		b = append(b, ",\n      \"message\": "...)
		b = cli.AppendJSONString(b, e.Message)
		b = append(b, "\n    }"...)
	}
	if len(out.Errors) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "],\n  \"summary\": {\n    \"files\": "...)
	b = strconv.AppendInt(b, int64(out.Summary.Files), 10)
	b = append(b, ",\n    \"errors\": "...)
	b = strconv.AppendInt(b, int64(out.Summary.Errors), 10)
	b = append(b, ",\n    \"warnings\": "...)
	b = strconv.AppendInt(b, int64(out.Summary.Warnings), 10)
	b = append(b, "\n  }\n}\n"...)
	if err := flush(); err != nil {
		return err
	}
	return w.Flush()
}
