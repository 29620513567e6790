package validate

import (
	"reflect"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// inlineParser is blockParser without hideInlineText: goldmark's inline
// phase reads every paragraph, as it does by default.
var inlineParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithInlineParsers(),
	parser.WithParagraphTransformers(),
)

// FuzzHiddenParagraphs checks that hiding paragraphs from goldmark's inline
// phase changes nothing in the model: tight and loose lists, setext
// headings (which take a paragraph's lines), quotes, tabs and CRLF.
func FuzzHiddenParagraphs(f *testing.F) {
	addEntrySeeds(f)
	for _, s := range []string{
		"a\nb\n", "  a  \n\tb \n", "a\n===\n", "a\nb\n---\n", "- a\n- b\n", "- a\n\n- b\n", "1. a\n   b\n2. c\n",
		"> a\n> b\n\n> c\n===\n", "- a\n  ---\n", "- \ta\n\t- b\n", "a\r\nb\r\n\r\n## c\r\n", "* a\n\n  b\n* c\n",
		"- a\n  > b\n  c\n", "a\n    b\n", "   a\n- b\nc\n", "a\n```\nb\n```\nc\n", "- - a\n  - b\n\n    c\n",
		"---\ntitle: x\n---\na\n", "<Note>\na\n</Note>\nb\n", "[a]: b\nc\n", "a  \nb\\\nc\n",
	} {
		f.Add([]byte(s))
	}
	sections := []string{"When to use this concept", "How to use this concept"}
	f.Fuzz(func(t *testing.T, src []byte) {
		got := Parse(src, sections)
		want := parseWith(inlineParser, src, sections)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("models differ for %q:\nhidden: %+v\ninline: %+v", src, got, want)
		}
	})
}
