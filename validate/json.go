package validate

import (
	"bufio"
	"strconv"
	"unicode/utf8"

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
		b = appendJSONString(b, f.Path)
		b = append(b, ",\n      \"line\": "...)
		b = strconv.AppendInt(b, int64(f.Line), 10)
		b = append(b, ",\n      \"column\": "...)
		b = strconv.AppendInt(b, int64(f.Column), 10)
		b = append(b, ",\n      \"severity\": "...)
		b = appendJSONString(b, string(f.Severity))
		b = append(b, ",\n      \"rule\": "...)
		b = appendJSONString(b, f.Rule)
		b = append(b, ",\n      \"message\": "...)
		b = appendJSONString(b, f.Message)
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
		b = appendJSONString(b, e.Path)
		b = append(b, ",\n      \"message\": "...)
		b = appendJSONString(b, e.Message)
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

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping off: quotes, backslashes and control characters escaped (\n,
// \r, \t by name, the others as \u00XX), invalid UTF-8 as \ufffd, and
// U+2028 and U+2029 escaped, which JavaScript reads as line ends.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
