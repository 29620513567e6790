package scaffold

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/templates"
	"github.com/handbook-dev/handbook/validate"
)

// Section states, as draft reports them.
const (
	StateWritten     = "written"
	StateMissing     = "missing"
	StateEmpty       = "empty"
	StatePlaceholder = "placeholder"
)

// SectionState is one template section of an entry.
type SectionState struct {
	Heading string `json:"heading"` // the template's heading
	State   string `json:"state"`
	Line    int    `json:"line,omitempty"` // where it is, 0 when missing
	Filled  bool   `json:"filled"`         // draft wrote text into it
}

// target is a template section of an entry, with where it sits.
type target struct {
	SectionState
	index   int                // in the template
	section *validate.Section  // nil when missing
	todo    []validate.Comment // handbook:todo comments in its body
	// firstH2 is where the entry's first `##` heading starts, -1 when it
	// has none: where a missing section goes when no template section is
	// there to place it by (lint's missingPlace says the same).
	firstH2 int
}

// PlaceError is an entry whose shape draft will not guess about; the file
// is left untouched.
type PlaceError struct {
	Path    string
	Line    int
	Heading string
	Why     string
}

func (e *PlaceError) Error() string {
	return fmt.Sprintf("%s:%d: cannot place the section %q: %s; nothing was written", e.Path, e.Line, e.Heading, e.Why)
}

// planDraft finds each template section in the entry. It refuses entries
// where a section's place is ambiguous: a heading that satisfies a template
// section twice, or a template heading that only appears inside a JSX block
// or comment, where Markdown does not see it.
func planDraft(path string, doc *validate.Document, tmpl []string) ([]target, error) {
	targets := make([]target, len(tmpl))
	for i, h := range tmpl {
		targets[i] = target{SectionState: SectionState{Heading: h, State: StateMissing}, index: i}
	}
	firstH2 := -1
	for i := range doc.Sections {
		if doc.Sections[i].Level == 2 {
			firstH2 = doc.Sections[i].HeadingStart
			break
		}
	}
	for i := range targets {
		targets[i].firstH2 = firstH2
	}
	for i := range doc.Sections {
		s := &doc.Sections[i]
		if s.Level != 2 {
			continue
		}
		if s.Template == "" {
			for _, h := range tmpl {
				if validate.MatchHeading(h, s.Heading) {
					first := targets[indexOf(tmpl, h)].section
					line := 0
					if first != nil {
						line = first.StartLine
					}
					return nil, &PlaceError{Path: path, Line: s.StartLine, Heading: h,
						Why: fmt.Sprintf("it appears twice (lines %d and %d); merge them by hand", line, s.StartLine)}
				}
			}
			continue
		}
		t := &targets[s.TemplateIndex]
		t.section, t.Line = s, s.StartLine
		switch {
		case s.Placeholder:
			t.State = StatePlaceholder
		case s.Empty:
			t.State = StateEmpty
		default:
			t.State = StateWritten
		}
		for _, c := range doc.Comments {
			if c.Start >= s.BodyStart && c.End <= s.BodyEnd && strings.Contains(c.Text, templates.TodoMarker) {
				t.todo = append(t.todo, c)
			}
		}
	}
	// A missing section whose heading stands in the source anyway sits
	// where Markdown cannot see it (inside JSX or a comment).
	seen := map[int]bool{}
	for _, s := range doc.Sections {
		seen[s.StartLine] = true
	}
	for _, t := range targets {
		if t.State != StateMissing {
			continue
		}
		for n, line := range bytes.Split(doc.Src, []byte("\n")) {
			l := strings.TrimSpace(string(line))
			indent := len(line) - len(bytes.TrimLeft(line, " "))
			if indent < 4 && strings.HasPrefix(l, "## ") && !seen[n+1] && validate.MatchHeading(t.Heading, strings.TrimPrefix(l, "## ")) && !inFence(doc, n+1) {
				return nil, &PlaceError{Path: path, Line: n + 1, Heading: t.Heading,
					Why: "its heading is inside a JSX block or comment, where it is not a section; move it out by hand"}
			}
		}
	}
	return targets, nil
}

