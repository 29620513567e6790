package validate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/templates"
	"github.com/handbook-dev/handbook/workspace"
)

// testWorkspace makes a repository with a handbook, its docs.json and an
// empty section folder, and opens it.
func testWorkspace(t testing.TB, docsJSON string) *workspace.Workspace {
	t.Helper()
	root := t.TempDir()
	must(t, os.Mkdir(filepath.Join(root, ".git"), 0o755))
	must(t, os.MkdirAll(filepath.Join(root, "handbook", "engineering", "backend-development"), 0o755))
	if docsJSON != "" {
		must(t, os.WriteFile(filepath.Join(root, "handbook", "docs.json"), []byte(docsJSON), 0o644))
	}
	ws, err := workspace.Open(workspace.Options{Root: root})
	must(t, err)
	return ws
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// good is a complete entry shaped like a real one; each case below breaks
// it in one way.
const good = `---
title: "Task debouncing"
description: "Run a background task once for a burst of triggers."
---

Task debouncing collapses many triggers of the same task into one run.

## When to use task debouncing

When a webhook storm would otherwise enqueue the same task many times.

## How to use this concept

` + "```python" + `
# the key decides which calls collapse
@actor(debounce_key=lambda order_id: f"order:{order_id}")
async def update_order(order_id: UUID) -> None:
    ...
` + "```" + `

## How it works under the hood

The key is stored in Redis with a time to live.
`

func replace(old, new string) string {
	if !strings.Contains(good, old) {
		panic("fixture does not contain " + old)
	}
	return strings.Replace(good, old, new, 1)
}

// TestRules runs each rule on an entry that passes it and one that fails
// it; want lists the lines the rule must report, nothing else of that rule.
func TestRules(t *testing.T) {
	cases := []struct {
		name string
		rule string
		src  string
		want []int
	}{
		{"good entry", "", good, nil},
		{"frontmatter present", RuleFrontmatterMissing, good, nil},
		{"no frontmatter", RuleFrontmatterMissing, good[strings.Index(good, "\nTask")+1:], []int{1}},
		{"frontmatter valid", RuleFrontmatterInvalid, good, nil},
		{"frontmatter YAML error", RuleFrontmatterInvalid, replace(`description: "Run`, `description: [Run`), []int{3}},
		{"frontmatter never closed", RuleFrontmatterInvalid, "---\ntitle: x\n\n## When to use\n", []int{1}},
		{"frontmatter not a mapping", RuleFrontmatterInvalid, replace("title: \"Task debouncing\"\ndescription: \"Run a background task once for a burst of triggers.\"", "- a\n- b"), []int{2}},
		{"title present", RuleTitleMissing, good, nil},
		{"title absent", RuleTitleMissing, replace("title: \"Task debouncing\"\n", ""), []int{1}},
		{"title empty", RuleTitleMissing, replace(`title: "Task debouncing"`, `title: ""`), []int{2}},
		{"title null", RuleTitleMissing, replace(`title: "Task debouncing"`, `title:`), []int{2}},
		{"title not a string", RuleTitleMissing, replace(`title: "Task debouncing"`, `title: [a, b]`), []int{2}},
		{"description absent", RuleDescriptionMissing, replace("description: \"Run a background task once for a burst of triggers.\"\n", ""), []int{1}},
		{"description number", RuleDescriptionMissing, replace(`description: "Run a background task once for a burst of triggers."`, `description: 42`), []int{3}},
		{"description short", RuleDescriptionLength, good, nil},
		{"description 160", RuleDescriptionLength, replace(`"Run a background task once for a burst of triggers."`, `"`+strings.Repeat("é", 160)+`"`), nil},
		{"description 161", RuleDescriptionLength, replace(`"Run a background task once for a burst of triggers."`, `"`+strings.Repeat("é", 161)+`"`), []int{3}},
		{"known keys", RuleFrontmatterUnknownKey, replace("---\n", "---\nsidebarTitle: x\nicon: clock\n\"og:title\": x\nnoindex: true\n"), nil},
		{"unknown key", RuleFrontmatterUnknownKey, replace("---\n", "---\nauthor: me\n"), []int{2}},
		{"summary present", RuleSummaryMissing, good, nil},
		{"summary missing", RuleSummaryMissing, replace("Task debouncing collapses many triggers of the same task into one run.\n", ""), []int{7}},
		{"summary inside Info is not a summary", RuleSummaryMissing, replace("Task debouncing collapses many triggers of the same task into one run.", "<Info>\nTask debouncing.\n</Info>"), []int{10}},
		{"sections present", RuleSectionMissing, good, nil},
		{"sections short forms", RuleSectionMissing, replace("## When to use task debouncing", "## When to use"), nil},
		{"section punctuation and case", RuleSectionMissing, replace("## How it works under the hood", "## HOW IT WORKS: under the hood"), nil},
		{"section missing", RuleSectionMissing, replace("## How to use this concept", "## Usage"), []int{12}},
		{"section in a code fence is no section", RuleSectionMissing, replace("## How it works under the hood\n", "```text\n## How it works\n```\n"), []int{12}},
		{"section order", RuleSectionOrder, good, nil},
		{"section out of order", RuleSectionOrder, replace("## When to use task debouncing\n\nWhen a webhook storm would otherwise enqueue the same task many times.\n\n", "") + "\n## When to use\n\nText.\n", []int{21}},
		{"sections written", RuleSectionEmpty, good, nil},
		{"section with only Info is written", RuleSectionEmpty, replace("When a webhook storm would otherwise enqueue the same task many times.", "<Info>\n  Only a callout.\n</Info>"), nil},
		{"section with a subsection is written", RuleSectionEmpty, replace("When a webhook storm would otherwise enqueue the same task many times.", "### Webhooks\n\nText."), nil},
		{"section empty", RuleSectionEmpty, replace("When a webhook storm would otherwise enqueue the same task many times.\n", ""), []int{8}},
		{"section with only a comment is empty", RuleSectionEmpty, replace("When a webhook storm would otherwise enqueue the same task many times.", "{/* later */}"), []int{8}},
		{"no placeholder", RulePlaceholder, good, nil},
		{"placeholder title", RulePlaceholder, replace(`"Task debouncing"`, `"Title of the entry"`), []int{2}},
		{"placeholder description", RulePlaceholder, replace(`"Run a background task once for a burst of triggers."`, `"Short description of the entry"`), []int{3}},
		{"placeholder summary", RulePlaceholder, replace("Task debouncing collapses many triggers of the same task into one run.", "Summary of the concept you want to explain."), []int{6}},
		{"todo in empty section", RulePlaceholder, replace("When a webhook storm would otherwise enqueue the same task many times.", "{/* handbook:todo: In which situations does this concept help? */}"), []int{10}},
		{"todo left in written section", RulePlaceholder, replace("When a webhook storm would otherwise enqueue the same task many times.", "Text.\n\n{/* handbook:todo: x */}"), []int{12}},
		{"no h1", RuleHeadingH1, replace("## How it works under the hood", "## How it works under the hood\n\n```python\n# not a heading\n```"), nil},
		{"h1 in body", RuleHeadingH1, replace("## When to use", "# Task debouncing\n\nIntro.\n\n## When to use"), []int{8}},
		{"setext h1", RuleHeadingH1, replace("## When to use", "Task debouncing\n===\n\n## When to use"), []int{8}},
		{"heading increment ok", RuleHeadingIncrement, replace("The key is stored", "### Keys\n\n#### Expiry\n\nThe key is stored"), nil},
		{"heading skips a level", RuleHeadingIncrement, replace("The key is stored", "#### Expiry\n\nThe key is stored"), []int{23}},
		{"fence with language", RuleCodeFenceLanguage, good, nil},
		{"fence without language", RuleCodeFenceLanguage, replace("```python", "```"), []int{14}},
		{"tilde fence without language", RuleCodeFenceLanguage, strings.Replace(replace("```python", "~~~"), "```\n\n## How it", "~~~\n\n## How it", 1), []int{14}},
		{"encoding ok", RuleEncoding, good, nil},
		{"not UTF-8", RuleEncoding, replace("into one run.", "into one \xff run."), []int{6}},
		{"suppressed next line", RuleHeadingIncrement, replace("The key is stored", "{/* handbook-lint-disable-next-line heading-increment */}\n#### Expiry\n\nThe key is stored"), nil},
		{"next-line suppression is one line only", RuleHeadingIncrement, replace("The key is stored", "{/* handbook-lint-disable-next-line heading-increment */}\n\n#### Expiry\n\nThe key is stored"), []int{25}},
		{"suppression naming a real rule", RuleSuppressionUnknown, "{/* handbook-lint-disable code-fence-language */}\n" + good, nil},
		{"suppression with a typo", RuleSuppressionUnknown, replace("The key is stored", "{/* handbook-lint-disable-next-line heading-incremnt */}\nThe key is stored"), []int{23}},
		{"fence in a JSX block", RuleCodeFenceLanguage, replace("The key is stored", "<CodeGroup>\n```\nx = 1\n```\n</CodeGroup>\n\nThe key is stored"), []int{24}},
		{"labelled fence in a JSX block", RuleCodeFenceLanguage, replace("The key is stored", "<CodeGroup>\n```python lock.py\nx = 1\n```\n</CodeGroup>\n\nThe key is stored"), nil},
		{"suppressed for the file", RuleCodeFenceLanguage, "{/* handbook-lint-disable code-fence-language, heading-increment */}\n" + replace("```python", "```"), nil},
	}
	ws := testWorkspace(t, "")
	l, err := New(ws)
	must(t, err)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := l.File(filepath.Join(ws.Root, "elsewhere", "task-debouncing.mdx"), []byte(tc.src))
			if tc.rule == "" {
				if len(got) > 0 {
					t.Fatalf("want no findings, got %v", got)
				}
				return
			}
			var lines []int
			for _, f := range got {
				if f.Rule == tc.rule {
					lines = append(lines, f.Line)
				}
			}
			if !slices.Equal(lines, tc.want) {
				t.Errorf("%s: lines %v, want %v\nall findings: %v", tc.rule, lines, tc.want, got)
			}
		})
	}
}

