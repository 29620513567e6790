package validate

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"
	"gopkg.in/yaml.v3"
)

// The goldmark frontmatter extension, which Parse used before it found and
// blanked the frontmatter itself, is the oracle here for where the
// frontmatter ends and how the rest is read (a test dependency only: it
// links a TOML library into the binary). Where the fences themselves are,
// the MDX compiler is the oracle (TestFrontmatterMatchesCompiler): the
// extension opens on "----" and not on "---  ", Mintlify the other way.
var extensionParser = parser.NewParser(
	parser.WithBlockParsers(append(parser.DefaultBlockParsers(),
		util.Prioritized(&frontmatter.Parser{Formats: []frontmatter.Format{frontmatter.YAML}}, 0))...),
	parser.WithInlineParsers(),
)

var plainParser = parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...), parser.WithInlineParsers())

// FuzzFrontmatterAsTheExtension: for every input, the frontmatter Parse
// finds is the one the extension collects (the same YAML, decoded to the
// same node or the same error), and goldmark reads the rest of the file
// into the same blocks at the same offsets whether the extension takes the
// frontmatter's lines or they are blanked.
func FuzzFrontmatterAsTheExtension(f *testing.F) {
	addEntrySeeds(f)
	for _, s := range []string{
		"---\ntitle: x\n---\na\n", "---\n---\n", "----\na: 1\n---\n----\n# h\n", "---\r\na: 1\r\n---\r\nb\r\n",
		"\xef\xbb\xbf---\na: 1\n---\n", "---\na: [1\n---\n## x\n", "---\n- a\n---\n", "---  \na: 1\n---\n", "--\na\n--\n",
		"---\na: 1\n---\nb\n---\n", "---\n  a: |\n    x\n---\n    code\n", "---\na: 1\n", "x\n---\na\n---\n",
		"\n---", "#\n---", ">---", " ---\na: 1\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if fencesDiffer(src) {
			return // TestFrontmatterMatchesCompiler judges these by the MDX compiler
		}
		d := &Document{Src: src}
		if bytes.HasPrefix(src, bom) {
			d.BOM = len(bom)
		}
		d.lines = lineStarts(src)
		body := append([]byte(nil), src[d.BOM:]...)
		from := d.parseFrontmatter(body)
		fm := d.Frontmatter
		if fm != nil && fm.EndLine == 0 {
			return // unclosed: Parse reads no further, whatever the extension does
		}

		pc := parser.NewContext()
		want := extensionParser.Parse(text.NewReader(bytes.Clone(body)), parser.WithContext(pc))
		data := frontmatter.Get(pc)
		if fm == nil && data != nil {
			// The extension opens a frontmatter at a dash line on the
			// first two lines counted after blank ones, in any container
			// ("#\n---", "\n---", ">---"), and drops the lines up to the
			// next one from the Markdown. A frontmatter starts at the
			// file's first byte; Parse reads those lines as Markdown.
			return
		}
		if (fm != nil) != (data != nil) {
			t.Fatalf("frontmatter found %v, by the extension %v", fm != nil, data != nil)
		}
		if fm != nil {
			var gotNode, wantNode yaml.Node
			gotErr := yaml.Unmarshal(src[fm.Start:fm.End], &gotNode)
			wantErr := data.Decode(&wantNode)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(gotNode, wantNode) {
				t.Fatalf("YAML %q: %v %+v, the extension's: %v %+v", src[fm.Start:fm.End], gotErr, gotNode, wantErr, wantNode)
			}
		}

		blankLines(body[:from])
		got := plainParser.Parse(text.NewReader(body))
		if g, w := dumpBlocks(got), dumpBlocks(want); g != w {
			t.Fatalf("blocks differ for %q:\nblanked:   %s\nextension: %s", src, g, w)
		}
	})
}

