package validate

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// The MDX compiler hands the inside of every {expression} and every
// import/export block to acorn. handbook hands them to
// github.com/tdewolff/parse/v2/js, a maintained ECMAScript parser in pure
// Go: a hand-written JavaScript grammar would be larger than the rest of the
// linter, and this one already agrees with acorn on what is JavaScript.
// It does not read JSX inside expressions ({<Icon />}); withoutJSX stands
// a literal in for each element before parsing.

// jsResult is the outcome of reading a piece of JavaScript.
type jsResult struct {
	ok  bool
	msg string // why not, in the parser's words
	// free are the names the code reads without declaring them (only for
	// expressions that parsed).
	free []string
}

// jsExpression checks the inside of {…} the way micromark-extension-mdx-
// expression does: empty (or only comments) is fine when allowEmpty, else
// it must be exactly one JavaScript expression.
func jsExpression(src []byte) jsResult {
	if jsEmpty(src) {
		return jsResult{ok: true}
	}
	if bytes.Contains(src, []byte("<!--")) {
		return jsResult{msg: htmlComment}
	}
	ast, err := js.Parse(parse.NewInput(bytes.NewReader(wrap("(", src, "\n)"))), js.Options{})
	if err != nil {
		if alt, ok := withoutJSX(src); ok {
			return jsExpression(alt)
		}
		return jsResult{msg: jsErrMsg(err)}
	}
	if len(ast.List) != 1 {
		return jsResult{msg: "more than one expression"}
	}
	st, ok := ast.List[0].(*js.ExprStmt)
	if !ok {
		return jsResult{msg: "not an expression"}
	}
	if _, ok := st.Value.(*js.GroupExpr); !ok {
		return jsResult{msg: "unexpected content after the expression"}
	}
	var free []string
	for _, v := range ast.BlockStmt.Scope.Undeclared {
		free = append(free, string(v.Data))
	}
	return jsResult{ok: true, free: free}
}

// jsSpread checks an attribute expression {…} of a JSX tag, which must be
// a single spread ({...props}). It returns a non-empty message when the
// expression parsed but is not a spread: the compiler stops there.
func jsSpread(src []byte) (res jsResult, notSpread string) {
	if bytes.Contains(src, []byte("<!--")) {
		return jsResult{msg: htmlComment}, ""
	}
	ast, err := js.Parse(parse.NewInput(bytes.NewReader(wrap("({", src, "\n})"))), js.Options{})
	if err != nil {
		if alt, ok := withoutJSX(src); ok {
			return jsSpread(alt)
		}
		return jsResult{msg: jsErrMsg(err)}, ""
	}
	var obj *js.ObjectExpr
	if len(ast.List) == 1 {
		if st, ok := ast.List[0].(*js.ExprStmt); ok {
			if g, ok := st.Value.(*js.GroupExpr); ok {
				obj, _ = g.X.(*js.ObjectExpr)
			}
		}
	}
	switch {
	case obj == nil:
		return jsResult{msg: "unexpected content after the expression"}, ""
	case len(obj.List) > 1:
		return jsResult{}, "only a single spread is supported"
	case len(obj.List) == 1 && !obj.List[0].Spread:
		return jsResult{}, "only a spread ({...props}) is allowed here"
	}
	return jsResult{ok: true}, ""
}

// jsModule checks an import/export block: it must parse as a module and
// hold only import and export statements. declared are the names it
// declares (imports, exported functions and variables). atEnd reports that
// the parser ran out of input, so the block may go on after a blank line.
func jsModule(src []byte, imported map[string]bool) (res jsResult, declared []string, atEnd bool) {
	if bytes.Contains(src, []byte("<!--")) {
		// Annex B's HTML-like comments, which this parser allows and
		// modules do not.
		return jsResult{msg: htmlComment}, nil, false
	}
	ast, err := js.Parse(parse.NewInput(bytes.NewReader(src)), js.Options{})
	if err != nil {
		// Components defined in the page return JSX:
		// export const Card = () => <div>…</div>.
		alt, ok, truncated := scanJSX(src)
		if truncated {
			// An element still open at the end of the block: the block
			// goes on after the blank line.
			return jsResult{msg: "a JSX element is not closed"}, nil, true
		}
		if ok {
			ast2, err2 := js.Parse(parse.NewInput(bytes.NewReader(alt)), js.Options{})
			if err2 == nil {
				ast, err = ast2, nil
			} else {
				err = err2
			}
		}
	}
	if err != nil {
		msg := jsErrMsg(err)
		return jsResult{msg: msg}, nil, strings.Contains(err.Error(), "EOF")
	}
	seen := map[string]bool{}
	for _, st := range ast.List {
		switch st := st.(type) {
		case *js.ImportStmt:
			names := [][]byte{st.Default}
			for _, a := range st.List {
				names = append(names, a.Binding)
			}
			for _, n := range names {
				if len(n) == 0 || string(n) == "*" {
					continue
				}
				if seen[string(n)] || imported[string(n)] {
					return jsResult{msg: fmt.Sprintf("`%s` is imported twice", n)}, nil, false
				}
				seen[string(n)] = true
			}
		case *js.ExportStmt:
		default:
			return jsResult{msg: "only import and export statements are allowed"}, nil, false
		}
	}
	for _, v := range ast.BlockStmt.Scope.Declared {
		declared = append(declared, string(v.Data))
	}
	for n := range seen {
		imported[n] = true
		declared = append(declared, n)
	}
	return jsResult{ok: true}, declared, false
}

