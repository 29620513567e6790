package validate

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/handbook-dev/handbook/workspace"
)

// Suppression comments:
//
//	{/* handbook-lint-disable RULE[,RULE] */}            the whole file
//	{/* handbook-lint-disable-next-line RULE[,RULE] */}  the line after the comment
//
// With no rule named, every rule is disabled.
const (
	disableFile     = "handbook-lint-disable"
	disableNextLine = "handbook-lint-disable-next-line"
)

type suppression struct {
	file  map[string]bool         // "" means every rule
	lines map[int]map[string]bool // line → rules
}

func suppressions(d *Document) suppression {
	var s suppression
	sep := func(r rune) bool { return r == ',' || unicode.IsSpace(r) }
	for _, c := range d.Comments {
		if !strings.HasPrefix(strings.TrimLeftFunc(c.Text, sep), disableFile) {
			continue // both directives start so; most comments are notes
		}
		words := strings.FieldsFunc(c.Text, sep)
		if len(words) == 0 || words[0] != disableFile && words[0] != disableNextLine {
			continue
		}
		directive := words[0]
		rules := map[string]bool{}
		for _, r := range words[1:] {
			rules[r] = true
		}
		if len(rules) == 0 {
			rules[""] = true
		}
		if directive == disableFile {
			if s.file == nil {
				s.file = map[string]bool{}
			}
			for r := range rules {
				s.file[r] = true
			}
			continue
		}
		if s.lines == nil {
			s.lines = map[int]map[string]bool{}
		}
		line := d.line(c.End-1) + 1
		if s.lines[line] == nil {
			s.lines[line] = map[string]bool{}
		}
		for r := range rules {
			s.lines[line][r] = true
		}
	}
	return s
}

func (s suppression) suppressed(f Finding) bool {
	if s.file[""] || s.file[f.Rule] {
		return true
	}
	l := s.lines[f.Line]
	return l[""] || l[f.Rule]
}

// suppressionRules reports rule names in suppression comments that are no
// rule: a typo there silently suppresses nothing.
func (c *checker) suppressionRules() {
	for _, cm := range c.doc.Comments {
		words := strings.FieldsFunc(cm.Text, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		if len(words) == 0 || words[0] != disableFile && words[0] != disableNextLine {
			continue
		}
		for _, w := range words[1:] {
			if _, ok := DefaultSeverity[w]; ok {
				continue
			}
			hint := "see `handbook lint --help` for the rule ids"
			if near := closestRule(w); near != "" {
				hint = fmt.Sprintf("did you mean %q?", near)
			}
			c.at(cm.Start, RuleSuppressionUnknown, "%s names no rule %q, so it suppresses nothing; %s", words[0], w, hint)
		}
	}
}

// closestRule is the rule id within edit distance 3 of name, if any.
func closestRule(name string) string { return workspace.Closest(name, RuleIDs(), 3) }