// TestScaffoldFailsUntilWritten: an entry exactly as `handbook new` renders
// it fails with one placeholder finding per unwritten section and nothing
// confusing beside them.
func TestScaffoldFailsUntilWritten(t *testing.T) {
	src, err := templates.Render("embedded", templates.BackendDevelopment, templates.Data{
		Title: "Task debouncing", Description: "Run a task once for a burst of triggers.", Summary: "Debouncing merges calls.",
	})
	must(t, err)
	ws := testWorkspace(t, "")
	l, err := New(ws)
	must(t, err)
	var rules []string
	for _, f := range l.File("task-debouncing.mdx", []byte(src)) {
		rules = append(rules, f.Rule)
	}
	if want := []string{RulePlaceholder, RulePlaceholder, RulePlaceholder}; !slices.Equal(rules, want) {
		t.Errorf("rules %v, want %v\n%s", rules, want, src)
	}
}

// Missing sections are reported where they belong, once for a run of them.
func TestSectionMissingPlace(t *testing.T) {
	fm := "---\ntitle: \"Lock\"\ndescription: \"A lock.\"\n---\n\nA lock.\n\n"
	for _, tc := range []struct {
		name, body string
		line       int
		msg        string
	}{
		{"all three, before the first ##", "## Overview\n\nText.\n\n```python\n# code\n```\n", 8,
			`required sections "When to use this concept", "How to use this concept" and "How it works" are missing; add ` + "`## When to use this concept`, `## How to use this concept` and `## How it works`" + `, in this order, before "Overview"`},
		{"the last, after the previous and never in its fence", "## When to use\n\nText.\n\n## How to use\n\nText.\n\n```text\n## How it works\n```\n", 12,
			`required section "How it works" is missing; add a ` + "`## How it works`" + ` section after "How to use" (any heading starting with "How it works" matches)`},
		{"the middle, at the heading after the previous", "## When to use\n\nText.\n\n## How it works\n\nText.\n", 12,
			`required section "How to use this concept" is missing; add a ` + "`## How to use this concept`" + ` section after "When to use", before "How it works" (any heading starting with "How to use" matches)`},
		{"the first two, before the next required one", "## Overview\n\nText.\n\n## How it works\n\nText.\n", 12,
			`required sections "When to use this concept" and "How to use this concept" are missing; add ` + "`## When to use this concept` and `## How to use this concept`" + `, in this order, before "How it works"`},
		{"no sections at all: after the summary", "", 6, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := testWorkspace(t, "")
			l, err := New(ws)
			must(t, err)
			var got []Finding
			for _, f := range l.File("lock.mdx", []byte(fm+tc.body)) {
				if f.Rule == RuleSectionMissing {
					got = append(got, f)
				}
			}
			if len(got) != 1 || got[0].Line != tc.line || tc.msg != "" && got[0].Message != tc.msg {
				t.Errorf("got %+v\nwant one finding at line %d: %s", got, tc.line, tc.msg)
			}
		})
	}
}

// A message that quotes the entry escapes its control characters: an ANSI
// escape in an expression must not reach the terminal (it could clear it).
func TestMessagesEscapeControlCharacters(t *testing.T) {
	l := testLinter(t)
	src := []byte("---\ntitle: \"T\"\ndescription: \"D\"\n---\n\nSummary {\x1b[2J\x1b[31mx y}.\n")
	found := false
	for _, f := range l.File("x.mdx", src) {
		if strings.ContainsAny(f.Message, "\x1b\x07") {
			t.Errorf("%s: the message holds a raw control character: %q", f.Rule, f.Message)
		}
		if f.Rule == RuleMDXSyntax && strings.Contains(f.Message, `\x1b[2J`) {
			found = true
		}
	}
	if !found {
		t.Error("no mdx-syntax finding quoting the escape as \\x1b")
	}
}