func wrap(pre string, src []byte, post string) []byte {
	b := make([]byte, 0, len(pre)+len(src)+len(post))
	return append(append(append(b, pre...), src...), post...)
}

// jsErrMsg keeps the first line of a parse error ("unexpected id in
// expression"), without the position, which is in the wrapped source.
func jsErrMsg(err error) string {
	if pe, ok := err.(*parse.Error); ok {
		return pe.Message
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// htmlComment: Annex B's HTML-like comments, which this parser allows and
// acorn does not in modules.
const htmlComment = "`<!--` is not JavaScript"

// jsEmpty reports whether src holds only white space and comments.
func jsEmpty(src []byte) bool {
	for i := 0; i < len(src); {
		switch {
		case src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == '\f' || src[i] == '\v':
			i++
		case bytes.HasPrefix(src[i:], []byte("//")):
			k := bytes.IndexAny(src[i:], "\r\n")
			if k < 0 {
				// A line comment must end its line: otherwise the closing
				// brace is commented out.
				return false
			}
			i += k
		case bytes.HasPrefix(src[i:], []byte("/*")):
			k := bytes.Index(src[i+2:], []byte("*/"))
			if k < 0 {
				return false
			}
			i += 2 + k + 2
		default:
			return false
		}
	}
	return true
}

// withoutJSX replaces each JSX element of an expression ({<Icon />},
// {<b>x</b>}), which acorn-jsx reads and this parser does not, by `0`
// padded with spaces. ok is false when there is none, or one that is not a
// whole element.
func withoutJSX(src []byte) ([]byte, bool) {
	out, ok, _ := scanJSX(src)
	return out, ok
}

// scanJSX is withoutJSX that also reports an element still open at the
// end of src (truncated).
func scanJSX(src []byte) (out []byte, ok, truncated bool) {
	out = append([]byte(nil), src...)
	found := false
	for i := 0; i+1 < len(out); i++ {
		if out[i] != '<' || !(out[i+1] == '>' || isASCIILetter(out[i+1])) {
			continue
		}
		end := jsxElementEnd(out, i)
		if end == jsxTruncated {
			return nil, false, true
		}
		if end < 0 {
			return nil, false, false
		}
		out[i] = '0'
		for k := i + 1; k < end; k++ {
			if out[k] != '\n' {
				out[k] = ' '
			}
		}
		found = true
		i = end - 1
	}
	return out, found, false
}

// jsxTruncated: the element runs past the end of the text.
const jsxTruncated = -2

// jsxElementEnd returns the end of the JSX element starting at b[i] ('<'),
// or -1.
func jsxElementEnd(b []byte, i int) int {
	end, selfClosing, closing := jsxTagEnd(b, i)
	if end < 0 {
		return end
	}
	if closing {
		return -1
	}
	if selfClosing {
		return end
	}
	for p := end; p < len(b); {
		switch b[p] {
		case '<':
			if p+1 < len(b) && b[p+1] == '/' {
				e, _, _ := jsxTagEnd(b, p)
				return e
			}
			e := jsxElementEnd(b, p)
			if e < 0 {
				return e
			}
			p = e
		case '{':
			e := braceEnd(b, p)
			if e < 0 {
				return jsxTruncated
			}
			p = e
		case '}', '>':
			return -1
		default:
			p++
		}
	}
	return jsxTruncated
}

// jsxTagEnd reads a tag at b[i] ('<'), skipping quoted and {…} attribute
// values.
func jsxTagEnd(b []byte, i int) (end int, selfClosing, closing bool) {
	p := i + 1
	if p < len(b) && b[p] == '/' {
		closing = true
		p++
	}
	for ; p < len(b); p++ {
		switch b[p] {
		case '"', '\'':
			k := bytes.IndexByte(b[p+1:], b[p])
			if k < 0 {
				return jsxTruncated, false, false
			}
			p += 1 + k
		case '{':
			e := braceEnd(b, p)
			if e < 0 {
				return jsxTruncated, false, false
			}
			p = e - 1
		case '<', '}':
			return -1, false, false
		case '>':
			return p + 1, b[p-1] == '/', closing
		}
	}
	return jsxTruncated, false, false
}

// braceEnd returns the offset after the `}` matching b[i] ('{').
func braceEnd(b []byte, i int) int {
	depth := 0
	for p := i; p < len(b); p++ {
		switch b[p] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return p + 1
			}
		}
	}
	return -1
}

// jsGlobal reports a name an MDX expression may read without defining it:
// one of JavaScript's globals or the props MDX passes to the page. (A
// switch, not a map built at package init, which every command paid for.)
func jsGlobal(name string) bool {
	switch name {
	case "props", "undefined", "NaN", "Infinity", "globalThis",
		"Math", "JSON", "Date", "Number", "String", "Boolean",
		"Array", "Object", "Symbol", "BigInt", "RegExp", "Error",
		"Map", "Set", "Promise", "Intl", "parseInt", "parseFloat",
		"isNaN", "isFinite", "encodeURIComponent", "decodeURIComponent",
		"encodeURI", "decodeURI", "console", "window", "document":
		return true
	}
	return false
}
