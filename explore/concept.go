package explore

import (
	"slices"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"

	"github.com/handbook-dev/handbook/internal/cli"
)

// maxWords bounds the words of a concept searched for: a handbook concept
// is a short name, and each word is scanned for. Words past it are shown
// but not searched.
const maxWords = 16

// Concept is what the user looks for, split into lower-case words (small
// words such as "of" and "to" left out unless they are all there is), each
// with the spellings that count as the same word, and the abbreviations,
// synonyms and initials that stand for a word or for the whole concept.
type Concept struct {
	Words []string
	// phrase is every word, searched or not, for messages.
	phrase string
	// all are the words as typed, small words included (for initials).
	all []string
	// terms are the spellings searched in content; nameTerms those and
	// the expansions too costly to scan content for, matched in names.
	terms, nameTerms []term
	// phrases are synonyms of the whole concept in several words
	// (release check, version check for update-check), each a term a
	// word: too costly to scan content for, they are matched in file,
	// folder and defined names, where they must come word after word.
	phrases [][]term
	// keywords is whether a spelling of the concept is a keyword of some
	// language: the same for every analyzer of a search, so found once
	// (see meetsKeywords).
	keywordsOnce sync.Once
	keywords     bool
}

// term is one spelling family the matcher looks for.
type term struct {
	word int    // index into Words, or wordPhrase for the whole concept
	text string // the spelling that named it (word, synonym, initials)
	syn  bool   // a synonym, abbreviation or the initials, not the word itself
	// root is the prefix every accepted spelling starts with: the
	// matcher's needle.
	root string
	// suffixes are the endings that make a form of root without asking
	// the stemmer (lock+er, debounc+ing); display lists those worth
	// showing.
	suffixes []string
	display  []string
	// stem and norm are the word's Porter2 stem and its derivational
	// normal form (see normStem): a spelling whose stem or normal form
	// equals them is the same word (conversion ↔ convert,
	// notification ↔ notify, fulfillment ↔ fulfil).
	stem, norm string
	// exact terms (short words, digits, abbreviations) accept only
	// themselves and a plural s.
	exact bool
	// participle is set for a word in -ed (distributed): an adjective,
	// whose -ion and -ment nouns (distribution) name something else.
	participle bool
	// ize is set for a word made with -ize or -ise (categorization,
	// authorize): Porter2 strips the ending, so the stemmer alone would
	// join it to the word it was made from (category, author, local,
	// organ), which names something else; see izeForm.
	ize bool
}

// stopWord reports a word left out of a concept's words: such words say
// nothing alone and code often drops them (time_to_live, ttl).
func stopWord[S string | []byte](w S) bool {
	switch string(w) {
	case "a", "an", "the", "of", "to", "for", "in", "on", "by", "and", "or", "with", "per", "at", "from":
		return true
	}
	return false
}

// singleLetter reports a word of one letter (the x of lock-x, the b of
// a-b-testing): searched alone it matches in every file (golang.org/x,
// x509, b.Run), so it is left out like a stop word, unless the concept
// writes it joined to digits (s3, x509: see conceptWords, which keeps
// those one word, and joinedToDigit). Digits stay, since code writes them
// joined to their word (oauth2).
func singleLetter(w string) bool {
	return len(w) == 1 && w[0] >= 'a' && w[0] <= 'z'
}

// joinedToDigit reports whether the letter l (lower case) stands next to
// a digit somewhere in the concept as written (s3-uploads, X509).
func joinedToDigit(s string, l byte) bool {
	isDigit := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c == l && (isDigit(i-1) || isDigit(i+1)) {
			return true
		}
	}
	return false
}

// ParseConcept splits a slug, words or a CamelCase name into words:
// "distributed-lock", "distributed lock" and "DistributedLock" all give
// [distributed lock]. A concept without letters or digits is a usage error.
func ParseConcept(s string) (*Concept, error) {
	return parseConcept(s, nil)
}

// checkConcept returns parseConcept's errors without parsing.
func checkConcept(s string) error {
	if len(splitWords(s)) == 0 {
		return noWords(s)
	}
	return onlyStopWords(s, conceptWords(s))
}