func inFence(doc *validate.Document, line int) bool {
	for _, f := range doc.Fences {
		if line > f.Line && line <= f.EndLine {
			return true
		}
	}
	return false
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// edit replaces src[from:to] with text.
type edit struct {
	from, to int
	text     string
	order    int
}

// applyDraft writes texts (by template heading) into the sections that are
// not written yet, and appends extra (references) to the section named
// extraHeading. It never touches a written section's text: extra is added
// at the end of it. It returns the new source and marks filled targets.
func applyDraft(src []byte, targets []target, texts map[string]string, extraHeading, extra string) []byte {
	var edits []edit
	for i := range targets {
		t := &targets[i]
		text := strings.TrimSpace(texts[t.Heading])
		add := ""
		if t.Heading == extraHeading && extra != "" {
			add = strings.TrimSpace(extra)
		}
		if text == "" && add == "" {
			continue
		}
		if t.State == StateWritten {
			if add != "" {
				edits = append(edits, appendToSection(src, t.section, add))
				t.Filled = true
			}
			continue
		}
		body := joinParas(text, add)
		switch t.State {
		case StatePlaceholder:
			if text != "" {
				// The prose takes the place of the todo comment.
				for k, c := range t.todo {
					if k == 0 {
						edits = append(edits, edit{c.Start, c.End, body, 0})
					} else {
						edits = append(edits, edit{c.Start, lineEnd(src, c.End), "", 0})
					}
				}
			} else {
				edits = append(edits, appendToSection(src, t.section, add))
			}
		case StateEmpty:
			edits = append(edits, edit{t.section.BodyStart, t.section.BodyStart, "\n" + body + "\n", 0})
		case StateMissing:
			if text == "" {
				body = joinParas(templates.TodoComment(t.Heading), add)
			}
			edits = append(edits, insertSection(src, targets, t.index, "## "+t.Heading+"\n\n"+body+"\n"))
		}
		t.Filled = text != ""
	}
	// Apply from the end so offsets stay valid; of two insertions at the
	// same offset the later section goes first, so it ends up after.
	for i := range edits {
		edits[i].order = i
	}
	sort.Slice(edits, func(i, j int) bool {
		if edits[i].from != edits[j].from {
			return edits[i].from > edits[j].from
		}
		return edits[i].order > edits[j].order
	})
	out := append([]byte(nil), src...)
	for _, e := range edits {
		out = append(out[:e.from], append([]byte(e.text), out[e.to:]...)...)
	}
	return out
}

func joinParas(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n\n")
}

// lineEnd returns the offset after the newline that ends the line holding off.
func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// appendToSection adds text after the last non-blank line of a section.
func appendToSection(src []byte, s *validate.Section, text string) edit {
	end := s.BodyEnd
	for end > s.BodyStart && (src[end-1] == '\n' || src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
		end--
	}
	return edit{end, end, "\n\n" + text, 0}
}

// insertSection places a missing section after the nearest present section
// that comes before it in the template, else before the nearest one after
// it, else before the entry's first `##` section (older entries' Overview),
// else at the end of the entry: where lint says it belongs.
func insertSection(src []byte, targets []target, index int, text string) edit {
	for i := index - 1; i >= 0; i-- {
		if s := targets[i].section; s != nil {
			at := s.BodyEnd
			prefix := ""
			if at > 0 && src[at-1] != '\n' {
				prefix = "\n"
			}
			if !bytes.HasSuffix(src[:at], []byte("\n\n")) {
				prefix += "\n"
			}
			suffix := ""
			if at < len(src) {
				suffix = "\n"
			}
			return edit{at, at, prefix + text + suffix, 0}
		}
	}
	for i := index + 1; i < len(targets); i++ {
		if s := targets[i].section; s != nil {
			return edit{s.HeadingStart, s.HeadingStart, text + "\n", 0}
		}
	}
	if at := targets[index].firstH2; at >= 0 {
		return edit{at, at, text + "\n", 0}
	}
	at := len(src)
	prefix := "\n"
	if at > 0 && src[at-1] != '\n' {
		prefix = "\n\n"
	} else if bytes.HasSuffix(src, []byte("\n\n")) || at == 0 {
		prefix = ""
	}
	return edit{at, at, prefix + text, 0}
}
