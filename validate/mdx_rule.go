package validate

import (
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
		c.at(err.off, RuleMDXSyntax, "%s", err.msg)
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
	line, col = doc.Position(err.off)
	return line, col, err.msg
}