// fencesDiffer reports whether src has a line where Parse, which reads
// fences as MDX does ("---" and trailing blanks), and the extension ("---",
// "----", …, closed by the same count, nothing after) part ways: a first
// line of more dashes, or a "---" line with trailing blanks.
func fencesDiffer(src []byte) bool {
	for i, line := range bytes.Split(bytes.TrimPrefix(src, bom), []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if i == 0 && len(line) > 3 && len(bytes.Trim(line, "-")) == 0 {
			return true
		}
		if isFence(line) && len(line) > 3 {
			return true
		}
	}
	return false
}

// dumpBlocks writes a block tree as kinds and line segments.
func dumpBlocks(n ast.Node) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		b.WriteString(n.Kind().String())
		if n.Type() == ast.TypeBlock {
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				fmt.Fprintf(&b, " %d-%d", s.Start, s.Stop)
			}
		}
		if h, ok := n.(*ast.Heading); ok {
			fmt.Fprintf(&b, " level %d", h.Level)
		}
		b.WriteString(" (")
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
		b.WriteString(") ")
	}
	walk(n)
	return b.String()
}

// FuzzFlatFrontmatter checks that whatever flatFrontmatter reads, it reads
// as yaml.v3 does: the same nodes, tags, styles, lines and columns.
func FuzzFlatFrontmatter(f *testing.F) {
	for _, s := range []string{
		"title: \"Task debouncing\"\ndescription: \"Run a task once.\"\n",
		"title: Outbox\nsidebarTitle: 'The outbox'\nog:title: x\n", "title:  \"a\"  \nicon: bolt", "a: b\na: c\n",
		"title: true\n", "title: x # c\n", "title: a: b\n", "title: \"a\\\"b\"\n", "title: 'it''s'\n", "title: It's\n",
		"title: a]b}\n", "title: x:\n", "title:\n", "title: \"a\" b\n", "true: x\n", "a-b_c: d\n", "t: a,b\n",
		"title: nul\n", "title: NULL\n", "title: a #b\n", "title: a#b\n", "title: '\"'\n", "title: \"'\"\n", "x: y\n\n",
		strings.Repeat("k", 1100) + ": v\n", "on: yes\ny: n\nOff: No\n", "title: NaN\nx: Infinity\n", "a: b\n---\n", "a: b\n...\n",
		"a: b\n c\n", "a: b\n  c: d\n", "a: http://x.y/z?q=1&r=[2]\n", "a: b@c\n", "a: b|c\n", "a: b > c\n", "a: !b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, y []byte) {
		got := flatFrontmatter(y)
		if got == nil {
			return
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(y, &doc); err != nil {
			t.Fatalf("flatFrontmatter read %q, which yaml.v3 rejects: %v", y, err)
		}
		if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
			t.Fatalf("flatFrontmatter read %q, which yaml.v3 reads as %+v", y, doc)
		}
		if want := doc.Content[0]; !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nflat:   %s\nyaml.v3: %s", y, dumpNode(got), dumpNode(want))
		}
	})
}

func dumpNode(n *yaml.Node) string {
	var sb strings.Builder
	for _, c := range append([]*yaml.Node{n}, n.Content...) {
		fmt.Fprintf(&sb, "\n  kind %d tag %s value %q style %d at %d:%d", c.Kind, c.Tag, c.Value, c.Style, c.Line, c.Column)
	}
	return sb.String()
}

// TestFileLineOf: YAML ends lines at a lone \r too, the file at \n only;
// an error's YAML line maps to the file line where it starts.
func TestFileLineOf(t *testing.T) {
	for _, tc := range []struct {
		raw   string
		yline int
		want  int
	}{
		{"a: 1\nb: 2\n", 2, 2},
		{"a: 1\r\nb: 2\r\n", 2, 2},
		{"\"0\r0000\n", 3, 2}, // FuzzLint's: the end of stream after a lone \r
		{"a\rb\rc\nd\n", 4, 2},
		{"a: 1\n", 9, 2}, // past the end: the line after the last
	} {
		if got := fileLineOf([]byte(tc.raw), tc.yline); got != tc.want {
			t.Errorf("fileLineOf(%q, %d) = %d, want %d", tc.raw, tc.yline, got, tc.want)
		}
	}
}
