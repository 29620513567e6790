package validate

import (
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
)

// Template headings are matched by words: case and punctuation do not
// matter, the words "this concept" stand for any words or none, and a
// heading may go on after the template's words. So "When to use task
// debouncing" and "When to use" both satisfy "When to use this concept".

// wildcard stands for "this concept" in a parsed template heading.
const wildcard = "*"

// headingWords splits a heading into lower-case words of letters and digits.
// An ASCII heading (nearly every one) is split without a test per rune:
// every entry's `##` headings are matched, and FieldsFunc's calls of
// unicode.IsLetter were most of that.
func headingWords(s string) []string {
	n, prev := 0, false // words, and whether the byte before was in one
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			})
		}
		in := asciiWordByte(c)
		if in && !prev {
			n++
		}
		prev = in
	}
	if n == 0 {
		return nil
	}
	s = strings.ToLower(s) // the same string when it has no upper case
	words := make([]string, 0, n)
	for i := 0; i < len(s); {
		for i < len(s) && !asciiWordByte(s[i]) {
			i++
		}
		start := i
		for i < len(s) && asciiWordByte(s[i]) {
			i++
		}
		if i > start {
			words = append(words, s[start:i])
		}
	}
	return words
}

// asciiWordByte is unicode.IsLetter || unicode.IsDigit for an ASCII byte.
func asciiWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// templatePattern is a template heading's words with "this concept" as a
// wildcard.
func templatePattern(heading string) []string {
	words := headingWords(heading)
	var out []string
	for i := 0; i < len(words); i++ {
		if words[i] == "this" && i+1 < len(words) && words[i+1] == "concept" {
			out = append(out, wildcard)
			i++
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// matchPattern reports whether heading words satisfy a pattern; the
// pattern implicitly ends with a wildcard.
func matchPattern(pattern, words []string) bool {
	if len(pattern) == 0 {
		return true
	}
	if pattern[0] == wildcard {
		for k := 0; k <= len(words); k++ {
			if matchPattern(pattern[1:], words[k:]) {
				return true
			}
		}
		return false
	}
	return len(words) > 0 && words[0] == pattern[0] && matchPattern(pattern[1:], words[1:])
}

// MatchHeading reports whether a heading satisfies a template heading.
func MatchHeading(templateHeading, heading string) bool {
	return matchPattern(templatePattern(templateHeading), headingWords(heading))
}

// lastPatterns are the patterns of the template headings last matched
// against: a run matches every entry against the same template.
var lastPatterns atomic.Pointer[templatePatternSet]

type templatePatternSet struct {
	tmpl     []string
	patterns [][]string
}

// templatePatterns returns the pattern of each template heading.
func templatePatterns(tmpl []string) [][]string {
	if last := lastPatterns.Load(); last != nil && slices.Equal(last.tmpl, tmpl) {
		return last.patterns
	}
	set := &templatePatternSet{tmpl: slices.Clone(tmpl), patterns: make([][]string, len(tmpl))}
	for i, t := range tmpl {
		set.patterns[i] = templatePattern(t)
	}
	lastPatterns.Store(set)
	return set.patterns
}

// headingWordsCache keeps headingWords' answers (read only) for the
// headings one parse table has seen: entries repeat their template's
// headings, so most `##` headings are split once per worker, not once per
// entry. It is emptied when it reaches maxCachedHeadings.
type headingWordsCache map[string][]string

const maxCachedHeadings = 256

func (c *headingWordsCache) words(heading string) []string {
	if w, ok := (*c)[heading]; ok {
		return w
	}
	if *c == nil || len(*c) >= maxCachedHeadings {
		*c = make(headingWordsCache, 16)
	}
	w := headingWords(heading)
	(*c)[heading] = w
	return w
}

// matchSections gives each `##` section the first template section it
// satisfies that no earlier section took; cache may be nil.
func matchSections(sections []Section, tmpl []string, cache *headingWordsCache) {
	patterns := templatePatterns(tmpl)
	taken := make([]bool, len(tmpl))
	for i := range sections {
		s := &sections[i]
		if s.Level != 2 {
			continue
		}
		var words []string
		if cache != nil {
			words = cache.words(s.Heading)
		} else {
			words = headingWords(s.Heading)
		}
		for k, p := range patterns {
			if !taken[k] && matchPattern(p, words) {
				taken[k] = true
				s.Template, s.TemplateIndex = tmpl[k], k
				break
			}
		}
	}
}
