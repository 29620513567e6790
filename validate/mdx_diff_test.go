package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The differential test: every case is compiled by the real MDX compiler
// (@mdx-js/mdx v3 with remark-frontmatter and remark-gfm, pinned by
// testdata/mdxc/package-lock.json; `npm ci` there installs it, as .ci/run
// does) in one node process, and mdx-syntax must accept exactly the cases
// the compiler accepts. Where the compiler stops at a malformed tag, the
// finding must be at the same line and column.

// mdxHandCases cover each construct the issue lists; one string a case.
var mdxHandCases = []string{
	// The report that started it.
	"Locks are keyed by {name} and expire after <timeout> seconds.\n",
	// `<` in prose.
	"when x <5\n", "a < b\n", "end <\n", "end < \n", "end <\nmore\n", "x <3 y\n", "x < 3\n", "$<\n",
	"a <1\n", "a <-\n", "a <!x\n", "a <?x\n", "*<*\n", "a<b />\n", "a\\<b\n", "&lt;b\n", "a <= b\n", "a<=b\n",
	"x <b\n/> y\n", "1 <2 and 3 > 2\n", "a -> b <- c\n", "List<String>\n", "Map<K, V>\n", "`List<String>`\n",
	// Stray braces.
	"a } b\n", "{a}}\n", "a { b\n", "a {\nb}\n", "a {b\n\nc}\n", "x {\n\ny}\n",
	// JSX flow.
	"<Info>\nhi\n", "<Info>\nhi\n</Info>\n", "<Info>hi</Info>\n", "<Note>\n\ntext\n\n</Note>\n", "<br>\n", "<br />\n",
	"<a>\n\n</b>\n", "<a></b>\n", "<a\nb=\"c\"\n/>\n", "<a\n\nb/>\n", "<a/> <b/>\n", "<a/>{1}\n", "{1}<a/>\n",
	"<b>\n- x\n</b>\n", "a\n<b>\nc\n", "a\n<b/>\nc\n", "a\n  <b>\nc</b>\n", "<a>\n\nx <b> y\n\n</a>\n",
	"<Steps>\n  <Step title=\"One\">\n    Do it.\n  </Step>\n</Steps>\n", "<CodeGroup>\n```js a.js\nlet a = 1 < 2\n```\n</CodeGroup>\n",
	"<Foo.Bar />\n", "<a:b />\n", "<>x</>\n", "<>\n\nx\n\n</>\n", "</a>\n", "<a>\n</a/>\n", "<a>\n</a b>\n",
	// JSX text.
	"a<br>b\n", "x </b>\n", "a <b>\nc</b>\n", "x <a></b> y\n", "<a />x\n", "<a /> x <b>\n", "text <a/> <b/>\n",
	"<b>x\n", "a <b c={1}>d</b>\n", "~~<a~~\n", "a <_x />\n", "a <$x />\n", "a <é />\n", "a <b-c />\n", "a <b.c.d />\n",
	"a <b.1 />\n", "a <b:c:d />\n", "press <kbd>Ctrl</kbd>+<kbd>C</kbd>\n", "H<sub>2</sub>O\n",
	// Attributes.
	"<a href=\"x\">y</a>\n", "<x y />\n", "<x y=1 />\n", "<x y='a' />\n", "<x {...p} />\n", "<a b=\"{\" />\n",
	"<a b={1 +} />\n", "<a b={} />\n", "<a {b} />\n", "<a {...b, ...c} />\n", "<a b={<c/>} />\n", "<a b=<c/> />\n",
	"<a b=\"x\ny\" />\n", "<a b=\"x />\n", "<a b:c=\"d\" />\n", "<a b:1 />\n", "<a b / >\n", "<a b /x>\n", "<a b=\"1\"c=\"2\" />\n",
	"<Card title=\"Locks\" icon=\"lock\" href=\"/backend-development/distributed-lock\">\n  Keyed by name.\n</Card>\n",
	// Expressions.
	"{name}\n", "{user id}\n", "{/* c */}\n", "{// x\n}\n", "{}\n", "{...}\n", "x {a}b\n", "{'}'}\n", "{`a${1}`}\n",
	"{a b}\n", "{1 +}\n", "{(}\n", "{1} {2}\n", "{1} x\n", "a\n{1}\nb\n", "a {'{'} b\n", "{x\n\ny}\n", "{a\n",
	"{<c/>}\n", "{1 + 2}\n", "{[1, 2].map((n) => n * 2)}\n", "{props.title}\n", "{Math.max(1, 2)}\n", "{a ? b : c}\n",
	"{/* unclosed }\n", "{'a'\n+ 'b'}\n", "{a}{b}\n", "The {{double}} braces\n", "{x => x}\n", "{function () {}}\n",
	// ESM.
	"import x\n", "export foo\n", "import {a} from 'b'\n", "export const a = 1\n\n{a}\n", "a\nimport x\n", "import{a} from 'b'\n",
	"export{a}\n", "  import x from 'y'\n", "export default function A() {\n\n  return 1\n}\n", "import a from 'a'\nimport b from 'b'\n",
	"import a from 'a'\nhello\n", "export const a = 1\n# h\n", "import a from 'a'\n\n{a}\n", "export const meta = {\n  a: 1,\n}\n",
	"Import the module first.\n", "import the module first\n", "export the data\n", "export  const a = 1\n",
	// Comments.
	"<!-- c -->\n", "a <!-- c --> b\n", "{/* a */} text {/* b */}\n", "{/*\nmulti\nline\n*/}\n", "<!---->\n",
	// Autolinks.
	"see <https://x.com>\n", "<https://example.com>\n", "mail <me@example.com>\n", "<mailto:me@example.com>\n",
	"see https://x.com\n", "[x](https://x.com)\n",
	// `<` and `{` in code.
	"`<x>` and `{y}`\n", "```\n<x {\n```\n", "~~~\n<x\n~~~\n", "    ```\n    <x\n    ```\n", "```js\n<x\n",
	"a\n\n```\n<x\n```\n\n<y\n", "x `a\n<b` y\n", "`` a ` <b ``\n", "``<x>``\n", "`a` <b `c`\n", "```ts\nconst a: Array<T> = {}\n```\n",
	"- item\n\n  ```python\n  if a < b: {\n  ```\n", "`{`\n", "`}`\n", "``` <x\n```\n",
	// Indented text (MDX has no indented code).
	"    indented\n", "    indented <b>\n", "\tindented <b>\n", "para\n\n    <x\n",
	// Containers, headings, tables, links.
	"- a <b>\n- c\n", "- a <b>\n  c</b>\n", "> a <b>\n> c</b>\n", "> a <b>\nc</b>\n", "a <b>\n> </b>\n", "# h <b>\n", "# h {x\n",
	"## When to use <this>\n", "Heading <b>\n---\n", "***\n<x\n", "a\n---\n<b\n", "| a | b |\n|---|---|\n| <x | y |\n",
	"| a |\n| - |\n| <b> |\n", "| a | <b> |\n| - | - |\n| x | </b> |\n", "| a | b |\n| - | - |\n| `a|b` | c |\n",
	"| a | b |\n| - | - |\n| x < y | {1} |\n", "[<x](y)\n", "[x](<y z>)\n", "[x](a<b)\n", "![<x](y)\n", "[x]: <a b>\n",
	"x\n[x]: <a b>\n", "[a] <b\n", "1. one <b>\n2. two\n", "- [ ] task <b/>\n",
	"- <b>\n- </b>\n", "- <b>\n\n  x\n\n  </b>\n", "- <b>\n</b>\n", "> <b>\n> </b>\n", "> <b>\n\n</b>\n", "<b>\n> x\n</b>\n",
	"- a\n  <b>\n  x\n  </b>\n- c\n", "1. <Note>\n   x\n   </Note>\n2. y\n", "- x\n  - <b>\n  - </b>\n",
	"- item\n{\n}\n", "- item\n{1}\n", "- item\n<a\nb/>\n", "> a\n{\n}\n", "- item\n\n{\n}\n", "- item\n  {\n  }\n",
	"- item\n  {\n}\n", "> a\n> {\n}\n", "- item\n<a>\nx\n</a>\n", "> a\n<a\n/>\n",
	// CRLF and BOM.
	"a\r\n<b>\r\n", "a\r\nb <c\r\n", "<a>\r\nx\r\n</a>\r\n", "x <b>\r\ny</b>\r\n", "\ufeffhello <b>x</b>\n", "\ufeff<b\n",
	"---\r\ntitle: x\r\n---\r\n\r\na <b\r\n", "\ufeff---\ntitle: x\n---\n\na <b\n", "---\ntitle: x\n---\n<b\n",
	"---\ntitle: \"a <b> {c}\"\n---\n\nok\n", "---\ntitle: x\n---\n\nimport a from 'a'\n",
}

