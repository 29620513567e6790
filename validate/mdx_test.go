package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Without node: the rule's positions and messages on the constructs the
// issue names (the differential test checks the verdicts against the
// compiler).
func TestMDXSyntaxFindings(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		want      string // part of the message; "" means accepted
	}{
		{"Locks are keyed by {name} and expire after <timeout> seconds.\n", 1, 44, "`<timeout>` opens a JSX element that is not closed"},
		{"when x <5\n", 1, 9, "write `\\<` or `&lt;`"},
		{"<Info>\nhi\n", 1, 1, "`<Info>` is never closed; add `</Info>`"},
		{"a<br>b\n", 1, 2, "(`<br />`)"},
		{"<!-- c -->\n", 1, 2, "write `{/* comment */}`"},
		{"see <https://x.com>\n", 1, 12, "autolink"},
		{"import x\n", 1, 1, "a line starting with `import `"},
		{"{user id}\n", 1, 1, "`{user id}` is not one"},
		{"a { b\n", 1, 3, "never closed with `}`"},
		{"---\ntitle: x\n---\r\n\r\nx <b\r\n", 5, 5, "MDX reads `<b`"},
		{"\ufeffa <1\n", 1, 4, "found \"1\" before name"},
		{"a < b and a } b, `<x>` and\n\n```\n<y {\n```\n", 0, 0, ""},
		{"    indented <b/>\n", 0, 0, ""},
	}
	for _, tt := range tests {
		line, col, msg := MDXSyntax([]byte(tt.src))
		if tt.want == "" {
			if msg != "" {
				t.Errorf("%q: want no finding, got %d:%d %s", tt.src, line, col, msg)
			}
			continue
		}
		if line != tt.line || col != tt.col || !strings.Contains(msg, tt.want) {
			t.Errorf("%q: got %d:%d %q, want %d:%d containing %q", tt.src, line, col, msg, tt.line, tt.col, tt.want)
		}
	}
}

func TestMDXExpressionUndefined(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"Keyed by {name}.\n", []string{"name"}},
		{"export const name = 'x'\n\nKeyed by {name}.\n", nil},
		{"import {Name} from './n'\n\n{Name}\n", nil},
		{"{Math.max(1, 2)} {props.title} {/* note */} {'text'}\n", nil},
		{"<Card title={title} />\n", []string{"title"}},
		{"{[1, 2].map((n) => n * k)}\n", []string{"k"}},
	}
	for _, tt := range tests {
		err, uses := checkMDX([]byte(tt.src))
		if err != nil {
			t.Fatalf("%q: %s", tt.src, err.msg)
		}
		var got []string
		for _, u := range uses {
			got = append(got, u.free...)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: undefined %v, want %v", tt.src, got, tt.want)
		}
	}
}

// BenchmarkCheckMDX is the mdx-syntax check of one realistic entry alone;
// compare with BenchmarkParse (the model every other rule reads):
// go test ./validate -run '^$' -bench 'CheckMDX|Parse$' -count 6
func BenchmarkCheckMDX(b *testing.B) {
	src := benchEntry(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		checkMDX(src)
	}
}

func BenchmarkParse(b *testing.B) {
	src := benchEntry(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Parse(src, nil)
	}
}

func benchEntry(b *testing.B) []byte {
	src, err := os.ReadFile(filepath.Join("testdata", "repo", "handbook", "engineering", "backend-development", "task-debouncing.mdx"))
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// FuzzMDX: the checker never panics, and whatever EscapeMDX returns passes
// the checker (go test ./validate -run '^$' -fuzz FuzzMDX -fuzztime 30s).
func FuzzMDX(f *testing.F) {
	for _, c := range mdxHandCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkMDX([]byte(src))
		out, err := EscapeMDX(src)
		if err != nil {
			return
		}
		if e, uses := checkMDX([]byte(out)); e != nil || len(uses) > 0 {
			t.Fatalf("EscapeMDX(%q) = %q, which still fails: %v %v", src, out, e, uses)
		}
	})
}
