package validate

import (
	"bytes"
	"fmt"
	"strings"
)

// Rules that hold entries to what the MDX compiler accepts (mdx.go).
const (
	// RuleMDXSyntax: the compiler would reject the file.
	RuleMDXSyntax = "mdx-syntax"
	// RuleMDXExpression: an {expression} reads a name nothing defines,
	// which fails when the page renders.
	RuleMDXExpression = "mdx-expression"
)

func init() {
	DefaultSeverity[RuleMDXSyntax] = SeverityError
	DefaultSeverity[RuleMDXExpression] = SeverityWarning
}

// mdx reports the first place the MDX compiler would stop at, or else the
// expressions that read undefined names.
func (c *checker) mdx() {
	err, undefined := checkMDX(c.doc.Src)
	if err != nil {
		c.at(inText(c.doc.Src, err.off), RuleMDXSyntax, "%s", err.msg)
		return
	}
	for _, u := range undefined {
		names := "`" + strings.Join(u.free, "`, `") + "`"
		c.at(u.off, RuleMDXExpression, "%s", fmt.Sprintf(
			"this {expression} reads %s, which the page does not define, so it fails when the page renders; write `\\{` for a literal brace, put the text in backticks, or define it with `export const %s = …`",
			names, u.free[0]))
	}
}

// MDXSyntax returns the first MDX syntax error of src as "line:col: message"
// ("" when the MDX compiler would accept it). new and draft use it to
// refuse text that would break the page.
func MDXSyntax(src []byte) (line, col int, msg string) {
	err, _ := checkMDX(src)
	if err == nil {
		return 0, 0, ""
	}
	doc := Parse(src, nil)
	line, col = doc.Position(inText(src, err.off))
	return line, col, err.msg
}

// inText places an error found at "the end of the text" of a file that
// ends with a newline at the end of its last line: past the newline there
// is no line (LastLine), so a finding there would point outside the file.
func inText(src []byte, off int) int {
	if n := len(src); off >= n && n > 0 && src[n-1] == '\n' {
		return n - 1
	}
	return off
}

// EscapeMDX makes prose safe to write into an entry: each `<` or `{` that
// the MDX compiler would read as a broken tag or expression (or as an
// expression reading undefined names) gets a backslash, so it shows as
// typed. Valid MDX (components, code spans and fences) is left as it is.
// A line the compiler reads as an import or export cannot be escaped; the
// error says which and how to reword it.
func EscapeMDX(text string) (string, error) {
	b := []byte(text)
	changed := false
	for range len(b) + 1 { // each round escapes one more character
		err, uses := checkMDX(b)
		at := -1
		switch {
		case err != nil && err.start >= 0 && err.start < len(b) && (b[err.start] == '<' || b[err.start] == '{'):
			at = err.start
		case err != nil:
			line := 1 + bytes.Count(b[:min(err.off, len(b))], []byte("\n"))
			return "", fmt.Errorf("line %d: %s", line, err.msg)
		case len(uses) > 0:
			at = uses[0].off
		case changed && bytes.ContainsAny(b, "*_~"):
			// The checker does not see emphasis as a level tags must
			// nest in, so prose that needed escaping and has emphasis is
			// made all text.
			return escapeAll(b), nil
		default:
			return string(b), nil
		}
		changed = true
		b = append(b[:at], append([]byte{'\\'}, b[at:]...)...)
	}
	return string(b), nil
}

// escapeAll puts a backslash before every `<` and `{` outside code that
// could start a tag or an expression.
func escapeAll(b []byte) string {
	var out []byte
	var fenceChar byte
	fenceLen := 0
	for i := 0; i < len(b); {
		next := lineEnd(b, i)
		line := b[i:next]
		rest := bytes.TrimLeft(line, " \t")
		if fenceLen > 0 {
			if c, n := fenceRun(rest); c == fenceChar && n >= fenceLen && isBlank(trimEOL(rest[n:])) {
				fenceLen = 0
			}
			out = append(out, line...)
			i = next
			continue
		}
		if c, n := fenceRun(rest); n >= 3 && (c == '~' || bytes.IndexByte(rest[n:], '`') < 0) {
			fenceChar, fenceLen = c, n
			out = append(out, line...)
			i = next
			continue
		}
		for k := 0; k < len(line); k++ {
			switch c := line[k]; {
			case c == '\\' && k+1 < len(line):
				out = append(out, c, line[k+1])
				k++
				continue
			case c == '`':
				n := runOf(line, k, '`')
				if e := closingRun(line, k+n, n); e >= 0 {
					out = append(out, line[k:e+n]...)
					k = e + n - 1
					continue
				}
				out = append(out, line[k:k+n]...)
				k += n - 1
				continue
			case c == '{' || c == '<':
				out = append(out, '\\')
			}
			out = append(out, line[k])
		}
		i = next
	}
	return string(out)
}
