package templates

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

func TestDefaultTemplateIsTheProcessTemplate(t *testing.T) {
	out, err := Render("embedded", BackendDevelopment, Data{
		Title: "Title of the entry", Description: "Short description of the entry",
		Summary: "Summary of the concept you want to explain.",
	})
	if err != nil {
		t.Fatal(err)
	}
	// The template of the handbook-entry process, plus the todo comments.
	want := "---\ntitle: \"Title of the entry\"\ndescription: \"Short description of the entry\"\n---\n\n" +
		"Summary of the concept you want to explain.\n\n## When to use this concept\n\n## How to use this concept\n\n## How it works\n"
	var stripped []string
	for _, l := range strings.SplitAfter(out, "\n") {
		if strings.Contains(l, TodoMarker) {
			continue
		}
		stripped = append(stripped, l)
	}
	got := strings.TrimRight(strings.ReplaceAll(strings.Join(stripped, ""), "\n\n\n", "\n\n"), "\n") + "\n"
	if got != want {
		t.Errorf("rendered default template:\n%s\nwant:\n%s", got, want)
	}
}

func TestSections(t *testing.T) {
	src := "---\ntitle: x\n---\n\n## One\n\n```md\n## Not a section\n```\n\n### Sub\n\n## Two  \n"
	got := Sections(src)
	if strings.Join(got, "|") != "One|Two" {
		t.Errorf("Sections = %q", got)
	}
	if got := Sections(BackendDevelopment); strings.Join(got, "|") != "When to use this concept|How to use this concept|How it works" {
		t.Errorf("default sections = %q", got)
	}
}

// With no texts, every empty section gets its todo comment.
func TestFillSectionsMarksEmptySections(t *testing.T) {
	tests := []struct{ in, want string }{
		{"## A\n\ntext\n\n## B\n", "## A\n\ntext\n\n## B\n\n{/* handbook:todo: Write this section. */}\n"},
		{"## A\n### Sub\n", "## A\n\n{/* handbook:todo: Write this section. */}\n\n### Sub\n"},
		{"```\n## A\n```\n", "```\n## A\n```\n"},
		{"## How it works", "## How it works\n\n" + TodoComment("How it works") + "\n"},
	}
	for _, tt := range tests {
		if got, _ := FillSections(tt.in, nil); got != tt.want {
			t.Errorf("FillSections(%q, nil) =\n%q\nwant\n%q", tt.in, got, tt.want)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	if _, err := Render("t.mdx", "{{ .Nope }", Data{}); err == nil || !strings.Contains(err.Error(), "t.mdx") {
		t.Errorf("parse error = %v", err)
	}
	if _, err := Render("t.mdx", "{{ .Nope }}", Data{}); err == nil {
		t.Error("unknown field must fail")
	}
}

func yamlRoundTrip(t *testing.T, s string) {
	t.Helper()
	var m map[string]any
	doc := "title: " + YAMLString(s) + "\n"
	if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatalf("%q: %v\n%s", s, err, doc)
	}
	if m["title"] != s {
		t.Fatalf("%q read back as %#v", s, m["title"])
	}
}

func TestYAMLString(t *testing.T) {
	for _, s := range []string{`Locks: "who" & why`, `C:\path`, "yes", "- x", "#1", "a\tb", "null", "~", "'q'", "é ✓", "\u2028", "{{x}}"} {
		yamlRoundTrip(t, s)
	}
}

func FuzzYAMLString(f *testing.F) {
	for _, s := range []string{`a: "b"`, `\`, "&x *y", "\x00", "\u2029", "%YAML"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("titles are validated as UTF-8 before rendering")
		}
		yamlRoundTrip(t, s)
	})
}

func TestFillSections(t *testing.T) {
	doc := "## When to use this concept\n\n## Custom\n\ntext\n\n## How it works\n"
	got, unused := FillSections(doc, map[string]string{"how it works": "Redis.\n", "custom": "ignored: not empty", "Nope": "x"})
	want := "## When to use this concept\n\n" + TodoComment("When to use this concept") + "\n\n## Custom\n\ntext\n\n## How it works\n\nRedis.\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Join(unused, ",") != "custom,nope" {
		t.Errorf("unused = %q", unused)
	}
}

// Template execution is bounded in output and time (issue 8, item 13).
func TestRenderBounds(t *testing.T) {
	// Each level doubles the output: 2^40 copies without a bound.
	var b strings.Builder
	b.WriteString(`{{define "l0"}}xxxxxxxxxxxxxxxx{{end}}`)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, `{{define "l%d"}}{{template "l%d"}}{{template "l%d"}}{{end}}`, i, i-1, i-1)
	}
	b.WriteString(`{{template "l40"}}`)
	start := time.Now()
	_, err := Render("nested.mdx", b.String(), Data{})
	if err == nil || !strings.Contains(err.Error(), "longer than 1024 KiB") {
		t.Errorf("nested defines: err = %v", err)
	}
	if d := time.Since(start); d > MaxDuration {
		t.Errorf("nested defines took %s", d)
	}

	defer func(d time.Duration) { MaxDuration = d }(MaxDuration)
	MaxDuration = 50 * time.Millisecond
	_, err = Render("loop.mdx", `{{range 100000000000}}{{end}}`, Data{})
	if err == nil || !strings.Contains(err.Error(), "rendering took longer than 50ms") {
		t.Errorf("endless loop: err = %v", err)
	}
}
