// Package templates embeds the default handbook entry template and renders
// templates into entries. It is also the single source of the required
// sections: the linter reads them from the same template that `new` renders.
package templates

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"text/template"
	"unicode/utf8"
)

// BackendDevelopment is the default template for a backend-development entry:
// the template of the handbook-entry process, with the title, description and
// summary as template fields.
//
//go:embed backend-development.mdx
var BackendDevelopment string

// TodoMarker is written into every section `new` leaves unwritten. It sits
// inside an MDX comment so it never renders, and the linter reports it until
// the section is written.
const TodoMarker = "handbook:todo"

// Placeholders are the template's sample texts; an entry that still holds one
// has not been written yet.
var Placeholders = []string{
	"Title of the entry",
	"Short description of the entry",
	"Summary of the concept you want to explain.",
}

// Data fills a template.
type Data struct {
	Title       string
	Description string
	Summary     string
	Slug        string
}

// Funcs are available to templates. `yaml` quotes a value as a YAML
// double-quoted scalar, so a title holding `"`, `:` or `&` reads back as the
// same string.
var Funcs = template.FuncMap{
	"yaml": YAMLString,
}

// YAMLString returns s as a YAML double-quoted scalar that reads back as s.
// Quotes and backslashes are escaped, and so is every character outside
// YAML's printable set (C0 and C1 controls, DEL, U+FFFE/FFFF, surrogates),
// which YAML forbids raw even inside quotes.
func YAMLString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case yamlPrintable(r) && r != utf8.RuneError:
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlPrintable is YAML 1.2's c-printable, less the line breaks and tab
// that YAMLString escapes for one-line output; U+0085 and U+2028/2029 are
// line breaks to YAML too.
func yamlPrintable(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7e:
		return true
	case r == 0x85 || r == 0x2028 || r == 0x2029:
		return false
	case r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return r != 0xfeff // a BOM inside a document is refused by YAML readers
	}
	return false
}

// Render executes the template source src (named name in errors) with data,
// then marks every section left empty with a TodoMarker comment.
func Render(name, src string, data Data) (string, error) {
	t, err := template.New(name).Funcs(Funcs).Option("missingkey=error").Parse(src)
	if err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	return MarkEmptySections(buf.String()), nil
}

// sectionHints say what belongs in the default sections; other sections get
// a generic hint.
var sectionHints = map[string]string{
	"when to use this concept": "In which situations does this concept help? When should it not be used?",
	"how to use this concept":  "How do you use it in practice? Show a short example from the code base.",
	"how it works":             "How does it work under the hood? Reference the code (path:line).",
}

// TodoComment is the comment `new` writes into the unwritten section heading.
func TodoComment(heading string) string {
	hint, ok := sectionHints[strings.ToLower(strings.TrimSpace(heading))]
	if !ok {
		hint = "Write this section."
	}
	return "{/* " + TodoMarker + ": " + hint + " */}"
}

// MarkEmptySections inserts a TodoComment under every `##` heading that has
// no content before the next heading or the end of the document.
func MarkEmptySections(doc string) string {
	lines := strings.SplitAfter(doc, "\n")
	var out strings.Builder
	inFence := ""
	for i, line := range lines {
		out.WriteString(line)
		trimmed := strings.TrimSpace(line)
		if f := fenceOf(trimmed); f != "" {
			if inFence == "" {
				inFence = f
			} else if strings.HasPrefix(trimmed, inFence) && strings.Trim(trimmed, inFence[:1]) == "" {
				inFence = ""
			}
			continue
		}
		if inFence != "" || !strings.HasPrefix(line, "## ") {
			continue
		}
		if sectionIsEmpty(lines[i+1:]) {
			if !strings.HasSuffix(line, "\n") {
				out.WriteString("\n")
			}
			out.WriteString("\n" + TodoComment(strings.TrimPrefix(trimmed, "## ")) + "\n")
		}
	}
	return out.String()
}

func sectionIsEmpty(rest []string) bool {
	for _, l := range rest {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		return strings.HasPrefix(t, "#")
	}
	return true
}

func fenceOf(trimmed string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(trimmed, f) {
			n := len(trimmed) - len(strings.TrimLeft(trimmed, f[:1]))
			return strings.Repeat(f[:1], n)
		}
	}
	return ""
}

// Sections returns the `##` headings of a template, in order, outside code
// fences: the sections every entry made from it must have.
func Sections(src string) []string {
	var out []string
	inFence := ""
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if f := fenceOf(trimmed); f != "" {
			if inFence == "" {
				inFence = f
			} else if strings.HasPrefix(trimmed, inFence) && strings.Trim(trimmed, inFence[:1]) == "" {
				inFence = ""
			}
			continue
		}
		if inFence == "" && strings.HasPrefix(line, "## ") {
			out = append(out, strings.TrimSpace(strings.TrimPrefix(line, "## ")))
		}
	}
	return out
}
