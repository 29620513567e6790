package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/handbook-dev/handbook/templates"
)

func headingsOf(d *Document) []string {
	var out []string
	for _, s := range d.Sections {
		out = append(out, strings.Repeat("#", s.Level)+" "+s.Heading)
	}
	return out
}

func paragraphsOf(d *Document) []string {
	var out []string
	for _, p := range d.Paragraphs {
		out = append(out, p.Text)
	}
	return out
}

// TestMDXIsNeverMarkdown: nothing inside JSX, MDX comments, ESM or code is
// read as a heading or as prose.
func TestMDXIsNeverMarkdown(t *testing.T) {
	cases := []struct {
		name       string
		src        string
		headings   []string
		paragraphs []string
	}{
		{"JSX block with blank lines", "<Info>\n  Note.\n\n# not a heading\n\n## nor this\n</Info>\n\n## Real\n\nText.\n", []string{"## Real"}, []string{"Text."}},
		{"nested JSX of the same name", "<Tabs>\n<Tab title=\"a\">\n\n# a\n</Tab>\n<Tabs>\n\n# b\n</Tabs>\n\n# c\n</Tabs>\nafter\n", nil, []string{"after"}},
		{"self-closing multi-line JSX", "<Card\n  title=\"x\"\n\n  href=\"/y\"\n/>\n# h\n", []string{"# h"}, nil},
		{"expression holding >", "<Card href={a > b ? \"x\" : \"y\"}>\n\n# inside\n</Card>\n", nil, nil},
		{"lower-case HTML block", "<div>\n\n# inside\n\n</div>\n\n# outside\n", []string{"# outside"}, nil},
		{"void element", "<br>\n\n# after\n", []string{"# after"}, nil},
		{"fragment", "<>\n\n# inside\n</>\n", nil, nil},
		{"unclosed JSX ends at a blank line", "<Info>\n# inside\n\n# outside\n\nText.\n", []string{"# outside"}, []string{"Text."}},
		{"inline JSX starting a paragraph is prose", "<Tooltip tip=\"x\">Debouncing</Tooltip> merges calls.\n\n<Badge>New</Badge>\n", nil, []string{"<Tooltip tip=\"x\">Debouncing</Tooltip> merges calls."}},
		{"autolink is prose", "<https://example.com>\n", nil, []string{"<https://example.com>"}},
		{"MDX comment one line", "{/* # not a heading */}\n\nText {/* aside */} more.\n", nil, []string{"Text " + strings.Repeat(" ", len("{/* aside */}")) + " more."}},
		{"MDX comment multi-line", "{/*\n# not a heading\n\n## nor this\n*/}\n## Real\n", []string{"## Real"}, nil},
		{"unclosed MDX comment stays text", "{/* oops\n\n## Real\n", []string{"## Real"}, []string{"{/* oops"}},
		{"ESM lines", "import { Tabs } from \"/snippets/tabs.mdx\"\nexport const meta = {\n  # not: \"a heading\"\n}\n\nText.\n", nil, []string{"Text."}},
		{"fenced code with comments", "```python\n# a comment\n## another\n<Info>\n{/* x\n```\n\n## Real\n", []string{"## Real"}, nil},
		{"longer fence closes only on its own length", "````md\n```\n# inside\n````\n# outside\n", []string{"# outside"}, nil},
		{"indented code with comments", "Text.\n\n    # a comment\n    x = 1\n\n## Real\n", []string{"## Real"}, []string{"Text."}},
		{"JSX inside code is code", "```jsx\n<Info>\n```\n\n## Real\n", []string{"## Real"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := Parse([]byte("---\ntitle: x\n---\n"+tc.src), nil)
			if got := headingsOf(d); !slices.Equal(got, tc.headings) {
				t.Errorf("headings %q, want %q", got, tc.headings)
			}
			if got := paragraphsOf(d); !slices.Equal(got, tc.paragraphs) {
				t.Errorf("paragraphs %q, want %q", got, tc.paragraphs)
			}
		})
	}
}

