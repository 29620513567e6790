// Package templates embeds the default handbook entry template and renders
// templates into entries. It is also the single source of the required
// sections: the linter reads them from the same template that `new` renders.
package templates

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"text/template"
	"time"
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
	// Sections maps a `##` heading of the template to the text to write
	// under it instead of the todo comment.
	Sections map[string]string
}

// funcs are available to templates (made when a template is parsed, not
// at package init). `yaml` quotes a value as a YAML double-quoted scalar,
// so a title holding `"`, `:` or `&` reads back as the same string.
func funcs() template.FuncMap {
	return template.FuncMap{"yaml": YAMLString}
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
// then fills every empty section: with data.Sections' text for it, else a
// TodoComment.
func Render(name, src string, data Data) (string, error) {
	t, err := template.New(name).Funcs(funcs()).Option("missingkey=error").Parse(src)
	if err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	out, err := execute(t, data)
	if err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	doc, unused := FillSections(out, data.Sections)
	if len(unused) > 0 {
		return "", fmt.Errorf("template %s has no empty section %q to write into", name, unused[0])
	}
	return doc, nil
}

// Bounds of template execution: a template is code from the repository, and
// nested {{define}}s can multiply output (or loop) without end.
var (
	MaxOutput   = 1 << 20         // bytes of rendered entry
	MaxDuration = 5 * time.Second // wall time of one execution
)

// errTooLong stops an execution whose output passed MaxOutput.
var errTooLong = errors.New("output too long")

type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errTooLong
	}
	return b.Buffer.Write(p)
}

// execute runs t with both bounds. An execution past MaxDuration is left
// to finish in the background (text/template cannot be stopped); the
// command is failing and exits anyway.
func execute(t *template.Template, data Data) (string, error) {
	buf := &limitedBuffer{max: MaxOutput}
	done := make(chan error, 1)
	go func() { done <- t.Execute(buf, data) }()
	timer := time.NewTimer(MaxDuration)
	defer timer.Stop()
	select {
	case err := <-done:
		if errors.Is(err, errTooLong) {
			return "", fmt.Errorf("the rendered entry is longer than %d KiB; check the template for {{define}}s that call each other or loops", MaxOutput>>10)
		}
		if err != nil {
			return "", err
		}
		return buf.String(), nil
	case <-timer.C:
		return "", fmt.Errorf("rendering took longer than %s; check the template for {{define}}s that call each other or loops", MaxDuration)
	}
}

// sectionHint says what belongs in a default section (heading in lower
// case); other sections get a generic hint.
func sectionHint(heading string) string {
	switch heading {
	case "when to use this concept":
		return "In which situations does this concept help? When should it not be used?"
	case "how to use this concept":
		return "How do you use it in practice? Show a short example from the code base."
	case "how it works":
		return "How does it work under the hood? Reference the code (path:line)."
	}
	return "Write this section."
}

// TodoComment is the comment `new` writes into the unwritten section heading.
func TodoComment(heading string) string {
	return "{/* " + TodoMarker + ": " + sectionHint(strings.ToLower(strings.TrimSpace(heading))) + " */}"
}

// FillSections writes under every empty `##` section the text texts holds
// for its heading (keys compare case-insensitively), else a TodoComment. It
// returns the keys of texts that matched no empty section, in sorted order.
func FillSections(doc string, texts map[string]string) (string, []string) {
	byHeading := make(map[string]string, len(texts))
	for k, v := range texts {
		byHeading[strings.ToLower(strings.TrimSpace(k))] = v
	}
	used := map[string]bool{}
	lines := strings.SplitAfter(doc, "\n")
	var out strings.Builder
	headingAt := map[int]string{}
	for _, h := range scanHeadings(lines) {
		if h.level == 2 {
			headingAt[h.line] = h.text
		}
	}
	for i, line := range lines {
		out.WriteString(line)
		heading, ok := headingAt[i]
		if !ok || !sectionIsEmpty(lines[i+1:]) {
			continue
		}
		if !strings.HasSuffix(line, "\n") {
			out.WriteString("\n")
		}
		key := strings.ToLower(heading)
		body, given := byHeading[key]
		if given && strings.TrimSpace(body) != "" {
			used[key] = true
			body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
		} else {
			body = TodoComment(heading)
		}
		out.WriteString("\n" + body + "\n")
		if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			out.WriteString("\n") // keep a blank line before the next heading
		}
	}
	var unused []string
	for k, v := range byHeading {
		if !used[k] && strings.TrimSpace(v) != "" {
			unused = append(unused, k)
		}
	}
	sort.Strings(unused)
	return out.String(), unused
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

// heading is an ATX heading found outside code fences.
type heading struct {
	line  int // 0-based line index
	level int
	text  string
}

// scanHeadings finds ATX headings, skipping fenced code (``` and ~~~, with
// a closing fence at least as long as the opening one).
func scanHeadings(lines []string) []heading {
	var out []heading
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if f := fenceOf(trimmed); f != "" {
			switch {
			case fence == "":
				fence = f
			case f[0] == fence[0] && len(f) >= len(fence) && strings.Trim(trimmed, f[:1]) == "":
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.HasPrefix(line, "#") {
			continue
		}
		level := len(line) - len(strings.TrimLeft(line, "#"))
		rest := line[level:]
		if level > 6 || (rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r') {
			continue
		}
		out = append(out, heading{line: i, level: level, text: strings.TrimSpace(rest)})
	}
	return out
}

// fenceOf returns the run of fence characters a line opens or closes a code
// fence with, or "".
func fenceOf(trimmed string) string {
	for _, c := range []string{"`", "~"} {
		n := len(trimmed) - len(strings.TrimLeft(trimmed, c))
		if n >= 3 {
			return trimmed[:n]
		}
	}
	return ""
}

// Sections returns the `##` headings of a template, in order, outside code
// fences: the sections every entry made from it must have.
func Sections(src string) []string {
	var out []string
	for _, h := range scanHeadings(strings.SplitAfter(src, "\n")) {
		if h.level == 2 {
			out = append(out, h.text)
		}
	}
	return out
}