// mdxGenCases builds cases from fragments of prose, code and MDX, joined
// at random (seeded, so the list is the same on every run).
func mdxGenCases(n int, seed uint64) []string {
	frags := []string{
		"text", "a < b", "x <5", "<b>", "</b>", "<br>", "<br />", "<Info>", "</Info>", "{name}", "{1}", "{a b}",
		"{", "}", "`<x>`", "`{y}`", "\\<", "\\{", "&lt;", "<https://x.io>", "<!-- c -->", "{/* c */}",
		"[l](u)", "**bold**", "<a href=\"x\">", "</a>", "<Tip />", "x <", "<>", "</>", "<a b=1>", "{'}'}",
		"<Note title=\"n\">", "</Note>", "{props.x}", "<kbd>K</kbd>", "List<T>", "a <= b", "`code`",
		"<a {...p} />", "<a b={} />", "<a b={1} />", "<Card title='t' />", "{x => x}", "{`t`}", "{[1, 2]}",
		"<a.b />", "<a:b />", "<a b />", "<1>", "</ a>", "<a/ >", "{/* x", "*/}", "\\", "``", "{' '}",
	}
	lines := []string{"", "", "# Heading", "- item", "> quote", "```", "import x from 'y'", "export const v = 1", "| a | b |", "|---|---|",
		"<Info>", "</Info>", "{", "}", "---", "1. one", "  indented", "<Steps>", "</Steps>", "~~~"}
	r := rand.New(rand.NewPCG(14, seed))
	out := make([]string, 0, n)
	for len(out) < n {
		var sb strings.Builder
		for range 1 + r.IntN(4) {
			if r.IntN(3) == 0 {
				sb.WriteString(lines[r.IntN(len(lines))])
				sb.WriteString("\n")
				continue
			}
			for k := range 1 + r.IntN(4) {
				if k > 0 {
					sb.WriteString(" ")
				}
				sb.WriteString(frags[r.IntN(len(frags))])
			}
			sb.WriteString("\n")
		}
		out = append(out, sb.String())
	}
	return out
}