// onlyStopWords refuses a concept whose words are all stop words ("the",
// "of and"): they occur in nearly every file, so the search would rank
// noise. A lone letter is still searched for (it may be a name).
func onlyStopWords(s string, words []string) error {
	for _, w := range words {
		if !stopWord(w) {
			return nil
		}
	}
	return cli.Usagef("concept %q has only common words (%s), which nearly every file holds; name the thing to find, e.g. distributed-lock", s, strings.Join(words, ", "))
}

func noWords(s string) error {
	return cli.Usagef("concept %q has no letters or digits (a-z, 0-9); pass a slug or words, e.g. distributed-lock", s)
}

// parseConcept is ParseConcept with more synonym groups (from
// .handbook.yaml) tried before the built-in ones.
func parseConcept(s string, extra [][]string) (*Concept, error) {
	all := conceptWords(s)
	if len(all) == 0 {
		return nil, noWords(s)
	}
	if err := onlyStopWords(s, all); err != nil {
		return nil, err
	}
	var words []string
	for _, w := range all {
		if !stopWord(w) && !(singleLetter(w) && !joinedToDigit(s, w[0])) {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		// Only lone letters (and stop words): the letters are the name.
		for _, w := range all {
			if !stopWord(w) {
				words = append(words, w)
			}
		}
	}
	c := &Concept{phrase: strings.Join(words, " ")}
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	c.Words, c.all = words, all[:min(len(all), 4*maxWords)]
	for i, w := range words {
		c.terms = append(c.terms, newTerm(i, w, false))
	}
	c.expand(extra)
	return c, nil
}

// newTerm builds the spelling family of one word.
func newTerm(word int, w string, syn bool) term {
	t := term{word: word, text: w, syn: syn}
	if len(w) < 3 || !isLetters(w) {
		t.exact = true
		t.root = w
		t.suffixes = []string{"", "s"}
		t.display = []string{""}
		return t
	}
	root, suffixes, display := inflect(w)
	t.participle = len(w) >= 6 && strings.HasSuffix(w, "ed")
	t.ize = izeForm(w)
	t.stem = stem(w)
	t.norm = normStem(t.stem)
	// The needle is what all spellings share: the inflection root and
	// the stemmer's normal form (conversion: conversion, convers,
	// conver → conver, which convert also starts with).
	t.root = commonPrefix(root, t.norm)
	if len(t.root) < 3 {
		t.root = root
	}
	// The inflection endings are relative to the inflection root.
	for _, s := range suffixes {
		t.suffixes = append(t.suffixes, root[len(t.root):]+s)
	}
	for _, s := range display {
		t.display = append(t.display, root[len(t.root):]+s)
	}
	return t
}

// normStem undoes the endings Porter2 leaves that still tell derived words
// apart from their verb: notif-i (notify) ↔ notif (notification),
// conver-s (conversion) ↔ conver-t (convert). Only stems of six letters or
// more, so that short words keep their ending.
func normStem(s string) string {
	if len(s) >= 6 && s[len(s)-1] == 'i' {
		s = s[:len(s)-1]
	}
	if n := len(s); n >= 6 && (s[n-1] == 's' || s[n-1] == 't') && (s[n-2] == 'r' || s[n-2] == 'n' || s[n-2] == 'l') {
		s = s[:n-1]
	}
	return s
}

func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a[:n]
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isLower(w[i]) {
			return false
		}
	}
	return true
}

// accepts reports whether the lower-case token (a whole word of the code:
// "locker", "conversions") is a spelling of the term. suffix is the token
// after the root.
func (t *term) accepts(token, suffix string) bool {
	for _, s := range t.suffixes {
		if suffix == s {
			return true
		}
	}
	if t.exact || !isLetters(token) {
		return false
	}
	if t.participle && hasAnySuffix(token, derivedNouns) {
		return false // Porter2 joins distributed and distribution
	}
	if izeForm(token) != t.ize {
		return false // categorization is no category, authorize no author
	}
	st := english.Stem(token, false)
	return st == t.stem || normStem(st) == t.norm
}

