package validate

import (
	"strings"
	"testing"
)

func TestDeepNesting(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		found bool
		line  int // 1-based line of the finding
	}{
		{"quotes on one line", "x\n" + strings.Repeat(">", 33) + " q\n", true, 2},
		{"32 quotes are fine", strings.Repeat(">", 32) + " q\n", false, 0},
		{"bullets on one line", strings.Repeat("- ", 40) + "x\n", true, 1},
		{"numbered", strings.Repeat("1. ", 40) + "x\n", true, 1},
		{"indented list", nestedList(200), true, 65},
		{"indentation in a fence is code", "```py\n" + strings.Repeat(" ", 400) + "x\n```\n", false, 0},
		{"after the fence it counts", "```\n```\n" + strings.Repeat(" ", 400) + "- x\n", true, 3},
		{"many lines near the limit", strings.Repeat(strings.Repeat("> ", 30)+"x\n", 4000), true, 3334},
		{"prose", strings.Repeat("Some words - and * stars.\n", 10000), false, 0},
		{"too many lines", strings.Repeat("## h\n", MaxBodyLines+5), true, MaxBodyLines + 1},
		{"too many braces", strings.Repeat("{a} {b}\n", MaxExpressions), true, MaxExpressions/2 + 1},
		{"braces in fences are code", "```js\n" + strings.Repeat("{a} {b}\n", MaxExpressions) + "```\n", false, 0},
	}
	for _, tt := range tests {
		off, _, limit := deepNesting([]byte(tt.src), 0)
		found := limit != 0
		line := 0
		if found {
			line = 1 + strings.Count(tt.src[:off], "\n")
		}
		if found != tt.found || line != tt.line {
			t.Errorf("%s: found=%v line %d, want %v line %d", tt.name, found, line, tt.found, tt.line)
		}
	}
}

func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

// The linter reports absurd nesting as a finding and skips the body; the
// frontmatter rules still run (issue 8, item 14).
func TestLintDeepNesting(t *testing.T) {
	l := testLinter(t)
	src := "---\ntitle: \"x\"\n---\n\nSummary.\n\n" + strings.Repeat(">", 100_000) + " x\n"
	fs := l.File("deep.mdx", []byte(src))
	var rules []string
	for _, f := range fs {
		rules = append(rules, f.Rule)
	}
	got := strings.Join(rules, ",")
	if !strings.Contains(got, RuleNestingDepth) || !strings.Contains(got, RuleDescriptionMissing) || strings.Contains(got, RuleSectionMissing) {
		t.Errorf("rules = %s; want nesting-depth and description-missing, no section rules", got)
	}
}

// BenchmarkLint1MB lints 1 MB inputs built to be slow to parse; with the
// nesting bound each is a linear scan (go test ./validate -bench Lint1MB).
func BenchmarkLint1MB(b *testing.B) {
	hdr := "---\ntitle: \"x\"\ndescription: \"d\"\n---\n\nSummary.\n\n"
	fill := func(unit string) []byte { return []byte(hdr + strings.Repeat(unit, (1<<20)/len(unit))) }
	inputs := map[string][]byte{
		"quotes":               []byte(hdr + strings.Repeat(">", 1<<20) + " x\n"),
		"bullets":              []byte(hdr + strings.Repeat("- ", 1<<19) + "x\n"),
		"nested-list":          []byte(hdr + nestedList(1000)),
		"31-quotes":            fill(strings.Repeat(">", 31) + " x\n"),
		"31-bullets":           fill(strings.Repeat("- ", 31) + "x\n"),
		"prose":                fill("Some prose with `code` and *emphasis* and [links](http://x).\n\n"),
		"headings":             fill("## h\n"),
		"empty-fences":         fill("```\n"),
		"paragraphs":           fill("a\n\n"),
		"expressions":          fill("{a}\n"),
		"expressions-per-line": fill(strings.Repeat("{a} ", 12) + "\n\n"),
		"inline-code":          fill("`a` `b` `c` `d`\n"),
	}
	l := testLinter(b)
	for name, src := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				l.File("x.mdx", src)
			}
		})
	}
}

func testLinter(tb testing.TB) *Linter {
	tb.Helper()
	ws := testWorkspace(tb, "")
	l, err := New(ws)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}