type mdxVerdict struct {
	OK          bool   `json:"ok"`
	Frontmatter bool   `json:"frontmatter"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	Message     string `json:"message"`
}

// compileMDX runs the pinned compiler over every case in one process.
func compileMDX(t *testing.T, cases []string) []mdxVerdict {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("testdata", "mdxc"))
	ci := os.Getenv("CI") != ""
	skip := func(why string) {
		if ci {
			t.Fatalf("%s; CI must run the MDX differential test (.ci/run installs the compiler with npm ci)", why)
		}
		t.Skipf("%s: skipping the MDX differential test", why)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skip("node is not installed")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@mdx-js", "mdx")); err != nil {
		skip("the MDX compiler is not installed (run `npm ci` in validate/testdata/mdxc)")
	}
	in, _ := json.Marshal(cases)
	cmd := exec.Command(node, "oracle.mjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node oracle.mjs: %v\n%s", err, stderr.String())
	}
	var res []mdxVerdict
	if err := json.Unmarshal(out, &res); err != nil || len(res) != len(cases) {
		t.Fatalf("oracle output: %v (%d results for %d cases)", err, len(res), len(cases))
	}
	return res
}

func TestMDXSyntaxMatchesCompiler(t *testing.T) {
	cases := append(append([]string(nil), mdxHandCases...), mdxGenCases(400, 2026)...)
	// EscapeMDX's output for each case rides along in the same process:
	// the compiler must accept all of it.
	var escaped []string
	var escapedFrom []int
	for i, src := range cases {
		if out, err := EscapeMDX(src); err == nil && out != src {
			escaped = append(escaped, out)
			escapedFrom = append(escapedFrom, i)
		}
	}
	all := compileMDX(t, append(append([]string(nil), cases...), escaped...))
	want := all[:len(cases)]
	for k, v := range all[len(cases):] {
		if !v.OK {
			t.Errorf("EscapeMDX(%q) = %q, which the compiler rejects at %d:%d: %s", cases[escapedFrom[k]], escaped[k], v.Line, v.Column, v.Message)
		}
	}
	if len(escaped) < 100 {
		t.Errorf("only %d cases were escaped; the escaping check needs more", len(escaped))
	}
	bad, rejected := 0, 0
	for i, src := range cases {
		got, _ := checkMDX([]byte(src))
		w := want[i]
		if !w.OK {
			rejected++
		}
		kind := "generated"
		if i < len(mdxHandCases) {
			kind = "hand-written"
		}
		switch {
		case w.OK && got != nil:
			bad++
			t.Errorf("%s case %d %q: the compiler accepts it, mdx-syntax says: %s", kind, i, src, got.msg)
		case !w.OK && got == nil:
			bad++
			t.Errorf("%s case %d %q: the compiler rejects it at %d:%d (%s), mdx-syntax accepts it", kind, i, src, w.Line, w.Column, w.Message)
		case !w.OK && strings.HasPrefix(w.Message, "Unexpected character") && strings.Contains(w.Message, "name"):
			doc := Parse([]byte(src), nil)
			line, col := doc.Position(got.off)
			if line != w.Line || col != w.Column {
				bad++
				t.Errorf("%s case %d %q: the compiler stops at %d:%d (%s), mdx-syntax at %d:%d", kind, i, src, w.Line, w.Column, w.Message, line, col)
			}
		}
	}
	t.Logf("%d cases (%d hand-written), %d rejected by the compiler, %d disagreements; %d escaped by EscapeMDX", len(cases), len(mdxHandCases), rejected, bad, len(escaped))
	if rejected == 0 || rejected == len(cases) {
		t.Fatalf("the cases must include both accepted and rejected documents")
	}
	_ = fmt.Sprint
}

// TestFrontmatterMatchesCompiler: lint reads a frontmatter exactly where
// Mintlify's pipeline (remark-frontmatter) does. The fences are "---" with
// trailing blanks allowed; "----", an indented fence or an unclosed block
// open none.
func TestFrontmatterMatchesCompiler(t *testing.T) {
	cases := []string{
		"---\ntitle: x\n---\n\nhi\n", "---  \ntitle: x\n---\n\nhi\n", "---\ntitle: x\n---  \n\nhi\n",
		"--- \t\ntitle: x\n--- \n\nhi\n", "---\r\ntitle: x\r\n---\r\n\r\nhi\r\n", "--- \r\ntitle: x\r\n---\t\r\n",
		"----\ntitle: x\n----\n\nhi\n", "---\ntitle: x\n----\n\nhi\n", " ---\ntitle: x\n---\n\nhi\n",
		"---\ntitle: x\n ---\n\nhi\n", "---\ntitle: x\n--- x\n---\nhi\n", "---x\ntitle: x\n---\n", "---\n---\n",
		"---\ntitle: x\n", "\ufeff---\ntitle: x\n---\n", "\ufeff---  \ntitle: x\n---\n", "-- \ntitle: x\n--\n",
		"---\ntitle: x\n---\nbody\n---\n", "---\ntitle: x\n-- -\n---\n",
	}
	want := compileMDX(t, cases)
	for i, src := range cases {
		if !want[i].OK {
			t.Fatalf("case %q: the compiler rejects it (%s); a frontmatter case must compile", src, want[i].Message)
		}
		fm := Parse([]byte(src), nil).Frontmatter
		got := fm != nil && fm.EndLine > 0
		if got != want[i].Frontmatter {
			t.Errorf("%q: lint reads a frontmatter: %v; remark-frontmatter: %v", src, got, want[i].Frontmatter)
		}
	}
}