// izeForm reports a word made with -ize or -ise (categorize,
// categorization, authoriser, customizable): the action or the process
// of the word before it, which is another thing (category, author,
// custom). Four letters at least before the ending (size, raise, noise
// are words of their own), and not a verb only ever spelt -ise (promise,
// exercise, advertise).
func izeForm(w string) bool {
	for _, mid := range []string{"iz", "is"} {
		for _, end := range izeFormEndings {
			e := mid + end
			if strings.HasSuffix(w, e) && len(w)-len(e) >= 4 {
				return mid == "iz" || strings.HasPrefix(end, "ation") || !iseOnly(w)
			}
		}
	}
	return false
}

// izeEnding reports whether s is all an -ize ending (ization, ised).
func izeEnding(s string) bool {
	for _, mid := range []string{"iz", "is"} {
		if strings.HasPrefix(s, mid) && slices.Contains(izeFormEndings, s[len(mid):]) {
			return true
		}
	}
	return false
}

// izeFormEndings follow -iz- or -is- in a verb, its noun or adjective.
// (izeEndings and two more, written out so that the list is laid out by
// the compiler, not built at package init.)
var izeFormEndings = []string{"ation", "ations", "e", "es", "ed", "ing", "er", "ers", "able", "ability"}

// acceptsFold is accepts for a word of a name in any case; it allocates
// only for a word that starts with the root.
func (t *term) acceptsFold(tok []byte) bool {
	if !hasPrefixFold(tok, []byte(t.root)) {
		return false
	}
	lw := lowerASCII(tok)
	return t.accepts(lw, lw[len(t.root):])
}

// derivedNouns end the nouns a verb derives, which an adjective in -ed
// does not share a meaning with (distributed lock, distribution list).
var derivedNouns = []string{"ion", "ions", "ment", "ments"}

// Phrase is the concept as words separated by spaces.
func (c *Concept) Phrase() string { return c.phrase }

// Terms lists what is searched, for people and scripts: the phrase, its
// single words, the other forms of each word, then synonyms and
// abbreviations.
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
	// The forms of the last word, the head noun, are worth showing; the
	// others' are found all the same.
	for _, t := range c.terms {
		if !t.syn && t.word == len(c.Words)-1 {
			for _, suf := range t.display {
				add(t.root + suf)
			}
		}
	}
	for _, t := range c.nameTerms {
		if t.syn {
			add(t.text)
		}
	}
	for _, p := range c.phrases {
		words := make([]string, len(p))
		for i := range p {
			words[i] = p[i].text
		}
		add(strings.Join(words, " "))
	}
	return terms
}

// conceptWords is splitWords for a concept as typed, but a single letter
// written joined to digits stays one word with them: s3, x509, k8s, e2e and
// i18n are names, and their letters alone (s, x, k, e) are in every file.
// A word of two letters or more keeps its digits apart (oauth2: oauth and
// 2), since code also writes it without them.
func conceptWords(s string) []string {
	var words []string
	for _, chunk := range strings.FieldsFunc(s, func(r rune) bool { return r >= 0x80 || !isAlnum(byte(r)) }) {
		parts := splitWords(chunk)
		for i := 0; i < len(parts); i++ {
			w := parts[i]
			for i+1 < len(parts) && letterAndDigits(parts[i], parts[i+1]) {
				i++
				w += parts[i]
			}
			words = append(words, w)
		}
	}
	return words
}

// letterAndDigits reports a single letter next to a run of digits, in
// either order.
func letterAndDigits(a, b string) bool {
	digits := func(w string) bool {
		for i := 0; i < len(w); i++ {
			if !isDigit(w[i]) {
				return false
			}
		}
		return true
	}
	return len(a) == 1 && isLower(a[0]) && digits(b) || len(b) == 1 && isLower(b[0]) && digits(a)
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
// showing in the terms. The stemmer covers the rest (see term.accepts).
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

// wordEnd returns where the word starting at or running through b[i] ends.
func wordEnd(b []byte, i int) int {
	for i < len(b) && !endsWord(b, i) {
		i++
	}
	return i
}