// TestSectionModel checks what drafting relies on: heading, level, matched
// template section, line range, offsets and the empty/placeholder flags.
func TestSectionModel(t *testing.T) {
	src := "---\ntitle: x\n---\n\nSummary.\n\n## When to use retries\n\n" + templates.TodoComment("When to use this concept") +
		"\n\n## Notes\n\n### Detail\n\nText.\n\n## How it works\n"
	d := Parse([]byte(src), templates.Sections(templates.BackendDevelopment))
	type sec struct {
		Heading          string
		Level            int
		Template         string
		Start, End       int
		Empty, Todo      bool
		HeadText, BodyTx string
	}
	var got []sec
	for _, s := range d.Sections {
		got = append(got, sec{s.Heading, s.Level, s.Template, s.StartLine, s.EndLine, s.Empty, s.Placeholder,
			src[s.HeadingStart:s.HeadingEnd], strings.TrimSpace(src[s.BodyStart:s.BodyEnd])})
	}
	want := []sec{
		{"When to use retries", 2, "When to use this concept", 7, 10, true, true, "## When to use retries\n", templates.TodoComment("When to use this concept")},
		{"Notes", 2, "", 11, 16, false, false, "## Notes\n", "### Detail\n\nText."},
		{"Detail", 3, "", 13, 16, false, false, "### Detail\n", "Text."},
		{"How it works", 2, "How it works", 17, 17, true, false, "## How it works\n", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("sections\n got %+v\nwant %+v", got, want)
	}
	if d.Summary == nil || d.Summary.Text != "Summary." || d.Summary.Line != 5 {
		t.Errorf("summary %+v", d.Summary)
	}
}

// TestPositions: lines and columns point at the original file, whatever its
// byte order mark and line endings.
func TestPositions(t *testing.T) {
	for _, tc := range []struct{ name, bom, eol string }{{"LF", "", "\n"}, {"CRLF", "", "\r\n"}, {"BOM", "\xef\xbb\xbf", "\n"}, {"BOM CRLF", "\xef\xbb\xbf", "\r\n"}} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.bom + strings.Join([]string{"---", "title: \"Tâche\"", "description: \"d\"", "extra: 1", "---", "", "Summary.", "", "#### Déjà vu", "", "Text.", ""}, tc.eol)
			d := Parse([]byte(src), nil)
			c := &checker{doc: d}
			c.frontmatter(knownKeys)
			c.headings()
			want := []Finding{
				{Line: 4, Column: 1, Rule: RuleFrontmatterUnknownKey},
				{Line: 9, Column: 1, Rule: RuleHeadingIncrement},
			}
			var got []Finding
			for _, f := range c.out {
				got = append(got, Finding{Line: f.Line, Column: f.Column, Rule: f.Rule})
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
			if s := d.Sections; len(s) != 1 || s[0].Heading != "Déjà vu" {
				t.Errorf("sections %+v", s)
			}
			if line, col := d.Position(strings.Index(src, "âche")); line != 2 || col != 10 {
				t.Errorf("position of âche: %d:%d, want 2:10", line, col)
			}
		})
	}
}

func TestMatchHeading(t *testing.T) {
	for _, tc := range []struct {
		tmpl, heading string
		want          bool
	}{
		{"When to use this concept", "When to use task debouncing", true},
		{"When to use this concept", "When to use", true},
		{"When to use this concept", "when to use?", true},
		{"When to use this concept", "When not to use", false},
		{"How it works", "How it works under the hood", true},
		{"How it works", "How it worked", false},
		{"How this concept works", "How debouncing works in detail", true},
		{"How this concept works", "How works", true},
		{"How this concept works", "How debouncing fails", false},
		{"How to use this concept", "How to use `debounce_key`", true},
		{"How to use this concept", "How it works", false},
	} {
		if got := MatchHeading(tc.tmpl, tc.heading); got != tc.want {
			t.Errorf("MatchHeading(%q, %q) = %v, want %v", tc.tmpl, tc.heading, got, tc.want)
		}
	}
}

