package validate

import (
	"reflect"
	"slices"
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

// reuseDocs are documents whose paragraphs and tight lists sit in
// different places of the tree, so that a node reused from one parse to
// the next lands somewhere else.
var reuseDocs = []string{
	"a\n\nb\n\n- c\n- d\n\ne\n",
	"- a\n- b\n\n  c\n- d\n",
	"> a\n>\n> - b\n> - c\n\nd\n\n1. e\n2. f\n   g\n",
	"# h\n\n- a\n  - b\n  - c\n- d\n\ne\n\nf\n===\n",
	"x\n\n- y\n\n- z\n\n  w\n",
	"---\ntitle: t\n---\n\np\n\n## When to use this concept\n\n- a\n- b\n\n```go\nx\n```\n\nq\n",
}

// TestReusedNodes parses documents one after another, in both orders and
// twice, and compares each model with goldmark's own parsers': nodes that
// reusedParagraphs and reusedTextBlocks give out again must carry nothing
// of the tree they were in.
func TestReusedNodes(t *testing.T) {
	sections := []string{"When to use this concept"}
	backward := slices.Clone(reuseDocs)
	slices.Reverse(backward)
	var order []string
	for range 2 {
		order = append(append(order, reuseDocs...), backward...)
	}
	for i, src := range order {
		got := Parse([]byte(src), sections)
		want := parseWith(inlineParser, []byte(src), sections)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("parse %d: models differ for %q:\nreused: %+v\nfresh:  %+v", i, src, got, want)
		}
	}
}

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

// A reused goldmark context holds nothing of the parse before: every
// key's value is cleared (the list parser keeps a position cache in one),
// and the offsets are back to NewContext's.
func TestReusedContextIsCleared(t *testing.T) {
	tab := new(paragraphTable)
	pc := tab.context()
	for k := parser.ContextKey(0); k <= parser.ContextKeyMax; k++ {
		pc.Set(k, k)
	}
	pc.SetBlockOffset(7)
	pc.SetBlockIndent(3)
	pc = tab.context()
	for k := parser.ContextKey(0); k <= parser.ContextKeyMax; k++ {
		if v := pc.Get(k); v != nil && k != paragraphTableKey {
			t.Errorf("key %d holds %v after reuse", k, v)
		}
	}
	if pc.Get(paragraphTableKey) != tab || pc.BlockOffset() != -1 || pc.BlockIndent() != -1 || len(pc.OpenedBlocks()) != 0 {
		t.Errorf("reused context: table %v, offset %d, indent %d, open blocks %d", pc.Get(paragraphTableKey), pc.BlockOffset(), pc.BlockIndent(), len(pc.OpenedBlocks()))
	}
}
