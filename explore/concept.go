package explore

import (
	"strings"

	"github.com/handbook-dev/handbook/internal/cli"
)

// Concept is what the user looks for, split into lower-case words, with the
// spellings of its last word (the head noun: "lock" in distributed-lock) that
// count as the same concept.
type Concept struct {
	Words []string
	// root is the last word without its inflection ("lock", "debounc");
	// suffixes are the endings that make a form of it ("", "s", "er", ...).
	root     string
	suffixes []string
	display  []string
}

// ParseConcept splits a slug, words or a CamelCase name into words:
// "distributed-lock", "distributed lock" and "DistributedLock" all give
// [distributed lock]. A concept without letters or digits is a usage error.
func ParseConcept(s string) (*Concept, error) {
	words := splitWords(s)
	if len(words) == 0 {
		return nil, cli.Usagef("concept %q has no letters or digits (a-z, 0-9); pass a slug or words, e.g. distributed-lock", s)
	}
	c := &Concept{Words: words}
	c.root, c.suffixes, c.display = inflect(words[len(words)-1])
	return c, nil
}

// Phrase is the concept as words separated by spaces.
func (c *Concept) Phrase() string { return strings.Join(c.Words, " ") }

// Terms lists what is searched, for people and scripts: the phrase, its
// single words, then the other forms of the last word.
func (c *Concept) Terms() []string {
	terms := []string{c.Phrase()}
	seen := map[string]bool{c.Phrase(): true}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	if len(c.Words) > 1 {
		for _, w := range c.Words {
			add(w)
		}
	}
	for _, suf := range c.display {
		add(c.root + suf)
	}
	return terms
}

// splitWords cuts at every non-alphanumeric byte and at camel humps
// ("distributedLock", "HTTPServer"), lower-casing ASCII.
func splitWords(s string) []string {
	var words []string
	b := []byte(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToLower(string(b[start:end])))
		}
		start = -1
	}
	for i := 0; i < len(b); i++ {
		if !isAlnum(b[i]) {
			flush(i)
			continue
		}
		if start >= 0 && humpAt(b, i) {
			flush(i)
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(b))
	return words
}

// inflect returns the root of a word and the endings that make its forms,
// undoing one common ending first so that a concept named by any form finds
// all the others: lock, locker and locking all give lock + {"", s, ing, ed,
// er, ...}; debouncer and debounce give debounc + {e, es, ing, ed, er, ...};
// retry gives retr + {y, ies, ied, ...}. display lists the forms worth
// showing in the terms.
func inflect(w string) (root string, suffixes, display []string) {
	stem := w
	if !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		for _, suf := range []string{"ies", "ied", "ers", "er", "ing", "ed", "es", "s"} {
			if len(w)-len(suf) < 3 || !strings.HasSuffix(w, suf) {
				continue
			}
			stem = w[:len(w)-len(suf)]
			switch suf {
			case "ies", "ied":
				stem += "y"
			case "es":
				if !strings.HasSuffix(stem, "s") && !strings.HasSuffix(stem, "x") && !strings.HasSuffix(stem, "ch") && !strings.HasSuffix(stem, "sh") {
					stem += "e" // caches → cache, but boxes → box
				}
			case "ers", "er", "ing", "ed":
				// stopping → stop; the e that debouncing lost is
				// covered by the e-endings below.
				if n := len(stem); stem[n-1] == stem[n-2] && !isVowel(stem[n-1]) && stem[n-1] != 's' && stem[n-1] != 'l' {
					stem = stem[:n-1]
				}
			}
			break
		}
	}
	n := len(stem)
	last := stem[n-1]
	switch {
	case last == 'y' && n >= 3 && !isVowel(stem[n-2]):
		root = stem[:n-1]
		suffixes = []string{"y", "ies", "ied", "ier", "iers", "ying", "yer", "yers"}
		display = []string{"y", "ies", "ied", "ying"}
	case last == 'e' && n >= 3:
		root = stem[:n-1]
		suffixes = []string{"e", "es", "ed", "er", "ers", "ing"}
		display = []string{"e", "es", "ed", "er", "ing"}
	default:
		// Without a trailing e we cannot tell caching (cache) from
		// locking (lock): accept both families, a stray "locke" costs
		// nothing.
		root = stem
		suffixes = []string{"", "s", "es", "e", "ed", "er", "ers", "ing"}
		display = []string{"", "s", "ed", "er", "ing"}
		if isAlnum(last) && !isVowel(last) && !isDigit(last) && last != 'w' && last != 'x' && last != 'y' {
			d := string(last)
			suffixes = append(suffixes, d+"ing", d+"ed", d+"er", d+"ers")
		}
		if last == 'c' || last == 'v' || last == 'z' {
			// debouncer → debounc: the forms are debounce, debounced, ...
			display = []string{"e", "es", "ed", "er", "ing"}
		} else if last == 's' || last == 'x' || strings.HasSuffix(stem, "ch") || strings.HasSuffix(stem, "sh") {
			display[1] = "es"
		}
	}
	return root, suffixes, display
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// humpAt reports whether a new word starts at b[i] although b[i-1] is
// alphanumeric too: lower→Upper ("distributedLock"), the last capital of an
// acronym before a lower-case letter ("HTTPServer"), and letter↔digit.
func humpAt(b []byte, i int) bool {
	if i == 0 || i >= len(b) {
		return false
	}
	p, c := b[i-1], b[i]
	switch {
	case isLower(p) && isUpper(c):
		return true
	case isUpper(p) && isUpper(c):
		return i+1 < len(b) && isLower(b[i+1])
	case isDigit(p) != isDigit(c) && isAlnum(p) && isAlnum(c):
		return true
	}
	return false
}

// startsWord reports whether a word may start at b[i].
func startsWord(b []byte, i int) bool {
	return i == 0 || !isAlnum(b[i-1]) || humpAt(b, i)
}

// endsWord reports whether a word may end just before b[i].
func endsWord(b []byte, i int) bool {
	return i >= len(b) || !isAlnum(b[i]) || humpAt(b, i)
}