// FuzzHeadingWords: the ASCII fast path of headingWords splits as the
// general one (FieldsFunc over the lower-cased heading) does.
func FuzzHeadingWords(f *testing.F) {
	for _, s := range []string{"", "When to use this concept", "How to use `debounce_key`", "  --x--  ", "ÉTÉ à Paris", "a1b2 C3_d", "Ünïcode and ascii", "\x00\x7f", "x\u00a0y", "HOW IT WORKS?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if got := headingWords(s); !slices.Equal(got, want) {
			t.Fatalf("headingWords(%q) = %q, want %q", s, got, want)
		}
	})
}

// The cache of heading words answers as headingWords does, found or not,
// and stays within its bound.
func TestHeadingWordsCache(t *testing.T) {
	var c headingWordsCache
	for round := range 2 {
		for i := range maxCachedHeadings + 10 {
			h := fmt.Sprintf("When to use Case %d, the ÉTÉ one", i%(maxCachedHeadings/2+round*maxCachedHeadings))
			if got, want := c.words(h), headingWords(h); !slices.Equal(got, want) {
				t.Fatalf("words(%q) = %q, want %q", h, got, want)
			}
			if len(c) > maxCachedHeadings {
				t.Fatalf("the cache holds %d headings, past %d", len(c), maxCachedHeadings)
			}
		}
	}
}

func TestFenceEndLine(t *testing.T) {
	src := "# x\n\n```python\n# a comment\nx = 1\n```\n\n~~~\n~~~\n\n```\nnever closed\n"
	doc := Parse([]byte(src), nil)
	var got []string
	for _, f := range doc.Fences {
		got = append(got, fmt.Sprintf("%d-%d", f.Line, f.EndLine))
	}
	if strings.Join(got, ",") != "3-6,8-9,11-12" {
		t.Errorf("fences = %v", got)
	}
}

// MDX shows `{/* … */}` inside inline code as text, so it is no comment:
// an entry that explains the todo marker is not a placeholder.
func TestCommentSyntaxInInlineCodeIsText(t *testing.T) {
	src := "Write `{/* handbook:todo: … */}` where a section is unwritten, and ``{/* x */}`` too.\n{/* real */} and `{/* not */}`\n"
	doc := Parse([]byte(src), nil)
	var got []string
	for _, c := range doc.Comments {
		got = append(got, c.Text)
	}
	if strings.Join(got, "|") != "real" {
		t.Errorf("comments = %q, want only the real one", got)
	}
	for _, tc := range []struct {
		line string
		pos  int
		want bool
	}{
		{"a `b` c", 3, true}, {"a `b` c", 5, false}, {"``a ` b``", 4, true}, {"`unclosed {/*", 10, false},
	} {
		if got := inCodeSpan([]byte(tc.line), tc.pos); got != tc.want {
			t.Errorf("inCodeSpan(%q, %d) = %v", tc.line, tc.pos, got)
		}
	}
}

// Code in JSX blocks (Mintlify's <CodeGroup>) is code too: its fences are in
// the model, with their language and lines.
func TestFencesInsideJSX(t *testing.T) {
	src := "## How to use\n\n<CodeGroup>\n\n```python lock.py\nwith lock:\n    pass\n```\n\n```\nno language\n```\n</CodeGroup>\n"
	doc := Parse([]byte(src), nil)
	var got []string
	for _, f := range doc.Fences {
		got = append(got, fmt.Sprintf("%d-%d:%s", f.Line, f.EndLine, f.Language))
	}
	if strings.Join(got, ",") != "5-8:python,10-12:" {
		t.Errorf("fences = %v", got)
	}
}
